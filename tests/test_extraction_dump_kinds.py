"""Text dumps of more kinds of page, each written for one rule (invented outlets and people)."""

from datetime import date

import pytest

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


ZH_STORY = [
    "维尔马港务局周二投票决定更换北码头四台最老的起重机，结束了一场让集装箱船在海上等待了大半个春天的争议。",
    "三月份一根缆绳断裂后，码头工人拒绝操作这些起重机，港务局的工程师表示，修理费用将超过从南方船厂购买新机器。",
    "港务局说，首批两台起重机将于秋季到货，在旧地基上组装期间码头将继续开放，航运公司对此表示欢迎。",
]
JA_STORY = [
    "ヴェルマー港湾局は火曜日、北埠頭で最も古い四基のクレーンを更新することを決めた。春の大半、コンテナ船が沖合で待たされる原因となっていた。",
    "三月にケーブルが切れて以来、港湾労働者はクレーンの運転を拒んでおり、局の技術者は修理費が新しい機械の購入費を上回ると説明した。",
    "最初の二基は秋に到着する予定で、古い基礎の上で組み立てる間も埠頭は開いたままになるという。",
]

# Chinese and Japanese pages close the story with their own labels: an editor's line, share buttons,
# "recommended reading" and "related articles" over lists of other headlines.
CJK_FURNITURE = [
    (
        lines(
            "首页",
            "新闻",
            "维尔马更换港口起重机",
            "2025年06月24日 07:17",
            *ZH_STORY,
            "[责任编辑：林小港]",
            "分享到：",
            "推荐阅读",
            "渡轮时刻表为何越来越难懂，乘客和船公司各有说法，港务局承诺在夏季结束前公布新的方案",
            "粮食码头的一个夜班：工人们在灯光下装卸货物，直到清晨第一班渡轮靠岸才收工回家休息",
            "岛屿小镇如何为码头买单？镇议会提出三种方案，居民将在下个月的会议上投票作出最后决定",
        ),
        ZH_STORY,
        ["责任编辑", "分享到", "推荐阅读", "渡轮时刻表为何越来越难懂"],
    ),
    (
        lines(
            "ニュース",
            "ヴェルマー港、クレーンを更新",
            "6/24(火) 18:45配信",
            *JA_STORY,
            "【関連記事】",
            "フェリーの時刻表はなぜ読みにくいのか、乗客と船会社の言い分を聞き、港湾局の新しい案を探った",
            "穀物埠頭の夜勤に密着、明け方の最初のフェリーが着くまで荷役を続ける作業員たちの一夜を追った",
            "島の町は桟橋の費用をどう払うのか、町議会が三つの案を示し、住民は来月の集会で投票して決める",
            "注目のビジネスニュース",
            "港湾株が反発、円安で大型の外需株に買い戻しが入り、海運各社の株価は五日ぶりに上昇して引けた",
        ),
        JA_STORY,
        ["関連記事", "フェリーの時刻表はなぜ読みにくいのか", "港湾株が反発"],
    ),
]


@pytest.mark.parametrize(("text", "kept", "left_out"), CJK_FURNITURE)
def test_chinese_and_japanese_closing_labels_end_the_story(text, kept, left_out):
    body = extract_text(text).body
    for paragraph in kept:
        assert paragraph in body
    for furniture_line in left_out:
        assert furniture_line not in body


LONG_PARAGRAPH = (
    "The board's engineers had argued for two years that the cranes could be kept going with new cables, "
    "new motors and a fresh coat of paint, but every survey since the cable snapped found more rust in the "
    "booms, and the insurers finally said they would not cover the quay unless the oldest machines went."
)

# Paragraphs set apart by blank lines, then a stretch where the writer's subheads sit right on top of long
# paragraphs with no blank line: the story's own sections, not a packed teaser card.
SUBHEADS_PACKED_IN_A_SPACED_STORY = "\n\n".join(
    [
        "Why Vellmar Is Replacing Its Harbour Cranes",
        "By Ilse Marten",
        *OPENING,
        "\n".join(["The survey", LONG_PARAGRAPH, "What the union wants", CLOSING[0]]),
        CLOSING[1],
    ]
)


