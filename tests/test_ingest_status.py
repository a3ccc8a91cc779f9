"""`manage.py ingest_status`: what is waiting, what is stored, which pages failed; --requeue."""

from io import StringIO
from unittest import mock

from django.core.management import call_command

from articles.management.commands import ingest_status
from articles.models import FailedPage


def run_status(*args, waiting=3):
    out = StringIO()
    with mock.patch.object(ingest_status, "queue_length", return_value=waiting):
        call_command("ingest_status", *args, stdout=out)
    return out.getvalue()


def test_it_shows_the_queue_the_articles_and_the_failed_pages(db, make_article):
    make_article()
    FailedPage.objects.create(origin="file:///in/a.html", name="/in/a.html", data=b"x", error="no article text")

    out = run_status()

    assert "Waiting in the queue: 3" in out
    assert "Articles: 1 (1 stored or updated in the last hour)" in out
    assert "Failed pages: 1" in out
    assert "/in/a.html  (1 tries): no article text" in out


def test_it_says_when_the_broker_does_not_answer(db):
    assert "Waiting in the queue: unknown (broker unreachable)" in run_status(waiting=None)


def test_it_requeues_every_failed_page_with_its_bytes(db):
    FailedPage.objects.create(origin="file:///in/a.html", name="/in/a.html", data=b"<p>a</p>", error="x")
    FailedPage.objects.create(origin="file:///in/b.txt", name="/in/b.txt", data=b"b", error="y")

    with mock.patch("articles.tasks.send_page") as send:
        out = run_status("--requeue")

    assert "Re-queued 2 failed pages" in out
    sent = sorted((c.args[0], c.kwargs["origin"], c.kwargs["name"]) for c in send.call_args_list)
    assert sent == [(b"<p>a</p>", "file:///in/a.html", "/in/a.html"), (b"b", "file:///in/b.txt", "/in/b.txt")]
    # Kept until a worker stores the page.
    assert FailedPage.objects.count() == 2
