"""Pages added from the browser (`/add/`): files, a zip of them, or a pasted page, through the ingest service.

Every page goes through `articles.ingest` as it does for `manage.py ingest`:
the same 16 MB limit, the same reasons for a page that cannot be used, the
same idempotence (the same bytes are "unchanged", a changed page from the
same origin updates its article and keeps the analysts' work). A page's
origin is the uploader and the file's name (`upload:user-7/harbour/budget.html`),
or its URL when it gives one, so uploading a corrected file again updates it.

A zip is checked before any member is read: paths that climb out of the
archive (zip slip), links, encrypted members, more members or more bytes than
the caps, members compressed suspiciously well (zip bombs) and archives
inside it each refuse the whole zip, so nothing is stored from it.

Small batches run in the request. Above UPLOAD_IN_REQUEST_PAGES pages or
UPLOAD_IN_REQUEST_BYTES bytes they go to the Celery workers when
UPLOAD_QUEUE is on (`articles.upload_tasks`); without it the pages past the
limit are listed as not stored, with the reason.
"""

import hashlib
import logging
import re
import stat
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count
from kombu.exceptions import OperationalError as BrokerError

from . import ingest, upload_tasks
from .extraction.limits import MAX_PAGE_BYTES, MAX_SECONDS
from .models import Statement, Topic
from .printable import printable
from .sources import is_page_name
from .upload_records import WAITING, Upload, UploadFile

logger = logging.getLogger(__name__)

# A page tried again when the database failed it while still answering (a deadlock), as the command does.
TRIES = 3
NOT_A_PAGE = "not a page file (.txt, .html, .htm, optionally .gz) or a .zip of them"
OUT_OF_TIME = "not stored: the upload ran out of time in this request; add it again"
TOO_LARGE = f"file is larger than {MAX_PAGE_BYTES // (1024 * 1024)} MB"
ARCHIVE_SUFFIXES = (".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".7z", ".rar", ".zst", ".jar", ".docx", ".odt")
ARCHIVE_MAGIC = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x28\xb5\x2f\xfd",
)
NESTED = "is an archive inside the archive; unpack it and send its pages"
DRIVE = re.compile(r"[A-Za-z]:")
# What reading a damaged zip raises.
UNREADABLE = (zipfile.BadZipFile, zlib.error, OSError, EOFError)
# Below this size a well-compressed member cannot be a bomb, whatever its ratio.
RATIO_FLOOR = 1024 * 1024


class Unreadable(Exception):
    """A page whose bytes could not be read (a zip member with a bad checksum, say). The message says why."""


class ZipRefused(Exception):
    """The zip is refused whole: nothing in it is read or stored. The message says why."""


@dataclass
class Entry:
    """One page of a batch before it runs: its bytes come from `read()`; `outcome` is set when it will not run."""

    name: str
    origin: str
    size: int = 0
    read: object = None
    outcome: str = ""
    reason: str = ""
    # The analyst's values for a pasted page that lacks them (url, source, published).
    fill: dict | None = None


def upload_origin(user, name):
    return f"upload:user-{user.pk}/{name}"


def check_zip(archive):
    """The members of `archive` (a ZipFile) that are pages, and the names of those skipped; raises ZipRefused.

    Only the central directory is read here; `refuse_nested` then looks at
    the first bytes of each page.
    """
    infos = archive.infolist()
    if len(infos) > settings.UPLOAD_ZIP_MAX_FILES:
        raise ZipRefused(f"it holds {len(infos)} files, more than {settings.UPLOAD_ZIP_MAX_FILES}")
    total = sum(info.file_size for info in infos)
    if total > settings.UPLOAD_ZIP_MAX_BYTES:
        raise ZipRefused(
            f"it unpacks to {total // (1024 * 1024)} MB, more than {settings.UPLOAD_ZIP_MAX_BYTES // (1024 * 1024)} MB"
        )
    pages, skipped = [], []
    for info in infos:
        name = info.filename
        shown = printable(name)
        if climbs_out(name):
            raise ZipRefused(f"{shown} would be written outside the archive's folder")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ZipRefused(f"{shown} is a symbolic link")
        if info.flag_bits & 0x1:
            raise ZipRefused(f"{shown} is encrypted")
        if info.file_size > RATIO_FLOOR and info.file_size > settings.UPLOAD_ZIP_MAX_RATIO * max(info.compress_size, 1):
            raise ZipRefused(
                f"{shown} is compressed more than {settings.UPLOAD_ZIP_MAX_RATIO} to 1 (a zip bomb, or close to one)"
            )
        if info.is_dir():
            continue
        if name.lower().endswith(ARCHIVE_SUFFIXES):
            raise ZipRefused(f"{shown} {NESTED}")
        if name.startswith("__MACOSX/") or not is_page_name(name):
            skipped.append(name)
            continue
        pages.append(info)
    return pages, skipped


