"""What an analyst sets in the admin survives a re-ingest of a changed page and `manage.py retag`.

The analyst works through the admin's bulk actions and change form, as they
would; the page goes through `articles.ingest.ingest_bytes`. The extractor is
replaced by the extraction each version of the page is written to give, so
these tests are about what ingest keeps, not about how quotes are found;
test_the_real_extractor_keeps_the_analysts_work and the same-folder test run
the real extractor. Further down, each analyst field is checked on its own,
both when the quote stays in the changed page and when it is gone from it.
"""

from datetime import date
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse

from actors.evidence import merge
from actors.models import Actor, Alias
from articles import ingest
from articles.extraction.page import ExtractedActor, ExtractedPage, ExtractedStatement
from articles.models import Article, ArticleTopic, Mention, Source, Statement, StatementTopic, Topic, TopicLink

CHANGELIST = reverse("admin:articles_statement_changelist")

LEPP = "Sanctions must stay in place until a settlement is signed."
KORHONEN = "We will not accept a frozen conflict on our border."
SUMMIT = "the summit in the summer would have to agree on a ceasefire plan"
LATE = "Talks on a ceasefire will resume next week."

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Ministers split over sanctions | Harbour Ledger</title>
<meta property="og:site_name" content="Harbour Ledger">
<meta property="article:published_time" content="2025-05-14">
<link rel="canonical" href="https://harbour-ledger.example/ministers-split">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Ministers split over sanctions</h1>
<p>Foreign ministers of the alliance met in Tallinn on Thursday to weigh a new package of support
for Ukraine.</p>
<p>"{lepp}" said Estonian Foreign Minister Kadri Lepp.</p>
<p>Finnish Foreign Minister Aino Korhonen said {summit}.</p>
{extra}
</article>
<footer>Copyright Harbour Ledger. All rights reserved.</footer>
</body></html>
"""

# Version 1 has Korhonen's quote; version 2 (an update of the same story) drops
# it and adds a late quote from Lepp.
V1 = PAGE.format(
    lepp=LEPP,
    summit=SUMMIT,
    extra=f'<p>"{KORHONEN}" Korhonen told reporters after the meeting.</p>',
).encode()
V2 = PAGE.format(
    lepp=LEPP,
    summit=SUMMIT,
    extra=f'<p>Updated on Friday.</p>\n<p>"{LATE}" Lepp said on Friday.</p>',
).encode()


def extraction(data):
    """What the extractor is expected to make of V1 and V2."""
    statements = [
        ExtractedStatement("Kadri Lepp", LEPP, "direct", 100, ["sanctions"]),
        ExtractedStatement("Aino Korhonen", SUMMIT, "indirect", 200, ["summit", "ceasefire"]),
    ]
    if data == V1:
        statements.append(ExtractedStatement("Aino Korhonen", KORHONEN, "direct", 300, []))
    else:
        statements.append(ExtractedStatement("Kadri Lepp", LATE, "direct", 320, ["ceasefire"]))
    return ExtractedPage(
        title="Ministers split over sanctions",
        published=date(2025, 5, 14),
        source="Harbour Ledger",
        url="https://harbour-ledger.example/ministers-split",
        body="\n\n".join(s.text for s in statements),
        actors=[
            ExtractedActor("Kadri Lepp", "person", 2, "Estonian Foreign Minister"),
            ExtractedActor("Aino Korhonen", "person", 2, "Finnish Foreign Minister"),
        ],
        statements=statements,
        topics=["sanctions", "summit", "ceasefire"],
        format="html",
    )


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fake_extractor():
    with mock.patch.object(ingest, "extract", side_effect=lambda data, **kwargs: extraction(data)) as fake:
        yield fake


def store(data):
    result = ingest.ingest_bytes(data, name="ministers-split.html", origin="file:///pages/ministers-split.html")
    assert result.outcome in (ingest.STORED, ingest.UPDATED), result.reason
    return Article.objects.get(pk=result.article_id)


def statement(text):
    return Statement.objects.get(text=text)


def topics_of(text):
    return dict(statement(text).topic_links.values_list("topic__slug", "origin"))


def act(client, action, text, **fields):
    response = client.post(CHANGELIST, {"action": action, "_selected_action": [statement(text).pk], **fields})
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def worked_on(db, admin_client, fake_extractor):
    """Version 1 stored, then reviewed by an analyst in the admin."""
    store(V1)
    topic = {t.slug: t.pk for t in Topic.objects.all()}
    rutte = Actor.objects.resolve("Mark Rutte")

    # Lepp's quote: verified, and "sanctions" taken off although the rules put it on.
    act(admin_client, "mark_verified", LEPP)
    act(admin_client, "remove_topic", LEPP, topic=topic["sanctions"], apply="1")
    # Korhonen's quote: rejected, given to someone else, tagged "ceasefire".
    act(admin_client, "mark_rejected", KORHONEN)
    act(admin_client, "reassign_speaker", KORHONEN, speaker=rutte.pk, apply="1")
    act(admin_client, "add_topic", KORHONEN, topic=topic["ceasefire"], apply="1")
    # The summit quote: "sanctions" added, and "summit" confirmed as the analyst's.
    act(admin_client, "add_topic", SUMMIT, topic=topic["sanctions"], apply="1")
    act(admin_client, "add_topic", SUMMIT, topic=topic["summit"], apply="1")
    # In the change form: the summit quote's speaker corrected and a note left.
    summit = statement(SUMMIT)
    data = {
        "speaker": rutte.pk,
        "status": "new",
        "note": "Rutte said this, not Korhonen.",
        "topic_links-TOTAL_FORMS": "0",
        "topic_links-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:articles_statement_change", args=[summit.pk]), data)
    assert response.status_code == 302

    assert_analyst_work_kept()


def assert_analyst_work_kept():
    lepp = statement(LEPP)
    assert (lepp.status, lepp.reviewed_by.username) == ("verified", "admin")
    assert lepp.reviewed_at is not None
    assert topics_of(LEPP) == {}
    assert list(lepp.removed_topics.values_list("slug", flat=True)) == ["sanctions"]

    korhonen = statement(KORHONEN)
    assert (korhonen.status, korhonen.reviewed_by.username) == ("rejected", "admin")
    assert (korhonen.speaker.name, korhonen.speaker_corrected) == ("Mark Rutte", True)
    assert topics_of(KORHONEN) == {"ceasefire": "analyst"}

    summit = statement(SUMMIT)
    assert (summit.speaker.name, summit.speaker_corrected) == ("Mark Rutte", True)
    assert summit.note == "Rutte said this, not Korhonen."
    assert topics_of(SUMMIT) == {"sanctions": "analyst", "summit": "analyst", "ceasefire": "rule"}


def test_the_same_page_again_changes_nothing(worked_on):
    assert ingest.ingest_bytes(V1, name="ministers-split.html", origin="x").outcome == ingest.UNCHANGED

    assert_analyst_work_kept()


def test_a_changed_page_keeps_the_analysts_work(worked_on):
    article = store(V2)

    assert_analyst_work_kept()
    # Korhonen's quote is gone from the page but was reviewed, so it stays;
    # the new quote arrives with its rule topics.
    assert article.statements.count() == 4
    assert topics_of(LATE) == {"ceasefire": "rule"}


def test_a_changed_page_drops_statements_nobody_worked_on(db, fake_extractor):
    store(V1)

    article = store(V2)

    assert set(article.statements.values_list("text", flat=True)) == {LEPP, SUMMIT, LATE}


def test_a_changed_page_updates_a_speaker_nobody_corrected(db, fake_extractor):
    store(V1)
    # Version 2 as the extractor saw it, with Lepp's quote attributed to someone else.
    page = extraction(V2)
    page.statements[0].speaker = "Aino Korhonen"
    fake_extractor.side_effect = lambda data, **kwargs: page

    store(V2)

    assert statement(LEPP).speaker.name == "Aino Korhonen"
    assert not statement(LEPP).speaker_corrected


def test_retag_keeps_the_analysts_work(worked_on):
    store(V2)
    # Rules that would now put "sanctions" on every statement and take "summit" off.
    Topic.objects.filter(slug="sanctions").update(rules="sanction\nconflict\nsummit\nceasefire\nplace")
    Topic.objects.filter(slug="summit").update(rules="no such words")

    call_command("retag", stdout=mock.Mock())

    assert_analyst_work_kept_after_retag()
    # The new rules did apply where no analyst had decided.
    assert topics_of(KORHONEN) == {"ceasefire": "analyst", "sanctions": "rule"}
    assert topics_of(LATE)["sanctions"] == "rule"


def assert_analyst_work_kept_after_retag():
    lepp = statement(LEPP)
    assert (lepp.status, lepp.reviewed_by.username) == ("verified", "admin")
    assert "sanctions" not in topics_of(LEPP)
    assert list(lepp.removed_topics.values_list("slug", flat=True)) == ["sanctions"]

    korhonen = statement(KORHONEN)
    assert (korhonen.status, korhonen.speaker.name, korhonen.speaker_corrected) == ("rejected", "Mark Rutte", True)
    assert topics_of(KORHONEN)["ceasefire"] == "analyst"

    summit = statement(SUMMIT)
    assert (summit.speaker.name, summit.speaker_corrected) == ("Mark Rutte", True)
    # Analyst topics stay analyst topics whatever the rules say now.
    assert topics_of(SUMMIT)["sanctions"] == "analyst"
    assert topics_of(SUMMIT)["summit"] == "analyst"


def test_the_real_extractor_keeps_the_analysts_work(db, admin_client):
    """The same story through the real extractor: verify, correct the speaker, tag; then version 2."""
    article = store(V1)
    lepp = article.statements.filter(text__contains="settlement is signed").first()
    assert lepp is not None, "the extractor should find Lepp's quote in the test page"
    rutte = Actor.objects.resolve("Mark Rutte")
    ceasefire = Topic.objects.get(slug="ceasefire")
    act(admin_client, "mark_verified", lepp.text)
    act(admin_client, "reassign_speaker", lepp.text, speaker=rutte.pk, apply="1")
    act(admin_client, "add_topic", lepp.text, topic=ceasefire.pk, apply="1")
    # The rules tag the quote "sanctions"; the analyst disagrees.
    assert "sanctions" in topics_of(lepp.text)
    act(admin_client, "remove_topic", lepp.text, topic=Topic.objects.get(slug="sanctions").pk, apply="1")

    store(V2)

    lepp = article.statements.get(pk=lepp.pk)
    assert (lepp.status, lepp.speaker, lepp.speaker_corrected) == ("verified", rutte, True)
    assert StatementTopic.objects.get(statement=lepp, topic=ceasefire).origin == "analyst"
    assert "sanctions" not in topics_of(lepp.text)


# --- One analyst field at a time, on a page whose text changes ---------------
#
# The same origin is ingested twice with different bytes. In the second
# version the quote the analyst worked on either stays in the page or is gone
# from it; either way the analyst's work on it must still be there. The quote
# (SUBJECT) has "sanctions" from the rules in every version it is in, so a
# removed "sanctions" is one the rules would put back.

ORIGIN = "https://quayside-courier.example/pilots-talks"
SUBJECT = "Pilots will not return to work until the pay offer is in writing."
OTHER = "The harbour will stay open for ferries and emergency cargo."
ADDED = "Talks with the mediator will resume on Monday."


def version(*quotes):
    """The page with these quotes in it; its bytes differ with every set of quotes."""
    paragraphs = "\n".join(f"<p>{quote}</p>" for quote in quotes)
    return f"<!doctype html><html><head><title>Pilots talks</title></head><body>{paragraphs}</body></html>".encode()


FIRST = version(SUBJECT, OTHER)
STAYS = version(SUBJECT, OTHER, ADDED)
GONE = version(OTHER, ADDED)
QUOTES = {
    SUBJECT: ExtractedStatement("Gerda Halvorsen", SUBJECT, "direct", 10, ["sanctions"]),
    OTHER: ExtractedStatement("Aino Virta", OTHER, "direct", 90, ["ceasefire"]),
    ADDED: ExtractedStatement("Gerda Halvorsen", ADDED, "direct", 170, ["summit"]),
}


def quayside_extraction(data):
    quotes = [q for q in QUOTES if f"<p>{q}</p>".encode() in data]
    return ExtractedPage(
        title="Pilots talks",
        published=date(2026, 10, 3),
        source="Quayside Courier",
        url=ORIGIN,
        body="\n\n".join(quotes),
        actors=[
            ExtractedActor("Gerda Halvorsen", "person", 2, "pilots' spokeswoman"),
            ExtractedActor("Aino Virta", "person", 1, "harbour master"),
        ],
        statements=[QUOTES[q] for q in quotes],
        # The article's rule topics are the same in every version.
        topics=["sanctions", "ceasefire"],
        format="html",
    )


@pytest.fixture
def quayside(db, admin_client):
    """The first version stored through ingest; returns a function that stores a later one."""
    with mock.patch.object(ingest, "extract", side_effect=lambda data, **kwargs: quayside_extraction(data)):

        def ingest_version(data):
            result = ingest.ingest_bytes(data, name="pilots-talks.html", origin=ORIGIN)
            assert result.outcome in (ingest.STORED, ingest.UPDATED), result.reason
            return Article.objects.get(pk=result.article_id)

        ingest_version(FIRST)
        yield ingest_version


def set_note(client, statement, note):
    data = {
        "speaker": statement.speaker_id or "",
        "status": statement.status,
        "note": note,
        "topic_links-TOTAL_FORMS": "0",
        "topic_links-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:articles_statement_change", args=[statement.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def topic_pk(slug):
    return Topic.objects.get(slug=slug).pk


def statement_state(statement):
    """Every analyst field of `statement`, as they are in the database."""
    statement.refresh_from_db()
    return {
        "status": statement.status,
        "speaker": statement.speaker.name if statement.speaker else None,
        "speaker_corrected": statement.speaker_corrected,
        "note": statement.note,
        "reviewed_by": statement.reviewed_by.username if statement.reviewed_by else None,
        "reviewed_at": statement.reviewed_at,
        "topics": dict(statement.topic_links.values_list("topic__slug", "origin")),
        "removed_topics": set(statement.removed_topics.values_list("slug", flat=True)),
    }


# (what the analyst does to SUBJECT in the admin, what of it must survive)
ANALYST_WORK = {
    "verified": (
        lambda client: act(client, "mark_verified", SUBJECT),
        {"status": "verified", "reviewed_by": "admin"},
    ),
    "rejected": (
        lambda client: act(client, "mark_rejected", SUBJECT),
        {"status": "rejected", "reviewed_by": "admin"},
    ),
    "speaker corrected": (
        lambda client: act(
            client, "reassign_speaker", SUBJECT, speaker=Actor.objects.resolve("Tomas Brenholt").pk, apply="1"
        ),
        {"speaker": "Tomas Brenholt", "speaker_corrected": True},
    ),
    "topic added": (
        lambda client: act(client, "add_topic", SUBJECT, topic=topic_pk("summit"), apply="1"),
        {"topics": {"sanctions": "rule", "summit": "analyst"}},
    ),
    "topic removed": (
        lambda client: act(client, "remove_topic", SUBJECT, topic=topic_pk("sanctions"), apply="1"),
        {"topics": {}, "removed_topics": {"sanctions"}},
    ),
    "note": (
        lambda client: set_note(client, statement(SUBJECT), "Check the pay figure with the union."),
        {"note": "Check the pay figure with the union."},
    ),
}


@pytest.mark.parametrize("second", [STAYS, GONE], ids=["quote-stays", "quote-gone"])
@pytest.mark.parametrize("work", ANALYST_WORK, ids=list(ANALYST_WORK))
def test_a_changed_page_keeps_one_field_of_analyst_work(quayside, admin_client, work, second):
    do, kept = ANALYST_WORK[work]
    do(admin_client)
    subject = statement(SUBJECT)
    before = statement_state(subject)
    assert {name: before[name] for name in kept} == kept, "the admin should have recorded the work"

    article = quayside(second)

    assert Statement.objects.filter(pk=subject.pk).exists(), "the statement the analyst worked on is gone"
    # All of it, not only the field worked on: the reviewer and the moment of review too.
    assert statement_state(subject) == before
    assert set(article.statements.values_list("text", flat=True)) == {SUBJECT, OTHER, ADDED}


@pytest.mark.parametrize("second", [STAYS, GONE], ids=["quote-stays", "quote-gone"])
def test_a_changed_page_keeps_the_reviewer_and_the_time_of_review(quayside, admin_client, second):
    act(admin_client, "mark_verified", SUBJECT)
    reviewed = statement(SUBJECT)

    quayside(second)

    subject = Statement.objects.get(pk=reviewed.pk)
    assert (subject.reviewed_by_id, subject.reviewed_at) == (reviewed.reviewed_by_id, reviewed.reviewed_at)


@pytest.mark.parametrize("second", [STAYS, GONE], ids=["quote-stays", "quote-gone"])
def test_a_changed_page_drops_a_gone_quote_nobody_worked_on(quayside, second):
    article = quayside(second)

    expected = {SUBJECT, OTHER, ADDED} if second == STAYS else {OTHER, ADDED}
    assert set(article.statements.values_list("text", flat=True)) == expected


@pytest.mark.parametrize("second", [STAYS, GONE], ids=["quote-stays", "quote-gone"])
def test_a_changed_page_keeps_the_analysts_topics_on_the_article(quayside, second):
    article = Article.objects.get(origin=ORIGIN)
    assert dict(article.topic_links.values_list("topic__slug", "origin")) == {"sanctions": "rule", "ceasefire": "rule"}
    # The analyst adds "summit" and takes "sanctions" off, which the rules give every version.
    summit, sanctions = Topic.objects.get(slug="summit"), Topic.objects.get(slug="sanctions")
    ArticleTopic.objects.create(article=article, topic=summit, origin=TopicLink.Origin.ANALYST)
    article.topic_links.filter(topic=sanctions).delete()
    article.removed_topics.add(sanctions)

    article = quayside(second)

    assert dict(article.topic_links.values_list("topic__slug", "origin")) == {
        "ceasefire": "rule",
        "summit": "analyst",
    }
    assert list(article.removed_topics.values_list("slug", flat=True)) == ["sanctions"]


@pytest.mark.parametrize("second", [STAYS, GONE], ids=["quote-stays", "quote-gone"])
def test_a_changed_page_does_not_bring_back_a_merged_actor(quayside, second):
    # The analyst decides that Aino Virta, who said OTHER, is Gerda Halvorsen under another name.
    halvorsen, virta = Actor.objects.get(name="Gerda Halvorsen"), Actor.objects.get(name="Aino Virta")
    other = statement(OTHER)
    merge(halvorsen, [virta])
    assert statement(OTHER).speaker == halvorsen

    article = quayside(second)

    # The page still names Aino Virta, but she resolves to the kept actor.
    assert not Actor.objects.filter(name="Aino Virta").exists()
    assert Statement.objects.get(pk=other.pk).speaker == halvorsen
    assert set(article.statements.values_list("speaker__name", flat=True)) == {"Gerda Halvorsen"}
    assert set(article.mentions.values_list("actor__name", flat=True)) == {"Gerda Halvorsen"}


# --- The same folder twice ---------------------------------------------------


def snapshot():
    """Every row of every table ingest writes, with all its columns (`updated` included)."""
    models = [Source, Article, ArticleTopic, Statement, StatementTopic, Mention, Actor, Alias]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def test_ingesting_the_same_folder_twice_changes_nothing(db, tmp_path, admin_client):
    (tmp_path / "ministers-split.html").write_bytes(V1)
    (tmp_path / "pilots-talks.html").write_bytes(FIRST)
    (tmp_path / "port-strike.txt").write_text(
        "Port strike spreads along the coast\n\n"
        "Dock workers in the harbour town of Vellmar walked out on Monday, the third stoppage this autumn, "
        "as union leaders said the strike would reach two more ports by the weekend.\n"
        '"Nobody unloads a ship until the contract is signed," said union secretary Tomas Brenholt.\n'
        "Talks are due to resume on Monday, when a mediator is expected to join both sides at the table.\n",
        encoding="utf-8",
    )
    call_command("ingest", str(tmp_path), stdout=mock.Mock())
    assert Article.objects.count() == 3
    # Some analyst work, so that a second run has something it could undo.
    act(admin_client, "mark_verified", Statement.objects.order_by("pk").first().text)
    before = snapshot()

    call_command("ingest", str(tmp_path), stdout=mock.Mock())

    assert snapshot() == before
