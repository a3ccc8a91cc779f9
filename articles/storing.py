"""Every write of an extracted page: the article, its analysis (actors, mentions, statements), topic links, counts.

`store_extracted` is the one way in (articles.ingest.store_page calls it inside
the page's transaction), `delete_articles` the one way out, and
`apply_rule_topics` writes the rule-given topic links for ingest and retag
alike. What an analyst did is kept: statements they worked on, speakers they
corrected, topics they added or removed.

Queries are batched by kind (read what the article has, then one insert, one
update and one delete per table), so a page costs about the same number of
queries whether it has two statements or forty: ingest speed is bound by
extraction, not by round trips to the database.

Counts kept in step. The lists must not count a million rows per page, so two
things are stored twice, and every write keeps them equal at each commit:

- Actor.article_count and Actor.statement_count equal the actor's Mention rows
  and the Statement rows it speaks. Writers that know what they changed shift
  the counts by it (CountChanges, Actor.objects.add_to_counts): this module,
  and actors.evidence when a decision moves mentions and speakers. The others
  recount the actors they touched (Actor.objects.refresh_counts):
  CountedByActor.save and delete, CountedQuerySet.delete,
  StatementQuerySet.reassign_speaker_by_analyst, merging actors, and
  delete_articles below. A bulk delete whose writer shifts the counts itself
  says so with `delete_uncounted`.
- Statement.published equals its article's `published`: new statements are
  written with it (here and in Statement.save), Article.save copies a changed
  date to its statements, and store_extracted does so after a new version of
  the page moved it.
- Utterance.speaker equals the speaker of each of its statements: ingest
  assigns by speaker (articles.utterances), an analyst's change of speaker
  moves the statement at once (audit.recording calls follow_speakers), and a
  decision moving speakers takes their utterances along (actors.evidence:
  carry_with_speakers, and merge).
"""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time
from difflib import SequenceMatcher

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from actors.evidence import (
    CountChanges,
    forget_articles,
    remove_orphans,
    resolve_new_pages,
    resolve_page,
    settle_groups,
)
from actors.models import Actor

from .extraction import near_copies
from .models import (
    Article,
    ArticleTopic,
    Mention,
    Source,
    Statement,
    StatementTopic,
    Topic,
    TopicLink,
    source_slug,
    statement_fingerprint,
)
from .stories import assign_story, hand_over_stories, lock_bands
from .utterances import assign_utterances, lock_speakers, refresh_utterances_of, utterances_of_article

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


def store_extracted(page, *, origin, file_name, content_hash, extractor_version):
    """Create or update the article for `origin` from an ExtractedPage, with its analysis.

    Call inside a transaction. Returns (article, created): created is
    None when the article already holds these bytes, which happens when a
    concurrent ingest of the same page committed while this one waited for
    the article's row lock. What analysts set is kept: statements they
    reviewed, speakers they corrected, topics they added or removed.
    """
    # FOR NO KEY UPDATE: it serialises writers of this article, and still lets another
    # ingest moving this article's mentions (actors.evidence) insert rows pointing at it.
    article = Article.objects.select_for_update(no_key=True).filter(origin=origin).first()
    if article is None:
        return store_new_pages([NewPage(page, origin, file_name, content_hash)], extractor_version)[0], True
    if (article.content_hash, article.extractor_version) == (content_hash, extractor_version):
        return article, None
    for name, value in _article_fields(page, file_name, content_hash, extractor_version).items():
        setattr(article, name, value)
    article.save()
    # The locks in the order every writer takes them: band keys (articles.stories), actor groups
    # (actors.evidence), speakers (articles.utterances).
    sig = near_copies.signature(article.body)
    keys = near_copies.band_keys(sig) if sig is not None else None
    if keys is not None:
        lock_bands(keys)
    before = utterances_of_article(article)
    counts, _ = store_analysis(article, page)
    # Statements carry their article's date (Statement.published), and a changed
    # page may have moved it.
    article.statements.exclude(published=article.published).update(published=article.published)
    Actor.objects.add_to_counts(counts.articles, counts.statements)
    assign_story(article, False, sig, locked=True, keys=keys)
    assign_utterances(article, before)
    return article, False


@dataclass(frozen=True, slots=True)
class NewPage:
    """An extracted page for an origin no article has yet, and what its article is stored with."""

    page: object
    origin: str
    file_name: str
    content_hash: str


