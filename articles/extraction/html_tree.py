"""Parse a page into an lxml tree that stays usable on hostile input.

libxml2 stops building the tree at a fixed nesting depth (256, or 2048 with
`huge_tree`) and silently drops everything after that point, including the
rest of the article. A page that hits the limit is parsed again with its
layout tags (div, span, font, table...) removed, which keeps its paragraphs.

A tag with a huge run of attributes is cut down before parsing (see LONG_TAG).
Nothing here recurses in Python, so a 10,000-level page cannot raise
RecursionError.
"""

import re

import lxml.etree
import lxml.html


def tag_set(names):
    """frozenset of the space-separated tag names: long tag lists stay readable."""
    return frozenset(names.split())


# lxml refuses str input that still carries an encoding declaration.
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
ANY_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*>")
# What survives flattening: tags that cannot nest (or are closed by the next
# one of their kind) plus those metadata lives in.
FLAT_KEEP = tag_set("html head body title meta link script style p br h1 h2 h3 h4 h5 h6 li pre time hr")
CONTROL_CHARS = r"\x00-\x08\x0b\x0c\x0e-\x1f"
CONTROL = re.compile(f"[{CONTROL_CHARS}]")
# libxml2 glues the text on both sides of a comment, a CDATA section or an end
# tag it ignores ("<p>cease</div>fire" reads "ceasefire"). Browsers keep no such
# words: comments and stray tags sit between blocks, not inside words. A space
# after each of them (and after every block end tag, where space never shows)
# keeps the words apart.
BLOCK_END_TAGS = (
    r"p|div|section|article|main|aside|header|footer|nav|h[1-6]|li|ul|ol|dl|dt|dd|table|tr|td|th|"
    r"blockquote|pre|figure|figcaption|form|script|style|noscript|template|title|head|body|html|option|select|"
    r"textarea|button|label"
)
SEPARATE_AFTER = re.compile(rf"-->|\]\]>|</(?:{BLOCK_END_TAGS})\s*>", re.IGNORECASE)
# libxml2 checks each attribute against all earlier ones of the tag, so one tag
# with 100,000 attributes takes minutes. No real tag needs this much; it keeps
# its name and loses its attributes. (Possessive: linear even without a ">".)
LONG_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)[^<>]{20000,}+>")


# CONTROL and SEPARATE_AFTER in one pass over the page (each pass reads every character). It opens
# with the class of the characters a match starts with, so the search skips from one to the next in C
# (an alternation up front is tried at every character, twice as slow); lookbehinds pick the branch.
CONTROL_OR_SEPARATE = re.compile(
    rf"[{CONTROL_CHARS}\-\]<](?:(?<=[{CONTROL_CHARS}])|(?<=-)->|(?<=\])\]>|(?<=<)/(?:{BLOCK_END_TAGS})\s*>)",
    re.IGNORECASE,
)


def _control_or_separate(match):
    """What CONTROL.sub(" ", …) then SEPARATE_AFTER.sub(… + " ", …) make of one match."""
    found = match.group()
    if len(found) == 1:
        return " "  # a control character: the separators are longer
    if found[-2].isspace():
        # Control characters can only be in the spaces before the ">" of an end tag.
        found = CONTROL.sub(" ", found)
    return found + " "


# lxml.html picks each element's class in Python (form, input and select have their own), once
# for every element a walk touches; on long pages that cost more than the parse. Every element
# here is a plain HtmlElement, picked in C: the extraction uses no form methods.
HTML_CLASSES = lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def _parse(text):
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True, default_doctype=False)
    parser.set_element_class_lookup(HTML_CLASSES)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None, False
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return root, too_deep


def _flatten(text):
    def keep(match):
        return match.group(0) if match.group(2).lower() in FLAT_KEEP else " "

    return ANY_TAG.sub(keep, text)


def parse_html(text):
    """The root <html> element of `text`, or None when there is no document at all."""
    text = XML_DECLARATION.sub("", text, count=1)
    # A shorter page has no tag that long, nor a page whose stretches between two "<" are all shorter
    # (splitting reads the page quicker than LONG_TAG's search); a control character inside one goes with it.
    if len(text) > 20000 and max(map(len, text.split("<"))) > 20000:
        text = LONG_TAG.sub(r"<\1>", text)
    text = CONTROL_OR_SEPARATE.sub(_control_or_separate, text)
    if not text.strip():
        return None
    root, too_deep = _parse(text)
    if too_deep:
        flat_root, _ = _parse(_flatten(text))
        if flat_root is not None:
            root = flat_root
    return root


# For `iter(ELEMENTS)`: elements only, sorted out in C rather than by `is_element` per node.
ELEMENTS = lxml.etree.Element


def is_element(node):
    # Comments, entities and processing instructions have a non-str tag.
    return isinstance(node.tag, str)


def squash(text):
    """Collapse runs of whitespace (including non-breaking spaces) to one space."""
    return " ".join(text.split()) if text else ""


def text_of(el):
    """The visible text of an element, whitespace collapsed."""
    return squash(" ".join(el.itertext())) if el is not None else ""


def short_text(el, limit):
    """The text of an element when it is at most `limit` characters, else None (without reading it all)."""
    pieces, length = [], 0
    for piece in el.itertext():
        pieces.append(piece)
        length += len(piece)
        if length > 4 * limit:
            return None
    text = squash(" ".join(pieces))
    return text if len(text) <= limit else None


def attr_hints(el):
    """Class and id of an element, lower-cased, for furniture and content hints."""
    cls = el.get("class")
    ident = el.get("id")
    if cls and ident:
        return f"{cls} {ident}".lower()
    return (cls or ident or "").lower()
