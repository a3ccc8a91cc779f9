import os
import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles import ingest, parallel
from articles.extraction import ExtractionError
from articles.models import Topic
from articles.printable import printable
from articles.sources import find_pages

NOT_FOLLOWED = "not followed"


class Command(BaseCommand):
    help = "Store the articles in page files or folders (.txt, .html, .htm, optionally gzipped)."

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

    def handle(self, *args, paths, **options):
        missing = [p for p in paths if not os.path.lexists(p)]
        if missing:
            raise CommandError(f"no such file or folder: {', '.join(missing)}", returncode=2)
        if options["workers"] < 0:
            raise CommandError("--workers must be 0 or more", returncode=2)
        if options["queue"]:
            if options["dry_run"]:
                raise CommandError("--dry-run and --queue do not go together", returncode=2)
            return self.send_to_queue(paths, options)
        counts = Counter()
        failures = []
        noted = []
        rules = Topic.objects.rules()
        show_bar = options["progress"] or sys.stderr.isatty()
        with tqdm(unit="page", disable=not show_bar, file=sys.stderr, leave=False) as bar:
            for result in self.results(paths, rules, options, counts):
                counts[result.outcome] += 1
                if result.outcome == ingest.FAILED:
                    failures.append(result)
                if result.notes:
                    noted.append(result)
                bar.update(1)
        for result in noted:
            for note in result.notes:
                self.stderr.write(f"NOTE {printable(result.path)}: {printable(note)}")
        for result in failures:
            self.stderr.write(f"FAILED {printable(result.path)}: {printable(result.reason)}")
        summary = ", ".join(f"{counts[o]} {o}" for o in ingest.OUTCOMES) + self.links_summary(counts)
        self.stdout.write(("Dry run: " if options["dry_run"] else "") + summary)
        if failures:
            sys.exit(1)

    @staticmethod
    def links_summary(counts):
        """The summary's account of symbolic links not followed, when there were any."""
        n = counts[NOT_FOLLOWED]
        if not n:
            return ""
        links = "link" if n == 1 else "links"
        return f"; {n} symbolic {links} to outside the paths given not followed (--follow-links follows them)"

    def send_to_queue(self, paths, options):
        """Queue every page file's bytes and origin; the workers store them (see articles.tasks)."""
        from articles import tasks  # Celery is needed only here

        counts = Counter()
        failures = []
        for item in self.pages(paths, options, counts):
            if not isinstance(item, ingest.IngestResult):
                try:
                    data = ingest.read_page(item)
                except (OSError, ExtractionError) as exc:
                    item = ingest.IngestResult(item, ingest.FAILED, ingest.describe_failure(exc))
                else:
                    tasks.send_page(data, origin=ingest.file_origin(item), name=printable(item))
                    counts["queued"] += 1
                    continue
            counts[ingest.FAILED] += 1
            failures.append(item)
        for result in failures:
            self.stderr.write(f"FAILED {printable(result.path)}: {printable(result.reason)}")
        self.stdout.write(
            f"{counts['queued']} queued, {counts[ingest.SKIPPED]} skipped, {counts[ingest.FAILED]} failed"
            " (follow the workers with `manage.py ingest_status`)" + self.links_summary(counts)
        )
        if failures:
            sys.exit(1)

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
