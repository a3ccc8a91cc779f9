"""Property: whatever bytes or text come in, extraction returns or refuses cleanly.

It never raises anything but ExtractionError, and the body holds only words
that were in the input: stripping may drop text, never invent it.
"""

import html
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.extraction import ExtractionError, extract
from articles.extraction.cleaning import clean_text
from articles.extraction.decoding import decode, maybe_gunzip
from articles.extraction.limits import MAX_PAGE_BYTES

WORD = re.compile(r"\w+")

html_fragments = st.lists(
    st.one_of(
        st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<article>", "<h1>", "<br>", "<script>", "</script>",
                         "<title>", "</title>", "\n\n", "&amp;", "&nbsp;", "<!--", "-->", "<![CDATA[", "]]>"]),
        st.text(max_size=80),
    ),
    max_size=40,
).map("".join)  # fmt: skip


def assert_extracts_or_refuses(data, name, source_text):
    try:
        page = extract(data, name=name)
    except ExtractionError as exc:
        assert str(exc)
        return
    source_words = {w.casefold() for w in WORD.findall(source_text)}
    # Markup that shows nothing joins the text around it, as in a browser: "0<![CDATA[<p>0" shows "00";
    # so do the control characters extraction takes out (articles.extraction.cleaning) and soft hyphens,
    # which only mark where a word may break. Only "<" before a letter, "/", "!" or "?" opens markup ("<0" is
    # text), and a text dump's "<A" is text too: both readings count.
    shown = re.sub(r"<[A-Za-z/!?][^>]*>?", "", source_text) + "\n" + source_text
    joined = clean_text(shown).replace("\xad", "").casefold()
    for word in WORD.findall(page.body):
        folded = word.casefold()
        assert folded in source_words or any(folded in s for s in source_words) or folded in joined, word


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000), st.sampled_from(["page.html", "page.txt", "page.htm", "page"]))
def test_arbitrary_bytes(data, name):
    try:
        text = decode(maybe_gunzip(data, MAX_PAGE_BYTES))[0]
    except ExtractionError:
        text = ""
    assert_extracts_or_refuses(data, name, html.unescape(text))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=3000))
@example("0\xad0")
@example("0\x00\x80")
@example("01\x000")
@example("<0\x800")  # "<0" is text, not a tag; the C1 control between the two zeros goes
@example("<A\x800")  # in a text dump "<A" is text too
def test_arbitrary_text_dump(text):
    assert_extracts_or_refuses(text.encode(), "page.txt", text)


@settings(max_examples=150, deadline=None)
@given(html_fragments)
@example("0<![CDATA[<p>0")  # a bogus comment between two texts: the browser shows "00"
@example("0<title>0")
@example("0\x800")  # a C1 control between two texts, taken out
@example("<0\x800")
def test_arbitrary_html(markup):
    assert_extracts_or_refuses(markup.encode(), "page.html", html.unescape(markup))
