from django.core.management.base import BaseCommand

from articles.utterances import assign_missing


class Command(BaseCommand):
    help = "Put every statement stored before utterances were kept in its utterance (run assign_stories first)."

    def handle(self, *args, **options):
        self.stdout.write(f"{assign_missing()} articles' statements given utterances")
