"""The admin's big change lists: what they read to draw their filters, totals and pages (articles.admin_lists)."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Actor
from articles.admin_lists import PublishedFilter, SpeakerFilter, StatementPaginator
from articles.models import Statement, Topic

STATEMENTS = reverse("admin:articles_statement_changelist")
ARTICLES = reverse("admin:articles_article_changelist")
TOPICS = reverse("admin:articles_topic_changelist")
ACTORS = reverse("admin:actors_actor_changelist")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def quotes(make_article, make_statement, make_actor, make_topic):
    """Three statements: Lepp's of 2022, Korhonen's of 2021 (rejected), and an unattributed one of 2022."""
    lepp, korhonen = make_actor("Kadri Lepp"), make_actor("Aino Korhonen")
    sanctions, summit = make_topic("sanctions"), make_topic("summit")
    tallinn = make_article("Ministers weigh guarantees", published=date(2022, 5, 14), topics=[sanctions, summit])
    helsinki = make_article("Finland wants a ceasefire plan", source="Northern Wire", published=date(2021, 11, 2))
    make_article("A quiet day in Tartu", published=date(2022, 1, 3), topics=[summit])
    return {
        "lepp": make_statement(tallinn, "Sanctions must stay in place.", speaker=lepp),
        "korhonen": make_statement(
            helsinki, "The summit must agree on a plan.", speaker=korhonen, status=Statement.Status.REJECTED
        ),
        "nobody": make_statement(tallinn, "Talks will resume in June.", speaker=None),
    }


def listed(response):
    return set(response.context["cl"].result_list)


def filter_sidebar(response):
    html = response.content.decode()
    return html[html.index('id="changelist-filter"') : html.index("</nav>", html.index('id="changelist-filter"'))]


def spec(response, filter_class):
    return next(s for s in response.context["cl"].filter_specs if isinstance(s, filter_class))


@pytest.mark.parametrize("url", [STATEMENTS, f"{STATEMENTS}?q=summit", ARTICLES, f"{ARTICLES}?q=quiet", TOPICS, ACTORS])
def test_no_list_reads_the_distinct_values_of_a_whole_table(admin_client, quotes, url):
    # Django's date_hierarchy asks for the distinct years of every row; COUNT(DISTINCT ...) per topic joined every
    # article; the facets ("Show counts") count every choice over a million statements.
    admin_client.get(url)  # warm the content type cache

    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(url)

    assert response.status_code == 200
    sql = "\n".join(q["sql"] for q in captured.captured_queries).upper()
    assert "DISTINCT" not in sql
    assert "TRUNC" not in sql
    if url.startswith((STATEMENTS, ARTICLES)):
        assert "_facets" not in response.text


def test_the_unfiltered_statement_total_counts_every_statement_from_the_stored_counts(admin_client, quotes):
    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(STATEMENTS)

    assert response.context["cl"].result_count == Statement.objects.count() == 3
    assert "3 statements" in response.text
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    # Only the statements without a speaker or rejected are counted; the others are the actors' stored counts.
    assert len(counts) == 1
    assert "IS NULL" in counts[0].upper()
    assert "STATUS" in counts[0].upper()


def test_a_filtered_statement_total_is_counted(admin_client, quotes):
    response = admin_client.get(STATEMENTS, {"status__exact": Statement.Status.REJECTED})

    assert response.context["cl"].result_count == 1
    assert listed(response) == {quotes["korhonen"]}


@pytest.mark.parametrize(("url", "attribute"), [(STATEMENTS, "published"), (ARTICLES, "published")])
def test_the_date_filter_offers_each_year_from_the_first_to_the_last_date(admin_client, quotes, url, attribute):
    response = admin_client.get(url)

    years = [c["display"] for c in spec(response, PublishedFilter).choices(response.context["cl"])]
    assert years[:5] == ["Any date", "Today", "Past 7 days", "This month", "This year"]
    assert years[5:7] == ["2022", "2021"]
    assert years[-2:] == ["No date", "Has date"]


def test_a_year_lists_that_years_statements(admin_client, quotes):
    response = admin_client.get(STATEMENTS)
    choice = next(c for c in spec(response, PublishedFilter).choices(response.context["cl"]) if c["display"] == "2021")

    response = admin_client.get(STATEMENTS + choice["query_string"])

    assert listed(response) == {quotes["korhonen"]}
    assert spec(response, PublishedFilter).date_params


def test_a_year_lists_that_years_articles(admin_client, quotes):
    response = admin_client.get(ARTICLES)
    choice = next(c for c in spec(response, PublishedFilter).choices(response.context["cl"]) if c["display"] == "2022")

    response = admin_client.get(ARTICLES + choice["query_string"])

    assert {a.title for a in listed(response)} == {"Ministers weigh guarantees", "A quiet day in Tartu"}


def test_the_speaker_filter_is_an_autocomplete_not_a_list_of_speakers(admin_client, quotes):
    response = admin_client.get(STATEMENTS)

    sidebar = filter_sidebar(response)
    assert "Kadri Lepp" not in sidebar
    assert "Aino Korhonen" not in sidebar
    select = re.search(r'<select name="speaker__id__exact"[^>]*>', sidebar).group(0)
    assert "admin-autocomplete" in select
    assert 'data-field-name="speaker"' in select
    # The widget asks the admin's autocomplete, which finds speakers by a part of their name.
    found = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "lep", "app_label": "articles", "model_name": "statement", "field_name": "speaker"},
    ).json()
    assert [r["text"] for r in found["results"]] == ["Kadri Lepp"]


def test_the_chosen_speaker_filters_the_list_and_stays_chosen_with_the_other_filters(admin_client, quotes):
    lepp = quotes["lepp"].speaker

    response = admin_client.get(STATEMENTS, {"speaker__id__exact": lepp.pk, "kind__exact": "direct", "q": "place"})

    assert listed(response) == {quotes["lepp"]}
    sidebar = filter_sidebar(response)
    assert re.search(rf'<option value="{lepp.pk}" selected>Kadri Lepp</option>', sidebar)
    # Choosing another speaker keeps the search and the other filters.
    assert '<input type="hidden" name="kind__exact" value="direct">' in sidebar
    assert '<input type="hidden" name="q" value="place">' in sidebar
    assert 'type="hidden" name="speaker__id__exact"' not in sidebar
    assert spec(response, SpeakerFilter).lookup_choices == [(lepp.pk, "Kadri Lepp")]


def test_the_speaker_filter_still_finds_statements_without_a_speaker(admin_client, quotes):
    link = re.search(r'<a href="\?([^"]*)">No speaker</a>', filter_sidebar(admin_client.get(STATEMENTS))).group(1)

    response = admin_client.get(f"{STATEMENTS}?{link}")

    assert link == "speaker__isnull=True"
    assert listed(response) == {quotes["nobody"]}


def test_a_speaker_that_is_not_a_number_is_refused_not_an_error(admin_client, quotes):
    response = admin_client.get(STATEMENTS, {"speaker__id__exact": "lepp"})

    # Django's changelist answers a bad lookup by redirecting with ?e=1.
    assert response.status_code == 302
    assert "e=1" in response.url


def test_the_topic_list_counts_each_topics_articles(admin_client, quotes):
    response = admin_client.get(TOPICS)

    counts = {t.slug: t.n_articles for t in response.context["cl"].result_list}
    assert counts["sanctions"] == 1
    assert counts["summit"] == 2
    assert counts["ceasefire"] == 0


def test_the_topic_list_sorts_by_its_article_count(admin_client, quotes):
    response = admin_client.get(TOPICS, {"o": "-4"})

    names = [t.slug for t in response.context["cl"].result_list]
    assert names[0] == "summit"


def test_the_topic_list_costs_the_same_queries_for_few_and_many_topics(
    admin_client, quotes, make_topic, django_assert_num_queries
):
    admin_client.get(TOPICS)  # warm the content type cache
    # 1. session, 2. user, 3. count of the filtered rows, 4. count of all rows,
    # 5. the page of topics with their article counts
    with django_assert_num_queries(5):
        admin_client.get(TOPICS)

    for i in range(20):
        make_topic(f"topic-{i}")
    with django_assert_num_queries(5):
        response = admin_client.get(TOPICS)
    assert len(response.context["cl"].result_list) == Topic.objects.count()


def test_the_actor_list_costs_the_same_queries_for_few_and_many_actors(admin_client, quotes, django_assert_num_queries):
    admin_client.get(ACTORS)  # warm the content type cache
    # 1. session, 2. user, 3. count of the filtered rows, 4. count of all rows,
    # 5. the page of actors with their alias counts (articles and statements are stored counts)
    with django_assert_num_queries(5):
        admin_client.get(ACTORS)
    with django_assert_num_queries(5):
        response = admin_client.get(ACTORS, {"q": "lepp"})
    assert [a.name for a in response.context["cl"].result_list] == ["Kadri Lepp"]

    for i in range(30):
        Actor.objects.resolve(f"Extra Person{i}")
    with django_assert_num_queries(5):
        response = admin_client.get(ACTORS)
    assert len(response.context["cl"].result_list) == Actor.objects.count()


def test_a_filtered_statement_count_stops_at_its_cap_and_says_so(admin_client, quotes, monkeypatch):
    monkeypatch.setattr(StatementPaginator, "COUNT_CAP", 1)

    response = admin_client.get(STATEMENTS, {"published__gte": "2020-01-01 00:00:00+00:00"})

    assert response.context["cl"].result_count == 2  # the cap plus one: more than one page's worth to Django
    assert "more than 1 results" in response.text
    assert "more than 1 statements" in response.text
    assert len(listed(response)) == 3  # the page itself is not cut


def test_a_filtered_statement_count_under_its_cap_is_exact(admin_client, quotes):
    response = admin_client.get(STATEMENTS, {"published__gte": "2020-01-01 00:00:00+00:00"})

    assert response.context["cl"].result_count == 3
    assert "3 statements" in response.text


@pytest.mark.parametrize(
    ("q", "on_postgresql", "on_sqlite"),
    [
        ("quiet", {"A quiet day in Tartu"}, {"A quiet day in Tartu"}),
        ("guarantee", {"Ministers weigh guarantees"}, {"Ministers weigh guarantees"}),
        ("ceasefire plans", {"Finland wants a ceasefire plan"}, set()),  # words in any form
        ("Saar", set(), {"Ministers weigh guarantees"}),  # a part of a word: only SQLite matches substrings
        ("saarinen", {"Ministers weigh guarantees"}, {"Ministers weigh guarantees"}),  # the author
        ("tartu -quiet", set(), set()),
    ],
)
def test_the_article_search_finds_words_of_titles_and_authors(admin_client, make_article, q, on_postgresql, on_sqlite):
    make_article("Ministers weigh guarantees", author="Liisa Saarinen")
    make_article("Finland wants a ceasefire plan")
    make_article("A quiet day in Tartu")

    response = admin_client.get(ARTICLES, {"q": q})

    expected = on_postgresql if connection.vendor == "postgresql" else on_sqlite
    assert {a.title for a in listed(response)} == expected


def test_the_row_checkbox_is_djangos_markup(admin_client, quotes):
    from django.contrib import admin as django_admin
    from django.contrib.admin.sites import site

    from articles.models import Statement as StatementModel

    model_admin = site.get_model_admin(StatementModel)
    statement = quotes["lepp"]

    assert model_admin.action_checkbox(statement) == django_admin.ModelAdmin.action_checkbox(model_admin, statement)
