"""`/add/`: pages uploaded or pasted from the browser go through the ingest service; zips are checked first."""

import io
import os
import re
import zipfile
from datetime import date, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from articles import ingest, upload_tasks
from articles.extraction.limits import MAX_PAGE_BYTES
from articles.models import Article, Statement
from articles.upload_records import WAITING, Upload, UploadFile
from tests.pages import article_html

ADD = reverse("articles:add")


def page(n):
    return article_html(title=f"Ministers weigh guarantees, part {n}", slug=f"part-{n}")


def make_zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload_file(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def with_permission(user):
    user.user_permissions.add(Permission.objects.get(content_type__app_label="articles", codename="add_pages"))
    return user


@pytest.fixture
def uploader(django_user_model):
    return with_permission(django_user_model.objects.create_user("uploader", "uploader@example.com"))


@pytest.fixture
def uploader_client(client, uploader):
    client.force_login(uploader)
    return client


def post_files(client, *files):
    response = client.post(ADD, {"files": list(files), "upload": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Upload.objects.get(pk=int(re.search(r"/(\d+)/$", response["Location"]).group(1)))


def outcomes(upload):
    return {f.name: (f.outcome, f.reason) for f in upload.files.all()}


def test_it_stores_uploaded_pages_and_reports_each(uploader_client, uploader):
    upload = post_files(uploader_client, upload_file("one.html", page(1)), upload_file("two.html", page(2)))

    assert outcomes(upload) == {"one.html": (ingest.STORED, ""), "two.html": (ingest.STORED, "")}
    assert upload.user == uploader and upload.finished is not None and not upload.queued
    assert Article.objects.count() == 2
    response = uploader_client.get(reverse("articles:upload", args=[upload.pk]))
    body = response.content.decode()
    for file in upload.files.all():
        assert reverse("articles:detail", args=[file.article_id]) in body
    assert 'http-equiv="refresh"' not in body
    assert "<script" not in body


def test_the_same_files_again_are_unchanged_and_a_changed_one_updates_its_article(uploader_client):
    post_files(uploader_client, upload_file("one.html", page(1)), upload_file("two.html", page(2)))
    article = Article.objects.get(title__endswith="part 1")

    again = post_files(uploader_client, upload_file("one.html", page(1)), upload_file("two.html", page(2)))
    assert {outcome for outcome, _ in outcomes(again).values()} == {ingest.UNCHANGED}

    changed = article_html(title="Ministers weigh guarantees, part 1 (corrected)", slug="part-1")
    updated = post_files(uploader_client, upload_file("one.html", changed))
    assert outcomes(updated) == {"one.html": (ingest.UPDATED, "")}
    assert updated.files.get().article_id == article.pk
    assert Article.objects.count() == 2


def test_a_zip_of_pages_is_unpacked_and_other_files_in_it_are_skipped(uploader_client):
    archive = make_zip({"pages/one.html": page(1), "pages/two.html": page(2), "pages/photo.jpg": b"\xff\xd8\xff"})
    upload = post_files(uploader_client, upload_file("week.zip", archive))

    assert outcomes(upload)["week.zip/pages/one.html"] == (ingest.STORED, "")
    assert outcomes(upload)["week.zip/pages/two.html"] == (ingest.STORED, "")
    assert outcomes(upload)["week.zip/pages/photo.jpg"][0] == ingest.SKIPPED
    assert Article.objects.count() == 2


def test_a_bad_file_is_refused_with_its_reason_and_the_others_are_stored(uploader_client):
    upload = post_files(
        uploader_client,
        upload_file("one.html", page(1)),
        upload_file("noise.html", os.urandom(4096)),
        upload_file("notes.docx", b"whatever"),
        upload_file("empty.txt", b""),
    )

    found = outcomes(upload)
    assert found["one.html"] == (ingest.STORED, "")
    assert found["noise.html"][0] == ingest.FAILED and found["noise.html"][1]
    assert found["notes.docx"][0] == ingest.FAILED and "not a page file" in found["notes.docx"][1]
    assert found["empty.txt"] == (ingest.FAILED, "the file is empty")
    assert Article.objects.count() == 1


def test_an_oversize_file_is_refused_and_nothing_is_stored_from_it(uploader_client):
    big = b"<p>" + b"x" * MAX_PAGE_BYTES + b"</p>"
    upload = post_files(uploader_client, upload_file("big.html", big), upload_file("one.html", page(1)))

    assert outcomes(upload)["big.html"] == (ingest.FAILED, "file is larger than 16 MB")
    assert list(Article.objects.values_list("title", flat=True)) == ["Ministers weigh guarantees, part 1"]


def test_an_oversize_page_in_a_zip_is_refused_and_the_others_are_stored(uploader_client):
    # Random bytes do not compress: the member is over the page limit without looking like a bomb.
    archive = make_zip({"big.html": os.urandom(MAX_PAGE_BYTES + 10), "one.html": page(1)})
    upload = post_files(uploader_client, upload_file("pages.zip", archive))

    assert outcomes(upload)["pages.zip/big.html"] == (ingest.FAILED, "file is larger than 16 MB")
    assert outcomes(upload)["pages.zip/one.html"] == (ingest.STORED, "")
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    "name",
    ["../escaped.html", "pages/../../escaped.html", "/etc/escaped.html", "..\\escaped.html", "C:/escaped.html"],
)
def test_a_zip_slip_refuses_the_whole_zip(uploader_client, name):
    archive = make_zip({"one.html": page(1), name: page(2)})
    upload = post_files(uploader_client, upload_file("slip.zip", archive))

    [(outcome, reason)] = outcomes(upload).values()
    assert outcome == ingest.FAILED
    assert reason.startswith("zip refused:") and "outside the archive" in reason
    assert Article.objects.count() == 0


def test_a_symbolic_link_in_a_zip_refuses_it(uploader_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("one.html", page(1))
        link = zipfile.ZipInfo("secret.html")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    upload = post_files(uploader_client, upload_file("links.zip", buffer.getvalue()))

    [(outcome, reason)] = outcomes(upload).values()
    assert (outcome, reason) == (ingest.FAILED, "zip refused: secret.html is a symbolic link")
    assert Article.objects.count() == 0


def test_a_zip_bomb_is_refused_by_its_compression_ratio(uploader_client):
    archive = make_zip({"one.html": page(1), "bomb.txt": b"\0" * (20 * 1024 * 1024)})
    assert len(archive) < 100_000
    upload = post_files(uploader_client, upload_file("bomb.zip", archive))

    [(outcome, reason)] = outcomes(upload).values()
    assert outcome == ingest.FAILED and "bomb.txt is compressed more than 100 to 1" in reason
    assert Article.objects.count() == 0


def test_a_zip_over_the_caps_is_refused(uploader_client, settings):
    settings.UPLOAD_ZIP_MAX_FILES = 2
    upload = post_files(uploader_client, upload_file("many.zip", make_zip({f"{n}.html": page(n) for n in range(3)})))
    assert outcomes(upload) == {"many.zip": (ingest.FAILED, "zip refused: it holds 3 files, more than 2")}

    settings.UPLOAD_ZIP_MAX_FILES = 100
    settings.UPLOAD_ZIP_MAX_BYTES = 3 * 1024 * 1024
    filler = os.urandom(2 * 1024 * 1024)
    upload = post_files(uploader_client, upload_file("big.zip", make_zip({"a.html": filler, "b.html": filler})))
    assert outcomes(upload) == {"big.zip": (ingest.FAILED, "zip refused: it unpacks to 4 MB, more than 3 MB")}
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("inner.zip", make_zip({"one.html": page(3)})),
        ("inner.html.gz", b"\x1f\x8b\x08\x00whatever"),
        # An archive by its bytes, whatever its name says.
        ("disguised.html", make_zip({"one.html": page(3)})),
    ],
)
def test_an_archive_inside_a_zip_refuses_it(uploader_client, name, data):
    upload = post_files(uploader_client, upload_file("outer.zip", make_zip({"one.html": page(1), name: data})))

    [(outcome, reason)] = outcomes(upload).values()
    assert outcome == ingest.FAILED and reason == f"zip refused: {name} is an archive inside the archive; " + (
        "unpack it and send its pages"
    )
    assert Article.objects.count() == 0


def test_a_broken_zip_is_refused_with_the_reason(uploader_client):
    upload = post_files(uploader_client, upload_file("broken.zip", b"PK\x03\x04 not really"))
    [(outcome, reason)] = outcomes(upload).values()
    assert outcome == ingest.FAILED and reason.startswith("not a readable zip file")


def test_a_pasted_page_takes_the_outlet_and_date_it_lacks(uploader_client):
    text = (
        "Harbour council approves new ferry timetable\n\n"
        "The harbour council approved a new ferry timetable on Tuesday after months of complaints from commuters.\n\n"
        '"We listened to the people who cross every morning," said council chair Maren Tollefsen.\n\n'
        "The new timetable starts in September and adds two early crossings on weekdays.\n"
    )
    fields = {"text": text, "url": "", "outlet": "Fjordside Gazette", "published": "2026-03-04", "paste": ""}
    response = uploader_client.post(ADD, fields)
    assert response.status_code == 302

    upload = Upload.objects.get()
    file = upload.files.get()
    assert (upload.kind, file.name, file.outcome) == (Upload.Kind.PASTE, "pasted text", ingest.STORED)
    article = Article.objects.get()
    assert file.article == article
    assert article.source.name == "Fjordside Gazette"
    assert article.published.date() == date(2026, 3, 4)
    assert Statement.objects.filter(article=article).exists()

    # The same text and fields again: unchanged; with another outlet: the same article, updated.
    uploader_client.post(ADD, fields)
    assert Upload.objects.newest_first().first().files.get().outcome == ingest.UNCHANGED
    uploader_client.post(ADD, {**fields, "outlet": "Fjordside Weekly"})
    assert Upload.objects.newest_first().first().files.get().outcome == ingest.UPDATED
    article.refresh_from_db()
    assert article.source.name == "Fjordside Weekly"


def test_an_empty_paste_is_a_form_error(uploader_client):
    response = uploader_client.post(ADD, {"text": "   ", "paste": ""})
    assert response.status_code == 400
    assert "Paste the page" in response.content.decode()
    assert not Upload.objects.exists()


def test_a_batch_over_the_request_limit_without_a_queue_stores_the_first_and_says_so(uploader_client, settings):
    settings.UPLOAD_QUEUE = False
    settings.UPLOAD_IN_REQUEST_PAGES = 2
    upload = post_files(uploader_client, *(upload_file(f"{n}.html", page(n)) for n in range(3)))

    found = outcomes(upload)
    assert [found[f"{n}.html"][0] for n in range(3)] == [ingest.STORED, ingest.STORED, ingest.SKIPPED]
    assert "over the limit" in found["2.html"][1] or "more than 2" in found["2.html"][1]
    assert "no queue is set up" in upload.note
    assert upload.finished is not None
    assert "no queue is set up" in uploader_client.get(reverse("articles:upload", args=[upload.pk])).content.decode()


def test_a_large_batch_goes_to_the_queue_and_its_page_refreshes_until_done(uploader_client, settings):
    settings.UPLOAD_QUEUE = True
    settings.UPLOAD_IN_REQUEST_PAGES = 1
    with mock.patch.object(upload_tasks.store_upload_file, "delay") as delay:
        upload = post_files(uploader_client, upload_file("one.html", page(1)), upload_file("two.html", page(2)))

    assert upload.queued and upload.finished is None
    assert {outcome for outcome, _ in outcomes(upload).values()} == {WAITING}
    assert Article.objects.count() == 0
    status = uploader_client.get(reverse("articles:upload", args=[upload.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in status
    assert "<script" not in status

    # The workers' side: each message stores its page and records the outcome on the upload.
    for call in delay.call_args_list:
        upload_tasks.store_upload_file(*call.args)
    upload.refresh_from_db()
    assert upload.finished is not None
    assert {outcome for outcome, _ in outcomes(upload).values()} == {ingest.STORED}
    assert Article.objects.count() == 2
    done = uploader_client.get(reverse("articles:upload", args=[upload.pk])).content.decode()
    assert 'http-equiv="refresh"' not in done


def test_pages_the_broker_does_not_take_are_run_in_the_request(uploader_client, settings):
    settings.UPLOAD_QUEUE = True
    settings.UPLOAD_IN_REQUEST_PAGES = 1
    with mock.patch.object(upload_tasks.store_upload_file, "delay", side_effect=BrokerError("refused")):
        upload = post_files(uploader_client, upload_file("one.html", page(1)), upload_file("two.html", page(2)))

    assert {outcome for outcome, _ in outcomes(upload).values()} == {ingest.STORED}
    assert "The queue did not answer" in upload.note
    assert upload.finished is not None


def test_the_form_needs_its_csrf_token(uploader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(uploader)
    refused = client.post(ADD, {"files": [upload_file("one.html", page(1))], "upload": ""})
    assert refused.status_code == 403
    assert not Upload.objects.exists()

    form = client.get(ADD)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode()).group(1)
    fields = {"files": [upload_file("one.html", page(1))], "upload": "", "csrfmiddlewaretoken": token}
    accepted = client.post(ADD, fields)
    assert accepted.status_code == 302
    assert Article.objects.count() == 1


@pytest.mark.parametrize("name", ["add", "uploads"])
def test_login_is_required(client, db, name):
    response = client.get(reverse(f"articles:{name}"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_post_without_login_stores_nothing(client, db):
    response = client.post(ADD, {"files": [upload_file("one.html", page(1))], "upload": ""})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not Article.objects.exists() and not Upload.objects.exists()


def test_an_analyst_without_the_permission_gets_403(client, django_user_model, uploader_client):
    upload = post_files(uploader_client, upload_file("one.html", page(1)))
    reader = django_user_model.objects.create_user("reader")
    client.force_login(reader)

    assert client.get(ADD).status_code == 403
    assert client.post(ADD, {"files": [upload_file("two.html", page(2))], "upload": ""}).status_code == 403
    assert client.get(reverse("articles:uploads")).status_code == 403
    assert client.get(reverse("articles:upload", args=[upload.pk])).status_code == 403
    assert Article.objects.count() == 1
    assert "Add pages" not in client.get(reverse("articles:desk")).content.decode()


def test_staff_without_the_permission_get_403_too(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("editor", is_staff=True))
    assert client.get(ADD).status_code == 403


def test_an_analyst_sees_their_own_uploads_and_staff_see_all(client, django_user_model, uploader_client):
    mine = post_files(uploader_client, upload_file("one.html", page(1)))
    other = with_permission(django_user_model.objects.create_user("other"))
    client.force_login(other)
    theirs = post_files(client, upload_file("two.html", page(2)))

    assert client.get(reverse("articles:upload", args=[mine.pk])).status_code == 404
    listing = client.get(reverse("articles:uploads")).content.decode()
    assert reverse("articles:upload", args=[theirs.pk]) in listing
    assert reverse("articles:upload", args=[mine.pk]) not in listing

    staff = with_permission(django_user_model.objects.create_user("chief", is_staff=True))
    client.force_login(staff)
    listing = client.get(reverse("articles:uploads")).content.decode()
    assert reverse("articles:upload", args=[mine.pk]) in listing
    assert reverse("articles:upload", args=[theirs.pk]) in listing
    assert client.get(reverse("articles:upload", args=[mine.pk])).status_code == 200


def test_the_desk_links_to_add_pages_for_analysts_with_the_permission(uploader_client):
    body = uploader_client.get(reverse("articles:desk")).content.decode()
    assert f'href="{ADD}"' in body and "Add pages" in body


def test_every_file_of_an_upload_is_recorded(uploader_client, uploader):
    archive = make_zip({"one.html": page(1)})
    upload = post_files(uploader_client, upload_file("a.zip", archive), upload_file("noise.txt", os.urandom(100)))
    rows = list(UploadFile.objects.filter(upload=upload).values_list("name", "outcome"))
    assert rows == [("a.zip/one.html", ingest.STORED), ("noise.txt", ingest.FAILED)]
    assert upload.user == uploader


def test_the_demo_analyst_may_add_pages(client, db):
    call_command("demo_user", stdout=StringIO())
    client.force_login(get_user_model().objects.get(username="analyst"))
    assert client.get(ADD).status_code == 200


def test_pages_left_when_the_request_runs_out_of_time_are_listed_as_not_stored(uploader_client, settings):
    settings.UPLOAD_IN_REQUEST_SECONDS = 20
    # The clock: the deadline is set at 0, the first page starts at 0.5, the second at 30.
    with mock.patch("articles.uploads.time") as clock:
        clock.monotonic.side_effect = [0, 0.5, 30]
        upload = post_files(uploader_client, upload_file("one.html", page(1)), upload_file("two.html", page(2)))

    found = outcomes(upload)
    assert found["one.html"] == (ingest.STORED, "")
    assert found["two.html"] == (ingest.SKIPPED, "not stored: the upload ran out of time in this request; add it again")
    assert Article.objects.count() == 1


def test_an_upload_the_web_server_cut_short_stops_refreshing(uploader_client, uploader):
    upload = Upload.objects.create(user=uploader, created=timezone.now() - timedelta(minutes=11))
    UploadFile.objects.create(upload=upload, name="one.html")

    body = uploader_client.get(reverse("articles:upload", args=[upload.pk])).content.decode()
    assert "interrupted" in body and "not run" in body
    assert 'http-equiv="refresh"' not in body


def test_a_damaged_page_in_a_zip_fails_with_the_reason_and_the_others_are_stored(uploader_client):
    # Long enough that checking its first bytes does not read it to the end, where the checksum is compared.
    long_page = article_html(
        title="Ministers weigh guarantees, part 2", slug="part-2", sentence="Talks went on. " * 600
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("one.html", page(1))
        archive.writestr("two.html", long_page)
    data = buffer.getvalue()
    # One byte near the end of the second page changed after its checksum was written.
    at = data.rindex(b"Talks went on.")
    damaged = data[:at] + b"W" + data[at + 1 :]
    upload = post_files(uploader_client, upload_file("damaged.zip", damaged))

    found = outcomes(upload)
    assert found.get("damaged.zip/one.html") == (ingest.STORED, ""), found
    assert found["damaged.zip/two.html"][0] == ingest.FAILED
    assert found["damaged.zip/two.html"][1].startswith("cannot read it from the zip (Bad CRC-32")
    assert Article.objects.count() == 1


def test_a_request_over_the_size_limit_is_refused_before_its_files_are_read(uploader_client, settings, tmp_path):
    settings.UPLOAD_REQUEST_MAX_BYTES = 1024 * 1024
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    big = page(1) + b"<!-- " + b"x" * (2 * 1024 * 1024) + b" -->"

    response = uploader_client.post(ADD, {"files": [upload_file("big.html", big)], "upload": ""})

    assert response.status_code == 413
    assert "more than the 1 MB one request may send" in response.content.decode()
    assert list(tmp_path.iterdir()) == []
    assert not Upload.objects.exists()
    assert not Article.objects.exists()


def test_a_request_under_the_size_limit_goes_through(uploader_client, settings):
    settings.UPLOAD_REQUEST_MAX_BYTES = 1024 * 1024

    response = uploader_client.post(ADD, {"files": [upload_file("one.html", page(1))], "upload": ""})

    assert response.status_code in (200, 302)
    assert Article.objects.count() == 1
