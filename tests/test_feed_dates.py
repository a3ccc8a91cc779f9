"""Atom feeds date undated items honestly and link to themselves with their filters (articles/feeds.py)."""

from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles.models import Article

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def undated(make_actor, make_article, make_statement):
    rutte = make_actor("Mark Rutte")
    article = make_article("A page without a date", body="“Hold the line,” Rutte said.", published=None, actors=[rutte])
    stored = timezone.now() - timedelta(days=40)
    Article.objects.filter(pk=article.pk).update(ingested=stored, updated=stored)
    make_statement(article, "Hold the line,", speaker=rutte)
    make_article("A dated page", published=date(2025, 6, 21), actors=[rutte])
    return stored


def entries(response):
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return root, {e.find(f"{ATOM}title").text: e for e in root.findall(f"{ATOM}entry")}


@pytest.mark.parametrize(
    ("url", "title"),
    [("/articles/", "A page without a date (undated)"), ("/statements/", "Mark Rutte: Hold the line, (undated)")],
)
def test_an_undated_item_carries_its_stored_time_and_says_so(analyst_client, undated, url, title):
    _, found = entries(analyst_client.get(url, {"format": "atom"}))

    entry = found[title]
    assert entry.find(f"{ATOM}published") is None
    assert entry.find(f"{ATOM}updated").text.startswith(undated.date().isoformat())
    assert entry.find(f"{ATOM}summary").text.startswith("Undated: the page gives no date")


def test_a_dated_statement_carries_its_articles_date(analyst_client, undated, make_article, make_statement):
    article = Article.objects.get(title="A dated page")
    make_statement(article, "Dated words.")

    _, found = entries(analyst_client.get("/statements/", {"format": "atom"}))

    entry = found["Unattributed: Dated words."]
    assert entry.find(f"{ATOM}published").text.startswith("2025-06-21")
    assert entry.find(f"{ATOM}updated").text.startswith("2025-06-21")


def test_the_feeds_own_date_is_its_newest_item_not_now(analyst_client, undated):
    root, _ = entries(analyst_client.get("/statements/", {"format": "atom", "speaker": "mark-rutte"}))

    assert root.find(f"{ATOM}updated").text.startswith(undated.date().isoformat())


def test_the_self_link_keeps_the_filters(analyst_client, undated):
    root, _ = entries(analyst_client.get("/articles/", {"actor": "mark-rutte", "format": "atom", "page": "2"}))

    assert (
        root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/articles/?actor=mark-rutte&format=atom"
    )
