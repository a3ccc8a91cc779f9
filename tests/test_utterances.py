"""Utterances: one speaker's remark on one occasion, as every outlet carried it (articles.utterances).

The pages in tests/utterance_pages/ are ours: a minister's press conference reported by North Courier,
a copy of that report under East Herald's masthead, Valley Times' own report the next day (a paraphrase
in reported speech, a trimmed quote, and a remark the others do not have), and North Courier's report of
the same minister two weeks later repeating her talking point in parliament.
"""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.db import connection

from articles import ingest, utterances
from articles.extraction import same_remark
from articles.models import Article, Statement, Utterance
from articles.storing import delete_articles
from articles.utterances import merge_utterances, similar_remarks, split_statements
from tests.held_ingest import ingest_second_while_first_is_held

PAGES = Path(__file__).resolve().parent / "utterance_pages"
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
ORIGINAL = PAGES / "north_courier_harbour_closure.txt"
COPY = PAGES / "east_herald_harbour_closure_copy.txt"
OWN = PAGES / "valley_times_harbour_closure_own.txt"
LATER = PAGES / "north_courier_harbour_reopening.txt"

CLOSED = "We will keep the harbour closed to tankers until the inspectors finish their work"
COMPENSATION = "The fishing fleet will get its compensation before the summer"


# The pure part ------------------------------------------------------------------------------------

SAME = [
    # verbatim, whatever the quote marks and apostrophes
    ("“We won’t sign it,” she said.", '"We won\'t sign it," she said.'),
    # a trimmed quote inside the full one
    (
        "We will keep the harbour closed to tankers until the inspectors finish their work, and not a day sooner.",
        "We will keep the harbour closed to tankers until the inspectors finish their work",
    ),
    # reported speech
    (
        "We will keep the harbour closed to tankers until the inspectors finish their work.",
        "the harbour would stay closed to tankers until the inspectors had finished their work",
    ),
    (
        "The ministry will publish the inspection reports in full once the work is done.",
        "the inspection reports would be published in full once the work was done",
    ),
]

