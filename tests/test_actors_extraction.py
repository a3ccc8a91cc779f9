"""Actor discovery in article text, with no list of names: people, organisations, one actor per person.

The texts are written for these tests (invented people and outlets); no database.
"""

from pathlib import Path

import pytest

from articles.extraction.actors import find_actors
from articles.extraction.analysis import analyse
from articles.extraction.page import ExtractedPage
from articles.extraction.pipeline import extract

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "analysis"


def actors(body, title=None, author=None):
    page = analyse(ExtractedPage(title=title, body=body, author=author))
    return {a.name: a for a in page.actors}


PEOPLE = [
    pytest.param(
        "Estonian Defence Minister Kadri Lepp visited Tapa on Monday.",
        "Kadri Lepp",
        "Estonian Defence Minister",
        id="title-before-the-name",
    ),
    pytest.param(
        "U.S. Trade Representative Dana Whitfield arrived in Brussels on Monday.",
        "Dana Whitfield",
        "U.S. Trade Representative",
        id="title-with-a-country-abbreviation",
    ),
    pytest.param(
        "Ukraine's Foreign Minister Oleh Marchenko flew to Ankara.",
        "Oleh Marchenko",
        "Ukraine's Foreign Minister",
        id="title-after-a-possessive-country",
    ),
    pytest.param("Pope Clement met pilgrims from Kyiv on Sunday.", "Pope Clement", "Pope", id="naming-title"),
    pytest.param(
        "The plan was drawn up by Anneli Roos, the Finnish prime minister, and her cabinet.",
        "Anneli Roos",
        "Finnish prime minister",
        id="role-in-apposition",
    ),
    pytest.param(
        "Finland's deputy prime minister, Jari Niemi, opened the session.",
        "Jari Niemi",
        "Finland's deputy prime minister",
        id="role-before-a-comma",
    ),
    pytest.param(
        "Speaking in Brussels, envoy Pieter van Aalst said the bloc had the evidence.",
        "Pieter van Aalst",
        "envoy",
        id="lower-case-title-and-particle",
    ),
    pytest.param(
        "European Commission Vice-President Maria Lindqvist presented the package.",
        "Maria Lindqvist",
        "European Commission Vice-President",
        id="title-after-an-organisation",
    ),
    pytest.param("Talks were chaired by Kari Solberg-Haug and ended late.", "Kari Solberg-Haug", None, id="name-shape"),
]


@pytest.mark.parametrize(("body", "name", "role"), PEOPLE)
def test_it_finds_people_by_how_the_text_names_them(body, name, role):
    found = actors(body)

    assert found[name].kind == "person"
    assert found[name].role == role


def test_a_surname_possessive_and_misspelt_inflection_are_one_actor():
    body = (
        "Estonian Defence Minister Arvo Kask opened the exercise. Kask said the brigade was ready. "
        "Kask's plan has critics. Kaske's opponents in parliament want a vote."
    )

    found = actors(body)

    kask = found["Arvo Kask"]
    assert kask.mentions == 4
    assert set(kask.aliases) == {"Kask", "Kaske"}
    assert [a for a in found if "Kask" in a] == ["Arvo Kask"]


def test_transliteration_variants_are_one_actor_with_one_spelling():
    body = (
        "Ukrainian Defence Minister Mykola Kovalskiy arrived in Washington. "
        "Kovalskyy said he wanted four more batteries, and Mykola Kovalsky's aides confirmed the list."
    )

    found = actors(body)

    assert list(found) == ["Mykola Kovalsky"]
    assert set(found["Mykola Kovalsky"].aliases) == {"Mykola Kovalskiy", "Kovalskyy"}


def test_the_same_surname_with_different_first_names_stays_two_people():
    found = actors("Senator Anna Brandt met her brother, Mayor Jonas Brandt, in Hamburg.")

    assert {"Anna Brandt", "Jonas Brandt"} <= set(found)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("Kyiv said the talks in Brussels were useful. Moscow disagreed.", id="capitals"),
        pytest.param("Estonia and Latvia signed the deal in Riga with the United States.", id="countries"),
        pytest.param("Ministers gathered in The Hague and later flew to Wiesbaden.", id="the-hague"),
        pytest.param("Monitors said the line was quiet. The monitors left at noon.", id="plural-noun"),
        pytest.param("TALLINN – Ministers met on Monday to discuss cable protection.", id="dateline"),
    ],
)
def test_places_countries_and_common_words_are_not_people(body):
    assert [a.name for a in actors(body).values() if a.kind == "person"] == []


