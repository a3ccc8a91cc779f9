"""Writing one extracted page's analysis (actors, mentions, statements, topics) to the database.

Called by ArticleQuerySet.store_extracted inside the page's transaction. What
an analyst did is kept: statements they worked on, speakers they corrected,
topics they added or removed.

Queries are batched by kind (read what the article has, then one insert, one
update and one delete per table), so a page costs about the same number of
queries whether it has two statements or forty: ingest speed is bound by
extraction, not by round trips to the database.
"""

import re
from collections import Counter
from difflib import SequenceMatcher

from actors.evidence import CountChanges, remove_orphans, resolve_page

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

STATEMENT_FIELDS = (
    "text",
    "kind",
    "position",
    "end_position",
    "cue",
    "source_description",
    "unnamed",
    "speaker_id",
    "sighting_id",
    "fingerprint",
    "on_page",
)

# How alike two wordings must be (difflib's ratio over their words) to be one
# quote edited between versions of a page rather than two different quotes.
REWORDED_SIMILARITY = 0.75


def store_analysis(article, page, created=False):
    """Replace the machine's actors, statements and topics on `article` with those of `page`.

    Returns the CountChanges of the actors' article and statement counts,
    which the caller applies: a recount would read every mention of a busy
    actor for each page. What the page's names stand for is decided from the
    evidence of every page (actors.evidence), which may move other articles'
    mentions and speakers too; those count changes are in the result.
    `created`: the article was made in this transaction, so it has nothing yet.
    """
    topics = {t.slug: t.pk for t in Topic.objects.all()}
    changes = CountChanges()
    actors = resolve_page(article, page, changes, new_article=created)
    _store_mentions(article, page, actors, changes)
    _store_article_topics(article, [topics[s] for s in page.topics if s in topics])
    _store_statements(article, page, actors, topics, changes)
    remove_orphans(actors.orphans)
    return changes


def _store_mentions(article, page, actors, changes):
    """Mentions as the page counts them."""
    counts = {}
    for found in page.actors:
        actor_id = actors.actors.get(found.name)
        if actor_id is not None:
            counts[actor_id] = counts.get(actor_id, 0) + found.mentions
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
    """Statements as the page has them, analyst work kept.

    The article's statements are read locked (PostgreSQL), so an analyst's
    edit committed meanwhile is either seen here or waits for this page to be
    stored: it is never overwritten by what ingest read before it.
    """
    existing = {s.fingerprint: s for s in Statement.objects.select_for_update().filter(article=article)}
    changes.statements.subtract(Counter(s.speaker_id for s in existing.values() if s.speaker_id))

    found_by_fingerprint = {}
    for found in page.statements:
        found_by_fingerprint.setdefault(statement_fingerprint(found.text), found)
    # An unnamed source ("a senior official") is described, not an actor: it never gets one.
    named = {fp for fp, f in found_by_fingerprint.items() if f.speaker and not f.unnamed}

    # A quote whose words changed a little between versions is the same quote:
    # it keeps its review, corrected speaker and topics under its new wording.
    for old, new in pair_reworded(
        [s for fp, s in existing.items() if fp not in found_by_fingerprint],
        [(fp, f) for fp, f in found_by_fingerprint.items() if fp not in existing],
    ):
        del existing[old.fingerprint]
        old.fingerprint = new
        existing[new] = old

    new, changed = [], []
    for fingerprint, found in found_by_fingerprint.items():
        speaker_id = actors.actors.get(found.speaker) if fingerprint in named else None
        values = {
            "text": found.text,
            "kind": found.kind,
            "position": found.position,
            "end_position": found.end,
            "cue": (found.cue or "")[:100],
            "source_description": (found.source_text or "")[:300],
            "unnamed": found.unnamed,
            "on_page": True,
            # How the page names the speaker: where the speaker goes when that name is decided again.
            "sighting_id": actors.sightings.get(found.speaker) if fingerprint in named else None,
        }
        statement = existing.get(fingerprint)
        if statement is None:
            new.append(
                Statement(
                    article=article,
                    fingerprint=fingerprint,
                    speaker_id=speaker_id,
                    published=article.published,
                    **values,
                )
            )
            continue
        if not statement.speaker_corrected:
            values["speaker_id"] = speaker_id
        if statement.fingerprint != fingerprint or any(
            getattr(statement, name) != value for name, value in values.items()
        ):
            for name, value in values.items():
                setattr(statement, name, value)
            changed.append(statement)
    gone = existing.keys() - found_by_fingerprint.keys()
    dropped = _drop_statements_gone_from_page(article, {existing[fp].pk for fp in gone})
    kept_off_page = [existing[fp] for fp in gone if existing[fp].pk not in dropped and existing[fp].on_page]
    for statement in kept_off_page:
        statement.on_page = False
    Statement.objects.bulk_update([*changed, *kept_off_page], STATEMENT_FIELDS)
    Statement.objects.bulk_create(new)
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


def _drop_statements_gone_from_page(article, pks):
    """Statements the page no longer has go, unless an analyst has worked on them in any way; returns their ids.

    The ones kept are marked as no longer on the page by the caller.
    """
    if not pks:
        return set()
    doomed = set(
        Statement.objects.filter(article=article, pk__in=pks, status=Statement.Status.NEW)
        .filter(speaker_corrected=False, note="")
        .exclude(topic_links__origin=TopicLink.Origin.ANALYST)
        .exclude(removed_topics__isnull=False)
        .values_list("pk", flat=True)
    )
    if doomed:
        Statement.objects.filter(pk__in=doomed).delete_uncounted()
    return doomed


def pair_reworded(old_statements, new_found):
    """Pair statements the page lost with statements it gained that are the same quote reworded.

    `new_found` holds (fingerprint, found statement). Returns [(old statement,
    new fingerprint)], most alike first, each side used once. Word-level
    similarity, with the nearer position winning a tie: a corrected typo, a
    word added or a trimmed tail keeps the pairing, a different remark does not.
    """
    if not old_statements or not new_found:
        return []
    candidates = []
    for old in old_statements:
        old_words = _words(old.text)
        for fingerprint, found in new_found:
            matcher = SequenceMatcher(None, old_words, _words(found.text), autojunk=False)
            if matcher.real_quick_ratio() < REWORDED_SIMILARITY or matcher.quick_ratio() < REWORDED_SIMILARITY:
                continue
            ratio = matcher.ratio()
            if ratio >= REWORDED_SIMILARITY:
                candidates.append((-ratio, abs(old.position - found.position), old.pk, old, fingerprint))
    pairs, used_old, used_new = [], set(), set()
    for *_key, old_pk, old, fingerprint in sorted(candidates, key=lambda c: c[:3]):
        if old_pk in used_old or fingerprint in used_new:
            continue
        used_old.add(old_pk)
        used_new.add(fingerprint)
        pairs.append((old, fingerprint))
    return pairs


def _words(text):
    return re.findall(r"\w+", text.casefold())
