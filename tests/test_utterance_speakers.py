"""A statement whose speaker changes after ingest moves to an utterance of its new speaker at once.

An analyst's correction (the admin's form and bulk action, the review page, an undo, all through
articles.audit.recording) sends the statement to its new speaker's utterance by the rules of ingest
(articles.utterances.follow_speakers); a statement the analyst pinned takes its utterance along instead.
The pages are the harbour pages of test_utterances: North Courier's report of the port minister, East
Herald's copy of it, and Valley Times' own report the next day.
"""

import pytest
from django.urls import reverse

from actors.models import Actor
from articles import audit, ingest
from articles.models import Article, Statement, Utterance
from articles.utterances import split_statements
from tests.test_utterances import COMPENSATION, COPY, ORIGINAL, OWN
from tests.utterance_checks import assert_utterances_consistent

PILOT = "We have been waiting for weeks"


@pytest.fixture
def harbour(db, tmp_path):
    """The three pages, ingested from a folder where a test may change them."""
    found = {}
    for page in (ORIGINAL, COPY, OWN):
        (tmp_path / page.name).write_text(page.read_text())
        found[page.name] = Article.objects.get(pk=ingest.ingest_file(tmp_path / page.name).article_id)
    return found


@pytest.fixture
def people(harbour):
    return {"varga": Actor.objects.get(name="Elin Varga"), "brandt": Actor.objects.get(name="Tomas Brandt")}


def quote(article, words):
    return Statement.objects.get(article=article, text__contains=words)


def reassign(statements, speaker, user=None):
    """What the admin's bulk action writes, as it writes it."""
    with audit.recording(user, statements, "Changed speaker (bulk action)", bulk=True) as done:
        statements.reassign_speaker_by_analyst(speaker)
    return done.change_set


def fresh(statement):
    statement.refresh_from_db()
    return statement


def test_a_corrected_speaker_leaves_the_old_speaker_s_utterance_at_once(harbour, people):
    copied = quote(harbour[COPY.name], COMPENSATION)
    compensation = copied.utterance
    assert compensation.reach == 3

    reassign(Statement.objects.filter(pk=copied.pk), people["brandt"])

    copied = fresh(copied)
    compensation.refresh_from_db()
    assert compensation.reach == 2
    assert copied.utterance != compensation
    assert copied.utterance.speaker == people["brandt"]
    assert list(copied.utterance.statements.all()) == [copied]
    assert not copied.utterance_fixed
    assert_utterances_consistent()


def test_corrected_back_it_rejoins_its_remark_and_leaves_no_empty_utterance(harbour, people):
    copied = quote(harbour[COPY.name], COMPENSATION)
    compensation = copied.utterance
    reassign(Statement.objects.filter(pk=copied.pk), people["brandt"])
    wrong = fresh(copied).utterance

    reassign(Statement.objects.filter(pk=copied.pk), people["varga"])

    assert fresh(copied).utterance == compensation
    compensation.refresh_from_db()
    assert compensation.reach == 3
    assert not Utterance.objects.filter(pk=wrong.pk).exists()
    assert_utterances_consistent()


def test_reported_speech_given_back_to_its_speaker_joins_the_remark_it_reports(harbour, people):
    # Valley Times' paraphrase, in other words than the quote: it rejoins by likeness, as at ingest.
    paraphrase = quote(harbour[OWN.name], "would stay closed to tankers until")
    closed = paraphrase.utterance
    reassign(Statement.objects.filter(pk=paraphrase.pk), people["brandt"])
    assert fresh(paraphrase).utterance != closed

    reassign(Statement.objects.filter(pk=paraphrase.pk), people["varga"])

    assert fresh(paraphrase).utterance == closed
    closed.refresh_from_db()
    assert closed.reach == 3
    assert_utterances_consistent()


def test_a_pinned_statement_takes_its_utterance_along(harbour, people):
    copied = quote(harbour[COPY.name], COMPENSATION)
    compensation = copied.utterance
    alone = split_statements(Statement.objects.filter(pk=copied.pk))

    reassign(Statement.objects.filter(pk=copied.pk), people["brandt"])

    copied = fresh(copied)
    assert copied.utterance == alone
    assert copied.utterance_fixed
    alone.refresh_from_db()
    assert alone.speaker == people["brandt"]
    compensation.refresh_from_db()
    assert compensation.reach == 2
    assert_utterances_consistent()