def test_a_subhead_over_a_full_paragraph_without_blank_lines_is_no_teaser_card():
    body = extract_text(SUBHEADS_PACKED_IN_A_SPACED_STORY).body
    for paragraph in [*OPENING, "The survey", LONG_PARAGRAPH, "What the union wants", *CLOSING]:
        assert paragraph in body


SECOND_STORY = [
    "The ferry company of the islands said on Wednesday that it would print one timetable for all its "
    "routes from the summer, after passengers complained that the six leaflets it hands out contradict each other.",
    "The new timetable will be printed on a single folded sheet and posted in every harbour office, the "
    "company said, and the old leaflets will be withdrawn from the ticket offices by the end of the month.",
    "Passengers' groups welcomed the change but said the company should also publish the timetable in the "
    "languages of the summer visitors, who make up half of the passengers in July and August.",
]

# A weekly edition printed as one page: whole articles one under another, each under its headline, byline
# and date.
EDITION = lines(
    "Harbour Weekly",
    "Weekly edition for June 26, 2025",
    "Vellmar Replaces Its Oldest Harbour Cranes",
    "By Ilse Marten",
    "June 25, 2025",
    *OPENING,
    *CLOSING,
    "Comments (4 posted)",
    "One Timetable for the Island Ferries",
    "By Oskar Lind",
    "June 25, 2025",
    *SECOND_STORY,
    "Comments (2 posted)",
    "Copyright © 2025 Harbour Weekly",
)


def test_a_page_of_whole_articles_one_under_another_keeps_them_all():
    page = extract_text(EDITION)
    for paragraph in OPENING + CLOSING + SECOND_STORY:
        assert paragraph in page.body
    assert page.title == "Vellmar Replaces Its Oldest Harbour Cranes"
    assert page.author == "Ilse Marten"


HISTORY = [
    "The first quay at Vellmar was built of timber in the years after the great flood, and it served the "
    "fishing fleet for half a century before the stone harbour replaced it.",
    "The stone harbour took eleven years to finish and was paid for by a tax on every barrel of herring "
    "landed in the town, which the fishermen complained about for a generation.",
]
CRANES = [
    "The first steam cranes arrived on the north quay in the last years of the century, bought second-hand "
    "from a shipyard that had gone bankrupt on the other side of the bay.",
    "Electric cranes replaced them after the war, and the four oldest of those are still standing today, "
    "although dockers have refused to work them since a cable snapped in March.",
]

# A wiki page: its table of contents lists the sections the page then prints with an edit link, and
# pointers to other pages sit over a section.
WIKI_PAGE = lines(
    "Vellmar Harbour",
    "From Harbourpedia, the free encyclopedia",
    "Vellmar Harbour is the port of the town of Vellmar on the north coast, with a north quay for "
    "container ships and a south quay for the ferries that cross to the islands.",
    "Contents",
    "1 History",
    "1.1 The timber quay",
    "2 Cranes",
    "3 See also",
    "History[edit]",
    "The timber quay[edit]",
    "Main article: Timber quays of the north coast",
    *HISTORY,
    "Cranes[edit]",
    "Further information: Harbour cranes of Vellmar",
    *CRANES,
    "See also[edit]",
)


def test_a_wikis_table_of_contents_and_pointers_to_other_pages_go():
    body = extract_text(WIKI_PAGE).body
    for paragraph in HISTORY + CRANES:
        assert paragraph in body
    for furniture_line in ("1 History", "1.1 The timber quay", "2 Cranes", "Main article", "Further information"):
        assert furniture_line not in body


def test_numbered_lines_the_page_does_not_print_again_are_the_storys_list():
    text = lines(
        "The Ten Busiest Ports of the North Coast",
        "By Ilse Marten",
        *OPENING,
        "1 Vellmar",
        "2 Ostrand",
        "3 Kelby",
        "4 Norrvik",
        *CLOSING,
    )
    body = extract_text(text).body
    for port in ("1 Vellmar", "2 Ostrand", "3 Kelby", "4 Norrvik"):
        assert port in body


def test_a_wikis_page_title_is_the_line_over_its_tagline_however_far_above_the_text():
    text = lines(
        "Vellmar Harbour",
        "From Harbourpedia, the free encyclopedia",
        "Coordinates: 57°N 12°E",
        "Vellmar Harbour",
        "Type Seaport",
        "Quays 2",
        "Cranes 4",
        "Opened 1871",
        "Operator Vellmar harbour board",
        "Website vellmar-harbour.example",
        *HISTORY,
        *CRANES,
    )
    assert extract_text(text).title == "Vellmar Harbour"


