"""Find the article's main text in a parsed page by content scoring.

The approach is Readability.js's: every paragraph scores by its length and
commas, the score flows to its parent and, decreasing, to older ancestors; the
best-scoring container (discounted by how much of its text is links) is the
article, joined by siblings that score or read like text. Page furniture is
removed before scoring, and again, by hint and by text/link density, inside
the chosen article.

All walks over the tree are loops, never recursion, and each pass is linear in
the number of elements, so a deep or huge page costs time in proportion to its
size and cannot overflow the stack.
"""

import copy
import re
from dataclasses import dataclass

from .html_furniture import (
    ARTICLE_FURNITURE,
    BLOCK_TAGS,
    DIV_LIKE,
    HEADINGS,
    JUNK_TAGS,
    ROLES_NOT_CONTENT,
    SHELL_TAGS,
    class_weight,
    is_furniture_line,
    is_hidden,
    looks_unlikely,
)
from .html_render import SILENT_TAGS, render
from .html_tree import ELEMENTS, attr_hints, is_element, tag_set

# A short result means the page defeated the first, strict attempt.
ENOUGH_CHARS = 500
# An element holding this share of the page's text outside links is the article
# (or wraps it), whatever its tag or class says.
HOLDS_ARTICLE = 0.5
EMBED_TAGS = tag_set("iframe embed object")
SCORED_TAGS = tag_set("p pre h2 h3 h4 h5 h6")
LOOSE_TEXT_HOLDERS = DIV_LIKE | {"td"}
TAG_BASE_SCORE = {
    "div": 5,
    "article": 5,
    "main": 5,
    "section": 5,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "address": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "li": -3,
    "form": -3,
    "h1": -5,
    "h2": -5,
    "h3": -5,
    "h4": -5,
    "h5": -5,
    "h6": -5,
    "th": -5,
}
SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)")
COMMAS = (",", "，", "、", "،")  # counted one by one in _count_commas


@dataclass(frozen=True)
class Attempt:
    """Which of the strict steps to take; later attempts relax them."""

    strip_unlikely: bool = True
    weight_classes: bool = True
    clean_conditionally: bool = True


ATTEMPTS = (
    Attempt(),
    Attempt(strip_unlikely=False),
    Attempt(strip_unlikely=False, weight_classes=False),
    Attempt(strip_unlikely=False, weight_classes=False, clean_conditionally=False),
)


class Stat:
    """Text measures of one element and everything inside it."""

    __slots__ = (
        "chars",
        "links",
        "commas",
        "paras",
        "para_chars",
        "imgs",
        "lis",
        "inputs",
        "embeds",
        "headings",
        "block",
        "loose",
        "loose_commas",
    )

    def __init__(self):
        self.chars = 0  # visible text length
        self.links = 0.0  # text length inside links (in-page anchors count less)
        self.commas = 0
        self.paras = 0  # <p> and divs that read as paragraphs
        self.para_chars = 0  # text length inside <p>
        self.imgs = 0
        self.lis = 0
        self.inputs = 0
        self.embeds = 0
        self.headings = 0  # text length inside headings
        self.block = False  # holds a block element somewhere below
        self.loose = 0  # text directly inside, outside any block child
        self.loose_commas = 0

    def subtract(self, other):
        for name in ("chars", "links", "commas", "paras", "para_chars", "imgs", "lis", "inputs", "embeds", "headings"):
            setattr(self, name, getattr(self, name) - getattr(other, name))

    @property
    def link_density(self):
        return min(self.links / self.chars, 1.0) if self.chars else 0.0


def _count_commas(text):
    return text.count(",") + text.count("，") + text.count("、") + text.count("،")


def measure(root):
    """Stat of every element under root, children before parents (one linear pass)."""
    stats = {}
    for el in reversed(list(root.iter(ELEMENTS))):
        stats[el] = _measure_one(el, stats)
    return stats


