"""Text dumps of layouts the stripper has not met before, each written for one rule (invented outlets and people)."""

import pytest

from articles.extraction import furniture, text_meta, text_outlet
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


# A formula a browser printed one symbol a line, inside a paragraph of a short page.
FORMULA = "\n".join(
    [
        "Harbour Tide Tables Explained",
        "",
        "The height of the tide at the north quay follows a simple rule, which the harbour office prints on "
        "the board beside the gate every morning for the crews.",
        "",
        "When",
        "t",
        ">",
        "0",
        ", the height is",
        "h",
        "=",
        "a",
        "+",
        "b",
        "t",
        "and the board rounds it to the nearest tenth of a metre.",
        "",
        STORY[0],
    ]
)

# Headline, standfirst without a full stop, a caption ending in its photo credit, then the date.
CAPTION_OVER_DATE = "\n".join(
    [
        "Lakeside Courier",
        "Menu",
        "Vellmar vota a troca dos guindastes do cais norte",
        "Na reunião, a direção do porto aprovou a compra de quatro máquinas novas para o cais",
        "Copiar link",
        "Os guindastes antigos do cais norte, parados desde março - Ilse Marten/Lakeside Courier",
        "24.jun.2025 às 12h55",
        "",
        "\n\n".join(STORY),
    ]
)

# The byline under a row of share buttons; the headline printed again in the title bar above.
SHARE_ROW = "\n".join(
    [
        "Lakeside Courier",
        "Vellmar Replaces Its Oldest Harbour Cranes",
        "Sign In",
        "Ports",
        "Vellmar Replaces Its Oldest Harbour Cranes",
        "Share on Facebook",
        "Share on Twitter",
        "Share via Email",
        "More Options",
        "Resize Text",
        "Share on LinkedIn",
        "Share on Tumblr",
        "Print Article",
        "By Ilse Marten June 24 at 3:57 PM",
        "1 of 12",
        "Full Screen",
        "Autoplay",
        "Skip Ad",
        "×",
        "Cranes Stand Idle As Ships Wait Offshore",
        "View Photos",
        "",
        "\n\n".join(STORY + MORE_STORY),
        "",
        "© 2025 Lakeside Courier",
    ]
)

# A personal site: no byline, the owner's name on the post's footer line and in the copyright line.
PERSONAL_SITE = "\n".join(
    [
        "Notes from the North Quay",
        "",
        "\n\n".join(STORY),
        "",
        "Ilse Marten — 2025-06-24 — in Ports — Permalink — License",
        "Home",
        "Archives",
        "© 2025 Ilse Marten — Write to me — My photos",
    ]
)

# The outlet's name only in a breadcrumb above the headline and in the first cell of a footer row.
BREADCRUMB_AND_FOOTER = "\n".join(
    [
        "Quai & Co > Actualités > 2025 > Juin > Vellmar remplace ses grues",
        "Vellmar remplace ses plus vieilles grues",
        "Par Ilse Marten",
        "",
        "\n\n".join(STORY),
        "",
        "© Quai-Matin.fr | Mentions légales | Qui sommes-nous ? | Contact | Publicité | Index | Aide (FAQ) : "
        "abonnements, résiliation, modification de vos données personnelles et de vos préférences d'envoi",
    ]
)

# Two short paragraphs around a list of links and images, on a page of a few lines.
SHORT_PAGE = "\n".join(
    [
        "Quay Test Page",
        STORY[0],
        "",
        "Links",
        "",
        "link",
        "",
        "link",
        "",
        "link",
        "",
        "link",
        "",
        "Images",
        STORY[1],
    ]
)

# The second paragraph said again inside a later one: the story's own words, not a standfirst.
SAID_AGAIN = "\n\n".join(
    [
        "Vellmar Replaces Its Oldest Harbour Cranes",
        STORY[0],
        STORY[2],
        "Later in the meeting the chairman repeated it: " + STORY[2],
    ]
)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        pytest.param(
            CAPTION_OVER_DATE,
            {"title": "Vellmar vota a troca dos guindastes do cais norte", "published": "2025-06-24"},
            id="caption-over-the-date",
        ),
        pytest.param(
            SHARE_ROW,
            {"title": "Vellmar Replaces Its Oldest Harbour Cranes", "author": "Ilse Marten"},
            id="share-row-between-headline-and-byline",
        ),
        pytest.param(PERSONAL_SITE, {"author": "Ilse Marten"}, id="personal-site"),
        pytest.param(BREADCRUMB_AND_FOOTER, {"source": "Quai & Co"}, id="breadcrumb-root"),
        pytest.param(SHORT_PAGE, {"title": "Quay Test Page"}, id="short-page-title-with-a-label-word"),
    ],
)
def test_more_metadata_of_new_layouts(text, want):
    test_metadata_of_new_layouts(text, want)


@pytest.mark.parametrize(
    ("text", "kept", "left_out"),
    [
        pytest.param(
            FORMULA,
            [STORY[0], "When t > 0 , the height is h = a + b t and the board rounds it"],
            [],
            id="formula-a-symbol-a-line",
        ),
        pytest.param(SHORT_PAGE, STORY[:2], [], id="short-page-goes-on-under-its-links"),
        pytest.param(SAID_AGAIN, [STORY[0], STORY[2] + "\n\n"], [], id="a-paragraph-said-again-stays"),
    ],
)
def test_more_bodies_of_new_layouts(text, kept, left_out):
    test_body_of_new_layouts(text, kept, left_out)


