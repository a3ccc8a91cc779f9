"""The ingest service: storing, idempotency, updates, atomicity."""

import gzip
from unittest import mock

import pytest

from articles import ingest
from articles.models import Article, Source
from tests.pages import article_html


@pytest.fixture
def page_file(tmp_path):
    path = tmp_path / "ministers.html"
    path.write_bytes(article_html())
    return path


def test_it_stores_an_article(db, page_file):
    result = ingest.ingest_file(page_file)

    assert result.outcome == ingest.STORED
    article = Article.objects.get()
    assert article.pk == result.article_id
    assert article.title == "Ministers weigh guarantees for a ceasefire"
    assert article.source == Source.objects.get(name="Harbour Ledger")
    assert article.url == "https://harbour-ledger.example/ministers-weigh"
    assert "Foreign ministers of the alliance" in article.body
    assert "All rights reserved" not in article.body
    assert article.file_name == "ministers.html"
    assert article.extractor_version == ingest.EXTRACTOR_VERSION
    assert len(article.content_hash) == 64


def test_it_leaves_an_unchanged_page_alone(db, page_file):
    first = ingest.ingest_file(page_file)
    updated_before = Article.objects.get().updated

    second = ingest.ingest_file(page_file)

    assert second.outcome == ingest.UNCHANGED
    assert second.article_id == first.article_id
    assert Article.objects.count() == 1
    assert Article.objects.get().updated == updated_before


def test_it_updates_a_changed_page_with_the_same_origin(db, page_file):
    first = ingest.ingest_file(page_file)
    page_file.write_bytes(article_html(sentence="The talks resumed in Vienna after a pause of several weeks."))

    second = ingest.ingest_file(page_file)

    assert second.outcome == ingest.UPDATED
    assert second.article_id == first.article_id
    article = Article.objects.get()
    assert "resumed in Vienna" in article.body
    assert "Kadri Lepp" not in article.body


def test_pages_without_a_url_are_told_apart_by_their_path(db, tmp_path):
    body = "Ministers met in Tallinn on Thursday to discuss a ceasefire. " * 5
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "page.txt").write_text(f"First title\n\n{body}\n")
    (tmp_path / "b" / "page.txt").write_text(f"Second title\n\n{body} More.\n")

    results = [ingest.ingest_file(tmp_path / d / "page.txt") for d in ("a", "b")]

    assert [r.outcome for r in results] == [ingest.STORED, ingest.STORED]
    assert Article.objects.count() == 2


def test_it_reads_gzipped_pages(db, tmp_path):
    path = tmp_path / "ministers.html.gz"
    path.write_bytes(gzip.compress(article_html()))

    result = ingest.ingest_file(path)

    assert result.outcome == ingest.STORED
    assert Article.objects.get().title == "Ministers weigh guarantees for a ceasefire"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x1f\x8b\x08\x00garbage", "gzip"),
    ],
)
def test_it_fails_bad_pages_with_a_reason(db, tmp_path, content, reason):
    path = tmp_path / "bad.html"
    path.write_bytes(content)

    result = ingest.ingest_file(path)

    assert result.outcome == ingest.FAILED
    assert reason in result.reason
    assert not Article.objects.exists()


def test_a_failure_while_storing_leaves_nothing_half_written(db, page_file):
    # A new page's actors, mentions, topics and statements are written by _store_new_analysis.
    with mock.patch("articles.storing._store_new_analysis", side_effect=RuntimeError("boom")):
        result = ingest.ingest_file(page_file)

    assert result.outcome == ingest.FAILED
    assert result.reason == "could not store the article: RuntimeError: boom"
    assert not Article.objects.exists()
    assert not Source.objects.exists()


def test_dry_run_stores_nothing(db, page_file):
    result = ingest.ingest_file(page_file, dry_run=True)

    assert result.outcome == ingest.STORED
    assert not Article.objects.exists()


def test_prepare_reads_a_page_and_finds_bytes_already_stored(db, page_file):
    prepared = ingest.prepare(page_file)

    assert prepared.result is None
    assert prepared.origin == page_file.resolve().as_uri()
    assert prepared.content_hash == ingest.page_hash(page_file.read_bytes())

    stored = ingest.ingest_file(page_file)
    again = ingest.prepare(page_file)

    assert again.result.outcome == ingest.UNCHANGED
    assert again.result.article_id == stored.article_id
    assert again.data is None


def test_prepare_says_why_a_file_cannot_be_read(db, tmp_path):
    prepared = ingest.prepare(tmp_path / "gone.html")

    assert prepared.result.outcome == ingest.FAILED
    assert prepared.result.reason.startswith("cannot read file")
