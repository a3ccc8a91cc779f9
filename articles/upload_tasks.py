"""The queue's side of `/add/`: a worker stores one uploaded page and records its outcome on the upload.

Retries as `articles.tasks.ingest_page` does: for as long as the database is
down, MAX_RETRIES more times when it refuses the page while answering. The
message is acknowledged after the task (CELERY_TASK_ACKS_LATE), so a worker
that dies leaves the page to another.
"""

import base64
import logging

from celery import shared_task
from django.db import DatabaseError

from . import ingest
from .models import Topic
from .tasks import MAX_RETRIES, encode_page, retry_delay
from .upload_records import Upload, UploadFile

logger = logging.getLogger(__name__)


def send_file(file_id, data, *, origin, name):
    """Queue one page of an upload; its UploadFile waits until a worker finishes it."""
    store_upload_file.delay(file_id, encode_page(data), origin, name)


@shared_task(bind=True, max_retries=None)
def store_upload_file(self, file_id, data, origin, name):
    """Store one uploaded page: `data` is its bytes in base64, `origin` and `name` as in `ingest.ingest_bytes`."""
    raw = base64.b64decode(data)
    try:
        rules = Topic.objects.rules()
    except DatabaseError as exc:
        result = ingest.database_failure(name, exc, doing="read the topic rules")
    else:
        result = ingest.ingest_bytes(raw, name=name, origin=origin, topic_rules=rules)
    if result.outcome == ingest.FAILED and (
        result.database_down or (result.retryable and self.request.retries < MAX_RETRIES)
    ):
        return _retry(self, name, result.reason)
    try:
        UploadFile.objects.finish(file_id, result.outcome, result.reason, result.article_id)
        upload_id = UploadFile.objects.filter(pk=file_id).values_list("upload", flat=True).first()
        if upload_id is not None:
            Upload(pk=upload_id).finish_if_done()
    except DatabaseError as exc:
        return _retry(self, name, f"could not record the outcome: {exc.__class__.__name__}")
    return result.outcome


def _retry(task, name, reason):
    logger.warning("retrying uploaded %s: %s", name, reason)
    raise task.retry(countdown=retry_delay(min(task.request.retries, MAX_RETRIES)))
