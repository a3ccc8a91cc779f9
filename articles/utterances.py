"""Utterances: the statements of all outlets that report one remark of one speaker on one occasion.

Storing a page (articles.storing.store_extracted) ends with assign_utterances:
each statement with a speaker is compared (articles.extraction.same_remark)
with that speaker's utterances of the same occasion, and joins the most alike
or starts its own. The occasion is what bounds the candidates, read in one
indexed query (Utterance speaker + first_published):

- a dated statement: the speaker's utterances first reported within WINDOW of
  its date;
- any statement: the utterances of the first article of its story (a copy
  is the same occasion, dated or not);
- an undated statement: the speaker's undated utterances first worded with
  the same words (an indexed key, same_remark.words_key). Without a date
  there is no telling the occasion, so only a copy of the wording joins;
  a paraphrase in an undated article joins through its story or not at all.

A statement without a speaker (unattributed, or given to an unnamed source:
"a senior NATO official said") is the same remark only in copies of one
story: another article's "senior official" may be anyone. Its candidates are
the speakerless utterances of its story's first article, and it joins one
only when that one's first report described the source alike (_same_source);
it never joins a named speaker's utterance, nor a named one it.

At most CANDIDATES are read, so a folder of 10,000 copies of one page costs
the same per page as the first page: they all join one utterance. A talking
point the speaker repeats on another day is another utterance ("similar
remarks" on its page, similar_remarks below), and two different remarks of
one speaker on one day stay apart because their wordings do.

An analyst's split or merge (split_statements, merge_utterances) marks the
statements `utterance_fixed`; ingest never moves those. A speaker changed
after ingest (an analyst's correction, an actor split, a spelling that came
to stand for another actor) moves the statement's utterance at once:
follow_speakers and carry_with_speakers below. Each utterance's
stored first statement, first date, outlets and reach are updated here as
statements join, and recounted (refresh) when statements leave.

Concurrent ingests of two copies: each page holds an advisory lock per
speaker until commit (PostgreSQL), so the later one sees the utterance the
first one started.
"""

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Count, F, Q, Subquery

from .extraction import same_remark
from .models import Article, Statement, Utterance
from .prepared import prepared_cursor

# How far apart two reports of one occasion may be dated.
WINDOW = timedelta(days=3)
CANDIDATES = 300
# Utterances read for a page's "similar remarks".
SIMILAR_CANDIDATES = 300
SIMILAR_SHOWN = 10
# Two-key advisory locks (which never collide with the stories' one-key band locks): this namespace, the speaker.
LOCK_NAMESPACE = 0x5554
# What a candidate utterance is read with.
POOL_FIELDS = (
    "id",
    "speaker_id",
    "text",
    "key",
    "direct_text",
    "first_statement_id",
    "first_published",
    "outlets",
    "reach",
)


@dataclass(eq=False, slots=True)
class _Candidate:
    """A stored utterance as the pool reads and changes it, built from POOL_FIELDS' values: a model instance
    cost more to build than a busy speaker's candidate was then compared."""

    pk: int
    speaker_id: int | None
    text: str
    key: str
    direct_text: str
    first_statement_id: int | None
    first_published: datetime | None
    outlets: list
    reach: int
    in_story: bool = False
    source: tuple | None = None


def utterances_of_article(article):
    """How many of `article`'s statements each utterance has: read before a re-ingest, for assign_utterances."""
    return Counter(article.statements.exclude(utterance=None).values_list("utterance_id", flat=True))


