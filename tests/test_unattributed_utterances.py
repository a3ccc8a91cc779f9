"""Copies of one story share an utterance for a remark it gives to nobody by name (articles.utterances).

The pages in tests/utterance_pages/ are ours: Marsh Gazette's report of a delayed power cable, quoting a
senior engineer who asked not to be named and a person familiar with the talks; Coastal Dispatch's copy of
it under its own masthead; and Fenby Observer's own report the next day, with the same anonymous words and
a named engineer at the contractor.
"""

import pytest
from django.db import connection

from articles import audit, ingest
from articles.models import Article, Statement, Utterance
from articles.storing import delete_articles
from articles.utterances import split_statements
from tests.held_ingest import ingest_second_while_first_is_held
from tests.test_utterances import PAGES
from tests.utterance_checks import assert_utterances_consistent

ORIGINAL = PAGES / "marsh_gazette_interconnector.txt"
COPY = PAGES / "coastal_dispatch_interconnector_copy.txt"
OWN = PAGES / "fenby_observer_interconnector_own.txt"

JOINTS = "The joints failed at half the pressure"
HOUSEHOLDS = "Households will not pay"
ENGINEER = "a senior engineer at the operator"


def store(path):
    result = ingest.ingest_file(path)
    assert result.outcome in (ingest.STORED, ingest.UPDATED), result.reason
    return Article.objects.get(pk=result.article_id)


def quote(article, words):
    return Statement.objects.get(article=article, text__contains=words)


@pytest.fixture
def pages(db, tmp_path):
    """Where a test writes its own version of the copy before storing it."""
    for page in (ORIGINAL, COPY, OWN):
        (tmp_path / page.name).write_text(page.read_text())
    return tmp_path


def test_each_unattributed_statement_of_a_copy_shares_an_utterance_with_the_original(pages):
    original, copy = store(pages / ORIGINAL.name), store(pages / COPY.name)
    assert copy.story_id == original.pk

    mine = {s.text: s.utterance for s in original.statements.filter(speaker=None)}
    theirs = {s.text: s.utterance for s in copy.statements.filter(speaker=None)}
    assert len(mine) >= 2
    assert any(s.unnamed for s in original.statements.filter(speaker=None))
    assert mine == theirs
    assert len(set(mine.values())) == len(mine)
    for utterance in mine.values():
        assert utterance.speaker is None
        assert utterance.reach == 2
        assert utterance.first_statement.article == original
    assert_utterances_consistent()


def test_a_copy_that_describes_the_source_otherwise_keeps_its_own_utterance(pages):
    original = store(pages / ORIGINAL.name)
    page = pages / COPY.name
    page.write_text(page.read_text().replace(ENGINEER, "a spokeswoman for the operator"))
    copy = store(page)
    assert copy.story_id == original.pk

    assert quote(copy, JOINTS).utterance != quote(original, JOINTS).utterance
    assert quote(original, JOINTS).utterance.reach == 1
    assert_utterances_consistent()


def test_a_copy_that_names_the_source_never_joins_the_unattributed_remark(pages):
    original = store(pages / ORIGINAL.name)
    page = pages / COPY.name
    page.write_text(page.read_text().replace(ENGINEER, "Mia Lund, the operator's chief engineer,"))
    copy = store(page)

    named = quote(copy, JOINTS)
    assert named.speaker is not None
    assert named.utterance != quote(original, JOINTS).utterance
    assert named.utterance.speaker == named.speaker
    assert quote(original, JOINTS).utterance.reach == 1
    assert_utterances_consistent()


def test_an_unnamed_source_in_another_outlet_s_own_report_is_not_taken_for_the_same_person(pages):
    original, own = store(pages / ORIGINAL.name), store(pages / OWN.name)
    assert own.story_key != original.story_key

    assert quote(own, JOINTS).unnamed
    assert quote(own, JOINTS).utterance != quote(original, JOINTS).utterance
    assert_utterances_consistent()


