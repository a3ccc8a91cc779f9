"""The list pages' feed links: the logged-in user's key URL, with the page's current filters."""

from django import template

from articles.listing import FEEDS, feed_path
from articles.models import FeedToken

register = template.Library()

NOT_FILTERS = ("format", "page", "per_page")


@register.simple_tag(takes_context=True)
def feed_url(context):
    """This list's feed for a feed reader, which cannot log in; ?format=atom where there is no key URL."""
    request = context["request"]
    params = request.GET.copy()
    for name in NOT_FILTERS:
        params.pop(name, None)
    section = context.get("section")
    if section not in FEEDS or not request.user.is_authenticated:
        params["format"] = "atom"
        return f"?{params.urlencode()}"
    return feed_path(_key(request), section, params)


def _key(request):
    # A list page links its feed twice (head and export links): one query, not two.
    if not hasattr(request, "_feed_key"):
        request._feed_key = FeedToken.objects.for_user(request.user).key
    return request._feed_key
