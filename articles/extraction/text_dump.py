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

import re
import statistics
from dataclasses import dataclass, field

from . import furniture, text_meta
from .dates import parse_date
from .page import ExtractedPage
from .text_language import guess_language

HEADER_DATE = re.compile(r"^\ufeff?\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*")
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
WORD = re.compile(r"[^\W\d_][\w'’.-]*")
TERMINAL = re.compile(r"[.!?…;:][\"'”’»)\]]*$|[.!?…][\"'”’»)\]]+\W*$")
BULLET = re.compile(r"^\s*(?:[-–—•*·▪►>]|\d{1,2}[.)])\s+")
# Title lines do not end in a full stop, even inside a closing quote (but may end in ? or !).
NOT_TITLE_END = re.compile(r"[.;,:…][\"'”’»)\]]*$")

MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|/)[^)]*\)")
MD_HEADING = re.compile(r"^#{1,6}\s+")
MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
URL_LINE = re.compile(r"^(?:(?:url|link|source|permalink|canonical)\s*:\s*)?<?(https?://\S+?)>?$", re.IGNORECASE)

NON_WORD = re.compile(r"\W+")

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
    kind: str = SHORT
    meta: text_meta.LineMeta | None = None
    extras: dict = field(default_factory=dict)

    @property
    def words(self):
        return WORD.findall(self.text)

    @property
    def key(self):
        return normalise_key(self.text)


def normalise_key(text):
    return NON_WORD.sub(" ", furniture.normalise(text).casefold()).strip()


def is_sentence_like(text):
    words = WORD.findall(text)
    if not words:
        return False
    lower = sum(1 for w in words if w[0].islower())
    if len(words) >= 3 and TERMINAL.search(text) and lower >= 1:
        return True
    # Long lines without a final stop are still running text when most words are lower case.
    return len(words) >= 15 and lower / len(words) >= 0.4


def is_title_like(text):
    words = WORD.findall(text)
    if not 2 <= len(words) <= 60 or len(text) > MAX_TITLE_CHARS:
        return False
    if BULLET.match(text) or NOT_TITLE_END.search(text.strip()):
        return False
    first = text.lstrip("\"'“‘«(")[:1]
    return first.isupper() or first.isdigit()


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


def is_tag_list(text):
    """ "News Feed, Ukraine, NATO, Mark Rutte, The Hague": a row of capitalised tags."""
    parts = [p.strip() for p in re.split(r"\s*[,|·•/]\s*", text) if p.strip()]
    if len(parts) < 4 or TERMINAL.search(text):
        return False
    return all(len(p.split()) <= 4 and p[0].isupper() for p in parts)


def unmark(line):
    """Plain text from a Markdown-flavoured dump line: no heading marks, emphasis or link targets."""
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
        stripped = unmark(re.sub(r"[ \t]+", " ", raw).strip())
        if not stripped:
            blank = True
            continue
        lines.append(Line(stripped, len(lines), blank_before=blank))
        blank = False
    return lines, header_date


def classify(line):
    url = URL_LINE.match(line.text)
    if url:
        line.kind = DROP
        line.extras["url"] = url.group(1)
        return
    kind = furniture.classify(line.text)
    meta = text_meta.parse_meta(line.text)
    if kind == furniture.STOP or (meta is not None and meta.kind == "author"):
        # "Author: Jane Doe" usually closes the article, and still names the author.
        line.meta = meta
        line.kind = STOP
        return
    if meta is not None:
        line.meta = meta
        line.kind = META
        return
    if kind == furniture.DROP or is_tag_list(line.text):
        line.kind = DROP
        return
    line.kind = PROSE if is_sentence_like(line.text) else SHORT


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
            prev.text = f"{prev.text} {line.text}"
            classify(prev)
            continue
        out.append(line)
    for i, line in enumerate(out):
        line.index = i
    return out


def main_run(lines):
    """(start, end) of the run of lines holding the most prose."""
    best, best_score = (0, len(lines)), -1
    start, score, shorts = 0, 0, 0

    def close(end):
        nonlocal best, best_score
        if score > best_score:
            best, best_score = (start, end), score

    for i, line in enumerate(lines):
        if line.kind == STOP:
            close(i)
            start, score, shorts = i + 1, 0, 0
            continue
        if line.kind == SHORT and is_menu_like(line):
            shorts += 1
            if shorts == MENU_RUN:
                close(i - shorts + 1)
            if shorts >= MENU_RUN:
                # The last line of a menu may be the headline: the next run starts there.
                start, score = i, 0
            continue
        if line.kind == PROSE:
            score += len(line.text)
        shorts = 0
    close(len(lines))
    return best


