"""A bulk reassign that moved other people's quotes is undone from the admin, and every previous speaker is back."""

from datetime import date

import pytest
from django.urls import reverse

from articles.models import ChangeSet, Statement

from .support import expect, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def quotes(make_actor, make_article, make_statement):
    """Eleven quotes that a search for "Ostrov" finds, by three different people."""
    people = [make_actor("Mira Ostrova"), make_actor("Jonas Ostrov"), make_actor("Ada Ostrowska")]
    article = make_article("Ostrov port talks", body="Talks went on.", published=date(2025, 6, 1))
    return [make_statement(article, f"Ostrov port quote number {i}.", speaker=people[i % 3]) for i in range(11)]


@pytest.fixture
def desk_editor(make_user):
    return make_user(
        "desk",
        is_staff=True,
        permissions=["articles.view_statement", "articles.change_statement", "actors.view_actor"],
    )


def test_a_bulk_reassign_is_undone_and_every_previous_speaker_is_back(page, desk_editor, quotes, make_actor):
    before = {s.pk: s.speaker_id for s in quotes}
    make_actor("Ostrov Shipping", kind="organisation")
    log_in(page, desk_editor, reverse("admin:articles_statement_changelist") + "?q=Ostrov")

    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("reassign_speaker")
    page.get_by_role("button", name="Go").click()
    page.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Ostrov Ship")
    page.locator(".select2-results__option", has_text="Ostrov Shipping").click()
    page.get_by_role("button", name="Reassign speaker").click()

    expect(page.locator(".messagelist")).to_contain_text("Speaker set to “Ostrov Shipping”: 11 statements.")
    assert set(Statement.objects.values_list("speaker__name", flat=True)) == {"Ostrov Shipping"}

    # The message links to the change in the audit log, which shows each previous speaker.
    page.get_by_role("link", name="See or undo the change").click()
    expect(page.locator("#content")).to_contain_text("Mira Ostrova")
    expect(page.locator("#content")).to_contain_text("Ada Ostrowska")
    page.get_by_role("button", name="Undo this change").click()

    expect(page.locator(".messagelist")).to_contain_text("11 values put back")
    assert {s.pk: s.speaker_id for s in Statement.objects.all()} == before
    assert not Statement.objects.filter(speaker_corrected=True).exists()
    assert ChangeSet.objects.filter(undoes__isnull=False).count() == 1