def _measure_one(el, stats):
    """The Stat of `el` from its own text and tails and the Stats of its children."""
    st = Stat()
    tag = el.tag
    text = el.text
    own = text.strip() if text and tag not in SILENT_TAGS else ""
    loose = len(own)
    commas = loose_commas = _count_commas(own) if own else 0
    chars = loose
    for child in el:
        tail = child.tail
        if tail:
            tail = tail.strip()
            if tail:
                loose += len(tail)
                chars += len(tail)
                tail_commas = _count_commas(tail)
                commas += tail_commas
                loose_commas += tail_commas
        cst = stats.get(child)
        if cst is None:
            continue
        chars += cst.chars
        commas += cst.commas
        st.links += cst.links
        st.paras += cst.paras
        st.para_chars += cst.para_chars
        st.imgs += cst.imgs
        st.lis += cst.lis
        st.inputs += cst.inputs
        st.embeds += cst.embeds
        st.headings += cst.headings
        if cst.block or child.tag in BLOCK_TAGS:
            st.block = True
        else:
            loose += cst.chars
            loose_commas += cst.commas
    st.chars = chars
    st.commas = commas
    st.loose = loose
    st.loose_commas = loose_commas
    if tag == "a":
        href = el.get("href") or ""
        st.links = chars * (0.3 if href.startswith("#") else 1.0)
    elif tag == "p" or (tag in DIV_LIKE and not st.block and chars):
        st.paras += 1
        if tag == "p":
            st.para_chars = chars
    elif tag == "img":
        st.imgs += 1
    elif tag == "li":
        st.lis += 1
    elif tag == "input":
        st.inputs += 1
    elif tag in EMBED_TAGS:
        st.embeds += 1
    elif tag in HEADINGS:
        st.headings = chars
    return st


def _children(el):
    return [child for child in el if is_element(child)]


# A sign-up or search box holds a form and a label of a few words.
FORM_LABEL_CHARS = 200


def strip_furniture(body, attempt):
    """Remove what is never article text: scripts, hidden parts, page shell, unlikely blocks.

    Returns the Stats of what is left, as `measure(body)` would."""
    stats = measure(body)
    page_text = _plain_chars(stats[body])

    def holds_article(el):
        return page_text > 0 and _plain_chars(stats[el]) >= HOLDS_ARTICLE * page_text

    def form_box(form):
        """The box a form sits in with its few words ("Sign up for our newsletter", "Search the site")."""
        box, parent = form, form.getparent()
        while (
            parent is not None
            and parent is not body
            and stats[parent].chars - stats[form].chars < FORM_LABEL_CHARS
            and not holds_article(parent)
        ):
            box, parent = parent, parent.getparent()
        return box

    doomed, gone = [], set()
    stack = _children(body)[::-1]
    while stack:
        el = stack.pop()
        if el.getparent() in gone:
            gone.add(el)
            continue
        tag = el.tag
        if tag in JUNK_TAGS or is_hidden(el):
            doomed.append(el)
            continue
        role = el.get("role")
        shell = tag in SHELL_TAGS or (role is not None and role in ROLES_NOT_CONTENT)
        if shell and not holds_article(el) and not _inside(el, ("table", "code", "pre")):
            box = form_box(el) if tag == "form" else el
            doomed.append(box)
            gone.add(box)
            continue
        # No such guard for class hints: a comment thread can hold more text
        # than the article. A wrapper removed by mistake makes the attempt come
        # up short, and the next attempt keeps unlikely blocks.
        if (
            attempt.strip_unlikely
            and tag not in ("article", "main", "a", "body")
            and looks_unlikely(attr_hints(el))
            and not _inside(el, ("table", "code", "pre"))
        ):
            doomed.append(el)
            continue
        stack.extend(_children(el)[::-1])
    # Only the elements above a removed one measure differently afterwards: they are measured
    # again, deepest first, and the rest keep their Stat (measuring the whole page twice was
    # the stripper's largest cost on long pages).
    depth_of = {}
    for el in doomed:
        chain = []
        parent = el.getparent()
        while parent is not None:
            chain.append(parent)
            if parent is body:
                break
            parent = parent.getparent()
        for i, ancestor in enumerate(chain):
            depth_of[ancestor] = len(chain) - i
        for gone in el.iter(ELEMENTS):
            stats.pop(gone, None)
        el.drop_tree()
    for el in sorted(depth_of, key=depth_of.get, reverse=True):
        stats[el] = _measure_one(el, stats)
    return stats


def _plain_chars(st):
    """Text outside links: what a reader reads rather than clicks."""
    return st.chars - st.links


def _inside(el, tags):
    parent = el.getparent()
    depth = 0
    while parent is not None and depth < 4:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
        depth += 1
    return False


def _ancestors(el, limit=None):
    found = []
    parent = el.getparent()
    while parent is not None and (limit is None or len(found) < limit):
        found.append(parent)
        parent = parent.getparent()
    return found


