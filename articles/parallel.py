"""Parallel ingest on one machine: pages extracted, and on PostgreSQL also stored, in worker processes.

Extraction is pure Python and CPU-bound, so it runs in a pool of processes
(started with 'spawn': no database connection or lock is inherited). Storing
a page alone is a few dozen queries of ORM work, more CPU than extracting it,
so on PostgreSQL each worker extracts a batch of pages and stores them on its
own connection (`ingest.store_pages`: the new ones in one transaction, their
rows written together): the database's constraints and locks keep concurrent
writers from duplicating articles, actors or statements, as they do for two
ingest runs at once. SQLite takes one writer at a time, so there workers only
extract and this process stores, page by page.

This process reads the files, skips pages already stored, and yields results
in the order the pages were found. Two files with the same bytes are never in
flight together: the second waits for the first and then finds it stored, as
a sequential run would. At most `window` pages (and WINDOW_BYTES) are in
flight, so memory stays flat however large the folder.
"""

import importlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from django.db import DEFAULT_DB_ALIAS, connections

from .extraction.limits import MAX_SECONDS

logger = logging.getLogger(__name__)

# Pages queued per worker: enough to keep every worker busy while this
# process reads files, few enough that memory does not grow with the folder.
PAGES_PER_WORKER = 4
# Pages a storing worker extracts and then stores in one transaction (articles.ingest.store_pages): a page
# stored alone costs ~28 queries, a batch of sixty-four new pages about what four did, and the surname groups
# they share are decided once. Two batches are queued per worker, so each has the next while it stores.
# bench.ingest --pages 1000 --workers 2, alternating: 16, 32, 64 gave 119-159, 143-167, 156-175 pages/s (the
# CPU of a page 9.3-12.0, 8.9-10.3, 8.2-9.2 ms): a batch holds its groups' locks to commit, and the other
# worker waits less for sixty-four pages than for four batches of sixteen.
BATCH_PAGES = 64
# And at most this many bytes of pages in a batch, and in flight in all: large pages make smaller batches and a
# shorter window, so memory stays flat whatever the pages weigh (a page may have MAX_PAGE_BYTES).
BATCH_BYTES = 16 * 1024 * 1024
WINDOW_BYTES = 64 * 1024 * 1024
# A page whose worker died is tried again once in a fresh pool.
ATTEMPTS = 2

_rules = None
_max_seconds = MAX_SECONDS


def _ingest_module():
    # Imported on first use, not with this module: a worker imports this
    # module before Django is set up, and articles.ingest imports models.
    return importlib.import_module("articles.ingest")


def workers_store():
    """Whether workers store their own pages: where the database takes concurrent writers.

    Not inside a transaction of the caller's: what workers store on their own
    connections would not be part of it, nor undone with it.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def _die_with_parent(parent_pid):
    """End this worker when the process that started it ends, however it ends.

    A parent killed with SIGKILL cannot shut its pool down, and the workers
    would wait for pages forever, holding their database connections. Linux
    sends the signal asked for here; elsewhere a thread watches the parent.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        if libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent_pid:  # the parent died before the signal was asked for
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass

    def watch():
        while os.getppid() == parent_pid:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _start_worker(topic_rules, max_seconds, database_name, parent_pid=None):
    # Settings and logging as in the parent. The parent's database name is
    # passed on because it may not be the one in settings (a test database).
    import django

    if parent_pid is not None:
        _die_with_parent(parent_pid)
    django.setup()
    if database_name:
        connections[DEFAULT_DB_ALIAS].settings_dict["NAME"] = database_name
    global _rules, _max_seconds
    _rules, _max_seconds = topic_rules, max_seconds


def _extract(data, name):
    return _ingest_module().extract_page(data, name=name, topic_rules=_rules, max_seconds=_max_seconds)


def _extract_and_store(pages, dry_run):
    """Extract the pages [(data, name, origin, content_hash)] and store them together: their IngestResults."""
    ingest = _ingest_module()
    extracted = [
        ingest.Extracted(*_extract(data, name), name, origin, content_hash)
        for data, name, origin, content_hash in pages
    ]
    return ingest.store_or_report_many(extracted, dry_run=dry_run)


class _Job:
    __slots__ = ("path", "prepared", "future", "index", "result", "attempts")

    def __init__(self, path):
        self.path = path
        self.prepared = None
        # Storing workers: the future of the batch the page went in, and its place there.
        self.future = None
        self.index = None
        self.result = None
        self.attempts = 0


