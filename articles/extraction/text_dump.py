"""Main text and metadata of a plain-text page dump.

A dump is what a browser's "save as text" or a crawler leaves of a page: the
article's lines among menus, appeals, captions, teasers and footers, sometimes
twice. The stripper works on the shape of lines, not on known sites:

1. Each line gets a kind: prose (sentences), short (headings, menu items),
   meta (bylines, "Outlet - date"), or furniture from the lexicon in
   `furniture` (DROP lines are skipped, STOP labels end the article).
2. The article is the run of lines with the most prose, broken by STOP labels
   and by runs of menu-like short lines.
3. The title is the line before the byline, else a line the page repeats, else
   the headline-like line just before the first paragraph. The body starts
   after it (and after its byline).
4. In the body: repeated paragraphs are kept once; teaser cards (headline,
   blurb, credit line) and trailing short lines go; headings stay when a
   paragraph follows them.
"""

import functools
import re
import statistics
from dataclasses import dataclass, field
from datetime import date

from . import furniture, text_meta, text_outlet, text_rfc
from .dates import find_date, find_month_day, in_year_of, is_same_day, parse_date
from .page import ExtractedPage
from .text_language import guess_language

HEADER_DATE = re.compile(r"^\ufeff?\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*")
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
WORD = re.compile(r"[^\W\d_][\w'’.-]*")
TERMINAL = re.compile(r"[.!?…;:][\"'”’»)\]]*$|[.!?…][\"'”’»)\]]+\W*$")
BULLET = re.compile(r"^\s*(?:[-–—•*·▪►>+]|\d{1,2}[.)])\s+")
# Title lines do not end in a full stop, even inside a closing quote (but may end in ? or !, or an
# abbreviation such as "N.Y.C.").
NOT_TITLE_END = re.compile(r"(?<!\b[A-Z]\.[A-Z])[.;,:…][\"'”’»)\]]*$")

MD_MARKS = re.compile(r"[\[#*_]")
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|/)[^)]*\)")
MD_HEADING = re.compile(r"^#{1,6}\s+")
MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
URL_LINE = re.compile(r"^(?:(?:url|link|source|permalink|canonical)\s*:\s*)?<?(https?://\S+?)>?$", re.IGNORECASE)

NON_WORD = re.compile(r"\W+")
SPACES = re.compile(r"[ \t]+")

PROSE, SHORT, META, DROP, STOP = "prose", "short", "meta", "drop", "stop"

# Three short lines in a row ("Featured / World / More") are a menu, not a heading.
MENU_RUN = 3
# A title, like a headline, fits in a tweet-sized line; some outlets make whole sentences of it.
MAX_TITLE_CHARS = 350


@dataclass
class Line:
    text: str
    index: int
    blank_before: bool = False
    # Indented in the dump: a browser keeps leading spaces only for preformatted text (code, tables).
    indented: bool = False
    kind: str = SHORT
    meta: text_meta.LineMeta | None = None
    extras: dict = field(default_factory=dict)

    words: list = field(default_factory=list, init=False, repr=False)
    # The line compared with others (repeats, the headline's copies): case and punctuation aside.
    key: str = field(default="", init=False, repr=False)

    def __post_init__(self):
        self.set_text(self.text)

    def set_text(self, text):
        self.text = text
        self.words = WORD.findall(text)
        key = normalise_key(text)
        # "<head>" and "</head>" are two lines; "Home" and "HOME" one.
        self.key = key if len(key) >= 8 or not key else text.casefold()


def line_key(text):
    """The key a line of this text gets (as Line.set_text makes it)."""
    key = normalise_key(text)
    return key if len(key) >= 8 or not key else text.casefold()


def normalise_key(text):
    # Quotes and dashes are not word characters: they fall out with the rest of the punctuation.
    return NON_WORD.sub(" ", text.casefold()).strip()


# Scripts written without spaces between words: a line of them is prose by its length in characters.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CJK_TERMINAL = re.compile(r"[。！？」』）]$")
MIN_CJK_PROSE = 15
CJK_PUNCTUATION = re.compile(r"[。，、！？；]")
# Some writers set phrases apart with spaces instead of commas.
CJK_PHRASES = re.compile(r"[\u3400-\u9fff][ \u3000]+[\u3400-\u9fff]")
# A line this long is text, whatever its punctuation; headlines and teasers are shorter.
LONG_CJK = 30


def cjk_count(text):
    return len(CJK.findall(text)) if CJK.search(text) else 0


def is_sentence_like(text, words):
    """`words` are the line's WORD matches (Line.words)."""
    cjk = cjk_count(text)
    # A sentence of Chinese or Japanese has its commas and stops; a teaser's headline or an ad's line has none.
    if cjk >= MIN_CJK_PROSE and (CJK_PUNCTUATION.search(text) or CJK_PHRASES.search(text) or cjk >= LONG_CJK):
        return True
    if cjk >= MIN_CJK_PROSE // 2 and CJK_TERMINAL.search(text):
        return True
    if cjk >= MIN_CJK_PROSE:
        return False
    if not words:
        return False
    if len(words) >= 3 and TERMINAL.search(text) and any(w[0].islower() for w in words):
        return True
    if len(words) < 15:
        return False
    # Long lines without a final stop are still running text when most words are lower case.
    return sum(1 for w in words if w[0].islower()) >= 0.4 * len(words)


# The header, title and card searches ask about the same lines again and again.
@functools.lru_cache(maxsize=4096)
def is_title_like(text):
    words = WORD.findall(text)
    if not 2 <= len(words) <= 60 or len(text) > MAX_TITLE_CHARS:
        return False
    if BULLET.match(text) or NOT_TITLE_END.search(text.strip()):
        return False
    first = text.lstrip("\"'“‘«(")[:1]
    return first.isupper() or first.isdigit()


CODE_CHARS = re.compile(r"[{}()\[\];=<>|│─┼+*/\\$#&%:,.'\"_-]")
# A line of structured data printed into the page: '"headline": "...",', '{"@type": "Person", ...'.
JSON_LINE = re.compile(r'^[{\[]?\s*"[@$]?\w+"\s*:\s*(?:["{\[\d]|true|false|null)')


def is_code_like(line):
    """Preformatted text or a line of code: indented, or dense in brackets, operators and punctuation."""
    if line.indented:
        return True
    text = line.text
    if JSON_LINE.match(text):
        return True
    if cjk_count(text) >= MIN_CJK_PROSE // 3:
        return False
    if len(text) < 4:
        return bool(re.fullmatch(r"[{}()\[\];,.]+", text))
    return len(CODE_CHARS.findall(text)) >= 0.2 * len(text) or text.endswith(("{", "};", ");", "(", "[", "= {"))


def is_menu_like(line):
    """A menu or teaser item: a few words, or words mostly in capitals ("Field Report", "Market Size To Reach")."""
    words = line.words
    if len(words) <= 3:
        return True
    return sum(1 for w in words if w[0].isupper()) >= 0.6 * len(words)


def is_list_item(line):
    """A bullet point of the article: a phrase in sentence case after a bullet."""
    return line.kind == SHORT and bool(BULLET.match(line.text)) and not is_menu_like(line)


def is_paragraph(line):
    return line.kind == PROSE and not is_title_like(line.text)


LINK_ROW_MARKS = "▪•|·›»"
LIST_MARKS = re.compile(r"[▪•|·›»,/]")
# The parts are stripped after the split, so the spaces around a separator need no matching.
LIST_SEPARATOR = re.compile(r"[,|·•/]")


def is_tag_list(text):
    """ "News Feed, Ukraine, NATO, Mark Rutte, The Hague": a row of capitalised tags; "Sites ▪ Jobs ▪ Shop ▪
    Mobile": a row of links."""
    if not LIST_MARKS.search(text):
        return False
    for mark in LINK_ROW_MARKS:
        # «Vape Wave», «6 Days»: French quotation marks, not a row of links.
        if mark == "»" and text.count("«") >= text.count("»"):
            continue
        if text.count(mark) >= 3:
            parts = [p.strip() for p in text.split(mark) if p.strip()]
            if sum(len(p.split()) for p in parts) <= 5 * len(parts):
                return True
    # A sentence (ending in a stop) is no tag list: most lines with commas are, and need no split.
    if TERMINAL.search(text):
        return False
    parts = [p.strip() for p in LIST_SEPARATOR.split(text) if p.strip()]
    if len(parts) < 4:
        return False
    return all(len(p.split()) <= 4 and p[0].isupper() for p in parts)


