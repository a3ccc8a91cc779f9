"""No query string makes a list answer 5xx: Hypothesis writes them, on SQLite and PostgreSQL alike.

Every list page (and its CSV, JSON and Atom forms), the key feeds, the desk
and the actor suggestions get query strings made of their own parameter
names, other names, and values from the dangerous to the random: dates at the
edges of the calendar, runs of search operators, huge page numbers, control
characters, non-ASCII digits. Whatever the page answers (a page, a 400 with
its reasons, a redirect), it must not be a server error.
"""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import FeedToken

PARAMS = [
    "q",
    "actor",
    "speaker",
    "topic",
    "source",
    "kind",
    "verified",
    "published_after",
    "published_before",
    "sort",
    "page",
    "per_page",
    "format",
    "every",
    "measure",
]

NASTY = [
    "",
    " ",
    "9999-12-31",
    "0001-01-01",
    "2025-02-30",
    "99999-01-01",
    "-" * 40,
    "- " * 40 + "x",
    '"' * 9,
    "!" * 20,
    "or or or",
    "x " * 40,
    "9" * 25,
    "-1",
    "0",
    "²",
    "٣",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\ufffe",
    "csv",
    "json",
    "atom",
    "week",
    "day",
    "statements",
    "relevance",
    "speaker",
    "mark-rutte",
    "summit",
    "harbour-ledger",
    "direct",
    "yes",
    "%",
    "_",
    "\\",
    "'; drop table articles_article; --",
    "a" * 300,
]

values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers().map(str),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.lists(st.sampled_from(["-", '"', "or", "x", " ", "!", "&", "|", "(", ":*"]), max_size=60).map("".join),
)
query_strings = st.dictionaries(
    st.one_of(st.sampled_from(PARAMS), st.text(min_size=1, max_size=12)),
    st.lists(values, min_size=1, max_size=3),
    max_size=6,
)


@pytest.fixture
def coverage(make_actor, make_topic, make_article, make_statement, analyst):
    rutte = make_actor("Mark Rutte")
    for day in (1, 8, 15):
        article = make_article(
            f"Rutte prepares the summit, day {day}",
            body="The summit will be short, Rutte said. Ministers agreed on sanctions.",
            published=date(2025, 6, day),
            actors=[rutte],
            topics=[make_topic("summit")],
        )
        make_statement(article, "The summit will be short,", speaker=rutte)
    return FeedToken.objects.for_user(analyst).key


def fetch(client, url, params):
    response = client.get(url, params)
    if response.streaming:
        b"".join(response.streaming_content)  # exports fail while they stream, if they fail
    return response


URLS = ["/", "/articles/", "/statements/", "/actors/", "/actors/suggest.json"]
FEEDS = ["articles", "statements", "actors"]


@pytest.mark.parametrize("url", [*URLS, *(f"feed:{name}" for name in FEEDS)])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=query_strings)
def test_no_query_string_is_a_server_error(analyst_client, coverage, url, params):
    if url.startswith("feed:"):
        url = f"/feeds/{coverage}/{url.removeprefix('feed:')}/"

    response = fetch(analyst_client, url, params)

    assert response.status_code < 500, (url, params)
