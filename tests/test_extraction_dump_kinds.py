"""Text dumps of more kinds of page, each written for one rule (invented outlets and people)."""

from articles.extraction.text_dump import extract_text

OPENING = [
    "The harbour board of Vellmar voted on Tuesday to replace the four oldest cranes on the north quay, "
    "ending a dispute that had kept container ships waiting offshore for most of the spring.",
    "Dock workers had refused to run the cranes after a cable snapped in March, and the board's engineers "
    "said the repairs would cost more than new machines bought from a yard in the south.",
    "The first two cranes are due in the autumn, the board said, and the quay will stay open while they "
    "are assembled on the old foundations, which were poured in the years after the war.",
]
CLOSING = [
    "Shipping lines welcomed the vote but asked for a date by which the waiting times would fall, saying "
    "the delays had already cost them several contracts with grain traders along the coast.",
    "The union said it would inspect the new cranes before its members agreed to work them, as it had "
    "done when the first electric cranes arrived twenty years ago.",
]


def lines(*parts):
    return "\n".join(parts)


# A "Recommended" box of teaser cards (headline, author, date) set into the story, which goes on under it.
CARDS_OF_THREE_LINES = lines(
    "Skip to content",
    "Ports",
    "Cities",
    "Why Vellmar Is Replacing Its Harbour Cranes",
    "Ilse Marten",
    "9:12 AM ET",
    "The town's oldest machines are giving way to new ones bought from the south.",
    "Share",
    "Email",
    *OPENING,
    "Recommended",
    "The Ferry Timetable Nobody Can Read",
    "Oskar Lind",
    "May 2, 2021",
    "A Night Shift on the Grain Quay",
    "Maja Holt",
    "Jan 9, 2019",
    "How Island Towns Pay for Their Piers",
    "Per Dahl",
    "Oct 30, 2020",
    *CLOSING,
    "About the Author",
    "Ilse Marten",
)


def test_a_box_of_three_line_teaser_cards_inside_the_story_is_left_out_and_the_story_goes_on():
    page = extract_text(CARDS_OF_THREE_LINES)
    for paragraph in OPENING + CLOSING:
        assert paragraph in page.body
    for teaser in ("Ferry Timetable", "Maja Holt", "Oct 30, 2020", "Recommended"):
        assert teaser not in page.body
    assert page.title == "Why Vellmar Is Replacing Its Harbour Cranes"
    assert page.author == "Ilse Marten"
    # The cards' dates are the teasers', not the story's.
    assert page.published is None


# A headline over its standfirst, then the byline and date; a promotion line sits between them and the text.
STANDFIRST_THEN_PROMO = lines(
    "News",
    "Business",
    "The four cranes that Vellmar could not afford to keep",
    "Harbour engineers explain why repairs would have cost more than new machines",
    "Ilse Marten",
    "Friday 24 October 2025",
    "0 comments",
    "Tap here to follow our live coverage of the port strike",
    *OPENING,
    *CLOSING,
)


def test_a_headline_with_its_standfirst_beats_a_promotion_line_nearer_the_text():
    page = extract_text(STANDFIRST_THEN_PROMO)
    assert page.title == "The four cranes that Vellmar could not afford to keep"
    assert OPENING[0] in page.body
