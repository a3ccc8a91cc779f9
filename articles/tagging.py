"""Re-applying the topic rules to stored articles and statements: `manage.py retag`, a worker, the Topic admin.

`retag(articles)` reads the articles in batches and writes each batch's rule
links in one delete and one insert per table (articles.storing.apply_rule_topics),
as ingest does for a page. It reads every article, so it never runs inside a
web request: the admin's action queues `retag_task` for a Celery worker
(`celery -A newsdesk worker`) with the topics an analyst selected.
"""

import logging
from dataclasses import dataclass

from celery import shared_task
from django.db import transaction

import newsdesk.celery  # noqa: F401 (binds `shared_task` to the app: see newsdesk/__init__.py)

from .extraction.topics import article_topics, topics_for
from .models import Article, ArticleTopic, Statement, StatementTopic, Topic
from .storing import apply_rule_topics

logger = logging.getLogger(__name__)

# Articles read and written per transaction.
BATCH = 200


@dataclass
class Retagged:
    articles: int = 0
    changed: int = 0
    failed: int = 0

    def __str__(self):
        return f"Retagged {self.articles} articles: {self.changed} articles or statements changed, {self.failed} failed"


def retag(articles, topics=None):
    """Re-apply the rules of `topics` (default: every topic) to `articles` and their statements.

    Analyst links and the topics an analyst removed stay as they are; links
    to other topics are not touched. A batch that fails is retried an article
    at a time, and an article that fails then is logged and skipped.
    """
    topics = list(Topic.objects.all() if topics is None else topics)
    rules = [rule for rule in Topic.objects.rules() if rule.slug in {t.slug for t in topics}]
    pks = {t.slug: t.pk for t in topics}
    done = Retagged()
    ids = list(articles.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        try:
            done.changed += _retag_batch(batch, rules, pks)
            done.articles += len(batch)
        except Exception:
            logger.warning("retagging articles %s to %s failed; trying them one at a time", batch[0], batch[-1])
            for pk in batch:
                try:
                    done.changed += _retag_batch([pk], rules, pks)
                    done.articles += 1
                except Exception:
                    logger.exception("retagging article %s failed", pk)
                    done.failed += 1
    return done


def _retag_batch(article_ids, rules, pks):
    """Retag these articles and their statements in one transaction; returns how many of them changed."""
    topic_ids = set(pks.values())
    with transaction.atomic():
        articles = Article.objects.filter(pk__in=article_ids).only("pk", "title", "body")
        wanted = _wanted(ArticleTopic, "article", Article.removed_topics.through, article_ids, topic_ids)
        for article in articles:
            slugs = article_topics(article.title, article.body, rules)
            wanted[article.pk][2].update(pks[s] for s in slugs)
        changed = apply_rule_topics(ArticleTopic, "article_id", wanted)

        statements = list(Statement.objects.filter(article_id__in=article_ids).order_by().only("pk", "text"))
        statement_ids = [s.pk for s in statements]
        wanted = _wanted(StatementTopic, "statement", Statement.removed_topics.through, statement_ids, topic_ids)
        for statement in statements:
            wanted[statement.pk][2].update(pks[s] for s in topics_for(statement.text, rules))
        changed += apply_rule_topics(StatementTopic, "statement_id", wanted)
    return changed


def _wanted(link_model, owner, removed_model, owner_ids, topic_ids):
    """{owner id: (its links to `topic_ids` {topic id: origin}, those topics an analyst removed, set())}."""
    wanted = {pk: ({}, set(), set()) for pk in owner_ids}
    links = link_model.objects.filter(**{f"{owner}_id__in": owner_ids, "topic_id__in": topic_ids})
    for owner_id, topic_id, origin in links.values_list(f"{owner}_id", "topic_id", "origin"):
        wanted[owner_id][0][topic_id] = origin
    removed = removed_model.objects.filter(**{f"{owner}_id__in": owner_ids, "topic_id__in": topic_ids})
    for owner_id, topic_id in removed.values_list(f"{owner}_id", "topic_id"):
        wanted[owner_id][1].add(topic_id)
    return wanted


@shared_task
def retag_task(topic_ids=None):
    """Retag every article with the rules of these topics (default: all), for the admin's action, on a worker."""
    topics = None if topic_ids is None else Topic.objects.filter(pk__in=topic_ids)
    done = retag(Article.objects.all(), topics)
    logger.info("%s", done)
    return str(done)
