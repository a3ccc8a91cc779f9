"""Re-applying the topic rules to stored articles and statements: `manage.py retag`, and the admin's queued task.

It reads every article, so it never runs inside a web request: the admin's
action queues `retag_all` for a Celery worker (`celery -A newsdesk worker`).
"""

import logging
from dataclasses import dataclass

from celery import shared_task
from django.db import transaction

from .extraction.topics import topics_for
from .models import Article, Topic
from .storing import set_rule_topics

logger = logging.getLogger(__name__)


@dataclass
class Retagged:
    articles: int = 0
    changed: int = 0
    failed: int = 0

    def __str__(self):
        return f"Retagged {self.articles} articles: {self.changed} articles or statements changed, {self.failed} failed"


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


def retag_everything():
    """Every article retagged in its own transaction; one that fails is logged and skipped."""
    rules = Topic.objects.rules()
    topics = {t.slug: t for t in Topic.objects.all()}
    done = Retagged()
    for article in Article.objects.order_by("pk").iterator(chunk_size=200):
        try:
            done.changed += retag_article(article, rules, topics)
        except Exception:
            logger.exception("retagging article %s failed", article.pk)
            done.failed += 1
            continue
        done.articles += 1
    return done


@shared_task
def retag_all():
    """The admin's "re-apply all topic rules", run by a worker."""
    done = retag_everything()
    logger.info("%s", done)
    return str(done)
