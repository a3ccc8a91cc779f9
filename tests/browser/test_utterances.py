"""An analyst groups the statements by remark, sorts by reach, and opens the most carried one."""

from pathlib import Path

import pytest

from ..commands import run_ingest
from .support import expect, log_in

pytestmark = pytest.mark.browser

PAGES = Path(__file__).resolve().parents[1] / "utterance_pages"


def test_an_analyst_opens_the_most_carried_remark_from_the_grouped_statements(page, make_user):
    pages = sorted(PAGES.glob("*.txt"))
    # One page after another: stored by two workers at once, two reports of one day would race for "first"
    # (the lower statement id wins, whichever page commits first).
    assert run_ingest(*pages, workers=0)[0] == 0
    log_in(page, make_user("analyst"), "/statements/")

    page.get_by_label("Reports").select_option("utterance")
    page.get_by_label("Sort").select_option("reach")
    page.get_by_role("button", name="Apply filters").click()
    rows = page.locator("table.table-statements tbody tr")
    expect(rows.filter(has_text="We will keep the harbour closed")).to_have_count(1)
    rows.filter(has_text="We will keep the harbour closed").get_by_role("link", name="carried by 3 outlets").click()

    expect(page.locator(".utterance-reach")).to_contain_text("3 outlets")
    # Two outlets reported it on 10 March, with no time: the one stored first counts as first.
    expect(page.locator(".utterance-first")).to_contain_text("East Herald")
    reports = page.locator(".report-list .report")
    expect(reports).to_have_count(3)
    expect(page.locator(".utterance-reports")).to_contain_text("Valley Times")
    expect(page.locator(".utterance-similar")).to_contain_text("nearly done")
