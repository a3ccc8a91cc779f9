"""Names whose words are a place's: a club named after its town on a sports page, a person whose given name
is a country's, the abbreviations of international bodies in Romance news, a paper named after a foreign
word for a paper. Invented people, clubs and papers; no database.
"""

import pytest

from articles.extraction.actor_kinds import PageWords
from articles.extraction.actors import classify_run
from articles.extraction.analysis import analyse
from articles.extraction.page import ExtractedPage


def actors(body):
    page = analyse(ExtractedPage(title=None, body=body, author=None))
    return {a.name: a for a in page.actors}


SPORTS = "The league match ended 2-1 after a late goal by the visiting striker."

BODIES = [
    pytest.param(
        f"{SPORTS} Leicester City move up to fourth.", "Leicester City", id="a-town-and-city-on-a-sports-page"
    ),
    pytest.param(f"{SPORTS} Leeds United's keeper saved twice.", "Leeds United", id="a-town-and-united"),
    pytest.param(f"{SPORTS} The fans of Ipswich Town sang.", "Ipswich Town", id="a-town-and-town"),
    pytest.param(f"{SPORTS} Sporting Lisbon scored first.", "Sporting Lisbon", id="a-club-word-before-the-town"),
    pytest.param(
        "Tým získal bod v lize. Stejný bodový zisk jako loňský šampion Leicester City a nadšené ohlasy.",
        "Leicester City",
        id="a-club-in-czech-sports-news",
    ),
    pytest.param(
        f"{SPORTS} Watch the best moments of Tollan Rovers - Brevix:\n\nThe coach was pleased.",
        "Brevix",
        id="a-side-of-a-match-listed-with-a-dash",
    ),
    pytest.param(f"{SPORTS} Quarno Athletic – Velloq 2:1 was the late game.", "Velloq", id="a-side-before-the-score"),
    pytest.param("La delegación pidió ayuda a un aliado de la OTAN en la cumbre.", "OTAN", id="nato-in-spanish"),
    pytest.param("Le porte-parole de l'ONU a salué l'accord vendredi.", "ONU", id="the-un-in-french"),
    pytest.param(
        "„Hraje skvěle,“ hodnotí londýnský večerník Morning Clarion jeho výkon.",
        "Morning Clarion",
        id="a-czech-evening-paper",
    ),
    pytest.param("Selon le quotidien Matin Clair, la réforme attendra.", "Matin Clair", id="a-french-daily"),
]


@pytest.mark.parametrize(("body", "name"), BODIES)
def test_a_body_named_with_a_place_or_a_foreign_noun_is_found(body, name):
    found = actors(body)
    assert name in found
    assert found[name].kind == "organisation"


PEOPLE = [
    pytest.param(
        "The gallery lent a canvas by Georgia O'Hanlon to the museum for the summer.",
        "Georgia O'Hanlon",
        id="a-country-given-name-and-an-irish-surname",
    ),
    pytest.param(
        "Jordan Velloway opened the exhibition. Velloway has painted the coast for forty years.",
        "Jordan Velloway",
        id="a-country-given-name-and-a-surname-used-alone",
    ),
]


@pytest.mark.parametrize(("body", "name"), PEOPLE)
def test_a_given_name_that_is_a_country_opens_a_persons_name(body, name):
    found = actors(body)
    assert name in found
    assert found[name].kind == "person"


@pytest.mark.parametrize(
    ("body", "word", "kind"),
    [
        # No sports page: the town's council or the town.
        pytest.param(
            "Leicester City officials closed the road on Monday.", "Leicester City", "organisation", id="no-sport"
        ),
        # A town whose own name ends in "City" is a place, on a sports page too.
        pytest.param(
            f"{SPORTS} Kansas City fans filled the square.", "Kansas City", "organisation", id="city-named-city"
        ),
        # A US county is named so in news about anything.
        pytest.param(f"{SPORTS} Orange County paid for the stadium.", "Orange County", "organisation", id="a-county"),
        # A state or a country with a club word after it is no club.
        pytest.param(
            f"{SPORTS} Georgia United marched in the capital.", "Georgia United", "organisation", id="country"
        ),
        # "league" inside another word is no sign of sport.
        pytest.param(
            "A colleague said Leeds United was the name of the new bakery.",
            "Leeds United",
            "organisation",
            id="colleague",
        ),
        # Two players of a match are people; a dash between two names off a sports page joins no clubs.
        pytest.param(f"{SPORTS} Then Novak Drenic - Rafael Ortas 6:4.", "Rafael Ortas", "organisation", id="players"),
        pytest.param("The Tollan - Brevix line reopens:", "Brevix", "organisation", id="a-dash-off-a-sports-page"),
        # A report's title in quotation marks with a year after it is no match.
        pytest.param(
            f'{SPORTS} See "Tollan Outlook – Brevia 2009/10" (PDF).', "Tollan Outlook", "organisation", id="a-title"
        ),
        # A word that is no surname after a country: a university, an outlet.
        pytest.param(
            "The team beat Georgia Tech on Saturday.", "Georgia Tech", "person", id="country-and-a-common-word"
        ),
        pytest.param(
            "Israel Hayom reported the vote first.", "Israel Hayom", "person", id="a-country-and-a-paper-s-word"
        ),
        # An English server is no paper.
        pytest.param("The server Apache crashed twice overnight.", "Apache", "organisation", id="an-english-server"),
    ],
)
def test_no_club_paper_or_person_without_its_sign(body, word, kind):
    found = actors(body)
    assert word not in found or found[word].kind != kind


def test_an_empty_run_names_no_one_on_a_sports_page():
    # A run split at a common word can leave nothing on one side (a long reference list did).
    text = f"{SPORTS} Tollan Rovers - Brevix:"
    page = PageWords(text)
    assert page.fixtures
    assert classify_run(text, [], page) == []
