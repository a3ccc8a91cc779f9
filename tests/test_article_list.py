"""The article list: /articles/."""

from datetime import date, timedelta

import pytest
from django.db import connection

URL = "/articles/"


def row_of(html, text):
    """The table row (<tr>…</tr>) of `html` that contains `text`."""
    at = html.index(text)
    return html[html.rindex("<tr>", 0, at) : html.index("</tr>", at)]


@pytest.fixture
def coverage(make_actor, make_topic, make_article, make_statement):
    zelenskyy, rutte = make_actor("Volodymyr Zelenskyy"), make_actor("Mark Rutte")
    sanctions, summit = make_topic("sanctions"), make_topic("summit")
    call = make_article(
        "Zelenskyy and Rutte coordinate sanctions",
        body="The two leaders spoke about sanctions. “Pressure must continue,” Zelenskyy said.",
        source="The Gaze",
        published=date(2025, 5, 20),
        actors=[zelenskyy, rutte],
        topics=[sanctions],
    )
    make_statement(call, "Pressure must continue,", speaker=zelenskyy)
    make_article("Rutte prepares the Hague summit", published=date(2025, 6, 21), actors=[rutte], topics=[summit])
    make_article("A page without a date", published=None)
    return {"call": call, "zelenskyy": zelenskyy}


def test_it_requires_login(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/articles/"


def test_it_lists_articles_with_outlet_date_topics_actors_and_quote_count(analyst_client, coverage):
    response = analyst_client.get(URL)

    assert response.status_code == 200
    row = row_of(response.content.decode(), "Zelenskyy and Rutte coordinate sanctions")
    assert "The Gaze" in row
    assert "20 May 2025" in row
    assert ">Sanctions</a>" in row
    assert ">Volodymyr Zelenskyy</a>" in row
    assert '<td class="num" data-label="Quotes">1</td>' in row


def test_it_shows_undated_articles_as_undated(analyst_client, coverage):
    html = analyst_client.get(URL).content.decode()

    assert '<span class="undated">Undated</span>' in row_of(html, "A page without a date")


def test_it_filters_by_actor_topic_and_dates(analyst_client, coverage):
    response = analyst_client.get(
        URL,
        {
            "actor": coverage["zelenskyy"].slug,
            "topic": "sanctions",
            "published_after": "2025-05-01",
            "published_before": "2025-05-31",
        },
    )

    assert [a.title for a in response.context["page"]] == ["Zelenskyy and Rutte coordinate sanctions"]
    html = response.content.decode()
    assert "Rutte prepares the Hague summit" not in html
    assert "A page without a date" not in html


def test_it_shows_the_active_filters_with_links_that_remove_each(analyst_client, coverage):
    html = analyst_client.get(URL, {"topic": ["sanctions", "summit"], "actor": "mark-rutte"}).content.decode()

    assert "Filtered by" in html
    assert "Mark Rutte" in html
    assert 'href="?topic=summit&amp;actor=mark-rutte"' in html
    assert 'href="?topic=sanctions&amp;actor=mark-rutte"' in html
    # The chosen values are ticked in the form, so resubmitting keeps them.
    assert 'name="topic" value="sanctions" checked' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"actor": "nobody"}, "There is no actor “nobody”."),
        ({"published_after": "yesterday"}, "Enter a date as YYYY-MM-DD."),
        ({"sort": "random"}, "Sort by one of: relevance, newest, oldest, title."),
        ({"published_after": "2025-06-01", "published_before": "2025-05-01"}, "must be on or before"),
    ],
)
def test_it_shows_invalid_filter_values_as_form_errors(analyst_client, coverage, params, message):
    response = analyst_client.get(URL, params)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Some filters could not be used" in html
    assert list(response.context["page"]) == []


def test_pagination_keeps_the_filters(analyst_client, make_article, make_topic):
    summit = make_topic("summit")
    for i in range(12):
        make_article(f"Summit day {i}", published=date(2025, 6, 1) + timedelta(days=i), topics=[summit])

    response = analyst_client.get(URL, {"topic": "summit", "per_page": 10})

    html = response.content.decode()
    assert 'href="?topic=summit&amp;per_page=10&amp;page=2"' in html
    second = analyst_client.get(URL, {"topic": "summit", "per_page": 10, "page": 2})
    assert [a.title for a in second.context["page"]] == ["Summit day 1", "Summit day 0"]


def test_it_escapes_what_pages_contain(analyst_client, make_article, make_source):
    make_article("<script>alert('title')</script>", source=make_source("<b>Outlet</b>"))

    html = analyst_client.get(URL).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Outlet&lt;/b&gt;" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking and snippets need PostgreSQL")
def test_it_ranks_search_results_and_shows_escaped_highlighted_snippets(analyst_client, make_article):
    make_article("Budget news", body="The budget passed, 3 < 4 & 5. A ceasefire was mentioned once.")
    make_article("Ceasefire talks", body="Ceasefire talks resumed; the ceasefire may hold.")

    response = analyst_client.get(URL, {"q": "ceasefire"})

    assert [a.title for a in response.context["page"]] == ["Ceasefire talks", "Budget news"]
    html = response.content.decode()
    assert "<mark>ceasefire</mark>" in html
    assert "3 &lt; 4 &amp; 5" in html


@pytest.fixture
def hundred_articles(make_actor, make_topic, make_article, make_statement):
    actors = [make_actor(f"Minister {n}") for n in range(5)]
    topic = make_topic("summit")
    for i in range(100):
        article = make_article(
            f"Article {i}",
            body="The minister said: We will meet again.",
            published=date(2025, 1, 1) + timedelta(days=i),
            actors=actors[i % 5 :][:3],
            topics=[topic],
        )
        make_statement(article, "We will meet again.", speaker=actors[i % 5], topics=[topic])


@pytest.mark.parametrize("per_page", [10, 100])
def test_a_page_of_100_costs_the_same_queries_as_a_page_of_10(
    analyst_client, hundred_articles, per_page, django_assert_num_queries
):
    # 1 session, 2 user,
    # 3 the paginator's count, 4 the page of articles (found by key, then loaded with their outlet and
    # statement count), 5 their topics, 6 their most mentioned actors (one windowed query for the whole page),
    # 7-8 the choices of the filter form: topics, outlets. Actors are typed, with suggestions: no query.
    # 9 the analyst's feed key, for the feed links.
    with django_assert_num_queries(9):
        response = analyst_client.get(URL, {"per_page": per_page})

    assert len(response.context["page"].object_list) == per_page


def test_filters_add_one_query_each_to_look_up_their_values(
    analyst_client, hundred_articles, django_assert_num_queries
):
    # The 9 above, plus 10 the actor slugs and 11 the topic slugs being checked,
    # 12 the names of the chosen actors for the filter form.
    with django_assert_num_queries(12):
        response = analyst_client.get(URL, {"actor": "minister-1", "topic": "summit", "per_page": 100})

    assert response.context["page"].paginator.count == 40
