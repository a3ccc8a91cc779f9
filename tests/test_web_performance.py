"""What keeps the analyst pages fast stays correct: stored actor counts, the slim actor filter, the desk cache."""

from datetime import date

import pytest
from django.db import connection

from actors.evidence import merge
from actors.models import Actor
from articles import ingest
from articles.models import Article, Mention, Statement
from articles.storing import delete_articles
from tests.pages import article_html


def counts(*actors):
    return [tuple(Actor.objects.filter(pk=a.pk).values_list("article_count", "statement_count").get()) for a in actors]


def true_counts(actor):
    return (Mention.objects.filter(actor=actor).count(), Statement.objects.filter(speaker=actor).count())


@pytest.fixture
def rutte_and_kallas(make_actor, make_article, make_statement):
    rutte, kallas = make_actor("Mark Rutte"), make_actor("Kaja Kallas")
    first = make_article("First", body="Rutte said: We meet.", actors=[rutte, kallas])
    second = make_article("Second", body="Rutte said: We agree.", actors=[rutte])
    make_statement(first, "We meet.", speaker=rutte)
    make_statement(second, "We agree.", speaker=rutte)
    make_statement(second, "Unattributed.")
    return {"rutte": rutte, "kallas": kallas, "first": first, "second": second}


def test_it_counts_mentions_and_statements_as_rows_are_created(rutte_and_kallas):
    assert counts(rutte_and_kallas["rutte"], rutte_and_kallas["kallas"]) == [(2, 2), (1, 0)]


def test_it_recounts_when_a_statement_changes_speaker_or_goes(rutte_and_kallas):
    rutte, kallas = rutte_and_kallas["rutte"], rutte_and_kallas["kallas"]
    statement = Statement.objects.get(text="We meet.")

    statement.speaker = kallas
    statement.save()
    assert counts(rutte, kallas) == [(2, 1), (1, 1)]

    statement.delete()
    assert counts(rutte, kallas) == [(2, 1), (1, 0)]

    Statement.objects.filter(speaker=rutte).delete()
    assert counts(rutte) == [(2, 0)]


def test_it_recounts_after_an_analyst_reassigns_speakers(rutte_and_kallas):
    rutte, kallas = rutte_and_kallas["rutte"], rutte_and_kallas["kallas"]

    Statement.objects.filter(speaker=rutte).reassign_speaker_by_analyst(kallas)

    assert counts(rutte, kallas) == [(2, 0), (1, 2)]


def test_it_recounts_after_articles_are_deleted_one_or_many(rutte_and_kallas):
    rutte, kallas = rutte_and_kallas["rutte"], rutte_and_kallas["kallas"]

    delete_articles([rutte_and_kallas["first"].pk])
    assert counts(rutte, kallas) == [(1, 1), (0, 0)]

    delete_articles(Article.objects.all())
    assert counts(rutte) == [(0, 0)]


def test_a_plain_delete_of_articles_is_refused_so_no_count_goes_stale(rutte_and_kallas):
    with pytest.raises(TypeError, match="delete_articles"):
        rutte_and_kallas["first"].delete()
    with pytest.raises(TypeError, match="delete_articles"):
        Article.objects.all().delete()

    assert Article.objects.count() == 2