def unmark(line):
    """Plain text from a Markdown-flavoured dump line: no heading marks, emphasis or link targets."""
    if not MD_MARKS.search(line):
        return line.strip()
    line = MD_IMAGE.sub("", line)
    line = MD_LINK.sub(r"\1", line)
    line = MD_HEADING.sub("", line)
    return MD_EMPHASIS.sub(r"\2", line).strip()


def read_lines(text):
    """Lines of the dump with blank-line information, plus the ` date` header's date."""
    text = INVISIBLE.sub("", text).replace("\u00a0", " ")
    header_date = None
    match = HEADER_DATE.match(text)
    if match:
        header_date = parse_date(match.group(1))
        text = text[match.end() :]
    lines, blank = [], False
    for raw in text.splitlines():
        # Most lines have no tab and no run of spaces to squash.
        squashed = SPACES.sub(" ", raw) if "\t" in raw or "  " in raw else raw
        stripped = unmark(squashed.strip())
        if not stripped:
            blank = True
            continue
        indented = raw.startswith(("  ", "\t"))
        lines.append(Line(stripped, len(lines), blank_before=blank, indented=indented))
        blank = False
    # Indentation tells preformatted text apart only when most of the page is not indented.
    if sum(line.indented for line in lines) > len(lines) / 2:
        for line in lines:
            line.indented = False
    return lines, header_date


def classify(line):
    url = URL_LINE.match(line.text)
    if url:
        line.kind = DROP
        line.extras["url"] = url.group(1)
        return
    kind = furniture.classify(line.text)
    # A caption or a button is no byline ("Photo by Jane Roe" is a credit).
    meta = text_meta.parse_meta(line.text) if kind != furniture.DROP else None
    if kind == furniture.STOP or (meta is not None and meta.kind == "author"):
        # "Author: Jane Doe" usually closes the article, and still names the author.
        line.meta = meta
        line.kind = STOP
        return
    if meta is not None and not line.text.startswith(("—", "–")):
        line.meta = meta
        line.kind = META
        return
    if kind == furniture.DROP or is_tag_list(line.text):
        line.kind = DROP
        return
    # A line of code reads as a sentence to the word counts ("var t = e.getElementsByTagName(...)").
    line.kind = PROSE if is_sentence_like(line.text, line.words) and not is_code_like(line) else SHORT


def unwrap(lines):
    """Join hard-wrapped lines (a dump cut at ~72 columns) back into paragraphs.

    Only when most long lines end near the same width; then a line that reaches
    that width continues on the next line unless a blank line follows.
    """
    lengths = [len(line.text) for line in lines if len(line.text) >= 30]
    if len(lengths) < 5:
        return lines
    width = sorted(lengths)[int(len(lengths) * 0.9)]
    if width > 100 or statistics.median(lengths) < width * 0.7:
        return lines
    # Short one-line paragraphs end in a full stop; wrapped lines mostly break mid-sentence.
    long_lines = [line for line in lines if len(line.text) >= width * 0.6]
    if sum(1 for line in long_lines if not TERMINAL.search(line.text)) < 0.5 * len(long_lines):
        return lines
    out = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not line.blank_before
            and len(prev.text.split(" ")[-1]) + len(prev.text) + len(line.text.split(" ")[0]) + 1 > width * 0.8
            and len(prev.text) >= width * 0.6
            and prev.kind in (PROSE, SHORT)
            and line.kind in (PROSE, SHORT)
            and not BULLET.match(line.text)
        ):
            prev.set_text(f"{prev.text} {line.text}")
            classify(prev)
            continue
        out.append(line)
    for i, line in enumerate(out):
        line.index = i
    return out


# Weights of the article-span search, in characters of prose: a prose line adds its length, other
# lines cost what they would cost the article if they were page furniture kept by mistake.
COST_SHORT = 8
COST_MENU = 25
COST_DROP = 15
COST_META = 10
COST_DATED = 200
COST_STOP = 1000
STOP_IS_BOUNDARY = False
COST_REPEATED = 40
COST_SHARE = 300
COST_INLINE_BOX = 100
# A box set into the story holds a label and a headline or two.
BOX_LINES = 4


def is_boundary(line):
    """A line the article does not run across: a closing label ("Related", "Tags:") or a dated line
    (the next teaser's or comment's date; the article's own sits above its first paragraph)."""
    if line.kind == STOP:
        return STOP_IS_BOUNDARY
    # "— Jane Roe (@janeroe) May 2, 2025" signs a quoted post inside the story.
    return line.kind == META and line.meta is not None and line.meta.dated and not line.text.startswith(("—", "–"))


# "14:44 Headline" or a bare "12:21": the entries of a live feed or a news ticker beside the story.
FEED_TIME = re.compile(r"^\d{1,2}[:h]\d{2}(?:\s+(?!(?:[ap]\.?m|uhr|h)\b)\S.{0,150})?$", re.IGNORECASE)
MIN_FEED_TIMES = 3


def boundaries(lines):
    """Where the article cannot run across: closing labels, dated lines and, on a page with a feed of
    timed entries, each entry's time."""
    # A list of teasers with their dates set into the story ("More about ...") is a box the story goes on under.
    found = []
    for line in lines:
        size = card_size(lines, line.index)
        card = size > 0
        if card:
            # Its headline (and author) go with its date.
            line.extras["card"] = True
            for k in range(max(0, line.index - size + 1), line.index):
                lines[k].extras["gap"] = True
        found.append(is_boundary(line) and not card)
    timed = [line.index for line in lines if line.kind == SHORT and FEED_TIME.match(line.text)]
    if len(timed) >= MIN_FEED_TIMES:
        for i in timed:
            found[i] = True
    return found


# Bullets an author types ("- ", "* ", "1. "); arrows such as "►" open and close a site's widgets.
TYPED_BULLET = re.compile(r"^\s*(?:[-–—•*+]|\d{1,2}[.)]|\(\d{1,2}\))\s+")


def bullet_runs(lines):
    """Which lines belong to a bulleted list: two or more lines in a row opening with the same bullet."""
    marks = [TYPED_BULLET.match(line.text) for line in lines]
    heads = [m.group(0).strip()[:1] if m else None for m in marks]
    return [
        heads[i] is not None
        and ((i > 0 and heads[i - 1] == heads[i]) or (i + 1 < len(lines) and heads[i + 1] == heads[i]))
        for i in range(len(lines))
    ]


def line_weight(line, counts, boundary, listed=False):
    if boundary:
        return None
    if line.kind == PROSE:
        # A character of Chinese or Japanese says about as much as a word of English.
        return len(line.text) + 2 * cjk_count(line.text)
    if line.kind == STOP:
        return -COST_STOP
    if line.kind == META:
        return -COST_DATED if "card" in line.extras else -COST_META
    if line.kind == DROP and "slide" in line.extras:
        # A slideshow set into the story neither makes nor breaks it.
        return 0
    if line.kind == DROP:
        return -COST_SHARE if furniture.is_share_row(line.text) else -COST_DROP
    if listed or (is_list_item(line) and TYPED_BULLET.match(line.text)):
        # Browsers print no bullets for HTML lists: a bullet in a dump was typed by the author.
        return len(line.text) // 2
    # Figures with no words are a chart's axis or a table's cells ("’80", "6.6%"), not a menu.
    if is_code_like(line) or not line.words:
        return 0
    if counts[line.key] > 1:
        return -COST_REPEATED
    return -COST_MENU if is_menu_like(line) else -COST_SHORT


STYLE_WINDOW = 4

# A stretch of prose right under a headline and byline is the article unless some other stretch
# holds this many times more prose (a comment thread, a list of teasers with blurbs).
HEADER_PREFERENCE = 2.0


def best_end(weights, start):
    """(end, score) of the best stretch that starts at `start`."""
    best, best_score, score = start + 1, weights[start], 0
    for i in range(start, len(weights)):
        if weights[i] is None:
            break
        score += weights[i]
        if score > best_score:
            best, best_score = i + 1, score
    return best, best_score


# How many lines (share buttons and labels aside) a headline may stand above its byline.
HEADER_REACH = 5


