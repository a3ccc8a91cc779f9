from django.core.management.base import BaseCommand

from articles.saved_searches import PERIODS, send_digests


class Command(BaseCommand):
    help = "E-mail the saved searches' digests that are due (daily ones a day old, weekly ones a week old)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency", choices=[*PERIODS, "all"], default="all", help="Which digests (default: all)."
        )
        parser.add_argument("--base-url", default=None, help="The site's address for links (default: DJANGO_SITE_URL).")

    def handle(self, *args, frequency, base_url, **options):
        for each in PERIODS if frequency == "all" else [frequency]:
            mails, searches = send_digests(each, base_url=base_url)
            self.stdout.write(f"{each}: {mails} e-mails for {searches} saved searches due")