def climbs_out(name):
    """Whether a member's path could land outside the folder it is unpacked into (zip slip)."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return True
    path = PurePosixPath(name)
    return ".." in path.parts or bool(DRIVE.match(name))


def refuse_nested(archive, pages):
    """Raise ZipRefused when a page's first bytes are an archive, whatever its name says."""
    for info in pages:
        with archive.open(info) as member:
            head = member.read(8)
        if head.startswith(ARCHIVE_MAGIC):
            raise ZipRefused(f"{printable(info.filename)} {NESTED}")


def zip_entries(user, uploaded):
    """The entries of an uploaded zip; one failed entry for the zip when it is refused."""
    shown = printable(uploaded.name)
    try:
        archive = zipfile.ZipFile(uploaded)
        pages, skipped = check_zip(archive)
        refuse_nested(archive, pages)
    except ZipRefused as exc:
        return [Entry(shown, "", uploaded.size, outcome=ingest.FAILED, reason=f"zip refused: {exc}")]
    except (zipfile.LargeZipFile, NotImplementedError, *UNREADABLE) as exc:
        return [Entry(shown, "", uploaded.size, outcome=ingest.FAILED, reason=f"not a readable zip file ({exc})")]
    entries = [Entry(f"{shown}/{printable(name)}", "", outcome=ingest.SKIPPED, reason=NOT_A_PAGE) for name in skipped]
    for info in pages:
        entry = Entry(f"{shown}/{printable(info.filename)}", upload_origin(user, printable(info.filename)))
        entry.size = info.file_size
        if info.file_size > MAX_PAGE_BYTES:
            entry.outcome, entry.reason = ingest.FAILED, TOO_LARGE
        else:
            entry.read = _member_reader(archive, info)
        entries.append(entry)
    return entries


def _member_reader(archive, info):
    def read():
        try:
            with archive.open(info) as member:
                return member.read(MAX_PAGE_BYTES + 1)
        except UNREADABLE as exc:
            raise Unreadable(f"cannot read it from the zip ({exc})") from None

    return read


def file_entries(user, files):
    """The entries of the files chosen on the form, a zip's pages in its place."""
    entries = []
    for uploaded in files:
        name = printable(Path(uploaded.name).name)
        if name.lower().endswith(".zip"):
            entries += zip_entries(user, uploaded)
        elif not is_page_name(name):
            entries.append(Entry(name, "", uploaded.size, outcome=ingest.FAILED, reason=NOT_A_PAGE))
        elif uploaded.size > MAX_PAGE_BYTES:
            entries.append(Entry(name, "", uploaded.size, outcome=ingest.FAILED, reason=TOO_LARGE))
        else:
            entries.append(Entry(name, upload_origin(user, name), uploaded.size, read=_file_reader(uploaded)))
    return entries


def _file_reader(uploaded):
    def read():
        uploaded.seek(0)
        return uploaded.read(MAX_PAGE_BYTES + 1)

    return read


def add_files(user, files):
    """Store the uploaded files (zips unpacked) and record the upload; returns the Upload."""
    return run_batch(Upload.objects.create(user=user, kind=Upload.Kind.FILES), file_entries(user, files))


def add_pasted(user, text, *, url="", outlet="", published=None):
    """Store a pasted page; `url`, `outlet` and `published` fill in what the page itself does not say."""
    data = text.encode("utf-8")
    fill = {"url": url or None, "source": outlet or None, "published": published}
    # Without a URL the text names the page, so pasting it again with an outlet updates its article.
    origin = url or upload_origin(user, f"pasted/{hashlib.sha256(data).hexdigest()[:16]}")
    entry = Entry("pasted text", origin, len(data), read=lambda: data, fill=fill)
    return run_batch(Upload.objects.create(user=user, kind=Upload.Kind.PASTE), [entry])


def run_batch(upload, entries):
    """Record the entries, then store them here or send them to the queue, as the batch's size asks."""
    rows = UploadFile.objects.bulk_create(
        UploadFile(upload=upload, position=i, name=e.name[:500], size=e.size, outcome=e.outcome, reason=e.reason[:2000])
        for i, e in enumerate(entries)
    )
    runnable = [(e, row) for e, row in zip(entries, rows, strict=True) if not e.outcome]
    over = over_limit(runnable)
    if over and settings.UPLOAD_QUEUE:
        runnable = send_to_queue(upload, runnable)
    elif over:
        runnable, left = within_limit(runnable)
        for _, row in left:
            UploadFile.objects.finish(row.pk, ingest.SKIPPED, f"not stored: {over}; add it again in a smaller batch")
        upload.note = (
            f"This batch is over the limit of one upload ({over}) and no queue is set up: "
            f"{len(runnable)} pages were run, {len(left)} were not. Add those again."
        )
    if runnable:
        run_here(runnable)
    upload.save(update_fields=["queued", "note"])
    upload.finish_if_done()
    upload.refresh_from_db()
    return upload