def lines_above(lines, i, count):
    """Indexes of up to `count` lines above line i, not counting furniture, labels, metadata and lines
    without a word (a comment count, a bullet)."""
    found, j = [], i - 1
    while j >= 0 and len(found) < count:
        if lines[j].kind not in (DROP, META, STOP) and lines[j].words:
            found.append(j)
        j -= 1
    return found


def header_starts(lines):
    """Indexes of the first paragraph under each headline-and-byline (or headline-and-date) block."""
    starts = []
    for i, line in enumerate(lines):
        if line.kind not in (META, STOP) or line.meta is None or not (line.meta.author or line.meta.dated):
            continue
        if not any(is_title_like(lines[j].text) for j in lines_above(lines, i, HEADER_REACH)):
            continue
        if is_card_list(lines, i):
            continue
        first = next((j for j in range(i + 1, min(len(lines), i + 7)) if lines[j].kind == PROSE), None)
        if first is not None and first not in starts:
            starts.append(first)
    return starts


def is_dated(line):
    return line.kind == META and line.meta is not None and line.meta.dated and not line.meta.author


# A teaser card is a headline and its date, maybe with the author's name between them.
CARD_LINES = (2, 3)


def card_size(lines, i):
    """How many lines the teaser card that date line i closes holds ("Headline / date / Headline / date",
    "Headline / Author / date / ..."), or 0 when line i closes no card in a list of them."""
    if not is_dated(lines[i]):
        return 0
    for size in CARD_LINES:
        for k in (i - size, i + size):
            if not 0 <= k < len(lines) or not is_dated(lines[k]):
                continue
            # A headline (maybe with a blurb) over its date; with an author's line, both are short lines
            # (a comment is a paragraph between two dated lines and a "Reply").
            kinds = (SHORT, PROSE) if size == 2 else (SHORT,)
            if all(lines[m].kind in kinds for m in range(min(i, k) + 1, max(i, k))):
                return size
    return 0


def is_card_list(lines, i):
    """Whether the date line i closes a teaser in a list of them."""
    return card_size(lines, i) > 0


def resumes_after_box(lines, i):
    """Whether the story goes on right under the box that line i opens: within a few lines comes a
    paragraph set apart as the story's paragraphs above are (by a blank line, or by its length)."""
    above = [line for line in lines[max(0, i - 8) : i] if line.kind == PROSE]
    spaced = bool(above) and all(line.blank_before for line in above)
    # The teaser cards of a dated list under the label ("Headline / Author / date") are the box's own.
    box = i + 1
    while box < len(lines) and ("card" in lines[box].extras or "gap" in lines[box].extras):
        box += 1
    for line in lines[box : box + BOX_LINES]:
        if line.kind in (STOP, META):
            return False
        if line.kind == PROSE and (line.blank_before if spaced else len(line.text) >= FULL_PARAGRAPH):
            following = lines[line.index + 1] if line.index + 1 < len(lines) else None
            # A teaser's blurb is one line; the story goes on with more.
            return following is not None and following.kind == PROSE
    return False


def main_run(lines, counts):
    """(start, end) of the stretch of lines whose prose most outweighs the furniture in it."""
    weights = [
        line_weight(line, counts, b, listed)
        for line, b, listed in zip(lines, boundaries(lines), bullet_runs(lines), strict=True)
    ]
    # Where the paragraphs so far stood apart with blank lines, prose packed line against line is a
    # list of teasers or comments more often than the story going on.
    # A label with a headline or two under it, after which the story resumes with a paragraph of its
    # own, is a box set into the story ("Related: ..."); a label over a list of teasers ends it.
    for i, line in enumerate(lines):
        if (
            line.kind == STOP
            and weights[i] is not None
            and furniture.is_teaser_box_label(line.text)
            and resumes_after_box(lines, i)
        ):
            weights[i] = -COST_INLINE_BOX
            # Its teaser cards weigh as much as any short line.
            k = i + 1
            while k < len(lines) and ("card" in lines[k].extras or "gap" in lines[k].extras):
                weights[k] = -COST_SHORT
                k += 1
    recent, halving = [], False
    for i, line in enumerate(lines):
        if line.kind != PROSE or weights[i] is None:
            continue
        spaced = line.blank_before or (i + 1 < len(lines) and lines[i + 1].blank_before)
        halving = not spaced and (halving or (len(recent) == STYLE_WINDOW and all(recent)))
        if halving:
            weights[i] //= 2
        recent = (recent + [spaced])[-STYLE_WINDOW:]
    best, best_score = (0, len(lines)), 0
    start, score = 0, 0
    for i, w in enumerate(weights):
        if w is None:
            score = 0
            continue
        if score <= 0:
            start, score = i, 0
        score += w
        if score > best_score:
            best, best_score = (start, i + 1), score
    # A story under its headline and byline goes on across its charts and widgets: it is weighed with
    # the prose it bridges to.
    headed = [(bridged(lines, weights, *best_end(weights, s), mark=False), s) for s in header_starts(lines)]
    if headed:
        (end, score), first = max(headed, key=lambda found: found[0][1])
        if score * HEADER_PREFERENCE >= best_score:
            chain = edition_around(lines, headed, first)
            for article in chain[:-1]:
                bridge(lines, weights, *best_end(weights, article))
            return chain[0], bridge(lines, weights, *best_end(weights, chain[-1]))
    start = bridge_back(lines, weights, best[0])
    return start, bridge(lines, weights, best[1], best_score)


# A page of whole articles one under another (a weekly edition, "one big page"): each runs to the next
# one's headline and byline, a few lines below, and holds several paragraphs of its own.
EDITION_GAP = 8
MIN_EDITION_SCORE = 500


def edition_around(lines, headed, first):
    """The first lines of the articles printed one under another with the one at `first` (just it when
    the page holds no such run)."""
    articles = sorted((start, end, score) for (end, score), start in headed)
    chains, chain, last_end = [], [], None
    for start, end, score in articles:
        between = lines[last_end:start] if last_end is not None else None
        follows = (
            between is not None
            and 0 <= start - last_end <= EDITION_GAP
            and not any(line.kind in (PROSE, STOP) for line in between)
        )
        if score < MIN_EDITION_SCORE or not (chain and follows):
            chains.append(chain)
            chain = []
        if score >= MIN_EDITION_SCORE:
            chain.append(start)
            last_end = end
        else:
            last_end = None
    chains.append(chain)
    return next((found for found in chains if first in found), [first])


# A widget set into the story (a video player's menus, a gallery) is a long run of short lines; the
# story goes on under it when as much prose follows as a few full paragraphs, and a fair share of what
# came before.
BRIDGE_GAP = 120
BRIDGE_MIN_SCORE = 600
BRIDGE_SHARE = 0.25
# On a short page the story goes on under a widget with less: half as much prose as came before it.
SMALL_BRIDGE_SHARE = 0.5


# The headline and a paragraph or two above a video player are the story's opening.
BRIDGE_BACK_MIN_SCORE = 250


def best_start(weights, end):
    """(start, score) of the best stretch that ends at `end` (exclusive)."""
    best, best_score, score = end - 1, weights[end - 1], 0
    for i in range(end - 1, -1, -1):
        if weights[i] is None:
            break
        score += weights[i]
        if score > best_score:
            best, best_score = i, score
    return best, best_score


def bridge_back(lines, weights, start):
    """The span's start, carried back across widgets of short lines to the paragraphs under the headline."""
    for prev in range(start - 1, max(-1, start - BRIDGE_GAP), -1):
        if weights[prev] is None or lines[prev].kind == STOP:
            return start
        if lines[prev].kind != PROSE or weights[prev] <= 0:
            continue
        first, gained = best_start(weights, prev + 1)
        above = lines_above(lines, first, 1)
        if gained >= BRIDGE_BACK_MIN_SCORE and above and is_title_candidate(lines[above[0]]):
            skip_gap(lines, prev + 1, start)
            return first
    return start


def skip_gap(lines, start, end):
    """Leave the widget the span was carried across out of the body."""
    for line in lines[start:end]:
        line.extras["gap"] = True


def bridge(lines, weights, end, score):
    """The span's end, carried across widgets of short lines to the prose that goes on under them."""
    return bridged(lines, weights, end, score)[0]


