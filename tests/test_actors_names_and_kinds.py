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


NOT_ACTORS = [
    pytest.param(
        "The senator was summoned to the Oval Office on Monday. Later she spoke in the Oval Office again.",
        "Oval Office",
        id="a-room-the-text-only-goes-to",
    ),
    pytest.param("Dana Vell spoke at the Rivoli Theater on Friday.", "Rivoli Theater", id="a-theater"),
    pytest.param(
        "He spoke during the Harbour Herald Breakfast this morning in Ohio.",
        "Harbour Herald Breakfast",
        id="an-event-a-meal",
    ),
    pytest.param(
        "Thousands of Veloks, a minority group that makes up a third of the population, have been jailed.",
        "Veloks",
        id="a-people-called-a-minority-group",
    ),
    pytest.param("He was in Tampa. In all, the Tampa host committee raised money.", "Tampa", id="a-towns-committee"),
    pytest.param("He had just bought the Old Mint Office building.", "Old Mint Office", id="a-building-by-the-word"),
    pytest.param("The Independent Vermont senator vowed to fight.", "Independent Vermont", id="a-party-and-a-state"),
    pytest.param("The Republican House passed the bill.", "Republican House", id="a-chamber-by-its-majority"),
    pytest.param("Government employees can still get in trouble.", "Government", id="a-common-noun-opening-a-sentence"),
    pytest.param("Rumours said the Operation Jade Spear exercises were a takeover.", "Jade Spear", id="an-operation"),
    pytest.param(
        "According to the Washington Free Beacon, the papers show the plan.", "Free Beacon", id="a-towns-paper-cut"
    ),
    pytest.param(
        'Dana Vell spoke at length. A post read: ".@DanaVell promises to raise the wage." Fans cheered DanaVell.',
        "DanaVell",
        id="a-handle",
    ),
]


@pytest.mark.parametrize(("body", "name"), NOT_ACTORS)
def test_these_names_are_no_actors(body, name):
    assert name not in actors(body)


STILL_ACTORS = [
    pytest.param("A fellow at the Harlow Budget Office wrote it.", "Harlow Budget Office", id="a-body-people-work-at"),
    pytest.param("They sent a letter to the Harlow Budget Office.", "Harlow Budget Office", id="a-letter-to-a-body"),
    pytest.param("JetBlue said it would fly to Lisbon in May.", "JetBlue", id="a-camel-case-company"),
]


@pytest.mark.parametrize(("body", "name"), STILL_ACTORS)
def test_these_names_stay_actors(body, name):
    assert name in actors(body), sorted(actors(body))


KINDS = [
    pytest.param(
        "Pelloni announced it was closing a bakery in Ohio. The governor held a stake in Pelloni's parent company.",
        "Pelloni",
        "organisation",
        id="a-company-by-its-parent-company",
    ),
    pytest.param(
        "Varro said it would cut jobs. Varro's shareholders met on Friday.",
        "Varro",
        "organisation",
        id="a-company-by-its-shareholders",
    ),
    pytest.param(
        "Tom Ash at the University of Lorn and Gordon Hale at the Ridley Institute raised a question.",
        "Gordon Hale",
        "person",
        id="a-person-after-and-a-body",
    ),
    pytest.param(
        "Russia was not concerned with the fate of President Karim al-Rashid's government.",
        "Karim al-Rashid",
        "person",
        id="a-family-name-with-a-hyphened-particle",
    ),
]


@pytest.mark.parametrize(("body", "name", "kind"), KINDS)
def test_the_kind_is_read_from_the_text(body, name, kind):
    found = actors(body)
    assert name in found, sorted(found)
    assert found[name].kind == kind


BODIES_SITTING_ON = [
    pytest.param("The Council on Trade Relations said so on Monday.", "Council on Trade Relations", id="council-on"),
    pytest.param(
        "Staff for the House Select Committee on Misrata said the panel had the emails. Troops moved to Misrata.",
        "Staff for the House Select Committee on Misrata",
        id="committee-on-a-town",
    ),
    pytest.param("The Republican House passed the bill.", "House", id="the-chamber-itself"),
    pytest.param(
        "According to the Washington Free Beacon, the papers show the plan.",
        "Washington Free Beacon",
        id="a-towns-paper-cited",
    ),
]