def test_a_pinned_statement_corrected_apart_from_its_fellows_keeps_their_company_no_longer(harbour, people):
    copied, own = quote(harbour[COPY.name], COMPENSATION), quote(harbour[OWN.name], COMPENSATION)
    pinned = split_statements(Statement.objects.filter(pk__in=[copied.pk, own.pk]))

    reassign(Statement.objects.filter(pk=own.pk), people["brandt"])

    copied, own = fresh(copied), fresh(own)
    assert copied.utterance == pinned
    assert own.utterance != pinned
    assert own.utterance.speaker == people["brandt"]
    assert own.utterance_fixed
    assert_utterances_consistent()


def test_a_statement_left_without_a_speaker_leaves_the_remark(harbour, people):
    copied = quote(harbour[COPY.name], COMPENSATION)
    compensation = copied.utterance

    reassign(Statement.objects.filter(pk=copied.pk), None)

    copied = fresh(copied)
    assert copied.utterance != compensation
    assert copied.utterance.speaker is None
    compensation.refresh_from_db()
    assert compensation.reach == 2
    assert_utterances_consistent()


def test_undoing_the_correction_puts_the_statement_back_in_its_remark(harbour, people, admin_user):
    copied = quote(harbour[COPY.name], COMPENSATION)
    compensation = copied.utterance
    change_set = reassign(Statement.objects.filter(pk=copied.pk), people["brandt"], admin_user)
    assert fresh(copied).utterance.speaker == people["brandt"]

    undone = audit.undo(change_set, admin_user)

    assert undone.restored == 1
    assert fresh(copied).utterance == compensation
    compensation.refresh_from_db()
    assert compensation.reach == 3
    assert_utterances_consistent()


def test_re_ingesting_the_page_keeps_the_corrected_statement_in_its_new_speaker_s_utterance(harbour, people, tmp_path):
    copied = quote(harbour[COPY.name], COMPENSATION)
    reassign(Statement.objects.filter(pk=copied.pk), people["brandt"])
    moved = fresh(copied).utterance

    page = tmp_path / COPY.name
    page.write_text(COPY.read_text().replace("Most read on East Herald", "Most read this week"))
    assert ingest.ingest_file(page).outcome == ingest.UPDATED

    assert fresh(copied).utterance == moved
    assert_utterances_consistent()


# Where the analyst acts ------------------------------------------------------------------------------


def test_the_admin_bulk_action_moves_the_utterance(admin_client, harbour, people):
    copied = quote(harbour[COPY.name], COMPENSATION)
    compensation = copied.utterance

    response = admin_client.post(
        reverse("admin:articles_statement_changelist"),
        {
            "action": "reassign_speaker",
            "_selected_action": [copied.pk],
            "speaker": people["brandt"].pk,
            "apply": "Reassign speaker",
        },
    )

    assert response.status_code == 302
    assert fresh(copied).utterance.speaker == people["brandt"]
    compensation.refresh_from_db()
    assert compensation.reach == 2
    assert_utterances_consistent()


def test_the_admin_change_form_moves_the_utterance(admin_client, harbour, people):
    copied = quote(harbour[COPY.name], COMPENSATION)
    data = {
        "speaker": people["brandt"].pk,
        "status": copied.status,
        "note": "",
        "topic_links-TOTAL_FORMS": "0",
        "topic_links-INITIAL_FORMS": "0",
        "topic_links-MIN_NUM_FORMS": "0",
        "topic_links-MAX_NUM_FORMS": "1000",
    }
    for i, link in enumerate(copied.topic_links.all()):
        data |= {
            f"topic_links-{i}-id": link.pk,
            f"topic_links-{i}-statement": copied.pk,
            f"topic_links-{i}-topic": link.topic_id,
        }
        data["topic_links-TOTAL_FORMS"] = data["topic_links-INITIAL_FORMS"] = str(i + 1)

    response = admin_client.post(reverse("admin:articles_statement_change", args=[copied.pk]), data)

    assert response.status_code == 302
    copied = fresh(copied)
    assert copied.speaker_corrected
    assert copied.utterance.speaker == people["brandt"]
    assert_utterances_consistent()


def test_the_review_page_moves_the_utterance(admin_client, harbour, people):
    copied = quote(harbour[COPY.name], COMPENSATION)
    url = reverse("articles:review-statement", args=[copied.pk])
    form = admin_client.get(url).context["correction"]
    data = {"action": "save"}
    for name in form.fields:
        value = form.initial.get(name)
        value = [str(v) for v in value] if isinstance(value, list) else value
        data[name] = data[f"initial-{name}"] = value
    data["speaker"] = "Tomas Brandt"

    response = admin_client.post(url, {k: v for k, v in data.items() if v is not None})

    assert response.status_code == 302
    assert fresh(copied).utterance.speaker == people["brandt"]
    assert_utterances_consistent()
