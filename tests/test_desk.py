"""The desk: /, and logging in to reach it."""

from datetime import date, timedelta

import pytest

from articles.coverage import Timeline
from articles.templatetags.charts import nice_step


@pytest.fixture
def coverage(make_actor, make_topic, make_article, make_statement):
    rutte = make_actor("Mark Rutte", role="NATO Secretary General")
    kallas = make_actor("Kaja Kallas")
    sanctions, summit = make_topic("sanctions"), make_topic("summit")
    for day in range(10):
        article = make_article(
            f"Day {day} of the talks",
            body="Rutte said: We meet. Kallas said: We agree.",
            published=date(2025, 6, 2) + timedelta(days=day),
            actors=[rutte, kallas],
            topics=[sanctions] if day % 2 else [sanctions, summit],
        )
        make_statement(article, "We meet.", speaker=rutte, topics=[summit])
        if day < 3:
            make_statement(article, "We agree.", speaker=kallas)
    make_article("An undated page", published=None)


def test_it_sends_an_anonymous_visitor_to_log_in(client, db):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_the_login_page_logs_an_analyst_in_and_back_to_the_desk(client, django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django_user_model.objects.create_user("reader", password="a long passphrase")

    page = client.get("/accounts/login/?next=/")
    response = client.post("/accounts/login/", {"username": "reader", "password": "a long passphrase", "next": "/"})

    assert 'name="username"' in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_it_shows_counts(analyst_client, coverage):
    html = analyst_client.get("/").content.decode()

    assert '<span class="stat-number">11</span> articles' in html
    assert '<span class="stat-note">1 undated</span>' in html
    assert '<span class="stat-number">13</span> statements' in html
    assert '<span class="stat-number">2</span> actors' in html


def test_it_lists_the_latest_articles_and_the_most_quoted_actors(analyst_client, coverage):
    response = analyst_client.get("/")

    assert [a.title for a in response.context["latest"]][:2] == ["Day 9 of the talks", "Day 8 of the talks"]
    assert [(a.name, a.statement_count) for a in response.context["most_quoted"]] == [
        ("Mark Rutte", 10),
        ("Kaja Kallas", 3),
    ]


def test_the_timeline_draws_a_line_per_topic_per_day_with_labelled_axes(analyst_client, coverage):
    response = analyst_client.get("/")

    timeline = response.context["timeline"]
    assert timeline.every == "day"
    assert len(timeline.periods) == 10
    by_label = {s.label: s.values for s in timeline.series}
    assert by_label["All articles"] == [1] * 10
    assert by_label["Sanctions"] == [1] * 10
    assert by_label["Summit"] == [1, 0] * 5
    html = response.content.decode()
    assert html.count("<polyline") == len(timeline.series)
    assert ">2 Jun 2025</text>" in html
    assert ">Day</text>" in html
    assert 'href="/articles/?topic=summit">Summit</a>' in html


def test_the_timeline_counts_statements_per_week_on_request(analyst_client, coverage):
    response = analyst_client.get("/", {"every": "week", "measure": "statements"})

    timeline = response.context["timeline"]
    assert timeline.every == "week"
    assert timeline.periods == [date(2025, 6, 2), date(2025, 6, 9)]
    by_label = {s.label: s.values for s in timeline.series}
    assert by_label["All statements"] == [7 + 3, 3]
    assert by_label["Summit"] == [7, 3]
    assert ">Week starting</text>" in response.content.decode()


def test_it_explains_an_empty_desk(analyst_client, db):
    html = analyst_client.get("/").content.decode()

    assert "No dated articles yet" in html
    assert "No articles yet" in html


def test_weekly_periods_start_on_monday_and_reach_the_last_article():
    timeline = Timeline.spanning(date(2025, 5, 7), date(2025, 8, 20))

    assert timeline.every == "week"
    assert timeline.periods[0] == date(2025, 5, 5)
    assert timeline.periods[-1] == date(2025, 8, 18)


def test_axis_steps_are_round_numbers():
    assert [nice_step(n) for n in (0, 3, 8, 30, 170)] == [1, 1, 2, 10, 50]
