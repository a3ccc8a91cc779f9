"""What counts as page furniture rather than article text, by tag and by hint.

The hints are the words web developers put in class and id attributes the
world over (sidebar, comment, share, related, promo...), in the spirit of
Readability.js; none belongs to a particular site.
"""

import re

from . import furniture
from .dates import find_date
from .html_tree import tag_set

# Never text a reader sees as part of an article. (Inputs and embedded frames
# stay until the article is chosen: how many a block holds says it is a widget.)
JUNK_TAGS = tag_set(
    "script style noscript template svg canvas video audio source track map button select option "
    "textarea label dialog menu head meta link title"
)
# Page structure around the article: dropped unless it evidently holds the article
# (some sites wrap everything in a <form> or a <header>).
SHELL_TAGS = tag_set("nav aside footer header form")
HEADINGS = tag_set("h1 h2 h3 h4 h5 h6")

# Elements that break a paragraph: a div holding none of these reads as a paragraph.
BLOCK_TAGS = tag_set(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul"
)
DIV_LIKE = tag_set("div section article main center")

UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumb|combx|comment|community|cookie|consent|cover-wrap|disqus|extra|footer|"
    r"gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|"
    r"supplemental|ad-break|agegate|pagination|pager|popup|newsletter|outbrain|taboola|most-popular|yom-remote"
)
MAYBE_CONTENT = re.compile(r"article|body|column|content|main|mathjax|shadow|story|entry")

POSITIVE = re.compile(r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story")
NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|"
    r"outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|"
    r"newsletter|subscribe|recommend|popular|teaser"
)

# Inside the article: short blocks with these hints are captions, credits,
# bylines, share bars, tag lists and teasers, not text.
ARTICLE_FURNITURE = re.compile(
    r"caption|credit|byline|dateline|author|writtenby|p-author|share|sharing|social|related|"
    r"read-?more|more-?stories|recommend|newsletter|subscribe|signup|promo|sponsor|advert|"
    r"(?:^|[\s_-])ads?(?:$|[\s_-])|tags|tag-?list|keywords|topics|timestamp|published|updated|meta(?:$|[\s_-])|"
    r"toolbar|print|comments?(?:$|[\s_-])|breadcrumb|skip|visually-?hidden|sr-only|screen-?reader"
)

# Classes that hide an element from sighted readers (but not "hidden-xs" and
# other responsive helpers, which only hide it on some screens).
HIDDEN_CLASSES = tag_set(
    "hidden hide is-hidden visually-hidden visuallyhidden sr-only screen-reader-text screenreader-only "
    "offscreen element-invisible"
)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
ROLES_NOT_CONTENT = tag_set("menu menubar complementary navigation alert alertdialog dialog banner contentinfo search")


def is_hidden(el):
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    if style and HIDDEN_STYLE.search(style.lower()):
        return True
    cls = el.get("class")
    return bool(cls) and not HIDDEN_CLASSES.isdisjoint(cls.lower().split())


def class_weight(hints):
    """Readability's class/id weight: +25 for content words, -25 for furniture words."""
    if not hints:
        return 0
    weight = 0
    if NEGATIVE.search(hints):
        weight -= 25
    if POSITIVE.search(hints):
        weight += 25
    return weight


def looks_unlikely(hints):
    return bool(hints) and bool(UNLIKELY.search(hints)) and not MAYBE_CONTENT.search(hints)


# Whole paragraphs that are page furniture wherever they appear: ad labels,
# wire credits, calls to share or subscribe.
FURNITURE_LINE = re.compile(
    r"^(?:advertisement|advertisements|advert|sponsored(?: content)?|anzeige|werbung|publicité|publicidad|"
    r"pubblicità|reklama|реклама|story continues below(?: advertisement)?|continue reading below|"
    r"scroll to continue(?: with content)?|share this(?: article| story)?:?|share on \w+|read more:?|related:?|"
    r"related articles:?|more on this story:?)$",
    re.IGNORECASE,
)
CREDIT_LINE = re.compile(
    r"^[(\[]?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|translated)\s+(?:by|from)\b", re.IGNORECASE
)
BYLINE_LINE = re.compile(r"^(?:by|par|von|por|door|di|av|af)\s+\w", re.IGNORECASE)
# What a dateline says besides the date: "Published on Monday 14 March 2025, 09:30 CET".
DATE_WORDS = tag_set(
    "published updated posted last modified first on at am pm the of le la el de del am um publié mis à jour "
    "veröffentlicht aktualisiert actualizado publicado pubblicato aggiornato monday tuesday wednesday "
    "thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag "
    "mittwoch donnerstag freitag samstag sonntag"
)


# Lexicon entries are labels and one-line notes; a paragraph of the story is longer.
MAX_LEXICON_WORDS = 30


def is_furniture_line(text, title=None, author=None):
    """True for a paragraph that repeats the title, byline or date, or is an ad label or credit."""
    folded = text.casefold()
    if title and folded == " ".join(title.split()).casefold():
        return True
    if len(text) > 200:
        return False
    if FURNITURE_LINE.match(text.strip(" .…:|")) or CREDIT_LINE.match(text):
        return True
    # The words sites put around a story, set into it: "Read also: ...", "This audio is created with AI",
    # "Reproduction without permission is prohibited." (the lexicon the text dumps use).
    # Labels such as "Comments" or "Response" may head a section of the chosen article; preformatted
    # lines (indented) are code.
    if len(text.split()) <= MAX_LEXICON_WORDS and not text[:1].isspace() and furniture.classify(text) == furniture.DROP:
        return True
    if author and author.casefold() in folded and (BYLINE_LINE.match(text) or len(text) < len(author) + 40):
        return True
    found = find_date(text) if len(text) < 80 else None
    if found is None:
        return False
    rest = re.findall(r"\w+", text[: found.start] + " " + text[found.end :])
    return all(word.casefold() in DATE_WORDS or (word.isupper() and len(word) <= 4) for word in rest)
