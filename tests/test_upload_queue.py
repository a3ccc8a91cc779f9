"""Large batches from `/add/` through the Celery queue: the task, and a real `celery -A newsdesk worker`.

The worker test needs PostgreSQL (DATABASE_URL) and Redis on 127.0.0.1:6379, as
tests/test_queue_ingest.py does; it is skipped without them.
"""

import os
import subprocess
import sys
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from articles import ingest, tasks, upload_tasks
from articles.models import Article
from articles.upload_records import WAITING, Upload, UploadFile
from newsdesk.celery import app as celery_app
from tests.test_queue_ingest import ROOT, TEST_BROKER, database_url, redis_answers, wait_for
from tests.test_uploads import page, post_files, upload_file, with_permission


def waiting_file(user, name="one.html"):
    upload = Upload.objects.create(user=user, queued=True)
    return UploadFile.objects.create(upload=upload, name=name, outcome=WAITING)


def run_task(file, data):
    return upload_tasks.store_upload_file.apply(
        args=(file.pk, tasks.encode_page(data), f"upload:user-1/{file.name}", file.name)
    ).get()


def test_the_task_stores_the_page_and_finishes_the_upload(db, django_user_model):
    file = waiting_file(django_user_model.objects.create_user("a"))

    assert run_task(file, page(1)) == ingest.STORED

    file.refresh_from_db()
    assert (file.outcome, file.article) == (ingest.STORED, Article.objects.get())
    assert file.upload.__class__.objects.get().finished is not None


def test_the_upload_is_finished_only_when_its_last_file_is(db, django_user_model):
    first = waiting_file(django_user_model.objects.create_user("a"))
    second = UploadFile.objects.create(upload=first.upload, name="two.html", outcome=WAITING, position=1)

    run_task(first, page(1))
    assert Upload.objects.get().finished is None
    run_task(second, b"")
    upload = Upload.objects.get()
    assert upload.finished is not None
    assert list(upload.files.values_list("outcome", "reason")) == [
        (ingest.STORED, ""),
        (ingest.FAILED, "the file is empty"),
    ]


def test_a_page_the_database_refuses_is_retried_then_recorded_as_failed(db, django_user_model):
    file = waiting_file(django_user_model.objects.create_user("a"))
    with mock.patch.object(ingest, "_store", side_effect=OperationalError("deadlock detected")) as store:
        assert run_task(file, page(1)) == ingest.FAILED

    assert store.call_count == tasks.MAX_RETRIES + 1
    file.refresh_from_db()
    assert file.outcome == ingest.FAILED
    assert file.reason == "could not store the article: OperationalError: deadlock detected"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
@pytest.mark.skipif(not redis_answers(), reason="needs Redis on 127.0.0.1:6379")
def test_a_large_upload_is_stored_by_a_real_worker(transactional_db, client, django_user_model, settings):
    import redis

    settings.UPLOAD_QUEUE = True
    settings.UPLOAD_IN_REQUEST_PAGES = 2
    redis.Redis.from_url(TEST_BROKER).flushdb()
    client.force_login(with_permission(django_user_model.objects.create_user("uploader")))
    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": TEST_BROKER}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "newsdesk", "worker", "--pool", "solo", "--loglevel", "warning"]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = TEST_BROKER
    try:
        files = [upload_file(f"{n}.html", page(n)) for n in range(4)] + [upload_file("empty.txt", b"")]
        upload = post_files(client, *files)
        assert upload.queued
        assert wait_for(lambda: Upload.objects.get(pk=upload.pk).finished is not None, timeout=180)
    finally:
        celery_app.conf.broker_url = previous
        worker.terminate()
        try:
            output = worker.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            worker.kill()
            output = worker.communicate()[0]
    found = dict(upload.files.values_list("name", "outcome"))
    assert found == {**{f"{n}.html": ingest.STORED for n in range(4)}, "empty.txt": ingest.FAILED}, output
    assert Article.objects.count() == 4
    status = client.get(reverse("articles:upload", args=[upload.pk])).content.decode()
    assert "4 stored" in status and 'http-equiv="refresh"' not in status
