"""The plain-text dump stripper, on the saved pages in fixtures/pages/text (no database)."""

import json
from pathlib import Path

import pytest

from articles.extraction import furniture, text_meta, text_outlet
from articles.extraction.dates import find_date
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


# The outlets of the analysis fixtures: the masthead and the copyright line name it, never a dateline
# ("Brussels, 18 February 2025") or a byline's role ("By Jane Roe, Washington correspondent").

ANALYSIS_PAGES = PAGES.parent / "analysis"


@pytest.mark.parametrize(
    ("name", "source", "author"),
    [
        ("baltic_wire_sanctions.txt", "Baltic Wire", "Tomas Vaitkus"),
        ("harbor_times_summit.txt", "The Harbor Times", "Rachel Dunmore"),
    ],
)
def test_the_outlet_is_the_masthead_not_the_dateline_or_the_bylines_role(name, source, author):
    page = extract_text((ANALYSIS_PAGES / name).read_text(encoding="utf-8"))
    assert (page.source, page.author) == (source, author)


@pytest.mark.parametrize(
    ("line", "author", "outlet", "published"),
    [
        ("By Jane Roe and John Doe", "Jane Roe and John Doe", None, None),
        ("By Jane Roe, Reuters", "Jane Roe", "Reuters", None),
        ("Jane Roe, Reuters", "Jane Roe", "Reuters", None),
        ("Jane Roe | Staff writer", "Jane Roe", None, None),
        ("By Jane Roe, Washington correspondent", "Jane Roe", None, None),
        ("by Jane Roe @janeroe February 1, 2016: 12:41 PM ET", "Jane Roe", None, "2016-02-01"),
        ("Posted by Jane Roe on March 10, 2015 at 08:05", "Jane Roe", None, "2015-03-10T08:05:00"),
        ("on March 10, 2015 by Jane Roe", "Jane Roe", None, "2015-03-10"),
        ("// By Jane Roe • Nov 11, 2020", "Jane Roe", None, "2020-11-11"),
        ("by Jane Roe (reporting) and John Doe (photography)", "Jane Roe and John Doe", None, None),
        ("Kyiv Ledger | 24.06.2025 à 13h36 | Par Jane Roe", "Jane Roe", "Kyiv Ledger", "2025-06-24T13:36:00"),
        ("Photo by Jane Roe", None, None, None),
        ("The treaty was signed by Jane Roe on Monday, June 2, 2025.", None, None, None),
    ],
)
def test_it_reads_bylines_in_their_many_forms(line, author, outlet, published):
    meta = text_meta.parse_meta(line)
    got = (meta.author, meta.outlet, meta.published.isoformat() if meta.published else None) if meta else None
    assert got == ((author, outlet, published) if author else None)


@pytest.mark.parametrize(
    ("line", "published", "outlet"),
    [
        ("Published 3:04 PM EDT, Tue June 24, 2025", "2025-06-24T15:04:00-04:00", None),
        ("24.06.2025", "2025-06-24", None),
        ("24.06.2025, 09:12 Uhr", "2025-06-24T09:12:00", None),
        ("Brussels, 18 February 2025 – 16:40", "2025-02-18T16:40:00", None),
        ("Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST", "2019-01-03T02:00:00-05:00", None),
        ("AFP 30 avril 2015 à 07:19 (Mis à jour : 30 avril 2015 à 07:38)", "2015-04-30T07:19:00", "AFP"),
    ],
)
def test_it_reads_date_lines(line, published, outlet):
    meta = text_meta.parse_dateline(line)
    assert (meta.published.isoformat(), meta.outlet) == (published, outlet)


def test_a_relative_date_is_a_date_line_without_a_day():
    meta = text_meta.parse_dateline("2 hours ago")
    assert (meta.published, meta.relative, meta.dated) == (None, True, True)
    assert text_meta.parse_dateline("vor 5 Stunden").relative


