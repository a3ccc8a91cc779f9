"""Splitting a wrongly merged actor (actors.evidence.split, the admin's "Split" action); it survives re-ingest."""

import pytest
from django.core.management import call_command

from actors.evidence import merge, split
from actors.models import Actor, ActorMerge, Alias
from articles import ingest
from articles.models import Article, Mention, Statement, Utterance
from tests.utterance_checks import assert_utterances_consistent

CHANGELIST = "/admin/actors/actor/"


def page(title, *paragraphs):
    return (title + "\n\n" + "\n\n".join(paragraphs) + "\n").encode()


def store(data, origin):
    result = ingest.ingest_bytes(data, name=f"{origin}.txt", origin=f"test:{origin}")
    assert result.outcome in (ingest.STORED, ingest.UPDATED), result.reason
    return Article.objects.get(pk=result.article_id)


VOLKHART = page(
    "Port authority opens a second grain terminal",
    "Transport Minister Irena Volkhart said on Monday that the second grain terminal at the northern port "
    "would open in August, doubling the harbour's capacity for the autumn harvest.",
    "Volkhart said the dredging of the channel had finished two weeks ahead of schedule.",
)
DROGIN = page(
    "Rail freight union threatens a strike over night shifts",
    "Union leader Pavel Drogin said on Tuesday that rail freight crews would stop work for two days next month "
    "unless the operator dropped its plan for longer night shifts.",
    "Drogin said talks with the operator had broken down after the third meeting.",
)


@pytest.fixture
def wrongly_merged(db):
    store(VOLKHART, "volkhart")
    store(DROGIN, "drogin")
    volkhart, drogin = Actor.objects.get(name="Irena Volkhart"), Actor.objects.get(name="Pavel Drogin")
    merge(volkhart, [drogin])
    volkhart.refresh_from_db()
    return volkhart


def drogin_keys(actor):
    return sorted(actor.aliases.filter(surname="drogin").values_list("pk", flat=True))


def test_splitting_moves_the_spellings_with_their_mentions_and_statements(wrongly_merged):
    volkhart = wrongly_merged
    article = Article.objects.get(origin="test:drogin")
    assert set(article.statements.values_list("speaker", flat=True)) == {volkhart.pk}

    drogin = split(volkhart, drogin_keys(volkhart), "Pavel Drogin")

    assert drogin.name == "Pavel Drogin"
    assert set(drogin.aliases.values_list("key", flat=True)) == {"pavel drogin", "drogin"}
    assert set(article.statements.values_list("speaker", flat=True)) == {drogin.pk}
    assert list(Mention.objects.filter(article=article).values_list("actor", flat=True)) == [drogin.pk]
    volkhart.refresh_from_db()
    drogin.refresh_from_db()
    assert (volkhart.article_count, volkhart.statement_count) == (1, Statement.objects.filter(speaker=volkhart).count())
    assert (drogin.article_count, drogin.statement_count) == (1, 2)
    assert not ActorMerge.objects.exists()


def test_a_split_survives_re_ingest_and_deciding_again(wrongly_merged):
    volkhart = wrongly_merged
    drogin = split(volkhart, drogin_keys(volkhart))

    changed = store(DROGIN + b"\nDrogin said the union would meet again on Friday.\n", "drogin")
    store(VOLKHART + b"\nVolkhart said the terminal would also take containers.\n", "volkhart")
    call_command("resolve_actors", verbosity=0)

    assert Actor.objects.get(pk=drogin.pk).name == "Pavel Drogin"
    assert set(changed.statements.values_list("speaker", flat=True)) == {drogin.pk}
    assert list(changed.mentions.values_list("actor", flat=True)) == [drogin.pk]
    assert Alias.objects.get(key="pavel drogin").actor_id == drogin.pk
    assert Alias.objects.get(key="irena volkhart").actor_id == volkhart.pk
    assert not Actor.objects.get(pk=volkhart.pk).mentions.filter(article=changed).exists()


