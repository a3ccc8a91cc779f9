"""A database from before actor evidence was kept gets it from what it stores, and keeps its actors."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import F

BEFORE = [("actors", "0004_actor_counts"), ("articles", "0013_statement_sources_and_topic_languages")]
AFTER = [("actors", "0005_evidence"), ("articles", "0014_statement_sighting_evidence")]


@pytest.fixture
def old_schema(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor.loader.project_state(BEFORE).apps
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_stored_mentions_and_speakers_become_evidence_and_merges_stay_the_analysts(old_schema):
    apps = old_schema
    Actor, Alias, ActorMerge = (apps.get_model("actors", m) for m in ("Actor", "Alias", "ActorMerge"))
    Article, Mention, Statement = (apps.get_model("articles", m) for m in ("Article", "Mention", "Statement"))

    def actor(name, kind="person", aliases=()):
        made = Actor.objects.create(name=name, slug=name.lower().replace(" ", "-"), kind=kind, role="")
        for spelling in (name, *aliases):
            Alias.objects.create(actor=made, name=spelling, key=spelling.casefold(), surname="")
        return made

    tamsin = actor("Tamsin Brezhinsky", aliases=["Brezhinsky"])
    tobias = actor("Tobias Brezhinsky")
    lyrovia = actor("Lyrovia", kind="organisation")
    kept = actor("Anneli Roos", aliases=["Anni Roos"])
    ActorMerge.objects.create(kept=kept, merged_name="Anni Roos", merged_key="anni roos", aliases=["Anni Roos"])
    articles = [
        Article.objects.create(origin=f"old:{i}", body="Old text.", content_hash=f"h{i}", extractor_version="2")
        for i in range(3)
    ]
    Mention.objects.create(article=articles[0], actor=tamsin, count=2)
    Mention.objects.create(article=articles[0], actor=lyrovia, count=1)
    Mention.objects.create(article=articles[1], actor=tobias, count=1)
    Mention.objects.create(article=articles[2], actor=kept, count=1)
    Statement.objects.create(article=articles[0], speaker=tamsin, text="Words.", fingerprint="a")
    # A speaker the article does not mention.
    Statement.objects.create(article=articles[1], speaker=tamsin, text="More words.", fingerprint="b")
    for made in (tamsin, tobias, lyrovia, kept):
        made.article_count = Mention.objects.filter(actor=made).count()
        made.statement_count = Statement.objects.filter(speaker=made).count()
        made.save()

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Sighting, Spelling = apps.get_model("actors", "Sighting"), apps.get_model("actors", "Spelling")
    Alias, Statement = apps.get_model("actors", "Alias"), apps.get_model("articles", "Statement")

    assert sorted(Sighting.objects.values_list("article__origin", "name", "kind", "count")) == [
        ("old:0", "Lyrovia", "organisation", 1),
        ("old:0", "Tamsin Brezhinsky", "person", 2),
        ("old:1", "Tamsin Brezhinsky", "person", 0),
        ("old:1", "Tobias Brezhinsky", "person", 1),
        ("old:2", "Anneli Roos", "person", 1),
    ]
    assert not Statement.objects.filter(sighting=None).exists()
    assert not Statement.objects.exclude(sighting__actor_id=F("speaker_id")).exists()
    tallies = {s.name: (s.person, s.organisation, s.seen) for s in Spelling.objects.all()}
    assert tallies["Tamsin Brezhinsky"] == (2, 0, 0)
    assert tallies["Brezhinsky"] == (0, 0, 1)  # her other spelling, seen once
    assert dict(Alias.objects.values_list("name", "origin"))["Anni Roos"] == "analyst"
    assert dict(Alias.objects.values_list("name", "origin"))["Brezhinsky"] == "pages"

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    out = StringIO()
    call_command("resolve_actors", stdout=out)

    # Deciding from that evidence: the surname two people share is neither's; the merge holds.
    from actors.models import Actor as NowActor
    from actors.models import Alias as NowAlias

    assert "aliases written" in out.getvalue()
    assert not NowAlias.objects.filter(name="Brezhinsky").exists()
    assert NowAlias.objects.get(name="Anni Roos").actor.name == "Anneli Roos"
    assert NowActor.objects.get(name="Anneli Roos").pk == kept.pk  # the merge's actor, kept
    # Migrating to the latest also fills the role registry (actors 0007) with actors of its own.
    ours = NowActor.objects.filter(roles_held=None, roles_in=None)
    assert sorted(ours.values_list("name", "article_count", "statement_count")) == [
        ("Anneli Roos", 1, 0),
        ("Lyrovia", 1, 0),
        ("Tamsin Brezhinsky", 1, 2),
        ("Tobias Brezhinsky", 1, 0),
    ]
    check = StringIO()
    call_command("resolve_actors", "--check", stdout=check)
    assert "nothing to change" in check.getvalue()
