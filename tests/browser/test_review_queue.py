"""An analyst works the review queue of a slice from its first statement to its last, with the keyboard only."""

from datetime import date

import pytest
from django.urls import reverse

from articles.models import Statement

from .support import expect, log_in

pytestmark = pytest.mark.browser

FIRST = "The bridge will reopen to lorries on Monday."
SECOND = "The council has set aside money for the repairs."
THIRD = "Nobody has asked us about the tolls."
OUTSIDE = "The ferry timetable stays as it is."
CORRECTED = "The council has set aside more money for the repairs."


@pytest.fixture
def queue(make_actor, make_article, make_statement, make_topic):
    bridges, ferries = make_topic("bridges", "Bridges"), make_topic("ferries", "Ferries")
    mayor = make_actor("Liisa Tamm")
    newer = make_article("Bridge reopens", body=f"“{FIRST}” said the mayor.\n\n“{SECOND}”", published=date(2025, 3, 9))
    older = make_article("Tolls debated", body=f"The union said: “{THIRD}”", published=date(2025, 3, 1))
    ferry = make_article("Ferries", body=f"“{OUTSIDE}”", published=date(2025, 3, 5))
    return [
        make_statement(newer, FIRST, speaker=mayor, topics=[bridges]),
        make_statement(newer, SECOND, speaker=mayor, topics=[bridges]),
        make_statement(older, THIRD, topics=[bridges]),
        make_statement(ferry, OUTSIDE, speaker=mayor, topics=[ferries]),
    ]


@pytest.fixture
def reviewer(make_user):
    return make_user("desk", is_staff=True, permissions=["articles.view_statement", "articles.change_statement"])


def test_an_analyst_works_a_slice_from_first_to_last_with_the_keyboard(page, reviewer, queue):
    first, second, third, outside = queue
    log_in(page, reviewer, reverse("articles:review") + "?topic=bridges")
    progress = page.locator(".review-progress")

    expect(progress).to_contain_text("0 of 3 checked in this slice")
    expect(page.locator(".review-context mark")).to_have_text(FIRST)
    page.keyboard.press("v")

    # The second: correct its words, leave the field, verify.
    expect(progress).to_contain_text("1 of 3 checked")
    expect(page.locator(".review-context mark")).to_have_text(SECOND)
    page.keyboard.press("t")
    expect(page.locator("textarea[name=text]")).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type(CORRECTED)
    page.keyboard.press("Escape")
    page.keyboard.press("v")

    # The third: skipped, then brought back and rejected.
    expect(progress).to_contain_text("2 of 3 checked")
    expect(page.locator(".review-context mark")).to_have_text(THIRD)
    page.keyboard.press("s")
    expect(page.locator(".review-done")).to_contain_text("Nothing left to check in this slice: 2 of 3 checked.")
    page.keyboard.press("a")
    expect(page.locator(".review-context mark")).to_have_text(THIRD)
    page.keyboard.press("r")

    expect(page.locator(".review-done")).to_contain_text("Nothing left to check in this slice: 3 of 3 checked.")
    expect(progress).to_contain_text("3 of 3 checked")
    statuses = {s.pk: (s.status, s.text) for s in Statement.objects.all()}
    assert statuses == {
        first.pk: ("verified", FIRST),
        second.pk: ("verified", CORRECTED),
        third.pk: ("rejected", THIRD),
        outside.pk: ("new", OUTSIDE),
    }
    assert Statement.objects.get(pk=second.pk).text_corrected
