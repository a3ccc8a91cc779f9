"""Small pages written inline for tests that need a page but not a particular layout."""

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Harbour Ledger</title>
<meta property="og:site_name" content="Harbour Ledger">
<link rel="canonical" href="https://harbour-ledger.example/{slug}">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/defence">Defence</a></nav>
<article>
<h1>{title}</h1>
<p>Foreign ministers of the alliance met in Tallinn on Thursday to weigh a new package of support
for Ukraine, and several of them said a ceasefire could only hold if it was backed by guarantees.</p>
<p>{sentence}</p>
<p>The meeting ended without a joint statement, but officials said work on the text would continue
ahead of the summit planned for the summer, where heads of government are expected to sign off.</p>
</article>
<footer>Copyright Harbour Ledger. All rights reserved.</footer>
</body></html>
"""


def article_html(title="Ministers weigh guarantees for a ceasefire", slug="ministers-weigh", sentence=None):
    sentence = sentence or (
        "Estonian Foreign Minister Kadri Lepp said the alliance had to keep up pressure on Moscow "
        "while talks went on, and that sanctions should stay in place until a settlement was signed."
    )
    return ARTICLE_HTML.format(title=title, slug=slug, sentence=sentence).encode()