def test_a_section_name_over_the_page_is_no_outlet():
    text = lines(
        "News & Insights",
        "Ports",
        "Shipping",
        "Why Vellmar Is Replacing Its Harbour Cranes",
        "By Ilse Marten",
        "June 24, 2025",
        *OPENING,
        *CLOSING,
        "© Copyright 2006 - 2025 Quaywise Inc.",
    )
    assert extract_text(text).source == "Quaywise"


def test_a_licence_notice_written_as_a_sentence_is_furniture():
    notice = (
        "Parts of this page are ©2010–2025 by the Quaywise writers and contributors. "
        "Content available under a Creative Commons licence."
    )
    text = lines("Why Vellmar Is Replacing Its Harbour Cranes", "By Ilse Marten", *OPENING, *CLOSING, notice)
    body = extract_text(text).body
    assert CLOSING[-1] in body
    assert "Creative Commons" not in body


def test_a_place_over_the_first_paragraph_that_the_page_writes_as_a_place_is_no_byline():
    text = lines(
        "Vellmar Replaces Its Oldest Harbour Cranes",
        "The harbour board chose new machines over another round of costly repairs to the old ones",
        "24.06.2025 at 12:55",
        "Port Kelby",
        *OPENING,
        "Harbour",
        "Ferry operators in Port Kelby asked for a new timetable after the cranes were stopped for a week.",
        *CLOSING,
    )
    assert extract_text(text).author is None


def test_a_logos_placeholder_over_the_masthead_names_no_outlet():
    text = lines(
        "\ufffc",
        "QUAYWISE",
        "Ports",
        "Why Vellmar Is Replacing Its Harbour Cranes",
        "By Ilse Marten",
        *OPENING,
        *CLOSING,
    )
    assert extract_text(text).source == "QUAYWISE"


def test_a_year_left_beside_a_date_names_no_outlet():
    text = lines(
        "Why Vellmar Is Replacing Its Harbour Cranes",
        "Jun 24 Tue 2025 08:15",
        *OPENING,
        *CLOSING,
    )
    source = extract_text(text).source
    assert source is None or any(char.isalpha() for char in source)


def test_a_front_page_of_one_paragraph_teasers_is_not_an_edition():
    teasers = [
        (
            "Ferry Timetable Changes for the Summer",
            "Oskar Lind",
            "June 25, 2025",
            "The ferry company will print one "
            "timetable for all routes from the summer, after complaints about six leaflets.",
        ),
        (
            "Night Shift on the Grain Quay",
            "Maja Holt",
            "June 24, 2025",
            "Dockers on the grain quay describe a night "
            "of loading before the first ferry of the morning arrives in port.",
        ),
        (
            "Island Towns Weigh Pier Repairs",
            "Per Dahl",
            "June 23, 2025",
            "Three island councils will vote next month on how to pay for the repairs that their old piers now need.",
        ),
    ]
    text = lines(
        "Harbour Weekly",
        *(part for headline, author, day, blurb in teasers for part in (headline, f"By {author}", day, blurb)),
    )
    body = extract_text(text).body
    assert sum(blurb in body for *_, blurb in teasers) == 1


# A blog network's post page: the headline over a long author block (comment count, the name, a profile
# button, the name again), a "Filed to:" tag list one tag a line, the time stamp and the editors' buttons.
BLOG_NETWORK_HEADLINE = "Vellmar Votes to Replace Its Oldest Harbour Cranes"
BLOG_NETWORK_POST = [
    BLOG_NETWORK_HEADLINE,
    "12",
    "Ilse Marten",
    "ProfileFollowUnfollow",
    "Ilse Marten",
    "Filed to: ports",
    "cranes",
    "dockside life",
    "shipping",
    "editor's picks",
    "6/24/25 9:15am",
    "Edit",
    "Delete",
    "Invite",
    "Invite manually",
    "Promote",
    "XDismissXUndismiss",
    "Block for Quaywatch",
    "Hide",
    "Share to Facebook",
    "Share to Twitter",
    "Go to permalink",
    *OPENING,
    *CLOSING,
]
# Above it the network's teaser list and an author box listing the writer's other posts.
BLOG_NETWORK_TOP = [
    "Trending on Quaywatch",
    "1.",
    "Ferry Strike Ends After Two Weeks of Talks",
    "on Portwatch",
    "2.",
    "The Lighthouse Keeper Who Never Left the Island",
    "on Portwatch",
    "Written by Ilse Marten",
    "Why Old Cranes Fail in Cold Weather",
    "The Quiet Economics of the Grain Quay",
    "Follow Followed",
    "You can skip this ad in 5 seconds.",
]