@pytest.mark.parametrize(("body", "name"), BODIES_SITTING_ON)
def test_a_body_named_by_what_it_sits_on_is_one_organisation(body, name):
    found = actors(body)
    assert name in found, sorted(found)
    assert found[name].kind == "organisation"
    assert not any(a.kind == "person" for a in found.values()), sorted(found)


def test_a_body_sitting_on_a_weekday_is_not_named_by_it():
    found = actors("The Senate Finance Committee on Monday voted to end the talks.")
    assert not any("Monday" in name for name in found), sorted(found)


def test_a_reporters_credit_line_is_no_body():
    found = actors("Dana Vell wrote the story. Wolf reported from Lisbon.")
    assert not (found.get("Wolf") and found["Wolf"].kind == "organisation"), sorted(found)


def test_a_body_and_a_person_with_a_title_joined_by_and_are_two_actors():
    found = actors("Tom Ash at the University of Lorn and Professor Hale at the Ridley Institute wrote it.")
    assert "University of Lorn" in found
    assert not any(" and " in name for name in found), sorted(found)


def test_a_body_and_a_person_joined_by_and_are_two_actors():
    found = actors("Tom Ash at the University of Lorn and Gordon Hale at the Ridley Institute raised a question.")
    assert "University of Lorn" in found
    assert not any(" and " in name for name in found), sorted(found)


COMPANIES_BY_CONTEXT = [
    pytest.param("Quillon CEO Dara Mensah spoke to investors on Tuesday.", "Quillon", id="a-chief-executive-after"),
    pytest.param("Dara Mensah closed the $2 billion acquisition of Brevix last year.", "Brevix", id="bought"),
    pytest.param("The deal to buy Brevix took a year. Brevix had few rivals.", "Brevix", id="a-deal-to-buy"),
    pytest.param("The new console is faster than Tarnell's oldest console.", "Tarnell", id="what-it-sells"),
    pytest.param("A contract with the search engine Corvio may cost a lot.", "Corvio", id="what-it-is-before"),
    pytest.param("Firms such as Velloq, Andora or Pimsy use the standard.", "Andora", id="one-of-companies-such-as"),
    pytest.param("Unternehmen wie Velloq, Andora oder Pimsy setzen es ein.", "Pimsy", id="companies-such-as-in-german"),
]


@pytest.mark.parametrize(("body", "name"), COMPANIES_BY_CONTEXT)
def test_a_lone_word_is_a_company_by_what_the_text_says_of_it(body, name):
    found = actors(body)
    assert name in found, sorted(found)
    assert found[name].kind == "organisation"


def test_a_company_named_bare_after_a_cue_is_the_same_company():
    found = actors("The sale to Brevix closes in May. Brevix will then run the unit. Analysts doubt Brevix.")
    assert found["Brevix"].kind == "organisation"
    assert found["Brevix"].mentions == 3


NO_COMPANIES = [
    pytest.param("Administration officials said the talks would go on.", "Administration", id="a-common-word"),
    pytest.param("Charlotte officials said the road would reopen.", "Charlotte", id="a-town"),
]


@pytest.mark.parametrize(("body", "name"), NO_COMPANIES)
def test_the_people_of_a_town_or_a_common_word_make_no_company(body, name):
    assert name not in actors(body)


def test_buying_a_persons_argument_does_not_make_a_company():
    found = actors("Voters are not buying Dana Vell's excuses. Vell said she would stay in the race.")
    assert found["Dana Vell"].kind == "person"
    assert [a.name for a in found.values() if a.kind == "organisation"] == []