def test_a_day_without_its_year_takes_the_year_of_the_copyright_line():
    text = (
        "Allies meet in Oslo\nBy Jane Roe June 24 at 3:04 PM\n\n"
        "Foreign ministers met in Oslo on Tuesday to discuss a ceasefire and new sanctions on Russia.\n\n"
        "They agreed to meet again next month in Rome to discuss the sanctions package.\n\n"
        "© 2025 The Oslo Harbour Times\n"
    )
    page = extract_text(text)
    assert (page.author, page.published_iso(), page.source) == ("Jane Roe", "2025-06-24", "The Oslo Harbour Times")


def test_a_relative_date_leaves_the_day_unknown():
    text = (
        "Allies meet in Oslo\nBy Jane Roe\n2 hours ago\n\n"
        "Foreign ministers met in Oslo on Tuesday to discuss a ceasefire and new sanctions on Russia.\n\n"
        "They agreed to meet again next month in Rome to discuss the sanctions package.\n"
    )
    assert extract_text(text).published is None


def test_the_story_runs_past_subheads_short_paragraphs_quotes_and_code():
    paragraphs = [
        "Ministers from twelve countries met in Oslo on Monday and agreed a plan with three separate parts.",
        "Why it matters",
        "Air defence has become the alliance's most urgent need since the winter.",
        "It is.",
        '"We will not wait for the next attack," the minister said.',
        "The plan itself fits in a few lines:",
        "  deliveries = interceptors + radars",
        "  training = crews(Poland, Romania)",
        "Officials said the first deliveries would arrive in the autumn of this year, before the winter.",
    ]
    text = "Home\nWorld\nAllies agree on a plan for air defence\nBy Jane Roe\n\n" + "\n\n".join(paragraphs) + "\n"
    assert extract_text(text).paragraphs == [p.strip() for p in paragraphs]


def test_a_related_box_inside_the_story_goes_and_the_story_goes_on():
    text = (
        "Allies agree on a plan for air defence\nBy Jane Roe\n\n"
        "Ministers from twelve countries met in Oslo on Monday and agreed a plan with three separate parts "
        "that officials said would change how the alliance buys and shares its air defence.\n\n"
        "Related\n"
        "Finland opens new border crossing for freight\n\n"
        "The first part covers faster deliveries of interceptor missiles to Kyiv before the winter, "
        "paid for from a joint fund that members will fill according to the size of their economies.\n\n"
        "The second covers radars for the eastern flank and the crews to run them, trained in Poland.\n"
    )
    page = extract_text(text)
    assert "Finland opens" not in page.body
    assert page.paragraphs[-1].startswith("The second covers radars")


def test_comments_under_the_story_are_not_the_story():
    text = (
        "Allies agree on a plan for air defence\nBy Jane Roe\n24.06.2025\n\n"
        "Ministers from twelve countries met in Oslo on Monday and agreed a plan with three separate parts.\n\n"
        "Officials said the first deliveries would arrive in the autumn of this year, before the winter.\n\n"
        "3 comments\n"
        "Anna K. · 24.06.2025 at 11:02\n"
        "This is the third plan in two years and none of them has delivered a single missile on time.\n"
        "Reply\n"
        "Carl D. · 24.06.2025 at 12:40\n"
        "Better late than never, and the radars at least are a real step forward for the eastern flank.\n"
        "Reply\n"
    )
    page = extract_text(text)
    assert page.paragraphs[-1].startswith("Officials said")


def test_an_author_box_under_the_story_goes():
    text = (
        "Allies agree on a plan for air defence\nBy Jane Roe\n\n"
        "Ministers from twelve countries met in Oslo on Monday and agreed a plan with three separate parts.\n\n"
        "Officials said the first deliveries would arrive in the autumn of this year, before the winter.\n\n"
        "Jane Roe is a defence correspondent based in Oslo. She has covered the alliance since 2019.\n"
    )
    page = extract_text(text)
    assert page.author == "Jane Roe"
    assert "correspondent" not in page.body


