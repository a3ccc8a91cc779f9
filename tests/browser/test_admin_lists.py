"""An analyst on a 1366-pixel screen reads the statement admin list and narrows it to one speaker."""

import re
from datetime import date

import pytest
from django.urls import reverse

from .support import expect, log_in

pytestmark = pytest.mark.browser

LONG_QUOTE = (
    "Sanctions must stay in place until a settlement is signed and every monitoring post along the river is "
    "staffed again by observers from both sides."
)


@pytest.fixture
def quotes(make_article, make_statement, make_actor, make_topic):
    lepp, korhonen = make_actor("Kadri Lepp-Vainomaegi"), make_actor("Aino Korhonen")
    topics = [make_topic("sanctions", "Sanctions"), make_topic("summit", "Summit"), make_topic("energy", "Energy")]
    for n in range(6):
        article = make_article(
            f"Ministers weigh long-term security guarantees for the eastern border regions, part {n}",
            source="The Harbourlight Evening Courier",
            published=date(2025, 5, 1 + n),
        )
        make_statement(article, f"{LONG_QUOTE} ({n})", speaker=lepp, topics=topics)
        make_statement(article, f"The summit must agree on a ceasefire plan first ({n}).", speaker=korhonen)
    return {"lepp": lepp, "korhonen": korhonen}


@pytest.fixture
def desk_editor(make_user):
    return make_user(
        "desk",
        is_staff=True,
        permissions=[
            "articles.view_statement",
            "articles.change_statement",
            "articles.view_article",
            "articles.view_topic",
            "actors.view_actor",
        ],
    )


def test_the_statement_list_is_readable_at_1366_pixels(page, desk_editor, quotes):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, desk_editor, reverse("admin:articles_statement_changelist"))
    expect(page.locator("#result_list")).to_contain_text("Kadri Lepp-Vainomaegi")

    results = page.locator("#changelist-form .results")
    # Nothing of the table is cut off: no column needs the scroll bar, and Status ends inside the page.
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth")
    status = page.locator("#result_list thead th.column-status").bounding_box()
    box = results.bounding_box()
    assert status["x"] + status["width"] <= box["x"] + box["width"]
    assert status["x"] + status["width"] <= 1366
    expect(page.locator("#result_list td.field-status").first).to_have_text("Not reviewed")
    # The quote gets about forty characters a line or more (it had about twelve).
    quote = page.locator("#result_list .field-excerpt", has_text="Sanctions must stay").first
    assert quote.bounding_box()["width"] >= 280
    lines = quote.evaluate("el => Math.round(el.querySelector('a').getBoundingClientRect().height / 16)")
    assert lines <= 4


def test_the_speaker_filter_finds_a_speaker_by_name_and_keeps_the_other_filters(page, desk_editor, quotes):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, desk_editor, reverse("admin:articles_statement_changelist"))
    sidebar = page.locator("#changelist-filter")
    # The filter lists no speakers: it asks for one.
    expect(sidebar).not_to_contain_text("Aino Korhonen")
    sidebar.get_by_role("link", name="Direct quote").click()
    expect(page).to_have_url(re.compile(r"kind__exact=direct"))
    expect(page.locator("#result_list tbody tr")).to_have_count(12)

    sidebar.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("korh")
    page.locator(".select2-results__option", has_text="Aino Korhonen").click()

    expect(page).to_have_url(re.compile(rf"speaker__id__exact={quotes['korhonen'].pk}"))
    expect(page).to_have_url(re.compile(r"kind__exact=direct"))
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(6)
    for row in rows.all():
        expect(row.locator("td.field-speaker")).to_have_text("Aino Korhonen")
    expect(sidebar.locator(".select2-selection__rendered")).to_contain_text("Aino Korhonen")

    # "All" takes the speaker off again and keeps the kind.
    sidebar.locator("details[data-filter-title=speaker]").get_by_role("link", name="All").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(12)
    expect(page).to_have_url(re.compile(r"kind__exact=direct"))