SHORTER_NAMES = [
    pytest.param(
        "The Department of Harbor Safety closed the pier. Harbor Safety Department officials said it was safe.",
        "Department of Harbor Safety",
        id="with-and-without-its-head",
    ),
    pytest.param(
        "The Ledbury-Marsh Fiscal Policy Center studied the plan. The Fiscal Policy Center said it would cost more.",
        "Ledbury-Marsh Fiscal Policy Center",
        id="its-last-words",
    ),
    pytest.param(
        "Corvane Group said it would sell the unit. Corvane said the price was fair.",
        "Corvane Group",
        id="a-company-with-and-without-group",
    ),
]


@pytest.mark.parametrize(("body", "full"), SHORTER_NAMES)
def test_a_body_called_by_a_shorter_name_is_one_actor(body, full):
    found = actors(body)
    assert full in found, sorted(found)
    assert [a.name for a in found.values() if a.kind == "organisation"] == [full]


def test_a_state_party_and_the_national_party_stay_two_bodies():
    found = actors("The Vermont Democratic Party backed him. The Democratic Party did not say.")
    assert {"Vermont Democratic Party", "Democratic Party"} <= set(found), sorted(found)


BODIES_BY_THEIR_WHOLE_NAME = [
    pytest.param("Visitors went to the Museum of Tin Art in Lorn.", "Museum of Tin Art", id="a-head-noun-before-of"),
    pytest.param(
        "A report by the Center on Rural Poverty and Housing says so.",
        "Center on Rural Poverty and Housing",
        id="a-center-on-two-things",
    ),
    pytest.param("The Harwick Institution said so on Monday.", "Harwick Institution", id="an-institution"),
    pytest.param(
        "Dana Vell of the Committee for a Balanced Harbor Budget said so.",
        "Committee for a Balanced Harbor Budget",
        id="for-a",
    ),
    pytest.param(
        "The Joint Committee on Fisheries and Security has pointed out a flaw.",
        "Joint Committee on Fisheries and Security",
        id="a-committee-on-two-things",
    ),
]


@pytest.mark.parametrize(("body", "name"), BODIES_BY_THEIR_WHOLE_NAME)
def test_a_body_is_named_in_full(body, name):
    found = actors(body)
    assert name in found, sorted(found)
    assert found[name].kind == "organisation"


def test_a_law_named_after_a_bodys_word_is_no_body():
    assert actors("The College for All Act would help students.") == {}


def test_an_abbreviation_with_an_abbreviation_inside_folds_into_the_full_name():
    found = actors("Tarvik filed a petition with the US Harbor and Dock Office (USHDO). The USHDO said no.")
    bodies = [a for a in found.values() if a.kind == "organisation" and a.name != "Tarvik"]
    assert len(bodies) == 1, sorted(found)
    assert {bodies[0].name, *bodies[0].aliases} >= {"USHDO", "US Harbor and Dock Office"}


def test_a_company_named_in_a_persons_title_is_an_actor_too():
    found = actors("Speaking on Monday, Quillon CEO Dara Mensah said the plan would work.")
    assert found["Dara Mensah"].kind == "person"
    assert found["Quillon"].kind == "organisation"


GROUPS_NAMED_BY_COMMON_WORDS = [
    pytest.param("Troops pushed back the Golden Dawn Front group in May.", "Golden Dawn Front", True, id="a-group"),
    pytest.param("The Sacred State militia held the bridge.", "Sacred State", True, id="a-militia"),
    pytest.param(
        "Critics of the French New Wave movement wrote books.", "French New Wave", False, id="a-style-of-a-nation"
    ),
]


@pytest.mark.parametrize(("body", "name", "is_actor"), GROUPS_NAMED_BY_COMMON_WORDS)
def test_a_name_of_common_words_said_to_be_a_group_is_a_body(body, name, is_actor):
    found = actors(body)
    assert (name in found) is is_actor, sorted(found)


def test_a_body_named_in_a_persons_title_is_an_actor_too():
    found = actors("The visit was led by Harbor Valley Police Commissioner Dana Vell on Monday.")
    assert found["Dana Vell"].kind == "person"
    assert found["Harbor Valley Police"].kind == "organisation"


