"""`ingest --queue`: pages travel through the broker to a real `celery -A newsdesk worker`.

The worker test needs PostgreSQL (DATABASE_URL) and Redis on 127.0.0.1:6379, as
in `.ci/run`; it is skipped without them. The task tests run anywhere.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connection

from articles import ingest, tasks
from articles.models import Article, FailedPage, QueuedPage
from tests.pages import article_html
from tests.snapshots import clear_database, database_snapshot

ROOT = Path(__file__).resolve().parent.parent
# A database of its own on the local Redis, so a test run never meets real work. Test runs side by side (SQLite
# and PostgreSQL, or two checkouts) each need their own: NEWSDESK_TEST_BROKER=redis://127.0.0.1:6379/14.
TEST_BROKER = os.environ.get("NEWSDESK_TEST_BROKER", "redis://127.0.0.1:6379/15")


def redis_answers():
    try:
        import redis

        return redis.Redis.from_url(TEST_BROKER, socket_connect_timeout=1).ping()
    except Exception:
        return False


def database_url():
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def wait_for(condition, timeout, every=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
@pytest.mark.skipif(not redis_answers(), reason="needs Redis on 127.0.0.1:6379")
def test_a_folder_ingested_through_the_queue_equals_a_direct_ingest(transactional_db, tmp_path):
    import redis

    for folder in ("html", "text"):
        for page in (ROOT / "fixtures" / "pages" / folder).iterdir():
            if page.suffix in (".html", ".txt"):
                shutil.copy(page, tmp_path / page.name)
    # Last in the queue, and the one page that cannot be stored.
    (tmp_path / "zz_empty.txt").write_bytes(b"")
    redis.Redis.from_url(TEST_BROKER).flushdb()
    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": TEST_BROKER}
    # One process taking one page at a time: pages are stored in the order they were sent.
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "newsdesk", "worker", "--pool", "solo", "--loglevel", "warning"]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        sent = subprocess.run(
            [sys.executable, "manage.py", "ingest", "--queue", str(tmp_path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert sent.returncode == 0, sent.stderr
        assert sent.stdout.startswith(f"{len(list(tmp_path.iterdir()))} queued, 0 skipped, 0 failed")
        assert wait_for(FailedPage.objects.exists, timeout=180), "the worker did not finish the folder"
    finally:
        worker.terminate()
        try:
            output = worker.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            worker.kill()
            output = worker.communicate()[0]
    failed = FailedPage.objects.get()
    assert (failed.name, failed.error, bytes(failed.data)) == (str(tmp_path / "zz_empty.txt"), "the file is empty", b"")
    assert Article.objects.count() == len(list(tmp_path.iterdir())) - 1, output
    through_queue = database_snapshot()

    clear_database()
    for path in sorted(tmp_path.iterdir()):
        ingest.ingest_file(path)

    assert database_snapshot() == through_queue


def run_task(data, origin="https://harbour-ledger.example/p", name="page.html"):
    return tasks.ingest_page.apply(args=(tasks.encode_page(data), origin, name)).get()


def test_the_task_stores_a_page_from_its_bytes(db):
    assert run_task(article_html()) == ingest.STORED
    assert run_task(article_html()) == ingest.UNCHANGED
    assert Article.objects.count() == 1


def test_a_page_that_cannot_be_extracted_is_kept_at_once(db):
    assert run_task(b"   ", name="blank.txt") == ingest.FAILED

    failed = FailedPage.objects.get()
    assert (failed.name, failed.error, failed.attempts) == ("blank.txt", "the file is empty", 1)


def test_a_page_the_database_refuses_is_retried_then_kept(db):
    with mock.patch.object(ingest, "_store", side_effect=OperationalError("server closed the connection")) as store:
        assert run_task(article_html()) == ingest.FAILED

    assert store.call_count == tasks.MAX_RETRIES + 1
    failed = FailedPage.objects.get()
    assert failed.error == "could not store the article: OperationalError: server closed the connection"
    assert bytes(failed.data) == article_html()
    assert failed.attempts == tasks.MAX_RETRIES + 1


def failing(times, exc, then):
    """A side effect that raises `exc` `times` times, then calls `then`."""
    calls = []

    def effect(*args, **kwargs):
        calls.append(1)
        if len(calls) <= times:
            raise exc
        return then(*args, **kwargs)

    return effect


def test_a_page_outlives_a_database_outage_longer_than_the_retries(db):
    QueuedPage.objects.mark_sent([("https://harbour-ledger.example/p", "page.html")])
    outage = tasks.MAX_RETRIES + 3
    down = OperationalError("connection refused")
    with (
        mock.patch.object(ingest, "_store", side_effect=failing(outage, down, ingest._store)),
        mock.patch.object(ingest, "database_answers", side_effect=[False] * outage + [True] * 10),
    ):
        assert run_task(article_html()) == ingest.STORED

    assert Article.objects.count() == 1
    assert not FailedPage.objects.exists()
    page = QueuedPage.objects.get()
    assert (page.outcome, page.attempts) == (ingest.STORED, outage + 1)


def test_a_connection_lost_in_a_long_outage_does_not_use_up_the_pages_retries(db):
    # As the database comes back, the first try fails on a connection lost in the outage while the
    # database answers again: one refusal, not the last of a budget spent waiting.
    outage = tasks.MAX_RETRIES + 3
    lost = OperationalError("server closed the connection unexpectedly")
    with (
        mock.patch.object(ingest, "_store", side_effect=failing(outage + 1, lost, ingest._store)),
        mock.patch.object(ingest, "database_answers", side_effect=[False] * outage + [True] * 10),
    ):
        assert run_task(article_html()) == ingest.STORED

    assert Article.objects.count() == 1
    assert not FailedPage.objects.exists()


def test_a_failure_that_cannot_be_recorded_is_not_acknowledged(db):
    record = tasks.record_failure
    with mock.patch.object(tasks, "record_failure", side_effect=failing(2, OperationalError("gone"), record)) as rec:
        assert run_task(b"", name="blank.txt") == ingest.FAILED

    # Delivered again until the failure could be kept.
    assert rec.call_count == 3
    assert FailedPage.objects.get().name == "blank.txt"


def test_a_failed_page_stored_at_last_leaves_the_list(db):
    run_task(b"", origin="https://harbour-ledger.example/p")
    assert FailedPage.objects.count() == 1

    run_task(article_html(), origin="https://harbour-ledger.example/p")

    assert not FailedPage.objects.exists()


def test_retries_wait_longer_each_time(settings):
    settings.INGEST_RETRY_DELAY, settings.INGEST_RETRY_MAX_DELAY = 5, 60
    delays = [tasks.retry_delay(n) for n in range(8)]

    assert 2.5 <= delays[0] <= 5
    assert all(d <= 60 for d in delays)
    assert tasks.retry_delay(7) >= 30