def store_new_pages(new_pages, extractor_version):
    """Create the articles of `new_pages` (NewPage, origins no article has) with their analysis; returns them.

    Call inside a transaction. The pages are written together, each kind of
    row in one statement for all of them, and their names decided once
    (actors.evidence.resolve_new_pages): a batch of sixty-four pages costs
    about forty queries and three a page. Stories and utterances are found
    page after page, so a page sees the copies and remarks of the pages before it,
    as it would have in a transaction of its own. A duplicate origin or content
    hash (another ingest stored the page meanwhile) fails the whole
    transaction: the caller stores the pages one by one then
    (articles.ingest.store_pages).
    """
    # The batch's outlets first: those stored are read together, the new ones created in one order (their
    # slugs'): two batches creating outlets new to both in two orders deadlocked on the slugs' unique index, and
    # PostgreSQL cut one of them after a second's wait (the first batches of every ingest into a new database).
    slugs = {new.page.source: source_slug(new.page.source) for new in new_pages if new.page.source}
    # (A page alone looks its outlet up as it creates it: for_name's one query.)
    known = Source.objects.in_bulk(slugs.values(), field_name="slug") if len(slugs) > 1 else {}
    sources = {
        name: known.get(slug) or Source.objects.for_name(name)
        for name, slug in sorted(slugs.items(), key=lambda item: item[1])
    }
    articles = [
        Article(
            origin=new.origin,
            **_article_fields(new.page, new.file_name, new.content_hash, extractor_version, sources),
        )
        for new in new_pages
    ]
    Article.objects.bulk_create(articles)
    for article in articles:
        article._stored_published = article.published
    # Stories first: they need only the bodies, and their band locks come before the actor groups' in every
    # writer's order (see store_extracted). The groups' locks are the ones two ingest workers meet on (a batch
    # names a busy speaker or two that the other's does too), so the less done after taking them, the less the
    # other waits. With several pages every band key, and later every speaker, is locked in one sorted order
    # before the first page takes its own (again, held already): page by page the order would be bands, groups,
    # speakers, bands, a cycle with a writer holding the later bands.
    signatures = [near_copies.signature(article.body) for article in articles]
    keys = [near_copies.band_keys(sig) if sig is not None else None for sig in signatures]
    locked = len(articles) > 1
    if locked:
        bands = {key for page_keys in keys if page_keys is not None for key in page_keys}
        if bands:
            lock_bands(bands)
    for article, sig, page_keys in zip(articles, signatures, keys, strict=True):
        assign_story(article, True, sig, locked=locked, keys=page_keys)
    pages = [new.page for new in new_pages]
    changes, statements = _store_new_analysis(articles, pages)
    Actor.objects.add_to_counts(changes.articles, changes.statements)
    if locked:
        speakers = {s.speaker_id for page_statements in statements for s in page_statements if s.speaker_id}
        if speakers:
            lock_speakers(speakers)
    # The pages' new statements (PostgreSQL) are inserted together at the end, but before a copy's utterances
    # are found: those read the statements of the story's first article, which may be a page of this batch.
    unwritten = []
    for article, page_statements in zip(articles, statements, strict=True):
        if article.story_id is not None and unwritten:
            Statement.objects.bulk_create(unwritten)
            unwritten.clear()
        # After the story: a copy's statements look for their utterances among the story's.
        assign_utterances(article, None, page_statements, locked=locked, unwritten_out=unwritten)
    Statement.objects.bulk_create(unwritten)
    return articles


def _article_fields(page, file_name, content_hash, extractor_version, sources=None):
    """The article's columns from the page; `sources` ({name: Source}) spares a batch's pages a look-up each."""
    published, has_time = _published(page.published)
    source = None
    if page.source:
        sources = {} if sources is None else sources
        source = sources.get(page.source) or sources.setdefault(page.source, Source.objects.for_name(page.source))
    return {
        "title": (page.title or "")[:500],
        "source": source,
        "author": (page.author or "")[:300],
        "published": published,
        "published_has_time": has_time,
        "url": (page.url or "")[:2000],
        "body": page.body,
        "language": (page.language or "")[:20],
        "file_name": file_name[:500],
        "content_hash": content_hash,
        "extractor_version": extractor_version,
    }