def find_title(lines, start, end):
    """(title line index, index after which the body starts) or (None, first prose index)."""
    # The first paragraph: prose that could not be a headline ("...: what lies ahead?" could).
    first_prose = next((i for i in range(start, end) if is_paragraph(lines[i])), start)
    # a. The line above the byline or "Outlet - date" line, skipping captions and a standfirst.
    for i in range(max(0, start - 4), min(end, first_prose + 4)):
        if lines[i].meta is None or i >= first_prose and lines[i].kind != META:
            continue
        for j in range(i - 1, max(-1, i - 5), -1):
            if lines[j].kind in (DROP, META) or lines[j].meta:
                continue
            if is_title_like(lines[j].text):
                body_start = i
                while body_start + 1 < end and (
                    lines[body_start + 1].kind in (META, DROP) or lines[body_start + 1].meta
                ):
                    body_start += 1
                return j, body_start
            if lines[j].kind != PROSE:
                break
    # b. A headline the page prints twice: the body follows its last copy before the text.
    search_end = min(end, first_prose + 6)
    seen = {}
    for i in range(0, search_end):
        if lines[i].kind in (SHORT, PROSE) and is_title_like(lines[i].text):
            seen.setdefault(lines[i].key, []).append(i)
    repeated = [
        idx for idx in seen.values() if len(idx) > 1 and len(lines[idx[0]].words) >= 3 and leads_text(lines, idx[-1])
    ]
    if repeated:
        idx = min(repeated, key=lambda found: found[0])
        return idx[0], idx[-1]
    # c. The headline-like line right above the first paragraph.
    for j in range(first_prose - 1, -1, -1):
        if lines[j].kind in (DROP, META) or lines[j].meta:
            continue
        if lines[j].kind in (SHORT, PROSE) and is_title_like(lines[j].text):
            return j, j
        break
    return None, first_prose - 1


def leads_text(lines, i):
    """Whether a paragraph or byline follows line i (captions and chrome aside)."""
    for line in lines[i + 1 : i + 6]:
        if line.kind in (PROSE, META):
            return True
        if line.kind != DROP:
            return False
    return False


def is_card_credit(line):
    """The last line of a teaser card: outlet and/or author, maybe glued together."""
    if line.kind != SHORT or len(line.words) > 8:
        return False
    return bool(text_meta.glued_credit(line.text) or text_meta.clean_name(line.text))


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
        packed = spaced and not any(line.blank_before for line in kept[i + 1 : j + 1])
        if (
            text_meta.glued_credit(credit.text)
            or packed
            or (is_card_credit(credit) and (after is None or after.kind != PROSE))
        ):
            del kept[i : j + 1]
            continue
        i += 1


def clean_body(lines, title_key):
    """Keep paragraphs and headings; drop repeats, teaser cards and trailing short lines."""
    kept, keys, seen = [], [], set()
    for line in lines:
        if line.kind in (DROP, META, STOP):
            continue
        key = line.key  # worked out once here: each key is compared with every other below
        if key == title_key or not key:
            continue
        if key in seen:
            continue
        seen.add(key)
        kept.append(line)
        keys.append(key)
    # A standfirst or teaser that repeats part of a longer paragraph ("The talks began…").
    kept = [
        line
        for i, (line, key) in enumerate(zip(kept, keys, strict=True))
        if len(key) < 50 or not any(j != i and len(k) > len(key) and key in k for j, k in enumerate(keys))
    ]
    remove_cards(kept)
    # Headings stay only when a paragraph follows; short lines that are not headings go.
    out = []
    for i, line in enumerate(kept):
        if line.kind == PROSE:
            out.append(line)
            continue
        if is_list_item(line) and out and (out[-1].kind == PROSE or is_list_item(out[-1])):
            out.append(line)
            continue
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        if nxt is not None and nxt.kind == PROSE and is_title_like(line.text) and len(line.words) <= 20:
            out.append(line)
    while out and out[-1].kind != PROSE and not (is_list_item(out[-1]) and len(out) > 1):
        out.pop()
    return out


