"""Search results on the list pages: ranked when few enough, newest first and counted as "more than" when not."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection

from articles import search
from articles.models import Article, Statement

ranking = pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL's")


@pytest.fixture
def embargo_articles(make_article, make_statement):
    """Six articles about an embargo, one a day; the more often an article says it, the better it ranks."""
    articles = []
    for i in range(6):
        article = make_article(
            f"Round {i}",
            body="Ministers discussed the embargo on grain. " * (1 + (i * 5) % 6) + f"Talks round {i}.",
            published=date(2025, 3, 1) + timedelta(days=i),
        )
        make_statement(article, f"The embargo stays in place for round {i}.")
        articles.append(article)
    make_article("Weather", body="Rain over the harbour.", published=date(2025, 3, 9))
    return articles


@pytest.fixture
def cap(monkeypatch):
    """RANKED_MATCHES lowered to `n`, so that six matches are a broad search."""

    def lower(n):
        monkeypatch.setattr(search, "RANKED_MATCHES", n)

    return lower


@ranking
@pytest.mark.parametrize("per_page", [10, 25])
def test_a_search_within_the_cap_is_ranked_and_counted_exactly(analyst_client, embargo_articles, cap, per_page):
    cap(6)
    ranked = [a.pk for a in Article.objects.search("embargo")]

    response = analyst_client.get("/articles/", {"q": "embargo", "per_page": per_page})

    page = response.context["page"]
    assert [a.pk for a in page.object_list] == ranked
    assert page.paginator.count == 6
    assert not getattr(page, "by_date", False)
    assert "Sorted by date" not in response.content.decode()


@ranking
def test_a_broader_search_is_listed_newest_first_and_counted_as_more_than_the_cap(
    analyst_client, embargo_articles, cap
):
    cap(3)

    response = analyst_client.get("/articles/", {"q": "embargo", "per_page": 10})

    page = response.context["page"]
    assert [a.title for a in page.object_list] == [f"Round {i}" for i in range(5, 1, -1)]
    assert page.by_date
    assert str(page.paginator.count) == "more than 3"
    html = response.content.decode()
    assert "more than 3 articles" in html
    assert "Sorted by date, newest first" in html
    assert all("\ue000" in a.snippet for a in page.object_list)


@ranking
@pytest.mark.parametrize(
    ("sort", "titles"),
    [
        ("oldest", ["Round 0", "Round 1", "Round 2", "Round 3"]),
        ("newest", ["Round 5", "Round 4", "Round 3", "Round 2"]),
    ],
)
def test_a_broader_search_keeps_a_chosen_sort_without_the_notice(analyst_client, embargo_articles, cap, sort, titles):
    cap(3)

    response = analyst_client.get("/articles/", {"q": "embargo", "sort": sort, "per_page": 10})

    page = response.context["page"]
    assert [a.title for a in page.object_list] == titles
    assert not page.by_date
    assert "Sorted by date" not in response.content.decode()


@ranking
def test_a_broad_search_pages_as_far_as_its_cap(analyst_client, make_article, cap):
    for i in range(12):
        make_article(f"Round {i}", body="The embargo holds.", published=date(2025, 3, 1) + timedelta(days=i))
    cap(10)

    response = analyst_client.get("/articles/", {"q": "embargo", "per_page": 10, "page": 3})

    # "More than 10" pages as 11 rows: the second page, the last, holds the 11th newest.
    page = response.context["page"]
    assert (page.number, page.paginator.num_pages) == (2, 2)
    assert [a.title for a in page.object_list] == ["Round 1"]
    assert "more than 10 articles, showing 11–11</p>" in response.content.decode()


@ranking
def test_past_the_last_page_of_a_ranked_search_shows_the_last_page(analyst_client, embargo_articles, cap):
    cap(6)
    ranked = [a.pk for a in Article.objects.search("embargo")]

    page = analyst_client.get("/articles/", {"q": "embargo", "per_page": 10, "page": 5}).context["page"]

    assert page.number == 1
    assert page.paginator.count == 6
    assert [a.pk for a in page.object_list] == ranked


@ranking
def test_statement_searches_switch_to_newest_first_past_the_cap(analyst_client, embargo_articles, cap):
    cap(6)
    narrow = analyst_client.get("/statements/", {"q": "embargo round"}).context["page"]
    cap(3)
    broad = analyst_client.get("/statements/", {"q": "embargo round"}).context["page"]

    assert narrow.paginator.count == 6
    assert not getattr(narrow, "by_date", False)
    assert str(broad.paginator.count) == "more than 3"
    assert [s.article.title for s in broad.object_list] == [f"Round {i}" for i in range(5, 1, -1)]
    assert list(Statement.objects.search("embargo round").newest_first()[:4]) == list(broad.object_list)


@ranking
@pytest.mark.parametrize(("lowered", "q"), [(6, "embargo"), (3, "embargo"), (6, "hailstorm")])
def test_a_search_page_costs_no_more_queries_than_a_list_page(
    analyst_client, embargo_articles, cap, django_assert_num_queries, lowered, q
):
    cap(lowered)
    # 1 session, 2 user, 3 the page's keys and its total up to the cap (ranked, or too many to rank),
    # 4 the page of articles (found by key, then loaded with snippet, outlet and statement count),
    # 5 their topics, 6 their most mentioned actors, 7-8 the filter form's topics and outlets,
    # 9 the analyst's feed key. Nothing found: no rows to load, so no 4-6, and no count either.
    with django_assert_num_queries(9 if q == "embargo" else 6):
        analyst_client.get("/articles/", {"q": q})


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's search")
def test_a_search_without_ranking_counts_every_match(analyst_client, embargo_articles, cap):
    """SQLite matches with LIKE and has no rank: its searches page and count as every list does."""
    cap(3)

    page = analyst_client.get("/articles/", {"q": "embargo", "per_page": 10}).context["page"]

    assert page.paginator.count == 6
    assert [a.title for a in page.object_list] == [f"Round {i}" for i in range(5, -1, -1)]


@ranking
def test_first_ranked_orders_matches_as_the_database_orders_them(make_article, make_statement):
    # Equal ranks, equal days and undated articles: the tie-breaks and NULLs decide.
    for i in range(8):
        article = make_article(
            f"Copy {i}",
            body="Ministers discussed the embargo on grain." * (1 + i % 2),
            published=None if i % 3 == 0 else date(2025, 3, 1 + i % 2),
        )
        make_statement(article, "The embargo stays.")
        make_statement(article, "The embargo stays in place, for now, the embargo.")
    # A microsecond apart, the later one made first.
    for microsecond in (1, 0):
        noon = datetime(2025, 3, 5, 12, 0, 0, microsecond, tzinfo=UTC)
        make_statement(make_article("Wire copy", body="The embargo on grain.", published=noon), "The embargo stays.")

    for rows in (Article.objects.search("embargo"), Statement.objects.search("embargo")):
        assert search.first_ranked(rows, 100) == [row.pk for row in rows]
        assert len(search.first_ranked(rows, 5)) == 5
