"""An analyst's day on the desk: log in, filter, read an article's quotes, filter quotes, export them."""

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest

from .support import PASSWORD, expect, log_in

pytestmark = pytest.mark.browser

ZELENSKYY_QUOTE = "Pressure on Moscow must not ease until the guns fall silent."
RUTTE_QUOTE = "The alliance will stand by Ukraine for as long as it takes."
RUBIO_QUOTE = "Washington will keep talking to both sides."


@pytest.fixture
def coverage(make_actor, make_topic, make_article, make_statement):
    """Four articles; only the first mentions Zelenskyy, is about sanctions and is from May 2025."""
    zelenskyy = make_actor("Volodymyr Zelenskyy", role="President of Ukraine")
    rutte = make_actor("Mark Rutte", role="NATO Secretary General")
    rubio = make_actor("Marco Rubio", role="US Secretary of State")
    sanctions, summit, ceasefire = make_topic("sanctions"), make_topic("summit"), make_topic("ceasefire")

    call = make_article(
        "Zelenskyy and Rutte coordinate sanctions",
        body=f"The two leaders spoke by phone. “{ZELENSKYY_QUOTE}” Zelenskyy said. Rutte answered: “{RUTTE_QUOTE}”",
        published=date(2025, 5, 20),
        actors=[zelenskyy, rutte],
        topics=[sanctions],
    )
    make_statement(call, ZELENSKYY_QUOTE, speaker=zelenskyy, topics=[sanctions])
    make_statement(call, RUTTE_QUOTE, speaker=rutte)
    make_article(
        "Zelenskyy asks for sanctions in March",
        published=date(2025, 3, 2),
        actors=[zelenskyy],
        topics=[sanctions],
    )
    make_article(
        "Rutte prepares the Hague summit",
        published=date(2025, 5, 21),
        actors=[zelenskyy, rutte],
        topics=[summit],
    )
    rubio_article = make_article(
        "Rubio says talks must go on",
        body=f"The US Secretary of State spoke in Antalya. “{RUBIO_QUOTE}”",
        published=date(2025, 5, 22),
        actors=[rubio],
        topics=[ceasefire],
    )
    make_statement(rubio_article, RUBIO_QUOTE, speaker=rubio, topics=[ceasefire])
    return {"call": call, "zelenskyy": zelenskyy, "rubio": rubio}


@pytest.fixture
def analyst_login(make_user):
    # An analyst is an ordinary user: no staff flag, no admin permissions.
    return make_user("reader")


def choose(form, name, value):
    """Set the filter `name` to `value`, whatever control the form uses for it."""
    field = form.locator(f"[name={name}]").first
    if field.evaluate("el => el.tagName") == "SELECT":
        field.select_option(value)
    else:
        field.fill(value)


def submit(form):
    form.locator("[type=submit]").first.click()


def test_an_analyst_narrows_coverage_reads_quotes_and_exports_them(page, live_server, analyst_login, coverage):
    # Login is required: the list sends an anonymous visitor to log in, then back.
    log_in(page, analyst_login, "/articles/")
    expect(page).to_have_url(re.compile(r"/articles/$"))
    expect(page.locator("main")).to_contain_text("Rutte prepares the Hague summit")

    # Actor + topic + date range.
    filters = page.locator("form:has([name=published_after])").first
    choose(filters, "actor", coverage["zelenskyy"].slug)
    choose(filters, "topic", "sanctions")
    choose(filters, "published_after", "2025-05-01")
    choose(filters, "published_before", "2025-05-31")
    submit(filters)

    expect(page).to_have_url(re.compile(rf"actor={coverage['zelenskyy'].slug}"))
    expect(page).to_have_url(re.compile(r"published_after=2025-05-01"))
    main = page.locator("main")
    expect(main).to_contain_text("Zelenskyy and Rutte coordinate sanctions")
    expect(main).not_to_contain_text("Zelenskyy asks for sanctions in March")
    expect(main).not_to_contain_text("Rutte prepares the Hague summit")
    expect(main).not_to_contain_text("Rubio says talks must go on")

    # The article, with its quotes highlighted and linked to their speakers.
    main.get_by_role("link", name="Zelenskyy and Rutte coordinate sanctions").click()
    expect(page).to_have_url(re.compile(rf"/articles/{coverage['call'].pk}/$"))
    quote = page.locator("mark", has_text=ZELENSKYY_QUOTE)
    expect(quote).to_have_count(1)
    expect(page.locator("mark", has_text=RUTTE_QUOTE)).to_have_count(1)
    speaker_link = page.locator(f"a[href$='/actors/{coverage['zelenskyy'].slug}/']")
    expect(speaker_link.first).to_be_visible()

    # The quote browser, filtered by speaker.
    page.goto("/statements/")
    filters = page.locator("form:has([name=speaker])").first
    choose(filters, "speaker", coverage["rubio"].slug)
    submit(filters)
    expect(page).to_have_url(re.compile(rf"speaker={coverage['rubio'].slug}"))
    main = page.locator("main")
    expect(main).to_contain_text(RUBIO_QUOTE)
    expect(main).not_to_contain_text(ZELENSKYY_QUOTE)
    expect(main).not_to_contain_text(RUTTE_QUOTE)

    # The CSV holds exactly what is on screen.
    with page.expect_download() as download_info:
        main.get_by_role("link", name=re.compile(r"\bCSV\b", re.IGNORECASE)).first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    header, data = rows[0], rows[1:]
    assert len(data) == 1
    assert RUBIO_QUOTE in data[0]
    assert "Marco Rubio" in data[0]
    assert header, "the CSV starts with a header row"


def test_a_wrong_password_keeps_the_analyst_out(page, analyst_login, coverage):
    page.goto("/articles/")
    page.locator("input[name=username]").fill(analyst_login.username)
    page.locator("input[name=password]").fill(PASSWORD + " wrong")
    page.locator("form:has(input[name=password]) [type=submit]").click()

    expect(page.locator("input[name=password]")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Zelenskyy and Rutte coordinate sanctions")
