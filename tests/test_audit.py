"""The audit log: every analyst change to a statement, single or bulk, with its values before and after; undo."""

from datetime import date

import pytest
from django.urls import reverse

from actors.models import Actor
from articles import audit
from articles.models import ChangeSet, FieldChange, Statement, StatementTopic

CHANGELIST = reverse("admin:articles_statement_changelist")


@pytest.fixture
def quotes(make_actor, make_article, make_statement, make_topic):
    """Eleven statements by three people, as a search for a name might find them."""
    make_topic("ports", "Ports")
    people = [make_actor("Mira Ostrova"), make_actor("Jonas Ostrov"), make_actor("Ada Ostrowska")]
    article = make_article("Ports", body="Quotes.", published=date(2025, 6, 1))
    return [make_statement(article, f"Quote number {i}.", speaker=people[i % 3]) for i in range(11)]


def reassign(client, statements, speaker):
    return client.post(
        CHANGELIST,
        {
            "action": "reassign_speaker",
            "_selected_action": [s.pk for s in statements],
            "speaker": speaker.pk,
            "apply": "1",
        },
        follow=True,
    )


def test_a_bulk_reassign_keeps_each_previous_speaker_and_undo_puts_them_back(
    admin_client, admin_user, quotes, make_actor
):
    before = {s.pk: s.speaker_id for s in quotes}
    wrong = make_actor("Ostrov Shipping", kind="organisation")

    response = reassign(admin_client, quotes, wrong)

    change_set = ChangeSet.objects.get()
    assert (change_set.user, change_set.bulk) == (admin_user, True)
    assert change_set.action == "Changed speaker to “Ostrov Shipping” (bulk action)"
    assert "See or undo the change" in response.content.decode()
    changes = {c.statement_id: c for c in change_set.changes.all()}
    assert {pk: c.before["speaker_id"] for pk, c in changes.items()} == before
    assert {c.after_label for c in changes.values()} == {"Ostrov Shipping"}
    assert changes[quotes[0].pk].before_label == "Mira Ostrova"
    wrong.refresh_from_db()
    assert wrong.statement_count == 11

    undone = audit.undo(change_set, admin_user)

    assert (undone.restored, undone.skipped) == (11, 0)
    assert {s.pk: (s.speaker_id, s.speaker_corrected) for s in Statement.objects.all()} == {
        pk: (speaker, False) for pk, speaker in before.items()
    }
    wrong.refresh_from_db()
    assert wrong.statement_count == 0
    counts = Actor.objects.filter(pk__in=set(before.values())).values_list("statement_count", flat=True)
    assert sorted(counts) == [3, 4, 4]
    # The undo is in the log too, pointing at what it undid.
    assert undone.change_set.undoes == change_set
    assert undone.change_set.changes.count() == 11


def test_undo_leaves_a_value_changed_again_since(admin_client, admin_user, quotes, make_actor):
    wrong = make_actor("Ostrov Shipping", kind="organisation")
    reassign(admin_client, quotes[:2], wrong)
    later = make_actor("Petra Ostrova")
    reassign(admin_client, quotes[:1], later)

    undone = audit.undo(ChangeSet.objects.order_by("id").first(), admin_user)

    assert (undone.restored, undone.skipped) == (1, 1)
    assert Statement.objects.get(pk=quotes[0].pk).speaker == later
    assert Statement.objects.get(pk=quotes[1].pk).speaker == quotes[1].speaker


def test_bulk_topics_and_statuses_are_logged_and_undone(admin_client, admin_user, quotes, make_topic):
    ports = make_topic("ports")
    admin_client.post(
        CHANGELIST, {"action": "add_topic", "_selected_action": [quotes[0].pk], "topic": ports.pk, "apply": "1"}
    )
    admin_client.post(CHANGELIST, {"action": "mark_rejected", "_selected_action": [quotes[0].pk, quotes[1].pk]})

    tagged, rejected = ChangeSet.objects.order_by("id")
    topic_change = tagged.changes.get()
    assert (topic_change.field, topic_change.before_label, topic_change.after_label) == (
        "topic",
        "Ports: not tagged",
        "Ports: tagged by an analyst",
    )
    assert {(c.field, c.before_label, c.after_label) for c in rejected.changes.all()} == {
        ("status", "Not reviewed", "Rejected")
    }

    audit.undo(rejected, admin_user)
    audit.undo(tagged, admin_user)

    assert set(Statement.objects.values_list("status", flat=True)) == {"new"}
    assert not StatementTopic.objects.filter(statement=quotes[0]).exists()
    assert not quotes[0].removed_topics.exists()
    quotes[0].speaker.refresh_from_db()
    assert quotes[0].speaker.statement_count == 4


