"""Ingest through Celery: `ingest --queue` sends each page's bytes, a worker stores it.

Workers need no shared disk, only the broker and the database. A page that
the database refuses is tried again with growing delays; a page that cannot
be extracted (the same bytes fail the same way) or that runs out of tries is
kept as a FailedPage, to be listed and re-queued with `manage.py ingest_status`.
"""

import base64
import logging
import random

from celery import shared_task
from django.db import Error as DatabaseError

from . import ingest
from .models import FailedPage, Topic

logger = logging.getLogger(__name__)

MAX_RETRIES = 5
FIRST_DELAY = 5  # seconds; doubled at every try
MAX_DELAY = 600


def retry_delay(retries):
    """Exponential backoff with jitter, so workers that failed together do not retry together."""
    return min(MAX_DELAY, FIRST_DELAY * 2**retries) * random.uniform(0.5, 1.0)


def encode_page(data):
    return base64.b64encode(data).decode("ascii")


def send_page(data, *, origin, name):
    """Queue one page for the workers."""
    ingest_page.delay(encode_page(data), origin, name)


@shared_task(bind=True, max_retries=MAX_RETRIES)
def ingest_page(self, data, origin, name):
    """Store one page: `data` is its bytes in base64, `origin` and `name` as in `ingest.ingest_bytes`."""
    raw = base64.b64decode(data)
    try:
        result = ingest.ingest_bytes(raw, name=name, origin=origin, topic_rules=Topic.objects.rules())
    except DatabaseError as exc:  # the database is down or refused us before the page's transaction
        result = ingest.IngestResult(name, ingest.FAILED, f"database error: {exc}", retryable=True)
    if result.outcome != ingest.FAILED:
        FailedPage.objects.filter(origin=origin).delete()
        return result.outcome
    if result.retryable and self.request.retries < self.max_retries:
        logger.warning("retrying %s: %s", name, result.reason)
        raise self.retry(countdown=retry_delay(self.request.retries))
    record_failure(raw, origin=origin, name=name, error=result.reason)
    return result.outcome


def record_failure(data, *, origin, name, error):
    failed, created = FailedPage.objects.get_or_create(
        origin=origin, defaults={"name": name[:500], "data": data, "error": error}
    )
    if not created:
        failed.name, failed.data, failed.error = name[:500], data, error
        failed.attempts += 1
        failed.save()
    return failed
