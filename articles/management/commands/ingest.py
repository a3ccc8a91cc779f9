import os
import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles import ingest, parallel
from articles.extraction import ExtractionError
from articles.models import Topic
from articles.sources import find_pages


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
        rules = Topic.objects.rules()
        show_bar = options["progress"] or sys.stderr.isatty()
        with tqdm(unit="page", disable=not show_bar, file=sys.stderr, leave=False) as bar:
            for result in self.results(paths, rules, options, counts):
                counts[result.outcome] += 1
                if result.outcome == ingest.FAILED:
                    failures.append(result)
                bar.update(1)
        for result in failures:
            self.stderr.write(f"FAILED {result.path}: {result.reason}")
        summary = ", ".join(f"{counts[o]} {o}" for o in ingest.OUTCOMES)
        self.stdout.write(("Dry run: " if options["dry_run"] else "") + summary)
        if failures:
            sys.exit(1)

    def send_to_queue(self, paths, options):
        """Queue every page file's bytes and origin; the workers store them (see articles.tasks)."""
        from articles import tasks  # Celery is needed only here

        counts = Counter()
        failures = []
        for item in self.pages(paths, options["verbosity"], counts):
            if not isinstance(item, ingest.IngestResult):
                try:
                    data = ingest.read_page(item)
                except (OSError, ExtractionError) as exc:
                    item = ingest.IngestResult(item, ingest.FAILED, ingest.describe_failure(exc))
                else:
                    tasks.send_page(data, origin=ingest.file_origin(item), name=str(item))
                    counts["queued"] += 1
                    continue
            counts[ingest.FAILED] += 1
            failures.append(item)
        for result in failures:
            self.stderr.write(f"FAILED {result.path}: {result.reason}")
        self.stdout.write(
            f"{counts['queued']} queued, {counts[ingest.SKIPPED]} skipped, {counts[ingest.FAILED]} failed"
            " (follow the workers with `manage.py ingest_status`)"
        )
        if failures:
            sys.exit(1)

    def results(self, paths, rules, options, counts):
        """An IngestResult per page file found, in order; skipped files are only counted."""
        pages = self.pages(paths, options["verbosity"], counts)
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

    def pages(self, paths, verbosity, counts):
        for candidate in find_pages(paths):
            if candidate.skipped:
                counts[ingest.SKIPPED] += 1
                if verbosity > 1:
                    self.stdout.write(f"skipped {candidate.path}: {candidate.problem}")
            elif candidate.problem:
                yield ingest.IngestResult(candidate.path, ingest.FAILED, candidate.problem)
            else:
                yield candidate.path
