"""/articles/?format=csv: each row byte for byte what csv.writer writes, chunk after chunk."""

import csv
import io
import threading
from datetime import date

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.urls import resolve

from articles import exports
from articles.models import Article, Mention


def body(response):
    assert response.streaming, "exports are streamed"
    return b"".join(response.streaming_content).decode()


def written(rows):
    """`rows` as csv.writer writes them: what the export must hold, quoting included."""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of two articles, so that a handful of articles spans several chunks and fills the read-ahead queue."""
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)


@pytest.mark.parametrize(
    "title, author, url, cells",
    [
        # Must not fire: nothing to quote, the cells as they are.
        (
            "Harbour talks",
            "Ada Quill",
            "https://example.com/a",
            ("Harbour talks", "Ada Quill", "https://example.com/a"),
        ),
        ("Talks, then a vote", "", "https://example.com/b", ("Talks, then a vote", "", "https://example.com/b")),
        ('The "harbour" deal', "", "https://example.com/c", ('The "harbour" deal', "", "https://example.com/c")),
        ("Two\nlines", "Ada\rQuill", "https://example.com/d", ("Two\nlines", "Ada\rQuill", "https://example.com/d")),
        ("Dues", "", "https://example.com/e,f", ("Dues", "", "https://example.com/e,f")),
        # A formula is kept as text first, then quoted for its comma.
        ("=SUM(1,2)", "@desk", "https://example.com/g", ("'=SUM(1,2)", "'@desk", "https://example.com/g")),
    ],
)
def test_each_row_is_what_csv_writer_writes(analyst_client, make_article, title, author, url, cells):
    article = make_article(title, author=author, published=date(2025, 7, 1))
    Article.objects.filter(pk=article.pk).update(url=url)
    title_cell, author_cell, url_cell = cells

    text = body(analyst_client.get("/articles/", {"format": "csv"}))

    assert text == written(
        [
            exports.ArticleExport.columns,
            [
                *(article.pk, title_cell, "Harbour Ledger", "harbour-ledger", author_cell, "2025-07-01", url_cell),
                *(f"http://testserver/articles/{article.pk}/", "", "", "", 0, article.pk),
            ],
        ]
    )


def test_joined_cells_are_quoted_and_an_article_without_source_topics_or_actors_has_blank_cells(
    analyst_client, make_actor, make_article, make_topic
):
    comma = make_actor("Quill, Ada")
    formula = make_actor("-Dash Wren")
    tagged = make_article(
        "Harbour dues", source="Tide, Wire", actors=[comma, formula], topics=[make_topic("sanctions")]
    )
    bare = make_article("Pier notice", source=None, published=None)

    rows = list(csv.reader(io.StringIO(body(analyst_client.get("/articles/", {"format": "csv"})))))
    by_id = {row[0]: row for row in rows[1:]}

    assert by_id[str(tagged.pk)][2:4] == ["Tide, Wire", "tide-wire"]
    # Same count: by name, "-Dash Wren" before "Quill, Ada"; the formula is kept as text.
    assert by_id[str(tagged.pk)][8:11] == ["sanctions", "'-Dash Wren; Quill, Ada", "dash-wren; quill-ada"]
    assert by_id[str(bare.pk)] == [
        *(str(bare.pk), "Pier notice", "", "", "", "", bare.url),
        *(f"http://testserver/articles/{bare.pk}/", "", "", "", "0", str(bare.pk)),
    ]


def test_each_article_keeps_its_own_actors_and_topics_across_chunks(
    analyst_client, make_actor, make_article, make_topic, small_chunks, django_assert_num_queries
):
    ada, bo, cy = make_actor("Ada Quill"), make_actor("Bo Wren"), make_actor("Cy Marsh")
    ceasefire, sanctions, summit = make_topic("ceasefire"), make_topic("sanctions"), make_topic("summit")
    cases = [
        # title, day, mentions per actor, topics, expected actors (by mentions, then name), expected topic slugs
        (
            "Harbour talks",
            1,
            {cy: 1, ada: 1, bo: 4},
            [summit, ceasefire],
            "Bo Wren; Ada Quill; Cy Marsh",
            "ceasefire; summit",
        ),
        ("Quay strike", 2, {cy: 2, ada: 2}, [sanctions], "Ada Quill; Cy Marsh", "sanctions"),
        ("Dock vote", 3, {bo: 1}, [], "Bo Wren", ""),
        ("Pier dues", 4, {}, [sanctions, summit, ceasefire], "", "ceasefire; sanctions; summit"),
        ("Tide tables", 5, {ada: 3, cy: 9}, [], "Cy Marsh; Ada Quill", ""),
    ]
    for title, day, mentions, topics, _, _ in cases:
        article = make_article(title, published=date(2025, 7, day), topics=topics)
        for actor, count in mentions.items():
            Mention.objects.create(article=article, actor=actor, count=count)
    response = analyst_client.get("/articles/", {"format": "csv"})

    # Three chunks of up to two articles: 1 the articles (one cursor), then per chunk 2 its topics, 3 its mentions.
    with django_assert_num_queries(7):
        text = body(response)

    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(text))}
    assert list(rows) == ["Tide tables", "Pier dues", "Dock vote", "Quay strike", "Harbour talks"]
    for title, _, _, _, actors, topics in cases:
        assert (rows[title]["actors"], rows[title]["topics"]) == (actors, topics), title


def test_a_download_cut_short_stops_reading_and_leaves_the_connection_usable(rf, analyst, make_article, small_chunks):
    for day in range(1, 10):
        make_article(f"Harbour day {day}", published=date(2025, 7, day))
    # The view itself, as a WSGI server calls it: the test client would read the whole body.
    request = rf.get("/articles/", {"format": "csv"})
    request.user = analyst
    response = resolve("/articles/").func(request)

    first = next(iter(response.streaming_content)).decode()
    # The server closes the response; request_finished would then close the connection, and the test's transaction.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)

    assert first.startswith("id,title,") and "Harbour day 9" in first
    assert not connection.allow_thread_sharing
    assert [t for t in threading.enumerate() if t.name.startswith("read-ahead")] == []
    assert Article.objects.count() == 9


def test_a_row_of_plain_cells_is_what_csv_writer_writes_for_every_character():
    # ArticleBlocks joins a row itself when exports._plain() holds for its cells; csv.writer must agree on every
    # character, including line separators it does not quote (U+0085, U+2028) and a leading space.
    writerow = csv.writer(exports.Echo()).writerow
    for codepoint in [*range(0x3000), 0xFEFF, 0x2028, 0x2029]:
        for cell in (chr(codepoint), f"a{chr(codepoint)}b", f" {chr(codepoint)}"):
            row = ("7", cell, "", "slug")
            if exports._plain(cell):
                assert writerow(row) == ",".join(row) + "\r\n", hex(codepoint)
            else:
                assert writerow(row) != ",".join(row) + "\r\n", hex(codepoint)