def assign_utterances(article, before=None, statements=None, locked=False, unwritten_out=None):
    """Put each of `article`'s statements on its page in its utterance. Call inside a transaction, last.

    `before`: utterances_of_article before this version of the page was stored; the
    utterances that lost statements since (moved, or gone with the old version) are recounted.
    `statements`: the article's statements as just stored, when the caller has them all (a new
    article); otherwise they are read. Those given an id but not yet written (a new article's on
    PostgreSQL, storing._store_new_analysis) are inserted here, once, with their utterance: inserted and
    then pointed at it, each row was written twice, and PostgreSQL's second write recomputes the row's
    search vector and adds an entry to each of the table's indexes. `locked`: the transaction holds
    the locks of the statements' speakers already (lock_speakers). `unwritten_out`: a list the
    unwritten statements are added to, for the caller to insert with others (storing.store_new_pages),
    where nothing after them here reads them.
    """
    if statements is None:
        statements = list(Statement.objects.filter(article=article).only(*READ_FIELDS))
    statements = sorted(statements, key=lambda s: (s.position, s.pk))
    unwritten = [s for s in statements if s._state.adding]
    free = [s for s in statements if not s.utterance_fixed and s.on_page]
    named = [s for s in free if s.speaker_id is not None]
    unattributed = [s for s in free if s.speaker_id is None]
    after = Counter(s.utterance_id for s in statements if s.utterance_id is not None)
    stale = set()
    if free:
        in_story = _story_utterances(article)
        candidates = []
        if named:
            if not locked:
                lock_speakers({s.speaker_id for s in named})
            candidates += _candidates(article, named, in_story)
        if unattributed:
            # No speaker lock: a story's copies are stored one after another under its band locks (articles.stories).
            candidates += _unattributed_candidates(unattributed, in_story)
        # One pool: a statement only ever joins an utterance of its own speaker (_same_source).
        pool = _Pool(candidates)
        slots = _place(pool, free, article)
        pool.save({s.pk: slots[s.pk] for s in free if not s._state.adding and s.utterance_id != slots[s.pk]})
        for statement in free:
            if statement._state.adding:
                statement.utterance_id = pool.utterances[slots[statement.pk]].pk
        # Utterances started here (negative slots) had none of the article's statements before.
        after = Counter(slots.get(s.pk, s.utterance_id) for s in statements)
        # The pool counts every report it places; a rejected one (a re-ingested page an analyst reviewed) is no
        # outlet's report, and an utterance whose reports were all rejected has no first report to keep.
        rejected = [s.pk for s in free if s.status == Statement.Status.REJECTED]
        stale = pool.unreached | _utterances_of(rejected)
    stale |= {pk for pk, n in (before or {}).items() if after[pk] < n}
    if unwritten_out is not None and not stale:
        unwritten_out += unwritten
    else:
        Statement.objects.bulk_create([*(unwritten_out or ()), *unwritten])
        if unwritten_out:
            unwritten_out.clear()
    refresh(stale)


# What assign_utterances reads of a stored statement.
READ_FIELDS = (
    "id",
    "position",
    "text",
    "kind",
    "speaker_id",
    "utterance_id",
    "utterance_fixed",
    "published",
    "on_page",
    "source_description",
    "unnamed",
    "status",
)


def _place(pool, statements, article):
    """Statement id -> the slot in `pool` of the utterance it joins (its id) or starts (a negative slot)."""
    slots = {}
    for statement in statements:
        slot = pool.find(statement, same_remark.prepare(statement.text))
        if slot is None:
            slot = pool.start(statement, article)
        else:
            pool.join(slot, statement, article)
        slots[statement.pk] = slot
    return slots


def _set_utterances(moving):
    """Statement id -> utterance id, in one UPDATE (SQLite; PostgreSQL writes it with the utterances,
    _Pool._save_in_one_query): bulk_update builds its CASE through the ORM, which cost more than the rest
    of the assignment for a page of new remarks."""
    if not moving:
        return
    table = connection.ops.quote_name(Statement._meta.db_table)
    cases = " ".join("WHEN %s THEN CAST(%s AS BIGINT)" for _ in moving)
    params = [value for pair in moving.items() for value in pair]
    marks = ", ".join("%s" for _ in moving)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET utterance_id = CASE id {cases} END WHERE id IN ({marks})",  # noqa: S608
            [*params, *moving],
        )


