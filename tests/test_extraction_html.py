"""The HTML extractor, on the saved pages in fixtures/pages/html and on small pages written here (no database)."""

import json
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from articles.extraction.html_content import (
    ATTEMPTS,
    choose_article,
    clean_conditionally,
    extract_paragraphs,
    measure,
    score_candidates,
)
from articles.extraction.html_furniture import class_weight, is_furniture_line, is_hidden, looks_unlikely
from articles.extraction.html_metadata import (
    clean_author,
    json_ld_article,
    meta_tags,
    name_in_byline,
    normalise_language,
    parse_when,
    read_metadata,
    strip_site_name,
    title_from_title_tag,
)
from articles.extraction.html_page import extract_html
from articles.extraction.html_render import render
from articles.extraction.html_tree import parse_html
from articles.extraction.pipeline import extract

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "html"
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))["files"]

SENTENCE = (
    "Foreign ministers met in Tallinn on Thursday and said a ceasefire could hold only with guarantees, "
    "while sanctions would stay in place until a settlement was signed at the summit."
)


def page(body, head=""):
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def tree(body, head=""):
    return parse_html(page(body, head))


def article(paragraphs=4):
    return "".join(f"<p>{SENTENCE} ({n})</p>" for n in range(paragraphs))


# The saved pages


@pytest.fixture(params=sorted(EXPECTED), ids=lambda name: name.removesuffix(".html"))
def case(request):
    name = request.param
    return extract((PAGES / name).read_bytes(), name=name), EXPECTED[name]


def test_it_finds_the_metadata(case):
    found, want = case
    assert {
        "title": found.title,
        "published": found.published_iso(),
        "source": found.source,
        "author": found.author,
        "url": found.url,
        "language": found.language,
    } == {key: want[key] for key in ("title", "published", "source", "author", "url", "language")}


def test_it_keeps_the_article_text(case):
    found, want = case
    for snippet in want["body_must_contain"]:
        assert snippet in found.body


def test_it_leaves_out_the_furniture(case):
    found, want = case
    for snippet in want["body_must_not_contain"]:
        assert snippet not in found.body


def test_the_body_is_clean_paragraphs(case):
    found, _want = case
    assert found.format == "html"
    assert "<" not in found.body and "\n\n\n" not in found.body
    assert all(p == p.strip() and "  " not in p for p in found.paragraphs)


def test_every_page_has_a_full_expectation():
    assert len(EXPECTED) >= 8
    assert {path.name for path in PAGES.glob("*.html")} == set(EXPECTED)
    for want in EXPECTED.values():
        assert want["about"] and want["body_must_contain"] and want["body_must_not_contain"]


@pytest.mark.parametrize("name", [n for n, want in EXPECTED.items() if want.get("encoding")])
def test_the_non_utf8_pages_are_saved_as_described(name):
    data = (PAGES / name).read_bytes()
    encoding = EXPECTED[name]["encoding"]
    if encoding == "utf-8-sig":
        assert data.startswith(b"\xef\xbb\xbf")
    else:
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    assert EXPECTED[name]["title"] in data.decode(encoding)


# Metadata


def test_meta_tags_reads_space_separated_properties_and_keeps_the_first():
    root = tree(
        "",
        '<meta property="dc:title og:title" content="First"><meta property="og:title" content="Second">'
        '<meta name="author" content="  Jane Doe ">',
    )

    assert meta_tags(root) == {"dc.title": "First", "og:title": "First", "author": "Jane Doe"}


def test_json_ld_article_resolves_graph_references():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Person", "@id": "#a", "name": "Jane Doe"},
            {"@type": "Organization", "@id": "#o", "name": "Harbour Ledger"},
            {
                "@type": ["NewsArticle"],
                "headline": "Summit ends",
                "datePublished": "2025-06-24T09:15:00+02:00",
                "author": [{"@id": "#a"}, {"@type": "Person", "name": "Tom Ross"}, "https://x.example/tom"],
                "publisher": {"@id": "#o"},
                "mainEntityOfPage": {"@id": "https://x.example/summit-ends"},
            },
        ],
    }
    root = tree("", f'<script type="application/ld+json">{json.dumps(graph)}</script>')

    found = json_ld_article(root)

    assert found["headline"] == "Summit ends"
    assert found["author"] == "Jane Doe, Tom Ross"
    assert found["publisher"] == "Harbour Ledger"
    assert found["url"] == "https://x.example/summit-ends"
    assert found["published"] == "2025-06-24T09:15:00+02:00"


