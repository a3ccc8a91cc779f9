"""?format=csv and ?format=json on every list: the page's filters, every matching row, streamed."""

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from articles.models import Article, Mention, Statement


@pytest.fixture
def coverage(make_actor, make_topic, make_article, make_statement):
    rubio, rutte = make_actor("Marco Rubio"), make_actor("Mark Rutte")
    sanctions = make_topic("sanctions")
    articles = []
    for i in range(30):
        article = make_article(
            f"Sanctions day {i}",
            body="Rubio said: Talks go on. Rutte said: We stand firm.",
            source="The Gaze",
            published=date(2025, 5, 1) + timedelta(days=i),
            actors=[rubio, rutte] if i % 3 == 0 else [rutte],
            topics=[sanctions],
        )
        make_statement(article, "We stand firm.", speaker=rutte, topics=[sanctions])
        articles.append(article)
    make_statement(articles[0], "Talks go on.", speaker=rubio, kind=Statement.Kind.INDIRECT)
    make_article("Undated and untagged", published=None)
    return {"rubio": rubio}


def content(response):
    assert response.streaming, "exports are streamed"
    return b"".join(response.streaming_content).decode()


def test_json_holds_every_matching_article_in_page_order_not_just_one_page(analyst_client, coverage):
    params = {"topic": "sanctions", "per_page": 10}

    rows = json.loads(content(analyst_client.get("/articles/", {**params, "format": "json"})))
    page = analyst_client.get("/articles/", params).context["page"]

    assert len(rows) == 30
    assert [r["id"] for r in rows[:10]] == [a.pk for a in page]
    first = rows[0]
    assert first["title"] == "Sanctions day 29"
    assert first["source"] == {"name": "The Gaze", "slug": "the-gaze"}
    assert first["published"] == "2025-05-30"
    assert first["topics"] == [{"slug": "sanctions", "name": "Sanctions"}]
    assert first["actors"][0]["slug"] == "mark-rutte"
    assert first["link"] == f"http://testserver/articles/{first['id']}/"
    assert first["statement_count"] == 1


def test_csv_holds_the_same_rows_as_json(analyst_client, coverage):
    params = {"actor": coverage["rubio"].slug}

    response = analyst_client.get("/articles/", {**params, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(content(response))))
    records = json.loads(content(analyst_client.get("/articles/", {**params, "format": "json"})))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="newsdesk-articles-')
    assert [int(r["id"]) for r in rows] == [r["id"] for r in records]
    assert len(rows) == 10
    assert rows[-1]["actors"] == "Marco Rubio; Mark Rutte"
    assert rows[-1]["actor_slugs"] == "marco-rubio; mark-rutte"
    assert rows[-1]["topics"] == "sanctions"


def test_an_undated_article_exports_with_no_date(analyst_client, coverage):
    rows = json.loads(content(analyst_client.get("/articles/", {"q": "Undated", "format": "json"})))

    assert [(r["title"], r["published"]) for r in rows] == [("Undated and untagged", None)]


def test_statements_export_speaker_text_article_source_date_and_topics(analyst_client, coverage):
    params = {"speaker": coverage["rubio"].slug}

    records = json.loads(content(analyst_client.get("/statements/", {**params, "format": "json"})))
    rows = list(csv.DictReader(io.StringIO(content(analyst_client.get("/statements/", {**params, "format": "csv"})))))

    assert len(records) == 1
    record = records[0]
    assert record["text"] == "Talks go on."
    assert record["speaker"] == {"name": "Marco Rubio", "slug": "marco-rubio"}
    assert record["kind"] == "indirect"
    assert record["article"]["title"] == "Sanctions day 0"
    assert record["source"]["slug"] == "the-gaze"
    assert record["published"] == "2025-05-01"
    assert record["link"].endswith(f"/articles/{record['article']['id']}/#statement-{record['id']}")
    assert rows == [
        {
            "id": str(record["id"]),
            "speaker": "Marco Rubio",
            "speaker_slug": "marco-rubio",
            "text": "Talks go on.",
            "kind": "indirect",
            "status": "new",
            "article_id": str(record["article"]["id"]),
            "article_title": "Sanctions day 0",
            "source": "The Gaze",
            "source_slug": "the-gaze",
            "published": "2025-05-01",
            "topics": "",
            "link": record["link"],
            "cue": "",
            "source_description": "",
            "unnamed": "",
            # The builders' statements were not stored by ingest: no utterance.
            "utterance": "",
        }
    ]


def test_actors_export_their_counts(analyst_client, coverage):
    records = json.loads(content(analyst_client.get("/actors/", {"format": "json"})))

    assert [(r["slug"], r["article_count"], r["statement_count"]) for r in records] == [
        ("mark-rutte", 30, 30),
        ("marco-rubio", 10, 1),
    ]


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_kept_as_text(analyst_client, make_article):
    make_article('=HYPERLINK("http://evil.example")')

    rows = list(csv.DictReader(io.StringIO(content(analyst_client.get("/articles/", {"format": "csv"})))))

    assert rows[0]["title"] == '\'=HYPERLINK("http://evil.example")'


def test_invalid_filters_answer_400_with_the_errors(analyst_client, coverage):
    response = analyst_client.get("/articles/", {"actor": "nobody", "format": "csv"})

    assert response.status_code == 400
    assert response.json() == {
        "errors": {"actor": [{"message": "There is no actor “nobody”.", "code": "invalid_choice"}]}
    }