def _published(value):
    if value is None:
        return None, False
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, timezone.get_default_timezone())
        return value, True
    return timezone.make_aware(datetime.combine(value, time(12, 0)), timezone.get_default_timezone()), False


def store_analysis(article, page):
    """Replace the machine's actors, statements and topics on a stored `article` with those of `page`.

    Returns the CountChanges of the actors' article and statement counts,
    which the caller applies (a recount would read every mention of a busy
    actor for each page), and the statements now on the article. What the
    page's names stand for is decided from the evidence of every page
    (actors.evidence), which may move other articles' mentions and speakers
    too; those count changes are in the result. A new article's analysis is
    _store_new_analysis's.
    """
    topics = {t.slug: t.pk for t in Topic.objects.all()}
    changes = CountChanges()
    actors = resolve_page(article, page, changes)
    _store_mentions(article, page, actors, changes)
    _store_article_topics(article, [topics[s] for s in page.topics if s in topics])
    statements = _store_statements(article, page, actors, topics, changes)
    # The page's speakers are held by its statements, also those not written yet.
    remove_orphans(actors.orphans - {s.speaker_id for s in statements})
    return changes, statements


def _store_new_analysis(articles, pages):
    """store_analysis for articles made in this transaction, all at once: (CountChanges, [each one's statements]).

    They have no mentions, topics or statements to read first. On PostgreSQL
    their statements are only given ids here, and inserted once their
    utterances are known (assign_utterances, store_new_pages); their topic
    links are written here, the foreign keys are checked at commit.
    """
    topics = {t.slug: t.pk for t in Topic.objects.all()}
    changes = CountChanges()
    resolved = resolve_new_pages(list(zip(articles, pages, strict=True)), changes)
    mentions, article_topics, statements, statement_topics = [], {}, [], []
    for article, page, actors in zip(articles, pages, resolved, strict=True):
        mentions += [Mention(article=article, actor_id=pk, count=n) for pk, n in _mention_counts(page, actors).items()]
        article_topics[article.pk] = ({}, set(), {topics[s] for s in page.topics if s in topics})
        found_by_fingerprint = _by_fingerprint(page)
        named = _named(found_by_fingerprint)
        page_statements = []
        for fingerprint, found in found_by_fingerprint.items():
            statement = Statement(
                article=article,
                fingerprint=fingerprint,
                speaker_id=actors.actors.get(found.speaker) if fingerprint in named else None,
                published=article.published,
                **_statement_values(found, actors, fingerprint in named),
            )
            page_statements.append(statement)
            statement_topics.append((statement, {topics[s] for s in found.topics if s in topics}))
        statements.append(page_statements)
    Mention.objects.bulk_create(mentions)
    changes.articles.update(mention.actor_id for mention in mentions)
    apply_rule_topics(ArticleTopic, "article_id", article_topics)
    every = [s for page_statements in statements for s in page_statements]
    if connection.vendor == "postgresql":
        _reserve_ids(every)
    else:
        Statement.objects.bulk_create(every)
    changes.statements.update(s.speaker_id for s in every if s.speaker_id is not None)
    apply_rule_topics(StatementTopic, "statement_id", {s.pk: ({}, set(), ids) for s, ids in statement_topics})
    # A decision's orphans are the same for every page of the batch; the pages' speakers hold theirs.
    orphans = set().union(*(actors.orphans for actors in resolved))
    remove_orphans(orphans - {s.speaker_id for s in every})
    return changes, statements


def _store_mentions(article, page, actors, changes):
    """Mentions as the page counts them."""
    counts = _mention_counts(page, actors)
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


def _mention_counts(page, actors):
    """{actor id: how often the page names it} for the page's actors that stand for one."""
    counts = {}
    for found in page.actors:
        actor_id = actors.actors.get(found.name)
        if actor_id is not None:
            counts[actor_id] = counts.get(actor_id, 0) + found.mentions
    return counts


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
    # Rejected statements are in no actor's count (StatementQuerySet.counted); ingest never changes a status.
    changes.statements.subtract(Counter(s.speaker_id for s in existing.values() if _counted(s)))

    found_by_fingerprint = _by_fingerprint(page)
    named = _named(found_by_fingerprint)

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
        values = _statement_values(found, actors, fingerprint in named)
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
        # An analyst's text or kind stays; the fingerprint keeps matching the page's wording.
        if statement.text_corrected:
            del values["text"]
        if statement.kind_corrected:
            del values["kind"]
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
    changes.statements.update(Counter(s.speaker_id for s in kept if _counted(s)))

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
    return kept


