"""Companies named only through what they make: a maker's word before a product's model number, or a
word that opens two product names and is written alone before a word for what it makes. Invented names
and sentences; no database.
"""

import pytest

from articles.extraction.analysis import analyse
from articles.extraction.page import ExtractedPage


def actors(body):
    page = analyse(ExtractedPage(title=None, body=body, author=None))
    return {a.name: a for a in page.actors}


MAKERS = [
    pytest.param(
        "My test rig runs a Quorvex Core q9 6120k CPU with 32GB of memory.", "Quorvex", id="a-model-with-digits"
    ),
    pytest.param("The card is a ZENTRO RTX 4070 with 12GB of its own memory.", "ZENTRO", id="a-series-and-its-number"),
    pytest.param("L’Avelair B420 affrété par l’État s’est posé à 6h.", "Avelair", id="an-elided-article-first"),
    pytest.param(
        "The film mixes in Sonvaro Spatial and grades in Sonvaro Vivid. It would be nice to pay less for Sonvaro "
        "features on a console.",
        "Sonvaro",
        id="a-line-of-products",
    ),
]


@pytest.mark.parametrize(("body", "name"), MAKERS)
def test_a_maker_named_by_its_products_is_an_organisation(body, name):
    found = actors(body)
    assert name in found
    assert found[name].kind == "organisation"


NOT_MAKERS = [
    # A number alone is how many things are named.
    pytest.param("The Vellmar 737 entered service in 1968 with a new wing.", "Vellmar", id="a-number-alone"),
    # A craft's own name and its serial, with no product word between.
    pytest.param(
        "The Zarnica MS-07 cargo ship broke up over the ocean on Thursday.", "Zarnica", id="a-serial-after-a-name"
    ),
    # A common word of the page is no maker: "level" is written in lower case.
    pytest.param("Players reach Level B12 after the second boss, the hardest level.", "Level", id="a-common-word"),
    # A misspelt name is one person, not two products; a people takes the article.
    pytest.param(
        "Tarvos Aldane and Tarvos Aldanne fought the Tarvos technologies of the old world. The Tarvos left.",
        "Tarvos",
        id="a-name-misspelt-and-a-people",
    ),
]


@pytest.mark.parametrize(("body", "word"), NOT_MAKERS)
def test_no_maker_without_a_model_or_a_line_of_products(body, word):
    assert word not in actors(body)


def test_the_products_of_a_line_are_not_actors():
    body = (
        "The film mixes in Sonvaro Spatial and grades in Sonvaro Vivid. Microsoft also adds Spatial support on the "
        "console, and it would be nice to pay less for Sonvaro features."
    )
    found = actors(body)
    assert "Sonvaro Spatial" not in found
    assert "Spatial" not in found


def test_a_maker_named_by_the_tier_of_its_service_is_an_organisation():
    body = (
        "Velloq ha dado a conocer que Velloq Lite llegará a 24 nuevos países. Velloq Lite es la versión ligera de "
        "la aplicación."
    )
    found = actors(body)
    assert found["Velloq"].kind == "organisation"
    assert "Velloq Lite" not in found


def test_no_maker_from_a_tier_without_the_name_alone():
    # "Dara Pro" is never written as "Dara" alone: nothing says Dara makes anything.
    assert "Dara" not in actors("The new Dara Pro ships in May with a larger screen.")
