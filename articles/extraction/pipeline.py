"""The extraction pipeline: page bytes in, an ExtractedPage out.

Stripping picks the main text and the metadata (HTML or plain-text dump), then
the analysis steps find actors, statements and topics in the clean body only,
so page furniture never produces an actor or a quote.
"""

import re

from . import analysis
from .cleaning import clean_page
from .decoding import decode, maybe_gunzip
from .errors import ExtractionError
from .limits import MAX_PAGE_BYTES, MAX_SECONDS, time_limit

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
LOOKS_LIKE_HTML = re.compile(r"<(!doctype html|html|head|body|article|div|p)[\s>]", re.IGNORECASE)


def looks_like_html(name, text):
    stem = name.lower().removesuffix(".gz")
    if stem.endswith(HTML_SUFFIXES):
        return True
    if stem.endswith(".txt"):
        return False
    return bool(LOOKS_LIKE_HTML.search(text[:5000]))


def extract(data, name="", topic_rules=None, max_seconds=MAX_SECONDS):
    """Extract the article in `data` (bytes of a saved page, maybe gzipped).

    `name` is the file name; its suffix says whether the page is HTML or a text
    dump. `topic_rules` are the analysts' rules (see `topics.TopicRule`); the
    built-in defaults are used when none are given. Raises ExtractionError
    with a reason an analyst can read when the page cannot be used.
    """
    if len(data) > MAX_PAGE_BYTES:
        raise ExtractionError(f"page is larger than {MAX_PAGE_BYTES // (1024 * 1024)} MB")
    with time_limit(max_seconds):
        data = maybe_gunzip(data, MAX_PAGE_BYTES)
        if not data.strip():
            raise ExtractionError("the file is empty")
        text = decode(data)[0]
        if not text.strip():
            raise ExtractionError("the page has no text")
        # Each stripper is imported with its first page: a run of dumps needs no lxml, one of HTML
        # pages no dump lexicon (tens of milliseconds of start-up each).
        if looks_like_html(name, text):
            from . import html_page

            page = html_page.extract_html(text)
            page.format = "html"
        else:
            from . import text_dump

            page = text_dump.extract_text(text)
            page.format = "text"
        clean_page(page)
        if not page.body.strip():
            raise ExtractionError("no article text found on the page")
        analysis.analyse(page, topic_rules=topic_rules)
    return page
