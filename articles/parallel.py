"""Parallel ingest on one machine: extract in worker processes, store in this one.

Extraction is pure Python and CPU-bound, so it runs in a pool of processes
(started with 'spawn': no database connection or lock is inherited). Workers
never touch the database: they get page bytes and send back an ExtractedPage.
This process keeps the only connection and stores every page through
`ingest.store_page`, one transaction per page, in the order the pages were
found, so a run gives the same database as a sequential one.

Files are read as they are reached and at most `window` pages are in flight,
so memory stays flat however large the folder.
"""

import importlib
import logging
import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .extraction.errors import ExtractionError
from .extraction.limits import MAX_SECONDS

logger = logging.getLogger(__name__)

# Pages queued per worker: enough to keep every worker busy while this
# process stores, few enough that memory does not grow with the folder.
PAGES_PER_WORKER = 4
# A page whose worker died is tried again once in a fresh pool.
ATTEMPTS = 2

_rules = None
_max_seconds = MAX_SECONDS


def _ingest_module():
    # Imported on first use, not with this module: a worker imports this
    # module before Django is set up, and articles.ingest imports models.
    return importlib.import_module("articles.ingest")


def _start_worker(topic_rules, max_seconds):
    # Settings and logging as in the parent; a worker never opens a connection.
    import django

    django.setup()
    global _rules, _max_seconds
    _rules, _max_seconds = topic_rules, max_seconds


def _extract(data, name):
    return _ingest_module().extract_page(data, name=name, topic_rules=_rules, max_seconds=_max_seconds)


class _Job:
    __slots__ = ("path", "data", "content_hash", "future", "result", "attempts")

    def __init__(self, path):
        self.path = path
        self.data = None
        self.content_hash = None
        self.future = None
        self.result = None
        self.attempts = 0


class ExtractionPool:
    """A process pool for `ingest.extract_page`, restarted if a worker dies."""

    def __init__(self, workers, topic_rules, max_seconds=MAX_SECONDS):
        self.workers = workers
        self.topic_rules = topic_rules
        self.max_seconds = max_seconds
        self._executor = None

    def submit(self, data, name):
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.topic_rules, self.max_seconds),
            )
        return self._executor.submit(_extract, data, name)

    def restart(self):
        self.close()

    def close(self):
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def ingest_files(paths, *, workers, topic_rules, dry_run=False, max_seconds=MAX_SECONDS, window=None):
    """Ingest the page files in `paths` (any iterable); yield an IngestResult per path, in order.

    `workers` processes extract; this process reads files and stores pages.
    An IngestResult among the paths (a file found unusable beforehand) comes
    back in its place.
    """
    window = window or workers * PAGES_PER_WORKER
    ingest = _ingest_module()
    pool = ExtractionPool(workers, topic_rules, max_seconds)
    in_flight = deque()
    try:
        for path in paths:
            in_flight.append(_submit(ingest, pool, _Job(path)))
            while len(in_flight) >= window:
                yield _finish(ingest, pool, in_flight, dry_run)
        while in_flight:
            yield _finish(ingest, pool, in_flight, dry_run)
    finally:
        pool.close()


def _submit(ingest, pool, job):
    if isinstance(job.path, ingest.IngestResult):
        job.result = job.path
        return job
    if job.data is None:
        try:
            job.data = ingest.read_page(job.path)
        except (OSError, ExtractionError) as exc:
            job.result = ingest.IngestResult(job.path, ingest.FAILED, ingest.describe_failure(exc))
            return job
        job.content_hash = ingest.page_hash(job.data)
        existing = ingest.unchanged_article(job.content_hash)
        if existing is not None:
            job.result = ingest.IngestResult(job.path, ingest.UNCHANGED, article_id=existing)
            job.data = None
            return job
    job.attempts += 1
    job.future = pool.submit(job.data, str(job.path))
    return job


def _finish(ingest, pool, in_flight, dry_run):
    job = in_flight[0]
    if job.result is None:
        try:
            page, reason = job.future.result()
        except BrokenProcessPool:
            _resubmit_after_crash(ingest, pool, in_flight)
            return _finish(ingest, pool, in_flight, dry_run)
        if page is None:
            job.result = ingest.IngestResult(job.path, ingest.FAILED, reason)
        elif dry_run:
            job.result = ingest.IngestResult(job.path, ingest.STORED)
        else:
            job.result = ingest.store_page(
                page, name=str(job.path), origin=ingest.file_origin(job.path), content_hash=job.content_hash
            )
    in_flight.popleft()
    return job.result


def _resubmit_after_crash(ingest, pool, in_flight):
    """A worker died (killed, out of memory, a crash in C code): every page in flight is lost.

    Pages get a fresh pool and another try; one that was in flight at every
    crash is given up, since it may be the page that kills workers.
    """
    logger.warning("an extraction worker died; restarting the pool")
    pool.restart()
    for job in in_flight:
        if job.result is not None:
            continue
        if job.future.done() and not job.future.cancelled() and job.future.exception() is None:
            continue
        if job.attempts >= ATTEMPTS:
            job.result = ingest.IngestResult(job.path, ingest.FAILED, "the worker extracting this page died")
            job.data = None
        else:
            _submit(ingest, pool, job)
