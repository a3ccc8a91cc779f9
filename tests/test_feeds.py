"""Atom feeds: every list with ?format=atom, with the list's current filters."""

from datetime import date
from xml.etree import ElementTree

import pytest

from articles.models import FeedToken

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def coverage(make_actor, make_topic, make_article, make_statement):
    rubio, rutte = make_actor("Marco Rubio"), make_actor("Mark Rutte")
    call = make_article(
        "Rubio & Rutte talk <sanctions>",
        body="Rubio said: Talks go on.",
        author="Anna Novak",
        published=date(2025, 5, 22),
        actors=[rubio, rutte],
        topics=[make_topic("sanctions")],
    )
    make_statement(call, "Talks go on.", speaker=rubio)
    make_article("Rutte prepares the Hague summit", published=date(2025, 6, 21), actors=[rutte])
    return {"call": call}


def feed(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ElementTree.fromstring(response.content)


def test_the_article_feed_has_the_lists_filters(analyst_client, coverage):
    root = feed(analyst_client.get("/articles/", {"topic": "sanctions", "format": "atom"}))

    assert root.find(f"{ATOM}title").text == "Newsdesk: articles (topic sanctions)"
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/articles/?topic=sanctions"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Rubio & Rutte talk <sanctions>"]
    entry = entries[0]
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/articles/{coverage['call'].pk}/"
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Anna Novak"
    assert entry.find(f"{ATOM}category").get("term") == "Sanctions"
    assert entry.find(f"{ATOM}published").text.startswith("2025-05-22")


def test_the_article_feed_escapes_page_text(analyst_client, coverage):
    body = analyst_client.get("/articles/", {"format": "atom"}).content.decode()

    assert "Rubio &amp; Rutte talk &lt;sanctions&gt;" in body


def test_the_statement_feed_has_speaker_and_quote(analyst_client, coverage):
    root = feed(analyst_client.get("/statements/", {"speaker": "marco-rubio", "format": "atom"}))

    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Marco Rubio: Talks go on."
    assert "#statement-" in entry.find(f"{ATOM}link").get("href")
    assert "Rubio &amp; Rutte talk &lt;sanctions&gt;" in entry.find(f"{ATOM}summary").text


def test_the_actor_feed_lists_matching_actors(analyst_client, coverage):
    root = feed(analyst_client.get("/actors/", {"q": "rutte", "format": "atom"}))

    assert [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == ["Mark Rutte"]


def test_list_pages_advertise_their_feed_by_the_analysts_key(analyst_client, analyst, coverage):
    html = analyst_client.get("/articles/", {"topic": "sanctions", "page": 1}).content.decode()

    key = FeedToken.objects.get(user=analyst).key
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Newsdesk articles" '
        f'href="/feeds/{key}/articles/?topic=sanctions">'
    ) in html


def test_a_feed_with_invalid_filters_answers_400(analyst_client, coverage):
    response = analyst_client.get("/articles/", {"topic": "weather", "format": "atom"})

    assert response.status_code == 400


def test_feeds_require_login(client, coverage):
    assert client.get("/articles/", {"format": "atom"}).status_code == 302
