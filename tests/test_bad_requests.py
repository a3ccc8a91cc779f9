"""Input that used to answer 500 gets a 400 with a message, on SQLite and PostgreSQL alike.

Each case is a request an attacker or a mistyped link could make; before,
each one raised in the view or the database. See test_query_fuzz.py for the
same promise over any query string.
"""

from datetime import UTC, date, datetime
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import FeedToken

ATOM = "{http://www.w3.org/2005/Atom}"
LISTS = ["/articles/", "/statements/"]
HYPHENS = "-" * 40


@pytest.fixture
def coverage(make_actor, make_topic, make_article, make_statement):
    rutte = make_actor("Mark Rutte")
    article = make_article(
        "Rutte prepares the summit",
        body="The summit will be short, Rutte said. Ministers agreed.",
        published=date(2025, 6, 20),
        actors=[rutte],
        topics=[make_topic("summit")],
    )
    make_statement(article, "The summit will be short,", speaker=rutte)
    return {"article": article, "rutte": rutte}


@pytest.fixture
def key(analyst):
    return FeedToken.objects.for_user(analyst).key


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def get(client, url, params):
    response = client.get(url, params)
    body(response)  # an export fails while it streams, if it fails
    return response


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("fmt", [None, "csv", "json", "atom"])
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"published_before": "9999-12-31"}, "Enter a date from 1000-01-01 to 9999-12-30."),
        ({"published_after": "0001-01-01"}, "Enter a date from 1000-01-01 to 9999-12-30."),
        ({"q": HYPHENS}, "Search for at least one word"),
        ({"q": "x " * 40}, "Search for at most 32 words and phrases."),
        ({"q": "summit " * 40}, "Ensure this value has at most 200 characters"),
    ],
)
def test_out_of_range_dates_and_malformed_searches_are_400_with_the_reason(
    analyst_client, coverage, url, fmt, params, message
):
    response = get(analyst_client, url, {**params, **({"format": fmt} if fmt else {})})

    assert response.status_code == 400
    assert message in body(response).decode()


@pytest.mark.parametrize("name", ["articles", "statements"])
def test_a_key_feed_with_an_out_of_range_date_is_400(client, coverage, key, name):
    response = client.get(f"/feeds/{key}/{name}/", {"published_before": "9999-12-31"})

    assert response.status_code == 400
    assert "Enter a date from 1000-01-01" in response.content.decode()


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("page", ["99999999999999999999999", "1000001", "0", "-1", "²", "two"])
@pytest.mark.parametrize("search", [{}, {"q": "summit"}], ids=["list", "search"])
def test_an_absurd_page_number_is_400_with_the_reason(analyst_client, coverage, url, page, search):
    # A search's page was an OFFSET in the database: bigint out of range on PostgreSQL.
    response = analyst_client.get(url, {"page": page, **search})

    assert response.status_code == 400
    assert "Page must be a whole number from 1 to 1,000,000." in response.content.decode()


@pytest.mark.parametrize("url", [*LISTS, "/actors/"])
def test_a_page_past_the_last_shows_the_last(analyst_client, coverage, url):
    for params in ({"page": "999999"}, {"page": "999999", "q": "summit"}, {"per_page": "²"}):
        assert analyst_client.get(url, params).status_code == 200


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/articles/", {"actor": "mark-rutte\x00"}),
        ("/statements/", {"speaker": "\x00"}),
        ("/statements/", {"actor": "a\x00b", "format": "csv"}),
        ("/actors/suggest.json", {"q": "Ru\x00"}),
        ("/actors/", {"q": "\x00"}),
        ("/", {"every": "\x1b"}),
    ],
)
def test_a_control_character_in_the_query_string_is_400(analyst_client, coverage, url, params):
    response = analyst_client.get(url, params)

    assert response.status_code == 400
    assert "control character" in response.content.decode()


def test_a_control_character_in_a_feed_query_is_400(client, coverage, key):
    response = client.get(f"/feeds/{key}/articles/", {"every": "\x00"})

    assert response.status_code == 400


@pytest.mark.parametrize(
    ("field", "value"),
    # Actors and speakers may be typed names: only what has no letter or digit names nobody without a query.
    [("actor", "!?! ..."), ("speaker", "!?! ..."), ("topic", "not a slug!"), ("source", "not a slug!")],
)
def test_what_cannot_be_a_slug_names_nothing_and_goes_into_no_query(analyst_client, coverage, field, value):
    with CaptureQueriesContext(connection) as queries:
        response = analyst_client.get("/statements/", {field: value})

    assert response.status_code == 400
    assert "There is no" in response.content.decode()
    assert not [q["sql"] for q in queries.captured_queries if value in q["sql"]]


def test_a_stored_date_in_year_one_does_not_break_the_actor_page_or_the_desk(analyst_client, coverage):
    coverage["article"].published = datetime(1, 1, 2, 12, tzinfo=UTC)
    coverage["article"].save()

    assert analyst_client.get("/actors/mark-rutte/").status_code == 200
    assert analyst_client.get("/").status_code == 200
    assert analyst_client.get("/", {"every": "day", "measure": "statements"}).status_code == 200


def test_a_control_character_stored_in_a_title_does_not_break_the_feeds(analyst_client, client, coverage, key):
    coverage["article"].title = "Rutte \x1b[31mprepares\x07 the summit"
    coverage["article"].save()

    for response in (
        client.get(f"/feeds/{key}/articles/"),
        client.get(f"/feeds/{key}/statements/"),
        analyst_client.get("/articles/", {"format": "atom"}),
    ):
        assert response.status_code == 200
        ElementTree.fromstring(response.content)  # well-formed XML
    titles = ElementTree.fromstring(client.get(f"/feeds/{key}/articles/").content).findall(f"{ATOM}entry/{ATOM}title")
    assert [t.text for t in titles] == ["Rutte [31mprepares the summit"]
