import logging
import os
import sys
import time
from collections import Counter
from contextlib import closing

from django.core.checks import Tags
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from tqdm import tqdm

from articles import ingest, parallel
from articles.models import QueuedPage, Topic
from articles.printable import printable
from articles.sources import find_pages

# Exit statuses (README, "Commands"): 2 is Django's for usage errors.
SOME_FAILED = 1
UNREACHABLE = 3

# A page the database failed while it still answered (a deadlock, a full disk)
# is tried this many times in all before it is reported as failed.
TRIES = 3
# Pages queued per QueuedPage write.
QUEUE_CHUNK = 100
# Counted for the summary: symbolic links to outside the paths given.
NOT_FOLLOWED = "not followed"


class DatabaseUnreachable(Exception):
    pass


class Command(BaseCommand):
    help = "Store the articles in page files or folders (.txt, .html, .htm, optionally gzipped)."
    # The models' checks only: the rest (URLs, admin, templates, security settings) are the web server's and
    # took 0.1 s of every run's start, when nothing else runs yet.
    requires_system_checks = [Tags.models]

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="page files or folders (searched recursively)")
        parser.add_argument("--dry-run", action="store_true", help="extract and report, store nothing")
        parser.add_argument("--progress", action="store_true", help="show a progress bar even when not on a terminal")
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="processes that extract pages (default: the number of cores); 0 extracts in this process",
        )
        parser.add_argument(
            "--follow-links",
            action="store_true",
            help="also follow symbolic links that lead outside the paths given (by default they are not read)",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="send the pages to Celery workers (CELERY_BROKER_URL) instead of storing them here",
        )
        parser.add_argument(
            "--wait-for-database",
            type=float,
            default=30,
            metavar="SECONDS",
            help="how long to wait for a database that stopped answering before giving up (default 30)",
        )

    def set_up_database(self):
        """Make the tables of a database that has none, so that `ingest` can be the first command on a checkout.

        A database that holds some migrations but not the code's latest is
        left to its operator: migrating a shared server is not a side effect.
        """
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if not plan:
            return
        if executor.loader.applied_migrations:
            raise CommandError(
                f"the database is behind the code ({len(plan)} migrations not applied): "
                "run `python manage.py migrate` first",
                returncode=2,
            )
        self.stderr.write("A new database: making its tables (manage.py migrate)")
        call_command("migrate", interactive=False, verbosity=0)

    def handle(self, *args, paths, **options):
        missing = [p for p in paths if not os.path.lexists(p)]
        if missing:
            raise CommandError(f"no such file or folder: {', '.join(missing)}", returncode=2)
        if options["workers"] < 0:
            raise CommandError("--workers must be 0 or more", returncode=2)
        if options["wait_for_database"] < 0:
            raise CommandError("--wait-for-database must be 0 or more", returncode=2)
        if options["verbosity"] > 1:
            logging.getLogger("articles").setLevel(logging.DEBUG)
        self.wait = options["wait_for_database"]
        try:
            self.with_database(self.set_up_database)
        except DatabaseUnreachable as exc:
            raise CommandError(f"the database is unreachable ({exc})", returncode=UNREACHABLE) from None
        if options["queue"]:
            if options["dry_run"]:
                raise CommandError("--dry-run and --queue do not go together", returncode=2)
            return self.send_to_queue(paths, options)

        counts = Counter()
        failures = []
        noted = []
        stopped = None
        try:
            rules = self.with_database(Topic.objects.rules)
            show_bar = options["progress"] or sys.stderr.isatty()
            results = self.results(paths, rules, options, counts)
            # closing(): a run that stops early still shuts its worker processes down.
            with closing(results), tqdm(unit="page", disable=not show_bar, file=sys.stderr, leave=False) as bar:
                for result in results:
                    if result.retryable:
                        result = self.try_again(result, rules, options["dry_run"])
                    counts[result.outcome] += 1
                    if result.outcome == ingest.FAILED:
                        failures.append(result)
                    noted += [(result.path, note) for note in result.notes]
                    bar.update(1)
        except DatabaseUnreachable as exc:
            stopped = str(exc)
        for path, note in noted:
            self.stderr.write(f"NOTE {printable(path)}: {printable(note)}")
        self.report(failures)
        summary = ", ".join(f"{counts[o]} {o}" for o in ingest.OUTCOMES) + self.links_summary(counts)
        self.stdout.write(("Dry run: " if options["dry_run"] else "") + summary)
        if stopped:
            raise CommandError(
                f"stopped: the database is unreachable ({stopped}); the pages above are done, run again for the rest",
                returncode=UNREACHABLE,
            )
        if failures:
            pages = sum(counts.values()) - counts[ingest.SKIPPED] - counts[NOT_FOLLOWED]
            raise CommandError(f"{len(failures)} of {pages} pages failed", returncode=SOME_FAILED)

    def report(self, failures):
        for result in failures:
            self.stderr.write(f"FAILED {printable(result.path)}: {printable(result.reason)}")

    @staticmethod
    def links_summary(counts):
        """The summary's account of symbolic links not followed, when there were any."""
        n = counts[NOT_FOLLOWED]
        if not n:
            return ""
        links = "link" if n == 1 else "links"
        return f"; {n} symbolic {links} to outside the paths given not followed (--follow-links follows them)"

    def try_again(self, result, rules, dry_run):
        """A page the database failed: wait for the database if it went away, then store the page here.

        Raises DatabaseUnreachable when it does not come back in time.
        """
        for _ in range(TRIES - 1):
            if result.database_down:
                self.stderr.write(f"The database stopped answering; waiting up to {self.wait:g} s for it")
                self.wait_for_database(result.reason)
            result = ingest.ingest_file(result.path, topic_rules=rules, dry_run=dry_run)
            if not result.retryable:
                break
        if result.database_down:
            raise DatabaseUnreachable(result.reason)
        return result

    def wait_for_database(self, reason):
        deadline = time.monotonic() + self.wait
        while not ingest.database_answers():
            if time.monotonic() >= deadline:
                raise DatabaseUnreachable(reason)
            time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))

    def with_database(self, query):
        """Run `query`, waiting once for a database that does not answer."""
        try:
            return query()
        except DatabaseError as exc:
            reason = f"{exc.__class__.__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
            self.wait_for_database(reason)
            return query()

    def send_to_queue(self, paths, options):
        """Queue every page file's bytes and origin; the workers store them (see articles.tasks).

        Each page is recorded as sent (QueuedPage) before its message goes, so
        `ingest_status` counts it until a worker has stored it or recorded its
        failure. An unreachable broker stops the run with what was sent so far.
        """
        from kombu.exceptions import OperationalError as BrokerError

        from articles import tasks  # Celery is needed only here

        counts = Counter()
        failures = []
        stopped = None
        chunk = []

        def flush():
            self.with_database(lambda: QueuedPage.objects.mark_sent([(o, printable(p)) for p, o in chunk]))
            for i, (path, origin) in enumerate(chunk):
                # The workers look the bytes up where they store them (articles.tasks).
                prepared = ingest.prepare(path, look_up=False)
                if prepared.result is not None:
                    QueuedPage.objects.filter(origin=origin).delete()
                    failures.append(prepared.result)
                    continue
                try:
                    tasks.send_page(prepared.data, origin=origin, name=printable(path))
                except BrokerError as exc:
                    QueuedPage.objects.filter(origin__in=[o for _, o in chunk[i:]]).delete()
                    raise DatabaseUnreachable(f"the broker is unreachable ({exc})") from exc
                counts["queued"] += 1
            chunk.clear()

        try:
            for item in self.pages(paths, options, counts):
                if isinstance(item, ingest.IngestResult):
                    failures.append(item)
                    continue
                chunk.append((item, ingest.file_origin(item)))
                if len(chunk) >= QUEUE_CHUNK:
                    flush()
            if chunk:
                flush()
        except DatabaseUnreachable as exc:
            stopped = str(exc)
        self.report(failures)
        self.stdout.write(
            f"{counts['queued']} queued, {counts[ingest.SKIPPED]} skipped, {len(failures)} failed"
            " (follow the workers with `manage.py ingest_status`)" + self.links_summary(counts)
        )
        if stopped:
            raise CommandError(f"stopped: {stopped}; run again to send the rest", returncode=UNREACHABLE)
        if failures:
            raise CommandError(f"{len(failures)} files failed", returncode=SOME_FAILED)

    def results(self, paths, rules, options, counts):
        """An IngestResult per page file found, in order; skipped files are only counted."""
        pages = self.pages(paths, options, counts)
        if options["workers"] == 0:
            for item in pages:
                if isinstance(item, ingest.IngestResult):
                    yield item
                else:
                    yield ingest.ingest_file(item, topic_rules=rules, dry_run=options["dry_run"])
        else:
            yield from parallel.ingest_files(
                pages, workers=options["workers"], topic_rules=rules, dry_run=options["dry_run"]
            )

    def pages(self, paths, options, counts):
        for candidate in find_pages(paths, follow_links_outside=options["follow_links"]):
            if candidate.outside:
                counts[NOT_FOLLOWED] += 1
                self.stderr.write(f"NOT FOLLOWED {printable(candidate.path)}: {printable(candidate.problem)}")
            elif candidate.skipped:
                counts[ingest.SKIPPED] += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"skipped {printable(candidate.path)}: {printable(candidate.problem)}")
            elif candidate.problem:
                yield ingest.IngestResult(candidate.path, ingest.FAILED, candidate.problem)
            else:
                yield candidate.path
