"""An analyst saves a search, and their desk shows a new match after the next ingest."""

from pathlib import Path

import pytest

from ..commands import run_ingest
from .support import expect, log_in

pytestmark = pytest.mark.browser

TEXT_PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages" / "text"


def test_a_saved_search_shows_a_new_match_after_an_ingest(page, make_user):
    assert run_ingest(TEXT_PAGES / "harbour_ledger_byline.txt")[0] == 0
    log_in(page, make_user("analyst"), "/articles/?q=declaration")
    expect(page.get_by_text("No articles match these filters.")).to_be_visible()

    page.get_by_text("Save this search").click()
    page.get_by_label("Name").fill("Hague declaration")
    page.get_by_label("E-mail").select_option("weekly")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved “Hague declaration”")).to_be_visible()

    page.goto("/")
    row = page.locator(".saved-searches tr", has_text="Hague declaration")
    expect(row).to_contain_text("0 new")

    assert run_ingest(TEXT_PAGES / "gulf_observer_summit.txt")[0] == 0
    page.reload()
    expect(row).to_contain_text("1 new")

    row.get_by_role("link", name="1 new").click()
    expect(page.locator(".result-count")).to_have_text("1 article")
    expect(page.get_by_role("link", name="Allies sign Hague declaration", exact=False)).to_be_visible()
    page.goto("/")
    expect(row).to_contain_text("0 new")
