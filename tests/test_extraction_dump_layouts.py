"""Text dumps of layouts the stripper has not met before, each written for one rule (invented outlets and people)."""

import pytest

from articles.extraction import text_meta
from articles.extraction.text_dump import extract_text

STORY = [
    "The harbour board of Vellmar voted on Tuesday to replace the four oldest cranes on the north quay, "
    "ending a dispute that had kept container ships waiting offshore for most of the spring.",
    "Dock workers had refused to run the cranes after a cable snapped in March, and the board's engineers "
    "said the repairs would cost more than new machines bought from a yard in the south.",
    "The first two cranes are due in the autumn, the board said, and the quay will stay open while they "
    "are assembled on the old foundations.",
]
MORE_STORY = [
    "Shipping lines welcomed the vote but asked for a date by which the waiting times would fall, saying "
    "the delays had already cost them several contracts with grain traders along the coast.",
    "The union said it would inspect the new cranes before its members agreed to work them, as it had "
    "done when the first electric cranes arrived twenty years ago.",
    "Engineers from the board will spend the summer checking the old foundations, which were poured in the "
    "years after the war and have carried three generations of cranes since then without a serious fault.",
    "A spokeswoman for the board said the old cranes would be sold for scrap once the new ones were running, "
    "and that the money would go towards a second berth for the ferries that cross to the islands.",
]

# A story under its headline and byline with charts and a list of dated teasers set into it.
TEASERS_IN_STORY = "\n\n".join(
    [
        "Lakeside Courier",
        "Vellmar Replaces Its Oldest Harbour Cranes",
        "By Ilse Marten",
        "June 24, 2025",
        *STORY,
        "Cranes in service",
        "12",
        "8",
        "2019",
        "2025",
        "More about the harbour",
        "Ferry Operators Clash Over Island Timetable",
        "June 20, 2025",
        "Grain Exports Slow for a Third Month",
        "June 18, 2025",
        *MORE_STORY,
        "© 2025 Lakeside Courier",
    ]
)

# The page's structured data printed into the dump (a <noscript> copy), one long line of it among the rest.
STRUCTURED_DATA = "\n".join(
    [
        "Quayside Review",
        "",
        "Vellmar Replaces Its Oldest Harbour Cranes",
        "Ilse Marten, @ilsemarten",
        "06.24.25 in Ports",
        "",
        "\n\n".join(STORY + MORE_STORY),
        "",
        "{",
        '"@context": "https://schema.org",',
        '"@type": "NewsArticle",',
        '"datePublished": "2025-06-23 18:40:00",',
        '"articleBody": "' + " ".join(STORY + MORE_STORY + STORY) + '", "headline": "Vellmar cranes"',
        "}",
    ]
)

# A wire credit beside the date; the site names itself in its chrome.
WIRE_DATELINE = "\n\n".join(
    [
        "Abonnez-vous à La Gazette du Lac A partir de 1 € le premier mois",
        "Vellmar remplace ses plus vieilles grues",
        "AFP 24 juin 2025 à 07:19",
        *STORY,
        "Suivez La Gazette du Lac",
        "A la une de La Gazette du Lac",
        "Le meilleur de La Gazette du Lac",
    ]
)

# The outlet's initials all over the page, its full name once in the masthead.
INITIALS = "\n".join(
    [
        "Harbour Safety Alliance",
        "Donate",
        "HSA Annual Meeting",
        "",
        "Vellmar Replaces Its Oldest Harbour Cranes",
        "By Ilse Marten",
        "",
        "\n\n".join(STORY),
        "",
        "About the HSA",
        "The HSA has worked for safer quays since 1950.",
        "© 2025 HSA",
    ]
)

# Co-authors a byline adds in parentheses.
JOINT_BYLINE = "\n\n".join(
    [
        "Vellmar remplace ses plus vieilles grues",
        "Lac Matin | 24.06.2025 à 13h36 | Par Ilse Marten (avec Jonas Weil et Ana Lima)",
        *STORY,
    ]
)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        pytest.param(
            TEASERS_IN_STORY,
            {"title": "Vellmar Replaces Its Oldest Harbour Cranes", "author": "Ilse Marten", "published": "2025-06-24"},
            id="dated-teasers-inside-the-story",
        ),
        pytest.param(
            STRUCTURED_DATA,
            {"title": "Vellmar Replaces Its Oldest Harbour Cranes", "author": "Ilse Marten", "published": "2025-06-23"},
            id="structured-data-printed-into-the-page",
        ),
        pytest.param(WIRE_DATELINE, {"source": "La Gazette du Lac", "published": "2025-06-24"}, id="wire-dateline"),
        pytest.param(INITIALS, {"source": "Harbour Safety Alliance", "author": "Ilse Marten"}, id="initials"),
        pytest.param(
            JOINT_BYLINE,
            {"author": "Ilse Marten (avec Jonas Weil et Ana Lima)", "published": "2025-06-24"},
            id="co-authors-in-parentheses",
        ),
    ],
)
def test_metadata_of_new_layouts(text, want):
    page = extract_text(text)
    got = {
        "title": page.title,
        "author": page.author,
        "source": page.source,
        "published": page.published and page.published.isoformat()[:10],
    }
    assert {key: got[key] for key in want} == want


@pytest.mark.parametrize(
    ("text", "kept", "left_out"),
    [
        pytest.param(
            TEASERS_IN_STORY,
            STORY + MORE_STORY,
            ["Ferry Operators Clash", "Grain Exports Slow"],
            id="the-story-goes-on-under-dated-teasers",
        ),
        pytest.param(STRUCTURED_DATA, STORY + MORE_STORY, ['"@context"', "articleBody"], id="structured-data-is-code"),
    ],
)
def test_body_of_new_layouts(text, kept, left_out):
    body = extract_text(text).body
    assert all(paragraph in body for paragraph in kept)
    assert not any(words in body for words in left_out)


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("10.15.15", "2015-10-15"),
        ("24.06.25", "2025-06-24"),
        ("9/11/13 10:00AM", "2013-09-11T10:00"),
        ("06.24.25 in Ports", "2025-06-24"),
    ],
)
def test_a_date_line_with_a_two_digit_year(line, published):
    meta = text_meta.parse_meta(line)
    assert meta is not None and meta.published.isoformat()[: len(published)] == published


@pytest.mark.parametrize("line", ["1.2.13 released", "Version 2.4.10 is out", "Score 3/2/10 after extra time"])
def test_numbers_with_dots_in_a_sentence_are_no_date_line(line):
    meta = text_meta.parse_meta(line)
    assert meta is None or meta.published is None