def bridged(lines, weights, end, score, mark=True):
    """(end, score) of the span carried across widgets; `mark` leaves the widgets out of the body."""
    while True:
        found = None
        for nxt in range(end, min(len(lines), end + BRIDGE_GAP)):
            if weights[nxt] is None or lines[nxt].kind == STOP:
                break
            if lines[nxt].kind == PROSE and weights[nxt] > 0:
                after, gained = best_end(weights, nxt)
                if gained >= max(min(BRIDGE_MIN_SCORE, SMALL_BRIDGE_SHARE * score), BRIDGE_SHARE * score):
                    found = after, gained
                    break
        if found is None:
            return end, score
        if mark:
            skip_gap(lines, end, nxt)
        end, score = found[0], score + found[1]


# How far above the first paragraph a headline is looked for (share rows, bylines, captions and a
# standfirst sit between them).
TITLE_WINDOW = 15
BREADCRUMB = re.compile(r"\s(?:>|›|»|/|\|)\s")
CRUMB_ARROWS = re.compile(r"\s[>›»]\s")


# "Sponsored by", "Photos by Jane Roe": a credit, not a headline.
DANGLING_END = re.compile(r"\b(?:by|of|to|for|with|and|the|a|an|in|on|from)$", re.IGNORECASE)
CREDITED = re.compile(r"\bby\s+[A-Z]")
MAX_TITLE_WORDS = 60
MAX_CREDIT_WORDS = 8
TEASER_PENALTY = 3


# "... recebe a taça - Jane Roe/Lakeside Photo": a caption ends in its photo's credit.
CAPTION_CREDIT = re.compile(
    r"\s[-–—|]\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}\s?/\s?[A-Z][\w'’.&-]*(?:\s+\S+){0,4}$"
)


def is_title_candidate(line, repeated=False):
    # A headline may trail off ("«Vape Wave», «6 Days»…"); a paragraph's full stop still rules a line out.
    title_like = is_title_like(line.text) or (line.text.endswith("…") and is_title_like(line.text[:-1]))
    if line.kind not in (SHORT, PROSE) or line.meta is not None or not title_like:
        return False
    text = line.text
    if CAPTION_CREDIT.search(text):
        return False
    if len(line.words) > MAX_TITLE_WORDS or DANGLING_END.search(text):
        return False
    if len(line.words) <= MAX_CREDIT_WORDS and CREDITED.search(text):
        return False
    # A headline is one sentence; a caption or standfirst often runs to two (a headline of two the
    # page prints twice is still a headline: see find_title).
    if len(text_meta.SENTENCE_END.split(text, maxsplit=1)) > 1 and not repeated:
        return False
    # A person's name on its own line is a byline, not a headline ("Superbugs: What They Are" is no name).
    # "Readability Test", "Harbour Report" are capitalised like names but hold words no name has.
    return len(line.words) >= 2 and (":" in text or not text_meta.clean_name(text) or has_label_word(text))


def has_label_word(text):
    return any(word.casefold().strip(".,'’") in NOT_NAME_WORDS for word in text.split())


HEADER_META_LINES = 5


def header_meta_below(lines, j, limit):
    """(strength, index) of the strongest metadata line under line j before `limit`: 3 for a byline,
    2 for a date, 1 for other metadata, 0 (and None) for none."""
    best, where, seen = 0, None, 0
    # Share buttons between the headline and its byline do not count against it.
    for line in lines[j + 1 : limit]:
        # The headline's standfirst is no other headline (a line that reads as a sentence has none).
        headline = lines[j].kind == SHORT
        if seen == 0 and headline and line.kind == SHORT and line.meta is None and is_standfirst(line, lines[j]):
            seen += 1
            continue
        # Nor do a comment count or a bullet.
        if (line.kind == DROP and line.meta is None) or not line.words:
            continue
        seen += 1
        if seen > HEADER_META_LINES:
            break
        if line.kind == PROSE and not is_title_like(line.text) and best:
            break
        # Another headline comes first: the byline under it is its own.
        if not best and line.kind in (SHORT, PROSE) and len(line.words) >= 4 and is_title_like(line.text):
            break
        if line.meta is not None and not (line.meta.author and heads_headlines(lines, line.index)):
            strength = 3 if line.meta.author else 2 if line.meta.dated else 1
            if strength > best:
                best, where = strength, line.index
    return best, where


# An author box lists the writer's other posts under "Written by Jane Roe".
LISTED_HEADLINES = 2


def heads_headlines(lines, i):
    """Whether the byline at line i stands over headlines (an author box listing the writer's posts, or
    a byline printed above its own headline): it signs none of the lines above it."""
    below = [line for line in lines[i + 1 : i + 1 + 2 * LISTED_HEADLINES] if line.kind != DROP][:LISTED_HEADLINES]
    return len(below) == LISTED_HEADLINES and all(
        line.kind == SHORT
        and line.meta is None
        and len(line.words) >= 4
        and is_title_like(line.text)
        and is_menu_like(line)
        for line in below
    )


# A menu item is a word or a few; a headline runs longer.
MENU_ITEM_WORDS = 5


def title_score(lines, j, start, counts, crumbs, positions):
    line = lines[j]
    score, meta_at = header_meta_below(lines, j, start + 3)
    # A date just above: the headline under a kicker line ("21 September 2020 / SQL / Headline").
    above = [k for k in range(j - 1, -1, -1) if lines[k].kind != DROP][:2]
    if any(lines[k].meta is not None and lines[k].meta.dated for k in above):
        score += 1
    # A headline the page prints again above it (its title bar, a breadcrumb) or just under it; a line
    # printed over and over is a label ("From the section World"), one printed again further down is a
    # heading listed in a table of contents.
    copies = [i for i in positions[line.key] if i != j]
    if (1 < counts[line.key] <= 3 and any(i < max(j, start) for i in copies)) or any(
        line.key in crumb for i, crumb in crumbs if i != j
    ):
        score += 2
    words = len(line.words)
    score += 1 if words >= 4 else -1 if words <= 2 else 0
    # A headline over its standfirst: the line under it runs longer, in sentence case, without a full stop.
    below = lines[j + 1] if j + 1 < len(lines) else None
    if below is not None and below.kind == SHORT and below.meta is None and is_standfirst(below, line):
        score += STANDFIRST_BONUS
    # A line that reads as a sentence is more often the standfirst under the headline.
    if line.kind == PROSE:
        score -= 0.5
    # How far the text (or the byline under the headline) starts below it.
    until = meta_at if meta_at is not None else start
    between = sum(1 for k in range(j + 1, until) if lines[k].kind not in (DROP, STOP) and lines[k].words)
    score -= min(between, 12) / 4
    # A headline under a "Related" label is a teaser's, not the story's.
    if any(
        lines[k].kind == STOP and furniture.is_teaser_box_label(lines[k].text) for k in range(j - 1, max(-1, j - 8), -1)
    ):
        score -= TEASER_PENALTY
    # A short line between two menu items is a menu item.
    neighbours = [lines[k] for k in (j - 1, j + 1) if 0 <= k < len(lines)]
    in_menu_row = all(n.kind == SHORT and len(n.words) <= 3 and is_menu_like(n) for n in neighbours)
    if len(neighbours) == 2 and words <= MENU_ITEM_WORDS and in_menu_row:
        score -= 2
    return score


STANDFIRST_BONUS = 1


def is_standfirst(line, headline):
    """A sentence under a headline that sums the story up: longer than it, mostly in lower case."""
    words = line.words
    if len(line.text) <= len(headline.text) or len(words) < 8 or not is_title_like(line.text):
        return False
    return sum(1 for w in words if w[0].islower()) >= 0.5 * len(words)