class _Pool:
    """The candidate utterances of one page, and those it starts (negative slots until saved) or changes."""

    def __init__(self, utterances):
        self.utterances = {u.pk: u for u in utterances}
        self.wordings = {pk: _wordings(u) for pk, u in self.utterances.items()}
        self.shortlist = same_remark.Shortlist()
        for pk, wordings in self.wordings.items():
            self.shortlist.add(pk, wordings)
        self.changed = {}
        self.new = []
        # Stored utterances reaching no outlet (all their reports rejected) that a statement joined.
        self.unreached = set()

    def find(self, statement, wording):
        """The slot of the utterance `statement` reports, or None."""
        current = statement.utterance_id
        # A re-ingested statement stays while it still reads as its utterance.
        if (
            current in self.utterances
            and _same_source(self.utterances[current], statement)
            and max(same_remark.similarity(wording, w) for w in self.wordings[current]) >= same_remark.SAME_REMARK
        ):
            return current
        found = same_remark.best_match(
            wording,
            (
                (slot, self.wordings[slot])
                for slot in self.shortlist.could_match(wording)
                if _same_source(u := self.utterances[slot], statement) and _same_occasion(u, statement)
            ),
        )
        return found[0] if found else None

    def start(self, statement, article):
        utterance = Utterance(
            speaker_id=statement.speaker_id,
            text=statement.text,
            key=same_remark.words_key(statement.text),
            direct_text=statement.text if statement.kind == Statement.Kind.DIRECT else "",
            first_statement_id=statement.pk,
            first_published=statement.published,
            outlets=[_outlet(article)],
            reach=1,
        )
        utterance.in_story = True
        utterance.source = _source(statement.source_description, statement.unnamed)
        slot = -1 - len(self.new)
        self.new.append(utterance)
        self.utterances[slot] = utterance
        self.wordings[slot] = _wordings(utterance)
        self.shortlist.add(slot, self.wordings[slot])
        return slot

    def join(self, slot, statement, article):
        utterance = self.utterances[slot]
        if slot >= 0 and not utterance.reach:
            self.unreached.add(slot)
        fields = self.changed.setdefault(slot, set())
        outlet = _outlet(article)
        if outlet not in utterance.outlets:
            utterance.outlets = [*utterance.outlets, outlet]
            utterance.reach = len(utterance.outlets)
            fields.update(("outlets", "reach"))
        if _earlier(statement, utterance):
            utterance.first_statement_id = statement.pk
            utterance.first_published = statement.published
            fields.update(("first_statement_id", "first_published"))
        if not utterance.direct_text and statement.kind == Statement.Kind.DIRECT:
            utterance.direct_text = statement.text
            self.wordings[slot] = _wordings(utterance)
            self.shortlist.add(slot, self.wordings[slot])
            fields.add("direct_text")

    def save(self, moving):
        """Insert the utterances the page started (each then has its id), save the changes to the others and move
        the statements in `moving` ({statement id: slot}) to theirs."""
        if connection.vendor == "postgresql":
            self._save_in_one_query(moving)
            return
        Utterance.objects.bulk_create(self.new)
        for slot, fields in self.changed.items():
            if fields and slot >= 0:
                changed = self.utterances[slot]
                Utterance.objects.filter(pk=changed.pk).update(**{name: getattr(changed, name) for name in fields})
        _set_utterances({pk: self.utterances[slot].pk for pk, slot in moving.items()})

    def _save_in_one_query(self, moving):
        """The three writes of save() as one statement: with a round trip each and the ORM's work per object
        they were a third of assign_utterances' time for a page (cProfile, 100k articles). A new utterance's
        first statement is its own (none other has it as first), so its id is found by that; the foreign
        keys are checked at commit."""
        changed = [self.utterances[slot] for slot, fields in self.changed.items() if fields and slot >= 0]
        if not (self.new or changed or moving):
            return
        first_of = {slot: self.utterances[slot].first_statement_id for slot in self.utterances if slot < 0}
        new = self.new
        params = [
            [u.speaker_id for u in new],
            [u.text for u in new],
            [u.direct_text for u in new],
            [u.key for u in new],
            [u.first_statement_id for u in new],
            [u.first_published for u in new],
            [json.dumps(u.outlets) for u in new],
            [u.reach for u in new],
            [u.pk for u in changed],
            [json.dumps(u.outlets) for u in changed],
            [u.reach for u in changed],
            [u.first_statement_id for u in changed],
            [u.first_published for u in changed],
            [u.direct_text for u in changed],
            list(moving),
            [slot if slot >= 0 else None for slot in moving.values()],
            [first_of.get(slot) for slot in moving.values()],
        ]
        sql = _SAVE_POOL.format(utterance=Utterance._meta.db_table, statement=Statement._meta.db_table)
        with prepared_cursor() as cursor:
            cursor.execute(sql, params)
            started = {first: slot for slot, first in first_of.items()}
            for pk, first_statement_id in cursor.fetchall():
                self.utterances[started[first_statement_id]].pk = pk


