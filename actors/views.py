"""Actor pages: the searchable list with counts, and one actor's coverage."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from articles import exports, feeds
from articles.filters import ActorFilter
from articles.models import Article, ArticleTopic, Mention, Source, Statement, StatementTopic, Topic
from articles.templatetags.charts import Timeline
from articles.views import (
    DESK_CACHE_SECONDS,
    coverage_state,
    list_context,
    list_status,
    other_format,
    period_counts,
    valid_list_request,
)

from .models import Actor


def actors_with_counts():
    """Actors with `article_count` and `statement_count`, which are stored on each actor now.

    Kept for callers written when the counts were subqueries over a million statements.
    """
    return Actor.objects.all()


@login_required
def actor_list(request):
    # article_count and statement_count are stored on the actor (Actor.objects.refresh_counts).
    actors = actors_with_counts().order_by("-statement_count", "-article_count", "name")
    filterset = ActorFilter(request.GET, queryset=actors)
    if response := other_format(request, filterset, exports.ActorExport, feeds.ActorFeed()):
        return response

    valid = valid_list_request(request, filterset)
    rows = filterset.qs if valid else Actor.objects.none()
    ctx = list_context(request, filterset, rows, "actors")
    return render(request, "actors/actor_list.html", ctx, status=list_status(valid))


SUGGESTIONS = 20


@login_required
def actor_suggest(request):
    """Up to SUGGESTIONS actors whose name starts a word with ?q=, most quoted first, for the filter fields."""
    q = request.GET.get("q", "").strip()[:100]
    actors = []
    if q:
        starts = Actor.objects.filter(Q(name__istartswith=q) | Q(name__icontains=f" {q}"))
        actors = starts.order_by("-statement_count", "-article_count", "name")[:SUGGESTIONS]
    return JsonResponse({"actors": [{"slug": a.slug, "name": a.name, "kind": a.kind} for a in actors]})


@login_required
def actor_detail(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    statements = Statement.objects.by(actor)
    articles = Article.objects.mentioning(actor)

    key = f"{actor.pk}:{actor.article_count}:{actor.statement_count}:{coverage_state()}"
    ctx = {
        "section": "actors",
        "actor": actor,
        "aliases": actor.aliases.exclude(name=actor.name),
        "statements": statements.newest_first().for_list()[:10],
        "articles": articles.newest_first().for_list()[:10],
        **cache.get_or_set(
            f"actor-page:{key}", lambda: actor_coverage(actor, statements, articles), DESK_CACHE_SECONDS
        ),
        "chart_key": key,
        "chart_seconds": DESK_CACHE_SECONDS,
    }
    return render(request, "actors/actor_detail.html", ctx)


def actor_coverage(actor, statements, articles):
    """The actor page's aggregates: topics, who appears with them, outlets quoting them, the timeline.

    They group every mention and statement of the actor (67,000 statements for
    the busiest in the 100k benchmark, a quarter of a second each), so the page
    caches them under the actor's counts and coverage_state(): a new or
    changed article, an analyst's topic edit or a recount makes a new key.
    """
    return {
        "topics": actor_topics(actor),
        "co_actors": list(
            Actor.objects.filter(mentions__article__mentions__actor=actor)
            .exclude(pk=actor.pk)
            .annotate(shared=Count("mentions__article", distinct=True))
            .order_by("-shared", "name")[:12]
        ),
        "outlets": list(
            Source.objects.filter(articles__statements__speaker=actor)
            .annotate(statement_count=Count("articles__statements"))
            .order_by("-statement_count", "name")
        ),
        "timeline": actor_timeline(statements, articles),
    }


def actor_topics(actor):
    """[(topic, their statements on it, articles mentioning them with it)], busiest first.

    Two grouped queries instead of one join across both, which would multiply rows.
    """
    said = dict(
        StatementTopic.objects.filter(statement__speaker=actor).values_list("topic").annotate(n=Count("pk")).order_by()
    )
    covered = dict(
        ArticleTopic.objects.filter(Exists(Mention.objects.filter(article=OuterRef("article_id"), actor=actor)))
        .values_list("topic")
        .annotate(n=Count("pk"))
        .order_by()
    )
    topics = Topic.objects.filter(pk__in=said.keys() | covered.keys())
    rows = [(topic, said.get(topic.pk, 0), covered.get(topic.pk, 0)) for topic in topics]
    return sorted(rows, key=lambda row: (-row[1], -row[2], row[0].name))


def actor_timeline(statements, articles):
    """Their statements and the articles mentioning them, per day or week; None when nothing is dated."""
    dates = articles.published().aggregate(first=Min("published"), last=Max("published"))
    if dates["first"] is None:
        return None
    timeline = Timeline.spanning(dates["first"].date(), dates["last"].date())
    timeline.add("Articles mentioning", period_counts(articles.published(), "published", timeline.every))
    timeline.add("Statements", period_counts(statements.published(), "published", timeline.every))
    return timeline