def test_a_split_leaves_an_analysts_corrected_speaker(wrongly_merged):
    volkhart = wrongly_merged
    corrected = Statement.objects.filter(article__origin="test:drogin").first()
    Statement.objects.filter(pk=corrected.pk).reassign_speaker_by_analyst(volkhart)

    split(volkhart, drogin_keys(volkhart))

    assert Statement.objects.get(pk=corrected.pk).speaker_id == volkhart.pk


def test_a_split_takes_the_utterances_of_the_moved_statements_along(wrongly_merged):
    volkhart = wrongly_merged
    # Drogin's remarks, started while he was an actor of his own, went to Volkhart with the merge.
    remarks = set(Statement.objects.filter(article__origin="test:drogin").values_list("utterance", flat=True))
    assert set(Utterance.objects.filter(pk__in=remarks).values_list("speaker", flat=True)) == {volkhart.pk}

    drogin = split(volkhart, drogin_keys(volkhart))

    # The same utterances (their pages, their pins), Drogin's again.
    assert set(Statement.objects.filter(article__origin="test:drogin").values_list("utterance", flat=True)) == remarks
    assert set(Utterance.objects.filter(pk__in=remarks).values_list("speaker", flat=True)) == {drogin.pk}
    assert_utterances_consistent()


def test_a_split_parts_an_utterance_whose_statements_go_to_both_actors(wrongly_merged):
    volkhart = wrongly_merged
    # Another outlet's copy under its own headline: its statements join the original's utterances.
    store(DROGIN.replace(b"Rail freight union threatens", b"Rail crews may walk out:"), "drogin-copy")
    copied = Statement.objects.get(article__origin="test:drogin-copy", text__contains="talks with the operator")
    shared = copied.utterance
    assert shared.statements.count() == 2
    # An analyst says this copy's words are Volkhart's: the split leaves it with her.
    Statement.objects.filter(pk=copied.pk).reassign_speaker_by_analyst(volkhart)

    drogin = split(volkhart, drogin_keys(volkhart))

    original = Statement.objects.get(article__origin="test:drogin", text__contains="talks with the operator")
    copied.refresh_from_db()
    assert (copied.speaker_id, copied.utterance_id) == (volkhart.pk, shared.pk)
    assert original.speaker_id == drogin.pk
    assert original.utterance_id != shared.pk
    assert original.utterance.speaker_id == drogin.pk
    assert_utterances_consistent()


@pytest.mark.parametrize("which", ["none", "all"])
def test_a_split_needs_some_spellings_but_not_all(wrongly_merged, which):
    volkhart = wrongly_merged
    ids = [] if which == "none" else list(volkhart.aliases.values_list("pk", flat=True))

    with pytest.raises(ValueError, match="Choose the spellings|Leave at least one"):
        split(volkhart, ids)


def test_the_admin_action_asks_which_spellings_then_splits(admin_client, wrongly_merged):
    volkhart = wrongly_merged

    asked = admin_client.post(CHANGELIST, {"action": "split_actor", "_selected_action": [volkhart.pk]})
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "Split Irena Volkhart" in html
    assert all(f'name="alias" value="{pk}"' in html for pk in volkhart.aliases.values_list("pk", flat=True))

    done = admin_client.post(
        CHANGELIST,
        {
            "action": "split_actor",
            "_selected_action": [volkhart.pk],
            "confirm": "yes",
            "alias": drogin_keys(volkhart),
            "name": "Pavel Drogin",
        },
        follow=True,
    )
    assert "Moved " in done.content.decode()
    drogin = Actor.objects.get(name="Pavel Drogin")
    assert drogin.pk != volkhart.pk
    assert Statement.objects.filter(speaker=drogin).count() == 2
    assert set(Utterance.objects.filter(statements__speaker=drogin).values_list("speaker", flat=True)) == {drogin.pk}
    assert_utterances_consistent()


def test_the_admin_action_takes_one_actor(admin_client, wrongly_merged, make_actor):
    other = make_actor("Somebody Else")

    response = admin_client.post(
        CHANGELIST, {"action": "split_actor", "_selected_action": [wrongly_merged.pk, other.pk]}, follow=True
    )

    assert "Select one actor to split." in response.content.decode()
