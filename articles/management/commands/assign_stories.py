from django.core.management.base import BaseCommand

from articles.stories import assign_missing


class Command(BaseCommand):
    help = "Put every article stored before stories were kept (or under an older signature) in its story."

    def handle(self, *args, **options):
        self.stdout.write(f"{assign_missing()} articles given a story")
