"""Saved searches: a list's filters under a name, their new matches, their feeds and the e-mail digest.

A saved search is read through the list's own FilterSet and base rows
(articles.listing.FEEDS), so it matches exactly what the list page shows.
"New" is what entered Newsdesk after a moment: articles by their ingest time,
statements by their article's, actors by their creation.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

import newsdesk.celery  # noqa: F401 (binds `shared_task` to the app: see newsdesk/__init__.py)

from .listing import FEEDS, feed_path
from .models import FeedToken, SavedSearch

logger = logging.getLogger(__name__)

# When each list's rows came in.
ARRIVED = {"articles": "ingested", "statements": "arrived", "actors": "created"}
NOT_FILTERS = ("format", "page", "per_page")
PERIODS = {SavedSearch.Digest.DAILY: timedelta(days=1), SavedSearch.Digest.WEEKLY: timedelta(days=7)}
# A run started a little early (beat, cron) still sends what is nearly due.
SLACK = timedelta(hours=1)
DIGEST_ROWS = 10


class SearchError(ValueError):
    """Why a search cannot be saved, in words for the analyst."""


def filters_of(params):
    """The filters of a list's query string (a QueryDict), without paging and format, as a query string."""
    params = params.copy()
    for name in NOT_FILTERS:
        params.pop(name, None)
    return params.urlencode()


def save_search(user, list_name, params, name, digest=""):
    """Save the filters in `params` (a QueryDict) of the list `list_name` as `name`; SearchError says why not."""
    name = (name or "").strip()
    if list_name not in FEEDS:
        raise SearchError("Only the article, statement and actor lists can be saved.")
    if not name:
        raise SearchError("Give the search a name.")
    if len(name) > SavedSearch._meta.get_field("name").max_length:
        raise SearchError("A name of at most 100 characters, please.")
    if digest not in SavedSearch.Digest.values:
        raise SearchError("Choose no e-mail, daily or weekly.")
    feed = FEEDS[list_name]
    filterset = feed.filterset_class(QueryDict(filters_of(params)), queryset=feed.rows())
    if not filterset.is_valid():
        raise SearchError("Correct the filters before saving them.")
    query = by_slug(filterset)
    if len(query) > SavedSearch._meta.get_field("query").max_length:
        raise SearchError("These filters are too long to save.")
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(user=user, name=name, list_name=list_name, query=query, digest=digest)
    except IntegrityError:
        raise SearchError(f"You already have a search called “{name}”.") from None


def by_slug(filterset):
    """The filters' query string with typed actor names as the slugs they stood for when saved.

    "Rutte" finds one actor today; another Rutte tomorrow would make it
    ambiguous, and the saved search would stop matching.
    """
    params = filterset.data.copy()
    for name, field in filterset.form.fields.items():
        chosen = filterset.form.cleaned_data.get(name)
        if getattr(field, "find", None) and chosen:
            params.setlist(name, [row.slug for row in chosen])
    return params.urlencode()


def matches(search):
    """The rows the saved search's list shows now; None when its filters no longer validate (an actor deleted)."""
    feed = FEEDS[search.list_name]
    filterset = feed.filterset_class(QueryDict(search.query), queryset=feed.rows())
    return filterset.qs if filterset.is_valid() else None


def new_since(search, moment):
    """The matches that came in after `moment`; None when the filters no longer validate."""
    rows = matches(search)
    return None if rows is None else rows.filter(**{f"{ARRIVED[search.list_name]}__gt": moment})


def list_url(search):
    path = reverse(FEEDS[search.list_name].list_url_name)
    return f"{path}?{search.query}" if search.query else path


@dataclass
class DeskSearch:
    search: SavedSearch
    new: int | None
    feed: str


def for_desk(user, build_uri):
    """The user's saved searches with the number of new matches since each was last opened and its feed URL.

    One count per search: an analyst keeps a handful. `build_uri` makes the feed URL absolute.
    """
    searches = list(SavedSearch.objects.filter(user=user))
    if not searches:
        return []
    key = FeedToken.objects.for_user(user).key
    rows = []
    for search in searches:
        new = new_since(search, search.last_seen)
        feed = build_uri(feed_path(key, search.list_name, QueryDict(search.query)))
        rows.append(DeskSearch(search, None if new is None else new.count(), feed))
    return rows


def mark_seen(search, moment=None):
    search.last_seen = moment or timezone.now()
    search.save(update_fields=["last_seen"])


# --- The digest ---------------------------------------------------------------


def due(frequency, now):
    """Saved searches with a `frequency` digest whose last one went out a period ago or more (or never)."""
    latest = now - PERIODS[frequency] + SLACK
    searches = SavedSearch.objects.filter(digest=frequency, user__is_active=True).exclude(user__email="")
    return searches.filter(last_sent__isnull=True) | searches.filter(last_sent__lte=latest)


def send_digests(frequency, now=None, base_url=None):
    """E-mail each user one digest of their `frequency` saved searches with new matches; returns (mails, searches).

    A search's new matches are those since its last digest (or since it was
    saved). A search with nothing new is marked sent but not mailed; a user
    with nothing new in any gets no mail. A mail that fails is logged and its
    searches stay due for the next run.
    """
    now = now or timezone.now()
    base_url = settings.SITE_URL if base_url is None else base_url
    by_user = {}
    for search in due(frequency, now).select_related("user").order_by("user_id", "name"):
        by_user.setdefault(search.user, []).append(search)
    mails = sent = 0
    for user, searches in by_user.items():
        sections = []
        for search in searches:
            new = new_since(search, search.last_sent or search.created)
            if new is None:
                continue
            total = new.count()
            if total:
                sections.append(
                    {"search": search, "total": total, "rows": list(new[:DIGEST_ROWS]), "url": list_url(search)}
                )
        if sections:
            ctx = {"user": user, "sections": sections, "frequency": frequency, "base_url": base_url.rstrip("/")}
            try:
                send_mail(
                    subject=f"Newsdesk: new in {len(sections)} of your saved searches",
                    message=render_to_string("articles/digest_email.txt", ctx),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[user.email],
                )
            except Exception:
                logger.exception("The %s digest to user %s could not be sent", frequency, user.pk)
                continue
            mails += 1
        SavedSearch.objects.filter(pk__in=[s.pk for s in searches]).update(last_sent=now)
        sent += len(searches)
    return mails, sent


@shared_task(name="articles.send_digests")
def send_digests_task():
    """Celery beat runs this once a day (CELERY_BEAT_SCHEDULE): the daily digests, and the weekly ones a week old."""
    for frequency in PERIODS:
        mails, searches = send_digests(frequency)
        logger.info("%s digests: %d e-mails for %d saved searches", frequency, mails, searches)