def test_the_named_speaker_s_remarks_in_copies_are_unchanged(pages):
    original, copy = store(pages / ORIGINAL.name), store(pages / COPY.name)

    assert quote(copy, HOUSEHOLDS).utterance == quote(original, HOUSEHOLDS).utterance
    assert quote(original, HOUSEHOLDS).utterance.speaker.name == "Karl Ostberg"


def test_re_ingesting_and_deleting_a_copy_keep_the_unattributed_utterance_in_step(pages):
    original, copy = store(pages / ORIGINAL.name), store(pages / COPY.name)
    shared = quote(original, JOINTS).utterance
    page = pages / COPY.name
    page.write_text(page.read_text().replace("Most read on Coastal Dispatch", "Most read this week"))

    assert store(page) == copy
    assert quote(copy, JOINTS).utterance == shared

    delete_articles([copy.pk])
    shared.refresh_from_db()
    assert shared.reach == 1
    assert_utterances_consistent()


def test_an_analyst_naming_the_source_moves_the_statement_to_the_named_speaker_s_utterance(pages, make_actor):
    original = store(pages / ORIGINAL.name)
    store(pages / COPY.name)
    shared = quote(original, JOINTS).utterance
    lund = make_actor("Mia Lund")
    statements = Statement.objects.filter(text__contains=JOINTS)

    with audit.recording(None, statements, "Changed speaker (bulk action)", bulk=True):
        statements.reassign_speaker_by_analyst(lund)

    # Both reports, together, are now one remark of Lund's, found as ingest finds it; the unattributed one went.
    (named,) = {s.utterance for s in statements.all()}
    assert (named.speaker, named.reach) == (lund, 2)
    assert not Utterance.objects.filter(pk=shared.pk).exists()
    assert_utterances_consistent()


def test_assign_utterances_gives_unattributed_statements_stored_before_theirs(pages):
    from django.core.management import call_command

    original, copy = store(pages / ORIGINAL.name), store(pages / COPY.name)
    Statement.objects.filter(speaker=None).update(utterance=None)
    Utterance.objects.filter(speaker=None).delete()

    call_command("assign_utterances", verbosity=0)

    assert quote(copy, JOINTS).utterance == quote(original, JOINTS).utterance is not None
    assert_utterances_consistent()


def test_the_utterance_page_and_the_desk_name_the_source_as_the_first_report_describes_it(analyst_client, pages):
    original = store(pages / ORIGINAL.name)
    store(pages / COPY.name)
    shared = quote(original, JOINTS).utterance

    page = analyst_client.get(shared.get_absolute_url()).content.decode()
    desk = analyst_client.get("/").content.decode()

    assert "A senior engineer at the operator: “" in page
    assert "Unknown speaker" not in page
    assert "A senior engineer at the operator ·" in desk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
def test_a_copy_stored_while_its_original_is_being_stored_joins_its_unattributed_remark(transactional_db):
    # No speaker lock here: the copy waits on the story's band locks, then finds the original's utterance.
    first_id, second_id, waited = ingest_second_while_first_is_held(ORIGINAL, COPY)
    assert waited, "the copy must wait for the original to commit"

    first = Statement.objects.get(article=first_id, text__contains=JOINTS)
    second = Statement.objects.get(article=second_id, text__contains=JOINTS)
    assert first.utterance_id == second.utterance_id is not None
    assert Utterance.objects.get(pk=first.utterance_id).reach == 2


def test_an_analyst_splits_an_unattributed_copy_off_and_re_ingest_keeps_it_there(pages):
    original, copy = store(pages / ORIGINAL.name), store(pages / COPY.name)
    shared = quote(original, JOINTS).utterance

    alone = split_statements(Statement.objects.filter(pk=quote(copy, JOINTS).pk))
    page = pages / COPY.name
    page.write_text(page.read_text().replace("Most read on Coastal Dispatch", "Most read this week"))
    store(page)

    assert quote(copy, JOINTS).utterance == alone != shared
    assert alone.speaker is None
    shared.refresh_from_db()
    assert shared.reach == 1
    assert_utterances_consistent()
