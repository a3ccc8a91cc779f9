"""The FilterSets on their own: ArticleFilter, StatementFilter, ActorFilter."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from actors.models import Actor
from articles.filters import ActorFilter, ArticleFilter, StatementFilter
from articles.models import Article, Statement
from articles.search import search_terms


@pytest.fixture
def coverage(make_actor, make_article, make_topic):
    rutte, zelenskyy = make_actor("Mark Rutte"), make_actor("Volodymyr Zelenskyy")
    sanctions, summit = make_topic("sanctions"), make_topic("summit")
    call = make_article(
        title="Zelenskyy and Rutte discuss sanctions",
        body="The two leaders spoke about a ceasefire and new sanctions.",
        source="The Gaze",
        published=date(2025, 6, 20),
        actors=[rutte, zelenskyy],
        topics=[sanctions, summit],
    )
    summit_preview = make_article(
        title="Hague summit preview",
        body="Allies gather in The Hague.",
        published=date(2025, 6, 22),
        actors=[rutte],
        topics=[summit],
    )
    undated = make_article(title="An undated piece", body="Nobody knows when this was written.", published=None)
    return {
        "rutte": rutte,
        "zelenskyy": zelenskyy,
        "call": call,
        "summit": summit_preview,
        "undated": undated,
    }


def article_filter(data):
    return ArticleFilter(data, queryset=Article.objects.newest_first())


def test_it_lists_everything_newest_first_and_undated_last_without_filters(coverage):
    f = article_filter({})

    assert f.is_valid()
    assert list(f.qs) == [coverage["summit"], coverage["call"], coverage["undated"]]


def test_it_requires_every_actor_given(coverage):
    assert set(article_filter({"actor": ["mark-rutte"]}).qs) == {coverage["call"], coverage["summit"]}

    both = article_filter({"actor": ["mark-rutte", "volodymyr-zelenskyy"]})

    assert list(both.qs) == [coverage["call"]]


def test_it_filters_by_topic(coverage):
    assert list(article_filter({"topic": ["sanctions"]}).qs) == [coverage["call"]]
    assert list(article_filter({"topic": ["sanctions", "summit"]}).qs) == [coverage["call"]]


def test_it_ignores_the_blank_value_of_an_unused_add_select(coverage):
    f = article_filter({"topic": ["sanctions", ""]})

    assert f.is_valid()
    assert list(f.qs) == [coverage["call"]]


def test_it_filters_by_source(coverage):
    assert list(article_filter({"source": "the-gaze"}).qs) == [coverage["call"]]


def test_it_treats_the_date_range_as_inclusive_days_and_drops_undated_articles(coverage):
    assert list(article_filter({"published_after": "2025-06-20", "published_before": "2025-06-20"}).qs) == [
        coverage["call"]
    ]
    assert list(article_filter({"published_after": "2025-06-21"}).qs) == [coverage["summit"]]
    assert list(article_filter({"published_before": "2025-06-22"}).qs) == [coverage["summit"], coverage["call"]]


def test_it_counts_a_late_evening_article_on_its_own_day(coverage, make_article):
    late = make_article(published=timezone.make_aware(datetime(2025, 6, 23, 23, 59)))

    assert list(article_filter({"published_before": "2025-06-23", "published_after": "2025-06-23"}).qs) == [late]


def test_it_searches_titles_and_bodies(coverage):
    assert list(article_filter({"q": "ceasefire"}).qs) == [coverage["call"]]
    assert list(article_filter({"q": "hague"}).qs) == [coverage["summit"]]
    assert list(article_filter({"q": "leaders sanctions"}).qs) == [coverage["call"]]
    assert list(article_filter({"q": "leaders -sanctions"}).qs) == []
    assert set(article_filter({"q": "hague or ceasefire"}).qs) == {coverage["call"], coverage["summit"]}


def test_it_sorts_on_request(coverage):
    assert list(article_filter({"sort": "oldest"}).qs) == [coverage["call"], coverage["summit"], coverage["undated"]]
    assert list(article_filter({"sort": "title"}).qs)[0] == coverage["undated"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"actor": ["nobody"]}, "actor", "There is no actor “nobody”."),
        ({"topic": ["weather"]}, "topic", "There is no topic “weather”."),
        ({"source": "nowhere"}, "source", "There is no outlet “nowhere”."),
        ({"published_after": "20/06/2025"}, "published_after", "Enter a date as YYYY-MM-DD."),
        ({"published_before": "2025-02-30"}, "published_before", "Enter a date as YYYY-MM-DD."),
        ({"sort": "random"}, "sort", "Sort by one of: relevance, newest, oldest, title."),
        ({"q": "x" * 201}, "q", "Ensure this value has at most 200 characters (it has 201)."),
    ],
)
def test_it_reports_invalid_values_as_form_errors(coverage, data, field, message):
    f = article_filter(data)

    assert not f.is_valid()
    assert f.errors[field] == [message]


def test_it_rejects_a_date_range_that_ends_before_it_starts(coverage):
    f = article_filter({"published_after": "2025-06-22", "published_before": "2025-06-20"})

    assert not f.is_valid()
    assert f.errors["__all__"] == ["“Published from” must be on or before “Published until”."]


@pytest.fixture
def statements(coverage, make_statement, make_topic):
    rutte, zelenskyy = coverage["rutte"], coverage["zelenskyy"]
    return {
        "rutte_call": make_statement(
            coverage["call"], "Sanctions must stay.", speaker=rutte, topics=[make_topic("sanctions")]
        ),
        "zelenskyy_call": make_statement(
            coverage["call"],
            "Pressure on Moscow must continue.",
            speaker=zelenskyy,
            kind=Statement.Kind.INDIRECT,
            status=Statement.Status.VERIFIED,
        ),
        "rutte_summit": make_statement(coverage["summit"], "The summit will be short.", speaker=rutte),
    }


def statement_filter(data):
    return StatementFilter(data, queryset=Statement.objects.newest_first())


def test_it_filters_statements_by_speaker(statements):
    assert list(statement_filter({"speaker": ["volodymyr-zelenskyy"]}).qs) == [statements["zelenskyy_call"]]
    assert len(statement_filter({"speaker": ["volodymyr-zelenskyy", "mark-rutte"]}).qs) == 3


def test_it_filters_statements_by_the_actors_their_article_mentions(statements):
    assert set(statement_filter({"actor": ["volodymyr-zelenskyy"]}).qs) == {
        statements["rutte_call"],
        statements["zelenskyy_call"],
    }


def test_it_filters_statements_by_their_own_topics(statements):
    assert list(statement_filter({"topic": ["sanctions"]}).qs) == [statements["rutte_call"]]


def test_it_filters_statements_by_kind_and_verification(statements):
    assert list(statement_filter({"kind": "indirect"}).qs) == [statements["zelenskyy_call"]]
    assert list(statement_filter({"verified": "yes"}).qs) == [statements["zelenskyy_call"]]
    assert len(statement_filter({"verified": "no"}).qs) == 2


def test_it_filters_statements_by_date_source_and_text(statements):
    assert list(statement_filter({"published_after": "2025-06-21"}).qs) == [statements["rutte_summit"]]
    assert len(statement_filter({"source": "the-gaze"}).qs) == 2
    assert list(statement_filter({"q": "moscow"}).qs) == [statements["zelenskyy_call"]]


@pytest.mark.parametrize(
    ("data", "field"),
    [({"speaker": ["nobody"]}, "speaker"), ({"kind": "rumour"}, "kind"), ({"verified": "maybe"}, "verified")],
)
def test_it_reports_invalid_statement_filters(statements, data, field):
    f = statement_filter(data)

    assert not f.is_valid()
    assert field in f.errors


def test_it_finds_actors_by_name_or_alias(make_actor):
    rutte = make_actor("Mark Rutte")
    rutte.add_alias("NATO chief")
    make_actor("Kaja Kallas")

    f = ActorFilter({"q": "nato"}, queryset=Actor.objects.all())

    assert list(f.qs) == [rutte]


def test_it_filters_actors_by_kind(make_actor):
    nato = make_actor("NATO", kind=Actor.Kind.ORGANISATION)
    make_actor("Mark Rutte")

    assert list(ActorFilter({"kind": "organisation"}, queryset=Actor.objects.all()).qs) == [nato]
    assert "kind" in ActorFilter({"kind": "alien"}, queryset=Actor.objects.all()).errors


def test_search_terms_read_like_websearch():
    assert search_terms('sanctions "price cap" -oil or embargo') == [
        [("sanctions", False), ("price cap", False), ("oil", True)],
        [("embargo", False)],
    ]
    assert search_terms('  "" or  ') == []
