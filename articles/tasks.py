"""Ingest through Celery: `ingest --queue` sends each page's bytes, a worker stores it.

Workers need no shared disk, only the broker and the database. A page leaves
the queue only once it is stored or recorded as a FailedPage: the message is
acknowledged after the task (CELERY_TASK_ACKS_LATE), and a task that cannot
do either because the database is down asks to be delivered again later,
for as long as the outage lasts. A page the database refuses (it answers, but
rejects the page's rows) is tried MAX_RETRIES more times and then kept as a
FailedPage, to be listed and re-queued with `manage.py ingest_status`.
Every page sent has a QueuedPage row that the worker finishes, so
`ingest_status` can tell what is still in flight.
"""

import base64
import logging
import random

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError, transaction

from . import ingest
from .models import FailedPage, QueuedPage, Topic

logger = logging.getLogger(__name__)

# Tries after the first for a page the database refuses.
MAX_RETRIES = 5


def retry_delay(retries):
    """Exponential backoff with jitter, so workers that failed together do not retry together.

    Delays come from settings.INGEST_RETRY_DELAY and INGEST_RETRY_MAX_DELAY. A
    retry waits in the worker, unacknowledged, until it is due, so settings
    keep the longest delay well under the broker's visibility timeout: Redis
    would otherwise hand the waiting page to a second worker.
    """
    delay = min(settings.INGEST_RETRY_MAX_DELAY, settings.INGEST_RETRY_DELAY * 2**retries)
    return delay * random.uniform(0.5, 1.0)


def encode_page(data):
    return base64.b64encode(data).decode("ascii")


def send_page(data, *, origin, name):
    """Queue one page for the workers (its QueuedPage row must exist: QueuedPage.objects.mark_sent)."""
    ingest_page.delay(encode_page(data), origin, name)


@shared_task(bind=True, max_retries=None)
def ingest_page(self, data, origin, name):
    """Store one page: `data` is its bytes in base64, `origin` and `name` as in `ingest.ingest_bytes`."""
    raw = base64.b64decode(data)
    attempts = self.request.retries + 1
    try:
        rules = Topic.objects.rules()
    except DatabaseError as exc:
        result = ingest.database_failure(name, exc, doing="read the topic rules")
    else:
        result = ingest.ingest_bytes(raw, name=name, origin=origin, topic_rules=rules)
    if result.outcome == ingest.FAILED and (
        result.database_down or (result.retryable and self.request.retries < MAX_RETRIES)
    ):
        return _wait_and_retry(self, name, result.reason)
    try:
        with transaction.atomic():
            if result.outcome == ingest.FAILED:
                record_failure(raw, origin=origin, name=name, error=result.reason, attempts=attempts)
            else:
                FailedPage.objects.filter(origin=origin).delete()
            QueuedPage.objects.mark_finished(origin, result.outcome, attempts)
    except DatabaseError as exc:
        # Neither stored nor recorded: acknowledging now would lose the page.
        return _wait_and_retry(self, name, f"could not record the outcome: {exc.__class__.__name__}")
    return result.outcome


def _wait_and_retry(task, name, reason):
    logger.warning("retrying %s: %s", name, reason)
    raise task.retry(countdown=retry_delay(min(task.request.retries, MAX_RETRIES)))


def record_failure(data, *, origin, name, error, attempts=1):
    """Keep a page the workers gave up on, with its bytes; `attempts` adds the tries this delivery made."""
    failed, created = FailedPage.objects.get_or_create(
        origin=origin, defaults={"name": name[:500], "data": data, "error": error, "attempts": attempts}
    )
    if not created:
        failed.name, failed.data, failed.error = name[:500], data, error
        failed.attempts += attempts
        failed.save()
    return failed