ORGANISATIONS = [
    pytest.param("NATO allies met in Oslo.", "NATO", id="acronym"),
    pytest.param("The Kremlin rejected the offer on Monday.", "Kremlin", id="the-kremlin"),
    pytest.param("The European Commission proposed the measures.", "European Commission", id="org-word"),
    pytest.param(
        "Names were given to the International Committee of the Red Cross.",
        "International Committee of the Red Cross",
        id="name-with-of",
    ),
    pytest.param("Italy's LUMA news agency reported the talks.", "LUMA", id="news-agency"),
    pytest.param("The numbers were confirmed by the weekly Nordic Observer.", "Nordic Observer", id="outlet"),
]


@pytest.mark.parametrize(("body", "name"), ORGANISATIONS)
def test_it_finds_organisations(body, name):
    found = actors(body)

    assert found[name].kind == "organisation"
    assert not [a for a in found.values() if a.kind == "person"]


def test_the_author_is_not_an_actor():
    found = actors("Sabine Wyss reports from Bern. Swiss Foreign Minister Lena Brunner said no.", author="Sabine Wyss")

    assert list(found) == ["Lena Brunner"]


def test_a_name_given_in_full_only_in_the_title_is_found():
    found = actors(
        "The Secretary General said the meeting was useful.",
        title="Alliance Secretary General Hanna Berg meets Nordic ministers in Oslo",
    )

    assert found["Hanna Berg"].role == "Alliance Secretary General"


def test_title_case_headline_words_are_not_people():
    found = actors(
        "Estonian Defence Minister Arvo Kask said the brigade was ready.",
        title="Kask Warns Allies Over Baltic Cable Sabotage Ahead Of Summit",
    )

    assert list(found) == ["Arvo Kask"]


def test_mentions_inside_quotes_count():
    index = find_actors("“Under Anneli Roos, Finland has done more than anyone,” envoy Lars Dahl said.")

    assert {c.name for c in index.people()} == {"Anneli Roos", "Lars Dahl"}


def test_the_pipeline_finds_actors_in_a_saved_page():
    page = extract((PAGES / "harbor_times_summit.txt").read_bytes(), name="harbor_times_summit.txt")

    people = {a.name: a for a in page.actors if a.kind == "person"}
    assert {"Joan Whitaker", "Luis Ortega", "Ingrid Vassbotn", "Mykola Kovalsky"} <= set(people)
    assert people["Joan Whitaker"].role == "Senator"
    assert "Rachel Dunmore" not in people
    assert "WASHINGTON" not in {a.name for a in page.actors}