@pytest.mark.parametrize("top", [[], ["Quaywatch", "Ports"], BLOG_NETWORK_TOP])
def test_a_blog_networks_post_header_is_walked_across_to_the_headline_byline_and_time(top):
    page = extract_text(lines(*top, *BLOG_NETWORK_POST))
    assert page.title == BLOG_NETWORK_HEADLINE
    assert page.author == "Ilse Marten"
    assert page.published.date() == date(2025, 6, 24)
    for chrome in ("Promote", "dockside life", "ProfileFollowUnfollow", "skip this ad", "Cold Weather"):
        assert chrome not in page.body
    assert page.body.startswith(OPENING[0])


def test_a_byline_over_a_list_of_the_writers_other_posts_credits_no_teaser_above_it():
    # The teaser's headline stands just above "Written by ..."; the post's own headline has only a date.
    page = extract_text(
        lines(
            *BLOG_NETWORK_TOP[:4],
            *BLOG_NETWORK_TOP[7:10],
            BLOG_NETWORK_HEADLINE,
            "6/24/25 9:15am",
            *OPENING,
            *CLOSING,
        )
    )
    assert page.title == BLOG_NETWORK_HEADLINE


# A newspaper column whose writer's name, in capitals, is glued to the capitalised first word of the lede.
GLUED_LEDE = (
    "ILSE MARTEN THE harbour board of Vellmar voted on Tuesday to replace the four oldest cranes on the "
    "north quay, ending a dispute that had kept ships waiting offshore for most of the spring."
)


@pytest.mark.parametrize(
    ("header", "author"),
    [
        # The name in the lede is the only byline.
        (["Opinion"], "Ilse Marten"),
        # A byline in the header stays the byline; the lede still loses the name.
        (["Opinion", "by: Ilse Marten", "June 24, 2025 9:00PM"], "Ilse Marten"),
    ],
)
def test_a_writers_name_in_capitals_glued_to_the_lede_is_the_byline_not_text(header, author):
    page = extract_text(lines("Menu", *header[:1], BLOG_NETWORK_HEADLINE, *header[1:], GLUED_LEDE, *OPENING[1:]))
    assert page.author == author
    assert page.body.startswith("THE harbour board of Vellmar voted")
    assert "ILSE MARTEN" not in page.body


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        (["Por Ana Ruiz, Pedro Gil y Luis Soto"], "Ana Ruiz, Pedro Gil y Luis Soto"),
        (["Por: Ana Ruiz e Pedro Gil"], "Ana Ruiz e Pedro Gil"),
        (["Di Marco Bassi, Anna Verdi e Luca Neri"], "Marco Bassi, Anna Verdi e Luca Neri"),
        (["Par Paul Morel et Anne Roux"], "Paul Morel et Anne Roux"),
        (["POR ANA DE LA FUENTE Y PEDRO GIL"], "Ana de la Fuente y Pedro Gil"),
        # "Por" on a line of its own over the names; the names alone beside the date.
        (["Por", "Ana Ruiz, Pedro Gil y Luis Soto"], "Ana Ruiz, Pedro Gil y Luis Soto"),
        (["Ana Ruiz y Pedro Gil", "24/06/2025"], "Ana Ruiz y Pedro Gil"),
    ],
)
def test_a_romance_language_byline_keeps_every_author(byline, author):
    page = extract_text(lines("Menu", "Portada", "El puerto de Vellmar cambia sus grúas más viejas", *byline, *OPENING))
    assert page.author == author