def test_json_ld_prefers_a_news_article_and_survives_bad_scripts():
    head = (
        '<script type="application/ld+json">{"@type": "Article", "headline": "Generic"</script>'
        '<script type="application/ld+json">//<![CDATA[\n{"@type": "WebPage", "name": "Page"}\n//]]></script>'
        '<script type="application/ld+json">[{"@type": "BlogPosting", "headline": "Blog"},'
        ' {"@type": "NewsArticle", "headline": "News"}]</script>'
        '<script type="application/ld+json">' + "[" * 50_000 + "]" * 50_000 + "</script>"
    )

    assert json_ld_article(tree("", head))["headline"] == "News"


def test_json_ld_takes_name_over_headline_when_name_matches_the_page_title():
    head = (
        "<title>New Zealand - Wikipedia</title>"
        '<script type="application/ld+json">{"@type": "Article", "name": "New Zealand",'
        ' "headline": "island country in the southwestern Pacific"}</script>'
    )

    assert read_metadata(tree("", head)).title == "New Zealand"


@pytest.mark.parametrize(
    ("title", "source", "expected"),
    [
        ("Summit ends | Harbour Ledger", "Harbour Ledger", "Summit ends"),
        ("Summit ends – Harbour Ledger", "harbour ledger", "Summit ends"),
        ("Harbour Ledger: Summit ends", "Harbour Ledger", "Summit ends"),
        ("Summit ends in Harbour Ledger row", "Harbour Ledger", "Summit ends in Harbour Ledger row"),
        ("Summit ends | Harbour Ledger", None, "Summit ends | Harbour Ledger"),
    ],
)
def test_strip_site_name(title, source, expected):
    assert strip_site_name(title, source) == expected


def test_a_title_tag_is_cut_only_where_the_page_confirms_the_headline():
    with_h1 = tree("<h1>Harbour Ledger</h1><h1>Summit ends without a deal</h1>")
    without = tree("<h1>Something else</h1>")
    old_layout = tree("<td><b>Summit ends without a deal</b><br>Text.</td>")

    assert title_from_title_tag("Summit ends without a deal - Harbour Ledger", with_h1) == "Summit ends without a deal"
    assert title_from_title_tag("Summit ends - Harbour Ledger", without) == "Summit ends - Harbour Ledger"
    assert (
        title_from_title_tag("News: Summit ends without a deal - Harbour Ledger", old_layout)
        == "Summit ends without a deal"
    )


def test_the_outlet_falls_back_to_the_title_suffix():
    meta = read_metadata(
        tree("<h1>Summit ends without a deal</h1>", "<title>Summit ends without a deal | Harbour Ledger</title>")
    )

    assert (meta.title, meta.source) == ("Summit ends without a deal", "Harbour Ledger")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-24T07:15:00Z", datetime(2025, 6, 24, 7, 15, tzinfo=UTC)),
        ("2025-06-24T09:15:00+0200", datetime(2025, 6, 24, 9, 15, tzinfo=timezone(timedelta(hours=2)))),
        ("2025-06-24", date(2025, 6, 24)),
        ("2025-06-24T00:00:00", date(2025, 6, 24)),
        ("2025-06-24 09:15", datetime(2025, 6, 24, 9, 15)),
        ("24 June 2025", date(2025, 6, 24)),
        ("Tue Jun 24", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_when(value, expected):
    assert parse_when(value) == expected


def test_the_first_publication_date_wins_over_later_times():
    root = tree(
        '<article><time datetime="2025-02-12T08:00:00+00:00" class="updated">12 Feb</time>'
        '<time pubdate datetime="2025-02-11T18:40:00+00:00">11 Feb</time></article>'
        '<div class="comments"><time datetime="2025-01-01">1 Jan</time></div>'
    )

    assert read_metadata(root).published == datetime(2025, 2, 11, 18, 40, tzinfo=UTC)


def test_a_dateline_element_gives_the_date_when_nothing_else_does():
    root = tree('<div class="post-date">Published 07.04.2025</div><p>Text.</p>')

    assert read_metadata(root).published == date(2025, 4, 7)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("  Par   Camille Roussel ", "Camille Roussel"),
        ("https://x.example/authors/jane", None),
        ("x" * 200, None),
        ("", None),
        (None, None),
    ],
)
def test_clean_author(value, expected):
    assert clean_author(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Jane Doe, May 3, 2025 10:12", "Jane Doe"),
        ("Sign In | Sign Up | Subscribe", None),
        ("Katie Couric New Yorkers post their feelings about the election in the subway", None),
    ],
)
def test_name_in_byline(text, expected):
    assert name_in_byline(text) == expected