def test_the_admin_delete_action_recounts_the_actors(admin_client, rutte_and_kallas):
    rutte, kallas = rutte_and_kallas["rutte"], rutte_and_kallas["kallas"]

    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [rutte_and_kallas["first"].pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert not Article.objects.filter(pk=rutte_and_kallas["first"].pk).exists()
    assert counts(rutte, kallas) == [(1, 1), (0, 0)]


def test_it_recounts_after_a_merge(rutte_and_kallas):
    rutte, kallas = rutte_and_kallas["rutte"], rutte_and_kallas["kallas"]

    merge(rutte, [kallas])

    assert counts(rutte) == [(2, 2)]
    assert counts(rutte) == [true_counts(rutte)]


def test_ingest_keeps_the_counts_of_the_actors_a_page_names_and_drops(db, tmp_path):
    page = tmp_path / "ministers.html"
    page.write_bytes(article_html())
    ingest.ingest_file(page)
    named = list(Actor.objects.filter(mentions__isnull=False).distinct())
    assert named
    assert [counts(a)[0] for a in named] == [true_counts(a) for a in named]

    page.write_bytes(article_html(sentence="The talks resumed in Vienna after a pause of several weeks."))
    ingest.ingest_file(page)

    actors = list(Actor.objects.all())
    assert [counts(a)[0] for a in actors] == [true_counts(a) for a in actors]


def test_the_actor_filter_lists_only_the_chosen_actors(analyst_client, rutte_and_kallas):
    html = analyst_client.get("/articles/", {"actor": "mark-rutte"}).content.decode()

    assert 'value="mark-rutte" checked' in html
    assert "kaja-kallas" not in html.split('class="results"')[0]
    assert 'data-suggest="/actors/suggest.json"' in html


def test_suggestions_match_the_start_of_a_name_most_quoted_first(analyst_client, rutte_and_kallas, make_actor):
    make_actor("Karl Marx")

    response = analyst_client.get("/actors/suggest.json", {"q": "ka"})

    assert [a["slug"] for a in response.json()["actors"]] == ["kaja-kallas", "karl-marx"]
    assert analyst_client.get("/actors/suggest.json", {"q": "rut"}).json()["actors"][0]["name"] == "Mark Rutte"


def test_suggestions_need_a_login(client, db):
    assert client.get("/actors/suggest.json", {"q": "ka"}).status_code == 302


def test_the_desk_counts_every_statement_and_sees_new_articles_at_once(analyst_client, rutte_and_kallas, make_article):
    first = analyst_client.get("/")
    make_article("Third", published=date(2025, 6, 25))
    second = analyst_client.get("/")

    assert first.context["counts"]["statements"] == Statement.objects.count() == 3
    assert sum(first.context["timeline"].series[0].values) == 2
    assert sum(second.context["timeline"].series[0].values) == 3


def test_the_unfiltered_statement_list_counts_without_count_star(analyst_client, rutte_and_kallas):
    page = analyst_client.get("/statements/").context["page"]

    assert page.paginator.count == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored search vector is PostgreSQL's")
def test_the_database_keeps_the_stored_search_vector_in_step(rutte_and_kallas):
    article = rutte_and_kallas["first"]
    article.body = "Negotiators discussed an embargo on grain."
    article.save()

    assert list(Article.objects.search("embargoes")) == [article]
    assert list(Statement.objects.search("agree")) == [Statement.objects.get(text="We agree.")]


def test_statements_carry_their_articles_date_as_it_changes(rutte_and_kallas):
    article = rutte_and_kallas["second"]
    assert set(article.statements.values_list("published", flat=True)) == {article.published}

    article.published = None
    article.save()

    assert set(article.statements.values_list("published", flat=True)) == {None}
    assert list(Statement.objects.newest_first())[-2:] == list(article.statements.order_by("position"))


def test_ingest_dates_the_statements_it_stores(db, tmp_path):
    page = tmp_path / "ministers.html"
    page.write_bytes(article_html())

    article = Article.objects.get(pk=ingest.ingest_file(page).article_id)

    assert article.statements.exists()
    assert set(article.statements.values_list("published", flat=True)) == {article.published}


def test_a_deep_page_holds_the_same_rows_as_slicing_the_list(analyst_client, make_article):
    for i in range(30):
        make_article(f"Article {i}", published=date(2025, 1, 1 + i % 28))

    page = analyst_client.get("/articles/", {"per_page": 10, "page": 3}).context["page"]

    assert [a.pk for a in page.object_list] == [a.pk for a in Article.objects.newest_first()[20:30]]
    assert all(hasattr(a, "statement_count") for a in page.object_list)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL's")
def test_a_search_page_counts_its_matches_in_the_query_that_ranks_them(analyst_client, make_article):
    for i in range(30):
        make_article(f"Talks {i}", body="An embargo on grain. " * (i % 4 + 1) + f"Round {i}.")
    ranked = [a.pk for a in Article.objects.search("embargo")]

    page = analyst_client.get("/articles/", {"q": "embargo", "per_page": 10, "page": 2}).context["page"]
    past_the_end = analyst_client.get("/articles/", {"q": "embargo", "per_page": 10, "page": 9}).context["page"]

    assert page.paginator.count == 30
    assert [a.pk for a in page.object_list] == ranked[10:20]
    assert all("\ue000" in a.snippet for a in page.object_list)
    assert past_the_end.number == 3
    assert [a.pk for a in past_the_end.object_list] == ranked[20:30]