def score_candidates(body, stats, attempt):
    """Content score of each container, already discounted by its link density."""
    scores = {}
    for el in body.iter(ELEMENTS):
        st = stats.get(el)
        if st is None:
            continue
        tag = el.tag
        if tag in SCORED_TAGS or (tag in DIV_LIKE and not st.block):
            chars, commas, first = st.chars, st.commas, el.getparent()
        elif tag in LOOSE_TEXT_HOLDERS and st.loose >= 25:
            # Text sitting loose in a div or a layout cell (lines split by <br>,
            # next to blocks) reads as a paragraph of that element.
            chars, commas, first = st.loose, st.loose_commas, el
        else:
            continue
        if chars < 25 or first is None:
            continue
        points = 1 + commas + min(chars // 100, 3)
        ancestor, level = first, 0
        while ancestor is not None and level < 5 and ancestor.tag != "html":
            if ancestor not in scores:
                scores[ancestor] = _initial_score(ancestor, attempt)
            scores[ancestor] += points / (1 if level == 0 else 2 if level == 1 else level * 3)
            ancestor, level = ancestor.getparent(), level + 1
    return {el: score * (1 - stats[el].link_density) for el, score in scores.items() if el in stats}


def _initial_score(el, attempt):
    score = TAG_BASE_SCORE.get(el.tag, 0)
    if attempt.weight_classes:
        score += class_weight(attr_hints(el))
    return score


def choose_article(body, stats, scores, attempt):
    """The elements that make up the article: the best container and its worthy siblings."""
    if not scores:
        return [body]
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:5]
    top, top_score = ranked[0]
    if top.tag in ("body", "html"):
        return [body]
    # Several near-best candidates under one ancestor: the article is split up and that ancestor holds it all.
    # (Candidates inside the top one are part of it already and say nothing about its ancestors.)
    alternatives = [
        ancestors
        for el, score in ranked[1:]
        if top_score and score / top_score >= 0.75 and top not in (ancestors := set(_ancestors(el)))
    ]
    if len(alternatives) >= 3:
        parent = top.getparent()
        while parent is not None and parent.tag not in ("body", "html"):
            if sum(parent in ancestors for ancestors in alternatives) >= 3:
                top = parent
                break
            parent = parent.getparent()
    # A parent that scores better than the candidate holds more of the article.
    parent = top.getparent()
    last = scores.get(top, top_score)
    threshold = last / 3
    while parent is not None and parent.tag not in ("body", "html"):
        parent_score = scores.get(parent)
        if parent_score is None:
            parent = parent.getparent()
            continue
        if parent_score < threshold:
            break
        if parent_score > last:
            top = parent
            break
        last = parent_score
        parent = parent.getparent()
    parent = top.getparent()
    while parent is not None and parent.tag not in ("body", "html") and len(_children(parent)) == 1:
        top, parent = parent, parent.getparent()
    if parent is None:
        return [top]
    top_score = scores.get(top) or _initial_score(top, attempt)
    threshold = max(10, top_score * 0.2)
    top_class = top.get("class")
    chosen = []
    for sibling in _children(parent):
        if sibling is top:
            chosen.append(sibling)
            continue
        same_class = bool(top_class) and sibling.get("class") == top_class
        bonus = top_score * 0.2 if same_class else 0
        if (
            (sibling in scores and scores[sibling] + bonus >= threshold)
            or _reads_as_paragraph(sibling, stats)
            or _reads_as_text(sibling, stats, 200 if same_class else 500)
        ):
            chosen.append(sibling)
    return chosen


def _reads_as_paragraph(el, stats):
    st = stats.get(el)
    if st is None or not (el.tag == "p" or (el.tag in DIV_LIKE and not st.block)):
        return False
    density = st.link_density
    if st.chars > 80:
        return density < 0.25
    return st.chars > 0 and density == 0 and bool(SENTENCE_END.search(el.text_content()))


def _reads_as_text(el, stats, min_chars):
    """Mostly paragraphs, few links: one more section of a long article, too deep to have been scored."""
    st = stats.get(el)
    return st is not None and st.para_chars >= min_chars and st.para_chars >= 0.5 * st.chars and st.link_density < 0.25


def _drop(el, stats):
    """Remove el, keeping its tail text and the measures of its ancestors right."""
    st = stats.get(el)
    if st is not None:
        for ancestor in _ancestors(el):
            ancestor_st = stats.get(ancestor)
            if ancestor_st is not None:
                ancestor_st.subtract(st)
    el.drop_tree()


def strip_article_furniture(roots, stats, attempt):
    """Remove captions, bylines, share bars, teasers and link lists from inside the article."""
    article_text = sum(_plain_chars(stats[root]) for root in roots if root in stats)
    doomed = []
    stack = [child for root in reversed(roots) for child in reversed(_children(root))]
    while stack:
        el = stack.pop()
        tag = el.tag
        st = stats.get(el)
        if st is None:
            continue
        if tag == "figcaption" or (tag in SHELL_TAGS and _plain_chars(st) < HOLDS_ARTICLE * article_text):
            doomed.append(el)
            continue
        hints = attr_hints(el)
        if hints and (tag in BLOCK_TAGS or st.block) and ARTICLE_FURNITURE.search(hints) and st.chars < 250:
            doomed.append(el)
            continue
        if tag in ("h1", "h2", "h3") and attempt.weight_classes and class_weight(hints) < 0:
            doomed.append(el)
            continue
        stack.extend(reversed(_children(el)))
    for el in doomed:
        _drop(el, stats)


