"""An analyst folds the copies of one article into one row, then goes from the original to its copy."""

from pathlib import Path

import pytest

from ..commands import run_ingest
from .support import expect, log_in

pytestmark = pytest.mark.browser

TESTS = Path(__file__).resolve().parents[1]
ORIGINAL = TESTS.parent / "fixtures" / "pages" / "analysis" / "baltic_wire_sanctions.txt"
COPY = TESTS / "story_pages" / "harbour_gazette_sanctions_copy.txt"
OWN = TESTS / "story_pages" / "fjord_post_sanctions_own.txt"


def test_an_analyst_collapses_copies_and_follows_one_to_the_other_outlet(page, make_user):
    # With workers: whichever copy commits first, the story is named by the earlier-published original.
    assert run_ingest(ORIGINAL, COPY, OWN)[0] == 0
    log_in(page, make_user("analyst"), "/articles/")
    expect(page.locator(".result-count")).to_have_text("3 articles")

    page.get_by_label("Copies").select_option("story")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".result-count")).to_have_text("2 stories")
    expect(page.get_by_role("link", name="Hungary lifts veto as EU agrees fresh Russia sanctions")).to_have_count(0)

    page.get_by_role("link", name="EU envoys clear new sanctions package after Hungary drops veto threat").click()
    also = page.locator(".also-published")
    expect(also).to_contain_text("The Harbour Gazette")
    expect(also).not_to_contain_text("Fjord Post")

    also.get_by_role("link", name="The Harbour Gazette").click()
    expect(page.locator("h1")).to_have_text("Hungary lifts veto as EU agrees fresh Russia sanctions")
    expect(page.locator(".also-published")).to_contain_text("Baltic Wire")
