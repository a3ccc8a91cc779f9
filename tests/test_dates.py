"""parse_date: the dates pages print, read without a database."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from articles.extraction.dates import find_date, parse_date

KYIV_SUMMER = EAST_THREE = timezone(timedelta(hours=3))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-05-21", date(2025, 5, 21)),
        ("2025-05-21T19:22:00+03:00", datetime(2025, 5, 21, 19, 22, tzinfo=KYIV_SUMMER)),
        ("2025-05-21T16:22:00Z", datetime(2025, 5, 21, 16, 22, tzinfo=UTC)),
        ("2025-05-21 19:22:05.123+0300", datetime(2025, 5, 21, 19, 22, 5, tzinfo=KYIV_SUMMER)),
        ("May 21, 2025 7:22 PM", datetime(2025, 5, 21, 19, 22)),
        ("May 21, 2025 12:05 a.m.", datetime(2025, 5, 21, 0, 5)),
        ("Sept. 3, 2025", date(2025, 9, 3)),
        ("June 3rd, 2025 at 10:15 a.m. UTC", datetime(2025, 6, 3, 10, 15, tzinfo=UTC)),
        ("21 May 2025", date(2025, 5, 21)),
        ("Wednesday, 21 May 2025", date(2025, 5, 21)),
        ("09 June 2025 06:24", datetime(2025, 6, 9, 6, 24)),
        ("19:22, 21 May 2025", datetime(2025, 5, 21, 19, 22)),
        ("21. Mai 2025, 14:05 Uhr", datetime(2025, 5, 21, 14, 5)),
        ("le 3 juillet 2025 à 08h15", datetime(2025, 7, 3, 8, 15)),
        ("21 de mayo de 2025", date(2025, 5, 21)),
        ("9 червня 2025 р., 12:30", datetime(2025, 6, 9, 12, 30)),
        ("09.06.2025 06:24", datetime(2025, 6, 9, 6, 24)),
        ("June 2, 202510:14 AM GMT+3Updated 2 hours ago", datetime(2025, 6, 2, 10, 14, tzinfo=EAST_THREE)),
        ("2025-05-21 19:22 UTC+3", datetime(2025, 5, 21, 19, 22, tzinfo=EAST_THREE)),
        ("06/09/2025", date(2025, 6, 9)),
        ("13/06/2025", date(2025, 6, 13)),
        ("Jun 24 Tue 2025 08:15", datetime(2025, 6, 24, 8, 15)),
    ],
)
def test_it_reads_the_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no date here",
        "2025 Summer NATO Summit in The Hague",
        "2025-02-30",
        "May 41, 2025",
        "5:09 PM",
        # A release table's row: version 7.1.4, out in March 2024.
        "7.1.4 March 2024",
    ],
)
def test_it_returns_none_without_a_real_date(text):
    assert parse_date(text) is None


def test_it_finds_the_date_inside_a_byline():
    assert parse_date("by Anna Doe May 21, 2025 7:22 PM 2 min read") == datetime(2025, 5, 21, 19, 22)


def test_it_takes_the_first_date_in_the_text():
    assert parse_date("Updated 22 May 2025, first published 2025-05-20") == date(2025, 5, 22)


def test_it_says_where_the_date_is():
    text = "Kyiv Ledger - 09 June 2025 06:24"
    found = find_date(text)
    assert text[found.start : found.end] == "09 June 2025 06:24"


def test_it_keeps_the_day_when_the_time_is_impossible():
    assert parse_date("21 May 2025 25:70") == date(2025, 5, 21)
