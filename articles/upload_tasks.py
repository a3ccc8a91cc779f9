"""The queue's side of `/add/`: a worker stores one uploaded page and records its outcome on the upload.

Retries as `articles.tasks.ingest_page` does: for as long as the database is
down, MAX_RETRIES more times when it refuses the page while answering. The
message is acknowledged after the task (CELERY_TASK_ACKS_LATE), so a worker
that dies leaves the page to another.
"""

import base64

from celery import shared_task
from django.db import DatabaseError

import newsdesk.celery  # noqa: F401 (binds `shared_task` to the app: see newsdesk/__init__.py)

from .tasks import encode_page, store_or_retry, wait_and_retry
from .upload_records import Upload, UploadFile


def send_file(file_id, data, *, origin, name):
    """Queue one page of an upload; its UploadFile waits until a worker finishes it."""
    store_upload_file.delay(file_id, encode_page(data), origin, name)


@shared_task(bind=True, max_retries=None)
def store_upload_file(self, file_id, data, origin, name, refused=0):
    """Store one uploaded page: `data` is its bytes in base64, `origin` and `name` as in `ingest.ingest_bytes`,
    `refused` as in `tasks.ingest_page`."""
    result = store_or_retry(self, base64.b64decode(data), origin, name, refused, logged_as="uploaded page")
    try:
        UploadFile.objects.finish(file_id, result.outcome, result.reason, result.article_id)
        upload_id = UploadFile.objects.filter(pk=file_id).values_list("upload", flat=True).first()
        if upload_id is not None:
            Upload(pk=upload_id).finish_if_done()
    except DatabaseError as exc:
        return wait_and_retry(self, name, f"could not record the outcome: {exc.__class__.__name__}", "uploaded page")
    return result.outcome
