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

import newsdesk.celery  # noqa: F401 (binds `shared_task` to the app: see newsdesk/__init__.py)

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
def ingest_page(self, data, origin, name, refused=0):
    """Store one page: `data` is its bytes in base64, `origin` and `name` as in `ingest.ingest_bytes`;
    `refused` counts the earlier tries the database answered and failed (see store_or_retry)."""
    raw = base64.b64decode(data)
    result = store_or_retry(self, raw, origin, name, refused)
    try:
        with transaction.atomic():
            if result.outcome == ingest.FAILED:
                record_failure(raw, origin=origin, name=name, error=result.reason, attempts=self.request.retries + 1)
            else:
                FailedPage.objects.filter(origin=origin).delete()
            QueuedPage.objects.mark_finished(origin, result.outcome, self.request.retries + 1)
    except DatabaseError as exc:
        # Neither stored nor recorded: acknowledging now would lose the page.
        return wait_and_retry(self, name, f"could not record the outcome: {exc.__class__.__name__}")
    return result.outcome


def store_or_retry(task, raw, origin, name, refused, logged_as="page"):
    """Store one page with the current topic rules, or retry the task: for as long as the database is down,
    and MAX_RETRIES more times when it refuses the page while answering. Returns the stored or failed result.

    Shared by every task that stores a page (the ingest queue, `/add/` uploads), so they retry alike.
    The refusals are counted apart from Celery's retries: the tries spent waiting out an outage must not
    use up the page's budget, or the first failure as the database comes back (a connection lost in the
    outage) would give the page up.
    """
    try:
        rules = Topic.objects.rules()
    except DatabaseError as exc:
        result = ingest.database_failure(name, exc, doing="read the topic rules")
    else:
        result = ingest.ingest_bytes(raw, name=name, origin=origin, topic_rules=rules)
    if result.outcome == ingest.FAILED:
        if result.database_down:
            wait_and_retry(task, name, result.reason, logged_as)
        if result.retryable and refused < MAX_RETRIES:
            wait_and_retry(task, name, result.reason, logged_as, refused=refused + 1)
    return result


def wait_and_retry(task, name, reason, logged_as="page", refused=None):
    """Raise the task's retry after the back-off for its attempt (Celery's Retry: the message is sent again),
    with `refused` as the count of refusals when given."""
    logger.warning("retrying %s %s: %s", logged_as, name, reason)
    kwargs = task.request.kwargs if refused is None else {**(task.request.kwargs or {}), "refused": refused}
    raise task.retry(kwargs=kwargs, countdown=retry_delay(min(task.request.retries, MAX_RETRIES)))


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