def pick_source(candidates):
    """The outlet most signals agree on; the heavier signal wins a tie."""
    scores, spelling = {}, {}
    for weight, name in candidates:
        if not name:
            continue
        key = name.casefold().removeprefix("the ").strip()
        scores[key] = scores.get(key, 0) + weight
        # Prefer the fuller spelling ("The Kyiv Ledger" over "Kyiv Ledger").
        if len(name) > len(spelling.get(key, "")):
            spelling[key] = name
    if not scores:
        return None
    return spelling[max(scores, key=scores.get)]


def merge_dates(header, found):
    """The ` date` header is the day; a byline on that day adds the time."""
    if header is None:
        return found
    if found is not None and hasattr(found, "hour") and found.date() == header:
        return found
    return header


def extract_text(text):
    lines, header_date = read_lines(text)
    for line in lines:
        classify(line)
    lines = unwrap(lines)
    if not lines:
        return ExtractedPage(published=header_date)
    start, end = main_run(lines)
    title_index, body_from = find_title(lines, start, end)
    title_key = lines[title_index].key if title_index is not None else None
    body_lines = clean_body(lines[body_from + 1 : end], title_key)
    page = ExtractedPage(
        title=lines[title_index].text if title_index is not None else None,
        body="\n\n".join(line.text for line in body_lines),
    )
    read_metadata(page, lines, title_index, body_from, end, body_lines)
    page.language = guess_language(page.body)
    page.published = merge_dates(header_date, page.published)
    return page


def read_metadata(page, lines, title_index, body_from, end, body_lines):
    """Author, date and outlet from the lines around the title, the body's first lines and the footer."""
    top = title_index if title_index is not None else body_from
    # The header: from a few lines above the title to the first paragraph.
    near = range(max(0, top - 3), min(len(lines), max(body_from, top) + 4))
    meta_lines = [lines[i] for i in near if lines[i].meta]
    # Then the article down to its end (an "Author:" line closes it). Not the page above the
    # header: a date in the site's top bar is today's, not the article's.
    meta_lines += [line for line in lines[top : end + 1] if line.meta and line.index not in near]
    page.author = next((m.meta.author for m in meta_lines if m.meta.author), None)
    page.published = next((m.meta.published for m in meta_lines if m.meta.published), None)

    sources = [(5 if m.index in near else 2, m.meta.outlet) for m in meta_lines if m.meta.outlet]
    # A masthead: an outlet-like short line above the title.
    for line in lines[: top if title_index is not None else 0]:
        if line.kind == SHORT and len(line.words) <= 5 and text_meta.looks_like_outlet(line.text):
            sources.append((2, text_meta.clean_outlet(line.text)))
    if body_lines:
        sources.append((4, text_meta.dateline_source(body_lines[0].text)))
        for line in body_lines[:2]:
            sources.append((3, text_meta.lede_source(line.text)))
    for line in lines:
        sources.append((2, text_meta.read_more_source(line.text)))
        sources.append((3, text_meta.copyright_source(line.text)))
        sources.append((1, text_meta.source_label(line.text)))
        credit = text_meta.glued_credit(line.text)
        if credit:
            sources.append((1, credit[0]))
    # Last and lightest: the page's own furniture naming an outlet ("Speaking with the Kyiv Ledger ...").
    outside = lines[: top if title_index is not None else 0] + lines[end:]
    for line in outside:
        if line.kind == PROSE:
            sources.extend((1, name) for name in text_meta.outlets_named_in(line.text))
    if page.title:
        page.title, title_outlet = text_meta.split_title(page.title, [name for _, name in sources if name])
        sources.append((3, title_outlet))
    page.source = pick_source(sources)
    page.url = next((line.extras["url"] for line in lines[: end + 1] if "url" in line.extras), None)
    # "Chas Pravdy - 09 June 2025" names the outlet; "14/07/2025 | Edi Hoxha" under a masthead, the author.
    bare = next((m.meta.name for m in meta_lines if m.meta.name and m.index in near), None)
    if bare and page.source is None:
        page.source = bare
    elif bare and page.author is None and bare != page.source:
        page.author = bare
