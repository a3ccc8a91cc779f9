"""The analyst pages: the desk, articles, one article, statements.

Every list takes its FilterSet from articles/filters.py and answers
?format=csv, ?format=json (all matching rows, streamed) and ?format=atom
(a feed of the newest rows), all with the page's current filters.
"""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.db.models import F, Max, Min
from django.http import Http404, HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from actors.models import Actor

from . import audit, exports, feeds, review
from .coverage import (
    DAY,
    DESK_CACHE_SECONDS,
    WEEK,
    Timeline,
    coverage_state,
    coverage_timeline,
    desk_state,
    statement_total,
)
from .extraction.same_remark import differences
from .filters import ArticleFilter, DateRangeForm, ReviewFilter, StatementFilter
from .highlight import locate_statements
from .listing import article_rows, list_context, list_status, other_format, statement_rows, valid_list_request
from .models import Article, ArticleQuerySet, Mention, SavedSearch, Source, Statement, StatementQuerySet, Utterance
from .outlets import outlet_coverage, outlet_with_counts, outlets_with_figures
from .saved_searches import SearchError, for_desk, list_url, mark_seen, save_search
from .stories import also_published
from .utterances import similar_remarks

# The desk's most carried remarks of the week.
MOST_CARRIED = 8


@login_required
def desk(request):
    every = request.GET.get("every")
    measure = "statements" if request.GET.get("measure") == "statements" else "articles"
    span = DateRangeForm(request.GET)
    after, before = (
        (span.cleaned_data["published_after"], span.cleaned_data["published_before"])
        if span.is_valid()
        else (None, None)
    )
    dates = Article.objects.published(after, before).aggregate(first=Min("published"), last=Max("published"))
    counts = {
        "articles": Article.objects.count(),
        "undated": Article.objects.undated().count(),
        # Copies of one article across outlets count once: the articles less the copies (a small partial index).
        "copies": Article.objects.copies().count(),
        "statements": statement_total(),
        "actors": Actor.objects.shown().count(),
        "sources": Source.objects.count(),
    }

    counts["stories"] = counts["articles"] - counts["copies"]

    ctx = {
        "section": "desk",
        "counts": counts,
        "latest": Article.objects.newest_first().for_list()[:8],
        "most_quoted": Actor.objects.shown()
        .filter(statement_count__gt=0)
        .order_by("-statement_count", "-article_count", "name")[:10],
        "measure": measure,
        "span": span,
        "saved_searches": for_desk(request.user, request.build_absolute_uri),
        "digest_choices": SavedSearch.Digest.choices,
        "timeline": None,
    }
    if dates["last"]:
        # The week to the end of the span shown, else of the newest coverage: its most carried remarks.
        ctx["week_end"] = min(before, dates["last"].date()) if before else dates["last"].date()
        # A stored date in the first week of year 1 (a page's typo) has no week before it to count.
        ctx["week_start"] = max(ctx["week_end"], date.min + timedelta(days=6)) - timedelta(days=6)
        ctx["most_carried"] = (
            Utterance.objects.published(ctx["week_start"], ctx["week_end"])
            .filter(reach__gt=1)
            .most_carried()
            .for_list()[:MOST_CARRIED]
        )
    if dates["first"]:
        timeline = Timeline.spanning(
            after or dates["first"].date(), before or dates["last"].date(), every if every in (DAY, WEEK) else None
        )
        state = desk_state(counts)
        ctx["timeline"] = coverage_timeline(timeline, measure, state, after, before)
        ctx["chart_key"] = f"{measure}:{timeline.every}:{timeline.periods[0]}:{after}:{before}:{state}"
        ctx["chart_seconds"] = DESK_CACHE_SECONDS
    return render(request, "articles/desk.html", ctx, status=200 if span.is_valid() else 400)


@login_required
def article_list(request):
    filterset = ArticleFilter(request.GET, queryset=article_rows())
    if response := other_format(request, filterset, exports.ArticleExport, feeds.ArticleFeed()):
        return response

    valid = valid_list_request(request, filterset)
    rows = filterset.qs if valid else Article.objects.none()
    count = filterset.story_count() if valid else None
    ctx = list_context(request, filterset, rows, "articles", count, load=ArticleQuerySet.for_list)
    return render(request, "articles/article_list.html", ctx, status=list_status(valid))


@login_required
def article_detail(request, pk):
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    statements = list(
        article.statements.select_related("speaker").prefetch_related("topics").order_by("position", "pk")
    )
    spans, unplaced = locate_statements(article.body, statements)

    ctx = {
        "section": "articles",
        "article": article,
        "topics": article.topics.all(),
        "mentions": Mention.objects.filter(article=article, actor__suppressed=False)
        .select_related("actor")
        .order_by("-count", "actor__name"),
        "statements": statements,
        "also_published": also_published(article),
        "spans": spans,
        "unplaced": unplaced,
    }
    return render(request, "articles/article_detail.html", ctx)


@login_required
def statement_list(request):
    filterset = StatementFilter(request.GET, queryset=statement_rows())
    if response := other_format(request, filterset, exports.StatementExport, feeds.StatementFeed()):
        return response

    valid = valid_list_request(request, filterset)
    rows = filterset.qs if valid else Statement.objects.none()
    count = filterset.statement_count() if valid else None
    ctx = list_context(request, filterset, rows, "statements", count, load=StatementQuerySet.for_list)
    return render(request, "articles/statement_list.html", ctx, status=list_status(valid))