def test_an_admin_edit_is_logged_with_its_fields(admin_client, admin_user, quotes, make_actor):
    statement = quotes[0]
    other = make_actor("Jonas Ostrov")
    response = admin_client.post(
        reverse("admin:articles_statement_change", args=[statement.pk]),
        {
            "speaker": other.pk,
            "status": "verified",
            "note": "Checked against the recording.",
            "topic_links-TOTAL_FORMS": "0",
            "topic_links-INITIAL_FORMS": "0",
            "topic_links-MIN_NUM_FORMS": "0",
            "topic_links-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302

    change_set = ChangeSet.objects.get()
    assert (change_set.action, change_set.user, change_set.bulk) == ("Edited in the admin", admin_user, False)
    assert {(c.field, c.before_label, c.after_label) for c in change_set.changes.all()} == {
        ("speaker", "Mira Ostrova", "Jonas Ostrov"),
        ("status", "Not reviewed", "Verified"),
        ("note", "", "Checked against the recording."),
    }
    # Shown on the statement in the admin.
    page = admin_client.get(reverse("admin:articles_statement_change", args=[statement.pk])).content.decode()
    assert "Checked against the recording." in page
    assert "Edited in the admin" in page


def test_a_review_is_logged_and_shown_on_the_statements_review_page(admin_client, quotes):
    url = reverse("articles:review-statement", args=[quotes[0].pk])
    page = admin_client.get(url)
    form = page.context["correction"]
    data = {"action": "verify", "kind": "indirect", "initial-kind": form.initial["kind"]}
    data |= {name: form.initial[name] for name in ("speaker", "text")}
    data |= {f"initial-{name}": form.initial[name] for name in ("speaker", "text")}

    admin_client.post(url, data)

    change_set = ChangeSet.objects.get()
    assert change_set.action == "Review: verified"
    assert sorted(change_set.changes.values_list("field", flat=True)) == ["kind", "status"]
    html = admin_client.get(url).content.decode()
    assert "Review: verified" in html
    assert "Reported speech" in html


def test_nothing_changed_logs_nothing(admin_client, quotes):
    admin_client.post(CHANGELIST, {"action": "mark_verified", "_selected_action": [quotes[0].pk]})
    admin_client.post(CHANGELIST, {"action": "mark_verified", "_selected_action": [quotes[0].pk]})
    # The second marks it again (a new reviewer time), which is a change of its review.
    assert FieldChange.objects.filter(field="status").count() == 2
    with audit.recording(None, [quotes[1].pk], "nothing") as done:
        pass
    assert done.change_set is None


def test_the_change_page_in_the_admin_undoes_with_a_button(admin_client, quotes, make_actor):
    wrong = make_actor("Ostrov Shipping", kind="organisation")
    reassign(admin_client, quotes[:3], wrong)
    change_set = ChangeSet.objects.get()
    url = reverse("admin:articles_changeset_change", args=[change_set.pk])

    page = admin_client.get(url).content.decode()
    assert "Undo this change" in page
    assert "Mira Ostrova" in page

    admin_client.post(url, {"undo": "1"})
    assert not Statement.objects.filter(speaker=wrong).exists()
    assert ChangeSet.objects.get(pk=change_set.pk).undone_by.exists()


def test_an_edit_in_the_articles_statement_list_is_logged(admin_client, admin_user, quotes, make_actor):
    statement = quotes[0]
    other = make_actor("Jonas Ostrov")
    data = {
        "statements-TOTAL_FORMS": "1",
        "statements-INITIAL_FORMS": "1",
        "statements-MIN_NUM_FORMS": "0",
        "statements-MAX_NUM_FORMS": "1000",
        "statements-0-id": statement.pk,
        "statements-0-article": statement.article_id,
        "statements-0-speaker": other.pk,
        "statements-0-status": "new",
    }

    response = admin_client.post(reverse("admin:articles_article_change", args=[statement.article_id]), data)

    assert response.status_code == 302
    change = FieldChange.objects.get()
    assert (change.change_set.action, change.change_set.user) == ("Edited on the article's admin page", admin_user)
    assert (change.statement, change.field, change.before_label, change.after_label) == (
        statement,
        "speaker",
        "Mira Ostrova",
        "Jonas Ostrov",
    )


def test_undo_leaves_a_value_naming_a_speaker_deleted_since(admin_client, admin_user, quotes, make_actor):
    wrong = make_actor("Ostrov Shipping", kind="organisation")
    reassign(admin_client, quotes[:3], wrong)
    gone = quotes[0].speaker
    Actor.objects.filter(pk=gone.pk).delete()

    undone = audit.undo(ChangeSet.objects.get(), admin_user)

    assert (undone.restored, undone.skipped) == (2, 1)
    assert Statement.objects.get(pk=quotes[0].pk).speaker == wrong
    assert Statement.objects.get(pk=quotes[1].pk).speaker == quotes[1].speaker