def test_a_footer_rows_first_cell_names_the_owner_with_its_domain():
    line = "© Quai-Matin.fr | Mentions légales | Qui sommes-nous ? | Contact | Publicité | Index | Aide (FAQ) : " + (
        "abonnements, résiliation, modification de vos données"
    )
    assert text_outlet.copyright_owner(line) == ("Quai-Matin.fr", False)
    assert text_outlet.copyright_owner("© 2025 Ilse Marten — Write to me — My photos") == ("Ilse Marten", False)


CHINESE_STORY = [
    "维尔马港务局周二投票决定更换北码头最老的四台起重机，结束了一场让集装箱船在海上等待了大半个春天的争端。",
    "码头工人在三月一根钢缆断裂后拒绝操作这些起重机，港务局的工程师说，修理的费用比购买新机器还要高。",
    "港务局表示，头两台起重机将于秋季运到，在旧地基上组装期间码头将继续开放。",
]
CHINESE_TEASERS = [
    "渡轮公司就海岛时刻表问题再起争执双方各执一词",
    "港口管理局任命新负责人引发当地航运界广泛关注",
    "粮食出口连续第三个月放缓码头仓库空置率上升",
    "北方沿海城市冬季航运安全检查全面展开",
]


def test_a_list_of_chinese_headlines_under_the_story_is_not_the_story():
    text = "\n\n".join(["维尔马港更换北码头起重机", *CHINESE_STORY, "热点新闻", *CHINESE_TEASERS, "关于我们"])
    body = extract_text(text).body
    assert all(paragraph in body for paragraph in CHINESE_STORY)
    assert not any(teaser in body for teaser in CHINESE_TEASERS)


SIGNED_PARAGRAPH = " ".join([STORY[0], STORY[1], STORY[2], "(I.M.)"])


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Dock workers on the north quay in March. (Harbour Office)", True),
        ("The old cranes stand idle. (Ilse Marten / Lakeside Courier)", True),
        (SIGNED_PARAGRAPH, False),
        (SIGNED_PARAGRAPH.replace("(I.M.)", "(Ilse Marten)"), False),
    ],
)
def test_a_long_paragraph_signed_with_its_writers_initials_is_no_caption(line, caption):
    assert furniture.is_caption(line) is caption


def test_lines_a_block_of_code_says_again_stay():
    first = "SELECT\n    avg(cranes) AS mean\nFROM\n    quays;"
    second = "SELECT\n    max(cranes) AS most\nFROM\n    quays;"
    header = ["Counting Cranes With Plain SQL", "By Ilse Marten"]
    text = "\n\n".join([*header, STORY[0], first, STORY[1], second, STORY[2]])
    body = extract_text(text).body
    assert body.count("SELECT") == 2 and body.count("FROM") == 2 and "max(cranes) AS most" in body


def test_the_headline_of_printed_structured_data_splits_it_from_a_standfirst_on_its_line():
    glued = "Vellmar replaces its cranes: the quay stays open But the union wants to inspect them first."
    data = ['{"@type": "NewsArticle",', '"headline": "Vellmar replaces its cranes:  the quay stays open",', "}"]
    text = "\n\n".join(["Quayside Review", glued, "Ilse Marten, @ilsemarten", *STORY, *MORE_STORY, "\n".join(data)])
    assert extract_text(text).title == "Vellmar replaces its cranes: the quay stays open"


SPANISH_STORY = [
    "La junta del puerto de Vellmar votó el martes sustituir las cuatro grúas más antiguas del muelle norte, "
    "tras una disputa que mantuvo a los buques esperando frente a la costa durante casi toda la primavera.",
    "Los estibadores se negaron a manejar las grúas después de que un cable se rompiera en marzo, y los "
    "ingenieros de la junta dijeron que la reparación costaría más que las máquinas nuevas.",
    "Las dos primeras grúas llegarán en otoño, según la junta, y el muelle seguirá abierto mientras se montan "
    "sobre los cimientos antiguos.",
    "El sindicato dijo que inspeccionará las grúas nuevas antes de que sus miembros acepten trabajar con ellas.",
]


def test_a_spanish_related_box_inside_the_story_goes_and_the_story_goes_on():
    box = ["Artículos Relacionados", "El puerto de Lindau elige a su nuevo director", "Las exportaciones de grano caen"]
    text = "\n\n".join(["Vellmar cambia sus grúas", "Por Ilse Marten", *SPANISH_STORY[:2], *box, *SPANISH_STORY[2:]])
    body = extract_text(text).body
    assert all(paragraph in body for paragraph in SPANISH_STORY) and "Lindau" not in body


def test_an_author_box_goes_whatever_the_case_of_the_name_particle():
    bio = "Ilse van Marten is a harbour reporter for the Lakeside Courier and lives in Vellmar."
    text = "\n\n".join(["Vellmar Replaces Its Oldest Harbour Cranes", "By Ilse Van Marten", *STORY, bio])
    page = extract_text(text)
    assert page.author == "Ilse Van Marten" and "harbour reporter" not in page.body


def test_a_headline_in_french_quotation_marks_that_trails_off_is_the_title():
    headline = "Écrans : «Les Grues», «Six Quais», «Le Port»…"
    byline = "Par Ilse Marten — 24 juin 2025 à 18:42"
    text = "\n".join(["Cinéma", "Sur vos écrans cette semaine", headline, byline, "", "\n\n".join(STORY)])
    assert extract_text(text).title == headline
