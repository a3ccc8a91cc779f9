"""Ingest: read a page file, extract its article, store it.

Each page is stored in its own transaction, or (ingest --workers on
PostgreSQL, store_pages) new pages in one transaction per batch, which falls
back to a transaction per page when it fails: a failing page leaves nothing
half-written and never stops the run. Storing is idempotent: the same bytes
are recognised by their hash and skipped, and a changed page with the same
origin updates its article in place, keeping the analysts' work on it.
"""

import contextlib
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, transaction

from actors.models import Role

from . import storing
from .columns import fit_to_columns
from .extraction import ExtractionError, extract
from .extraction.limits import MAX_PAGE_BYTES, MAX_SECONDS
from .extraction.titles import needs_titles, resolve_titles
from .models import Article, Topic
from .printable import printable

logger = logging.getLogger(__name__)

# Bump when extraction changes enough that stored articles should be redone.
EXTRACTOR_VERSION = "2"

STORED, UPDATED, UNCHANGED, SKIPPED, FAILED = "stored", "updated", "unchanged", "skipped", "failed"
OUTCOMES = (STORED, UPDATED, UNCHANGED, SKIPPED, FAILED)


@dataclass
class IngestResult:
    path: Path
    outcome: str
    reason: str = ""
    article_id: int | None = None
    # A failure of the database, not of the page: another try may store it.
    retryable: bool = False
    # What was changed to store the page (a value cut to its column), one line each.
    notes: list[str] = field(default_factory=list)
    # The database could not be reached at all (connection refused or lost):
    # waiting for it to come back is the remedy, not giving up on the page.
    database_down: bool = False


def database_failure(path, exc, doing="store the article"):
    """The result for a page the database failed: one line, never the page's row."""
    # PostgreSQL's messages add a DETAIL line holding the whole refused row.
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    reason = f"could not {doing}: {exc.__class__.__name__}" + (f": {message}" if message else "")
    down = isinstance(exc, (OperationalError, InterfaceError)) and not database_answers()
    return IngestResult(Path(path), FAILED, reason, retryable=True, database_down=down)


def database_answers():
    """Whether the default database takes a query now (after dropping a connection it lost)."""
    from django.db import connection

    try:
        if connection.connection is not None and not connection.is_usable():
            connection.close()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        with contextlib.suppress(DatabaseError):
            connection.close()
        return False


