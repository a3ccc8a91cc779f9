"""The desk's date range and its chart points that open the list behind them; /actors/?topic=."""

from datetime import date

import pytest

from actors.models import Actor
from articles.filters import ActorFilter


@pytest.fixture
def coverage(make_actor, make_topic, make_article, make_statement):
    rutte, kask, lone = make_actor("Mark Rutte"), make_actor("Liis Kask"), make_actor("Quiet Person")
    summit, sanctions = make_topic("summit"), make_topic("sanctions")
    june = make_article("June summit", published=date(2025, 6, 20), actors=[rutte], topics=[summit])
    make_statement(june, "We meet.", speaker=kask, topics=[sanctions])
    make_article("May summit", published=date(2025, 5, 2), topics=[summit])
    make_article("Other", published=date(2025, 6, 22), actors=[lone])
    return {"summit": summit, "sanctions": sanctions}


def test_the_desk_chart_spans_only_the_range_asked_for(analyst_client, coverage):
    response = analyst_client.get("/", {"published_after": "2025-06-01", "published_before": "2025-06-30"})

    timeline = response.context["timeline"]
    assert timeline.every == "day"
    assert (timeline.periods[0], timeline.periods[-1]) == (date(2025, 6, 1), date(2025, 6, 30))
    totals = {series.label: series.total for series in timeline.series}
    assert totals["All articles"] == 2
    assert totals["Summit"] == 1


def test_a_bad_range_is_said_and_the_desk_shows_every_date(analyst_client, coverage):
    response = analyst_client.get("/", {"published_after": "2025-07-01", "published_before": "2025-06-01"})

    assert response.status_code == 400
    assert "must be on or before" in response.content.decode()
    assert response.context["timeline"].periods[0] <= date(2025, 5, 2)


def test_each_chart_point_opens_the_list_of_its_period(analyst_client, coverage):
    html = analyst_client.get("/", {"published_after": "2025-06-01", "published_before": "2025-06-30"}).content.decode()

    assert '<a href="/articles/?topic=summit&amp;published_after=2025-06-20&amp;published_before=2025-06-20"' in html
    assert '<a href="/articles/?published_after=2025-06-22&amp;published_before=2025-06-22"' in html


def test_a_weekly_point_opens_its_whole_week(analyst_client, coverage):
    html = analyst_client.get("/", {"every": "week"}).content.decode()

    # 20 June 2025 is a Friday: its week runs from Monday 16 to Sunday 22 June.
    assert '<a href="/articles/?topic=summit&amp;published_after=2025-06-16&amp;published_before=2025-06-22"' in html


def test_the_actor_list_filters_by_topic_quoted_or_mentioned(analyst_client, coverage):
    response = analyst_client.get("/actors/", {"topic": "summit"})

    assert [a.name for a in response.context["page"]] == ["Mark Rutte"]
    assert [a.name for a in ActorFilter({"topic": ["sanctions"]}, queryset=Actor.objects.all()).qs] == ["Liis Kask"]


def test_the_actor_card_and_its_chart_legend_add_up(analyst_client, coverage, make_article, make_statement):
    kask = Actor.objects.get(name="Liis Kask")
    for n in range(3):
        make_statement(make_article(f"Undated {n}", published=None, actors=[kask]), "Later.", speaker=kask)
    make_article("Dated mention", published=date(2025, 6, 1), actors=[kask])

    response = analyst_client.get(kask.get_absolute_url())

    statements = next(s for s in response.context["timeline"].series if s.label == "Statements")
    assert (statements.total, statements.note) == (1, "3 undated")
    assert "(+ 3 undated, not drawn)" in response.content.decode()


def test_two_ranges_starting_in_the_same_week_draw_their_own_counts(analyst_client, coverage):
    def drawn(after):
        params = {"every": "week", "published_after": after, "published_before": "2025-06-30"}
        return analyst_client.get("/", params).content.decode()

    assert "All articles: 2 articles, week of 16 Jun 2025" in drawn("2025-06-17")
    # The same first week, a later first day: the drawing cached for the first range is not reused.
    assert "All articles: 1 articles, week of 16 Jun 2025" in drawn("2025-06-21")