def test_an_unknown_format_answers_400(analyst_client, coverage):
    response = analyst_client.get("/statements/", {"format": "xlsx"})

    assert response.status_code == 400


def test_exports_require_login(client, db):
    assert client.get("/articles/", {"format": "csv"}).status_code == 302
    assert client.get("/statements/", {"format": "json"}).status_code == 302
    assert client.get("/actors/", {"format": "json"}).status_code == 302


def test_an_export_reads_rows_in_chunks_with_a_constant_number_of_queries(
    analyst_client, coverage, django_assert_num_queries
):
    response = analyst_client.get("/articles/", {"format": "json"})

    # Streaming: the rows are read while the body is consumed. One chunk of up to
    # 2,000 articles: 1 the articles, 2 their topics, 3 their mentions and actors.
    with django_assert_num_queries(3):
        rows = json.loads(content(response))

    assert len(rows) == 31


def test_each_article_lists_its_own_actors_by_mentions_then_name_and_its_own_topics_by_name(
    analyst_client, make_actor, make_topic, make_article
):
    # The actors and topics of many rows are read together: per row they must neither mix nor lose their order.
    ada, bo, cy = make_actor("Ada Quill"), make_actor("Bo Wren"), make_actor("Cy Marsh")
    ceasefire, sanctions = make_topic("ceasefire"), make_topic("sanctions")
    cases = [
        # title, day, mentions per actor, topics, expected actors, expected topics
        (
            "Harbour talks",
            1,
            {cy: 1, ada: 1, bo: 4},
            [sanctions, ceasefire],
            ["bo-wren", "ada-quill", "cy-marsh"],
            ["ceasefire", "sanctions"],
        ),
        ("Quay strike", 2, {cy: 2, ada: 2}, [sanctions], ["ada-quill", "cy-marsh"], ["sanctions"]),
        ("Dock vote", 3, {bo: 1}, [], ["bo-wren"], []),
    ]
    for title, day, mentions, topics, _, _ in cases:
        article = make_article(title, published=date(2025, 7, day), topics=topics)
        for actor, count in mentions.items():
            Mention.objects.create(article=article, actor=actor, count=count)

    rows = {r["title"]: r for r in json.loads(content(analyst_client.get("/articles/", {"format": "json"})))}

    for title, _, _, _, actors, topics in cases:
        assert [a["slug"] for a in rows[title]["actors"]] == actors, title
        assert [t["slug"] for t in rows[title]["topics"]] == topics, title


@pytest.mark.parametrize(
    "zone, published, has_time, expected",
    [
        # The day in the export's time zone, not in UTC: 03:30 UTC is the evening before in New York.
        ("America/New_York", datetime(2025, 3, 1, 3, 30, tzinfo=UTC), False, "2025-02-28"),
        (
            "America/New_York",
            datetime(2025, 3, 1, 3, 30, 0, 250000, tzinfo=UTC),
            True,
            "2025-02-28T22:30:00.250000-05:00",
        ),
        # A half-hour offset moves the day at half past the hour.
        ("Asia/Kolkata", datetime(2025, 6, 30, 18, 29, 59, tzinfo=UTC), False, "2025-06-30"),
        ("Asia/Kolkata", datetime(2025, 6, 30, 18, 30, tzinfo=UTC), False, "2025-07-01"),
        ("Asia/Kolkata", datetime(2025, 6, 30, 18, 30, 0, 5, tzinfo=UTC), True, "2025-07-01T00:00:00.000005+05:30"),
        ("UTC", datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC), True, "2025-12-31T23:59:59+00:00"),
        ("UTC", None, False, None),
    ],
)
def test_csv_and_json_give_each_date_in_the_time_zone_alike(
    analyst_client, make_actor, make_article, make_statement, settings, zone, published, has_time, expected
):
    settings.TIME_ZONE = zone
    article = make_article("Pier dues", published=published)
    Article.objects.filter(pk=article.pk).update(published_has_time=has_time)
    make_statement(article, "Dues rise.", speaker=make_actor("Ada Quill"))

    for path in ("/articles/", "/statements/"):
        records = json.loads(content(analyst_client.get(path, {"format": "json"})))
        rows = list(csv.DictReader(io.StringIO(content(analyst_client.get(path, {"format": "csv"})))))

        assert [r["published"] for r in records] == [expected], path
        assert [r["published"] for r in rows] == [expected or ""], path


def test_statement_csv_keeps_formula_cells_as_text_and_blanks_a_missing_speaker(
    analyst_client, make_article, make_statement
):
    article = make_article("@harbour desk", source="+Tide Wire")
    make_statement(article, "=1+1 was the answer.")

    rows = list(csv.DictReader(io.StringIO(content(analyst_client.get("/statements/", {"format": "csv"})))))

    assert [(r["text"], r["article_title"], r["source"], r["speaker"], r["speaker_slug"]) for r in rows] == [
        ("'=1+1 was the answer.", "'@harbour desk", "'+Tide Wire", "", "")
    ]


@pytest.mark.parametrize("path", ["/articles/", "/statements/", "/actors/"])
def test_a_csv_with_no_matching_rows_is_its_header_alone(analyst_client, coverage, path):
    # A filter that leaves nothing: each chunk query is skipped, not run with an empty list of ids.
    body = content(analyst_client.get(path, {"q": "nothing-matches-this", "format": "csv"}))

    assert body.count("\r\n") == 1
    assert body.startswith("id,")
