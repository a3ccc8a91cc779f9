"""Turn the chosen article elements into paragraphs of plain text.

Blocks (p, div, li, headings, table rows...) become paragraphs, inline text
flows into them, one <br> breaks a line and two end a paragraph, a table row
reads "cell | cell", <pre> keeps its lines. The walk is a loop over an
explicit stack, so nesting depth does not matter.
"""

import re

from .html_furniture import BLOCK_TAGS
from .html_tree import is_element, squash, tag_set

# Tags whose contents are never article text (they may be kept for counting).
SILENT_TAGS = tag_set("img picture iframe embed object input br hr wbr")

# Between the links of a breadcrumb or a share bar there are only separators.
TEXT_BETWEEN_LINKS = re.compile(r"[^\s|>»·•/,:;–—-]")


class _Flow:
    """Text as it flows out of the article: inline pieces, lines at <br>, paragraphs at blocks.

    A line made of two or more links with nothing but separators between them
    (a breadcrumb, a row of share links) is dropped here, where it is still
    known which words were links.
    """

    def __init__(self):
        self.paragraphs = []
        self.lines = []
        self.pieces = []
        self.links = 0
        self.text_outside_links = False

    def add(self, text, in_link):
        self.pieces.append(text)
        if not in_link and not self.text_outside_links and TEXT_BETWEEN_LINKS.search(text):
            self.text_outside_links = True

    def add_cell_separator(self):
        # A table row of links is data, not navigation.
        self.pieces.append(" | ")
        self.text_outside_links = True

    def start_link(self):
        self.links += 1

    def _close_line(self):
        """Move the pending pieces into a line; False when they held no text."""
        line = squash("".join(self.pieces))
        navigation = self.links >= 2 and not self.text_outside_links
        self.pieces.clear()
        self.links = 0
        self.text_outside_links = False
        if not line:
            return False
        if not navigation:
            self.lines.append(line)
        return True

    def line_break(self):
        if not self._close_line():
            # Two breaks in a row end a paragraph.
            self.end_paragraph()

    def end_paragraph(self):
        self._close_line()
        if self.lines:
            self.paragraphs.append("\n".join(self.lines))
            self.lines = []

    def has_text(self):
        return bool(self.lines) or any(piece.strip() for piece in self.pieces)


def render(roots, stats):
    """The paragraphs of the article elements: blocks become paragraphs, inline text flows."""
    flow = _Flow()
    links = 0  # how many <a> the text being read is inside
    root_set = set(roots)
    stack = [(root, False) for root in reversed(roots)]
    while stack:
        el, closing = stack.pop()
        if closing:
            if el.tag == "a":
                links -= 1
            if _is_block(el, stats):
                flow.end_paragraph()
            if el.tail and el not in root_set:
                flow.add(el.tail, links > 0)
            continue
        if not is_element(el):
            if el.tail:
                flow.add(el.tail, links > 0)
            continue
        tag = el.tag
        if tag in SILENT_TAGS or tag == "pre":
            if tag == "br":
                flow.line_break()
            elif tag in ("hr", "pre"):
                flow.end_paragraph()
            if tag == "pre":
                code = _preformatted(el)
                if code:
                    flow.paragraphs.append(code)
            if el.tail and el not in root_set:
                flow.add(el.tail, links > 0)
            continue
        if _is_block(el, stats):
            flow.end_paragraph()
        elif tag in ("td", "th") and flow.has_text():
            flow.add_cell_separator()
        if tag == "a":
            links += 1
            flow.start_link()
        if el.text:
            flow.add(el.text, links > 0)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    flow.end_paragraph()
    return flow.paragraphs


def _is_block(el, stats):
    # A table cell is a block only when it holds blocks (a layout table);
    # otherwise it is one cell of a row.
    tag = el.tag
    if tag in ("td", "th"):
        st = stats.get(el)
        return st is not None and st.block
    return tag in BLOCK_TAGS


def _preformatted(el):
    lines = [line.rstrip() for line in el.text_content().replace("\r\n", "\n").split("\n")]
    return "\n".join(line for line in lines if line.strip())