def test_the_byline_search_above_the_headline_stops_at_another_headline():
    # The page's title bar prints the headline first.
    page = extract_text(
        lines(
            BLOG_NETWORK_HEADLINE,
            "Quaywatch",
            "The Lighthouse Keeper Who Never Left the Island",
            "By Oskar Lind",
            "Ferry Strike Ends After Two Weeks of Talks",
            "Share",
            "Tweet",
            "Email",
            "Print",
            BLOG_NETWORK_HEADLINE,
            "June 24, 2025",
            *OPENING,
            *CLOSING,
        )
    )
    assert page.title == BLOG_NETWORK_HEADLINE
    assert page.author is None


# An IETF document saved as text: a header in two columns (series and labels on the left; authors,
# organisations and the date on the right), a centred title, pages closed by a footer.
RFC_ABSTRACT = [
    "Abstract",
    "",
    "   This document describes a protocol by which harbour cranes report their",
    "   load to the quay's control room, so that the operators can stop a lift",
    "   before a cable is overloaded.  It replaces the paper logs kept today.",
    "",
    "Status of This Memo",
    "",
    "   This Internet-Draft is submitted in full conformance with the",
    "   provisions of BCP 78 and BCP 79, and may be updated at any time.",
    "",
]


def rfc(header, title, footer):
    return "\n".join([*header, "", "", *title, "", *RFC_ABSTRACT, f"{footer:<64}[Page 1]"])


@pytest.mark.parametrize(
    ("header", "title", "footer", "expected"),
    [
        (
            [
                "Internet-Draft                                         I. Marten",
                "Intended status: Standards Track                  Nordby Port Lab",
                "Expires: 18 June 2026                                P. Dahl-Lind",
                "                                                    (independent)",
                "                                                15 December 2025",
            ],
            ["                    Crane Load Reporting Protocol"],
            "Marten & Dahl-Lind",
            ("Crane Load Reporting Protocol", "I. Marten, P. Dahl-Lind", date(2025, 12, 15)),
        ),
        # The names in full, taken by the surname the footer prints; a two-line title; a month without its day.
        (
            [
                "Network Working Group                                Ilse B. Marten",
                "Request for Comments: 9999                          Nordby Port Lab",
                "Category: Informational                                   June 2025",
            ],
            ["                 Crane Load Reporting:", "                 Requirements of the Quay"],
            "Marten",
            ("Crane Load Reporting: Requirements of the Quay", "Ilse B. Marten", None),
        ),
    ],
)
def test_an_ietf_documents_header_gives_its_title_authors_and_date(header, title, footer, expected):
    page = extract_text(rfc(header, title, footer))
    assert (page.title, page.author, page.published) == expected


def test_a_page_footer_alone_makes_no_ietf_header():
    page = extract_text(lines("Why Vellmar Is Replacing Its Harbour Cranes", "By Ilse Marten", *OPENING, "[Page 1]"))
    assert (page.title, page.author) == ("Why Vellmar Is Replacing Its Harbour Cranes", "Ilse Marten")


def test_a_tag_list_ends_at_a_headline():
    page = extract_text(
        lines("Posted in: ports", "cranes", "Vellmar Replaces Its Harbour Cranes at Last", "By Ilse Marten", *OPENING)
    )
    assert page.title == "Vellmar Replaces Its Harbour Cranes at Last"


def test_a_place_in_capitals_before_the_lede_is_no_byline():
    lede = "NEW HAVEN THE harbour board voted on Tuesday to replace the cranes it bought in New Haven decades ago."
    page = extract_text(lines("Menu", BLOG_NETWORK_HEADLINE, "June 24, 2025", lede, *OPENING[1:]))
    assert page.author is None
    assert page.body.startswith("NEW HAVEN THE")


def test_counts_and_bullets_between_the_headline_and_the_text_are_walked_across():
    # Another layout of the same network: the counts of likes, comments and shares under the headline,
    # then the name, the time, a bullet and the tags.
    page = extract_text(
        lines(
            "Quaywatch",
            "Ports",
            BLOG_NETWORK_HEADLINE,
            "158",
            "•",
            "52",
            "•",
            "4",
            "•",
            "Ilse Marten",
            "ProfileFollowUnfollow",
            "6/24/25 9:15am",
            "Filed to:ports",
            "cranesdockside life",
            "Share to Facebook",
            *OPENING,
            *CLOSING,
        )
    )
    assert (page.title, page.author) == (BLOG_NETWORK_HEADLINE, "Ilse Marten")
    assert page.published.date() == date(2025, 6, 24)