# Inserts a page's new utterances, updates the changed ones, points the moving statements at theirs, and returns
# the new utterances' ids with their first statements'.
_SAVE_POOL = """
WITH new AS (
    INSERT INTO {utterance}
        (speaker_id, text, direct_text, key, first_statement_id, first_published, outlets, reach, created)
    SELECT speaker_id, text, direct_text, key, first_statement_id, first_published, outlets::jsonb, reach, now()
    FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::varchar[], %s::bigint[], %s::timestamptz[], %s::text[],
                %s::integer[])
        AS u(speaker_id, text, direct_text, key, first_statement_id, first_published, outlets, reach)
    RETURNING id, first_statement_id
), changed AS (
    UPDATE {utterance} AS u
    SET outlets = c.outlets::jsonb, reach = c.reach, first_statement_id = c.first_statement_id,
        first_published = c.first_published, direct_text = c.direct_text
    FROM unnest(%s::bigint[], %s::text[], %s::integer[], %s::bigint[], %s::timestamptz[], %s::text[])
        AS c(id, outlets, reach, first_statement_id, first_published, direct_text)
    WHERE u.id = c.id
), moving AS (
    SELECT m.statement_id, coalesce(m.utterance_id, new.id) AS utterance_id
    FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[]) AS m(statement_id, utterance_id, first_statement_id)
    LEFT JOIN new ON new.first_statement_id = m.first_statement_id
), moved AS (
    UPDATE {statement} AS s SET utterance_id = moving.utterance_id FROM moving WHERE s.id = moving.statement_id
)
SELECT id, first_statement_id FROM new
"""


def _occasion(day):
    """The dates within WINDOW of `day`, cut at the calendar's ends (an analyst may store a date in year 1)."""
    try:
        first = day - WINDOW
    except OverflowError:
        first = day
    try:
        last = day + WINDOW
    except OverflowError:
        last = day
    return first, last


def _story_utterances(article):
    """The utterances of the article `article`'s story is named by, however many copies the story has; when
    `article` names it (an earlier-published copy stored after the others renames the story), those of the
    story's first stored other article, which the copies stored since joined. None for an article alone."""
    if article.story_id is None:
        return set()
    if article.story_id == article.pk:
        first = Article.objects.filter(story=article.pk).exclude(pk=article.pk).order_by("pk").values("pk")[:1]
        statements = Statement.objects.filter(article=Subquery(first))
    else:
        statements = Statement.objects.filter(article=article.story_id)
    statements = statements.filter(utterance__isnull=False).order_by()
    return set(statements.values_list("utterance_id", flat=True)[:CANDIDATES])


