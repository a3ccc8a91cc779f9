"""An analyst adds pages from the browser: a zip of pages, the same zip again, a pasted page, a bad file in a batch."""

import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from articles.models import Article, Statement

from .support import expect, log_in

pytestmark = pytest.mark.browser

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
# Five of the project's own sample pages, each with statements to find.
ZIPPED = [
    "analysis/alpine_courier_geneva_talks.txt",
    "analysis/baltic_wire_sanctions.txt",
    "analysis/east_wire_black_sea.html",
    "html/adriatic_byline_time.html",
    "html/nordic_ledger_jsonld.html",
]
PASTED = "analysis/kyiv_herald_grain.txt"


@pytest.fixture
def uploader(make_user):
    # An ordinary analyst with the one permission: no staff flag.
    return make_user("uploader", permissions=["articles.add_pages"])


def zip_of(paths):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in paths:
            archive.write(PAGES / name, f"saved/{Path(name).name}")
    return buffer.getvalue()


def upload(page, *files):
    page.goto("/add/")
    page.get_by_label("Page files or a .zip of them").set_input_files(
        [{"name": name, "mimeType": "application/octet-stream", "buffer": data} for name, data in files]
    )
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(re.compile(r"/add/uploads/\d+/$"))


def row(page, name):
    return page.locator("table.upload-files tbody tr", has_text=name)


def test_an_analyst_uploads_a_zip_of_pages_then_the_same_zip_again(page, live_server, uploader):
    log_in(page, uploader, "/")
    page.get_by_role("link", name="Add pages").click()
    expect(page).to_have_url(re.compile(r"/add/$"))

    archive = zip_of(ZIPPED)
    upload(page, ("week.zip", archive))
    expect(page.locator(".outcome-count")).to_have_text(["5 stored"])
    for name in ZIPPED:
        file_row = row(page, f"week.zip/saved/{Path(name).name}")
        expect(file_row.locator("td").nth(1)).to_have_text("stored")
        expect(file_row.locator("a.statement-count")).to_have_text(re.compile(r"^[1-9]\d* statements?$"))
    assert Article.objects.count() == 5
    assert Statement.objects.filter(article__in=Article.objects.all()).count() >= 5

    # Follow one article: its statements are on its page.
    geneva = row(page, "alpine_courier_geneva_talks.txt").locator("a.title-link")
    title = geneva.inner_text()
    geneva.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("heading", name=re.compile(r"^Statements"))).to_contain_text(
        str(Statement.objects.filter(article__title=title).count())
    )

    upload(page, ("week.zip", archive))
    expect(page.locator(".outcome-count")).to_have_text(["5 unchanged"])
    expect(page.locator("table.upload-files tbody tr", has_text="unchanged")).to_have_count(5)
    assert Article.objects.count() == 5

    # Both uploads are in the analyst's list.
    page.goto("/add/uploads/")
    expect(page.locator("table tbody tr")).to_have_count(2)


def test_an_analyst_pastes_a_page_and_finds_its_article(page, live_server, uploader):
    log_in(page, uploader, "/add/")
    page.get_by_label("The page's text").fill((PAGES / PASTED).read_text())
    page.get_by_role("button", name="Add this page").click()
    page.wait_for_url(re.compile(r"/add/uploads/\d+/$"))

    expect(row(page, "pasted text").locator("td").nth(1)).to_have_text("stored")
    article = Article.objects.get()
    row(page, "pasted text").locator("a.title-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    assert "grain" in article.title.lower()

    page.goto("/articles/?q=grain")
    expect(page.get_by_role("link", name=article.title)).to_be_visible()


def test_a_file_of_random_bytes_is_refused_with_its_reason_and_the_others_are_stored(page, live_server, uploader):
    log_in(page, uploader, "/add/")
    good = [(Path(name).name, (PAGES / name).read_bytes()) for name in ZIPPED[:2]]
    upload(page, good[0], ("noise.html", os.urandom(8192)), good[1])

    expect(row(page, "noise.html").locator("td").nth(1)).to_have_text(re.compile(r"^failed: .+"))
    expect(row(page, "noise.html").locator("a")).to_have_count(0)
    for name, _ in good:
        expect(row(page, name).locator("td").nth(1)).to_have_text("stored")
    assert Article.objects.count() == 2