class ExtractionPool:
    """A process pool that extracts pages (or, with `store`, ingests them), restarted if a worker dies.

    `submit` returns a future of (page, reason) from `ingest.extract_page`.
    With `store`, `add` collects jobs into batches of `batch` pages, each
    sent when full or on `flush`; its future gives the batch's IngestResults
    (ingest.store_or_report_many), each job's at its `index`.
    """

    def __init__(self, workers, topic_rules, max_seconds=MAX_SECONDS, store=False, batch=BATCH_PAGES):
        self.workers = workers
        self.topic_rules = topic_rules
        self.max_seconds = max_seconds
        self.store = store
        self.batch = batch
        self._pending = []
        self._dry_run = False
        self._executor = None

    def add(self, job, dry_run=False):
        """Queue a prepared job to be ingested in the next batch."""
        self._pending.append(job)
        self._dry_run = dry_run
        if len(self._pending) >= self.batch or _bytes(self._pending) >= BATCH_BYTES:
            self.flush()

    def holds(self, job):
        return job in self._pending

    def flush(self, parts=1):
        """Send the jobs queued by `add` as one batch (or `parts` batches), less those whose bytes are stored by
        now (their result set), looked up together."""
        if not self._pending:
            return
        jobs, self._pending = self._pending, []
        _ingest_module().look_up_many([job.prepared for job in jobs])
        for job in jobs:
            job.result = job.prepared.result
        jobs = [job for job in jobs if job.result is None]
        size = max(1, -(-len(jobs) // parts))
        for start in range(0, len(jobs), size):
            batch = jobs[start : start + size]
            pages = [(j.prepared.data, str(j.path), j.prepared.origin, j.prepared.content_hash) for j in batch]
            future = self._executor_now().submit(_extract_and_store, pages, self._dry_run)
            for index, job in enumerate(batch):
                job.future, job.index = future, index

    def submit(self, data, name):
        return self._executor_now().submit(_extract, data, name)

    def _executor_now(self):
        if self._executor is None:
            database_name = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"] if self.store else None
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.topic_rules, self.max_seconds, database_name, os.getpid()),
            )
        return self._executor

    def close(self):
        """Shut the workers down; jobs queued by `add` stay queued for the next pool."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def ingest_files(paths, *, workers, topic_rules, dry_run=False, max_seconds=MAX_SECONDS, window=None, store=None):
    """Ingest the page files in `paths` (any iterable); yield an IngestResult per path, in order.

    `workers` processes extract, and store too when `store` (by default:
    on PostgreSQL, see workers_store). An IngestResult among the paths (a
    file found unusable beforehand) comes back in its place.
    """
    ingest = _ingest_module()
    pool = ExtractionPool(workers, topic_rules, max_seconds, store=workers_store() if store is None else store)
    window = window or workers * (2 * BATCH_PAGES if pool.store else PAGES_PER_WORKER)
    if pool.store:
        pool.batch = max(1, min(pool.batch, window // (2 * workers)))
    in_flight = deque()
    try:
        for path in paths:
            in_flight.append(_submit(ingest, pool, _Job(path), in_flight, dry_run))
            while len(in_flight) >= window or _bytes(in_flight) >= WINDOW_BYTES:
                yield _finish(ingest, pool, in_flight, dry_run)
        if pool.store:
            # The last pages shared out: sent as one batch they kept one worker busy while the others were done.
            pool.flush(parts=workers)
        while in_flight:
            yield _finish(ingest, pool, in_flight, dry_run)
    finally:
        pool.close()  # the next submit starts a fresh pool


def _bytes(jobs):
    """The bytes of the pages these jobs hold (a page stored or failed holds none)."""
    return sum(len(job.prepared.data or b"") for job in jobs if job.prepared is not None and job.result is None)


def _submit(ingest, pool, job, in_flight, dry_run):
    if isinstance(job.path, ingest.IngestResult):
        job.result = job.path
        return job
    if job.prepared is None:
        job.prepared = ingest.prepare(job.path, look_up=False)
    prepared = job.prepared
    if prepared.result is None and not pool.store:
        # Looked up on every submit: bytes in flight before, or a page whose worker died, may be stored now.
        # (A storing pool looks a batch's pages up together as it sends them, ExtractionPool.flush.)
        ingest.look_up_stored(prepared)
    if prepared.result is not None:
        job.result = prepared.result
        return job
    if any(
        other.prepared.content_hash == prepared.content_hash and other.result is None
        for other in in_flight
        if other.prepared is not None
    ):
        # The same bytes are on their way in: this copy is sent once they are stored (see _finish).
        return job
    job.attempts += 1
    if pool.store:
        pool.add(job, dry_run=dry_run)
    else:
        job.future = pool.submit(prepared.data, str(job.path))
    return job


def _finish(ingest, pool, in_flight, dry_run):
    job = in_flight[0]
    if job.result is None and job.future is None and not (pool.store and pool.holds(job)):
        # A copy of bytes that were in flight when it was read; they are done now.
        _submit(ingest, pool, job, (), dry_run)
    if pool.store and pool.holds(job):
        pool.flush()
    if job.result is None:
        try:
            outcome = job.future.result()
        except BrokenProcessPool:
            _resubmit_after_crash(ingest, pool, in_flight, dry_run)
            return _finish(ingest, pool, in_flight, dry_run)
        if pool.store:
            job.result = outcome[job.index]
        else:
            job.result = ingest.store_or_report(
                *outcome,
                name=str(job.path),
                origin=job.prepared.origin,
                content_hash=job.prepared.content_hash,
                dry_run=dry_run,
            )
    in_flight.popleft()
    return job.result


def _resubmit_after_crash(ingest, pool, in_flight, dry_run):
    """A worker died (killed, out of memory, a crash in C code): every page in flight is lost.

    Pages get a fresh pool and another try; one that was in flight at every
    crash is given up, since it may be the page that kills workers. A page
    being stored when its worker died left nothing: its transaction died too.
    """
    logger.warning("an ingest worker died; restarting the pool")
    pool.close()
    if pool.store:
        pool.flush()  # the batch being filled lost nothing: it goes as it is, and each page tried again alone
    for job in in_flight:
        if job.result is not None or job.future is None:
            continue
        if job.future.done() and not job.future.cancelled() and job.future.exception() is None:
            continue
        if job.attempts >= ATTEMPTS:
            job.result = ingest.IngestResult(job.path, ingest.FAILED, "the worker extracting this page died")
            job.prepared.data = None
        else:
            # Alone this time: a page that kills its worker then takes no other page down with it.
            _submit(ingest, pool, job, (), dry_run)
            if pool.store:
                pool.flush()