def describe_failure(exc):
    """One line saying why a page failed, for the analyst reading the run's output."""
    if isinstance(exc, ExtractionError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"cannot read file: {exc.strerror or exc}"
    return f"extraction failed: {exc.__class__.__name__}: {exc}"


def file_origin(path):
    return Path(path).resolve().as_uri()


def read_page(path):
    with open(path, "rb") as fh:
        data = fh.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise ExtractionError(f"file is larger than {MAX_PAGE_BYTES // (1024 * 1024)} MB")
    return data


@dataclass
class Prepared:
    """A page read and looked up, before extraction: what every ingest driver starts from.

    The drivers: ingest_file (sequential), articles.parallel (--workers), the
    ingest command's --queue, and articles.tasks through ingest_bytes.
    """

    path: Path
    origin: str
    data: bytes | None = None
    content_hash: str = ""
    # Set when nothing is left to do: the file cannot be read, its bytes are
    # stored already, or the database could not say whether they are.
    result: IngestResult | None = None


def prepare(path, *, look_up=True):
    """Read the page file at `path` and, with `look_up`, find whether its bytes are stored already."""
    path = Path(path)
    prepared = Prepared(path, file_origin(path))
    try:
        prepared.data = read_page(path)
    except (OSError, ExtractionError) as exc:
        prepared.result = IngestResult(path, FAILED, describe_failure(exc))
        return prepared
    prepared.content_hash = page_hash(prepared.data)
    return look_up_stored(prepared) if look_up else prepared


def look_up_stored(prepared):
    """`prepared`, with its result set when its bytes are stored already or the database cannot say."""
    try:
        existing = unchanged_article(prepared.content_hash)
    except DatabaseError as exc:
        prepared.result = database_failure(prepared.path, exc, doing="look the page up")
        return prepared
    if existing is not None:
        prepared.result = IngestResult(prepared.path, UNCHANGED, article_id=existing)
        prepared.data = None
    return prepared


def look_up_many(prepared):
    """look_up_stored for several Prepared pages, in one query: a batch of pages (articles.parallel) was a
    query a page in the process reading the files, about half of its work."""
    waiting = [p for p in prepared if p.result is None]
    if not waiting:
        return
    try:
        stored = unchanged_articles(p.content_hash for p in waiting)
    except DatabaseError as exc:
        for p in waiting:
            p.result = database_failure(p.path, exc, doing="look the page up")
        return
    for p in waiting:
        if p.content_hash in stored:
            p.result = IngestResult(p.path, UNCHANGED, article_id=stored[p.content_hash])
            p.data = None


def ingest_file(path, *, topic_rules=None, dry_run=False):
    """Ingest one page file and say what happened to it."""
    return ingest_prepared(prepare(path), topic_rules=topic_rules, dry_run=dry_run)


def ingest_bytes(data, *, name, origin, topic_rules=None, dry_run=False, max_seconds=MAX_SECONDS):
    """Ingest the bytes of one page.

    `name` is the page's file name or path (its suffix tells HTML from text);
    `origin` identifies the page when it gives no URL of its own.
    """
    prepared = look_up_stored(Prepared(Path(name), origin, data, page_hash(data)))
    return ingest_prepared(prepared, topic_rules=topic_rules, dry_run=dry_run, max_seconds=max_seconds)


def ingest_prepared(prepared, *, topic_rules=None, dry_run=False, max_seconds=MAX_SECONDS):
    """Extract and store a prepared page in this process, unless preparing it already said what became of it."""
    if prepared.result is not None:
        return prepared.result
    name = str(prepared.path)
    try:
        if topic_rules is None:
            topic_rules = Topic.objects.rules()
    except DatabaseError as exc:
        return database_failure(name, exc, doing="look the page up")
    page, reason = extract_page(prepared.data, name=name, topic_rules=topic_rules, max_seconds=max_seconds)
    return store_or_report(
        page, reason, name=name, origin=prepared.origin, content_hash=prepared.content_hash, dry_run=dry_run
    )


def store_or_report(page, reason, *, name, origin, content_hash, dry_run=False):
    """The result for what `extract_page` gave: the page stored (not on a dry run), or why it failed."""
    if page is None:
        return IngestResult(Path(name), FAILED, reason)
    notes = fit_to_columns(page)
    if dry_run:
        return IngestResult(Path(name), STORED, notes=notes)
    result = store_page(page, name=name, origin=origin, content_hash=content_hash)
    if result.outcome in (STORED, UPDATED):
        result.notes = notes
    return result


def page_hash(data):
    """What identifies a page's bytes: the same hash means nothing to redo."""
    return hashlib.sha256(data).hexdigest()


def unchanged_article(content_hash, any_version=False):
    """The id of the article already stored from these exact bytes, or None.

    Bytes stored by an older extractor count as changed (they are extracted
    again), unless `any_version`: a new origin cannot hold them a second time.
    """
    return unchanged_articles([content_hash], any_version).get(content_hash)


def unchanged_articles(content_hashes, any_version=False):
    """{content hash: id} of the articles already stored from these bytes, in one query (unchanged_article)."""
    articles = Article.objects.filter(content_hash__in=set(content_hashes))
    if not any_version:
        articles = articles.filter(extractor_version=EXTRACTOR_VERSION)
    return dict(articles.order_by().values_list("content_hash", "pk"))


def extract_page(data, *, name, topic_rules, max_seconds=MAX_SECONDS):
    """Extract one page, touching no database: (page, None), or (None, why it failed).

    Safe to run in another process: `articles.parallel` runs it in worker
    processes and hands the page back to `store_page`.
    """
    try:
        return extract(data, name=name, topic_rules=topic_rules, max_seconds=max_seconds), None
    except ExtractionError as exc:
        return None, describe_failure(exc)
    except Exception as exc:  # an extractor bug must not stop the run
        logger.exception("extraction crashed on %s", name)
        return None, describe_failure(exc)


def store_page(page, *, name, origin, content_hash):
    """Store an extracted page in its own transaction and say what happened.

    Every driver looked the bytes up before extracting them (look_up_stored),
    so they are not looked up again: bytes stored since, by another ingest,
    meet these at the unique content hash (from another path: this
    transaction rolls back and reports the winner's article as unchanged) or
    at the article's row lock (the same path: store_extracted finds them).
    """
    failed = _resolve_titles([page], [name])
    if failed:
        return failed[0]
    return _store_titled(page, name=name, origin=origin, content_hash=content_hash)


def _resolve_titles(pages, names):
    """A speaker named only by a title ("the alliance's chief") is whoever held it on the page's date.

    Returns {index: IngestResult} for the pages that cannot be stored: the roles could not be read, or
    resolving failed on the page (a bug; the run goes on, the page is not stored).
    """
    titled = [i for i, page in enumerate(pages) if needs_titles(page)]
    if not titled:
        return {}
    try:
        registry = Role.objects.registry()
    except DatabaseError as exc:
        return {i: database_failure(Path(names[i]), exc) for i in titled}
    failed = {}
    for i in titled:
        try:
            resolve_titles(pages[i], registry)
        except Exception as exc:
            logger.exception("resolving titles failed on %s", names[i])
            failed[i] = IngestResult(
                Path(names[i]), FAILED, f"could not store the article: {exc.__class__.__name__}: {exc}"
            )
    return failed


def _store_titled(page, *, name, origin, content_hash):
    path = Path(name)
    origin = page.url or origin
    try:
        try:
            article, created = _store(page, origin, printable(path.name), content_hash)
        except IntegrityError:
            # Another ingest stored this page (or its actors) between our look
            # and our write; its transaction has committed, so look again.
            twin = unchanged_article(content_hash, any_version=True)
            if twin is not None:
                return IngestResult(path, UNCHANGED, article_id=twin)
            article, created = _store(page, origin, printable(path.name), content_hash)
    except DatabaseError as exc:  # the transaction rolled back: nothing of this page is stored
        logger.info("storing %s failed: %s", name, exc.__class__.__name__)
        logger.debug("storing %s failed", name, exc_info=True)
        return database_failure(path, exc)
    except Exception as exc:  # a bug in storing must not stop the run; nothing of the page is stored
        logger.exception("storing %s failed", name)
        return IngestResult(path, FAILED, f"could not store the article: {exc.__class__.__name__}: {exc}")
    if created is None:
        return IngestResult(path, UNCHANGED, article_id=article.pk)
    return IngestResult(path, STORED if created else UPDATED, article_id=article.pk)


@dataclass
class Extracted:
    """A page as extraction left it (page None: `reason` says why), with what storing it needs."""

    page: object
    reason: str
    name: str
    origin: str
    content_hash: str


def store_or_report_many(extracted, *, dry_run=False):
    """store_or_report for several pages (Extracted): their IngestResults in order, new pages stored together."""
    results = [None] * len(extracted)
    ready = []
    for i, item in enumerate(extracted):
        if item.page is None or dry_run:
            results[i] = store_or_report(
                item.page,
                item.reason,
                name=item.name,
                origin=item.origin,
                content_hash=item.content_hash,
                dry_run=dry_run,
            )
        else:
            ready.append(i)
    notes = {i: fit_to_columns(extracted[i].page) for i in ready}
    for i, result in zip(ready, store_pages([extracted[i] for i in ready]), strict=True):
        if result.outcome in (STORED, UPDATED):
            result.notes = notes[i]
        results[i] = result
    return results


def store_pages(extracted):
    """Store extracted pages (Extracted, each with a page): their IngestResults in order.

    Pages for origins no article has are stored in one transaction
    (storing.store_new_pages: each kind of row written once for all of them,
    their names decided once), the others as store_page stores them. If the
    shared transaction fails (another ingest stored one of the pages
    meanwhile, a page the database refuses), it rolls back whole and each of
    its pages is stored in a transaction of its own, so what happened to each
    is said as if it had been stored alone.
    """
    failed = _resolve_titles([item.page for item in extracted], [item.name for item in extracted])
    results = [failed.get(i) for i in range(len(extracted))]
    try:
        new = [i for i in _new_pages(extracted) if i not in failed]
    except DatabaseError:  # each page on its own below says what became of it
        new = []
    if len(new) > 1:
        pages = [
            storing.NewPage(item.page, item.page.url or item.origin, printable(Path(item.name).name), item.content_hash)
            for item in (extracted[i] for i in new)
        ]
        try:
            with transaction.atomic():
                articles = storing.store_new_pages(pages, EXTRACTOR_VERSION)
        except Exception as exc:  # each page on its own below says what became of it
            logger.info("storing %d pages together failed (%s); storing them one by one", len(new), exc)
        else:
            for i, article in zip(new, articles, strict=True):
                results[i] = IngestResult(Path(extracted[i].name), STORED, article_id=article.pk)
    for i, item in enumerate(extracted):
        if results[i] is None:
            results[i] = _store_titled(item.page, name=item.name, origin=item.origin, content_hash=item.content_hash)
    return results


def _new_pages(extracted):
    """The indexes of the pages whose origin no article has (the first page of each origin and content), in one
    query."""
    origins = [item.page.url or item.origin for item in extracted]
    stored = set(Article.objects.filter(origin__in=set(origins)).values_list("origin", flat=True))
    new, seen_origins, seen_hashes = [], set(), set()
    for i, (item, origin) in enumerate(zip(extracted, origins, strict=True)):
        if origin in stored or origin in seen_origins or item.content_hash in seen_hashes:
            continue
        seen_origins.add(origin)
        seen_hashes.add(item.content_hash)
        new.append(i)
    return new


def _store(page, origin, file_name, content_hash):
    with transaction.atomic():
        return storing.store_extracted(
            page,
            origin=origin,
            file_name=file_name,
            content_hash=content_hash,
            extractor_version=EXTRACTOR_VERSION,
        )
