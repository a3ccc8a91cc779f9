"""The plain-text dump stripper, on the saved pages in fixtures/pages/text (no database)."""

import json
from pathlib import Path

import pytest

from articles.extraction import furniture, text_meta
from articles.extraction.decoding import decode
from articles.extraction.pipeline import extract
from articles.extraction.text_dump import extract_text

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "text"
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))["files"]


def read_page(name):
    """The page as text, decoded with the encoding it was saved in."""
    return (PAGES / name).read_bytes().decode(EXPECTED[name].get("encoding", "utf-8"))


@pytest.fixture(params=sorted(EXPECTED), ids=lambda name: name.removesuffix(".txt"))
def case(request):
    name = request.param
    return name, extract_text(read_page(name)), EXPECTED[name]


def test_it_finds_the_metadata(case):
    _name, page, want = case
    assert (page.title, page.published_iso(), page.source, page.author, page.language) == (
        want["title"],
        want["published_at"],
        want["source"],
        want["author"],
        want["language"],
    )


def test_it_keeps_the_article_text(case):
    _name, page, want = case
    for snippet in want["body_must_contain"]:
        assert snippet in page.body


def test_it_leaves_out_the_furniture(case):
    _name, page, want = case
    for snippet in want["body_must_not_contain"]:
        assert snippet not in page.body


def test_it_returns_the_whole_body(case):
    _name, page, want = case
    assert page.body == want["body"]


def test_every_page_has_a_full_expectation():
    assert len(EXPECTED) >= 8
    for want in EXPECTED.values():
        assert want["body"] and want["body_must_contain"] and want["body_must_not_contain"]


def test_it_reads_crlf_dumps_without_carriage_returns():
    assert b"\r\n" in (PAGES / "crlf_reports.txt").read_bytes()
    page = extract_text(read_page("crlf_reports.txt"))
    assert "\r" not in page.body
    assert page.body == EXPECTED["crlf_reports.txt"]["body"]


def test_the_windows_1252_page_is_not_utf8():
    with pytest.raises(UnicodeDecodeError):
        (PAGES / "latin1_geneva.txt").read_bytes().decode("utf-8")


def test_it_reads_the_windows_1252_page_through_the_pipeline():
    text, _encoding = decode((PAGES / "latin1_geneva.txt").read_bytes())
    assert "Zoë Ångström-Müller" in text and "José Núñez" in text


def test_the_pipeline_strips_a_text_dump():
    page = extract((PAGES / "nordic_wire_dateline.txt").read_bytes(), "nordic_wire_dateline.txt")
    assert page.format == "text"
    assert page.body == EXPECTED["nordic_wire_dateline.txt"]["body"]


def test_it_keeps_one_copy_of_a_repeated_block():
    page = extract_text(read_page("nordic_wire_dateline.txt"))
    assert page.body.count("Solberg-Haug said the arrangement") == 1


def test_it_takes_the_date_from_the_date_header():
    page = extract_text(" date 2025-04-02 Home\nA headline about talks\n" + "Ministers met on Tuesday to talk. " * 5)
    assert page.published_iso() == "2025-04-02"


def test_a_byline_on_the_header_day_adds_the_time():
    text = (
        " date 2025-05-21 Menu\n\nAllies meet in Oslo\n\nby Jane Roe May 21, 2025 7:22 PM\n\n"
        "Foreign ministers met in Oslo on Wednesday to discuss a ceasefire and new sanctions on Russia.\n"
    )
    page = extract_text(text)
    assert (page.title, page.author, page.published_iso()) == ("Allies meet in Oslo", "Jane Roe", "2025-05-21T19:22")


def test_a_page_without_a_headline_keeps_its_first_paragraph():
    text = "Ministers met in Oslo on Wednesday to discuss a ceasefire.\nThey agreed to meet again next week in Rome.\n"
    page = extract_text(text)
    assert page.title is None
    assert page.body.startswith("Ministers met in Oslo")


def test_it_reads_markdown_flavoured_dumps():
    text = (
        "# Allies meet in Oslo\n"
        "URL: https://ledger.example/allies-oslo\n"
        "**By Jane Roe**\n\n"
        "Ministers from [twelve countries](https://ledger.example/a) met in Oslo on Monday to discuss a ceasefire.\n\n"
        "![map](https://ledger.example/map.png)\n"
        "They agreed to meet again next month in Rome to discuss sanctions.\n"
    )
    page = extract_text(text)
    assert (page.title, page.author, page.url) == (
        "Allies meet in Oslo",
        "Jane Roe",
        "https://ledger.example/allies-oslo",
    )
    assert page.body == (
        "Ministers from twelve countries met in Oslo on Monday to discuss a ceasefire.\n\n"
        "They agreed to meet again next month in Rome to discuss sanctions."
    )


