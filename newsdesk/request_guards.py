"""Refusing query strings with control characters, before any view or database sees them.

No field of any page takes a control character, and they break what they
reach: PostgreSQL refuses a NUL in any string (a 500 wherever a value goes
into a query), and an Atom feed cannot hold most of them, so a filter value
echoed into a feed's title made Django refuse to write the feed. Tab, line
feed and carriage return are ordinary text and pass.
"""

import re

from django.http import HttpResponseBadRequest

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RefuseControlCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            if CONTROL.search(name) or any(CONTROL.search(value) for value in values):
                return HttpResponseBadRequest(
                    "The address holds a control character (such as %00) in its query string: remove it.",
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
