from django.core.management.base import BaseCommand

from articles.retagging import retag_everything


class Command(BaseCommand):
    help = "Re-apply the topic rules to every stored article and statement; topics analysts set stay."

    def handle(self, *args, **options):
        self.stdout.write(str(retag_everything()))
