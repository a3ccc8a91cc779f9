"""Bodies whose names open with a word that looks like something else: a common word after a noun for a
body ("the whale rescue group Harbour Watch"), a word of another language in an English text ("Con
Veltro"), a body owned by another ("Tollan's Quarry Center"); and a name with a rare given name first
that the text shows to be a body's ("Con Veltro officials", "Con Veltro, which runs ..."). Invented
names; no database.
"""

import pytest

from articles.extraction.analysis import analyse
from articles.extraction.page import ExtractedPage


def actors(body):
    page = analyse(ExtractedPage(title=None, body=body, author=None))
    return {a.name: a for a in page.actors}


BODIES = [
    pytest.param(
        "There were 140 strandings this season, according to whale rescue group Harbour Watch.",
        "Harbour Watch",
        id="a-common-word-after-a-noun-for-a-body",
    ),
    pytest.param(
        "The geophysicist Dara Mensah, co-director of VKT’s Quarry Center, was preparing a talk.",
        "Quarry Center",
        id="a-body-owned-by-another",
    ),
    pytest.param(
        "The geophysicist Dara Mensah, co-director of VKT’s Quarry Center, was preparing a talk.",
        "VKT",
        id="the-owner-of-a-body",
    ),
    pytest.param(
        "For days after a storm, Con Veltro officials say, they deal with fires. Con Veltro, which maintains "
        "4,300 miles of mains, records 500 leaks a year.",
        "Con Veltro",
        id="a-bodys-people-and-which",
    ),
]


@pytest.mark.parametrize(("body", "name"), BODIES)
def test_a_body_named_with_a_misleading_first_word_is_an_organisation(body, name):
    found = actors(body)
    assert name in found
    assert found[name].kind == "organisation"


PEOPLE = [
    # A noun for a body before a person's name: the person is the subject of the clause.
    pytest.param(
        "Non-college voters are a group Dara Mensah won by two points.", "Dara Mensah", id="a-group-a-person-won"
    ),
    pytest.param(
        "The party's donors include New York Jets owner Tobin Veltro and others.",
        "Tobin Veltro",
        id="an-owner-is-a-person",
    ),
    # "which" alone, or a body's people alone, is no sign: a person is taken up by "which" when the clause is
    # about what was said of them.
    pytest.param(
        "Officials met Con Veltro on Monday. Con Veltro, which surprised many, stayed for an hour.",
        "Con Veltro",
        id="which-alone",
    ),
]


@pytest.mark.parametrize(("body", "name"), PEOPLE)
def test_a_person_is_not_made_a_body(body, name):
    found = actors(body)
    assert name not in found or found[name].kind == "person"


def test_a_word_of_another_language_opens_a_sentence_only_in_that_language():
    # "con" is Spanish for "with": in a Spanish text it opens the sentence, in an English text a name.
    spanish = actors("Con Marta Veltro habló el ministro durante una hora con los periodistas.")
    english = actors("The MIT study, led by Dara Mensah, was published on Monday. MIT said it would go on.")
    assert "Con Marta Veltro" not in spanish
    assert "MIT" in english


MORE_BODIES = [
    pytest.param(
        "O técnico levou a taça, conquistada pelo Tollanians, ao ex-presidente. Na ocasião, representantes do "
        "Tollanians foram ao instituto.",
        "Tollanians",
        id="a-club-named-like-a-plural-after-a-singular-article",
    ),
    pytest.param(
        "La adquisición de Quarlo Games por Brevixo es una muestra de esta tendencia.",
        "Brevixo",
        id="the-buyer-in-an-acquisition",
    ),
    pytest.param("The acquisition of Quarlo Games by Brevixo closed on Friday.", "Brevixo", id="the-buyer-in-english"),
    pytest.param(
        "谷歌在2014年收购的人工智能公司VelloqMind开发出一款计算机。", "VelloqMind", id="a-name-inside-chinese"
    ),
]


@pytest.mark.parametrize(("body", "name"), MORE_BODIES)
def test_a_body_is_found_by_what_its_language_says_of_it(body, name):
    found = actors(body)
    assert name in found
    assert found[name].kind == "organisation"


@pytest.mark.parametrize(
    ("body", "word"),
    [
        # A plural after a plural article is a group of people.
        pytest.param("O ministro falou com os Tollanians durante a visita.", "Tollanians", id="a-plural-article"),
        # A person who buys is a person: a given name first.
        pytest.param(
            "The purchase of Quarlo Farms by Dana Vell closed on Friday, Vell said.", "Dana Vell", id="a-person-buys"
        ),
    ],
)
def test_no_body_without_its_sign(body, word):
    found = actors(body)
    assert word not in found or found[word].kind == "person"