def test_a_page_of_a_few_short_lines_and_no_furniture_is_read_whole():
    assert extract_text("Test case one\nTest case two\n").body == "Test case one\n\nTest case two"


def test_chinese_text_is_prose():
    text = "首页\n新闻\n科技\n" + "\n".join(
        [
            "研究人员周二表示，新的空中防御计划将在今年秋天之前开始交付第一批导弹。",
            "官员们说，这项计划分为三个部分，包括更快的交付、联合采购雷达和培训机组人员。",
        ]
    )
    assert extract_text(text).paragraphs[-1].startswith("官员们说")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Copy link", furniture.DROP),
        ("Copier le lien", furniture.DROP),
        ("Go to permalink", furniture.DROP),
        ("Share on Google Plus", furniture.DROP),
        ("This audio is created with AI assistance", furniture.DROP),
        ("Dieser Artikel wurde mit KI-Unterstützung vorgelesen.", furniture.DROP),
        ("Reproduction without permission is prohibited.", furniture.DROP),
        ("Nachdruck nur mit Genehmigung des Verlags.", furniture.DROP),
        ("Comments are closed.", furniture.STOP),
        ("Commentaires (14)", furniture.STOP),
        ("Las más leídas", furniture.STOP),
        ("Sites ▪ Jobs ▪ Shop ▪ Mobile ▪ Archives", None),
        ("Apple patched three flaws in Safari this week. Read more", furniture.DROP),
        ("Jane Roe, Reuters, contributed to this report.", furniture.DROP),
        ("He asked for more…", None),
        ("Leia também", furniture.STOP),
        ("Receba a newsletter da Gazeta do Vale", furniture.DROP),
        ("Você já é assinante? Faça login", furniture.DROP),
        ("Ouvir o texto", furniture.DROP),
        ("From Lakepedia, the free encyclopedia", furniture.DROP),
        ("Jump to: navigation, search", furniture.DROP),
        ("From Lakeside, the ferry runs twice a day.", None),
    ],
)
def test_it_knows_furniture_inside_the_story(line, kind):
    assert furniture.classify(line) == kind


def test_a_paragraph_the_story_says_twice_stays_twice_but_a_page_printed_twice_does_not():
    said_twice = "\n\n".join(["Harbour Cranes Stand Idle", PARAGRAPH_A, "Subhead one", PARAGRAPH_A, "Subhead two"])
    assert extract_text(said_twice).body.count(PARAGRAPH_A) == 2
    printed_twice = "\n\n".join(
        ["Harbour Cranes Stand Idle", PARAGRAPH_A, PARAGRAPH_B, "Share", PARAGRAPH_A, PARAGRAPH_B]
    )
    assert extract_text(printed_twice).body.count(PARAGRAPH_A) == 1


PARAGRAPH_A = (
    "The three new container cranes at the southern terminal have stood idle for eleven weeks, and the port "
    "authority now says they will not move before the summer."
)
PARAGRAPH_B = (
    "Engineers found cracks in the welds of two boom sections during the acceptance tests in December, "
    "according to a report the board discussed on Monday."
)


