"""The analyst pages: the desk, articles, one article, statements.

Every list takes its FilterSet from articles/filters.py and answers
?format=csv, ?format=json (all matching rows, streamed) and ?format=atom
(a feed of the newest rows), all with the page's current filters.
"""

import re
from datetime import datetime, time

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, DateField, Max, Min, Sum, Window
from django.db.models.functions import TruncDate, TruncWeek
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor

from . import exports, feeds
from .filters import ArticleFilter, StatementFilter
from .highlight import locate_statements
from .models import (
    DESK_VERSION,
    Article,
    ArticleQuerySet,
    ArticleTopic,
    Mention,
    Source,
    Statement,
    StatementQuerySet,
    StatementTopic,
    Topic,
)
from .templatetags.charts import DAY, WEEK, Timeline

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25
# Beyond any list's last page; a larger ?page= is a mistake (or a probe), not a page.
MAX_PAGE = 1_000_000


def page_number(value):
    """`value` (a ?page=) as a page number from 1 to MAX_PAGE, else None."""
    if re.fullmatch(r"[1-9][0-9]{0,6}", value) and int(value) <= MAX_PAGE:
        return int(value)
    return None


# How long the desk's timeline counts may be reused. Their key changes with
# every ingest and every article added or deleted (desk_state), so this only
# bounds how long an analyst's topic edits take to show on the chart.
DESK_CACHE_SECONDS = 600