def test_a_headline_that_asks_a_question_is_the_title():
    text = (
        "Ceasefire in sight: what happens next?\n"
        "Negotiators met in Vienna on Sunday and said a truce could be agreed within weeks.\n"
        "Both sides have agreed to exchange prisoners first, officials said.\n"
    )
    page = extract_text(text)
    assert page.title == "Ceasefire in sight: what happens next?"
    assert page.body.startswith("Negotiators met in Vienna")


def test_an_author_line_above_the_text_names_the_author_and_keeps_the_title():
    text = (
        "Allies meet in Oslo\nAuthor: Jane Roe\n\n"
        "Ministers from twelve countries met in Oslo on Monday to discuss a ceasefire and sanctions.\n"
    )
    page = extract_text(text)
    assert (page.title, page.author) == ("Allies meet in Oslo", "Jane Roe")
    assert page.body.startswith("Ministers from twelve countries")


def test_it_keeps_a_bulleted_list_but_not_a_list_of_teasers():
    text = (
        "Home\nWorld\nAllies agree on a plan for air defence\n"
        "Ministers met in Oslo on Monday and agreed a plan with three parts.\n"
        "The plan includes:\n"
        "- faster deliveries of interceptor missiles\n"
        "- joint purchases of radar systems\n"
        "- training for crews in Poland\n"
        "Officials said the first deliveries would arrive in the autumn.\n"
        "Most popular\n"
        "- Global Bone Graft Market Size To Reach USD 5 Billion\n"
        "- Intercity Bus Business Plan 2025\n"
    )
    page = extract_text(text)
    assert page.title == "Allies agree on a plan for air defence"
    assert page.paragraphs == [
        "Ministers met in Oslo on Monday and agreed a plan with three parts.",
        "The plan includes:",
        "- faster deliveries of interceptor missiles",
        "- joint purchases of radar systems",
        "- training for crews in Poland",
        "Officials said the first deliveries would arrive in the autumn.",
    ]


def test_short_one_line_paragraphs_are_not_taken_for_wrapped_text():
    paragraphs = [
        "Ministers met in Oslo on Monday and agreed a plan with three separate parts.",
        "The first part covers faster deliveries of interceptor missiles to Kyiv.",
        "The second covers joint purchases of radar systems for the eastern flank.",
        "The third covers training for air defence crews in Poland and Romania.",
        "Officials said the first deliveries would arrive in the autumn of this year.",
    ]
    page = extract_text("Allies agree on a plan for air defence\n" + "\n".join(paragraphs) + "\n")
    assert page.paragraphs == paragraphs


def test_an_empty_dump_gives_an_empty_page():
    assert extract_text("\n \n").body == ""


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Skip to content", furniture.DROP),
        ("Newsletter abonnieren", furniture.DROP),
        ("Photo: Delegates arrive in Vilnius. (Jane Roe / Agency)", furniture.DROP),
        ("Listen to this article (3 min)", furniture.DROP),
        ("Help us reach 5,000 members and keep our journalism free.", furniture.DROP),
        ("404", furniture.DROP),
        ("Read also: Ministers meet in Oslo", furniture.DROP),
        ("Most read", furniture.STOP),
        ("Legal Disclaimer:", furniture.STOP),
        ("Source", furniture.STOP),
        ("Share prices fell in Moscow after the new sanctions were announced on Friday.", None),
        ('"We will not help us lose members," the minister said.', None),
        ("The US supports independent journalism in the region, the ambassador said.", None),
    ],
)
def test_it_knows_page_furniture(line, kind):
    assert furniture.classify(line) == kind


@pytest.mark.parametrize(
    ("line", "author", "outlet"),
    [
        ("by Jane Roe May 21, 2025 7:22 PM 2 min read", "Jane Roe", None),
        ("By Jane Roe | Harbour Ledger", "Jane Roe", "Harbour Ledger"),
        ("BY JANE ROE", "Jane Roe", None),
        ("Von Lukas Brandt", "Lukas Brandt", None),
        ("By the end of the week", None, None),
    ],
)
def test_it_reads_bylines(line, author, outlet):
    meta = text_meta.parse_byline(line)
    assert (meta.author if meta else None, meta.outlet if meta else None) == (author, outlet)


def test_it_reads_an_outlet_and_date_line():
    meta = text_meta.parse_dateline("Kyiv Ledger - 09 June 2025 06:24")
    assert (meta.outlet, meta.published.isoformat()) == ("Kyiv Ledger", "2025-06-09T06:24:00")


def test_it_credits_the_outlet_that_reports_but_not_one_that_reported():
    assert text_meta.lede_source("Ministers met in Oslo on Monday, The Harbour Ledger reports.") == "The Harbour Ledger"
    assert text_meta.lede_source("Ministers met in Oslo on Monday, Nordic Wire reported.") is None
