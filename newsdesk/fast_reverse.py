"""reverse() for URLs with one argument, reversed once per URL name instead of once per call.

A list page links every row's actors, article and remark: 100 to 200 calls to
Django's reverse(), each matching its pattern's candidates again, were a fifth
of the page's CPU time. The URL of one name differs only in its argument, so
the name is reversed once with a marker argument and the marker's place is
remembered; each call then fills in its argument, quoted as reverse() quotes it.
"""

from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS, escape_leading_slashes

# Digits: a valid value for the int, slug and str converters alike.
MARKER = "918273645546372819"
# What reverse() leaves unquoted in a path (django.urls.resolvers).
SAFE = RFC3986_SUBDELIMS + "/~:@"


def reverse_one(name, arg):
    """reverse(name, args=[arg]) for a URL pattern with one argument, without matching the pattern again."""
    before, after = _around_marker(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    if before is None:
        return reverse(name, args=[arg])
    return escape_leading_slashes(f"{before}{quote(str(arg), safe=SAFE)}{after}")


@lru_cache(maxsize=256)
def _around_marker(name, urlconf, script_prefix):
    """The URL of `name` before and after its argument; (None, None) when the marker does not stand out once."""
    url = reverse(name, args=[MARKER], urlconf=urlconf)
    if url.count(MARKER) != 1:
        return None, None
    before, _, after = url.partition(MARKER)
    return before, after