def _by_fingerprint(page):
    """The page's statements by fingerprint, the first of each wording."""
    found_by_fingerprint = {}
    for found in page.statements:
        found_by_fingerprint.setdefault(statement_fingerprint(found.text), found)
    return found_by_fingerprint


def _named(found_by_fingerprint):
    """The fingerprints of statements with a named speaker: an unnamed source ("a senior official") is described,
    not an actor, and never gets one."""
    return {fp for fp, f in found_by_fingerprint.items() if f.speaker and not f.unnamed}


def _statement_values(found, actors, named):
    return {
        "text": found.text,
        "kind": found.kind,
        "position": found.position,
        "end_position": found.end,
        "cue": (found.cue or "")[:100],
        "source_description": (found.source_text or "")[:300],
        "unnamed": found.unnamed,
        "on_page": True,
        # How the page names the speaker: where the speaker goes when that name is decided again.
        "sighting_id": actors.sightings.get(found.speaker) if named else None,
    }


def _reserve_ids(statements):
    """Give unsaved statements the ids their insert would have given them (PostgreSQL's sequence)."""
    if not statements:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Statement._meta.db_table, len(statements)],
        )
        for statement, (pk,) in zip(statements, sorted(cursor.fetchall()), strict=True):
            statement.pk = pk


def _counted(statement):
    return statement.speaker_id is not None and statement.status != Statement.Status.REJECTED


def _drop_statements_gone_from_page(article, pks):
    """Statements the page no longer has go, unless an analyst has worked on them in any way; returns their ids.

    The ones kept are marked as no longer on the page by the caller.
    """
    if not pks:
        return set()
    doomed = set(
        Statement.objects.filter(article=article, pk__in=pks, status=Statement.Status.NEW)
        .filter(speaker_corrected=False, text_corrected=False, kind_corrected=False, utterance_fixed=False, note="")
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


def delete_articles(articles):
    """Delete these articles (a queryset or pks), then recount the actors they mentioned or quoted.

    The cascade skips the actors' counts, so they are recounted; the articles'
    sightings leave the evidence, so what their names stood for is decided
    again (actors.evidence). Returns what the delete returns.
    """
    with transaction.atomic():
        pks = list(Article.objects.filter(pk__in=articles).values_list("pk", flat=True))
        actor_ids = actors_of_articles(pks)
        groups = forget_articles(pks)
        hand_over_stories(pks)
        utterances = refresh_utterances_of(pks)
        result = Article.objects.filter(pk__in=pks).delete_uncounted()
        utterances()
        Actor.objects.refresh_counts(actor_ids)
        settle_groups(groups)
    return result


def actors_of_articles(articles):
    """Ids of the actors mentioned or quoted in `articles` (pks, or a queryset of pks)."""
    mentioned = Mention.objects.filter(article__in=articles).order_by().values_list("actor_id", flat=True)
    speaking = Statement.objects.filter(article__in=articles, speaker__isnull=False).order_by()
    return set(mentioned.union(speaking.values_list("speaker_id", flat=True)))


def apply_rule_topics(model, owner_field, wanted):
    """Make the rule links of each owner what the rules want, in one delete and one insert.

    `model` is ArticleTopic or StatementTopic and `owner_field` its owner's
    column; `wanted` maps an owner's pk to (its links {topic_id: origin}, the
    topics an analyst removed, the topics the rules give). Analyst links stay,
    and removed topics are not put back. Returns how many owners had a rule
    link added or taken off.
    """
    drop, add, changed = Q(), [], 0
    for pk, (links, removed, topic_ids) in wanted.items():
        keep = topic_ids - removed - {t for t, origin in links.items() if origin == TopicLink.Origin.ANALYST}
        gone = [t for t, origin in links.items() if origin == TopicLink.Origin.RULE and t not in keep]
        new = [model(topic_id=t, origin=TopicLink.Origin.RULE, **{owner_field: pk}) for t in keep - links.keys()]
        if gone:
            drop |= Q(**{owner_field: pk, "topic_id__in": gone})
        add += new
        changed += bool(gone or new)
    if drop:
        model.objects.filter(drop, origin=TopicLink.Origin.RULE).delete()
    model.objects.bulk_create(add, ignore_conflicts=True)
    return changed
