"""Cutting an extracted page's values to the columns they are stored in, with a note for each cut.

SQLite stores a string of any length in a varchar(200); PostgreSQL refuses it,
and the whole page with it (a 5,000-letter capitalised word becomes an actor
whose name does not fit). So values are cut here, on every database alike,
before the page is stored. A name is cut the same way wherever it appears
(actor, alias, speaker), so the page's statements still find their speakers.
An overlong URL is dropped rather than cut: cut, it would lead elsewhere.
"""

from actors.models import Actor, Alias

from .models import Article, Source
from .printable import printable

PREVIEW = 40


def max_length(model, field):
    return model._meta.get_field(field).max_length


def fit_to_columns(page):
    """Cut `page`'s values (an ExtractedPage, changed in place) to their columns; returns a note per value cut."""
    notes = []

    def cut(value, limit, what):
        if value is None or len(value) <= limit:
            return value
        notes.append(f"{what} of {len(value):,} characters cut to {limit}: {printable(value[:PREVIEW])}…")
        return value[:limit]

    page.title = cut(page.title, max_length(Article, "title"), "title")
    page.author = cut(page.author, max_length(Article, "author"), "author")
    page.source = cut(page.source, max_length(Source, "name"), "outlet")
    page.language = cut(page.language, max_length(Article, "language"), "language")
    if page.url and len(page.url) > max_length(Article, "url"):
        notes.append(f"URL of {len(page.url):,} characters left out: {printable(page.url[:PREVIEW])}…")
        page.url = None

    name_limit = min(max_length(Actor, "name"), max_length(Alias, "name"))
    names = {}

    def cut_name(name):
        if name is None or len(name) <= name_limit:
            return name
        if name not in names:
            names[name] = cut(name, name_limit, "name")
        return names[name]

    for actor in page.actors:
        actor.name = cut_name(actor.name)
        actor.aliases = list(dict.fromkeys(cut_name(alias) for alias in actor.aliases))
        actor.role = cut(actor.role, max_length(Actor, "role"), "role")
    for statement in page.statements:
        statement.speaker = cut_name(statement.speaker)
    return notes