def _candidates(article, statements, in_story):
    """The utterances the page's statements may join: bounded, indexed (see the module docstring)."""
    speakers = sorted({s.speaker_id for s in statements})
    ranges = [_occasion(day) for day in sorted({s.published for s in statements if s.published is not None})]
    keys = sorted({same_remark.words_key(s.text) for s in statements if s.published is None})
    ids = sorted(in_story | {s.utterance_id for s in statements if s.utterance_id is not None})
    if connection.vendor == "postgresql":
        rows = _candidate_rows(speakers, ranges, keys, ids)
    else:
        occasion = Q()
        for first, last in ranges:
            occasion |= Q(first_published__range=(first, last))
        if keys:
            occasion |= Q(first_published=None, key__in=keys)
        if ids:
            occasion |= Q(pk__in=ids)
        rows = (
            Utterance.objects.filter(speaker__in=speakers)
            .filter(occasion)
            .order_by(F("first_published").desc(nulls_last=True), "-id")
            .values_list(*POOL_FIELDS)[:CANDIDATES]
        )
    return [_Candidate(*row, in_story=row[0] in in_story) for row in rows]


def _candidate_rows(speakers, ranges, keys, ids):
    """The candidates' POOL_FIELDS rows (PostgreSQL): the query the ORM writes in the other branch of
    _candidates, the same text and so the same plan (each condition one range of the speaker and first-date
    index), written out here because building it through the ORM for each page cost three times its run."""
    occasion = ["first_published BETWEEN %s AND %s"] * len(ranges)
    if keys:
        occasion.append(f'(first_published IS NULL AND "key" IN ({_marks(keys)}))')
    if ids:
        occasion.append(f"id IN ({_marks(ids)})")
    where = f"speaker_id IN ({_marks(speakers)})" + (f" AND ({' OR '.join(occasion)})" if occasion else "")
    sql = (
        f"SELECT {', '.join(POOL_FIELDS)} FROM {Utterance._meta.db_table} WHERE {where} "  # noqa: S608
        "ORDER BY first_published DESC NULLS LAST, id DESC LIMIT %s"
    )
    params = [*speakers, *(day for pair in ranges for day in pair), *keys, *ids, CANDIDATES]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    outlets = POOL_FIELDS.index("outlets")
    # jsonb comes back as its text here, as Django's JSONField reads it before loading it.
    return [(*row[:outlets], json.loads(row[outlets]), *row[outlets + 1 :]) for row in rows]


def _marks(values):
    return ", ".join(["%s"] * len(values))


def _unattributed_candidates(statements, in_story):
    """The utterances without a speaker that the page's unattributed statements may join: those of its story's
    first article and their own, each with the source its first report described (see the module docstring)."""
    current = {s.utterance_id for s in statements if s.utterance_id is not None}
    if not in_story and not current:
        return []
    rows = (
        Utterance.objects.filter(speaker=None, pk__in=in_story | current)
        .order_by(F("first_published").desc(nulls_last=True), "-id")
        .values_list(*POOL_FIELDS, "first_statement__source_description", "first_statement__unnamed")[:CANDIDATES]
    )
    found = []
    for *row, description, unnamed in rows:
        candidate = _Candidate(*row, in_story=True)
        # A report whose first statement is gone (SET_NULL) matches no source: its statements stay apart.
        candidate.source = _source(description, unnamed) if candidate.first_statement_id is not None else ()
        found.append(candidate)
    return found


def _source(description, unnamed):
    """Who an unattributed statement's article says spoke, folded: copies of a story word it alike."""
    return (bool(unnamed), tuple(w for w in same_remark.normalise(description or "") if w not in _ARTICLES))


_ARTICLES = frozenset(("a", "an", "the"))


def _same_source(utterance, statement):
    """The same speaker; without one, the same described source (never a named speaker's remark)."""
    if utterance.speaker_id != statement.speaker_id:
        return False
    if statement.speaker_id is not None:
        return True
    return utterance.source == _source(statement.source_description, statement.unnamed)


