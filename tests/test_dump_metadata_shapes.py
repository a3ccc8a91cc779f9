"""Shapes of bylines, date lines and outlet names as sites print them in text dumps (invented outlets and people)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from articles.extraction import furniture, text_outlet
from articles.extraction.dates import find_month_day, is_same_day, parse_date
from articles.extraction.text_dump import extract_text
from articles.extraction.text_meta import glued_credit, glued_lede_byline, lede_source, parse_meta
from tests.test_extraction_dump_kinds import OPENING


@pytest.mark.parametrize(
    ("line", "author", "outlet"),
    [
        # The outlet the author writes for, after "for".
        ("By Ilse Marten for The Vellmar Courier", "Ilse Marten", "The Vellmar Courier"),
        # Where the author writes from is no part of the name, nor an outlet.
        ("By Ilse Marten in Halden", "Ilse Marten", None),
        ("By Ilse Marten and Per Dahl in Nordby", "Ilse Marten and Per Dahl", None),
        # A broadcaster's initials as the credit.
        ("Ilse Marten, VRK", "Ilse Marten", "VRK"),
        ("By Ilse Marten, VRK", "Ilse Marten", "VRK"),
        # A credit after the comma is no second author.
        ("By Ilse Marten, Nordby Ledger", "Ilse Marten", "Nordby Ledger"),
        ("By ILSE MARTEN, Staff Writer", "Ilse Marten", None),
        ("By Ilse Marten for the Nordby Ledger", "Ilse Marten", "Nordby Ledger"),
        # The section a post is filed in is no outlet.
        ("Posted in Harbour News on June 24, 2025 by Ilse Marten", "Ilse Marten", None),
        ("Filed under Harbour News by Ilse Marten", "Ilse Marten", None),
        # Without "By": the names run up to the first credit, whatever separates them.
        ("Ilse Marten, Per Dahl and Maja Holt, Nordby Ledger", "Ilse Marten, Per Dahl and Maja Holt", "Nordby Ledger"),
        ("Ilse Marten — Reuters", "Ilse Marten", "Reuters"),
        ("Ilse Marten · Staff writer", "Ilse Marten", None),
        ("Ilse Marten · 5 min read", "Ilse Marten", None),
        # The wire glued to the names; names in capitals around a lower-case "and".
        ("By ILSE MARTEN and PER DAHL Associated Press", "Ilse Marten and Per Dahl", "Associated Press"),
        # The wire alone as the byline.
        ("By Reuters", "Reuters", None),
        # The date's own word is left out of the name.
        ("By Ilse Marten Updated 3:04 PM EDT, Tue June 24, 2025", "Ilse Marten", None),
        # Labels other than "Author:".
        ("Words: Ilse Marten", "Ilse Marten", None),
        ("Texte : Ilse Marten", "Ilse Marten", None),
        ("Автори: Ільзе Мартен, Пер Даль", "Ільзе Мартен, Пер Даль", None),
    ],
)
def test_it_reads_the_byline(line, author, outlet):
    meta = parse_meta(line)
    assert meta is not None
    assert meta.author == author
    assert meta.outlet == outlet


@pytest.mark.parametrize(
    ("line", "published"),
    [
        # "Stand:" (as of) is a date word, not an outlet.
        ("Stand: 24.06.2025 09:15 Uhr", datetime(2025, 6, 24, 9, 15)),
        ("Zuletzt aktualisiert: 24.06.2025", date(2025, 6, 24)),
        ("Zveřejněno 3. 2. 2024", date(2024, 2, 3)),
        ("Mis en ligne le 24-06-2025", date(2025, 6, 24)),
        # A time zone after the time is no outlet either.
        ("24 Jun 2025, 09:15 IST", datetime(2025, 6, 24, 9, 15)),
        ("Jun 24, 2025 9:15 AM ET", datetime(2025, 6, 24, 9, 15)),
    ],
)
def test_a_date_line_with_foreign_date_words_names_no_outlet(line, published):
    meta = parse_meta(line)
    assert meta is not None
    assert meta.kind == "dateline"
    assert meta.published == published
    assert meta.outlet is None


@pytest.mark.parametrize(
    "line",
    [
        # A share row is capitalised like a name.
        "Facebook Twitter",
        "By Email Print",
        # A sentence that has "by" in it.
        "The plan was approved by the council in March",
        "Jane Roe, USA",
        # An outlet or a menu row split by a spaced dot or dash.
        "Nordby Harbour News · 5 min read",
        "Ports — Cities",
    ],
)
def test_it_reads_no_author_from(line):
    meta = parse_meta(line)
    assert meta is None or meta.author is None


@pytest.mark.parametrize(
    ("line", "published"),
    [
        # The day it was published, not the day it was last changed, wherever each stands.
        ("Updated June 25, 2025 | Published June 24, 2025", date(2025, 6, 24)),
        ("June 24, 2025 (updated June 25, 2025)", date(2025, 6, 24)),
        ("Aktualisiert am 25.06.2025, veröffentlicht am 24.06.2025", date(2025, 6, 24)),
        # Only an update: that is the day the page gives.
        ("Updated: 25.06.2025", date(2025, 6, 25)),
    ],
)
def test_a_line_with_two_dates_gives_the_day_of_publication(line, published):
    assert parse_meta(line).published == published


@pytest.mark.parametrize(
    "line",
    ["Publié le 24 juin à 09h15", "Опубліковано 24 червня о 09:15", "Veröffentlicht am 24. Juni um 09:15 Uhr"],
)
def test_a_day_without_its_year_may_have_its_time_after_a_word(line):
    meta = parse_meta(line)
    assert meta is not None
    assert meta.month_day == (6, 24)


@pytest.mark.parametrize(
    ("line", "author", "outlet"),
    [
        # An outlet after "by" is the outlet, not the author.
        ("Published by The Nordby Ledger on June 24, 2025", None, "The Nordby Ledger"),
        ("By The Nordby Ledger | Source: Harbour Board", None, "The Nordby Ledger"),
        # A wire or the outlet's staff stays the byline.
        ("By The Associated Press", "The Associated Press", None),
        ("By Nordby Ledger Staff", "Nordby Ledger Staff", None),
    ],
)
def test_an_outlet_after_by(line, author, outlet):
    meta = parse_meta(line)
    assert (meta.author, meta.outlet) == (author, outlet)


def test_a_single_word_beside_a_day_without_its_year_is_not_taken_for_the_outlet():
    # Czech sites print today's day and its name day in the top bar: "1. 11. Felix".
    assert parse_meta("1. 11.  Valter") is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        # The date, the source and the credits glued on one line; the writer's label is empty.
        ("2023-05-04 10:12:30来源：海港日报作者：责任编辑：林海波", "林海波"),
        ("作者：周明 编辑：林海波", "周明"),
        ("记者 周明 报道", "周明"),
        ("[责任编辑:林海波]", "林海波"),
    ],
)
def test_it_reads_cjk_credit_labels(line, author):
    meta = parse_meta(line)
    assert meta is not None
    assert meta.author == author


def test_a_cjk_credit_glued_to_the_date_keeps_the_date():
    meta = parse_meta("2023-05-04 10:12:30来源：海港日报作者：周明")
    assert meta.author == "周明"
    assert meta.published == datetime(2023, 5, 4, 10, 12, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24-06-2025", date(2025, 6, 24)),
        ("06-24-2025", date(2025, 6, 24)),
        ("24. 6. 2025", date(2025, 6, 24)),
        ("1. 11. 2021 10:52", datetime(2021, 11, 1, 10, 52)),
        ("06/09/2025", date(2025, 6, 9)),
        # A dot between hour and minute before a zone or am/pm; not before a word.
        ("Tue 24 Jun 2025 09.15 BST", datetime(2025, 6, 24, 9, 15, tzinfo=timezone(timedelta(hours=1)))),
        ("24 June 2025 9.15pm", datetime(2025, 6, 24, 21, 15)),
        ("June 24, 2025 12.30 the", date(2025, 6, 24)),
    ],
)
def test_it_reads_dashed_and_spaced_numeric_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "month_day"),
    [
        ("le 24 juin", (6, 24)),
        ("24 червня", (6, 24)),
        ("3. 4.", (4, 3)),
        ("24.06.", (6, 24)),
        ("Jun 24 at 3:04 PM", (6, 24)),
        # A capitalised word before the day is no month, but the day opens one.
        ("Опубліковано 24 червня о 09:15", (6, 24)),
        # Not dates: a lower-case English word, a short abbreviation, a section number.
        ("5 may people", None),
        ("2 set", None),
        ("Section 1.2.", None),
    ],
)
def test_it_reads_a_day_without_its_year(text, month_day):
    found = find_month_day(text)
    assert (found[:2] if found else None) == month_day


@pytest.mark.parametrize(
    ("line", "names"),
    [
        # A product of the site, capitalised or ending the line.
        ("Vellmar Courier Daily: the morning briefing", ["Vellmar Courier"]),
        ("Vellmar Courier store", ["Vellmar Courier"]),
        ("The Vellmar Courier homepage", ["The Vellmar Courier"]),
        # A headline is no product.
        ("Harbour leadership contest", []),
        # Menu words before "Edition" or "Deals" are no outlet.
        ("Daily Edition", []),
        ("UK Edition", []),
        ("Money Deals", []),
        ("A Plus", []),
    ],
)
def test_the_chrome_names(line, names):
    assert text_outlet.names_in(line) == names


# "Home" where a breadcrumb starts and a language switch, in any language, name no outlet.
@pytest.mark.parametrize("name", ["首页", "Startseite", "Accueil", "English", "Українська", "Nordby Ledger"])
def test_a_breadcrumbs_home_or_a_language_is_no_outlet_name(name):
    assert text_outlet.clean(name) == (name if name == "Nordby Ledger" else None)


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        # An outlet's name under the byline, after "From:".
        ("From: The Nordby Ledger", "The Nordby Ledger"),
        ("Von: Nordby Kurier", "Nordby Kurier"),
        # A person or a photo agency is no outlet.
        ("From: Ilse Marten", None),
        ("From: Getty Images", None),
    ],
)
def test_it_reads_the_from_label(line, outlet):
    meta = parse_meta(line)
    assert (meta.outlet if meta else None) == outlet


def test_a_photo_credit_label_glued_to_the_photographer_is_no_outlet():
    assert glued_credit("CreditIlse Marten") is None
    assert glued_credit("The Nordby LedgerIlse Marten") == ("The Nordby Ledger", "Ilse Marten")


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        # A name too long until its company forms go.
        ("Copyright © 2025 Nordby Ledger Media Group GmbH. All rights reserved.", ("Nordby Ledger", True)),
        ("© 2025 Nordby Ledger", ("Nordby Ledger", False)),
        # A word or a dash between the year and the name; the years before the sign.
        ("© 2025 by Nordby Ledger", ("Nordby Ledger", False)),
        ("© 2025 – Nordby Ledger", ("Nordby Ledger", False)),
        ("2025 © Nordby Ledger", ("Nordby Ledger", False)),
        # A name in a script without capitals; "all rights reserved" in other languages.
        ("Copyright © 2023 海港日报 版权所有", ("海港日报", False)),
        ("© 2025 Nordby Kurier Alle Rechte vorbehalten", ("Nordby Kurier", False)),
        ("© 2025 Нордбі Вісті Усі права захищено", ("Нордбі Вісті", False)),
    ],
)
def test_it_reads_the_copyright_owner(line, owner):
    assert text_outlet.copyright_owner(line) == owner


@pytest.mark.parametrize(
    ("line", "year"),
    [
        ("© 1999-2024 Nordby Ledger", 2024),
        ("1999 – 2024 © Nordby Ledger", 2024),
        ("2024 © Nordby Ledger", 2024),
        ("Nordby Ledger, founded 1999", None),
    ],
)
def test_it_reads_the_copyright_year(line, year):
    assert text_outlet.copyright_year(line) == year


def test_a_day_without_its_year_takes_the_year_of_a_copyright_line_printed_after_its_sign():
    page = extract_text(
        "\n".join(["Menu", "Vellmar votes to replace its oldest harbour cranes", "By Ilse Marten", "3. 6.", *OPENING])
        + "\n2001 – 2024 © Nordby Ledger"
    )
    assert page.published == date(2024, 6, 3)


def test_the_outlet_a_lede_credits_itself_with_may_follow_a_lower_case_the():
    lede = "The harbour board voted on Tuesday to replace the cranes on the north quay, the Nordby Ledger reports."
    assert lede_source(lede) == "Nordby Ledger"


def test_the_outlet_an_author_writes_for_is_the_source_and_the_place_is_not():
    page = extract_text(
        "\n".join(
            [
                "Menu",
                "Search",
                "Vellmar votes to replace its oldest harbour cranes",
                "By Ilse Marten for The Nordby Ledger in Halden",
                "June 24, 2025",
                *OPENING,
            ]
        )
    )
    assert page.author == "Ilse Marten"
    assert page.source == "The Nordby Ledger"
    assert page.published == date(2025, 6, 24)


@pytest.mark.parametrize(
    ("header", "published"),
    [
        # An update line above the publication line: the publication date.
        (
            [
                "By Ilse Marten, Nordby Ledger",
                "Updated 3:04 PM EDT, Wed June 25, 2025",
                "Published 1:00 PM EDT, Tue June 24, 2025",
            ],
            date(2025, 6, 24),
        ),
        # Only an update line: its day.
        (["By Ilse Marten", "Updated 3:04 PM EDT, Wed June 25, 2025"], date(2025, 6, 25)),
    ],
)
def test_the_header_gives_the_day_of_publication_over_the_day_of_the_update(header, published):
    page = extract_text("\n".join(["Menu", "Vellmar votes to replace its oldest harbour cranes", *header, *OPENING]))
    assert page.author == "Ilse Marten"
    assert page.published.date() == published


@pytest.mark.parametrize(
    ("paragraph", "found"),
    [
        ("ILSE MARTEN THE board voted to close the quay.", ("Ilse Marten", "THE board voted to close the quay.")),
        ("ILSE MARTEN A HIGH-powered team came to the quay.", ("Ilse Marten", "A HIGH-powered team came to the quay.")),
        ("MAJA O’HOLT IT’S nice to think the ferries run.", ("Maja O'Holt", "IT’S nice to think the ferries run.")),
        ("ILSE MARTEN HOW is it that nobody asked?", ("Ilse Marten", "HOW is it that nobody asked?")),
        ("ILSE MARTEN THE HARBOUR board voted on Tuesday.", ("Ilse Marten", "THE HARBOUR board voted on Tuesday.")),
        ("ILSE VON MARTEN THE board voted.", ("Ilse von Marten", "THE board voted.")),
        # A lede in capitals without a name, an agency's or an outlet's name, a title before a name.
        ("THE board voted to replace the cranes.", None),
        ("NORDBY LEDGER THE board voted.", None),
        ("AP PHOTO A crane on the north quay.", None),
        ("HARBOUR MASTER PER DAHL said the cranes would go.", None),
        ("PORT WORKERS MET on Tuesday to vote.", None),
        ("VELLMAR — The board voted.", None),
    ],
)
def test_it_reads_a_name_in_capitals_glued_to_the_lede(paragraph, found):
    assert glued_lede_byline(paragraph) == found


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Di Marco Bassi e Anna Verdi", "Marco Bassi e Anna Verdi"),
        ("Por: Ana Ruiz y Pedro Gil", "Ana Ruiz y Pedro Gil"),
        ("Par : Paul Morel et Anne Roux", "Paul Morel et Anne Roux"),
        ("POR ANA RUIZ Y PEDRO GIL", "Ana Ruiz y Pedro Gil"),
        ("POR JOSÉ DE LA FUENTE, ANA RUIZ Y PEDRO GIL", "José de la Fuente, Ana Ruiz y Pedro Gil"),
        # Italian "di" inside a line is "of", and a surname may open with "Di".
        ("La casa di Marco Bassi", None),
        ("Di fronte alla crisi, il porto ha chiuso", None),
    ],
)
def test_it_reads_romance_language_bylines_with_several_authors(line, author):
    meta = parse_meta(line)
    assert (meta.author if meta else None) == author


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # A blog network's buttons, one a line or glued together; a video ad's countdown; the account links.
        ("ProfileFollowUnfollow", furniture.DROP),
        ("XDismissXUndismiss", furniture.DROP),
        ("Follow Followed", furniture.DROP),
        ("Invite manually", furniture.DROP),
        ("Block for Quaywatch", furniture.DROP),
        ("You can skip this ad in 5 seconds.", furniture.DROP),
        ("Sign in / Sign up", furniture.DROP),
        ("Filed to: ports", furniture.DROP),
        # The same words in a heading.
        ("Hide and seek on the quay", None),
        ("Delete the old timetable", None),
    ],
)
def test_the_furniture_of_a_post_header(line, kind):
    assert furniture.classify(line) == kind


@pytest.mark.parametrize(
    ("top_bar", "stamp", "published"),
    [
        # Today's date in the top bar (with the day's name day), the year from the copyright line.
        ("24. 6. Ilse", "před 2 hodinami", date(2025, 6, 24)),
        ("Tuesday, 24 June 2025", "2 hours ago", date(2025, 6, 24)),
        ("Dienstag, 24. Juni 2025", "vor 5 Minuten", date(2025, 6, 24)),
        # Days ago is another day; no top bar, no day.
        ("Tuesday, 24 June 2025", "3 days ago", None),
        ("Ports", "2 hours ago", None),
    ],
)
def test_a_time_stamp_of_hours_ago_takes_the_day_the_top_bar_prints(top_bar, stamp, published):
    page = extract_text(
        "\n".join(
            ["Menu", top_bar, "Ports", "Cities", "Weather", "Sport"]
            + ["Vellmar votes to replace its oldest harbour cranes", "Ilse Marten", stamp]
        )
        + "\n"
        + "\n".join(OPENING)
        + "\n© 2025 Nordby Ledger"
    )
    assert page.published == published


@pytest.mark.parametrize(
    ("text", "same_day"),
    [
        ("2 hours ago", True),
        ("před 2 hodinami", True),
        ("il y a 3 h", True),
        ("hace 5 minutos", True),
        ("Ilse Marten • 8h", True),
        ("2 days ago", False),
        ("yesterday", False),
        ("3 giorni fa", False),
        ("June 24, 2025", False),
    ],
)
def test_it_tells_a_time_stamp_of_the_same_day(text, same_day):
    assert is_same_day(text) == same_day


@pytest.mark.parametrize(
    ("line", "profile"),
    [
        ("ProfileFollowUnfollow", True),
        ("Follow Following", True),
        ("Follow", True),
        ("Promote", False),
        ("Profile of a port", False),
    ],
)
def test_it_tells_an_author_cards_buttons(line, profile):
    assert furniture.is_profile_button(line) == profile
