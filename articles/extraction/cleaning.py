"""Characters no page field should hold, taken out of a stripped page before it is analysed.

Control characters (C0 but tab and line breaks, DEL, C1) and explicit
direction controls (embeddings, overrides and isolates, U+202A-U+202E and
U+2066-U+2069) come from entities such as `&#x1b;`, mis-decoded bytes, or
someone's intent: they break what shows or sends the text (an Atom feed
cannot hold most of them, a terminal runs escape sequences, PostgreSQL
refuses NUL) or make a title read backwards around a right-to-left override.
Cleaning runs before the analysis, so actors' names and statements come
from the clean body and their offsets fit it. Direction marks (LRM, RLM)
stay: real right-to-left text uses them and they reorder nothing around them.
"""

import re

# Also lone surrogates and the two non-characters XML refuses.
_NEVER = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_UNWANTED = re.compile(f"[{_NEVER}]+")
# In a one-line field, tabs, line breaks and runs of spaces are one space.
_LINE_SPACE = re.compile(r"[ \t\n\r]+")


def clean_text(text):
    """A body: unwanted characters removed, tabs and line breaks kept."""
    return _UNWANTED.sub("", text)


def clean_line(text):
    """A one-line field (title, outlet, author...): unwanted characters removed, line breaks as spaces."""
    if text is None:
        return None
    return _LINE_SPACE.sub(" ", _UNWANTED.sub("", text)).strip()


def clean_page(page):
    """Clean the stripped page's text fields in place; returns the page."""
    page.body = clean_text(page.body or "")
    for name in ("title", "source", "author", "url", "language"):
        setattr(page, name, clean_line(getattr(page, name)))
    return page
