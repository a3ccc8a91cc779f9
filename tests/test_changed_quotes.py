"""A quote whose words change between versions of a page keeps the analyst's work on it.

Pages are stored through `ingest.ingest_bytes` with the extractor replaced by
what each version is written to give, as in test_analyst_work_survives: these
tests are about how ingest matches statements across versions.
"""

from datetime import date
from unittest import mock

import pytest
from django.urls import reverse

from actors.models import Actor
from articles import ingest
from articles.extraction.page import ExtractedActor, ExtractedPage, ExtractedStatement
from articles.models import Article, Statement
from articles.storing import pair_reworded

ORIGIN = "https://fjord-gazette.example/ferry-strike"
QUOTE = "The ferry crews will stay on strike until the company puts its pay offer in writing."
# A typo fixed and one word changed by the outlet's copy desk.
REWORDED = "The ferry crews will stay on strike until the company puts its new pay offer in writing."
OTHER = "Passengers with tickets for Friday can change them free of charge."
UNRELATED = "The harbour authority expects the first sailings to leave on Monday morning."


def page(*quotes):
    return ("<html><body>" + "".join(f"<p>{q}</p>" for q in quotes) + "</body></html>").encode()


def extraction(data):
    text = data.decode()
    quotes = [q for q in (QUOTE, REWORDED, OTHER, UNRELATED) if f"<p>{q}</p>" in text]
    return ExtractedPage(
        title="Ferry strike goes on",
        published=date(2026, 11, 20),
        source="Fjord Gazette",
        url=ORIGIN,
        body="\n\n".join(quotes),
        actors=[ExtractedActor("Ingrid Solheim", "person", 2, "union leader")],
        statements=[
            ExtractedStatement("Ingrid Solheim", q, "direct", text.index(q), ["sanctions"] if q == QUOTE else [])
            for q in quotes
        ],
        topics=[],
        format="html",
    )


@pytest.fixture
def store(db):
    with mock.patch.object(ingest, "extract", side_effect=lambda data, **kwargs: extraction(data)):

        def store_version(*quotes):
            result = ingest.ingest_bytes(page(*quotes), name="ferry-strike.html", origin=ORIGIN)
            assert result.outcome in (ingest.STORED, ingest.UPDATED), result.reason
            return Article.objects.get(pk=result.article_id)

        yield store_version


@pytest.fixture
def reviewed(store, admin_client):
    """The first version, its quote verified and given to another speaker in the admin."""
    article = store(QUOTE, OTHER)
    statement = article.statements.get(text=QUOTE)
    corrected = Actor.objects.resolve("Per Aasland")
    for action, extra in (("mark_verified", {}), ("reassign_speaker", {"speaker": corrected.pk, "apply": "1"})):
        response = admin_client.post(
            reverse("admin:articles_statement_changelist"),
            {"action": action, "_selected_action": [statement.pk], **extra},
        )
        assert response.status_code in (200, 302)
    statement.refresh_from_db()
    assert (statement.status, statement.speaker, statement.speaker_corrected) == ("verified", corrected, True)
    return statement


def test_a_word_changed_inside_a_reviewed_quote_keeps_the_review_and_the_speaker(store, reviewed):
    article = store(REWORDED, OTHER)

    statement = Statement.objects.get(pk=reviewed.pk)
    assert statement.text == REWORDED
    assert (statement.status, statement.speaker.name, statement.speaker_corrected) == (
        "verified",
        "Per Aasland",
        True,
    )
    assert statement.on_page
    # One statement for the quote, not the old one beside a new unreviewed one.
    assert article.statements.count() == 2
    assert Actor.objects.get(name="Per Aasland").statement_count == 1
    assert Actor.objects.get(name="Ingrid Solheim").statement_count == 1


def test_a_reworded_quote_is_found_by_its_new_words(store, reviewed):
    store(REWORDED, OTHER)

    assert Statement.objects.filter(text__contains="new pay offer").get().pk == reviewed.pk
    assert not Statement.objects.filter(text=QUOTE).exists()


def test_a_different_quote_in_its_place_is_not_taken_for_it(store, reviewed):
    article = store(UNRELATED, OTHER)

    kept = Statement.objects.get(pk=reviewed.pk)
    assert kept.text == QUOTE
    assert not kept.on_page
    new = article.statements.get(text=UNRELATED)
    assert (new.status, new.speaker.name) == ("new", "Ingrid Solheim")


def test_a_reviewed_quote_gone_from_the_page_is_marked_and_shown_so(store, reviewed, admin_client):
    article = store(OTHER)

    kept = Statement.objects.get(pk=reviewed.pk)
    assert not kept.on_page
    assert Statement.objects.get(text=OTHER).on_page
    html = admin_client.get(article.get_absolute_url()).content.decode()
    assert html.count("No longer on the page") == 1
    listing = admin_client.get(reverse("articles:statements")).content.decode()
    assert listing.count("No longer on the page") == 1


def test_a_quote_back_on_the_page_is_current_again(store, reviewed):
    store(OTHER)
    store(QUOTE, OTHER)

    assert Statement.objects.get(pk=reviewed.pk).on_page


def test_statements_nobody_worked_on_follow_the_page(store):
    store(QUOTE, OTHER)
    article = store(REWORDED, OTHER)

    assert sorted(article.statements.values_list("text", flat=True)) == sorted([REWORDED, OTHER])
    assert article.statements.filter(on_page=False).count() == 0


class Found:
    def __init__(self, text, position):
        self.text, self.position = text, position


class Stored(Found):
    def __init__(self, pk, text, position):
        super().__init__(text, position)
        self.pk = pk


@pytest.mark.parametrize(
    "old, new, paired",
    [
        (
            "We will not sign a deal that rewards the aggression.",
            "We will not sign any deal that rewards aggression.",
            True,
        ),
        ("The talks are over.", "The talks are over for now, she added.", False),
        ("Sanctions stay until the troops leave.", "The summit opens on Tuesday in the old town.", False),
        ("Exports fell by a third in the spring.", "Exports fell by a third in the spring", True),
    ],
)
def test_rewording_is_told_from_a_different_remark(old, new, paired):
    pairs = pair_reworded([Stored(1, old, 0)], [("fp", Found(new, 0))])

    assert bool(pairs) is paired


def test_each_old_quote_pairs_with_its_closest_new_wording():
    a = Stored(1, "The border stays closed to trucks for another week at least.", 0)
    b = Stored(2, "The border stays closed to trucks for another month at least.", 500)
    new_a = ("fa", Found("The border stays closed to trucks for another week, at the least.", 10))
    new_b = ("fb", Found("The border stays closed to trucks for another month, at the least.", 520))

    pairs = pair_reworded([a, b], [new_b, new_a])

    assert sorted((old.pk, fingerprint) for old, fingerprint in pairs) == [(1, "fa"), (2, "fb")]
