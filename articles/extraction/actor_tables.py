"""Tables of names in an article body: what a table's caption, or its other rows, say its names are.

A stripped table keeps one row a line, its cells set apart by " | " ("Dana Keller | 4307 | 19.5%").
News on software, sport or money ranks people and companies so ("Most active developers",
"Companies supporting the project"), and a row gives nothing around its name: no title, no verb.
What the rows are is said once, by the caption above them (a plural noun: "developers",
"companies"), or by the names the text does know in the other rows (most of them people).
"""

import re
from dataclasses import dataclass

ROW_RE = re.compile(r"^(?P<cell>[^|\n]*?)[ \t]*\|[^\n]*$", re.MULTILINE)
# The plural nouns of a caption that say its rows are people or bodies.
PEOPLE_CAPTION_RE = re.compile(
    r"\b(?:developers|contributors|committers|maintainers|authors|writers|players|scorers|members|candidates"
    r"|people|employees|speakers|winners|ministers|lawmakers|senators|directors|executives|founders|donors)\b",
    re.IGNORECASE,
)
BODY_CAPTION_RE = re.compile(
    r"\b(?:companies|employers|firms|organi[sz]ations|vendors|sponsors|businesses|corporations|clubs|teams"
    r"|universities|agencies|outlets|publishers|banks|charities|parties|institutions|funders|backers)\b",
    re.IGNORECASE,
)
# A caption is the last few short lines above a table, none of them a sentence of the article.
CAPTION_LINES = 3
CAPTION_LENGTH = 120


@dataclass
class Table:
    caption: str
    # (start, end) of each row's first cell, the cell that names what the row is about.
    cells: list

    @property
    def of_people(self):
        return PEOPLE_CAPTION_RE.search(self.caption) is not None

    @property
    def of_bodies(self):
        return BODY_CAPTION_RE.search(self.caption) is not None and not self.of_people


def tables(text):
    """The tables of `text` with two rows or more, each with its caption (maybe empty)."""
    if " | " not in text:
        return []
    found = []
    rows = []
    last_end = -1
    for m in ROW_RE.finditer(text):
        if rows and text[last_end : m.start()].strip():
            found.append(rows)
            rows = []
        rows.append(m)
        last_end = m.end()
    if rows:
        found.append(rows)
    out = []
    for rows in found:
        if len(rows) < 2:
            continue
        cells = []
        for row in rows:
            cell = row.group("cell")
            lead = len(cell) - len(cell.lstrip())
            if cell.strip():
                cells.append((row.start() + lead, row.start() + len(cell)))
        out.append(Table(_caption(text, rows[0].start()), cells))
    return out


def _caption(text, start):
    lines = []
    for line in reversed(text[:start].split("\n")):
        line = line.strip()
        if not line:
            continue
        if "|" in line or len(line) > CAPTION_LENGTH or len(lines) == CAPTION_LINES:
            break
        lines.insert(0, line)
    return " ".join(lines)


def cell_is_name(cell):
    """A first cell that names someone: capitalised, not a number, not a bracketed "(Unknown)"."""
    return bool(cell) and cell[0].isupper() and not any(ch.isdigit() for ch in cell) and len(cell) <= 60
