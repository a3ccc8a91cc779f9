"""`ingest --workers N`: pages extracted in worker processes give the database a sequential ingest gives."""

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import ingest, parallel
from articles.models import Article
from bench import corpus
from tests.commands import run_ingest
from tests.snapshots import clear_database, database_snapshot


@pytest.fixture
def folder(tmp_path):
    for p in corpus.pages(24, seed=3):
        (tmp_path / p.name).write_bytes(p.data)
    # The same bytes twice, and a page that cannot be used.
    (tmp_path / "zz_copy.html").write_bytes(corpus.page(0, seed=3).data)
    (tmp_path / "zz_empty.txt").write_bytes(b"")
    return tmp_path


def test_it_stores_what_a_sequential_ingest_stores(transactional_db, folder):
    code, out, err = run_ingest(folder, "--workers", "2")
    assert code == 1
    assert out.strip() == "24 stored, 0 updated, 1 unchanged, 0 skipped, 1 failed"
    assert err.strip().splitlines()[0] == f"FAILED {folder / 'zz_empty.txt'}: the file is empty"
    parallel_run = database_snapshot()

    clear_database()
    code, out, err = run_ingest(folder, "--workers", "0")

    assert out.strip() == "24 stored, 0 updated, 1 unchanged, 0 skipped, 1 failed"
    assert database_snapshot() == parallel_run


def test_it_leaves_an_ingested_folder_alone(transactional_db, folder):
    run_ingest(folder, "--workers", "2")
    before = database_snapshot()

    code, out, err = run_ingest(folder, "--workers", "2")

    assert out.strip() == "0 stored, 0 updated, 25 unchanged, 0 skipped, 1 failed"
    assert database_snapshot() == before
    assert Article.objects.count() == 24


def test_it_reads_files_only_as_workers_need_them(transactional_db, folder):
    paths = sorted(folder.iterdir())
    pulled = []

    def lazily():
        for path in paths:
            pulled.append(path)
            yield path

    results = parallel.ingest_files(lazily(), workers=1, topic_rules=[], window=3)
    first = next(results)

    assert first.outcome == ingest.STORED
    assert len(pulled) == 3
    rest = list(results)
    assert len(pulled) == len(paths) == len(rest) + 1


class DyingPool:
    """Extracts in this process; the page named `deadly` kills its 'worker' every time."""

    store = False

    def __init__(self, workers, topic_rules, max_seconds, store=False):
        self.restarts = 0

    def submit(self, data, name):
        future = Future()
        if name.endswith("deadly.html"):
            future.set_exception(BrokenProcessPool("a worker died"))
        else:
            future.set_result(ingest.extract_page(data, name=name, topic_rules=[]))
        return future

    def restart(self):
        self.restarts += 1

    def close(self):
        pass


def test_a_page_that_kills_its_worker_fails_alone(transactional_db, folder, monkeypatch):
    (folder / "aa_deadly.html").write_bytes(corpus.page(99, seed=3).data)
    monkeypatch.setattr(parallel, "ExtractionPool", DyingPool)

    results = list(parallel.ingest_files(sorted(folder.iterdir()), workers=2, topic_rules=[]))

    deadly = [r for r in results if r.path.name == "aa_deadly.html"]
    assert [(r.outcome, r.reason) for r in deadly] == [(ingest.FAILED, "the worker extracting this page died")]
    assert sum(r.outcome == ingest.STORED for r in results) == 24


class InProcessExecutor:
    """Runs each batch in this process; a batch holding the page named `deadly` kills its 'worker'."""

    def submit(self, fn, pages, dry_run):
        future = Future()
        if any(name.endswith("deadly.html") for _, name, _, _ in pages):
            future.set_exception(BrokenProcessPool("a worker died"))
        else:
            future.set_result(fn(pages, dry_run))
        return future


class DyingStoringPool(parallel.ExtractionPool):
    """Workers that store their batches (as on PostgreSQL), run in this process."""

    batches = []

    def __init__(self, workers, topic_rules, max_seconds, store=False):
        super().__init__(workers, topic_rules, max_seconds, store=True)

    def flush(self, parts=1):
        self.batches.append([job.path.name for job in self._pending])
        super().flush(parts)

    def _executor_now(self):
        return InProcessExecutor()

    def close(self):
        pass


def test_a_page_that_kills_its_storing_worker_fails_alone(db, folder, monkeypatch):
    (folder / "0000004_deadly.html").write_bytes(corpus.page(99, seed=3).data)
    monkeypatch.setattr(parallel, "BATCH_PAGES", 8)
    monkeypatch.setattr(parallel, "ExtractionPool", DyingStoringPool)
    monkeypatch.setattr(DyingStoringPool, "batches", [])

    results = list(parallel.ingest_files(sorted(folder.iterdir()), workers=2, topic_rules=[]))

    assert [r.path.name for r in results] == sorted(p.name for p in folder.iterdir())
    deadly = [r for r in results if r.path.name == "0000004_deadly.html"]
    assert [(r.outcome, r.reason) for r in deadly] == [(ingest.FAILED, "the worker extracting this page died")]
    assert sum(r.outcome == ingest.STORED for r in results) == 24
    # Batches of eight; after the crash the pages of the lost batch go again, each alone, so the others are stored.
    first, *rest = DyingStoringPool.batches
    assert len(first) == 8 and "0000004_deadly.html" in first
    assert all([name] in rest for name in first)


