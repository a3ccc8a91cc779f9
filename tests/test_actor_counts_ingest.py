"""Ingest shifts the actors' stored counts by what each page changed; they must equal a recount."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from actors.models import Actor
from bench import corpus


def stored_and_recounted():
    stored = {a.pk: (a.article_count, a.statement_count) for a in Actor.objects.all()}
    mentions = dict(Actor.objects.annotate(n=Count("mentions")).values_list("pk", "n"))
    statements = dict(Actor.objects.annotate(n=Count("statements")).values_list("pk", "n"))
    return stored, {pk: (mentions[pk], statements[pk]) for pk in stored}


def ingest(folder, workers):
    call_command("ingest", str(folder), "--workers", str(workers), stdout=StringIO(), stderr=StringIO())


@pytest.mark.parametrize("workers", [0, 2])
def test_stored_counts_equal_a_recount_after_ingest_and_changed_pages(transactional_db, tmp_path, workers):
    pages = list(corpus.pages(30, seed=5))
    for p in pages:
        (tmp_path / p.name).write_bytes(p.data)
    ingest(tmp_path, workers)

    # Every third page changes: its people now speak in another page's words, and one page loses its quotes.
    for i, p in enumerate(pages[::3]):
        other = pages[(i * 3 + 7) % len(pages)]
        data = other.data if i else p.data.replace(b"said", b"wrote")
        (tmp_path / p.name).write_bytes(data + b"\n")
    ingest(tmp_path, workers)

    stored, recounted = stored_and_recounted()
    assert any(n for n, _ in stored.values()) and any(n for _, n in stored.values())
    assert stored == recounted