@login_required
def utterance_detail(request, pk):
    """One remark as every outlet carried it: who had it first, each outlet's wording against the first."""
    utterance = get_object_or_404(Utterance.objects.select_related("speaker"), pk=pk)
    reports = list(
        utterance.statements.shown()
        .select_related("article__source")
        .defer("article__body")
        .order_by(F("published").asc(nulls_last=True), "id")
    )
    first = next((r for r in reports if r.pk == utterance.first_statement_id), reports[0] if reports else None)
    if first is not None:
        reports.remove(first)
        reports.insert(0, first)
    for report in reports[1:]:
        report.differences = differences(first.text, report.text)
    direct = list(dict.fromkeys(r.text for r in reports if r.kind == Statement.Kind.DIRECT))

    ctx = {
        "section": "statements",
        "utterance": utterance,
        "first": first,
        "reports": reports,
        "outlets": len({r.article.source_id or 0 for r in reports}),
        "direct": direct,
        "similar": similar_remarks(utterance),
    }
    return render(request, "articles/utterance_detail.html", ctx)


# The review queue (articles.review): staff who may change statements.
may_review = permission_required("articles.change_statement", raise_exception=True)


@login_required
@may_review
def review_queue(request):
    """The next statement of the slice to check, or the slice's end."""
    filterset = ReviewFilter(request.GET, queryset=Statement.objects.all())
    valid = filterset.is_valid()
    statement = review.next_statement(filterset.qs, review.skipped(request.session)) if valid else None
    return _review_page(request, filterset, statement)


@login_required
@may_review
def review_statement(request, pk):
    """One statement to check (GET), and what the analyst does to it (POST), within the slice in the query string."""
    rows = Statement.objects.select_related("speaker", "article__source").prefetch_related("topics")
    statement = get_object_or_404(rows, pk=pk)
    filterset = ReviewFilter(request.GET, queryset=Statement.objects.all())
    if request.method != "POST":
        return _review_page(request, filterset, statement)
    action = request.POST.get("action")
    if action not in review.ACTIONS:
        return HttpResponseBadRequest("Unknown review action.")
    form = review.CorrectionForm(request.POST, statement=statement)
    if action == review.SKIP:
        review.skip(request.session, statement)
    elif action in (review.VERIFY, review.SAVE) and not form.is_valid():
        return _review_page(request, filterset, statement, form, status=400)
    else:
        review.act(statement, action, form, request.user)
    if action == review.SAVE:
        return redirect(_slice_url("articles:review-statement", filterset, args=[statement.pk]))
    return redirect(_slice_url("articles:review", filterset))


@login_required
@may_review
def review_restart(request):
    """Bring the statements skipped in this session back into the queue."""
    if request.method == "POST":
        review.forget_skipped(request.session)
    return redirect(_slice_url("articles:review", ReviewFilter(request.GET, queryset=Statement.objects.none())))


def _slice_url(name, filterset, args=()):
    """The URL of `name` with the slice's filters only, whatever else the query string held."""
    query = filterset.data.copy()
    for key in list(query):
        if key not in filterset.filters:
            del query[key]
    url = reverse(name, args=args)
    return f"{url}?{query.urlencode()}" if query else url


def _review_page(request, filterset, statement, form=None, status=None):
    valid = filterset.is_valid()
    checked, total = review.progress(filterset.qs) if valid else (0, 0)
    ctx = {
        "section": "review",
        "form": filterset.form,
        # A new slice starts at its first statement, also from one statement's page.
        "filter_action": reverse("articles:review"),
        "statement": statement,
        "checked": checked,
        "total": total,
        "skipped": len(review.skipped(request.session)),
        "slice_query": _slice_url("articles:review", filterset).partition("?")[2],
    }
    if statement is not None:
        ctx["correction"] = form or review.CorrectionForm(statement=statement)
        ctx["context"] = review.in_context(statement)
        ctx["history"] = audit.history(statement)
    return render(request, "articles/review.html", ctx, status=status or list_status(valid))


@login_required
def outlet_list(request):
    ctx = {"section": "outlets", "outlets": outlets_with_figures()}
    return render(request, "articles/outlet_list.html", ctx)


@login_required
def outlet_detail(request, slug):
    outlet = outlet_with_counts(slug)
    if outlet is None:
        raise Http404("No such outlet.")

    key = f"{outlet.pk}:{outlet.article_count}:{outlet.statement_count}:{coverage_state()}"
    ctx = {
        "section": "outlets",
        "outlet": outlet,
        "articles": outlet.articles.newest_first().for_list()[:10],
        **cache.get_or_set(f"outlet-page:{key}", lambda: outlet_coverage(outlet), DESK_CACHE_SECONDS),
        "chart_key": key,
        "chart_seconds": DESK_CACHE_SECONDS,
    }
    return render(request, "articles/outlet_detail.html", ctx)


@login_required
@require_POST
def saved_search_create(request):
    """Save the list's filters (sent as `query`) under a name, then go back to the list."""
    list_name = request.POST.get("list_name", "")
    params = QueryDict(request.POST.get("query", ""))
    back = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    try:
        search = save_search(request.user, list_name, params, request.POST.get("name"), request.POST.get("digest", ""))
    except SearchError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Saved “{search.name}”: your desk shows its new matches.")
    return redirect(back)


@login_required
def saved_search_open(request, pk):
    """The saved search's list; its new matches count from now."""
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    mark_seen(search)
    return redirect(list_url(search))


@login_required
@require_POST
def saved_search_change(request, pk):
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    if request.POST.get("delete"):
        search.delete()
        messages.success(request, f"Deleted the saved search “{search.name}”.")
    elif request.POST.get("digest", "") in SavedSearch.Digest.values:
        search.digest = request.POST["digest"]
        search.save(update_fields=["digest"])
        messages.success(request, f"“{search.name}”: {search.get_digest_display().lower()}.")
    return redirect("articles:desk")
