from django.core.management.base import BaseCommand

from articles.models import Article
from articles.tagging import retag


class Command(BaseCommand):
    help = "Re-apply the topic rules to every stored article and statement; topics analysts set stay."

    def handle(self, *args, **options):
        self.stdout.write(str(retag(Article.objects.all())))
