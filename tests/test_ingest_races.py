"""Ingests racing each other and analysts: the same bytes are one article, an analyst's edit is never lost.

The first tests run on both databases by stepping into the race where it
happens; the ones with real concurrent processes or threads need PostgreSQL
(SQLite takes one writer at a time, so there the race cannot happen).
"""

import os
import subprocess
import sys
import threading
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection, connections

from actors.models import Actor
from articles import ingest, storing
from articles.models import Article, Statement

ROOT = Path(__file__).resolve().parent.parent

needs_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")


def dump(i):
    """A saved text page with no address of its own: its origin is the file it was read from."""
    return (
        "Skip to content\nHome | World | Defence\n\n"
        f"Port talks resume on day {i}\n\nBy Liv Ostberg\n\n"
        f"Dock workers' leader Harald Nyvik said on day {i} that the strike would go on until the port "
        "authority put its offer in writing, and that the union would meet again on Monday.\n\n"
        '"We have waited long enough for a serious offer," Nyvik told reporters outside the port office. '
        "The authority declined to comment on the talks.\n\n"
        "Subscribe to our newsletter\nCopyright Fjord Gazette\n"
    ).encode()


def test_the_same_bytes_racing_in_from_two_paths_are_one_article(db, tmp_path):
    first, second = tmp_path / "a" / "talks.txt", tmp_path / "b" / "talks.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_bytes(dump(1))
    assert ingest.ingest_file(first).outcome == ingest.STORED
    real_lookup = ingest.unchanged_article
    looks = []

    def lookup(content_hash, any_version=False):
        # The second run looked before the first had committed: nothing there yet.
        looks.append(any_version)
        return None if len(looks) == 1 else real_lookup(content_hash, any_version)

    with mock.patch.object(ingest, "unchanged_article", side_effect=lookup):
        result = ingest.ingest_file(second)

    assert result.outcome == ingest.UNCHANGED
    assert result.article_id == Article.objects.get().pk
    assert Article.objects.get().origin == ingest.file_origin(first)


def test_a_page_stored_meanwhile_by_another_run_is_not_rewritten(db, tmp_path):
    page = tmp_path / "talks.txt"
    page.write_bytes(dump(1))
    ingest.ingest_file(page)
    page.write_bytes(dump(2))
    assert ingest.ingest_file(page).outcome == ingest.UPDATED
    updated = Article.objects.get().updated

    # A second run that read the file before the first stored it finds the
    # article already holding these bytes once it has the article's lock.
    with mock.patch.object(ingest, "unchanged_article", return_value=None):
        result = ingest.ingest_file(page)

    assert result.outcome == ingest.UNCHANGED
    assert Article.objects.get().updated == updated


def database_url():
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@needs_postgresql
def test_two_ingests_of_the_same_pages_in_two_folders_store_each_once(transactional_db, tmp_path):
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        folder.mkdir()
        for i in range(40):
            (folder / f"page{i:02}.txt").write_bytes(dump(i))
    env = {**os.environ, "DATABASE_URL": database_url()}
    runs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "ingest", "--workers", "1", str(folder)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in folders
    ]
    outputs = [run.communicate(timeout=300) for run in runs]

    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert " 0 updated" in out and "0 failed" in out, out
    assert Article.objects.count() == 40
    stored = sum(int(out.split(" stored")[0]) for out, _ in outputs)
    assert stored == 40
    nyvik = Actor.objects.get(name="Harald Nyvik")
    assert (nyvik.article_count, nyvik.statement_count) == (40, Statement.objects.filter(speaker=nyvik).count())


@needs_postgresql
def test_an_analysts_correction_during_a_reingest_is_kept(transactional_db, tmp_path):
    page = tmp_path / "talks.txt"
    page.write_bytes(dump(1))
    ingest.ingest_file(page)
    quote = Statement.objects.get(kind="direct")
    corrected = Actor.objects.resolve("Tove Brekke")
    page.write_bytes(dump(1).replace(b"The authority declined", b"The port authority declined"))

    ingest_has_read = threading.Event()
    analyst_may_go = threading.Event()
    analyst_done = threading.Event()
    real_pairing = storing.pair_reworded

    def pause_after_reading(*args):
        # Ingest has read the article's statements and not yet written them back.
        ingest_has_read.set()
        analyst_may_go.wait(10)
        return real_pairing(*args)

    def reingest():
        try:
            with mock.patch.object(storing, "pair_reworded", side_effect=pause_after_reading):
                assert ingest.ingest_file(page).outcome == ingest.UPDATED
        finally:
            connections.close_all()

    def analyst():
        try:
            statement = Statement.objects.get(pk=quote.pk)
            statement.speaker = corrected
            statement.save_analyst_edit(["speaker"], None)
            analyst_done.set()
        finally:
            connections.close_all()

    ingesting = threading.Thread(target=reingest)
    ingesting.start()
    assert ingest_has_read.wait(30)
    editing = threading.Thread(target=analyst)
    editing.start()
    # The statement rows are locked: the analyst's save waits for the page to be stored.
    assert not analyst_done.wait(1)
    analyst_may_go.set()
    ingesting.join(30)
    editing.join(30)

    statement = Statement.objects.get(pk=quote.pk)
    assert (statement.speaker, statement.speaker_corrected) == (corrected, True)
    assert Actor.objects.get(pk=corrected.pk).statement_count == 1