def find_title(lines, start, end, counts):
    """(title line index or None, index of the body's first line).

    The headline is the title-like line just above the article that a byline or date follows, or
    that the page prints twice (a breadcrumb, a second copy), nearest the text.
    """
    crumbs = [(i, lines[i].key) for i in range(max(0, start - 40), start) if BREADCRUMB.search(lines[i].text)]
    best, best_score = None, -1.5
    window = lines_above(lines, start, TITLE_WINDOW)
    positions = {}
    for line in lines:
        positions.setdefault(line.key, []).append(line.index)
    for j in range(min(window, default=start), min(end, start + 2)):
        if j >= start and lines[j].kind == PROSE and not is_title_like(lines[j].text):
            break
        if not is_title_candidate(lines[j], repeated=counts[lines[j].key] > 1):
            continue
        score = title_score(lines, j, start, counts, crumbs, positions)
        if score >= best_score:
            best, best_score = j, score
    body_start = start
    if best is not None:
        # The body follows the headline's last copy when that copy opens the text (a standfirst
        # between two copies of the headline is not the article).
        copies = [k for k in range(max(best, start), min(end, start + TITLE_WINDOW)) if lines[k].key == lines[best].key]
        if copies:
            body_start = copies[-1] + 1
            while body_start < end and (lines[body_start].kind in (META, DROP) or lines[body_start].meta):
                body_start += 1
    return best, body_start


def wiki_title(lines, start):
    """Index of the line over a wiki's tagline ("From Wikipedia, the free encyclopedia") above the text."""
    for i in range(1, start):
        if lines[i].kind == DROP and furniture.is_wiki_tagline(lines[i].text):
            above = lines[i - 1]
            # Not when the tagline sits under the page's tabs ("Read", "Edit", "View history").
            tabs = i >= 3 and all(lines[k].kind == SHORT and len(lines[k].words) <= 2 for k in range(i - 3, i))
            if above.kind == SHORT and above.meta is None and len(above.words) <= MAX_CREDIT_WORDS and not tabs:
                return i - 1
            return None
    return None


def is_card_credit(line):
    """The last line of a teaser card: outlet and/or author, maybe glued together."""
    if line.kind != SHORT or len(line.words) > 8:
        return False
    return bool(text_meta.glued_credit(line.text) or text_meta.clean_name(line.text))


# A teaser's blurb is a sentence or two.
MAX_BLURB_CHARS = 300


def remove_cards(kept):
    """Drop teaser cards: a headline, one or two blurb lines and a credit line ("OutletJane Doe").

    A glued credit marks a card anywhere. Otherwise the card must close the text,
    or stand out from a layout of blank-line-separated paragraphs by having none.
    """
    prose = [line for line in kept[1:] if line.kind == PROSE]
    spaced = len(prose) >= 3 and sum(line.blank_before for line in prose) >= 0.6 * len(prose)
    i = 0
    while i < len(kept):
        if not is_title_like(kept[i].text):
            i += 1
            continue
        j = i + 1
        while j < len(kept) and j - i <= 2 and kept[j].kind == PROSE and not is_title_like(kept[j].text):
            j += 1
        if j == i + 1 or j >= len(kept) or kept[j].kind != SHORT or len(kept[j].words) > 8:
            i += 1
            continue
        credit = kept[j]
        after = kept[j + 1] if j + 1 < len(kept) else None
        # Packed against its neighbours in a spaced layout, with a blurb of a sentence or two: a subhead
        # over a full paragraph is the story's.
        packed = (
            spaced
            and not any(line.blank_before for line in kept[i + 1 : j + 1])
            and all(len(line.text) <= MAX_BLURB_CHARS for line in kept[i + 1 : j])
        )
        if (
            text_meta.glued_credit(credit.text)
            or packed
            or (is_card_credit(credit) and (after is None or after.kind != PROSE))
        ):
            del kept[i : j + 1]
            continue
        i += 1


def repeats_in_block(lines, first, i):
    """Whether line i copies line `first` together with a neighbour (the page printing its story, or a
    stretch of it, twice), rather than a paragraph the story itself says twice."""
    key = lines[i].key
    for step in (-1, 1):
        a, b = first + step, i + step
        inside = 0 <= a < len(lines) and 0 <= b < len(lines)
        if inside and lines[b].key and lines[b].key != key and lines[a].key == lines[b].key:
            return True
    return False


# "3/50 Title of the slide": a slideshow's counter, then the slide's caption and credit.
SLIDE_COUNTER = re.compile(r"^(\d{1,3})\s?/\s?(\d{1,3})\b")
MIN_SLIDES = 3
# A slide holds its counter, a caption and a credit or two.
SLIDE_LINES = 4


def mark_galleries(lines):
    """Drop a slideshow printed into the page: three or more lines counting up to the same total
    ("1/50 ...", "2/50 ...") and the caption lines under each."""
    counters = {}
    for line in lines:
        match = SLIDE_COUNTER.match(line.text)
        if match and 0 < int(match.group(1)) <= int(match.group(2)):
            counters.setdefault(match.group(2), []).append(line.index)
    for found in counters.values():
        if len(found) < MIN_SLIDES:
            continue
        # Its header: "Business in pictures", "50 show all".
        for line in reversed(lines[max(0, found[0] - SLIDE_LINES + 1) : found[0]]):
            if line.kind != SHORT or line.meta is not None:
                break
            line.kind = DROP
            line.extras["slide"] = True
        # The last slide is as long as the others.
        size = min(SLIDE_LINES, *(b - a for a, b in zip(found, found[1:], strict=False)))
        for n, i in enumerate(found):
            stop = found[n + 1] if n + 1 < len(found) else i + size
            for line in lines[i : min(stop, i + SLIDE_LINES)]:
                line.kind = DROP
                line.extras["slide"] = True


# "Filed to: money": the label of the tag list a blog network prints under a post's headline, one tag a line.
TAG_LIST_LABEL = re.compile(r"^(?:filed|posted) (?:to|in)\s*:", re.IGNORECASE)
MAX_TAG_WORDS = 4
MAX_TAGS = 30


def mark_tag_runs(lines):
    """Drop the tags printed one a line under a "Filed to:" label: short phrases without a stop, which
    would otherwise part the headline from its byline and date like a menu."""
    for line in lines:
        if line.kind != DROP or not TAG_LIST_LABEL.match(line.text):
            continue
        for tag in lines[line.index + 1 : line.index + 1 + MAX_TAGS]:
            if tag.kind != SHORT or tag.meta is not None or len(tag.words) > MAX_TAG_WORDS or TERMINAL.search(tag.text):
                break
            # "money", "personal finances", "Vellmar": a short headline in capitals ends the list.
            if len(tag.words) > 2 and not tag.text[:1].islower():
                break
            tag.kind = DROP


# "2 History", "4.1 Geography": an entry of a table of contents.
CONTENTS_ENTRY = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+(\S.{0,100})$")
# "History[edit]": a heading with a wiki's edit link printed after it.
HEADING_LINK = re.compile(r"\s*\[[^\]]{1,20}\]$")
MIN_CONTENTS_ENTRIES = 3