def _is_data_table(table):
    if table.get("role") == "presentation":
        return False
    if table.find(".//table") is not None:
        return False
    if table.find("caption") is not None or table.find(".//th") is not None or table.find(".//thead") is not None:
        return True
    rows = table.findall(".//tr")
    if len(rows) >= 10:
        return True
    columns = max((len(row.findall("td")) for row in rows), default=0)
    return columns > 4 or len(rows) * columns > 10


CONDITIONAL_TAGS = tag_set("table ul div section form fieldset")


def clean_conditionally(roots, stats, scores, attempt):
    """Readability's last pass: drop blocks that look like link lists, image galleries or widgets."""
    nodes = [el for root in roots for el in root.iter(*CONDITIONAL_TAGS) if el not in roots]
    for el in reversed(nodes):
        st = stats.get(el)
        if st is None or el.getparent() is None:
            continue
        tag = el.tag
        if tag == "table" and _is_data_table(el):
            continue
        if _inside(el, ("code", "pre")):
            continue
        weight = class_weight(attr_hints(el)) if attempt.weight_classes else 0
        # A list's own score starts negative (Readability's tag weights); only its
        # class can condemn it here.
        score = max(scores.get(el, 0), 0) if tag == "ul" else scores.get(el, 0)
        if weight + score < 0:
            _drop(el, stats)
            continue
        if st.commas >= 10:
            continue
        if _looks_like_widget(el, st, weight, stats):
            _drop(el, stats)


def _looks_like_widget(el, st, weight, stats):
    is_list = el.tag in ("ul", "ol")
    paras = st.paras
    if not is_list and st.chars:
        list_chars = sum(stats[item].chars for item in el.iter("ul", "ol") if item is not el and item in stats)
        is_list = list_chars / st.chars > 0.9
    heading_density = st.headings / st.chars if st.chars else 0
    density = st.link_density
    in_figure = _inside(el, ("figure",))
    remove = (
        (st.imgs > 1 and paras / st.imgs < 0.5 and not in_figure)
        or (not is_list and st.lis - 100 > paras)
        or (st.inputs > paras // 3)
        or (
            not is_list
            and heading_density < 0.9
            and st.chars < 25
            and (st.imgs == 0 or st.imgs > 2)
            and density > 0
            and not in_figure
        )
        or (not is_list and weight < 25 and density > 0.2)
        or (weight >= 25 and density > 0.5)
        or (st.embeds == 1 and st.chars < 75)
        or st.embeds > 1
    )
    if remove and is_list:
        # A plain list of pictures is content.
        items = _children(el)
        if items and all(len(_children(li)) == 1 and li.find(".//img") is not None for li in items):
            return False
    return remove


# Retrying relaxed attempts re-walks the whole page; past this size a page is
# not an article with odd markup but a dump, and one attempt is enough.
MAX_RETRY_ELEMENTS = 100_000


def extract_paragraphs(body, title=None, author=None):
    """The article's paragraphs; an empty list when the page has no text.

    The strict attempt usually does; when it finds less than ENOUGH_CHARS the
    relaxed ones run on fresh copies and the longest result wins.
    """
    best, best_length = [], -1
    elements = len(list(body.iter()))
    attempts = ATTEMPTS if elements <= MAX_RETRY_ELEMENTS else ATTEMPTS[:1]
    for number, attempt in enumerate(attempts):
        tree = body if number == len(attempts) - 1 else copy.deepcopy(body)
        paragraphs = _without_furniture_lines(_attempt(tree, attempt), title, author)
        length = sum(len(p) for p in paragraphs)
        if length >= ENOUGH_CHARS:
            return paragraphs
        if length > best_length:
            best, best_length = paragraphs, length
    return best


def _without_furniture_lines(paragraphs, title, author):
    kept = []
    for paragraph in paragraphs:
        lines = [line for line in paragraph.split("\n") if not is_furniture_line(line, title, author)]
        if lines:
            kept.append("\n".join(lines))
    return kept


def _attempt(body, attempt):
    stats = strip_furniture(body, attempt)
    scores = score_candidates(body, stats, attempt)
    roots = choose_article(body, stats, scores, attempt)
    strip_article_furniture(roots, stats, attempt)
    if attempt.clean_conditionally:
        clean_conditionally(roots, stats, scores, attempt)
    return render(roots, stats)