def test_the_byline_is_read_from_the_page_not_from_side_columns_or_comments():
    root = tree(
        '<aside><span class="author">Side Writer</span></aside>'
        '<div class="comment"><span class="comment-author">Commenter Name</span></div>'
        '<article><p class="byline">By <a rel="author" href="/jane">Jane Doe</a></p></article>'
    )

    assert read_metadata(root).author == "Jane Doe"


def test_an_author_meta_that_is_a_profile_url_is_not_an_author():
    root = tree(
        '<p class="byline">By Jane Doe</p>', '<meta property="article:author" content="https://x.example/jane">'
    )

    assert read_metadata(root).author == "Jane Doe"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en", "en"),
        ("en_gb", "en-GB"),
        ("EN-us", "en-US"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("english", None),
        (None, None),
    ],
)
def test_normalise_language(value, expected):
    assert normalise_language(value) == expected


def test_a_relative_canonical_link_is_made_absolute_with_og_url():
    head = '<link rel="canonical" href="/world/summit"><meta property="og:url" content="https://x.example/world/summit?ref=1">'

    assert read_metadata(tree("", head)).url == "https://x.example/world/summit"


# Content scoring


def test_the_article_outscores_the_sidebar_and_the_comments():
    root = tree(
        '<div id="sidebar"><p>Short teaser one, with a comma.</p><p>Another teaser, short.</p></div>'
        f'<div class="story-body">{article(5)}</div>'
        '<div class="comments"><p>' + "A long comment, with commas, " * 20 + "</p></div>"
    )
    body = root.find("body")

    paragraphs = extract_paragraphs(body)

    assert len(paragraphs) == 5
    assert all(p.startswith(SENTENCE) for p in paragraphs)


def test_measure_counts_text_and_link_text():
    body = tree('<div><p>Ten chars! <a href="/x">link text</a></p><p>Plain, text.</p></div>').find("body")
    stats = measure(body)
    div = body.find("div")

    assert stats[div].chars == len("Ten chars!") + len("link text") + len("Plain, text.")
    assert stats[div].links == len("link text")
    assert stats[div].paras == 2 and stats[div].commas == 1
    assert stats[div].block and not stats[div.find("p")].block


def test_a_link_list_scores_less_than_text_of_the_same_length():
    links = "".join(f'<p><a href="/{n}">{SENTENCE}</a></p>' for n in range(4))
    body = tree(f'<div id="links">{links}</div><div id="text">{article(4)}</div>').find("body")
    stats = measure(body)

    scores = score_candidates(body, stats, ATTEMPTS[0])

    assert scores[body.get_element_by_id("text")] > 10 * scores[body.get_element_by_id("links")]


def test_siblings_that_read_as_text_join_the_article():
    body = tree(
        f'<div id="wrap"><div class="body">{article(6)}</div><p>{SENTENCE}</p>'
        '<p>Short, but a sentence.</p><p><a href="/x">A short link line</a></p></div>'
    ).find("body")
    stats = measure(body)

    chosen = choose_article(body, stats, score_candidates(body, stats, ATTEMPTS[0]), ATTEMPTS[0])

    assert [el.tag for el in chosen] == ["div", "p", "p"]


def test_clean_conditionally_drops_link_lists_and_keeps_data_tables():
    body = tree(
        f'<div id="art">{article(3)}'
        '<div class="box"><a href="/1">One more story</a> <a href="/2">And another one</a></div>'
        "<table><tr><th>Country</th><th>Share</th></tr><tr><td>Poland</td><td>4.7%</td></tr></table></div>"
    ).find("body")
    stats = measure(body)
    root = body.get_element_by_id("art")

    clean_conditionally([root], stats, {}, ATTEMPTS[0])

    text = "\n".join(render([root], stats))
    assert "One more story" not in text
    assert "Country | Share" in text and "Poland | 4.7%" in text


def test_render_turns_blocks_breaks_and_pre_into_paragraphs():
    body = tree(
        "<div>Intro line<br>second line<br><br>New paragraph <b>bold</b> and <i>ita</i>lic"
        "<ul><li>one</li><li>two</li></ul><pre>code  line\n\n  indented</pre>"
        '<p><a href="/">Home</a> &gt; <a href="/world">World</a></p></div>'
    ).find("body")

    assert render([body.find("div")], measure(body)) == [
        "Intro line\nsecond line",
        "New paragraph bold and italic",
        "one",
        "two",
        "code  line\n  indented",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Advertisement", True),
        ("Reporting by Ana Kovač; editing by Tom Ross", True),
        ("By Jane Doe", True),
        ("Published on Monday 14 March 2025, 09:30 CET", True),
        ("Summit ends", True),
        ("Talks resume 14 March 2025", False),
        ("By then, the talks had collapsed.", False),
    ],
)
def test_is_furniture_line(text, expected):
    assert is_furniture_line(text, title="Summit ends", author="Jane Doe") is expected


