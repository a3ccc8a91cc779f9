"""Actors, statements and topics found in a stripped page's title and body.

Runs after stripping, on clean text only, so page furniture (bylines, photo
credits, teasers) never yields an actor or a quote. The byline's author is
not an actor of the article.
"""

from .actors import find_actors
from .page import ExtractedActor
from .statements import find_statements
from .topics import DEFAULT_RULES, article_topics, topic_spans


def analyse(page, topic_rules=None):
    rules = DEFAULT_RULES if topic_rules is None else topic_rules
    body = page.body or ""
    index = find_actors(body, author=page.author, title=page.title)
    # Where each rule matches in the body, found once: the page's topics and each statement's
    # (a statement is a slice of the body) are read from it.
    spans = topic_spans(body, rules)
    statements, _finder = find_statements(body, index, rules, spans)
    # The outlet the page comes from is where the article is published, not one of its actors.
    outlet = _bare_name(page.source)
    page.actors = [
        ExtractedActor(name=c.name, kind=c.kind, mentions=len(c.mentions), role=c.role or None, aliases=c.aliases)
        for c in sorted(index.clusters, key=lambda c: (-len(c.mentions), c.first_position))
        if not (outlet and c.kind == "organisation" and _bare_name(c.name) == outlet)
    ]
    page.statements = statements
    page.topics = article_topics(page.title, body, rules, spans)
    return page


def _bare_name(name):
    words = (name or "").casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)
