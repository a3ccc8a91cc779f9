"""A staff user tags a quote in the admin and sees the tag on the statement's pages."""

from datetime import date

import pytest
from django.urls import reverse

from articles.models import StatementTopic

from .support import expect, log_in

pytestmark = pytest.mark.browser

QUOTE = "Sanctions must stay in place until a settlement is signed."


@pytest.fixture
def quote(make_article, make_statement, make_actor, make_topic):
    lepp = make_actor("Kadri Lepp")
    article = make_article(
        "Ministers split over sanctions",
        body=f"Ministers met. {QUOTE} The meeting ended.",
        actors=[lepp],
        published=date(2025, 5, 14),
    )
    return make_statement(article, QUOTE, speaker=lepp, topics=[make_topic("sanctions", "Sanctions")])


@pytest.fixture
def desk_editor(make_user, make_topic):
    make_topic("ceasefire", "Ceasefire")
    # Staff with just what tagging needs: statements, and looking up topics and actors.
    return make_user(
        "desk",
        is_staff=True,
        permissions=[
            "articles.view_statement",
            "articles.change_statement",
            "articles.view_topic",
            "articles.view_article",
            "actors.view_actor",
        ],
    )


def test_a_staff_user_tags_a_quote_with_the_bulk_action(page, desk_editor, quote):
    changelist = reverse("admin:articles_statement_changelist")
    log_in(page, desk_editor, changelist)
    expect(page.locator("#result_list")).to_contain_text(QUOTE)

    row = page.locator("#result_list tbody tr", has_text=QUOTE)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("add_topic")
    page.get_by_role("button", name="Go").click()

    # The intermediate page: pick the topic through the autocomplete.
    expect(page.locator("#content h1")).to_have_text("Add a topic")
    expect(page.locator(".selected-statements")).to_contain_text(QUOTE)
    page.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("cease")
    page.locator(".select2-results__option", has_text="Ceasefire").click()
    page.get_by_role("button", name="Add topic").click()

    expect(page.locator(".messagelist")).to_contain_text("Added topic “Ceasefire”: 1 statement")
    topics = page.locator("#result_list tbody tr", has_text=QUOTE).locator(".field-topic_list")
    expect(topics).to_contain_text("Ceasefire")
    expect(topics.locator("strong", has_text="Ceasefire")).to_have_attribute("title", "Set by an analyst")
    assert quote.topic_links.get(topic__slug="ceasefire").origin == StatementTopic.Origin.ANALYST

    # The statement's admin page lists it among its topics, as the analyst's.
    page.locator("#result_list tbody tr", has_text=QUOTE).locator(".field-excerpt a").click()
    topic_rows = page.locator("#topic_links-group tr.has_original")
    expect(topic_rows.filter(has_text="Analyst")).to_contain_text("Ceasefire")
    expect(topic_rows.filter(has_text="Topic rules")).to_contain_text("Sanctions")

    # And the analysts' quote browser shows it on the statement.
    page.goto(f"/statements/?speaker={quote.speaker.slug}")
    row = page.locator("main").get_by_text(QUOTE).locator("xpath=ancestor::*[self::tr or self::li or self::article][1]")
    expect(row).to_contain_text("Ceasefire")
    expect(row).to_contain_text("Sanctions")


def test_history_records_the_bulk_action(page, desk_editor, quote, make_topic):
    log_in(page, desk_editor, reverse("admin:articles_statement_changelist"))
    row = page.locator("#result_list tbody tr", has_text=QUOTE)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("mark_verified")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Marked verified: 1 statement")

    page.goto(reverse("admin:articles_statement_history", args=[quote.pk]))

    expect(page.locator("#change-history")).to_contain_text("Marked verified (bulk action).")
    expect(page.locator("#change-history")).to_contain_text("desk")
