"""The header of an IETF document (an RFC or an Internet-Draft) saved as plain text.

Such a document opens with two columns: on the left the series and its labels
("Internet-Draft", "Intended status:", "Expires:"), on the right the authors,
their organisations and the date. The title is centred under them. Each page
ends with a footer naming the authors' surnames before "[Page N]".

The line stripper squashes the spaces that part the columns (and reads the
left column's expiry date as the publication date), so the header is read
from the raw text here.
"""

import re
from dataclasses import dataclass
from datetime import date

from .dates import find_date
from .text_meta import clean_name

# The first line of the left column names the series.
SERIES = re.compile(
    r"^(?:network working group|internet[ -]draft|request for comments|independent submission|"
    r"internet engineering task force|internet architecture board|internet research task force|ietf|irtf)\b",
    re.IGNORECASE,
)
# The header is among the first lines (under the tracker's links when saved from the datatracker).
HEADER_SEARCH_LINES = 40
# The columns are parted by a run of spaces; a line with only the right column is indented by as many.
COLUMN_GAP = re.compile(r"\s{3,}")
# A centred title is indented; a paragraph of the text by three or four spaces.
MIN_TITLE_INDENT = 6
PAGE_FOOTER = re.compile(r"^(?P<names>\S.{0,60}?)\s{2,}.*\[Page \d+\]\s*$")
FOOTER_NAMES = re.compile(r"\s*(?:&|,|\band\b|\bet al\.?)\s*")
# "M. de Jong", "J. R. Roe": the form an RFC gives its authors in.
INITIALS = re.compile(r"^(?:[A-Z]\.\s?)+(?:[a-z]+\s)*[A-Z]")


@dataclass
class RfcHeader:
    title: str | None
    author: str | None
    published: date | None


def read_header(text):
    """The title, authors and date of an IETF document's header, or None when `text` opens with no such
    header."""
    raw = text.splitlines()
    start = next(
        (i for i, line in enumerate(raw[:HEADER_SEARCH_LINES]) if SERIES.match(COLUMN_GAP.split(line.strip())[0])),
        None,
    )
    if start is None or not raw[start][:1].strip():
        return None
    rights, end = [], start
    while end < len(raw) and raw[end].strip():
        line = raw[end].rstrip()
        parts = COLUMN_GAP.split(line.strip())
        if not line[:1].strip():
            rights.append(line.strip())
        elif len(parts) > 1:
            rights.append(parts[-1])
        end += 1
    if not rights:
        return None
    surnames = footer_surnames(raw)
    authors = []
    for part in rights:
        name = clean_name(part)
        if name and name not in authors and (INITIALS.match(part) or any(part.endswith(s) for s in surnames)):
            authors.append(name)
    published = None
    for part in reversed(rights):
        found = find_date(part)
        if found is not None:
            published = found.day
            break
    return RfcHeader(title=centred_title(raw, end), author=", ".join(authors) or None, published=published)


def footer_surnames(raw):
    """The surnames the page footers print ("de Jong & Roe    ...    [Page 3]")."""
    for line in raw:
        match = PAGE_FOOTER.match(line.rstrip())
        if match:
            return [name for name in FOOTER_NAMES.split(match.group("names")) if name]
    return []


def centred_title(raw, end):
    """The centred lines under the header, joined: the document's title."""
    i = end
    while i < len(raw) and not raw[i].strip():
        i += 1
    title = []
    while i < len(raw) and raw[i].strip():
        line = raw[i].rstrip()
        if len(line) - len(line.lstrip()) < MIN_TITLE_INDENT:
            return None
        title.append(line.strip())
        i += 1
    return " ".join(title) or None
