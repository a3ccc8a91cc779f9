"""Outlets: each one's articles and statements, counted for /outlets/ and an outlet's page.

The figures of one outlet group its articles and statements, so its page
caches them as the actor page does, under the outlet's counts and
coverage_state() (articles.coverage); /outlets/ caches every outlet's
counts and dates as the desk caches its timeline, under desk_state().
"""

from django.core.cache import cache
from django.db.models import Count, Max, Min, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from actors.models import Actor

from .coverage import DESK_CACHE_SECONDS, Timeline, add_dated, desk_state, statement_total
from .models import Article, ArticleTopic, Source, Statement, StatementTopic, Topic

MOST_QUOTED = 12


def _counted(rows, column):
    """A subquery counting `rows` per outlet (`column` names the outlet), 0 when none."""
    grouped = rows.filter(**{column: OuterRef("pk")}).order_by().values(column).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(grouped), Value(0))


def _dated(aggregate):
    """A subquery of the first or last date of an outlet's articles (Min or Max), read off the outlet's date index."""
    articles = Article.objects.filter(source=OuterRef("pk")).order_by().values("source")
    return Subquery(articles.annotate(day=aggregate("published")).values("day"))


def outlet_rows():
    """Every outlet with its number of articles and statements and its first and last dates, busiest first.

    Every figure is a subquery per outlet: counted over a join of the outlets with their articles, the
    statement count became part of the grouping and PostgreSQL counted an outlet's statements once for each
    of its articles (no answer in 14 minutes at 100,000 articles).
    """
    return Source.objects.annotate(
        article_count=_counted(Article.objects.all(), "source"),
        statement_count=_counted(Statement.objects.shown(), "article__source"),
        first=_dated(Min),
        last=_dated(Max),
    ).order_by("-article_count", "name")


def outlets_with_figures():
    """Every outlet with article_count, statement_count, first and last set, busiest first.

    Counting an outlet's statements reads its articles' index range of statements (about 90 ms an outlet at
    100,000 articles), so the figures are cached under the data's state; the outlets' names are read fresh.
    """
    state = desk_state({"articles": Article.objects.count(), "statements": statement_total()})
    figures = cache.get_or_set(
        f"outlet-figures:{state}",
        lambda: {row.pop("pk"): row for row in outlet_rows().values("pk", *FIGURES)},
        DESK_CACHE_SECONDS,
    )
    outlets = list(Source.objects.all())
    for outlet in outlets:
        for name, value in figures.get(outlet.pk, _NO_FIGURES).items():
            setattr(outlet, name, value)
    return sorted(outlets, key=lambda outlet: (-outlet.article_count, outlet.name))


FIGURES = ("article_count", "statement_count", "first", "last")
# An outlet made since the figures were counted: the key changes with its first article.
_NO_FIGURES = {"article_count": 0, "statement_count": 0, "first": None, "last": None}


def outlet_with_counts(slug):
    """The outlet of `slug` with article_count and statement_count, or None."""
    return outlet_rows().filter(slug=slug).first()


def outlet_coverage(source):
    """An outlet page's aggregates: topics, who it quotes most, its articles and statements over time."""
    articles = source.articles.all()
    statements = Statement.objects.from_source(source)
    return {
        "topics": outlet_topics(source),
        "most_quoted": list(
            Actor.objects.shown()
            .filter(statements__article__source=source)
            .annotate(quoted=Count("statements"))
            .order_by("-quoted", "name")[:MOST_QUOTED]
        ),
        "timeline": outlet_timeline(source, articles, statements),
    }


def outlet_topics(source):
    """[(topic, its articles in the outlet, its statements there)], busiest first; two grouped queries."""
    covered = dict(
        ArticleTopic.objects.filter(article__source=source).values_list("topic").annotate(n=Count("pk")).order_by()
    )
    said = dict(
        StatementTopic.objects.filter(statement__article__source=source)
        .values_list("topic")
        .annotate(n=Count("pk"))
        .order_by()
    )
    topics = Topic.objects.filter(pk__in=said.keys() | covered.keys())
    rows = [(topic, covered.get(topic.pk, 0), said.get(topic.pk, 0)) for topic in topics]
    return sorted(rows, key=lambda row: (-row[1], -row[2], row[0].name))


def outlet_timeline(source, articles, statements):
    """Its articles and statements per day or week, linking to the lists of the outlet; None when nothing is dated."""
    dates = articles.published().aggregate(first=Min("published"), last=Max("published"))
    if dates["first"] is None:
        return None
    timeline = Timeline.spanning(dates["first"].date(), dates["last"].date())
    add_dated(timeline, "Articles", articles, f"{reverse('articles:list')}?source={source.slug}")
    add_dated(timeline, "Statements", statements, f"{reverse('articles:statements')}?source={source.slug}")
    return timeline
