"""A rejected statement leaves every list, count, chart, feed and export, unless ?status= asks for it."""

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse

from actors.models import Actor
from articles.coverage import statement_total
from articles.models import Statement

QUOTES = [
    "The harbour will stay open through the winter.",
    "Fees for small boats will not rise this year.",
    "The new crane arrives in April.",
]


@pytest.fixture
def quotes(make_actor, make_article, make_statement, make_topic):
    harbours = make_topic("harbours", "Harbours")
    master = make_actor("Tove Lindqvist", role="harbour master")
    article = make_article("Harbour plans", body=" ".join(QUOTES), actors=[master], published=date(2025, 4, 2))
    return [make_statement(article, q, speaker=master, topics=[harbours]) for q in QUOTES]


def csv_rows(client, url, **params):
    response = client.get(url, {"format": "csv", **params})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def figures(client, master):
    """What the pages say about the harbour master's statements."""
    listed = client.get(reverse("articles:statements"), {"speaker": master.slug})
    actor_page = client.get(master.get_absolute_url())
    desk = client.get(reverse("articles:desk"), {"measure": "statements"})
    quoted = {actor.pk: actor.statement_count for actor in desk.context["most_quoted"]}
    chart = {s.label: s.total for s in desk.context["timeline"].series}
    actor_chart = {s.label: s.total for s in actor_page.context["timeline"].series}
    master.refresh_from_db()
    return {
        "list": listed.context["page"].paginator.count,
        "actor page": len(actor_page.context["statements"]),
        "actor chart": actor_chart["Statements"],
        "actor topics": actor_page.context["topics"][0][1],
        "stored count": master.statement_count,
        "desk count": desk.context["counts"]["statements"],
        "desk most quoted": quoted.get(master.pk),
        "desk chart": chart["All statements"],
        "desk topic line": chart["Harbours"],
        "csv": len(csv_rows(client, reverse("articles:statements"), speaker=master.slug)),
        "json": len(
            json.loads(b"".join(client.get(reverse("articles:statements"), {"format": "json"}).streaming_content))
        ),
        "atom": client.get(reverse("articles:statements"), {"format": "atom"}).content.decode().count("<entry>"),
        "actors csv": int(csv_rows(client, reverse("actors:list"))[0]["statements"]),
        "article list": client.get(reverse("articles:list")).context["page"].object_list[0].statement_count,
        "total": statement_total(),
    }


def test_rejecting_a_statement_changes_every_count(analyst_client, quotes):
    master = quotes[0].speaker
    assert set(figures(analyst_client, master).values()) == {3}

    quotes[1].status = Statement.Status.REJECTED
    quotes[1].save_analyst_edit(["status"], None)

    assert figures(analyst_client, master) == dict.fromkeys(figures(analyst_client, master), 2)
    page = analyst_client.get(reverse("articles:statements"), {"speaker": master.slug}).content.decode()
    assert QUOTES[1] not in page
    assert "2 statements" in page


def test_rejected_statements_are_listed_and_exported_when_asked_for(analyst_client, quotes):
    Statement.objects.filter(pk=quotes[1].pk).set_status_by_analyst(Statement.Status.REJECTED, None)
    url = reverse("articles:statements")

    rejected = analyst_client.get(url, {"status": "rejected"})
    assert [s.text for s in rejected.context["page"]] == [QUOTES[1]]
    assert [row["text"] for row in csv_rows(analyst_client, url, status="rejected")] == [QUOTES[1]]
    assert len(csv_rows(analyst_client, url, status="any")) == 3
    assert analyst_client.get(url, {"status": "nonsense"}).status_code == 400


def test_the_bulk_action_recounts_the_speaker_and_taking_it_back_counts_it_again(admin_client, quotes):
    master = quotes[0].speaker
    changelist = reverse("admin:articles_statement_changelist")
    admin_client.post(changelist, {"action": "mark_rejected", "_selected_action": [quotes[0].pk, quotes[2].pk]})
    master.refresh_from_db()
    assert master.statement_count == 1

    admin_client.post(changelist, {"action": "mark_verified", "_selected_action": [quotes[0].pk]})
    master.refresh_from_db()
    assert master.statement_count == 2
    assert Actor.objects.get(pk=master.pk).statement_count == Statement.objects.by(master).shown().count()


def assert_counts_right():
    for actor in Actor.objects.all():
        assert actor.statement_count == Statement.objects.counted().filter(speaker=actor).count(), actor.name


def test_ingest_keeps_rejected_statements_out_of_the_counts_when_pages_change_and_speakers_move(db):
    from .test_actor_resolution import BARE, TAMSIN, TOBIAS, store_story

    store_story(*TAMSIN)
    bare = store_story(*BARE)
    rejected = bare.statements.get()
    rejected.status = Statement.Status.REJECTED
    rejected.save_analyst_edit(["status"], None)
    tamsin = Actor.objects.get(name="Tamsin Brezhinsky")
    tamsin.refresh_from_db()
    assert (rejected.speaker, tamsin.statement_count) == (tamsin, 1)

    # Tobias makes "Brezhinsky" ambiguous: the rejected statement moves to an actor of its own, uncounted.
    store_story(*TOBIAS)
    rejected.refresh_from_db()
    assert rejected.speaker.name == "Brezhinsky"
    assert_counts_right()

    # The same page again, changed: still uncounted.
    store_story("bare", BARE[1], "Brezhinsky")
    assert_counts_right()