def test_class_hints():
    assert class_weight("article-body") == 25
    assert class_weight("sidebar-widget") == -25
    assert looks_unlikely("comments-area")
    assert not looks_unlikely("main-content comments-open")
    assert is_hidden(tree('<div style="display: none">x</div>').find(".//div"))
    assert not is_hidden(tree('<div class="hidden-xs">x</div>').find(".//div"))


def test_a_page_wrapped_in_a_form_keeps_its_text():
    found = extract_html(page(f'<form id="aspnetForm"><nav><a href="/">Home</a></nav>{article(4)}</form>'))

    assert found.body.count(SENTENCE) == 4


def test_hidden_and_screen_reader_text_is_dropped():
    found = extract_html(
        page(
            f'<article>{article(3)}<p hidden>Hidden text here.</p><p aria-hidden="true">Aria hidden.</p>'
            '<span class="sr-only">Screen reader only</span></article>'
        )
    )

    assert "Hidden text" not in found.body and "Aria hidden" not in found.body and "Screen reader" not in found.body


def test_words_stay_apart_across_comments_and_stray_end_tags():
    found = extract_html(page(f"<p>{SENTENCE} cease<!-- x -->fire and</div>talks</p>"))

    assert "cease fire and talks" in found.body


# Hostile input: it always returns, quickly


def timed(text):
    start = time.perf_counter()
    found = extract_html(text)
    return found, time.perf_counter() - start


@pytest.mark.parametrize("tag", ["div", "span", "blockquote", "table><tr><td", "ul><li", "b"])
def test_ten_thousand_levels_of_nesting(tag):
    opening = f"<{tag}>"
    closing = "".join(f"</{t}>" for t in reversed(tag.split("><")))
    found, seconds = timed(page(opening * 10_000 + article(2) + closing * 10_000 + article(2)))

    assert seconds < 5
    assert found.body.count(SENTENCE) == 4


def test_unclosed_nesting():
    found, seconds = timed("<html><body>" + "<div><font>" * 10_000 + article(3))

    assert seconds < 5 and found.body.count(SENTENCE) == 3


def test_a_huge_page():
    text = page(("<div><a href='#'>menu</a>" + article(1) + "</div>") * 25_000)
    found, seconds = timed(text)

    assert len(text) > 5_000_000
    assert seconds < 20
    assert found.body.count(SENTENCE) == 25_000


def test_one_tag_with_a_hundred_thousand_attributes():
    attributes = " ".join(f"a{n}=x" for n in range(100_000))
    found, seconds = timed(page(f"<div {attributes}>{article(2)}</div>"))

    assert seconds < 5 and found.body.count(SENTENCE) == 2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        page(""),
        page('<div><img src="a.png"></div>'),
        page("<script>var a = 1;</script><style>p {}</style>"),
        "<frameset><frame src=x></frameset>",
        "\x00\x01<<<>>>&&&;" * 1000,
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>Only this.</p></body></html>",
    ],
)
def test_pages_with_little_or_no_text_return(text):
    found, seconds = timed(text)

    assert seconds < 5
    assert isinstance(found.body, str)


def test_a_sign_up_box_goes_with_its_form():
    body = (
        "<article><h1>Allies meet in Oslo</h1>"
        + article(3)
        + '<div class="box"><p>Sign up for the Morning Brief</p><p>The news before breakfast.</p>'
        '<form action="/subscribe"><input type="email"><button>Go</button></form></div>' + article(2) + "</article>"
    )
    paragraphs = extract_html(page(body, head="<title>Allies meet in Oslo</title>")).paragraphs
    assert len(paragraphs) == 5
    assert all(p.startswith("Foreign ministers") for p in paragraphs)


@pytest.mark.parametrize(
    "line",
    [
        "Read also: How the Baltic states protect their undersea cables",
        "This audio is created with AI assistance",
        "Reproduction without permission is prohibited.",
        "Copy link",
    ],
)
def test_the_text_dumps_lexicon_marks_furniture_lines_set_into_the_story(line):
    assert is_furniture_line(line)


def test_a_heading_named_like_a_label_and_code_stay():
    assert not is_furniture_line("Comments")
    assert not is_furniture_line("        HTTP/1.1 404 Not Found")
