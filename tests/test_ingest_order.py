"""The same pages give the same actors, aliases, speakers and counts, whatever order they arrive in.

Generated pages (bench.corpus) split in two halves, A and B, plus pages
written here where one surname belongs to two people: half A has Tamsin
Brezhinsky and a page that says only "Brezhinsky", half B brings Tobias. A then
B decides the bare surname late, B then A early; `--workers 2` and two
ingests at once (PostgreSQL) race for it.
"""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from actors.models import Actor, Alias, Spelling
from articles.models import Article, Mention, Source, Statement
from articles.storing import delete_articles
from bench import corpus

ROOT = Path(__file__).resolve().parent.parent
GENERATED = 48

TAMSIN = """Harbour talks stall over tariffs

Trade envoy Tamsin Brezhinsky said on Tuesday that the harbour talks in Vellmar had stalled over port tariffs, \
after a third round ended without a date for the next one.

“We came to sign, and we will come back to sign,” Brezhinsky said after the session.
"""
BARE = """Ministers trade blame as strike spreads

The dock strike in Vellmar spread to two more ports on Wednesday, and ministers in the capital traded blame for \
the stalled contract talks.

“Nobody in this government asked the unions to walk out,” Brezhinsky said in a statement.
"""
TOBIAS = """Border crossings reopen in the north

Interior Minister Tobias Brezhinsky said on Friday that two border crossings in the north would reopen next week, \
after repairs to the roads were finished ahead of schedule.

“The lorries have waited long enough,” Tobias Brezhinsky told reporters in Osterby.
"""
MAYOR = """Mayor defends new silos

The new silos at the northern ports were worth every coin of the grain levy, the former mayor of Osterby said on \
Thursday.

“Ask any farmer who lost a harvest to the rain,” Lyrovia, the former mayor, told a meeting of the port board.
"""


@pytest.fixture
def halves(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    pages = list(corpus.pages(GENERATED, seed=7))
    for i, page in enumerate(pages):
        ((a, b)[i >= len(pages) // 2] / page.name).write_bytes(page.data)
    (a / "tamsin.txt").write_text(TAMSIN, encoding="utf-8")
    (a / "bare.txt").write_text(BARE, encoding="utf-8")
    (b / "tobias.txt").write_text(TOBIAS, encoding="utf-8")
    (b / "mayor.txt").write_text(MAYOR, encoding="utf-8")
    return a, b


def ingest(*paths, workers=0):
    out = StringIO()
    call_command("ingest", *map(str, paths), "--workers", str(workers), stdout=out, stderr=StringIO())
    assert " 0 failed" in out.getvalue(), out.getvalue()


def record():
    """What the pages made, by content (no ids): actors, aliases, speakers, mentions; and the evidence checked."""
    out = StringIO()
    call_command("resolve_actors", "--check", stdout=out)
    assert "nothing to change" in out.getvalue()
    return {
        "actors": sorted(Actor.objects.values_list("name", "kind", "role", "article_count", "statement_count")),
        "aliases": sorted(Alias.objects.values_list("actor__name", "name", "origin")),
        "speakers": sorted(Statement.objects.values_list("article__content_hash", "text", "speaker__name")),
        "mentions": sorted(Mention.objects.values_list("article__content_hash", "actor__name", "count")),
    }


def wipe():
    delete_articles(Article.objects.all())
    Actor.objects.all().delete()
    Source.objects.all().delete()
    assert not Spelling.objects.exists()


def test_the_same_pages_in_any_order_give_the_same_record(transactional_db, halves):
    a, b = halves
    ingest(a)
    ingest(b)
    a_then_b = record()
    # The surname two people share is neither's: the page that says only "Brezhinsky" keeps it to itself.
    assert ("Brezhinsky", "person", "", 1, 1) in a_then_b["actors"]
    assert [s for *_, s in a_then_b["speakers"] if s and "Brezhinsky" in s].count("Tamsin Brezhinsky") == 2
    wipe()

    ingest(b)
    ingest(a)
    assert record() == a_then_b
    wipe()

    ingest(a, b, workers=2)
    assert record() == a_then_b


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two processes writing at once need PostgreSQL")
def test_two_ingests_at_once_in_opposite_orders_give_the_sequential_record(transactional_db, halves):
    a, b = halves
    ingest(a)
    ingest(b)
    sequential = record()
    wipe()

    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    env = {**os.environ, "DATABASE_URL": url}
    runs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "ingest", *paths, "--workers", "2"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for paths in ((str(a), str(b)), (str(b), str(a)))
    ]
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, (out, err[-2000:])

    assert record() == sequential
