"""Ingest's per-page statements are prepared once per connection (articles.prepared), and still behave as Django's."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.models import Source
from articles.prepared import prepared_cursor

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")

SELECT = "SELECT count(*) FROM articles_source WHERE id = ANY(%s::bigint[]) AND name <> %s"


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", ["%articles_source%"])
        return [row[0] for row in cursor.fetchall()]


def test_a_statement_is_prepared_the_first_time_and_its_plan_kept(db):
    source = Source.objects.create(name="Harbour Ledger", slug="harbour-ledger")
    for _ in range(3):
        with prepared_cursor() as cursor:
            cursor.execute(SELECT, [[source.pk, 10**12], "Valley Gazette"])
            assert cursor.fetchone() == (1,)
    mine = [s for s in prepared_statements() if "count(*)" in s]
    assert len(mine) == 1
    # The connection's other statements are as Django sends them: not prepared.
    list(Source.objects.filter(name="Harbour Ledger"))
    assert not [s for s in prepared_statements() if "articles_source.name" in s.replace('"', "")]


def test_errors_are_djangos_and_roll_back_as_any_other(db):
    Source.objects.create(name="Harbour Ledger", slug="harbour-ledger")
    with pytest.raises(IntegrityError), transaction.atomic(), prepared_cursor() as cursor:
        cursor.execute(
            "INSERT INTO articles_source (name, slug, domain) VALUES (%s, %s, %s)", ["Ledger", "harbour-ledger", ""]
        )
    assert Source.objects.count() == 1


def test_where_queries_are_logged_the_statement_is_logged_as_sent(db):
    logged = SELECT.replace("count(*)", "count(id)")
    with CaptureQueriesContext(connection) as queries, prepared_cursor() as cursor:
        cursor.execute(logged, [[1], "Valley Gazette"])
    assert "Valley Gazette" in queries[-1]["sql"]
    assert not [s for s in prepared_statements() if "count(id)" in s]