class SentPool(DyingStoringPool):
    """Records the pages each batch sends to a worker."""

    def _executor_now(self):
        pool = self

        class Recording(InProcessExecutor):
            def submit(self, fn, pages, dry_run):
                pool.sent.append([name for _, name, _, _ in pages])
                return super().submit(fn, pages, dry_run)

        return Recording()


def test_a_storing_pool_looks_a_batchs_pages_up_in_one_query(db, folder, monkeypatch):
    monkeypatch.setattr(parallel, "ExtractionPool", SentPool)
    monkeypatch.setattr(SentPool, "batches", [])
    monkeypatch.setattr(SentPool, "sent", [], raising=False)
    paths = sorted(p for p in folder.iterdir() if p.name != "zz_copy.html")
    stored = list(parallel.ingest_files(paths[:10], workers=1, topic_rules=[]))
    assert [r.outcome for r in stored].count(ingest.STORED) == 10
    SentPool.sent.clear()
    SentPool.batches.clear()

    # Read again with new pages: the stored ones are known from one look-up a batch and never sent to a worker.
    monkeypatch.setattr(parallel, "BATCH_PAGES", 8)
    with CaptureQueriesContext(connection) as queries:
        results = list(parallel.ingest_files(paths, workers=1, topic_rules=[]))

    assert [r.outcome for r in results[:10]] == [ingest.UNCHANGED] * 10
    assert [r.article_id for r in results[:10]] == [r.article_id for r in stored]
    assert sorted(name for batch in SentPool.sent for name in batch) == [str(p) for p in paths[10:]]
    look_ups = [q for q in queries.captured_queries if "content_hash" in q["sql"] and q["sql"].startswith("SELECT")]
    assert len(look_ups) == len(SentPool.batches) == 4  # 25 pages, eight a batch


def test_the_last_pages_are_shared_out_among_the_workers(db, folder, monkeypatch):
    monkeypatch.setattr(parallel, "ExtractionPool", SentPool)
    monkeypatch.setattr(SentPool, "batches", [])
    monkeypatch.setattr(SentPool, "sent", [], raising=False)
    monkeypatch.setattr(parallel, "BATCH_PAGES", 8)
    (folder / "zz_more.txt").write_bytes(corpus.page(40, seed=3).data)
    (folder / "zz_most.txt").write_bytes(corpus.page(41, seed=3).data)
    (folder / "zz_copy.html").unlink()

    results = list(parallel.ingest_files(sorted(folder.iterdir()), workers=2, topic_rules=[]))

    assert [len(batch) for batch in SentPool.sent] == [8, 8, 8, 2, 1]  # 27 pages: the last three in two batches
    assert [r.path.name for r in results] == sorted(p.name for p in folder.iterdir())
    assert sum(r.outcome == ingest.STORED for r in results) == 27 - 1  # the empty page fails


def test_large_pages_make_smaller_batches_and_a_shorter_window(db, folder, monkeypatch):
    monkeypatch.setattr(parallel, "ExtractionPool", DyingStoringPool)
    monkeypatch.setattr(DyingStoringPool, "batches", [])
    paths = sorted(folder.iterdir())
    largest = max(p.stat().st_size for p in paths)
    monkeypatch.setattr(parallel, "BATCH_BYTES", 3 * largest)
    monkeypatch.setattr(parallel, "WINDOW_BYTES", 5 * largest)
    pulled = []

    def lazily():
        for path in paths:
            pulled.append(path)
            yield path

    results = parallel.ingest_files(lazily(), workers=2, topic_rules=[])
    next(results)

    # Reading stopped at the page that took the bytes in flight over the cap.
    assert sum(p.stat().st_size for p in pulled[:-1]) < 5 * largest <= sum(p.stat().st_size for p in pulled)
    rest = list(results)
    assert sum(r.outcome == ingest.STORED for r in rest) == 23
    size = {p.name: p.stat().st_size for p in paths}
    # A batch is sent when its pages reach the cap: without its last page it was under it.
    assert all(sum(size[name] for name in batch[:-1]) < 3 * largest for batch in DyingStoringPool.batches)
    assert any(sum(size[name] for name in batch) >= 3 * largest for batch in DyingStoringPool.batches)


def test_copies_of_one_page_in_flight_together_are_stored_once(transactional_db, tmp_path):
    # No canonical URL, so each copy has its own origin: only the content hash tells they are one page.
    data = (
        b"<html><head><title>Port talks resume</title></head><body><article>"
        + (b"<p>Negotiators for the dock workers met the port authority on Tuesday and agreed to resume talks.</p>" * 5)
        + b"</article></body></html>"
    )
    for n in range(6):
        (tmp_path / f"copy{n}.html").write_bytes(data)

    code, out, err = run_ingest(tmp_path, "--workers", "2")

    assert (code, err) == (0, "")
    assert out.strip() == "1 stored, 0 updated, 5 unchanged, 0 skipped, 0 failed"
    assert Article.objects.count() == 1
