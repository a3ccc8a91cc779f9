import logging

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.extraction.topics import topics_for
from articles.models import Article, Topic, set_rule_topics

logger = logging.getLogger(__name__)


def retag_article(article, rules, topics):
    """Re-apply `rules` to an article (title and body) and to each of its statements.

    Returns how many of them changed. Analyst links and removed topics are
    left as they are (see `set_rule_topics`).
    """
    changed = 0
    with transaction.atomic():
        slugs = topics_for(f"{article.title}\n\n{article.body}", rules)
        changed += set_rule_topics(article, [topics[s] for s in slugs if s in topics])
        for statement in article.statements.all():
            slugs = topics_for(statement.text, rules)
            changed += set_rule_topics(statement, [topics[s] for s in slugs if s in topics])
    return changed


class Command(BaseCommand):
    help = "Re-apply the topic rules to every stored article and statement; topics analysts set stay."

    def handle(self, *args, **options):
        rules = Topic.objects.rules()
        topics = {t.slug: t for t in Topic.objects.all()}
        articles = changed = failed = 0
        for article in Article.objects.order_by("pk").iterator(chunk_size=200):
            try:
                changed += retag_article(article, rules, topics)
            except Exception:
                logger.exception("retagging article %s failed", article.pk)
                failed += 1
                continue
            articles += 1
        summary = f"Retagged {articles} articles: {changed} articles or statements changed, {failed} failed"
        self.stdout.write(summary)
        return None