TITLES_WITH_NO_BODY = [
    pytest.param("Communications Minister Dana Vell spoke.", id="a-field"),
    pytest.param("Kenyan chairman Dana Vell spoke.", id="a-nationality"),
    pytest.param("Lorn Communications Director Dana Vell spoke.", id="a-campaigns-post"),
]


@pytest.mark.parametrize("body", TITLES_WITH_NO_BODY)
def test_a_title_that_names_no_body_gives_no_organisation(body):
    assert [a.name for a in actors(body).values() if a.kind == "organisation"] == []


def test_a_lone_word_listed_with_a_company_is_a_company():
    found = actors("The minister met executives from Quillon Holdings and Tarvik on Monday.")
    assert found["Tarvik"].kind == "organisation"


LISTED_BUT_NO_COMPANY = [
    pytest.param("Reporters from the Lorn Herald and Smith came.", "Smith", id="after-a-paper"),
    pytest.param("Staff of the Corvane Foundation and Hillary Vell met. Hillary spoke.", "Hillary", id="a-given-name"),
    pytest.param("Quillon Holdings has a shop in the nearest city, Almaty, and more.", "Almaty", id="a-town-by-commas"),
]


@pytest.mark.parametrize(("body", "name"), LISTED_BUT_NO_COMPANY)
def test_a_lone_word_listed_with_a_body_is_not_always_a_company(body, name):
    found = actors(body)
    assert not (name in found and found[name].kind == "organisation"), sorted(found)


FRENCH_REPORT = (
    "Les députés ont adopté le texte mardi. Il sera examiné par le Sénat, puis par le Conseil constitutionnel, "
    "saisi par les élus. La Haute Commission de surveillance des ports maritimes (HCSPM) donnera son avis. "
    "Le ministre a consulté la Cour des comptes régionale avant le vote. Pour la HCSPM, le texte est trop large."
)


@pytest.mark.parametrize(
    "name",
    ["Sénat", "Conseil constitutionnel", "Cour des comptes régionale"],
)
def test_a_french_bodys_name_goes_on_in_lower_case(name):
    found = actors(FRENCH_REPORT)
    assert name in found, sorted(found)
    assert found[name].kind == "organisation"


def test_a_french_bodys_abbreviation_folds_into_its_name_in_lower_case():
    found = actors(FRENCH_REPORT)
    body = next((a for a in found.values() if "HCSPM" in (a.name, *a.aliases)), None)
    assert body is not None, sorted(found)
    assert "Haute Commission de surveillance des ports maritimes" in (body.name, *body.aliases)


def test_a_spanish_bodys_name_stops_before_the_verb():
    found = actors(
        "En Chile, la Sociedad de Fomento Pesquero denunció en 2014 que los insurrectos causaron daños. "
        "Los datos de la sociedad son del año pasado y el informe fue publicado por el gobierno."
    )
    assert "Sociedad de Fomento Pesquero" in found, sorted(found)


def test_an_english_bodys_name_does_not_take_the_words_after_it():
    found = actors("The Commission said on Monday that the Council would meet. The Commission of Lorn agreed.")
    assert not any(" said" in name or " would" in name for name in found), sorted(found)


def test_a_super_pac_written_with_capitals_is_no_name():
    found = actors("The Super PAC said it would spend more on ads in Ohio.")
    assert "Super PAC" not in found, sorted(found)


def test_the_maker_of_a_product_named_before_is_a_company():
    found = actors("The flaw was reported to Tundra developer Brevix two years ago.")
    assert found["Brevix"].kind == "organisation"


def test_a_lone_word_listed_with_an_outlet_is_an_outlet_too():
    found = actors("The claim was checked by Lorn News and Factmill on Monday.")
    assert found["Factmill"].kind == "organisation"


def test_the_second_word_of_a_cut_name_is_not_listed_as_a_body():
    found = actors("Articles from Business Quarry, Lorn News and Tarn News were shared.")
    assert "Quarry" not in found, sorted(found)