# What a reader would take for an actor and what not: each body names some people or bodies
# (kind, name, aliases a reader expects folded in) and some capitalised words that are none.
READER_CASES = [
    pytest.param(
        "The Nordic Fisheries Union said on Monday that quotas would rise. The NFU has 4,000 members, "
        "and the NFU board meets in June.",
        [("organisation", "Nordic Fisheries Union", {"NFU"})],
        ["NFU"],
        id="an-abbreviation-folds-into-its-full-name",
    ),
    pytest.param(
        "The Harbour Gazette reported the deal first. The Gazette said the talks had lasted a year.",
        [("organisation", "Harbour Gazette", set())],
        ["Gazette"],
        id="a-lone-last-word-folds-into-the-full-name",
    ),
    pytest.param(
        "Mayor Bill de Rosen said the bridge would reopen. De Rosen added that repairs were on budget.",
        [("person", "Bill de Rosen", {"Rosen"})],
        ["Rosen"],
        id="a-given-name-that-is-a-common-word-after-a-title",
    ),
    pytest.param(
        "Former President George H.W. Halvorsen spoke first. Halvorsen said he was proud.",
        [("person", "George H.W. Halvorsen", {"Halvorsen"})],
        ["H.W."],
        id="double-initials-inside-a-name",
    ),
    pytest.param(
        "Fans filled the stadium for the Coastal Bowl on Sunday, and the Morning Tide Show ran late. "
        "Viewers of the Lanterns Film Festival cheered.",
        [],
        ["Coastal Bowl", "Coastal", "Morning Tide Show", "Morning Tide", "Lanterns Film", "Lanterns Film Festival"],
        id="events-and-shows-are-no-actors",
    ),
    pytest.param(
        "“Taxes will rise,” the Ohio Democrat said. Marta Quill, who chairs the panel, disagreed. "
        "I’ve heard that before, she said.",
        [("person", "Marta Quill", set())],
        ["Ohio Democrat", "I’ve"],
        id="descriptions-and-contractions-are-no-names",
    ),
    pytest.param(
        "Tovah Mirskaya, who leads the tenants' group, said the rent rise was unfair. "
        "Asked again, Mirskaya said it would be fought in court.",
        [("person", "Tovah Mirskaya", {"Mirskaya"})],
        [],
        id="a-name-with-no-listed-given-name-that-speaks",
    ),
    pytest.param(
        "Supporters waved ''Harbour Pride'' signs outside the Granite Valley Public Library.",
        [("organisation", "Granite Valley Public Library", set())],
        ["Harbour Pride", "Valley Public Library"],
        id="slogans-in-quotes-and-places-opening-a-body",
    ),
    pytest.param(
        "Prime Minister Nora May met Elsa June in Tallinn on Friday, May 3. Talks resume in June.",
        [("person", "Nora May", set()), ("person", "Elsa June", set())],
        ["Nora", "Elsa", "June"],
        id="a-surname-that-is-a-month",
    ),
    pytest.param(
        "Harbour Council Chief Of Staff Bram Okonjo briefed the press. Later Senate Republican Tomas Vidal "
        "said no, and Okonjo left. The film follows Navy SEAL Chris Ostrander home.",
        [("person", "Bram Okonjo", {"Okonjo"}), ("person", "Tomas Vidal", set()), ("person", "Chris Ostrander", set())],
        ["Harbour Council Chief Of Staff Bram Okonjo", "Senate Republican Tomas Vidal", "SEAL Chris Ostrander"],
        id="a-bodys-title-before-a-name-is-no-body",
    ),
    pytest.param(
        "Defence Minister Ivo Tamm said his country would help Southeast Asian nations train their coast guards. "
        "Several Southeast Asian navies have asked for it, and Asian defence chiefs agreed.",
        [("person", "Ivo Tamm", set())],
        ["Southeast Asian", "Asian"],
        id="a-regions-people-are-no-actor",
    ),
]


@pytest.mark.parametrize(("body", "wanted", "not_actors"), READER_CASES)
def test_actors_a_reader_would_accept(body, wanted, not_actors):
    found = actors(body)

    for kind, name, aliases in wanted:
        # One actor holds the name and its other spellings (which of them it shows is its own choice:
        # the abbreviation when the article uses it more).
        holders = [a for a in found.values() if {name, *aliases} <= {a.name, *a.aliases}]
        assert len(holders) == 1, sorted(found)
        assert holders[0].kind == kind
    others = {a.name for a in found.values() if not any({n, *al} <= {a.name, *a.aliases} for _, n, al in wanted)}
    assert not set(not_actors) & others, sorted(found)