APART = [
    # one speaker, one subject, two remarks
    (
        "We will keep the harbour closed to tankers until the inspectors finish their work.",
        "The fishing fleet will get its compensation before the summer.",
    ),
    (
        "the new ferry terminal on the western pier would open in the autumn",
        "the outer harbour would stay closed to oil tankers for the time being",
    ),
    # the same names, a different point
    (
        "Sanctions on Russia must stay until the war ends.",
        "Russia will pay for the war, and sanctions are only one way to make it.",
    ),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_copies_trimmed_quotes_and_reported_speech_read_as_the_same_remark(a, b):
    assert same_remark.similarity(same_remark.prepare(a), same_remark.prepare(b)) >= same_remark.SAME_REMARK


@pytest.mark.parametrize(("a", "b"), APART)
def test_two_remarks_of_one_speaker_score_below_the_threshold(a, b):
    assert same_remark.similarity(same_remark.prepare(a), same_remark.prepare(b)) < same_remark.SAME_REMARK


def _sentences():
    """Every sentence of our utterance pages, the pairs above, and short remarks that match only when equal."""
    texts = [t for pair in SAME + APART for t in pair] + ["No.", "“No,” she said.", "Not yet.", "Never again."]
    for page in PAGES.iterdir():
        texts += [s.strip() for s in re.split(r"(?<=[.!?])\s+", page.read_text()) if s.strip()]
    return texts


def test_the_shortlist_leaves_out_only_wordings_that_cannot_be_the_same_remark():
    wordings = [same_remark.prepare(t) for t in _sentences()]
    shortlist = same_remark.Shortlist()
    for key, wording in enumerate(wordings):
        shortlist.add(key, [wording])

    for wording in wordings:
        listed = shortlist.could_match(wording)
        assert listed == sorted(listed)
        every = [(key, [other]) for key, other in enumerate(wordings)]
        assert {k for k, (w,) in every if same_remark.same_remark(wording, w)} <= set(listed)
        assert same_remark.best_match(wording, every) == same_remark.best_match(wording, [every[key] for key in listed])
    assert len(wordings) > 50
    assert sum(len(shortlist.could_match(w)) for w in wordings) < len(wordings) ** 2 / 10


def test_words_are_folded_and_lightly_stemmed():
    assert same_remark.normalise("NATO’s “Agreements”") == ("nato", "agreements")
    assert same_remark.stem("agreements") == "agreement"
    assert same_remark.stem("lasting") == "last"
    assert same_remark.stem("countries") == "country"
    assert same_remark.stem("press") == "press"


# At ingest ----------------------------------------------------------------------------------------


def ingested(*paths):
    return {path.name: Article.objects.get(pk=ingest.ingest_file(path).article_id) for path in paths}


def statement(article, words):
    return Statement.objects.get(article=article, text__contains=words)


@pytest.fixture
def harbour(db, tmp_path):
    """The four pages, ingested from a folder where a test may change them."""
    for page in (ORIGINAL, COPY, OWN, LATER):
        (tmp_path / page.name).write_text(page.read_text())
    return ingested(*(tmp_path / page.name for page in (ORIGINAL, COPY, OWN, LATER)))


def changed(tmp_path, page, old, new):
    path = tmp_path / page.name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    assert ingest.ingest_file(path).outcome == ingest.UPDATED


def test_each_statement_of_a_copy_shares_an_utterance_with_the_original(harbour):
    original, copy = harbour[ORIGINAL.name], harbour[COPY.name]

    mine = {s.text: s.utterance_id for s in original.statements.exclude(speaker=None)}
    theirs = {s.text: s.utterance_id for s in copy.statements.exclude(speaker=None)}
    assert mine.keys() == theirs.keys()
    assert len(mine) >= 4
    assert mine == theirs
    assert None not in mine.values()
    assert len(set(mine.values())) == len(mine)


def test_reported_speech_and_a_trimmed_quote_join_the_remark_they_report(harbour):
    original, own = harbour[ORIGINAL.name], harbour[OWN.name]

    assert statement(own, "would stay closed to tankers until").utterance == statement(original, CLOSED).utterance
    assert statement(own, COMPENSATION).utterance == statement(original, COMPENSATION).utterance


def test_two_different_remarks_of_one_speaker_stay_apart(harbour):
    original, own = harbour[ORIGINAL.name], harbour[OWN.name]
    ferry = statement(own, "ferry terminal")

    assert statement(original, CLOSED).utterance != statement(original, COMPENSATION).utterance
    assert ferry.utterance.statements.count() == 1
    assert ferry.utterance_id not in set(original.statements.values_list("utterance_id", flat=True))


def test_the_talking_point_repeated_two_weeks_later_is_another_utterance_listed_as_similar(harbour):
    first = statement(harbour[ORIGINAL.name], CLOSED).utterance
    later = statement(harbour[LATER.name], "stays closed to tankers").utterance

    assert later != first
    assert later.statements.count() == 1
    assert first in similar_remarks(later)
    assert later in similar_remarks(first)


def test_an_utterance_keeps_its_first_report_and_its_reach(harbour):
    original, copy, own = harbour[ORIGINAL.name], harbour[COPY.name], harbour[OWN.name]
    closed = statement(original, CLOSED).utterance

    assert closed.reach == 3
    assert sorted(closed.outlets) == sorted({original.source_id, copy.source_id, own.source_id})
    assert closed.first_published == original.published
    assert closed.first_statement.article in (original, copy)
    assert closed.direct_text.startswith(f'"{CLOSED}')


def test_deleting_an_outlet_s_article_lowers_the_reach(harbour):
    closed = statement(harbour[ORIGINAL.name], CLOSED).utterance

    delete_articles([harbour[OWN.name].pk])

    closed.refresh_from_db()
    assert closed.reach == 2
    assert not Utterance.objects.filter(statements=None).exists()


def test_a_report_stored_after_every_earlier_report_was_rejected_becomes_the_first(harbour, tmp_path):
    closed = statement(harbour[ORIGINAL.name], CLOSED).utterance
    delete_articles([harbour[OWN.name].pk])
    closed.statements.update(status=Statement.Status.REJECTED)
    utterances.refresh([closed.pk])

    own = ingested(tmp_path / OWN.name)[OWN.name]

    report = statement(own, "would stay closed to tankers until")
    closed.refresh_from_db()
    assert report.utterance_id == closed.pk
    assert (closed.first_statement_id, closed.reach, closed.outlets) == (report.pk, 1, [own.source_id])


def test_re_ingesting_a_changed_page_keeps_its_statements_in_their_utterances(harbour, tmp_path):
    copy = harbour[COPY.name]
    before = dict(copy.statements.values_list("text", "utterance_id"))
    reach = dict(Utterance.objects.values_list("pk", "reach"))

    changed(tmp_path, COPY, "Most read on East Herald", "Most read this week")

    assert dict(copy.statements.values_list("text", "utterance_id")) == before
    assert dict(Utterance.objects.values_list("pk", "reach")) == reach


def test_an_updated_page_whose_quote_changed_leaves_the_utterance(harbour, tmp_path):
    compensation = statement(harbour[ORIGINAL.name], COMPENSATION).utterance
    assert compensation.reach == 3

    changed(
        tmp_path,
        ORIGINAL,
        "The fishing fleet will get its compensation before the summer, whatever the insurers decide",
        "Boat owners who lost a season can claim from a new emergency fund run by the county",
    )

    compensation.refresh_from_db()
    assert compensation.reach == 2
    assert statement(harbour[ORIGINAL.name], "emergency fund").utterance != compensation


# Analysts split and merge ---------------------------------------------------------------------------


def test_a_split_survives_re_ingesting_the_page(harbour, tmp_path):
    own = harbour[OWN.name]
    paraphrase = statement(own, "would stay closed to tankers until")
    shared = paraphrase.utterance

    alone = split_statements(Statement.objects.filter(pk=paraphrase.pk))
    changed(tmp_path, OWN, "are waiting in the bay.", "are waiting in the bay.\n\nMore on the inquiry tomorrow.")

    paraphrase.refresh_from_db()
    assert paraphrase.utterance == alone != shared
    assert paraphrase.utterance_fixed
    shared.refresh_from_db()
    assert shared.reach == 2


def test_a_merge_survives_re_ingesting_the_pages(harbour, tmp_path):
    first = statement(harbour[ORIGINAL.name], CLOSED).utterance
    later = statement(harbour[LATER.name], "stays closed to tankers").utterance

    kept = merge_utterances(Utterance.objects.filter(pk__in=[first.pk, later.pk]))
    changed(tmp_path, LATER, "Subscribe to the North Courier newsletter", "Read more")

    assert kept == first
    assert not Utterance.objects.filter(pk=later.pk).exists()
    assert statement(harbour[LATER.name], "stays closed to tankers").utterance == first
    first.refresh_from_db()
    assert first.statements.count() == 4


def test_a_split_needs_one_speaker_and_a_merge_two_utterances(harbour):
    original = harbour[ORIGINAL.name]

    with pytest.raises(ValueError):
        split_statements(original.statements.all())
    with pytest.raises(ValueError):
        merge_utterances(Utterance.objects.filter(pk=statement(original, CLOSED).utterance_id))


# The seeds ---------------------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed pages are not here")
def test_rutte_s_call_with_zelenskyy_and_his_brussels_press_conference_are_two_occasions(db):
    articles = ingested(*sorted(SEEDS.glob("*.txt")))
    call = next(a for a in articles.values() if "durable and lasting" in a.body)
    press = next(a for a in articles.values() if "durable and sustainable" in a.body)
    rutte = call.statements.get(text__contains="durable and lasting").speaker

    theirs = set(press.statements.filter(speaker=rutte).values_list("utterance_id", flat=True))
    mine = set(call.statements.filter(speaker=rutte).values_list("utterance_id", flat=True))
    assert mine and theirs
    assert not mine & theirs
    minsk = press.statements.get(text__contains="never return").utterance
    assert minsk.statements.count() == 1


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed pages are not here")
def test_a_seed_copied_under_another_masthead_shares_each_statement_s_utterance_with_it(db, tmp_path):
    from articles.extraction.pipeline import extract

    seed = next(p for p in sorted(SEEDS.glob("*.txt")) if "durable and sustainable" in p.read_text())
    # Built here from the seed, so that no seed text is in the repository: another outlet's masthead,
    # headline, byline and furniture around the same body.
    body = extract(seed.read_bytes(), name=seed.name).body
    copy = tmp_path / "copy.txt"
    copy.write_text(
        f"HARBOUR LEDGER\nWorld › Europe\nAlliance chief sets out summit aims\n21 May 2025\nBy Staff\n\n{body}\n\n"
        "Share this story\nMore from Harbour Ledger\n"
    )
    articles = ingested(*sorted(SEEDS.glob("*.txt")), copy)
    original, theirs = articles[seed.name], articles[copy.name]

    mine = {s.text: s.utterance_id for s in original.statements.exclude(speaker=None)}
    copied = {s.text: s.utterance_id for s in theirs.statements.exclude(speaker=None)}
    assert len(copied) >= 5
    assert copied.items() <= mine.items()
    assert None not in copied.values()
    assert len(set(copied.values())) == len(copied)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
def test_a_report_stored_while_another_outlet_s_is_being_stored_joins_its_utterance(transactional_db):
    first_id, second_id, waited = ingest_second_while_first_is_held(ORIGINAL, OWN)
    assert waited, "the other outlet's report must wait for the first to commit"

    first = Statement.objects.get(article=first_id, text__contains=COMPENSATION)
    second = Statement.objects.get(article=second_id, text__contains=COMPENSATION)
    assert first.utterance_id == second.utterance_id
    assert Utterance.objects.get(pk=first.utterance_id).reach == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL inserts a new page's statements once")
def test_a_new_page_s_statements_are_inserted_with_their_utterances_and_never_updated(db, tmp_path):
    ingested(ORIGINAL)
    (tmp_path / COPY.name).write_text(COPY.read_text())
    inserted, updated = statement_writes()
    copy = ingested(tmp_path / COPY.name)[COPY.name]
    now_inserted, now_updated = statement_writes()

    assert now_updated == updated
    assert now_inserted - inserted == copy.statements.count() > 0
    assert not copy.statements.filter(utterance=None).exists()
    # The copy's reports joined the original's utterances, and each utterance keeps its first report.
    for report in copy.statements.exclude(speaker=None):
        assert report.utterance.reach == 2
        assert report.utterance.first_statement.article_id != copy.pk


def statement_writes():
    """Rows of the statements table inserted and updated so far in this transaction (the test's)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins), 0), coalesce(sum(n_tup_upd), 0) FROM pg_stat_xact_user_tables"
            " WHERE relname = %s",
            [Statement._meta.db_table],
        )
        return cursor.fetchone()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the tally is PostgreSQL's (migration 0025)")
def test_the_utterance_tally_follows_every_write_of_utterances(harbour):
    tally = utterance_tally
    assert tally() == Utterance.objects.count() > 0
    split_statements(Statement.objects.filter(pk=statement(harbour[OWN.name], "would stay closed to tankers").pk))
    assert tally() == Utterance.objects.count()
    first = statement(harbour[ORIGINAL.name], CLOSED).utterance
    later = statement(harbour[LATER.name], "stays closed to tankers").utterance
    merge_utterances(Utterance.objects.filter(pk__in=[first.pk, later.pk]))
    assert tally() == Utterance.objects.count()
    delete_articles(Article.objects.filter(pk=harbour[LATER.name].pk))
    assert tally() == Utterance.objects.count()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the tally is PostgreSQL's (migration 0025)")
def test_truncating_the_utterances_empties_their_tally(transactional_db):
    ingested(ORIGINAL)
    assert utterance_tally() == Utterance.objects.count() > 0

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Utterance._meta.db_table} CASCADE")  # as Django's flush empties tables

    assert utterance_tally() == 0
    ingested(LATER)
    assert utterance_tally() == Utterance.objects.count() > 0


def utterance_tally():
    from articles.coverage import UTTERANCE_TALLY

    with connection.cursor() as cursor:
        cursor.execute(UTTERANCE_TALLY)
        return cursor.fetchone()[0]


def test_assign_utterances_gives_statements_stored_before_utterances_theirs(harbour):
    from io import StringIO

    from django.core.management import call_command

    before = dict(Statement.objects.values_list("pk", "utterance_id"))
    Statement.objects.update(utterance=None)
    Utterance.objects.all().delete()

    out = StringIO()
    call_command("assign_utterances", stdout=out)

    assert out.getvalue().strip() == "4 articles' statements given utterances"
    after = dict(Statement.objects.values_list("pk", "utterance_id"))
    # The same grouping, under new ids.
    pairs = {(before[pk], after[pk]) for pk in before}
    assert len({b for b, _ in pairs}) == len({a for _, a in pairs}) == len(pairs)
    assert statement(harbour[ORIGINAL.name], CLOSED).utterance.reach == 3


@pytest.mark.parametrize("day", [datetime(1, 1, 2, tzinfo=UTC), datetime(9999, 12, 30, tzinfo=UTC)])
def test_the_occasion_of_a_date_at_the_calendars_ends_is_cut_there(day):
    first, last = utterances._occasion(day)

    assert first <= day <= last
    assert last - first < 2 * utterances.WINDOW