def mark_contents(lines):
    """Leave out a table of contents: a run of numbered lines ("1 History", "1.1 Origins") whose titles the
    page prints again further down as its section headings."""
    runs, run = [], []
    for line in lines:
        if line.text[:1].isdigit() and CONTENTS_ENTRY.match(line.text):
            run.append(line)
            continue
        if len(run) >= MIN_CONTENTS_ENTRIES:
            runs.append(run)
        run = []
    if not runs:
        return
    # Where each short line's text last stands on the page ("History[edit]" stands as "History").
    last = {}
    for line in lines:
        if line.kind == SHORT:
            key = line_key(HEADING_LINK.sub("", line.text)) if line.text.endswith("]") else line.key
            last[key] = line.index
    for run in runs:
        titles = [line_key(CONTENTS_ENTRY.match(line.text).group(1)) for line in run]
        printed_again = sum(last.get(title, -1) > run[-1].index for title in titles)
        if printed_again >= max(MIN_CONTENTS_ENTRIES, len(titles) // 2):
            for line in run:
                line.extras["gap"] = True


def page_counts(lines):
    counts = {}
    for line in lines:
        counts[line.key] = counts.get(line.key, 0) + 1
    return counts


def is_widget_line(lines, i, counts):
    """A button or label the page prints again with its neighbours ("Caption", "Buy Photo", "Share / Tweet")."""
    if counts[lines[i].key] < 2:
        return False
    return any(counts[lines[j].key] > 1 for j in (i - 1, i + 1) if 0 <= j < len(lines) and lines[j].key)


def is_teaser_label(lines, i, end, counts):
    """A repeated short label over one or two headlines, after which the story goes on ("Related" boxes)."""
    line = lines[i]
    if line.kind != SHORT or counts[line.key] < 2 or len(line.words) > 3 or TERMINAL.search(line.text):
        return 0
    j = i + 1
    while j < min(end, i + 3) and lines[j].kind == SHORT and is_title_like(lines[j].text) and len(lines[j].words) >= 4:
        j += 1
    if j == i + 1 or j >= end or lines[j].kind != PROSE:
        return 0
    return j - i


# A page this short with no paragraph at all is read whole.
TINY_PAGE = 8

# A paragraph of the story rather than a teaser's one-line blurb.
FULL_PARAGRAPH = 150


def in_code_block(lines, i):
    """Whether line i belongs to a block of code: it or a line next to it (no blank line between) reads as code."""
    if is_code_like(lines[i]):
        return True
    after = lines[i + 1] if i + 1 < len(lines) else None
    before = lines[i - 1] if i > 0 else None
    return bool(
        (after is not None and not after.blank_before and after.kind == SHORT and is_code_like(after))
        or (before is not None and not lines[i].blank_before and before.kind == SHORT and is_code_like(before))
    )


def clean_body(lines, start, end, title_key, counts):
    """Keep paragraphs, headings, lists and code of lines[start:end]; drop page chrome, repeats, teasers."""
    inside = page_counts(lines[start:end])
    kept, keys, seen = [], [], {}
    i = start
    while i < end:
        line = lines[i]
        skip = is_teaser_label(lines, i, end, counts)
        if skip:
            i += skip
            continue
        if line.kind == STOP or furniture.is_box_label(line.text):
            # A "Related" or newsletter box inside the story: its headlines, blurbs and buttons go, up to
            # the next full paragraph.
            # The story resumes with a paragraph set apart by a blank line, or a full one in a dump
            # without blank lines.
            i += 1
            while i < end and not (
                lines[i].kind == PROSE and (lines[i].blank_before or len(lines[i].text) >= FULL_PARAGRAPH)
            ):
                i += 1
            continue
        i += 1
        if line.kind in (DROP, META, STOP) or "gap" in line.extras:
            continue
        key = line.key
        if key == title_key or not key:
            continue
        # Code says "SELECT" and "FROM" again and again: its lines are no buttons.
        code = line.kind == SHORT and in_code_block(lines, i - 1)
        if key in seen and not code and (line.kind != PROSE or repeats_in_block(lines, seen[key], i - 1)):
            continue
        # The same line elsewhere on the page: a button, a teaser or an appeal, not the story's own text.
        if counts[key] > inside[key] or (not code and line.kind != PROSE and is_widget_line(lines, i - 1, counts)):
            continue
        seen.setdefault(key, i - 1)
        kept.append(line)
        keys.append(key)
    # A standfirst or teaser that repeats part of a longer paragraph below it ("The talks began…"); a
    # sentence the story sets apart after saying it (a pull quote) stays, as on the page.
    joined, ends = "", {}
    for key in dict.fromkeys(keys):
        joined += key + "\n"
        ends[key] = len(joined)
    # Only the body's opening line is a standfirst; further down, a paragraph that another one repeats in
    # full is the story's own.
    kept = [
        line
        for n, (line, key) in enumerate(zip(kept, keys, strict=True))
        if n > 0 or len(key) < 50 or joined.find(key, ends[key]) < 0
    ]
    remove_cards(kept)
    out = list(kept)
    while out and out[-1].kind != PROSE and not (is_list_item(out[-1]) and len(out) > 1):
        out.pop()
    return out


def pick_source(candidates):
    """The outlet most signals agree on; the heavier signal wins a tie. A shorter name that opens a longer
    one ("NBC" and "NBC News") backs the longer one."""
    scores, spelling = {}, {}
    for weight, name in candidates:
        # A year or a page count left beside a date ("2013") names no outlet.
        if not name or not any(char.isalpha() for char in name):
            continue
        key = text_outlet.key(name)
        if not key:
            continue
        scores[key] = scores.get(key, 0) + weight
        # Prefer a capitalised spelling ("Kyiv Ledger" over a sentence's "the Kyiv Ledger"), the fuller one
        # ("The Kyiv Ledger" over "Kyiv Ledger"), and the one not set in capitals ("Saale-Bote" over "SAALE-BOTE").
        known = spelling.get(key, "")
        if not known or (not name[0].islower(), len(name), not name.isupper()) > (
            not known[:1].islower(),
            len(known),
            not known.isupper(),
        ):
            spelling[key] = name
    if not scores:
        return None
    merged = dict(scores)
    for short in scores:
        for long in scores:
            if long != short and long.startswith(short + " ") and scores[long] >= 1:
                merged[long] += scores[short]
    return spelling[max(merged, key=merged.get)]


def merge_dates(header, found):
    """The ` date` header is the day; a byline on that day adds the time."""
    if header is None:
        return found
    if found is not None and hasattr(found, "hour") and found.date() == header:
        return found
    return header


# Mathematics a browser prints a symbol per line ("a", "≠", "0", ", there are two solutions to"): a
# run of lines this short, with no blank line between them, is one line of text cut up.
SYMBOL_CHARS = 2
MIN_SYMBOL_RUN = 6
SYMBOL_SHARE = 0.6


def is_symbol(line):
    """A symbol or a letter of a formula; a word of two Chinese characters is a menu item."""
    return len(line.text) <= SYMBOL_CHARS and not CJK.search(line.text)


def join_symbol_runs(lines):
    """Lines of a formula printed one symbol a line, joined back into the sentence they stand in."""
    if sum(1 for line in lines if is_symbol(line)) < MIN_SYMBOL_RUN:
        return lines
    out, group = [], []

    def flush():
        tiny = sum(1 for line in group if is_symbol(line))
        if len(group) >= MIN_SYMBOL_RUN and tiny >= SYMBOL_SHARE * len(group):
            group[0].set_text(" ".join(line.text for line in group))
            out.append(group[0])
        else:
            out.extend(group)
        group.clear()

    for line in lines:
        if group and line.blank_before:
            flush()
        group.append(line)
    flush()
    for i, line in enumerate(out):
        line.index = i
    return out


def extract_text(text):
    lines, header_date = read_lines(text)
    lines = join_symbol_runs(lines)
    # Menus and buttons come back on a page: a line seen before is classified once.
    known = {}
    for line in lines:
        same = known.get(line.text)
        if same is None:
            classify(line)
            known[line.text] = line
        else:
            line.kind, line.meta, line.extras = same.kind, same.meta, dict(same.extras)
    lines = unwrap(lines)
    if not lines:
        return ExtractedPage(published=header_date)
    mark_galleries(lines)
    mark_contents(lines)
    mark_tag_runs(lines)
    counts = page_counts(lines)
    start, end = main_run(lines, counts)
    # The span ends with its last paragraph; a teaser card's credit line under it still shows the
    # lines above are a card.
    while end < len(lines) and lines[end].kind == SHORT and text_meta.glued_credit(lines[end].text):
        end += 1
    title_index, body_from = find_title(lines, start, end, counts)
    title_key = lines[title_index].key if title_index is not None else None
    body_lines = clean_body(lines, body_from, end, title_key, counts)
    if not body_lines and len(lines) <= TINY_PAGE and not any(line.kind == PROSE for line in lines):
        # A page of a few short lines and no furniture is all text ("Test Case 1 / Test Case 2").
        body_lines = [line for line in lines if line.kind == SHORT]
    # A wiki prints its page's title over its tagline, however far above the text.
    named = wiki_title(lines, start)
    named = named if named is not None else title_index
    page = ExtractedPage(
        title=lines[named].text if named is not None else None,
        body="\n\n".join(line.text for line in body_lines),
    )
    read_metadata(page, lines, title_index, body_from, end, body_lines, header_date)
    if body_lines and lede_byline(page, body_lines):
        page.body = "\n\n".join(line.text for line in body_lines)
    # An RFC or Internet-Draft prints "[Page N]" under each page; its header is in columns.
    rfc = text_rfc.read_header(text) if "[Page " in text else None
    if rfc is not None:
        page.title = rfc.title or page.title
        page.author = rfc.author or page.author
        # The left column's "Expires:" date is no publication date: the right column's is.
        page.published = rfc.published
    if page.author and (drop_author_bio(body_lines, page.author) or drop_byline_name(body_lines, page.author)):
        page.body = "\n\n".join(line.text for line in body_lines)
    page.language = guess_language(page.body)
    page.published = merge_dates(header_date, structured_date(lines) or page.published)
    page.title = structured_headline(lines) or page.title
    return page


STRUCTURED_HEADLINE = re.compile(r'"headline"\s*:\s*"([^"]{10,300})"')


def structured_headline(lines):
    """The headline the page's structured data gives, when the page also prints a line that opens with it
    (so the data is this story's, not a teaser's)."""
    for line in lines:
        if '"headline"' not in line.text:
            continue
        match = STRUCTURED_HEADLINE.search(line.text)
        if not match:
            continue
        headline = " ".join(match.group(1).split())
        key = normalise_key(headline)
        if any(other.key.startswith(key) for other in lines if other is not line):
            return headline
    return None


# The page's structured data printed into the dump: '"datePublished": "2025-06-24 09:58:00",'.
STRUCTURED_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')


def structured_date(lines):
    """The publication date the page's own structured data gives, which outweighs what its lines print."""
    for line in lines:
        if '"datePublished"' in line.text:
            match = STRUCTURED_DATE.search(line.text)
            found = match and parse_date(match.group(1))
            if found:
                return found
    return None


# Words of buttons and section labels that a capitalised line shares with a name ("View Photos").
NOT_NAME_WORDS = frozenset(
    re.findall(
        r"\S+",
        "a about all and best better contact follow for have home how in journalism latest login marketing menu "
        "more new news of on photo photos read say search server share sign skip software strategy subscribe test "
        "the to top video view what why with your ad ads my our topics",
    )
)


def is_bare_name(line):
    """A line that is only a person's name ("Jane Roe"), or the names of a few ("Ana Ruiz, Pedro Gil y Luis
    Soto"): a byline without "By"."""
    if line.kind != SHORT or line.meta is not None:
        return False
    # Up to four words a name.
    if len(line.words) > 4 and len(line.words) > 4 * len(AUTHOR_SEPARATORS.split(line.text)):
        return False
    name = text_meta.clean_name(line.text)
    if not name or text_meta.looks_like_outlet(name) or text_meta.ROLE_WORDS.search(name):
        return False
    # "Sony's PlayStation VR": a possessive makes a phrase, not a name.
    if "'s " in name.replace("’", "'") + " ":
        return False
    return not any(word.casefold().strip(".,'’") in NOT_NAME_WORDS for word in name.split())


def stands_as_byline(lines, i, top, body_from=None):
    """A bare name beside the headline, a date, a "by" or a follow button, or one the page prints again (an
    author box, a copyright line): not a button or a label that happens to be capitalised."""
    # "... em São Paulo", "... in Kelby": a name the page writes as a place is a dateline's place.
    written_as_place = re.compile(PLACE_WORDS + re.escape(lines[i].text.strip()) + r"\b")
    if any(written_as_place.search(line.text) for line in lines if line.kind == PROSE):
        return False
    near = [k for k in (i - 1, i + 1) if 0 <= k < len(lines)]
    for k in near:
        line = lines[k]
        # A name under the first paragraph signs it; one just above it is more often the dateline's place.
        under_lede = body_from is not None and k == body_from and k < i
        if k == top or under_lede or (line.meta is not None and line.meta.dated) or line.text.casefold() in BY_WORDS:
            return True
        # "Jane Roe / ProfileFollowUnfollow": an author card's buttons.
        if line.kind == DROP and furniture.is_profile_button(line.text):
            return True
    key = lines[i].key
    return sum(1 for line in lines if key in line.key) > 1


PLACE_WORDS = r"\b(?:in|em|en|à|au|aus|im|в|у)\s+"


# How far above the headline a bare name is looked for (an author card with a follow button and
# reading time sits between them).
BARE_NAME_REACH = 12
# "by" printed on a line of its own above the name.
BY_WORDS = frozenset(["by", "von", "par", "por", "di", "door", "від", "автор"])
# Some sites print the byline under the standfirst or the first paragraph.
BYLINE_UNDER_LEDE = 3


def in_menu(lines, i):
    """Whether line i sits among menu items: short lines of a word or three on both sides."""
    return all(0 <= k < len(lines) and lines[k].kind == SHORT and len(lines[k].words) <= 3 for k in (i - 1, i + 1))


def bare_name_author(lines, top, body_from, end):
    """The author printed as a bare name: between the headline and the text, just above the headline,
    or in an author box under the text ("Jane Roe" then "Jane Roe is a reporter ...")."""
    below = range(top + 1, min(end, body_from + BYLINE_UNDER_LEDE))
    for i in list(below) + list(range(top - 1, max(-1, top - BARE_NAME_REACH), -1)):
        if is_bare_name(lines[i]) and not in_menu(lines, i) and stands_as_byline(lines, i, top, body_from):
            return text_meta.clean_name(lines[i].text)
    for i in range(end, min(len(lines) - 1, end + 6)):
        if is_bare_name(lines[i]) and lines[i + 1].kind == PROSE:
            name = text_meta.clean_name(lines[i].text)
            if lines[i + 1].text.startswith((name, name.split()[0])):
                return name
    return None


AUTHOR_SEPARATORS = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")
# An author box is a short paragraph or two.
MAX_BIO_CHARS = 400


def drop_byline_name(body_lines, author):
    """Remove the author's name printed bare between paragraphs (a byline under the lede). True when
    something went."""
    name = normalise_key(author)
    found = [line for line in body_lines if line.kind == SHORT and line.key == name]
    for line in found:
        body_lines.remove(line)
    return bool(found)


def drop_author_bio(body_lines, author):
    """Remove an author box from the end of the body: "Jane Roe is a correspondent in Brussels ..."
    under the story, the byline's own name opening it. True when something went."""
    names = [name for name in AUTHOR_SEPARATORS.split(author) if len(name.split()) >= 2]
    dropped = False
    while body_lines:
        last = body_lines[-1]
        # "Mark di Stefano is a reporter ..." under a byline that spells him "Mark Di Stefano".
        opens = any(last.text.casefold().startswith(name.casefold()) for name in names)
        if not opens or len(last.text) > MAX_BIO_CHARS or (last.kind != PROSE and last.text not in names):
            break
        body_lines.pop()
        dropped = True
    return dropped


def context_day(lines, header_date):
    """The latest day the page can be from: the day it was saved, else the end of its copyright year."""
    if header_date is not None:
        return header_date
    years = [year for year in map(text_outlet.copyright_year, (line.text for line in lines[-40:])) if year]
    return date(max(years), 12, 31) if years else None


# How far above the headline a byline is looked for when none is near it.
BYLINE_REACH = 12


def read_metadata(page, lines, title_index, body_from, end, body_lines, header_date=None):
    """Author, date and outlet from the lines around the title, the body's first lines and the footer."""
    top = title_index if title_index is not None else body_from
    # The header: from a few lines above the title to the first paragraph.
    near = range(max(0, top - 3), min(len(lines), max(body_from, top) + 4))
    meta_lines = [lines[i] for i in near if lines[i].meta]
    # Then the article down to its end (an "Author:" line closes it). Not the page above the
    # header: a date in the site's top bar is today's, not the article's.
    # A teaser card's date is the teaser's.
    meta_lines += [
        line for line in lines[top : end + 1] if line.meta and line.index not in near and "card" not in line.extras
    ]
    # A byline further above the headline, across share buttons and a photo viewer but no paragraph, and
    # no other headline (the byline under a teaser's headline, or over a list of the writer's posts, is
    # not this story's).
    for i in range(near.start - 1, max(-1, top - BYLINE_REACH), -1):
        if lines[i].kind == PROSE or is_other_headline(lines[i], lines[top]):
            break
        if lines[i].meta is not None and lines[i].meta.author:
            meta_lines.append(lines[i])
            break
    page.author = next((m.meta.author for m in meta_lines if m.meta.author), None)
    page.published = text_meta.publication_date(m.meta for m in meta_lines)
    if page.published is None:
        # "March 18 at 3:57 PM": the year comes from when the page was saved or its copyright line.
        month_day = next((m.meta.month_day for m in meta_lines if m.meta.month_day), None)
        reference = context_day(lines, header_date) if month_day else None
        if reference is not None:
            page.published = in_year_of(*month_day, reference)
    if (
        page.published is None
        and header_date is None
        and any(m.meta.relative and m.index in near and is_same_day(m.text) for m in meta_lines)
    ):
        # "2 hours ago" under the headline: the story is from the day the page was shown, which its top
        # bar prints.
        page.published = top_bar_day(lines, top, context_day(lines, header_date))
    page.source = read_source(page, lines, title_index, top, end, near, meta_lines, body_lines)
    page.url = next((line.extras["url"] for line in lines[: end + 1] if "url" in line.extras), None)
    # "Chas Pravdy - 09 June 2025" names the outlet; "14/07/2025 | Edi Hoxha" under a masthead, the author.
    bare = next((m.meta.name for m in meta_lines if m.meta.name and m.index in near), None)
    if bare and page.source is None:
        page.source = bare
    elif bare and page.author is None and bare != page.source:
        # A name standing as a byline of its own beats the name in an "X - date" line, which may be
        # an outlet's ("Yahoo FinanceOctober 13, 2016" under "Ben Silverman").
        page.author = bare_name_author(lines, top, body_from, end) or bare
    if page.author is None:
        page.author = bare_name_author(lines, top, body_from, end) or blog_owner(lines)


# A caption under the photo may come before the lede.
LEDE_LINES = 2


def lede_byline(page, body_lines):
    """Take the writer's name in capitals off the front of the lede ("JANE ROE THE council ..."): it is the
    byline (unless the header gave one), not the story's text. True when a name went."""
    for line in body_lines[:LEDE_LINES]:
        if line.kind != PROSE or not line.text[:1].isupper():
            continue
        found = text_meta.glued_lede_byline(line.text)
        # "NEW YORK THE city ...": a name the story writes as a place ("in New York") is a dateline's place.
        written_as_place = found and re.compile(PLACE_WORDS + re.escape(found[0]) + r"\b")
        if found and not any(written_as_place.search(other.text) for other in body_lines):
            page.author = page.author or found[0]
            line.set_text(found[1])
            return True
    return False


# Today's date in a top bar is a short line ("Monday, 1 November 2021", "1. 11. Felix" with the name day).
MAX_TOP_BAR_WORDS = 6
# The top bar is among the page's first lines (under the skip links and the menu).
TOP_BAR_LINES = 40


def top_bar_day(lines, top, reference):
    """The day the page prints as today: the first date above the headline on a short line of its own
    that is no teaser's; a day without its year takes the year of `reference` (the copyright line)."""
    for line in lines[: min(top, TOP_BAR_LINES)]:
        if len(line.text.split()) > MAX_TOP_BAR_WORDS or "card" in line.extras or line.kind == PROSE:
            continue
        found = find_date(line.text)
        if found is not None:
            return found.day
        month_day = find_month_day(line.text)
        if month_day is not None:
            return in_year_of(*month_day[:2], reference) if reference is not None else None
    return None


def is_other_headline(line, headline):
    """A headline-like line that is not a copy of the story's own headline."""
    return (
        line.kind == SHORT
        and line.key != headline.key
        and len(line.words) >= 4
        and is_title_like(line.text)
        and is_menu_like(line)
    )


def blog_owner(lines):
    """The person a personal site's copyright line names ("© 2012 Jane Roe") when the page prints the name
    again (signing a post, in a date line): the author of its posts."""
    for line in lines[-FOOTER_LINES:]:
        owner = text_outlet.copyright_owner(line.text) if "©" in line.text or "opyright" in line.text else None
        name = owner and not owner[1] and text_meta.clean_name(owner[0])
        if not name or text_meta.looks_like_outlet(name) or has_label_word(name) or len(name.split()) > 3:
            continue
        if any(name in other.text for other in lines if other is not line):
            return name
    return None


FOOTER_LINES = 40


# Copyright, "Source:" and "Read more on" lines are short.
MAX_CREDIT_WORDS_LINE = 20
# The masthead is the first line of the page that is not skip links or a menu button.
MASTHEAD_LINES = 3


def read_source(page, lines, title_index, top, end, near, meta_lines, body_lines):
    """The outlet most signals agree on: bylines and datelines, "X reports", copyright lines, the masthead
    and the names the site's chrome repeats."""
    # A wire agency beside the date ("AFP 30 avril 2015") credits the story, not the site that runs it.
    sources = [
        (1 if text_meta.AGENCIES.match(m.meta.outlet) else 5 if m.index in near else 1, m.meta.outlet)
        for m in meta_lines
        if m.meta.outlet
    ]
    # A masthead: the page's first line, heavier when it reads like an outlet ("THE HARBOR TIMES"), or
    # an outlet-like line just above the headline.
    for line in lines[: min(MASTHEAD_LINES, top)]:
        if line.kind == SHORT and 0 < len(line.words) <= 5:
            sources.append((2 if text_meta.looks_like_outlet(line.text) else 1, text_outlet.clean(line.text)))
            break
    for line in lines[max(0, top - MASTHEAD_LINES) : top]:
        if line.kind == SHORT and len(line.words) <= 5 and text_meta.looks_like_outlet(line.text):
            sources.append((2, text_outlet.clean(line.text)))
    # A breadcrumb above the headline starts at the site ("Lakeside Courier > News > 2025 > Headline").
    for line in lines[max(0, top - TITLE_WINDOW) : top + 1]:
        crumbs = CRUMB_ARROWS.split(line.text)
        if len(crumbs) >= 3 and len(line.text) <= MAX_TITLE_CHARS:
            sources.append((2, text_outlet.clean(crumbs[0])))
            break
    if body_lines:
        sources.append((4, text_meta.dateline_source(body_lines[0].text)))
        for line in body_lines[:2]:
            sources.append((3, text_meta.lede_source(line.text)))
    outside = lines[: top if title_index is not None else 0] + lines[end:]
    for line in lines:
        owner = text_outlet.copyright_owner(line.text)
        if owner:
            sources.append((1 if owner[1] else 2, owner[0]))
        if len(line.words) > MAX_CREDIT_WORDS_LINE:
            continue
        read_more = text_meta.read_more_source(line.text)
        sources.append((2, read_more and text_outlet.clean(read_more)))
        sources.append((1, text_meta.source_label(line.text)))
        credit = text_meta.glued_credit(line.text)
        if credit:
            sources.append((1, credit[0]))
    # The site naming itself in its chrome ("Follow X", "About X", "X is a ... network"), and its name
    # standing alone on the lines of its logo and menus.
    # Credits and boxes inside the story's stretch count too, its paragraphs do not.
    kept = {id(line) for line in body_lines}
    boxes = [line for line in lines[top:end] if id(line) not in kept and line.kind != PROSE]
    chrome = text_outlet.chrome_votes([line.text for line in outside + boxes])
    for votes, name in chrome.values():
        sources.append((votes, name))
    for line in outside:
        backed = chrome.get(text_outlet.key(line.text))
        if line.kind == SHORT and len(line.words) <= 4 and backed and backed[0] > 1:
            sources.append((1, line.text))
    # Last and lightest: the page's own furniture naming an outlet ("Speaking with the Kyiv Ledger ...").
    for line in outside:
        if line.kind == PROSE:
            sources.extend((1, name) for name in text_meta.outlets_named_in(line.text))
    if page.title:
        page.title, title_outlet = text_meta.split_title(page.title, [name for _, name in sources if name])
        sources.append((3, title_outlet))
    return spelled_out(pick_source(sources), lines)


ACRONYM = re.compile(r"[A-Z]{2,6}")
# Words an organisation's initials leave out: "American Civil Liberties Union" is ACLU, "Bank of X" BoX.
SMALL_WORDS = frozenset(["of", "the", "for", "and", "&", "on", "in", "de", "du", "des", "la", "le", "für", "und"])


def spelled_out(name, lines):
    """The outlet's full name when it won as its initials and the page prints the name those initials
    stand for on a line of its own (a masthead, a footer): "ACLU" -> "American Civil Liberties Union"."""
    if not name or not ACRONYM.fullmatch(name):
        return name
    for line in lines:
        words = line.text.split()
        if line.kind != SHORT or not len(name) <= len(words) <= len(name) + 3:
            continue
        initials = "".join(w[0] for w in words if w.casefold() not in SMALL_WORDS)
        if initials == name and all(w[0].isupper() for w in words if w.casefold() not in SMALL_WORDS):
            return line.text
    return name
