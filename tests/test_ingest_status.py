"""`manage.py ingest_status`: what is waiting, what is stored, which pages failed; --requeue."""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from articles.management.commands import ingest_status
from articles.models import FailedPage, QueuedPage


def run_status(*args, waiting=3):
    out = StringIO()
    with mock.patch.object(ingest_status, "queue_length", return_value=waiting):
        call_command("ingest_status", *args, stdout=out)
    return out.getvalue()


def test_it_shows_the_queue_the_articles_and_the_failed_pages(db, make_article):
    make_article()
    FailedPage.objects.create(origin="file:///in/a.html", name="/in/a.html", data=b"x", error="no article text")

    QueuedPage.objects.mark_sent([("file:///in/a.html", "/in/a.html"), ("file:///in/b.html", "/in/b.html")])
    QueuedPage.objects.mark_sent([("file:///in/c.html", "/in/c.html")])
    QueuedPage.objects.mark_finished("file:///in/a.html", "failed", attempts=6)
    QueuedPage.objects.mark_finished("file:///in/b.html", "stored", attempts=1)

    out = run_status()

    assert "Sent to the queue: 3" in out
    assert "Finished: 1 stored, 0 updated, 0 unchanged, 1 failed" in out
    assert "In flight: 1 (3 waiting in the broker;" in out
    assert "Articles: 1 (1 stored or updated in the last hour)" in out
    assert "Failed pages: 1" in out
    assert "/in/a.html  (1 tries): no article text" in out


def test_it_counts_the_pages_uploaded_from_the_browser_that_workers_have_not_finished(db, django_user_model):
    from articles.upload_records import WAITING, Upload, UploadFile

    user = django_user_model.objects.create_user("uploader")
    for files in (["a.html", "b.html"], ["c.txt"]):
        upload = Upload.objects.create(user=user)
        for i, name in enumerate(files):
            UploadFile.objects.create(upload=upload, position=i, name=name, outcome=WAITING)
    UploadFile.objects.filter(name="b.html").update(outcome="stored")

    assert "Uploaded from /add/, with workers: 2 pages of 2 uploads" in run_status()


def test_it_says_when_the_broker_does_not_answer(db):
    assert "In flight: 0 (broker unreachable;" in run_status(waiting=None)


def test_it_requeues_every_failed_page_with_its_bytes(db):
    FailedPage.objects.create(origin="file:///in/a.html", name="/in/a.html", data=b"<p>a</p>", error="x")
    FailedPage.objects.create(origin="file:///in/b.txt", name="/in/b.txt", data=b"b", error="y")

    with mock.patch("articles.tasks.send_page") as send:
        out = run_status("--requeue")

    assert "Re-queued 2 failed pages" in out
    sent = sorted((c.args[0], c.kwargs["origin"], c.kwargs["name"]) for c in send.call_args_list)
    assert sent == [(b"<p>a</p>", "file:///in/a.html", "/in/a.html"), (b"b", "file:///in/b.txt", "/in/b.txt")]
    # Kept until a worker stores the page, and counted in flight until then.
    assert FailedPage.objects.count() == 2
    assert QueuedPage.objects.in_flight().count() == 2


def test_requeue_stops_with_its_own_status_when_the_broker_is_down(db):
    from kombu.exceptions import OperationalError

    for name in ("a", "b", "c"):
        FailedPage.objects.create(origin=f"file:///in/{name}.html", name=f"/in/{name}.html", data=b"x", error="e")
    sent = []

    def send(data, *, origin, name):
        if len(sent) == 1:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        sent.append(origin)

    out = StringIO()
    with (
        mock.patch.object(ingest_status, "queue_length", return_value=None),
        mock.patch("articles.tasks.send_page", side_effect=send),
        pytest.raises(CommandError) as stopped,
    ):
        call_command("ingest_status", "--requeue", stdout=out)

    assert stopped.value.returncode == 3
    assert "the broker is unreachable" in str(stopped.value)
    assert "Re-queued 1 failed pages" in out.getvalue()
    # Only the page that went counts as in flight.
    assert list(QueuedPage.objects.values_list("origin", flat=True)) == sent