# Names that are no actor by what the text around them says: a work, a product, a phrase, a credit.
NOT_ACTORS = [
    pytest.param(
        "Lady Marrowby is a gentle comedy about a village choir. Lady Marrowby is currently streaming.",
        "Marrowby",
        id="said-to-be-a-comedy",
    ),
    pytest.param("Lady Carrow is his most accomplished film yet, and it is funny.", "Carrow", id="said-to-be-a-film"),
    pytest.param(
        'Fans lined up for "Super Martin Dash," the studio\'s first phone game.', "Martin Dash", id="quoted-title"
    ),
    pytest.param("Telling Oren Vasquez was the hard part, the aide said.", "Telling Oren Vasquez", id="leading-verb"),
    pytest.param(
        "Minibars lose money even when they charge $10 for a Diet Fizz, said Arno Lutz.", "Diet Fizz", id="a-product"
    ),
    pytest.param("The $900 Halcyon Vista Pro has a sharper screen.", "Halcyon Vista Pro", id="product-pro"),
    pytest.param("In the series Gerald Minister, a baker becomes president.", "Gerald Minister", id="the-series-x"),
    pytest.param(
        "Daniel Korr Calls Out Mara Pike For Skipping The Debate\nKorr spoke first, Pike said later.",
        "Daniel Korr Calls Out Mara Pike",
        id="headline-line-in-the-body",
    ),
    pytest.param(
        "© Provided by Harlow Media Inc Quillon/Beck Quillon and Beck agreed a deal on Monday.",
        "Beck Quillon",
        id="copyright-credit",
    ),
    pytest.param(
        "The rocket lifted off at dawn. (Ivo Marek/ Astrova Press Service photo via AP)", "Ivo Marek", id="photo-via"
    ),
    pytest.param("There was a hostage drama in downtown Marlow. Marlow said nothing; he waited.", "Marlow", id="town"),
    pytest.param(
        "Night Ferry is currently streaming on KTV Go and KTV Now, and available to rent on Velto Prime.",
        "KTV Go",
        id="streaming-on-a-service",
    ),
    pytest.param(
        "Parents rallied outside Northfield School 412 in Queens on Monday, said Dana Oakes.",
        "Northfield School",
        id="name-cut-before-its-number",
    ),
    pytest.param(
        "Tessa Lind told Capitol Report Daily host Gil Ames that turnout would fall. Capitol Report Daily airs at"
        " noon.",
        "Capitol Report Daily",
        id="a-show-with-a-host",
    ),
    pytest.param(
        "The seed drifted towards the planet Veyra. The Veyra Council met, and Veyra said nothing.",
        "Veyra",
        id="said-to-be-a-planet",
    ),
    pytest.param(
        "Dara Quill bought ads on Spanish-language stations, and Spanish-language radio said yes.",
        "Spanish-language",
        id="nationality-hyphen-description",
    ),
    pytest.param(
        "Un Baron Blanc n’a rien à envier à un Ministry of Lies, dit Jules Marat.",
        "Ministry of Lies",
        id="french-indefinite-before-a-title",
    ),
]


@pytest.mark.parametrize(("body", "name"), NOT_ACTORS)
def test_it_finds_no_actor_in_a_work_product_phrase_or_credit(body, name):
    assert name not in actors(body)


@pytest.mark.parametrize(
    "body",
    [
        "Cyd is drawn to Katie (Orla White), a barista, while visiting her aunt.",
        "The jury heard from Orla White, an actress from Dayton, on Monday.",
    ],
)
def test_a_name_the_text_calls_an_actress_or_a_barista_is_a_person(body):
    assert actors(body)["Orla White"].kind == "person"


def test_it_keeps_a_titled_name_that_ends_like_a_body():
    found = actors("“We are ready,” said Harbor City Mayor Don Herald in a telephone interview.")

    assert found["Don Herald"].kind == "person"


def test_it_reads_a_given_name_set_in_capitals_as_a_name():
    found = actors("Opinion\n\nMALCOLM Trevane — a prime minister twice. Trevane said he regretted nothing.")

    assert "Malcolm Trevane" in found and found["Malcolm Trevane"].kind == "person"


def test_it_folds_the_first_words_of_a_longer_name_into_it():
    body = (
        "Te Rangi Hemi Walker led the blessing. Te Rangi spoke first. Te Rangi Hemi thanked the elders, "
        "and Walker said the carving would stay."
    )

    assert [a for a in actors(body) if a.startswith("Te Rangi")] == ["Te Rangi Hemi Walker"]


def test_two_middle_initials_are_two_people():
    found = actors("Former President Walter K. Brannigan spoke first. His father, Walter P.J. Brannigan, stayed home.")

    assert {"Walter K. Brannigan", "Walter P.J. Brannigan"} <= set(found)
    assert "Walter P.J. Brannigan" not in found["Walter K. Brannigan"].aliases