def _same_occasion(utterance, statement):
    if utterance.in_story:
        return True
    if statement.published is None or utterance.first_published is None:
        # Undated: only a copy of the first wording (see the module docstring).
        return (
            statement.published is None
            and utterance.first_published is None
            and utterance.key == same_remark.words_key(statement.text)
        )
    return abs(statement.published - utterance.first_published) <= WINDOW


def _earlier(statement, utterance):
    if statement.published is None:
        return False
    if utterance.first_published is None:
        return True
    return (statement.published, statement.pk) < (utterance.first_published, utterance.first_statement_id or 0)


def _outlet(article):
    return article.source_id or 0


def _wordings(utterance):
    texts = [utterance.text]
    if utterance.direct_text and utterance.direct_text != utterance.text:
        texts.append(utterance.direct_text)
    return [same_remark.prepare(t) for t in texts]


def lock_speakers(speakers):
    """Hold the speakers' locks until commit (PostgreSQL), in one sorted order, after the band keys' and the actor
    groups' (articles.stories.lock_bands)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_advisory_xact_lock(%s, k)) FROM unnest(%s::int[]) AS k",
            [LOCK_NAMESPACE, sorted(speakers)],
        )


def refresh(pks):
    """Recount the stored fields of these utterances from their statements; those left with none go.

    The first report, the wordings and the outlets are read from the reports lists show: a statement an
    analyst rejected is no outlet's report of the remark, and a list that shows an utterance by its first
    report would lose it. An utterance whose reports are all rejected keeps the earliest and reaches none.
    """
    pks = set(pks) - {None}
    if not pks:
        return
    rows = (
        Statement.objects.filter(utterance__in=pks)
        .order_by(F("published").asc(nulls_last=True), "id")
        .values_list("utterance_id", "id", "published", "kind", "text", "article__source_id", "status", named=True)
    )
    reports = {}
    for row in rows:
        reports.setdefault(row.utterance_id, []).append(row)
    Utterance.objects.filter(pk__in=pks - reports.keys()).delete()
    utterances = list(Utterance.objects.filter(pk__in=reports.keys()))
    for utterance in utterances:
        every = reports[utterance.pk]
        shown = [r for r in every if r.status != Statement.Status.REJECTED]
        first = (shown or every)[0]
        outlets = []
        for report in shown:
            if (report.article__source_id or 0) not in outlets:
                outlets.append(report.article__source_id or 0)
        utterance.first_statement_id = first.id
        utterance.first_published = first.published
        utterance.text = first.text
        utterance.key = same_remark.words_key(first.text)
        utterance.direct_text = next((r.text for r in shown or every if r.kind == Statement.Kind.DIRECT), "")
        utterance.outlets = outlets
        utterance.reach = len(outlets)
    Utterance.objects.bulk_update(
        utterances, ["first_statement", "first_published", "text", "key", "direct_text", "outlets", "reach"]
    )


def refresh_utterances_of_statements(pks):
    """Recount the utterances of these statements (pks), e.g. after an analyst rejected or restored them."""
    refresh(_utterances_of(pks))


def _utterances_of(pks):
    pks = list(pks)
    if not pks:
        return set()
    return set(Statement.objects.filter(pk__in=pks).exclude(utterance=None).values_list("utterance_id", flat=True))


def assign_missing(batch=500):
    """Assign the statements stored before utterances were kept: each article with a statement in no utterance,
    oldest first (so the first report starts the utterance), one transaction per article. Returns how many articles."""
    waiting = Statement.objects.filter(utterance=None, utterance_fixed=False, on_page=True).order_by().values("article")
    done, seen = 0, set()
    while pks := list(
        Article.objects.filter(pk__in=waiting)
        .order_by(F("published").asc(nulls_last=True), "id")
        .values_list("pk", flat=True)[:batch]
    ):
        if seen.issuperset(pks):
            break  # nothing left that assignment can place
        seen.update(pks)
        for pk in pks:
            with transaction.atomic():
                article = Article.objects.select_for_update(no_key=True).filter(pk=pk).only("pk", "story", "source")
                if (article := article.first()) is not None:
                    assign_utterances(article)
                    done += 1
    return done


def refresh_utterances_of(articles):
    """Before deleting `articles` (pks): returns what recounts their utterances once they are gone."""
    statements = Statement.objects.filter(article__in=articles).exclude(utterance=None)
    pks = set(statements.values_list("utterance_id", flat=True))
    return lambda: refresh(pks)


# --- Analyst decisions (the admin's actions) ---


def split_statements(statements):
    """Give these statements an utterance of their own, together; ingest keeps them there. Returns it.

    They must share a speaker (one remark, one speaker), or all have none.
    """
    statements = list(statements.select_related("article").order_by(F("published").asc(nulls_last=True), "id"))
    speakers = {s.speaker_id for s in statements}
    if not statements or len(speakers) != 1:
        raise ValueError("Split statements of one speaker.")
    first = statements[0]
    before = {s.utterance_id for s in statements}
    utterance = Utterance.objects.create(
        speaker_id=first.speaker_id, text=first.text, key=same_remark.words_key(first.text)
    )
    Statement.objects.filter(pk__in=[s.pk for s in statements]).update(utterance=utterance, utterance_fixed=True)
    refresh(before | {utterance.pk})
    return utterance


def move_statements(statements, utterance):
    """Put these statements (of the utterance's speaker) in `utterance`; ingest keeps them there."""
    statements = list(statements)
    if not statements or {s.speaker_id for s in statements} != {utterance.speaker_id}:
        raise ValueError("Move statements of the utterance's speaker.")
    before = {s.utterance_id for s in statements}
    Statement.objects.filter(pk__in=[s.pk for s in statements]).update(utterance=utterance, utterance_fixed=True)
    refresh(before | {utterance.pk})
    return len(statements)


def merge_utterances(utterances):
    """Put the statements of these utterances (one speaker's) in the earliest of them; ingest keeps them there."""
    utterances = list(utterances.order_by(F("first_published").asc(nulls_last=True), "id"))
    speakers = {u.speaker_id for u in utterances}
    if len(utterances) < 2 or len(speakers) != 1:
        raise ValueError("Merge two or more utterances of one speaker.")
    kept = utterances[0]
    Statement.objects.filter(utterance__in=utterances).update(utterance=kept, utterance_fixed=True)
    refresh({u.pk for u in utterances})
    return kept


# --- Speakers changed after ingest ---


def follow_speakers(pks):
    """Put the statements whose speaker an analyst just changed (pks) in an utterance of their new speaker.

    One free to move leaves its old utterance and joins, or starts, one of its
    new speaker's by the rules of ingest: assign_utterances on its article,
    with the same bounded candidates and speaker locks. One the analyst pinned
    (utterance_fixed), or no longer on its page, is not matched again: it
    keeps its utterance, or the company of its fellow statements, under its
    new speaker (carry_with_speakers). An utterance left without statements goes.
    """
    rows = list(
        Statement.objects.filter(pk__in=list(pks)).values_list(
            "pk", "article_id", "speaker_id", "utterance_id", "utterance__speaker_id", "utterance_fixed", "on_page"
        )
    )
    articles, carried = set(), []
    for pk, article_id, speaker_id, utterance_id, was, fixed, on_page in rows:
        if utterance_id is not None and was == speaker_id:
            continue
        if on_page and not fixed:
            articles.add(article_id)
        elif utterance_id is not None:
            carried.append(pk)
    carry_with_speakers(carried)
    for article in Article.objects.filter(pk__in=articles).only("pk", "story", "source").order_by("pk"):
        assign_utterances(article, utterances_of_article(article))


def carry_with_speakers(pks):
    """Make the utterances of these statements, whose speaker changed, one speaker's again, keeping their groups.

    As merging actors moves the merged actor's utterances (actors.evidence.merge):
    an utterance whose statements all changed to one speaker changes with them,
    and is kept with its id, page and pins. When they went to several speakers,
    or some stayed with the old one, the utterance stays with the old speaker
    (or, with none left, the speaker with the most statements), and each other
    speaker's statements become an utterance of their own, together. For
    writes of many statements at once (an actor split, a spelling that came to
    stand for another actor): the work is a few queries per 500 utterances.
    """
    pks = list(pks)
    touched = set()
    for start in range(0, len(pks), 500):
        touched |= set(
            Statement.objects.filter(pk__in=pks[start : start + 500])
            .exclude(utterance=None)
            .order_by()
            .values_list("utterance_id", flat=True)
            .distinct()
        )
    touched = sorted(touched)
    for start in range(0, len(touched), 500):
        _carry(touched[start : start + 500])


def _carry(utterance_pks):
    speakers = dict(Utterance.objects.filter(pk__in=utterance_pks).values_list("pk", "speaker_id"))
    groups = {}
    counts = (
        Statement.objects.filter(utterance__in=utterance_pks)
        .order_by()
        .values_list("utterance_id", "speaker_id")
        .annotate(n=Count("id"))
    )
    for utterance_id, speaker_id, n in counts:
        groups.setdefault(utterance_id, {})[speaker_id] = n
    renamed, parts = {}, []
    for utterance_id, by_speaker in groups.items():
        speaker = speakers[utterance_id]
        if by_speaker.keys() == {speaker}:
            continue
        if speaker not in by_speaker:
            speaker = max(by_speaker, key=lambda s: (by_speaker[s], -(s or 0)))
            renamed[utterance_id] = speaker
        parts += [(utterance_id, other) for other in sorted(by_speaker, key=lambda s: s or 0) if other != speaker]
    for utterance_id, speaker in renamed.items():
        Utterance.objects.filter(pk=utterance_id).update(speaker_id=speaker)
    new = Utterance.objects.bulk_create([Utterance(speaker_id=speaker, text="") for _, speaker in parts])
    for (utterance_id, speaker), utterance in zip(parts, new, strict=True):
        Statement.objects.filter(utterance=utterance_id, speaker=speaker).update(utterance=utterance)
    if parts:
        refresh({u for u, _ in parts} | {u.pk for u in new})


def similar_remarks(utterance):
    """Other utterances of the speaker that say much the same, nearest in time first (another occasion, or
    a wording just under same_remark.SAME_REMARK). One query over the speaker's nearest utterances."""
    if utterance.speaker_id is None:
        return []
    others = Utterance.objects.filter(speaker=utterance.speaker_id).exclude(pk=utterance.pk)
    if utterance.first_published is not None:
        before = others.filter(first_published__lte=utterance.first_published).order_by("-first_published")
        after = others.filter(first_published__gt=utterance.first_published).order_by("first_published")
        half = SIMILAR_CANDIDATES // 2
        pool = [*before.select_related("first_statement__article__source")[:half]]
        pool += after.select_related("first_statement__article__source")[:half]
        pool += others.filter(first_published=None).select_related("first_statement__article__source")[:half]
    else:
        pool = list(others.select_related("first_statement__article__source").order_by("-id")[:SIMILAR_CANDIDATES])
    mine = _wordings(utterance)
    scored = []
    for other in pool:
        score = max(same_remark.similarity(a, b) for a in mine for b in _wordings(other))
        if score >= same_remark.SIMILAR:
            other.similarity = score
            scored.append(other)
    scored.sort(key=lambda u: -u.similarity)
    return scored[:SIMILAR_SHOWN]
