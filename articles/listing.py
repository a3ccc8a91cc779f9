"""What every list page does around its FilterSet: paging, ranked pages, the list's context, other formats.

The list walk: a view (articles.views, actors.views, or a key feed in
articles.feed_views) takes its base rows from here, filters them with its
FilterSet (articles.filters), pages them here, and renders its template; or
answers ?format=csv, ?format=json or ?format=atom through other_format.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.urls import reverse

from actors.models import Actor

from . import exports, feeds, search
from .admin_lists import AtLeast
from .filters import ActorFilter, ArticleFilter, StatementFilter
from .models import Article, Statement

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25
# Beyond any list's last page; a larger ?page= is a mistake (or a probe), not a page.
MAX_PAGE = 1_000_000


def page_number(value):
    """`value` (a ?page=) as a page number from 1 to MAX_PAGE, else None."""
    if re.fullmatch(r"[1-9][0-9]{0,6}", value) and int(value) <= MAX_PAGE:
        return int(value)
    return None


# The lists' base rows, shared by the pages and their key feeds so both serve the same rows.


def article_rows():
    return Article.objects.newest_first()


def statement_rows():
    return Statement.objects.newest_first()


def actor_rows():
    """Actors, most quoted first; the counts are stored on each actor (see articles.storing)."""
    return Actor.objects.shown().order_by("-statement_count", "-article_count", "name")


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
    elif load is not None and "rank" in rows.query.annotations:
        return search_page(request, paginator, load)
    page = paginator.get_page(request.GET.get("page"))
    if load is not None:
        page.object_list = load(rows.filter(pk__in=page.object_list.values("pk")))
    return page


def search_page(request, paginator, load):
    """A page of a search's results (PostgreSQL), read from at most RANKED_MATCHES + 1 of its matches.

    Best match first, one query reads the rank of at most that many matches
    and Python orders them (search.first_ranked); in another order, one
    query counts them. A search with more matches counts as "more than
    RANKED_MATCHES" (AtLeast, as the admin's lists count) and, instead of
    best match first, is listed newest first (`page.by_date`): ranking or
    counting every match reads every match's stored vector (84,568
    statements: 41,000 heap blocks), where newest first walks the date
    index and stops at the page.
    """
    rows = paginator.object_list
    cap = search.RANKED_MATCHES
    best_first = search.first_ranked(rows, cap + 1) if search.ranked(rows) else None
    total = rows.order_by()[: cap + 1].count() if best_first is None else len(best_first)
    by_date = total > cap and search.ranked(rows)
    if by_date:
        paginator.object_list = rows.newest_first()
    paginator.count = AtLeast(cap) if total > cap else total
    page = paginator.get_page(request.GET.get("page"))  # past the last page: the last page, counted already
    page.by_date = by_date
    if best_first is None or total > cap:
        page.object_list = load(paginator.object_list.filter(pk__in=page.object_list.values("pk")))
    else:
        keys = best_first[page.start_index() - 1 : page.end_index()] if total else []
        order = {pk: i for i, pk in enumerate(keys)}
        page.object_list = sorted(load(rows.filter(pk__in=keys)), key=lambda row: order[row.pk]) if keys else []
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


@dataclass(frozen=True)
class KeyFeed:
    """What a list's key feed shares with the list view (FilterSet, rows, Feed), so both serve the same feed."""

    title: str
    filterset_class: type
    rows: Callable
    feed_class: type
    list_url_name: str


# The lists a feed reader can follow with a key URL (articles.feed_views); the
# querysets are built per request.
FEEDS = {
    "articles": KeyFeed("Articles", ArticleFilter, article_rows, feeds.ArticleFeed, "articles:list"),
    "statements": KeyFeed("Statements", StatementFilter, statement_rows, feeds.StatementFeed, "articles:statements"),
    "actors": KeyFeed("Actors", ActorFilter, actor_rows, feeds.ActorFeed, "actors:list"),
}


def feed_path(key, name, params=None):
    """One place for the key URLs the list pages and the feeds page hand out; `params` are the filters."""
    path = reverse("articles:feed", args=[key, name])
    return f"{path}?{params.urlencode()}" if params else path
