"""Actor pages: the searchable list with counts, and one actor's coverage."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from articles import exports, feeds
from articles.coverage import DESK_CACHE_SECONDS, actor_coverage, coverage_state
from articles.filters import ActorFilter
from articles.listing import actor_rows, list_context, list_status, other_format, valid_list_request
from articles.models import Article, Statement, Utterance

from .models import Actor


@login_required
def actor_list(request):
    filterset = ActorFilter(request.GET, queryset=actor_rows())
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
        starts = Actor.objects.shown().filter(Q(name__istartswith=q) | Q(name__icontains=f" {q}"))
        actors = starts.order_by("-statement_count", "-article_count", "name")[:SUGGESTIONS]
    return JsonResponse({"actors": [{"slug": a.slug, "name": a.name, "kind": a.kind} for a in actors]})


@login_required
def actor_detail(request, slug):
    actor = get_object_or_404(Actor.objects.shown(), slug=slug)
    statements = Statement.objects.shown().by(actor)
    articles = Article.objects.mentioning(actor)

    key = f"{actor.pk}:{actor.article_count}:{actor.statement_count}:{coverage_state()}"
    ctx = {
        "section": "actors",
        "actor": actor,
        "aliases": actor.aliases.exclude(name=actor.name),
        "statements": statements.newest_first().for_list()[:10],
        # Their remarks as outlets carried them, the widest first.
        "utterances": Utterance.objects.by(actor).most_carried().for_list()[:10],
        "articles": articles.newest_first().for_list()[:10],
        **cache.get_or_set(
            f"actor-page:{key}", lambda: actor_coverage(actor, statements, articles), DESK_CACHE_SECONDS
        ),
        "chart_key": key,
        "chart_seconds": DESK_CACHE_SECONDS,
    }
    return render(request, "actors/actor_detail.html", ctx)
