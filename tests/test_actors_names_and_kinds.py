"""Actors a reader would accept on real news: family names that are also titles, and names of things
that are no people (organisations by their shape, buildings, shows). Invented names; no database.
"""

import pytest

from articles.extraction.analysis import analyse
from articles.extraction.page import ExtractedPage


def actors(body):
    page = analyse(ExtractedPage(title=None, body=body, author=None))
    return {a.name: a for a in page.actors}


FAMILY_NAMES = [
    pytest.param("Norma King, a county organiser, spoke first.", "Norma King", id="king"),
    pytest.param("The report was written by Walter Bishop last year.", "Walter Bishop", id="bishop"),
    pytest.param("Senator Angela Prince of Oregon voted no.", "Angela Prince", id="prince"),
]


@pytest.mark.parametrize(("body", "name"), FAMILY_NAMES)
def test_a_title_that_ends_a_name_after_a_given_name_is_a_family_name(body, name):
    found = actors(body)
    assert name in found, sorted(found)
    assert found[name].kind == "person"


def test_a_title_before_a_name_stays_a_title():
    found = actors("Later that day King Faisal met Norma Vale in the capital.")
    assert not any(name.endswith(" King") for name in found), sorted(found)
