"""Titles without a name ("the alliance's secretary general said") resolved by the page's date.

A registry of roles (plain data, loaded by whoever calls: ingest reads it from
the database, actors.models.Role) says who held each title when. A statement
whose source is a title the text gives no name for, and which the page cannot
resolve itself, is given to the title's holder on the page's date; the holder
becomes one of the page's actors. A page without a date, a title two roles
share on that date, or a date no holder covers leaves the title unresolved:
the statement keeps its description and stays unnamed, never guessed.

A variant that does not name the organisation ("the Secretary General") is only
read as the role when the page names the organisation somewhere (one of the
role's context words: "NATO", "alliance"), so a page about the United Nations
does not hand its Secretary General to NATO's.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from .page import ExtractedActor

# Words a source phrase may start with before its title ("Later the alliance's chief added").
LEAD_WORDS = {
    "the", "a", "an", "later", "then", "also", "meanwhile", "earlier", "and", "but", "separately", "afterwards",
    "previously", "now", "yesterday", "today", "however", "so", "still",
}  # fmt: skip


@dataclass(frozen=True)
class Holder:
    name: str
    valid_from: date | None = None  # None: since before anything stored
    valid_to: date | None = None  # None: still in office

    def holds_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Role:
    title: str
    variants: tuple = ()  # other ways of writing the title, each a phrase ("NATO's chief")
    context: tuple = ()  # words naming the organisation; a variant without one needs one on the page
    holders: tuple = field(default_factory=tuple)  # Holder, any order

    def phrases(self):
        return {normal_title(v) for v in (self.title, *self.variants)} - {""}

    def holder_on(self, day):
        found = [h for h in self.holders if h.holds_on(day)]
        # A hand-over day both cover: the one who took office that day.
        found.sort(key=lambda h: h.valid_from or date.min, reverse=True)
        return found[0] if found else None


@lru_cache(maxsize=4096)
def normal_title(text):
    """ "The alliance’s Secretary-General" -> "alliance's secretary general": case, quotes, hyphens, "the" folded.

    Cached: every page with a title-only speaker folds every role's title, variants and context again.
    """
    text = (text or "").replace("’", "'").replace("‘", "'").replace("-", " ").replace("‐", " ").casefold()
    words = re.sub(r"[^\w'.& ]+", " ", text).split()
    while words and words[0] in LEAD_WORDS:
        words = words[1:]
    return " ".join(w.strip(".") if i == len(words) - 1 else w for i, w in enumerate(words)).strip()


def _page_day(published):
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    return None


def _mentions(text, word, folded=None):
    """Whether `text` has `word` as a word. `folded`: _fold(text), for a text searched for many words: a word
    whose folded letters are not in it cannot match, and a substring test is much cheaper than the pattern's
    search of the text."""
    if folded is not None and _fold(word) not in folded:
        return False
    return _word_pattern(word).search(text) is not None


def _fold(text):
    """At least what IGNORECASE equates is made equal: casefold does all of it but the dotless i, which the
    pattern matches with "i" and "I" (checked over every code point)."""
    return text.casefold().replace("ı", "i")


@lru_cache(maxsize=4096)
def _word_pattern(word):
    flags = 0 if word.isupper() else re.IGNORECASE
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", flags)


def needs_titles(page):
    """Whether resolve_titles has anything to do on `page`: a date, and a statement given only to a source it
    describes. Most pages have none, and ingest then reads no registry for them."""
    return _page_day(page.published) is not None and any(s.unnamed and s.source_text for s in page.statements)


def resolve_titles(page, roles):
    """Give the page's title-only speakers to the titles' holders on its date; returns the page.

    Idempotent: a resolved statement is named, so running again changes nothing.
    """
    if not roles or not needs_titles(page):
        return page
    day = _page_day(page.published)
    text = f"{page.title or ''}\n{page.body or ''}"
    folded = _fold(text)
    by_phrase = {}
    for role in roles:
        named_org = any(_mentions(text, w, folded) for w in role.context)
        contexts = {normal_title(w) for w in role.context}
        for phrase in role.phrases():
            # "secretary general" alone needs the organisation on the page; "nato's chief" names it.
            if named_org or not contexts or any(_mentions(phrase, c) for c in contexts):
                by_phrase.setdefault(phrase, []).append(role)
    if not by_phrase:
        return page
    actors = {a.name.casefold(): a for a in page.actors}
    added = set()
    for statement in page.statements:
        if not statement.unnamed or not statement.source_text:
            continue
        candidates = by_phrase.get(normal_title(statement.source_text), [])
        holders = {h for h in (r.holder_on(day) for r in candidates) if h is not None}
        if len(holders) != 1 or len(candidates) != 1:
            continue  # no holder that day, or two roles share the phrase: not guessed
        holder, role = holders.pop(), candidates[0]
        statement.speaker = _page_spelling(holder.name, page.actors)
        statement.unnamed = False
        actor = actors.get(statement.speaker.casefold())
        if actor is None:
            # The title stands for them on the page: a mention per statement it gives them.
            actor = actors[holder.name.casefold()] = ExtractedActor(holder.name, "person", 0, role.title)
            page.actors.append(actor)
            added.add(id(actor))
        if id(actor) in added:
            actor.mentions += 1
    return page


def _page_spelling(name, actors):
    """The page's own spelling of the holder when it names them ("Rutte"), else the registry's."""
    last = name.split()[-1].casefold()
    for actor in actors:
        if actor.kind == "person" and actor.name.split() and actor.name.split()[-1].casefold() == last:
            return actor.name
    return name
