"""Outlets: each one's articles and statements, counted for /outlets/ and an outlet's page.

The figures of one outlet group its articles and statements, so its page
caches them as the actor page does, under the outlet's counts and
coverage_state() (articles.coverage).
"""

from django.db.models import Count, Max, Min, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from actors.models import Actor

from .coverage import Timeline, add_dated
from .models import ArticleTopic, Source, Statement, StatementTopic, Topic

MOST_QUOTED = 12


def _counted(rows, column):
    """A subquery counting `rows` per outlet (`column` names the outlet), 0 when none."""
    grouped = rows.filter(**{column: OuterRef("pk")}).order_by().values(column).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(grouped), Value(0))


def outlet_rows():
    """Every outlet with its number of articles and statements and its first and last dates, busiest first."""
    return Source.objects.annotate(
        article_count=Count("articles"),
        statement_count=_counted(Statement.objects.all(), "article__source"),
        first=Min("articles__published"),
        last=Max("articles__published"),
    ).order_by("-article_count", "name")


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
