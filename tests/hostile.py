"""Pages whose every field carries markup, for the tests that check the analyst pages keep it inert.

Two pages written for these tests (an invented port strike, invented outlet
and people): an HTML page whose title, outlet, author, body, quotes and a
speaker's role hold payloads as text (HTML entities in the source, so the
extractor keeps them as characters), next to live hostile tags and
`javascript:` links the extractor should drop; and a text dump with the
payloads written raw. Both go through the real `ingest_file`.

The extractor finds names as capitalised words, so no page can give a
speaker a name made of markup; that payload comes in as an analyst's speaker
correction to an actor named with markup (as a staff member could type it in
the admin), which is also how it would reach the pages in real life.
"""

from html import escape as entities

from actors.models import Actor
from articles import ingest
from articles.models import Article, Statement

# Each payload sets a flag or opens a dialog if it ever runs. The text dump's
# `__` pairs can be read as emphasis and dropped, so a payload that ran could
# set either `window.__pwned` or `window.pwned`; the browser test checks both.
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
SVG = '"><svg onload=window.__pwned=1>'
ALERT = "<img src=x onerror=alert(1)>"
ROLE = "<svg onload=top[`__pwned`]=1> pilots' spokeswoman"
JS_LINK = "javascript:window.__pwned=1"
SPEAKER = '<img src=x onerror="window.__pwned=1"> Brenholt'

# Searching for this word matches both pages' bodies (and the quote of the
# text dump), next to a payload, so search snippets carry one.
SEARCH_WORD = "breakwater"

HTML_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Port strike {entities(SCRIPT)} spreads along the coast | Quayside Courier</title>
<meta property="og:site_name" content="Quayside {entities(IMG)} Courier">
<meta name="author" content="Ines {entities(SVG)} Marlow">
<meta property="article:published_time" content="2026-10-02">
<link rel="canonical" href="{JS_LINK}">
<meta property="og:url" content="{JS_LINK}">
<script>window.__pwned=1</script>
</head><body onload="window.__pwned=1">
<nav><a href="/">Home</a> <a href="{JS_LINK}">Ports</a> <a href="/shipping">Shipping</a></nav>
<article>
<h1>Port strike {entities(SCRIPT)} spreads along the coast</h1>
<p>Dock workers in the harbour town of Vellmar walked out on Monday, the third stoppage this autumn,
and union leaders said the strike would reach the ferry terminal beyond the breakwater {entities(SCRIPT)}
and two more ports by the weekend.</p>
<p>"Nobody unloads a ship until the contract is signed {entities(IMG)}," said union secretary
Tomas Brenholt, speaking outside the gates.</p>
<p>"We will not guide a single ship past the breakwater until there is an offer {entities(ALERT)}," said
Gerda Halvorsen, the {entities(ROLE)}.</p>
<p>Harbour master Lisbet Quandt said the port authority was ready to talk {entities(SVG)} but would
not reopen the pay deal.</p>
<p>The dispute began in August. <a href="{JS_LINK}">Read the union's demands</a>
<img src=x onerror="window.__pwned=1"> <svg onload="window.__pwned=1"></svg>
<iframe src="{JS_LINK}"></iframe> Details were posted at {JS_LINK} for members.</p>
</article>
<footer>Copyright Quayside Courier. All rights reserved.</footer>
</body></html>
"""

# A text dump keeps each paragraph on one long line, as a page saved from a browser does.
TEXT_PAGE = "\n".join(
    [
        f"Harbour pilots join the strike {SCRIPT}",
        "",
        f"Ines Marlow {SVG} | Quayside Courier - 3 October 2026",
        "",
        "Harbour pilots in Vellmar joined the dock workers' strike on Thursday, leaving six container ships"
        f" waiting at anchor outside the breakwater {SCRIPT} as talks stalled for a second day.",
        '"We will not guide a single ship in until the port authority puts an offer on the table'
        f" {IMG},\" said Gerda Halvorsen, the pilots' spokeswoman.",
        "The port authority said in a statement that it regretted the action and would publish its offer"
        f" at {JS_LINK} later in the week.",
        "Talks are due to resume on Monday, when a mediator appointed by the regional government is expected"
        f" to join both sides {SVG} at the table.",
        "Share this article",
        "Sign up for our newsletter",
        "",
    ]
)


def ingest_hostile_pages(folder):
    """Write both pages to `folder`, ingest them for real; returns (html article, text article).

    Afterwards one statement of the HTML page is credited to an actor named
    SPEAKER, as an analyst's speaker correction.
    """
    html_path, text_path = folder / "port-strike.html", folder / "pilots-join.txt"
    html_path.write_text(HTML_PAGE, encoding="utf-8")
    text_path.write_text(TEXT_PAGE, encoding="utf-8")
    articles = []
    for path in (html_path, text_path):
        result = ingest.ingest_file(path)
        assert result.outcome == ingest.STORED, result.reason
        articles.append(Article.objects.get(pk=result.article_id))
    html_article, text_article = articles
    named = Actor.objects.resolve(SPEAKER)
    Statement.objects.filter(article=html_article, text__contains="Nobody unloads").reassign_speaker_by_analyst(named)
    return html_article, text_article
