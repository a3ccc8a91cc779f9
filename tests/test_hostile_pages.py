"""A stored page built to be slow cannot make its article page slow: highlighting is linear in the body.

The page is what an attacker would save for ingest: one huge paragraph of the
same few sentences, around "..., X said, ...", and thirty long quotes made of
its words that are nowhere in the body as stored. Searching for each quote's
words with a regex took 31 s on such a page and killed the web worker.
"""

import time
from dataclasses import dataclass

import pytest

from articles.highlight import StatementSearch, locate_statements
from articles.models import Statement
from articles.templatetags.newsdesk import article_body

SENTENCE = (
    "“The harbour will stay closed to every ship until the talks resume,” Ivo Marek said, "
    "“and the talks will resume when the harbour is closed.” "
)
BODY_CHARS = 3_300_000


def hostile_body():
    return SENTENCE * (BODY_CHARS // len(SENTENCE))


def hostile_quote(n):
    """Forty sentences of the body as the extractor may give them (straight quote marks), then words it never has.

    Word by word, each quote matches the body for a thousand words from every
    one of its 22,000 sentences before failing: the worst case of a search
    that walks the body's words from each place they might start.
    """
    return SENTENCE.replace("“", '"').replace("”", '"') * 40 + f"Nothing was agreed on day {n}."


@pytest.fixture
def hostile_article(make_article, make_statement, make_actor):
    marek = make_actor("Ivo Marek")
    article = make_article("The same words, a million times", body=hostile_body(), actors=[marek])
    statements = [make_statement(article, hostile_quote(n), speaker=marek) for n in range(30)]
    return article, statements


def test_the_article_page_of_a_hostile_page_renders_in_under_a_second(analyst_client, hostile_article, make_article):
    article, statements = hostile_article
    # Templates are compiled on first use: that is not what is measured.
    assert analyst_client.get(make_article().get_absolute_url()).status_code == 200

    started = time.perf_counter()
    response = analyst_client.get(article.get_absolute_url())
    elapsed = time.perf_counter() - started

    assert response.status_code == 200
    assert elapsed < 1.0, f"{elapsed:.2f} s"
    # Not in the body, so listed below it rather than highlighted.
    assert len(response.context["unplaced"]) == 30


@dataclass
class Quote:
    text: str
    position: int = 0
    pk: int = 1
    kind: str = Statement.Kind.DIRECT
    speaker: object = None
    end_position: int | None = None
    unnamed: bool = False
    source_description: str = ""


BODY = "Talks went on.\n\n“We will not sign until the harbour reopens,” he said.\n\nThe harbours stay shut."


@pytest.mark.parametrize(
    ("text", "position", "placed"),
    [
        ("We will not sign until the harbour reopens,", 17, "We will not sign until the harbour reopens,"),
        ("We will not sign until the harbour reopens,", 0, "We will not sign until the harbour reopens,"),
        ('"We will not sign until the harbour\nreopens"', 0, "We will not sign until the harbour reopens"),
        ("the harbour reopens", 60, "the harbour reopens"),
        ("The harbour stay shut", 0, None),  # "harbours" is another word
        ("will not sign until the ships", 0, None),
    ],
)
def test_a_statement_is_found_at_its_place_anywhere_or_by_its_words(text, position, placed):
    spans, missing = locate_statements(BODY, [Quote(text, position)])

    assert [BODY[start:end] for start, end, _ in spans] == ([placed] if placed else [])
    assert len(missing) == (0 if placed else 1)


def test_past_the_search_budget_statements_elsewhere_are_listed_not_searched(monkeypatch):
    monkeypatch.setattr(StatementSearch, "FIND_BUDGET", 2 * len(BODY))
    monkeypatch.setattr(StatementSearch, "WORDS_BUDGET", 0)
    exact = Quote("Talks went on.", 0, pk=1)
    elsewhere = [Quote("the harbour reopens", 0, pk=n) for n in (2, 3)]

    spans, missing = locate_statements(BODY, [exact, *elsewhere])

    assert [s.pk for _, _, s in spans] == [1, 2]
    assert [s.pk for s in missing] == [3]


@pytest.mark.parametrize(("offset", "placed"), [(0, True), (-3000, True), (-200_000, False)])
def test_in_a_huge_body_the_words_are_looked_for_around_the_stored_offset(offset, placed):
    filler = "Nothing happened today. " * 60_000
    body = f"{filler}\n\n“We will not sign until the harbour reopens,” he said.\n\n{filler}"
    at = body.index("We will")

    spans, _ = locate_statements(body, [Quote('"We will not sign until the harbour\nreopens"', at + offset)])

    expected = [(at, at + len("We will not sign until the harbour reopens"))] if placed else []
    assert [(start, end) for start, end, _ in spans] == expected


def test_a_mark_over_a_paragraph_break_is_closed_and_opened_again():
    body = "\n\nIt began. First part\n\nsecond part. It ended.\n\n"
    quote = Quote("First part\n\nsecond part.", body.index("First"), pk=7)

    html = article_body(body, [(quote.position, quote.position + len(quote.text), quote)])

    assert html == (
        '<p>It began. <mark class="quote quote-direct" id="statement-7" title="Unattributed">First part</mark></p>\n'
        '<p><mark class="quote quote-direct" title="Unattributed">second part.</mark> '
        '<span class="speaker speaker-unknown">unattributed</span> It ended.</p>'
    )
