"""Page text full of markup comes out of every analyst page escaped, never as live tags.

The pages in tests/hostile.py are ingested for real; each page that shows
their content is fetched through the test client and read as raw HTML (or
XML for the feeds). tests/browser/test_hostile_page.py opens the same pages
in Chromium.
"""

from xml.etree import ElementTree

import pytest
from django.db import connection
from django.urls import reverse
from django.utils.html import escape

from .hostile import ALERT, IMG, ROLE, SCRIPT, SEARCH_WORD, SPEAKER, SVG

ATOM = "{http://www.w3.org/2005/Atom}"

# What would be live markup if any payload reached the page unescaped. Our
# own templates never write these.
LIVE = [
    "<script>window",
    "<img src=x",
    "<svg onload",
    "<iframe",
    "<body onload",
    'href="javascript:',
    "href='javascript:",
    'src="javascript:',
]


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_inert(html, *shown):
    """No payload is live in `html`, and each of `shown` is in it as escaped text."""
    for live in LIVE:
        assert live not in html
    for text in shown:
        assert escape(text) in html


def test_the_payloads_reached_the_database_as_text(hostile):
    # Otherwise the tests below would prove nothing: the extractor kept every payload as characters.
    html_article, text_article = hostile["html"], hostile["text"]
    assert SCRIPT in html_article.title and SCRIPT in text_article.title
    assert IMG in html_article.source.name
    assert SVG in html_article.author and SVG in text_article.source.name
    assert SCRIPT in html_article.body and SVG in text_article.body
    assert hostile["halvorsen"].role == ROLE
    quotes = "\n".join(html_article.statements.values_list("text", flat=True))
    assert IMG in quotes and ALERT in quotes and SVG in quotes
    # The javascript: canonical URL was refused, so no "Original" link can carry it.
    assert html_article.url == ""


def test_the_desk_escapes_titles_outlets_and_speakers(analyst_client, hostile):
    html = html_of(analyst_client, reverse("articles:desk"))

    assert_inert(html, hostile["html"].title, hostile["text"].title)


def test_the_article_list_escapes_titles_and_outlets(analyst_client, hostile):
    html = html_of(analyst_client, reverse("articles:list"))

    assert_inert(html, hostile["html"].title, hostile["text"].title, hostile["html"].source.name)


def test_the_article_search_escapes_the_snippet(analyst_client, hostile):
    html = html_of(analyst_client, reverse("articles:list") + f"?q={SEARCH_WORD}")

    assert_inert(html, hostile["html"].title)
    if connection.vendor == "postgresql":
        # The snippet around the match carries a payload next to our <mark>
        # (ts_headline drops what it parses as tags, but not all of them).
        snippets = [s.split("</p>", 1)[0] for s in html.split('class="snippet"')[1:]]
        assert snippets and all(f"<mark>{SEARCH_WORD}</mark>" in s for s in snippets)
        assert any(escape(ALERT) in s for s in snippets)


def test_the_article_search_escapes_a_payload_it_matches(analyst_client, hostile):
    # The query itself is the payload: the search box, active filter chip and snippet echo it.
    html = html_of(analyst_client, reverse("articles:list") + "?q=" + "onerror")

    assert_inert(html, hostile["html"].title)


@pytest.mark.parametrize("which", ["html", "text"])
def test_the_article_page_escapes_every_field(analyst_client, hostile, which):
    article = hostile[which]
    html = html_of(analyst_client, article.get_absolute_url())

    shown = [article.title, article.source.name, *article.statements.values_list("text", flat=True)]
    if article.author:
        shown.append(article.author)
    assert_inert(html, *shown)
    if which == "html":
        # The corrected speaker's name, in the quote's credit and its title attribute.
        assert html.count(escape(SPEAKER)) >= 3


def test_the_statement_list_escapes_quotes_and_speakers(analyst_client, hostile):
    html = html_of(analyst_client, reverse("articles:statements"))

    assert_inert(html, SPEAKER, *hostile["html"].statements.values_list("text", flat=True))


def test_the_statement_search_escapes_the_snippet(analyst_client, hostile):
    html = html_of(analyst_client, reverse("articles:statements") + f"?q={SEARCH_WORD}")

    halvorsen = hostile["html"].statements.get(speaker=hostile["halvorsen"])
    if connection.vendor == "postgresql":
        # The snippet is the whole statement with the match marked.
        assert f"<mark>{SEARCH_WORD}</mark>" in html
        assert escape(ALERT) in html
    else:
        assert escape(halvorsen.text) in html
    assert_inert(html)


def test_the_actor_list_escapes_names_and_roles(analyst_client, hostile):
    html = html_of(analyst_client, reverse("actors:list"))

    assert_inert(html, SPEAKER, ROLE)


@pytest.mark.parametrize("actor", ["speaker", "halvorsen"])
def test_the_actor_page_escapes_names_roles_and_quotes(analyst_client, hostile, actor):
    actor = hostile[actor]
    html = html_of(analyst_client, actor.get_absolute_url())

    assert_inert(html, actor.name, *actor.statements.values_list("text", flat=True))
    if actor.role:
        assert escape(actor.role) in html


@pytest.mark.parametrize("path", ["articles:list", "articles:statements", "actors:list"])
def test_the_feeds_keep_payloads_as_text(analyst_client, hostile, path):
    response = analyst_client.get(reverse(path), {"format": "atom"})
    xml = response.content.decode()
    root = ElementTree.fromstring(response.content)

    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    summaries = [e.find(f"{ATOM}summary").text for e in root.findall(f"{ATOM}entry")]
    # Titles are Atom text: the reader shows them as they are, so the payload is kept literally.
    assert any(SCRIPT in t or SPEAKER in t or IMG in t for t in titles)
    # Summaries are Atom HTML: once the XML is read they must still be escaped HTML.
    for summary in summaries:
        assert "<" not in summary
    assert any(escape(SCRIPT) in s or escape(ROLE) in s or escape(IMG) in s for s in summaries)
    # And in the XML itself nothing is a tag of ours.
    for live in LIVE:
        assert live not in xml


def test_the_admin_article_page_escapes_every_field(admin_client, hostile):
    article = hostile["html"]
    html = html_of(admin_client, reverse("admin:articles_article_change", args=[article.pk]))

    assert_inert(html, article.title, article.author, article.source.name)


def test_the_admin_statement_pages_escape_quote_and_speaker(admin_client, hostile):
    statement = hostile["statement"]
    change = html_of(admin_client, reverse("admin:articles_statement_change", args=[statement.pk]))
    changelist = html_of(admin_client, reverse("admin:articles_statement_changelist"))

    # The article is shown by its title, cut to 60 characters: the script payload fits in them.
    assert_inert(change, statement.text, SPEAKER, SCRIPT)
    assert_inert(changelist, SPEAKER)
