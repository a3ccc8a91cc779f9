"""Bodies and people named by one word, an abbreviation or a bare row of a table: the kinds of evidence
news gives for them (a table's caption, what a body does, where someone works, a shop's possessive, a
force named after its county, a role word of another language). Invented names; no database.
"""

import pytest

from articles.extraction.analysis import analyse
from articles.extraction.page import ExtractedPage


def actors(body):
    page = analyse(ExtractedPage(title=None, body=body, author=None))
    return {a.name: a for a in page.actors}


PEOPLE_TABLE = """The most active contributors of the year were:

Most active Quillon developers

By changesets

Ilkka Vourinen | 4307 | 19.5%

Dara Mensah | 2351 | 10.6%

Zolvan Terék | 1449 | 6.5%

Mark Ellis | 1159 | 5.2%
"""

COMPANY_TABLE = """Most of the work is paid for:

Companies supporting Quillon development

(by changesets)

Brevane | 8417 | 38.0%

Tollan Media Labs | 6531 | 29.5%

(Unknown) | 5126 | 23.2%

Velloq S.L. | 80 | 0.4%

QUARNO | 7 | 0.0%
"""

ORGANISATIONS = [
    pytest.param(COMPANY_TABLE, "Brevane", id="a-row-of-a-table-of-companies"),
    pytest.param(COMPANY_TABLE, "Velloq S.L.", id="a-row-with-its-legal-form"),
    pytest.param(COMPANY_TABLE, "QUARNO", id="a-row-in-capitals"),
    pytest.param("The dispute is between Pellora LLC and Pellora SRL over the name.", "Pellora SRL", id="srl"),
    pytest.param("Had Tollan bought Brevix or Quarlo, things would differ.", "Quarlo", id="listed-with-a-company"),
    pytest.param(
        "Tollan’s shareholders keep its stakes in Brevane Group and Tollan Japan.",
        "Tollan Japan",
        id="a-branch-of-a-company-named-alone",
    ),
    pytest.param(
        "Fewer agencies will see the data, excluding such organisations as the VKPA and local councils.",
        "VKPA",
        id="such-organisations-as",
    ),
    pytest.param("A copy goes to the ombudsman where the OKSA is involved.", "OKSA", id="an-abbreviation-involved"),
    pytest.param("Quarlo has launched a cheaper plan for students.", "Quarlo", id="what-a-body-does"),
    pytest.param("“It is new,” said Dara Mensah, an economist at Brevane.", "Brevane", id="where-someone-works"),
    pytest.param("He told his side in a story published at Zinemark.", "Zinemark", id="where-it-is-published"),
    pytest.param("He sold the painting at Pellham’s in 2006.", "Pellham’s", id="a-shops-possessive"),
    pytest.param(
        "La estrategia de la Coordinadora Vortal Andina (CVA) es otra.", "Coordinadora Vortal Andina", id="own-abbr"
    ),
    pytest.param("West Harwick police said the road was closed.", "West Harwick Police", id="a-county-force"),
    pytest.param(
        "Le texte a été voté mardi par les députés. Le détail du vote est disponible sur le site de l'Assemblée "
        "nationale, qui publie aussi les noms de ceux qui se sont abstenus.",
        "Assemblée nationale",
        id="an-elided-article",
    ),
    pytest.param(
        "Le texte a été voté mardi par les députés. La Commission nationale vidéo et libertés (CNVL), qui critique "
        "fortement cette disposition, a demandé que les données ne soient pas conservées.",
        "Commission nationale vidéo et libertés",
        id="a-name-with-et-up-to-its-abbreviation",
    ),
    pytest.param(
        "Comme l’a souligné l’Arvel (l’Autorité de régulation des voies électroniques et des lignes), le texte "
        "est flou sur ce point et les opérateurs ne savent pas ce qui leur sera demandé.",
        "Arvel",
        id="a-word-spelt-out-in-brackets",
    ),
    pytest.param("Had Tollan bought Brevix instead of Quarlo, it would be bigger.", "Quarlo", id="instead-of"),
    pytest.param("La adquisición de Quarlo Vantis por Tollan es grande.", "Quarlo Vantis", id="a-spanish-acquisition"),
    pytest.param("Rates set by the Federal Reserve rose again.", "Federal Reserve", id="a-reserve"),
    pytest.param("Tovar e outros representantes do Quarlo foram ao evento.", "Quarlo", id="representatives-of"),
    pytest.param("It began, according to the rescue group Kauri Tamaho, in May.", "Kauri Tamaho", id="group-before"),
    pytest.param("She is a member of the Manu Tarawhiti group that runs it.", "Manu Tarawhiti", id="the-x-group"),
    pytest.param("The poll was done for the advocacy group Canada's Voice in May.", "Canada's Voice", id="possessive"),
    pytest.param(
        "The advocacy group Velloq Watch sued. Velloq Watch said it would appeal. Velloq Watch is small.",
        "Velloq Watch",
        id="once-a-group-always-a-group",
    ),
]


