"""Every statement is the article's own words: its text occurs word for word in the body.

An analyst copies a quote from the statement list and the article page highlights it in the
body; both need the statement to be a piece of the body, not words glued from several places.
The check runs over the project's own pages and, when the shared folder of real pages is there
(seeds, the quotes devset's articles and the readability devset's HTML), over those too.
"""

import re
from pathlib import Path

import pytest

from articles.extraction.errors import ExtractionError
from articles.extraction.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
QUOTE_GLYPHS = re.compile(r"[\"'“”„‟«»‘’‚‛′″`´]")
SPACE = re.compile(r"\s+")


def comparable(text):
    """Text with quote glyphs dropped and whitespace made single spaces."""
    return SPACE.sub(" ", QUOTE_GLYPHS.sub("", text)).strip()


def misquoted(paths):
    """(file, statement text) for each statement that is not a piece of its page's body."""
    wrong = []
    for path in paths:
        try:
            page = extract(path.read_bytes(), name=path.name)
        except ExtractionError:
            continue  # a page the pipeline turns away has no statements to check
        body = comparable(page.body)
        for statement in page.statements:
            sliced = page.body[statement.position : statement.end] == statement.text
            if not sliced or comparable(statement.text) not in body:
                wrong.append((path.name, statement.text))
    return wrong


def pages_in(folder, pattern):
    return sorted(p for p in folder.glob(pattern) if p.suffix in (".txt", ".html", ".htm"))


def test_every_statement_of_the_projects_own_pages_is_a_piece_of_the_body():
    paths = pages_in(ROOT / "fixtures" / "pages", "*/*")

    assert paths
    assert misquoted(paths) == []


SHARED_SETS = [
    pytest.param("seeds", "*.txt", id="seeds"),
    pytest.param("devset/quotes/dev/articles", "*.txt", id="quotes-dev"),
    pytest.param("devset/quotes/train/articles", "*.txt", id="quotes-train"),
    pytest.param("devset/readability", "*/source.html", id="readability"),
]


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared folder of real pages is not next to the project")
@pytest.mark.parametrize(("folder", "pattern"), SHARED_SETS)
def test_every_statement_of_real_pages_is_a_piece_of_the_body(folder, pattern):
    paths = pages_in(SHARED / folder, pattern)

    assert paths, f"no pages in {SHARED / folder}"
    wrong = misquoted(paths)
    assert wrong == [], f"{len(wrong)} statements are not in their body, e.g. {wrong[:3]}"
