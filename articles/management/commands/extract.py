import json
import os

from django.core.management.base import BaseCommand, CommandError

from articles.extraction import ExtractionError, extract
from articles.ingest import describe_failure, read_page
from articles.sources import find_pages


class Command(BaseCommand):
    help = "Extract articles from page files or folders and print them, without touching the database."
    # The system checks import the URL configuration, the views and the admin to check them: about
    # 0.15 s of CPU before the first page, for a command that uses none of them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="page files or folders (searched recursively)")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, paths, **options):
        missing = [p for p in paths if not os.path.lexists(p)]
        if missing:
            raise CommandError(f"no such file or folder: {', '.join(missing)}", returncode=2)
        as_json = options["format"] == "json"
        failed = 0
        for candidate in find_pages(paths):
            if candidate.skipped:
                continue
            name = str(candidate.path)
            try:
                if candidate.problem:
                    raise ExtractionError(candidate.problem)
                page = extract(read_page(candidate.path), name=candidate.path.name)
            except Exception as exc:  # one bad page must not end the run
                failed += 1
                reason = describe_failure(exc)
                self.stderr.write(f"{name}: {reason}")
                if as_json:
                    self.stdout.write(json.dumps({"path": name, "error": reason}, ensure_ascii=False))
                continue
            if as_json:
                self.stdout.write(json.dumps(page.as_json(name), ensure_ascii=False))
            else:
                self.stdout.write(self.as_text(name, page))
        if failed:
            raise CommandError(f"{failed} pages failed", returncode=1)

    def as_text(self, name, page):
        lines = [f"== {name}"]
        for label, value in [
            ("Title", page.title),
            ("Source", page.source),
            ("Author", page.author),
            ("Published", page.published_iso()),
            ("URL", page.url),
        ]:
            if value:
                lines.append(f"{label}: {value}")
        if page.topics:
            lines.append("Topics: " + ", ".join(page.topics))
        lines += ["", page.body, ""]
        for s in page.statements:
            lines.append(f"  [{s.kind}] {s.speaker or '?'}: {s.text}")
        return "\n".join(lines)