def test_a_pull_quote_under_its_paragraph_stays_and_a_standfirst_above_it_goes():
    # The same sentence is said inside the first paragraph: above it, a standfirst (goes); below it, a
    # pull quote set apart (stays, as on the page).
    sentence = "The port authority now says the new container cranes will not move before the summer, engineers say."
    lede = f"{PARAGRAPH_B[:-1]}; {sentence}"
    standfirst = extract_text("\n\n".join(["Harbour Cranes Stand Idle", sentence, lede, PARAGRAPH_A])).body
    assert standfirst.count(sentence) == 1 and lede in standfirst
    pull_quote = extract_text("\n\n".join(["Harbour Cranes Stand Idle", lede, sentence, PARAGRAPH_A])).body
    assert pull_quote.count(sentence) == 2


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Get Lakeside Courier delivered to your inbox", ["Lakeside Courier"]),
        ("Get the most out of Lakeside Courier. Subscribe to our newsletter", ["Lakeside Courier"]),
        ("Sign up for Lakeside Courier’s newsletter", ["Lakeside Courier"]),
        ("Vous êtes abonné à Courrier du Lac", ["Courrier du Lac"]),
        ("Buscar no site da Gazeta do Vale", ["Gazeta do Vale"]),
        ("Mara Holt/Lakeside Courier", ["Lakeside Courier"]),
        ("Neurology / Neuroscience", []),
        ("Get Started", []),
        (
            "Mara Holt Mara is the Security Editor at Lakeside Courier, which she joined in 2012 after working for "
            "the Daily Ledger, the Associated Press, Bloomberg News and other publications in three cities.",
            ["Lakeside Courier"],
        ),
    ],
)
def test_the_sites_chrome_names_the_outlet(line, names):
    assert text_outlet.names_in(line) == names


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("21.dez.2018 às 12h55", "2018-12-21T12:55"),
        ("14.mar.2025", "2025-03-14"),
        ("3. März 2024", "2024-03-03"),
    ],
)
def test_it_reads_dates_with_dots_between_day_month_and_year(line, published):
    assert find_date(line).value.isoformat()[: len(published)] == published


def test_a_headline_with_a_colon_in_title_case_is_no_persons_name():
    text = "\n\n".join(["Harbour Cranes: What Went Wrong and What Comes Next", PARAGRAPH_A, PARAGRAPH_B])
    assert extract_text(text).title == "Harbour Cranes: What Went Wrong and What Comes Next"


@pytest.mark.parametrize(
    ("line", "outlet", "name", "published"),
    [
        ("Associated PressDecember 2, 2016", "Associated Press", None, "2016-12-02"),
        ("Lakeside CourierOctober 13, 2016", "Lakeside Courier", None, "2016-10-13"),
    ],
)
def test_it_reads_a_credit_glued_to_its_date(line, outlet, name, published):
    meta = text_meta.parse_meta(line)
    assert (meta.outlet, meta.name, meta.published.isoformat()) == (outlet, name, published)


def test_a_live_feed_beside_the_story_is_not_the_story():
    feed = ["14:44 Ferry operators clash over island timetable", "14:32 Port authority names new chief", "14:10"]
    feed += [PARAGRAPH_B.replace("Engineers", "Divers"), "13:54 Grain exports slow for a third month", "13:43"]
    text = "\n\n".join(["Harbour Cranes Stand Idle", "By Mara Holt", PARAGRAPH_A, PARAGRAPH_B, "Live", *feed])
    body = extract_text(text).body
    assert PARAGRAPH_B in body and "Divers" not in body and "14:44" not in body


@pytest.mark.parametrize(
    "masthead",
    ["Connexion Abonnement", "Lakeside-Foren: Einloggen | Registrieren", "log in sign up", "Blog"],
)
def test_the_account_links_of_the_top_bar_are_no_masthead(masthead):
    text = "\n".join([masthead, "", "Harbour Cranes Stand Idle", "By Mara Holt", "", PARAGRAPH_A, "", PARAGRAPH_B])
    text += "\n\n© 2024 Lakeside Courier Ltd"
    assert extract_text(text).source == "Lakeside Courier"


def test_a_wikis_tagline_under_the_title_is_not_the_title():
    lines = ["Harbour crane", "From Lakepedia, the free encyclopedia", "Jump to navigation Jump to search"]
    text = "\n".join([*lines, "", PARAGRAPH_A, "", PARAGRAPH_B])
    page = extract_text(text)
    assert page.title == "Harbour crane" and "encyclopedia" not in page.body
