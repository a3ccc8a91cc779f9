"""Feeds for feed readers, at /feeds/<key>/<list>/, and the page that shows and revokes the key.

A feed reader cannot log in, so the key in the URL stands in for the session:
a known key of an active user gets exactly what the list's ?format=atom gives
a logged-in analyst, with the same filter validation. Anything else is a 404,
not a redirect to the login page, which a feed reader could not use anyway.

The key is as good as a password for reading feeds, so it stays out of the
logs: refusals are logged with the URL pattern instead of the path, which also
keeps Django's request logger from logging the path a second time. Responses
are private (no shared cache may keep them) and not for search engines.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import router
from django.http import HttpResponseNotAllowed, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.log import log_response
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import exports
from .listing import FEEDS, feed_path
from .models import FeedToken


def key_feed(request, key, name):
    if request.method not in ("GET", "HEAD"):
        response = _refused(request, HttpResponseNotAllowed(["GET", "HEAD"]), "Method Not Allowed")
    elif name not in FEEDS or not _user_for_key(key):
        response = _refused(request, HttpResponseNotFound("No feed here.", content_type="text/plain"), "Not Found")
    else:
        feed = FEEDS[name]
        filterset = feed.filterset_class(request.GET, queryset=feed.rows())
        if filterset.is_valid():
            response = feed.feed_class()(request, filterset=filterset, list_path=reverse(feed.list_url_name))
        else:
            response = _refused(request, exports.invalid_filters(filterset), "Bad Request")
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def _user_for_key(key):
    # Read from the primary even on a GET: a replica that lags would go on
    # serving a key the user has just revoked.
    return FeedToken.objects.using(router.db_for_write(FeedToken)).user_for_key(key)


def _refused(request, response, reason):
    """`response`, logged with the URL pattern rather than the path, which holds the key."""
    log_response("%s: /%s", reason, request.resolver_match.route, response=response, request=request)
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_feeds(request):
    token = FeedToken.objects.for_user(request.user)
    if request.method == "POST":
        token.regenerate()
        messages.success(
            request, "You have a new feed key. The old feed URLs no longer work: give your feed reader the new ones."
        )
        return redirect("articles:account-feeds")

    ctx = {
        "section": "account",
        "feeds": [(feed.title, request.build_absolute_uri(feed_path(token.key, name))) for name, feed in FEEDS.items()],
        "created": token.created,
        "previous_key": token.previous_key_hash is not None,
    }
    return render(request, "accounts/feeds.html", ctx)
