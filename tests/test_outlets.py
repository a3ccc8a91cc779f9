"""Outlet pages: /outlets/ and /outlets/<slug>/ (articles/outlets.py)."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Source, Statement

from .commands import run_ingest

TEXT_PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "text"


@pytest.fixture
def coverage(make_actor, make_topic, make_article, make_statement):
    rutte, kask = make_actor("Mark Rutte"), make_actor("Liis Kask")
    summit = make_topic("summit")
    one = make_article(
        "Rutte at the summit",
        body="“We meet again,” Rutte said. “Agreed,” Kask said. “Soon,” Rutte said.",
        source="Harbour Ledger",
        published=date(2025, 6, 20),
        actors=[rutte, kask],
        topics=[summit],
    )
    make_statement(one, "We meet again,", speaker=rutte, topics=[summit])
    make_statement(one, "Agreed,", speaker=kask)
    make_statement(one, "Soon,", speaker=rutte)
    make_article("Undated note", source="Harbour Ledger", published=None)
    make_article("Elsewhere", source="Lakeside Observer", published=date(2025, 6, 1))
    return {"rutte": rutte}


def test_the_outlets_require_login(client, db):
    assert client.get("/outlets/").status_code == 302
    assert client.get("/outlets/harbour-ledger/").status_code == 302


def test_the_list_names_each_outlet_with_its_counts_busiest_first(analyst_client, coverage):
    response = analyst_client.get("/outlets/")

    outlets = [(o.name, o.article_count, o.statement_count) for o in response.context["outlets"]]
    assert outlets == [("Harbour Ledger", 2, 3), ("Lakeside Observer", 1, 0)]
    assert '<a href="/outlets/harbour-ledger/">Harbour Ledger</a>' in response.content.decode()


def test_the_list_takes_a_fixed_number_of_queries_however_many_outlets(
    analyst_client, make_article, make_statement, django_assert_num_queries
):
    for n in range(30):
        make_statement(make_article(f"A{n}", body="“Yes,” she said.", source=f"Outlet {n}"), "Yes,")

    # 1 session, 2 user, 3–6 the state the figures are cached under (articles, statements, the latest
    # change), 7 the outlets' counts and dates (cached), 8 the outlets.
    with django_assert_num_queries(8):
        response = analyst_client.get("/outlets/")
    with django_assert_num_queries(7):
        analyst_client.get("/outlets/")

    assert len(response.context["outlets"]) == 30


def test_the_list_s_cached_figures_change_with_the_data(analyst_client, coverage, make_article, make_statement):
    assert analyst_client.get("/outlets/").context["outlets"][1].article_count == 1

    make_statement(make_article("Later", source="Lakeside Observer", published=date(2025, 6, 2)), "Yes,")
    make_article("New outlet", source="Quay Gazette", published=date(2025, 6, 3))

    outlets = analyst_client.get("/outlets/").context["outlets"]
    assert [(o.name, o.article_count, o.statement_count) for o in outlets] == [
        ("Harbour Ledger", 2, 3),
        ("Lakeside Observer", 2, 1),
        ("Quay Gazette", 1, 0),
    ]
    assert outlets[1].last.date() == date(2025, 6, 2)


def test_a_rejected_statement_is_not_counted(analyst_client, coverage):
    Statement.objects.filter(text="Soon,").update(status=Statement.Status.REJECTED)

    response = analyst_client.get("/outlets/")

    assert [(o.name, o.statement_count) for o in response.context["outlets"]][0] == ("Harbour Ledger", 2)


def test_an_outlet_page_shows_who_it_quotes_most_its_topics_and_its_timeline(analyst_client, coverage):
    response = analyst_client.get("/outlets/harbour-ledger/")

    assert response.status_code == 200
    assert [(a.name, a.quoted) for a in response.context["most_quoted"]] == [("Mark Rutte", 2), ("Liis Kask", 1)]
    assert [(t.slug, covered, said) for t, covered, said in response.context["topics"]] == [("summit", 1, 1)]
    articles, statements = response.context["timeline"].series
    assert (articles.total, articles.note) == (1, "1 undated")
    assert (statements.total, statements.note) == (3, "")
    html = response.content.decode()
    assert 'href="/statements/?source=harbour-ledger&amp;speaker=mark-rutte">2</a>' in html
    # A point of the chart opens the list of its day.
    day = "published_after=2025-06-20&amp;published_before=2025-06-20"
    assert f'href="/articles/?source=harbour-ledger&amp;{day}"' in html


def test_an_unknown_outlet_is_404(analyst_client, coverage):
    assert analyst_client.get("/outlets/nowhere/").status_code == 404


def test_an_outlet_page_takes_a_fixed_number_of_queries(
    analyst_client, make_actor, make_article, make_statement, make_topic, django_assert_num_queries
):
    speakers = [make_actor(f"Minister {n}") for n in range(10)]
    summit = make_topic("summit")
    for i in range(30):
        article = make_article(
            f"Article {i}", body="“Yes,” she said.", published=date(2025, 1, 1) + timedelta(days=i), topics=[summit]
        )
        make_statement(article, "Yes,", speaker=speakers[i % 10], topics=[summit])

    # 1 session, 2 user, 3 the outlet with its counts, 4 coverage state, 5 latest articles,
    # 6-7 their topics and top mentions; 8 article topics, 9 statement topics, 10 topic names,
    # 11 most quoted, 12 date span, 13-14 articles per period and undated, 15-16 statements likewise.
    with django_assert_num_queries(16):
        analyst_client.get("/outlets/harbour-ledger/")
    # Again: the aggregates come from the cache.
    with django_assert_num_queries(7):
        analyst_client.get("/outlets/harbour-ledger/")


def test_ingested_pages_outlets_are_listed(analyst_client, db):
    code, _, _ = run_ingest(TEXT_PAGES / "harbour_ledger_byline.txt", TEXT_PAGES / "gulf_observer_summit.txt")

    assert code == 0
    html = analyst_client.get("/outlets/").content.decode()
    assert "Harbour Ledger" in html
    assert "The Gulf Coast Observer" in html


@pytest.mark.django_db
def test_outlets_named_in_other_scripts_stay_apart_and_have_pages(client, django_user_model, make_article):
    """slugify() keeps no Cyrillic letters: two such outlets once shared the slug "source" and one record."""
    make_article("Мост отворен", source="Дунавски куриер", published=date(2025, 6, 2))
    make_article("Пристанище", source="Северна хроника", published=date(2025, 6, 3))
    first, second = Source.objects.for_name("Дунавски куриер"), Source.objects.for_name("Северна хроника")

    assert first != second
    assert first.articles.count() == 1 and second.articles.count() == 1
    client.force_login(django_user_model.objects.create_user("reader"))
    page = client.get(reverse("articles:outlet", args=[first.slug]))
    assert page.status_code == 200
    assert "Дунавски куриер" in page.content.decode()
