"""The actor pages: /actors/ and /actors/<slug>/."""

from datetime import date, timedelta

import pytest

from actors.models import Actor

URL = "/actors/"


@pytest.fixture
def coverage(make_actor, make_topic, make_article, make_statement):
    rutte = make_actor("Mark Rutte", role="NATO Secretary General")
    rutte.add_alias("NATO chief")
    zelenskyy = make_actor("Volodymyr Zelenskyy")
    nato = make_actor("NATO", kind=Actor.Kind.ORGANISATION)
    sanctions, summit = make_topic("sanctions"), make_topic("summit")
    call = make_article(
        "Zelenskyy and Rutte coordinate sanctions",
        body="Rutte said: We stand by Ukraine. Zelenskyy said: Sanctions must stay.",
        source="The Gaze",
        published=date(2025, 5, 20),
        actors=[rutte, zelenskyy],
        topics=[sanctions],
    )
    make_statement(call, "We stand by Ukraine.", speaker=rutte, topics=[summit])
    make_statement(call, "Sanctions must stay.", speaker=zelenskyy, topics=[sanctions])
    hague = make_article(
        "Rutte prepares the Hague summit",
        body="Rutte said: The summit will be short.",
        source="Harbour Ledger",
        published=date(2025, 6, 21),
        actors=[rutte, nato],
        topics=[summit],
    )
    make_statement(hague, "The summit will be short.", speaker=rutte, topics=[summit])
    return {"rutte": rutte, "zelenskyy": zelenskyy, "nato": nato}


def row_of(html, text):
    at = html.index(text)
    return html[html.rindex("<tr>", 0, at) : html.index("</tr>", at)]


def test_the_list_requires_login(client, db):
    assert client.get(URL)["Location"] == "/accounts/login/?next=/actors/"


def test_the_list_shows_counts_most_quoted_first(analyst_client, coverage):
    response = analyst_client.get(URL)

    actors = list(response.context["page"])
    assert [a.name for a in actors] == ["Mark Rutte", "Volodymyr Zelenskyy", "NATO"]
    assert [(a.article_count, a.statement_count) for a in actors] == [(2, 2), (1, 1), (1, 0)]
    row = row_of(response.content.decode(), "Mark Rutte")
    assert '<a href="/articles/?actor=mark-rutte">2</a>' in row
    assert '<a href="/statements/?speaker=mark-rutte">2</a>' in row
    assert "NATO Secretary General" in row


def test_the_list_finds_actors_by_alias_and_sorts_on_request(analyst_client, coverage):
    assert [a.name for a in analyst_client.get(URL, {"q": "nato chief"}).context["page"]] == ["Mark Rutte"]
    by_name = analyst_client.get(URL, {"sort": "name"}).context["page"]
    assert [a.name for a in by_name] == ["Mark Rutte", "NATO", "Volodymyr Zelenskyy"]


def test_the_list_shows_invalid_filter_values_as_form_errors(analyst_client, coverage):
    response = analyst_client.get(URL, {"kind": "planet", "sort": "height"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice. planet is not one of the available choices." in html
    assert "Sort by one of: statements, articles, name." in html


@pytest.mark.parametrize("per_page", [10, 100])
def test_a_page_of_100_actors_costs_the_same_queries_as_a_page_of_10(
    analyst_client, make_actor, make_article, per_page, django_assert_num_queries
):
    actors = [make_actor(f"Minister {n:03}") for n in range(100)]
    for i in range(20):
        make_article(f"Article {i}", actors=actors[i * 5 : i * 5 + 5])

    # 1 session, 2 user, 3 the paginator's count,
    # 4 the page of actors, with their stored article and statement counts, 5 the analyst's feed key,
    # 6 the topics of the topic filter.
    with django_assert_num_queries(6):
        response = analyst_client.get(URL, {"per_page": per_page})

    assert len(response.context["page"].object_list) == per_page


def test_the_detail_requires_login(client, coverage):
    assert client.get("/actors/mark-rutte/").status_code == 302


def test_the_detail_shows_statements_topics_co_actors_and_outlets(analyst_client, coverage):
    response = analyst_client.get("/actors/mark-rutte/")

    assert response.status_code == 200
    ctx = response.context
    assert [s.text for s in ctx["statements"]] == ["The summit will be short.", "We stand by Ukraine."]
    assert [(t.slug, said, covered) for t, said, covered in ctx["topics"]] == [
        ("summit", 2, 1),
        ("sanctions", 0, 1),
    ]
    assert [(a.name, a.shared) for a in ctx["co_actors"]] == [("NATO", 1), ("Volodymyr Zelenskyy", 1)]
    assert [(s.name, s.statement_count) for s in ctx["outlets"]] == [("Harbour Ledger", 1), ("The Gaze", 1)]
    html = response.content.decode()
    assert "Also written: NATO chief" in html
    assert '<svg class="chart-svg"' in html
    assert "Articles mentioning" in html


def test_the_detail_answers_404_for_an_unknown_slug(analyst_client, db):
    assert analyst_client.get("/actors/nobody/").status_code == 404


def test_the_detail_costs_the_same_queries_however_much_coverage(
    analyst_client, make_actor, make_article, make_statement, make_topic, django_assert_num_queries
):
    rutte = make_actor("Mark Rutte")
    others = [make_actor(f"Minister {n}") for n in range(20)]
    topics = [make_topic("summit"), make_topic("sanctions")]
    for i in range(40):
        article = make_article(
            f"Article {i}",
            body="Rutte said: We meet.",
            source=f"Outlet {i % 7}",
            published=date(2025, 1, 1) + timedelta(days=i),
            actors=[rutte, others[i % 20]],
            topics=topics[: i % 3],
        )
        make_statement(article, "We meet.", speaker=rutte, topics=topics[i % 2 :])

    # 1 session, 2 user, 3 the actor with its stored counts, 4 the latest change (for the cache key),
    # 5-7 topics (their statements', their articles', the topics),
    # 8-9 first and last dates of articles and statements, 10-13 articles and statements per period and
    # how many of each are undated, 14 aliases, 15-16 latest statements and their topics,
    # 17 co-occurring actors, 18 outlets, 19-21 latest articles, their topics and their top mentions,
    # 22 their most carried utterances.
    with django_assert_num_queries(22):
        analyst_client.get("/actors/mark-rutte/")

    # Again: topics, co-occurring actors, outlets and the timeline (11 queries) come from the cache.
    with django_assert_num_queries(11):
        analyst_client.get("/actors/mark-rutte/")
