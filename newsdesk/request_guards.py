"""Refusing requests no page takes, before any view, form or database sees them.

Query strings with control characters:

No field of any page takes a control character, and they break what they
reach: PostgreSQL refuses a NUL in any string (a 500 wherever a value goes
into a query), and an Atom feed cannot hold most of them, so a filter value
echoed into a feed's title made Django refuse to write the feed. Tab, line
feed and carriage return are ordinary text and pass.
"""

import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest

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


class RefuseOversizedBodies:
    """A request body larger than settings.UPLOAD_REQUEST_MAX_BYTES is refused (413) from its Content-Length.

    Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not files: it streams
    them to temporary files, so one request could fill the disk before `/add/` sees
    how much came. The CSRF check reads the form, so this runs before it. A body
    without a Content-Length is not parsed by Django at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.UPLOAD_REQUEST_MAX_BYTES:
            limit = settings.UPLOAD_REQUEST_MAX_BYTES // (1024 * 1024)
            return HttpResponse(
                f"The request is {length // (1024 * 1024)} MB, more than the {limit} MB one request may send: "
                "send the pages in smaller batches, or as a zip.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
