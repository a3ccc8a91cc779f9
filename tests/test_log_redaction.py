"""Feed keys never reach the log: Django logs the path of a 404 as it came."""

import io
import logging

import pytest

from newsdesk.logfilters import RedactFeedKeys

KEY = "s3cr3t-Key_value"


@pytest.mark.parametrize(
    ("msg", "args", "logged"),
    [
        ("Not Found: %s", (f"/feeds/{KEY}/articles/x/",), "Not Found: /feeds/<key>/articles/x/"),
        (
            '"GET /feeds/%s/statements/?topic=summit HTTP/1.1" 404',
            (KEY,),
            '"GET /feeds/<key>/statements/?topic=summit HTTP/1.1" 404',
        ),
        ("Not Found: %s", ("/articles/",), "Not Found: /articles/"),
        ("Not Found: %s", (f"/feeds//{KEY}/articles/",), "Not Found: /feeds//<key>/articles/"),
        ("Not Found: %s", (f"/feeds///{KEY}",), "Not Found: /feeds///<key>"),
        ("Not Found: %s", (f"/feeds/./{KEY}/articles/",), "Not Found: /feeds/./<key>/articles/"),
        ("Not Found: %s", (f"/feeds/../{KEY}/",), "Not Found: /feeds/../<key>/"),
    ],
)
def test_the_filter_hides_the_key_in_feed_paths(msg, args, logged):
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, msg, args, None)

    assert RedactFeedKeys().filter(record) is True
    assert record.getMessage() == logged
    assert KEY not in record.getMessage()


@pytest.mark.parametrize("path", [f"/feeds/{KEY}/articles/not/a/feed/", f"/feeds//{KEY}/articles/"])
def test_the_console_handler_writes_404s_of_feed_urls_without_the_key(client, db, path):
    handler = next(h for h in logging.getLogger().handlers if any(isinstance(f, RedactFeedKeys) for f in h.filters))
    out = io.StringIO()
    stream = handler.setStream(out)
    try:
        client.get(path)
    finally:
        handler.setStream(stream)

    assert f"Not Found: {path.replace(KEY, '<key>')}" in out.getvalue()
    assert KEY not in out.getvalue()
