"""A text or kind an analyst corrected on the review page is theirs: a re-ingest of the page keeps it.

Pages go through `ingest.ingest_bytes` with the extractor replaced by what each
version is written to give, as in test_changed_quotes.
"""

from datetime import date
from unittest import mock

import pytest
from django.urls import reverse

from articles import audit, ingest
from articles.extraction.page import ExtractedActor, ExtractedPage, ExtractedStatement
from articles.models import Article, Statement

ORIGIN = "https://lakeside-courier.example/water-rates"
QUOTE = "Water rates will go up by four per cent next spring."
CORRECTED = "Water rates will go up by 4% next spring."
LATER = "The utility will publish the new rates in January."


def extraction(data):
    quotes = [q for q in (QUOTE, LATER) if q in data.decode()]
    body = "\n\n".join(quotes)
    return ExtractedPage(
        title="Water rates to rise",
        published=date(2026, 10, 3),
        source="Lakeside Courier",
        url=ORIGIN,
        body=body,
        actors=[ExtractedActor("Oskar Brandt", "person", 2, "utility director")],
        statements=[
            ExtractedStatement("Oskar Brandt", q, "direct", body.index(q), [], end=body.index(q) + len(q))
            for q in quotes
        ],
        topics=[],
        format="html",
    )


@pytest.fixture
def store(db):
    with mock.patch.object(ingest, "extract", side_effect=lambda data, **kwargs: extraction(data)):

        def store_version(*quotes):
            data = ("<html><body>" + "".join(f"<p>{q}</p>" for q in quotes) + "</body></html>").encode()
            result = ingest.ingest_bytes(data, name="water-rates.html", origin=ORIGIN)
            assert result.outcome in (ingest.STORED, ingest.UPDATED), result.reason
            return Article.objects.get(pk=result.article_id)

        yield store_version


def correct(statement, user=None, **fields):
    with audit.recording(user, [statement.pk], "Review: corrected"):
        for name, value in fields.items():
            setattr(statement, name, value)
        statement.save_analyst_edit(list(fields), user)


def test_a_corrected_text_and_kind_survive_a_changed_page(store):
    article = store(QUOTE)
    statement = article.statements.get()
    correct(statement, text=CORRECTED, kind=Statement.Kind.INDIRECT)

    store(QUOTE, LATER)

    kept = Statement.objects.get(pk=statement.pk)
    assert (kept.text, kept.kind, kept.text_corrected, kept.kind_corrected) == (CORRECTED, "indirect", True, True)
    assert kept.on_page
    assert Statement.objects.filter(article=article).count() == 2


def test_an_uncorrected_statement_follows_the_page(store):
    article = store(QUOTE)
    statement = article.statements.get()
    correct(statement, kind=Statement.Kind.INDIRECT)

    store(QUOTE, LATER)

    kept = Statement.objects.get(pk=statement.pk)
    assert (kept.text, kept.kind) == (QUOTE, "indirect")
    assert not kept.text_corrected


def test_a_corrected_statement_gone_from_the_page_is_kept_as_the_analysts(store):
    article = store(QUOTE)
    statement = article.statements.get()
    correct(statement, text=CORRECTED)

    store(LATER)

    kept = Statement.objects.get(pk=statement.pk)
    assert (kept.text, kept.on_page) == (CORRECTED, False)


def test_the_corrected_quote_is_still_highlighted_where_the_page_has_it(store, admin_client):
    article = store(QUOTE, LATER)
    statement = article.statements.get(text=QUOTE)
    correct(statement, text=CORRECTED)

    page = admin_client.get(reverse("articles:review-statement", args=[statement.pk]))

    assert page.context["context"][1] == QUOTE
