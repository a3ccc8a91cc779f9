"""One actor per real person across articles, and the admin's merge action for what the machine split."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.evidence import merge
from actors.models import Actor, ActorMerge, Alias
from articles import ingest
from articles.models import Article, Mention, Statement, Utterance

WATCHLIST = Path(__file__).resolve().parent.parent / "fixtures" / "watchlist.json"
CHANGELIST = "/admin/actors/actor/"


def page(title, *paragraphs):
    return (title + "\n\n" + "\n\n".join(paragraphs) + "\n").encode()


def store(data, origin):
    result = ingest.ingest_bytes(data, name=f"{origin}.txt", origin=f"test:{origin}")
    assert result.outcome in (ingest.STORED, ingest.UPDATED), result.reason
    return Article.objects.get(pk=result.article_id)


KOVALSKIY = page(
    "Kyiv asks for more air defence before the winter",
    "Ukrainian Defence Minister Mykola Kovalskiy said on Monday that Kyiv needed four more air defence "
    "batteries before the winter, after a week of heavy strikes on power stations across the country.",
    "Kovalskiy said the request had been sent to allies in Washington and Berlin.",
)
KOVALSKYY = page(
    "Allies weigh Kyiv's request for batteries",
    "Allied defence ministers met in Brussels on Tuesday to discuss a request from Kyiv for more air defence "
    "batteries, a day after Ukraine's defence minister presented a list of needs.",
    "Mykola Kovalskyy told the ministers that every battery would protect a city of a million people, and "
    "Kovalskyy said the list had been agreed with the general staff.",
)


def test_articles_spelling_one_person_differently_share_one_actor_without_a_watchlist(db):
    assert not Actor.objects.exists()

    first = store(KOVALSKIY, "kovalskiy")
    second = store(KOVALSKYY, "kovalskyy")

    actor = Actor.objects.get(aliases__key="mykola kovalskiy")
    assert actor.name == "Mykola Kovalsky"
    assert set(actor.aliases.values_list("name", flat=True)) >= {"Mykola Kovalskiy", "Mykola Kovalskyy", "Kovalskyy"}
    assert set(Mention.objects.filter(actor=actor).values_list("article", flat=True)) == {first.pk, second.pk}
    # Every reported statement of both pages, whichever spelling introduced it.
    assert Statement.objects.filter(speaker=actor).count() == 4


ZELENSKYY = page(
    "Zelenskyy asks allies for air defence",
    "President Volodymyr Zelenskyy asked allies on Monday for more air defence systems, saying that Russia had "
    "launched more than 400 drones at Ukrainian cities over the weekend.",
    "Zelenskyy said he would raise the request at the summit in June.",
)


def test_the_watchlist_is_optional(db):
    store(ZELENSKYY, "without-watchlist")

    actor = Actor.objects.get(aliases__key="volodymyr zelenskyy")
    assert actor.name == "Volodymyr Zelensky"
    assert actor.statements.count() == 2


def test_the_watchlist_preloads_actors_that_ingest_then_finds(db):
    call_command("loaddata", WATCHLIST, verbosity=0)
    known = Actor.objects.get(name="Volodymyr Zelensky")

    store(ZELENSKYY, "with-watchlist")

    assert known.statements.count() == 2
    assert not Actor.objects.filter(name__icontains="zelensk").exclude(pk=known.pk).exists()


ROOS = page(
    "Finland keeps its border closed",
    "Finnish Prime Minister Anneli Roos said on Friday that the border with Russia would stay closed through "
    "the winter, after a new wave of migrants was sent towards the crossings.",
    "Roos said the decision would be reviewed in the spring.",
)
ANNI = page(
    "Helsinki and Tallinn agree on joint border patrols",
    "Finland and Estonia agreed on Thursday to run joint patrols on the Gulf of Finland, after two cables "
    "were damaged on the seabed in the winter.",
    "Finnish Prime Minister Anni Roos said the patrols would start in March and would include ships from both navies.",
    "The plan was first proposed by Anneli Roos's government in the autumn.",
)


@pytest.fixture
def split_actor(db):
    """The same prime minister, under her name and a nickname the machine cannot fold."""
    store(ROOS, "roos")
    store(ANNI, "anni")
    kept = Actor.objects.get(name="Anneli Roos")
    other = Actor.objects.get(name="Anni Roos")
    return kept, other


def test_the_merge_action_asks_which_actor_to_keep(admin_client, split_actor):
    kept, other = split_actor

    response = admin_client.post(CHANGELIST, {"action": "merge_actors", "_selected_action": [kept.pk, other.pk]})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Merge actors" in html
    assert f'value="{kept.pk}"' in html and f'value="{other.pk}"' in html
    assert Actor.objects.filter(pk=other.pk).exists()


def test_merging_moves_statements_mentions_and_aliases_and_records_the_merge(admin_client, admin_user, split_actor):
    kept, other = split_actor
    anni = Article.objects.get(origin="test:anni")
    kept_in_anni = Mention.objects.get(article=anni, actor=kept).count
    other_in_anni = Mention.objects.get(article=anni, actor=other).count
    other_statements = set(other.statements.values_list("pk", flat=True))
    assert other_statements

    response = admin_client.post(
        CHANGELIST,
        {"action": "merge_actors", "_selected_action": [kept.pk, other.pk], "confirm": "yes", "kept": kept.pk},
    )

    assert response.status_code == 302
    assert not Actor.objects.filter(pk=other.pk).exists()
    assert other_statements <= set(kept.statements.values_list("pk", flat=True))
    assert Mention.objects.get(article=anni, actor=kept).count == kept_in_anni + other_in_anni
    assert Alias.objects.get(key="anni roos").actor == kept
    merge = ActorMerge.objects.get()
    assert (merge.kept, merge.merged_name, merge.merged_by) == (kept, "Anni Roos", admin_user)
    assert "Anni Roos" in merge.aliases
    assert merge.statements_moved == len(other_statements)


def test_merging_moves_the_utterances_with_the_statements(split_actor):
    kept, other = split_actor
    theirs = set(other.utterances.values_list("pk", flat=True))
    assert theirs

    merge(kept, [other])

    assert theirs <= set(kept.utterances.values_list("pk", flat=True))
    assert not Utterance.objects.filter(speaker__isnull=True).exists()


def test_a_merge_survives_re_ingest(admin_client, split_actor):
    kept, other = split_actor
    admin_client.post(
        CHANGELIST,
        {"action": "merge_actors", "_selected_action": [kept.pk, other.pk], "confirm": "yes", "kept": kept.pk},
    )

    # A changed page from the same origin is extracted and stored again.
    store(ANNI + b"\nFinnish Prime Minister Anni Roos said the patrols would cost little.\n", "anni")

    assert not Actor.objects.filter(name="Anni Roos").exists()
    anni = Article.objects.get(origin="test:anni")
    assert set(anni.statements.values_list("speaker", flat=True)) == {kept.pk}
    assert list(anni.mentions.values_list("actor", flat=True)) == [kept.pk]


def test_the_actor_page_shows_aliases_and_merges(admin_client, split_actor):
    kept, other = split_actor
    merge(kept, [other])

    html = admin_client.get(f"{CHANGELIST}{kept.pk}/change/").content.decode()

    assert "Anni Roos" in html
    assert "Merged into this actor" in html


def test_merging_needs_two_actors(admin_client, split_actor):
    kept, _ = split_actor

    response = admin_client.post(CHANGELIST, {"action": "merge_actors", "_selected_action": [kept.pk]}, follow=True)

    assert "Select at least two actors to merge." in response.content.decode()
    assert Actor.objects.count() >= 2


def test_the_actor_admin_lists_the_stored_counts_without_counting_joins(
    admin_client, make_actor, make_article, make_statement
):
    rutte = make_actor("Mark Rutte")
    for n in range(3):
        article = make_article(f"Article {n}", body="Rutte said: We meet.", actors=[rutte])
        make_statement(article, f"We meet {n}.", speaker=rutte)

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get("/admin/actors/actor/")

    row = response.context["cl"].result_list[0]
    assert (row.article_count, row.statement_count, row.n_aliases) == (3, 3, 1)
    assert not [q["sql"] for q in queries if "COUNT(DISTINCT" in q["sql"].upper()]


def test_the_merge_list_links_the_kept_actor_by_its_admin_url(admin_client, make_actor):
    kept, other = make_actor("Mark Rutte"), make_actor("Kaja Kallas")
    merge(kept, [other])

    html = admin_client.get("/admin/actors/actormerge/").content.decode()

    assert f'href="/admin/actors/actor/{kept.pk}/change/"' in html
