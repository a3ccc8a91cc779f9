"""Writing one extracted page's analysis (actors, mentions, statements, topics) to the database.

Called by ArticleQuerySet.store_extracted inside the page's transaction. What
an analyst did is kept: statements they worked on, speakers they corrected,
topics they added or removed.

Queries are batched by kind (read what the article has, then one insert, one
update and one delete per table), so a page costs about the same number of
queries whether it has two statements or forty: ingest speed is bound by
extraction, not by round trips to the database.
"""

from collections import Counter
from dataclasses import dataclass, field

from actors.models import Actor

from .models import (
    ArticleTopic,
    Mention,
    Statement,
    StatementTopic,
    Topic,
    TopicLink,
    apply_rule_topics,
    statement_fingerprint,
)

STATEMENT_FIELDS = ("text", "kind", "position", "end_position", "cue", "source_description", "unnamed", "speaker_id")


@dataclass
class CountChanges:
    """How a page changed each actor's stored counts: {actor id: +n or -n} (Actor.objects.add_to_counts)."""

    articles: Counter = field(default_factory=Counter)
    statements: Counter = field(default_factory=Counter)


def store_analysis(article, page):
    """Replace the machine's actors, statements and topics on `article` with those of `page`.

    Returns the CountChanges of the actors' article and statement counts,
    which the caller applies: a recount would read every mention of a busy
    actor for each page.
    """
    topics = {t.slug: t.pk for t in Topic.objects.all()}
    actors = Actor.objects.resolve_all(page.actors)
    changes = CountChanges()
    _store_mentions(article, page, actors, changes)
    _store_article_topics(article, [topics[s] for s in page.topics if s in topics])
    _store_statements(article, page, actors, topics, changes)
    return changes


def _store_mentions(article, page, actors, changes):
    """Mentions as the page counts them."""
    counts = {}
    for found in page.actors:
        actor = actors[found.name]
        counts[actor.pk] = counts.get(actor.pk, 0) + found.mentions
    have = {m.actor_id: m for m in Mention.objects.filter(article=article)}
    gone = have.keys() - counts.keys()
    if gone:
        Mention.objects.filter(article=article, actor_id__in=gone).delete_uncounted()
    added = [Mention(article=article, actor_id=pk, count=n) for pk, n in counts.items() if pk not in have]
    Mention.objects.bulk_create(added)
    changes.articles.update({mention.actor_id: 1 for mention in added})
    changes.articles.subtract(dict.fromkeys(gone, 1))
    changed = []
    for pk, n in counts.items():
        if pk in have and have[pk].count != n:
            have[pk].count = n
            changed.append(have[pk])
    Mention.objects.bulk_update(changed, ["count"])


def _store_article_topics(article, wanted):
    links = {link.topic_id: link.origin for link in ArticleTopic.objects.filter(article=article)}
    removed = set(article.removed_topics.values_list("pk", flat=True)) if links or wanted else set()
    apply_rule_topics(ArticleTopic, "article_id", {article.pk: (links, removed, set(wanted))})


def _store_statements(article, page, actors, topics, changes):
    """Statements as the page has them, analyst work kept."""
    existing = {s.fingerprint: s for s in Statement.objects.filter(article=article)}
    changes.statements.subtract(Counter(s.speaker_id for s in existing.values() if s.speaker_id))

    found_by_fingerprint = {}
    for found in page.statements:
        found_by_fingerprint.setdefault(statement_fingerprint(found.text), found)
    # An unnamed source ("a senior official") is described, not an actor: it never gets one.
    named = {fp: f for fp, f in found_by_fingerprint.items() if f.speaker and not f.unnamed}
    unknown_speakers = {f.speaker for f in named.values() if f.speaker not in actors}
    for name in unknown_speakers:
        actors[name] = Actor.objects.resolve(name)

    new, changed = [], []
    for fingerprint, found in found_by_fingerprint.items():
        speaker = actors[found.speaker] if fingerprint in named else None
        values = {
            "text": found.text,
            "kind": found.kind,
            "position": found.position,
            "end_position": found.end,
            "cue": (found.cue or "")[:100],
            "source_description": (found.source_text or "")[:300],
            "unnamed": found.unnamed,
        }
        statement = existing.get(fingerprint)
        if statement is None:
            new.append(
                Statement(
                    article=article, fingerprint=fingerprint, speaker=speaker, published=article.published, **values
                )
            )
            continue
        if not statement.speaker_corrected:
            values["speaker_id"] = speaker.pk if speaker else None
        if any(getattr(statement, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(statement, name, value)
            changed.append(statement)
    Statement.objects.bulk_create(new)
    Statement.objects.bulk_update(changed, STATEMENT_FIELDS)
    dropped = _drop_statements_gone_from_page(article, existing.keys() - found_by_fingerprint.keys())
    kept = [s for s in [*existing.values(), *new] if s.pk not in dropped]
    changes.statements.update(Counter(s.speaker_id for s in kept if s.speaker_id))

    statements = {s.fingerprint: s for s in [*existing.values(), *new] if s.fingerprint in found_by_fingerprint}
    pks = [s.pk for s in statements.values()]
    links, removed = {pk: {} for pk in pks}, {pk: set() for pk in pks}
    if existing:
        for link in StatementTopic.objects.filter(statement_id__in=pks):
            links[link.statement_id][link.topic_id] = link.origin
        for statement_id, topic_id in Statement.removed_topics.through.objects.filter(statement_id__in=pks).values_list(
            "statement_id", "topic_id"
        ):
            removed[statement_id].add(topic_id)
    wanted = {
        statements[fp].pk: (
            links[statements[fp].pk],
            removed[statements[fp].pk],
            {topics[s] for s in found.topics if s in topics},
        )
        for fp, found in found_by_fingerprint.items()
    }
    apply_rule_topics(StatementTopic, "statement_id", wanted)


def _drop_statements_gone_from_page(article, fingerprints):
    """Statements the page no longer has go, unless an analyst has worked on them in any way; returns their ids."""
    if not fingerprints:
        return set()
    doomed = set(
        Statement.objects.filter(article=article, fingerprint__in=fingerprints, status=Statement.Status.NEW)
        .filter(speaker_corrected=False, note="")
        .exclude(topic_links__origin=TopicLink.Origin.ANALYST)
        .exclude(removed_topics__isnull=False)
        .values_list("pk", flat=True)
    )
    if doomed:
        Statement.objects.filter(pk__in=doomed).delete_uncounted()
    return doomed