def over_limit(runnable):
    """Why the batch is too large to run in the request, or "" when it is not."""
    pages, size = len(runnable), sum(e.size for e, _ in runnable)
    if pages > settings.UPLOAD_IN_REQUEST_PAGES:
        return f"{pages} pages, more than {settings.UPLOAD_IN_REQUEST_PAGES}"
    if size > settings.UPLOAD_IN_REQUEST_BYTES:
        return f"{size // (1024 * 1024)} MB, more than {settings.UPLOAD_IN_REQUEST_BYTES // (1024 * 1024)} MB"
    return ""


def within_limit(runnable):
    """The leading entries that fit in one request, and the rest."""
    size = 0
    for i, (entry, _) in enumerate(runnable):
        size += entry.size
        if i >= settings.UPLOAD_IN_REQUEST_PAGES or size > settings.UPLOAD_IN_REQUEST_BYTES:
            return runnable[:i], runnable[i:]
    return runnable, []


def send_to_queue(upload, runnable):
    """Send each entry's bytes to the workers; the entries the broker did not take are returned to run here."""
    upload.queued = True
    upload.save(update_fields=["queued"])
    for i, (entry, row) in enumerate(runnable):
        try:
            data = entry.read()
        except Unreadable as exc:
            UploadFile.objects.finish(row.pk, ingest.FAILED, str(exc))
            continue
        if len(data) > MAX_PAGE_BYTES:
            UploadFile.objects.finish(row.pk, ingest.FAILED, TOO_LARGE)
            continue
        UploadFile.objects.finish(row.pk, WAITING)
        try:
            upload_tasks.send_file(row.pk, data, origin=entry.origin, name=entry.name)
        except BrokerError as exc:
            logger.warning("upload %s: the broker did not answer (%s); running the rest here", upload.pk, exc)
            UploadFile.objects.finish(row.pk, "")
            upload.note = "The queue did not answer: the pages it had not taken were run here."
            return runnable[i:]
    return []


def run_here(runnable):
    try:
        rules = Topic.objects.rules()
    except DatabaseError as exc:
        for entry, row in runnable:
            result = ingest.database_failure(entry.name, exc, doing="read the topic rules")
            UploadFile.objects.finish(row.pk, result.outcome, result.reason)
        return
    # The web server gives a request only so long; the pages left when the budget is spent are not run.
    deadline = time.monotonic() + settings.UPLOAD_IN_REQUEST_SECONDS
    for entry, row in runnable:
        left = deadline - time.monotonic()
        if left < 1:
            UploadFile.objects.finish(row.pk, ingest.SKIPPED, OUT_OF_TIME)
            continue
        result = run_entry(entry, rules, min(left, MAX_SECONDS))
        UploadFile.objects.finish(row.pk, result.outcome, result.reason, result.article_id)


def run_entry(entry, rules, max_seconds=MAX_SECONDS):
    """Store one page as `manage.py ingest` does, with what the analyst filled in for a pasted page."""
    try:
        data = entry.read()
    except Unreadable as exc:
        return ingest.IngestResult(Path(entry.name), ingest.FAILED, str(exc))
    if len(data) > MAX_PAGE_BYTES:
        return ingest.IngestResult(Path(entry.name), ingest.FAILED, TOO_LARGE)
    for _ in range(TRIES):
        result = store(entry, data, rules, max_seconds)
        if not result.retryable or result.database_down:
            break
    return result


def store(entry, data, rules, max_seconds):
    if entry.fill is None:
        return ingest.ingest_bytes(
            data, name=entry.name, origin=entry.origin, topic_rules=rules, max_seconds=max_seconds
        )
    # The values filled in are part of what is stored: pasting the same text with an outlet is a change.
    content_hash = ingest.page_hash(data + repr(sorted(entry.fill.items(), key=str)).encode())
    prepared = ingest.look_up_stored(ingest.Prepared(Path(entry.name), entry.origin, data, content_hash))
    if prepared.result is not None:
        return prepared.result
    page, reason = ingest.extract_page(data, name=entry.name, topic_rules=rules, max_seconds=max_seconds)
    if page is not None:
        for field, value in entry.fill.items():
            if value and not getattr(page, field):
                setattr(page, field, value)
    return ingest.store_or_report(page, reason, name=entry.name, origin=entry.origin, content_hash=content_hash)


def outcome_counts(files):
    """[(outcome, number of files)] in the order of ingest.OUTCOMES, then those waiting and not run."""
    found = [f.outcome for f in files]
    return [
        (outcome or "not run", found.count(outcome)) for outcome in (*ingest.OUTCOMES, WAITING, "") if outcome in found
    ]


def statement_counts(files):
    """{article id: number of statements} for the articles of `files`, in one query."""
    ids = {f.article_id for f in files if f.article_id}
    rows = Statement.objects.filter(article__in=ids).values("article").annotate(n=Count("id"))
    return {row["article"]: row["n"] for row in rows}