@pytest.mark.parametrize(("body", "name"), ORGANISATIONS)
def test_these_names_are_organisations(body, name):
    found = actors(body)
    assert name in found, sorted(found)
    assert found[name].kind == "organisation"


PEOPLE = [
    pytest.param(PEOPLE_TABLE, "Zolvan Terék", id="a-row-of-a-table-of-developers"),
    pytest.param("Na ocasião, o técnico Tovar declarou que errou.", "Tovar", id="a-portuguese-role-word"),
    pytest.param("Levou a taça ao ex-presidente Aurélio Vanzetti Pinto.", "Aurélio Vanzetti Pinto", id="ex-role"),
    pytest.param(
        "Pouria Amirvand, député socialiste des Français de l'étranger, a voté contre.",
        "Pouria Amirvand",
        id="a-french-role-after-the-name",
    ),
]


@pytest.mark.parametrize(("body", "name"), PEOPLE)
def test_these_names_are_people(body, name):
    found = actors(body)
    assert name in found, sorted(found)
    assert found[name].kind == "person"


NOT_ORGANISATIONS = [
    pytest.param("Vell launched her campaign in May. Vell is a lawyer.", "Vell", id="a-person-launches-a-campaign"),
    pytest.param("“Paul has been involved in politics all his life,” Reed said.", "Paul", id="a-given-name-involved"),
    pytest.param("It was posted on Jan. 27 and read widely.", "Jan", id="a-date"),
    pytest.param("It is a red line for many GOP Israel supporters.", "GOP Israel", id="a-description"),
    pytest.param("We met Dana Obrist at Obrist’s in May. Obrist said no.", "Obrist’s", id="a-persons-home"),
    pytest.param("It stores data in a format known as Packed Value Tree (PVT), a tree.", "Packed Value Tree", id="fmt"),
    pytest.param("The Laquan Ford police shooting was filmed.", "Laquan Ford Police", id="a-police-shooting"),
    pytest.param("The Kenyan police said nothing.", "Kenyan Police", id="a-nations-police"),
    pytest.param("Rangers patrol the Tallow Nature Reserve at night.", "Tallow Nature Reserve", id="a-nature-reserve"),
    pytest.param("Big donors gave more.\n\nSmall group of donors gives a small sum.", "Small", id="a-common-word"),
    pytest.param("La députée de l’UMP Laure Morel a voté contre.", "UMP Laure Morel", id="a-party-then-a-person"),
    pytest.param("The anti-tax group Club for Growth spent more.", "Club", id="the-first-word-of-a-longer-name"),
]


def test_a_role_word_before_the_next_name_is_that_names():
    found = actors("Um encontro com Jair Bolnaro, o técnico Tovar declarou que errou. Bolnaro disse que não.")
    assert found["Tovar"].role == "técnico"
    assert found["Jair Bolnaro"].role != "técnico"


@pytest.mark.parametrize(("body", "name"), NOT_ORGANISATIONS)
def test_these_names_are_no_organisations(body, name):
    found = actors(body)
    assert name not in found or found[name].kind != "organisation", sorted(found)


def test_a_name_in_a_table_of_companies_elsewhere_written_as_a_persons_is_the_company():
    found = actors("Tollan Media Labs said it would pay. " + COMPANY_TABLE)
    assert found["Tollan Media Labs"].kind == "organisation"
    assert [a for a in found.values() if a.kind == "person"] == []
