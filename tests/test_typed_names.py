"""Actor filters take what an analyst types: a name or any spelling, as well as a slug (actors.lookup)."""

from datetime import date

import pytest

from actors.evidence import merge
from actors.models import Actor, Alias
from articles.filters import ArticleFilter, StatementFilter
from articles.models import Article, Statement


@pytest.fixture
def coverage(make_actor, make_article, make_statement):
    rutte = make_actor("Mark Rutte")
    rutte.add_alias("Rutte")
    tallinn = make_actor("Tallinn")
    talk = make_article("Rutte in Tallinn", body="“We stand together,” Rutte said.", actors=[rutte, tallinn])
    make_statement(talk, "We stand together,", speaker=rutte)
    make_article("Tallinn alone", published=date(2025, 6, 1), actors=[tallinn])
    return {"rutte": rutte, "talk": talk}


def titles(response):
    return [article.title for article in response.context["page"]]


def test_a_typed_name_gives_what_the_slug_gives(analyst_client, coverage):
    by_slug = analyst_client.get("/articles/", {"actor": "mark-rutte"})
    by_name = analyst_client.get("/articles/", {"actor": "Mark Rutte"})

    assert by_name.status_code == 200
    assert titles(by_name) == titles(by_slug) == ["Rutte in Tallinn"]


@pytest.mark.parametrize("typed", ["mark rutte", "MARK RUTTE", "Rutte", "Rutte's", "Mark  Rutte"])
def test_case_spacing_possessives_and_aliases_resolve(coverage, typed):
    rows = ArticleFilter({"actor": [typed]}, queryset=Article.objects.all()).qs

    assert [a.title for a in rows] == ["Rutte in Tallinn"]


def test_the_typed_name_is_kept_in_the_form_as_the_actors_slug(analyst_client, coverage):
    html = analyst_client.get("/articles/", {"actor": "Mark Rutte"}).content.decode()

    assert 'name="actor" value="mark-rutte" checked' in html


def test_a_speaker_can_be_typed_on_the_statement_list(analyst_client, coverage):
    response = analyst_client.get("/statements/", {"speaker": "mark rutte"})

    assert response.status_code == 200
    assert [s.text for s in response.context["page"]] == ["We stand together,"]


def test_a_merged_spelling_finds_the_kept_actor(coverage, make_actor):
    rutte = coverage["rutte"]
    duplicate = make_actor("M. Rutte-Duplicate")
    merge(rutte, [duplicate])

    rows = StatementFilter({"speaker": ["M. Rutte-Duplicate"]}, queryset=Statement.objects.all()).qs

    assert [s.speaker for s in rows] == [rutte]


def test_an_ambiguous_name_lists_the_choices_as_links(analyst_client, coverage, make_actor, make_article):
    Alias.objects.filter(key="rutte").delete()  # no longer pinned to Mark Rutte: the surname alone fits two
    anna = make_actor("Anna Rutte")
    make_article("Anna Rutte writes", actors=[anna])

    response = analyst_client.get("/articles/", {"actor": "rutte", "topic": "summit"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "“rutte” could be any of: " in html
    assert '<a href="?actor=mark-rutte&amp;topic=summit">Mark Rutte</a>' in html
    assert '<a href="?actor=anna-rutte&amp;topic=summit">Anna Rutte</a>' in html


def test_a_name_that_fits_nobody_says_so(analyst_client, coverage):
    response = analyst_client.get("/articles/", {"actor": "Nobody Known"})

    assert response.status_code == 400
    assert "There is no actor “Nobody Known”." in response.content.decode()


def test_a_hidden_actor_cannot_be_found_by_name(analyst_client, coverage):
    Actor.objects.filter(pk=coverage["rutte"].pk).update(suppressed=True)

    response = analyst_client.get("/articles/", {"actor": "Mark Rutte"})

    assert response.status_code == 400