def page_of(request, rows, count=None, load=None):
    """The requested page of `rows`; ?per_page= is one of PAGE_SIZES, else the default.

    `count`, when the caller knows it cheaply, spares the paginator its
    COUNT(*). `load` (e.g. QuerySet.for_list) adds what the page shows to its
    rows after the page's keys are found, in the same query: PostgreSQL
    evaluates a row's subqueries, joins and search headline for every row an
    OFFSET skips, which made page 200 cost 5,000 statement counts.
    """
    per_page = request.GET.get("per_page", "")
    per_page = int(per_page) if per_page in {str(size) for size in PAGE_SIZES} else DEFAULT_PAGE_SIZE
    paginator = Paginator(rows, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: setting it skips the query
    ranked = load is not None and count is None and "rank" in rows.query.annotations
    if ranked and (page := ranked_page(request, paginator, load)):
        return page
    page = paginator.get_page(request.GET.get("page"))
    if load is not None:
        page.object_list = load(rows.filter(pk__in=page.object_list.values("pk")))
    return page


def ranked_page(request, paginator, load):
    """A page of search results whose keys and total come from one query, or None to page the usual way.

    Ranking reads every match's stored vector anyway; COUNT(*) OVER () counts
    them in that same pass, where the paginator's COUNT(*) would read every
    match a second time (84,000 statements: a third of a second).
    """
    number = page_number(request.GET.get("page", "1")) or 1
    bottom = (number - 1) * paginator.per_page
    keys = paginator.object_list.annotate(total=Window(Count("pk"))).values_list("pk", "total")
    keys = list(keys[bottom : bottom + paginator.per_page])
    if not keys:
        return None  # past the last page or nothing found: let the paginator count and clamp
    paginator.count = keys[0][1]
    page = paginator.page(number)
    order = {pk: i for i, (pk, _) in enumerate(keys)}
    page.object_list = sorted(load(paginator.object_list.filter(pk__in=order)), key=lambda row: order[row.pk])
    return page


def valid_list_request(request, filterset):
    """Whether the filters and ?page= are valid. A bad page number becomes a form error, shown as the filters' are.

    Django's paginator takes any page number, but a search's page is read
    with an OFFSET in the database: on PostgreSQL, page 99999999999999999999999
    does not fit its integer, a 500.
    """
    valid = filterset.is_valid()
    number = request.GET.get("page", "")
    if number and page_number(number) is None:
        filterset.form.add_error(None, f"Page must be a whole number from 1 to {MAX_PAGE:,}.")
        return False
    return valid


def list_status(valid):
    """A list page with errors in its filters is still a page, but answers 400, as its exports do."""
    return 200 if valid else 400


def filtered(filterset):
    """Whether any filter narrows the rows (a sort alone does not)."""
    return any(value not in (None, "", []) for name, value in filterset.form.cleaned_data.items() if name != "sort")


def statement_total():
    """All statements, from the per-actor counts plus the unattributed ones.

    COUNT(*) over a million statements takes tens of milliseconds; this reads
    5,000 stored counts and an index range of statements without a speaker.
    """
    attributed = Actor.objects.aggregate(n=Sum("statement_count"))["n"] or 0
    return attributed + Statement.objects.filter(speaker__isnull=True).count()


def other_format(request, filterset, export, feed):
    """The list as CSV, JSON or an Atom feed, when ?format= asks for one; None for the HTML page."""
    fmt = request.GET.get("format")
    if not fmt:
        return None
    if fmt not in (*exports.FORMATS, "atom"):
        return exports.unknown_format(fmt)
    if not filterset.is_valid():
        return exports.invalid_filters(filterset)
    if fmt == "atom":
        return feed(request, filterset=filterset)
    return exports.stream(request, filterset.qs, export, fmt)


def list_context(request, filterset, rows, section, count=None, load=None):
    """What every list page shows: the filter form, the page of rows, the page sizes, the section."""
    return {
        "filterset": filterset,
        "form": filterset.form,
        "page": page_of(request, rows, count, load),
        "page_sizes": PAGE_SIZES,
        "section": section,
    }


@login_required
def desk(request):
    every = request.GET.get("every")
    measure = "statements" if request.GET.get("measure") == "statements" else "articles"
    dates = Article.objects.published().aggregate(first=Min("published"), last=Max("published"))
    counts = {
        "articles": Article.objects.count(),
        "undated": Article.objects.undated().count(),
        "statements": statement_total(),
        "actors": Actor.objects.count(),
        "sources": Source.objects.count(),
    }

    ctx = {
        "section": "desk",
        "counts": counts,
        "latest": Article.objects.newest_first().for_list()[:8],
        "most_quoted": Actor.objects.filter(statement_count__gt=0).order_by(
            "-statement_count", "-article_count", "name"
        )[:10],
        "measure": measure,
        "timeline": None,
    }
    if dates["first"]:
        timeline = Timeline.spanning(
            dates["first"].date(), dates["last"].date(), every if every in (DAY, WEEK) else None
        )
        state = desk_state(counts)
        ctx["timeline"] = coverage_timeline(timeline, measure, state)
        ctx["chart_key"] = f"{measure}:{timeline.every}:{timeline.periods[0]}:{state}"
        ctx["chart_seconds"] = DESK_CACHE_SECONDS
    return render(request, "articles/desk.html", ctx)


def coverage_state():
    """A key for what cached coverage figures were counted from.

    Ingest and the admin save every article they write (`updated`); analysts'
    topic edits on statements bump DESK_VERSION (articles.models). Deletions
    change counts, which the callers add to their keys.
    """
    latest = Article.objects.aggregate(latest=Max("updated"))["latest"]
    return f"{latest.isoformat() if latest else ''}:{cache.get(DESK_VERSION, 0)}"


def desk_state(counts):
    """coverage_state() and the desk's counts, which change when articles or statements go."""
    return f"{counts['articles']}:{counts['statements']}:{coverage_state()}"


def period_counts(rows, date_field, every):
    """{period start: count} of `rows` by the day or week (Monday) of `date_field`."""
    trunc = TruncDate(date_field) if every == DAY else TruncWeek(date_field, output_field=DateField())
    counted = rows.annotate(period=trunc).values("period").annotate(n=Count("pk")).order_by()
    return {row["period"]: row["n"] for row in counted}


def coverage_timeline(timeline, measure, state):
    """`timeline` filled with articles (or statements) per period: one line for all, one per topic.

    The counts group every article or statement, so they are cached under `state` (see desk_state).
    """
    since = timezone.make_aware(datetime.combine(timeline.periods[0], time.min))
    key = f"desk-timeline:{measure}:{timeline.every}:{since.isoformat()}:{state}"
    all_rows, per_topic = cache.get_or_set(
        key, lambda: coverage_counts(since, timeline.every, measure), DESK_CACHE_SECONDS
    )
    list_url = reverse("articles:statements") if measure == "statements" else reverse("articles:list")
    timeline.add(f"All {measure}", all_rows, dashed=True)
    for topic in Topic.objects.order_by("name"):
        timeline.add(topic.name, per_topic.get(topic.pk, {}), url=f"{list_url}?topic={topic.slug}")
    return timeline


def coverage_counts(since, every, measure):
    """({period: count} of all articles or statements, {topic id: {period: count}}) since `since`."""
    if measure == "statements":
        rows, date_field = Statement.objects.all(), "published"
        links = StatementTopic.objects.filter(statement__published__gte=since)
        linked_date, linked = "statement__published", "statement_id"
    else:
        rows, date_field = Article.objects.all(), "published"
        links = ArticleTopic.objects.filter(article__published__gte=since)
        linked_date, linked = "article__published", "article_id"
    rows = rows.filter(**{f"{date_field}__gte": since})

    trunc = TruncDate(linked_date) if every == DAY else TruncWeek(linked_date, output_field=DateField())
    per_topic = {}
    for row in links.annotate(period=trunc).values("topic_id", "period").annotate(n=Count(linked)).order_by():
        per_topic.setdefault(row["topic_id"], {})[row["period"]] = row["n"]
    return period_counts(rows, date_field, every), per_topic


@login_required
def article_list(request):
    filterset = ArticleFilter(request.GET, queryset=Article.objects.newest_first())
    if response := other_format(request, filterset, exports.ArticleExport, feeds.ArticleFeed()):
        return response

    valid = valid_list_request(request, filterset)
    rows = filterset.qs if valid else Article.objects.none()
    ctx = list_context(request, filterset, rows, "articles", load=ArticleQuerySet.for_list)
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
        "mentions": Mention.objects.filter(article=article).select_related("actor").order_by("-count", "actor__name"),
        "statements": statements,
        "spans": spans,
        "unplaced": unplaced,
    }
    return render(request, "articles/article_detail.html", ctx)


@login_required
def statement_list(request):
    filterset = StatementFilter(request.GET, queryset=Statement.objects.newest_first())
    if response := other_format(request, filterset, exports.StatementExport, feeds.StatementFeed()):
        return response

    valid = valid_list_request(request, filterset)
    rows = filterset.qs if valid else Statement.objects.none()
    count = statement_total() if valid and not filtered(filterset) else None
    ctx = list_context(request, filterset, rows, "statements", count, load=StatementQuerySet.for_list)
    return render(request, "articles/statement_list.html", ctx, status=list_status(valid))
