"""The extraction's shortcuts give the answers of the plain searches they stand in for.

Each shortcut reads less of the text (the end of a string, a prefix, the elements a removal
touched); these tests compare it with the plain version on generated input. No database.
"""

import copy
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extraction import furniture, html_tree, speech, text_dump
from articles.extraction.html_content import ATTEMPTS, Stat, measure, strip_furniture
from articles.extraction.html_tree import parse_html
from articles.extraction.statements import (
    NOUN_DETERMINERS,
    PREPOSITION_TAIL,
    _determiner_before,
    _preposition_before,
)
from articles.extraction.topics import TopicRule

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "html"

# Words and marks the shortcuts turn on, with odd whitespace and case-folding characters.
PIECES = [
    "the ",
    "member ",
    "Their ",
    "including ",
    "with",
    " ",
    "\n",
    "\u00a0",
    "\u2003",
    "x",
    "é",
    "ſ",
    "K",
    "İ",
    ".",
    "-",
    "'",
    "’",
    "ceasefire",
    "cease-fire",
    "Cease fire",
    "sanctioned",
    "allies",
    "end",
    "ending",
    "assets",
    "truce",
]
texts = st.lists(st.sampled_from(PIECES), max_size=20).map("".join)
RULE_WORDS = ["ceasefire", "truce", "sanction", "ban", "ally", "un", "a*", "militar*", "talks", "end", "*", "asset"]
phrases = st.lists(st.sampled_from(RULE_WORDS), min_size=1, max_size=2).map(" ".join)


@settings(max_examples=300)
@given(texts, st.data())
def test_the_determiner_check_reads_like_a_search_of_the_whole_text_before(text, data):
    pos = data.draw(st.integers(0, len(text)))
    assert _determiner_before(text, pos) == bool(NOUN_DETERMINERS.search(text[:pos]))


@settings(max_examples=300)
@given(texts)
def test_the_preposition_check_reads_like_a_search_of_the_whole_text(text):
    assert _preposition_before(text) == bool(PREPOSITION_TAIL.search(text))


@settings(max_examples=300)
@given(st.lists(phrases, min_size=1, max_size=4), texts)
def test_a_topic_rule_matches_where_its_regex_finds_a_phrase(rule_phrases, text):
    rule = TopicRule("t", "T", tuple(rule_phrases))
    assert rule.matches(text) == bool(rule.regex.search(text))


def test_every_speech_phrase_begins_with_a_lower_case_letter():
    # PHRASE_RE is case-sensitive: a phrase must be written in lower case to be read.
    for phrase in speech.SPEECH_PHRASES:
        assert re.match(r"(?:\(\?:)?[a-z]", phrase), phrase


def test_the_speech_verb_pattern_finds_each_form_in_lower_case_only():
    for form in speech.SPEECH_FORMS:
        assert [m.group(1) for m in speech.SPEECH_VERB_RE.finditer(f"they {form} it")] == [form]
        assert not speech.SPEECH_VERB_RE.search(f"they {form.upper()} it")


def test_stripping_returns_the_measures_of_what_is_left():
    for path in sorted(PAGES.glob("*.html")):
        root = parse_html(path.read_bytes().decode("utf-8", "replace"))
        body = root.find("body")
        for attempt in ATTEMPTS:
            tree = copy.deepcopy(body)
            kept = strip_furniture(tree, attempt)
            fresh = measure(tree)
            assert set(kept) == set(fresh), path.name
            for el, stat in fresh.items():
                assert all(getattr(kept[el], name) == getattr(stat, name) for name in Stat.__slots__), path.name


MARKUP = [
    "</p>",
    "</P \x0b>",
    "</div\x1c>",
    "-->",
    "]]>",
    "<div",
    " a=1",
    ">",
    "\x01",
    "\x0c",
    "x",
    " ",
    "</span>",
    "</TD\t>",
]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(MARKUP), max_size=30).map("".join))
def test_one_pass_replaces_control_characters_and_separates_like_two(markup):
    two_passes = html_tree.SEPARATE_AFTER.sub(lambda m: m.group() + " ", html_tree.CONTROL.sub(" ", markup))
    assert html_tree.CONTROL_OR_SEPARATE.sub(html_tree._control_or_separate, markup) == two_passes


# Quote marks and the white space a dump's lines hold, some of it outside ASCII.
LINE_PIECES = PIECES + ["“", "”", "„", "‘", "«", "»", "\t", "  ", "\u3000", "\x1c", "\u2028", '"']
STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "\u00a0": " "})


@settings(max_examples=300)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=20).map("".join))
def test_a_normalised_line_has_straight_quotes_and_single_spaces_as_the_regex_gave(line):
    assert furniture.normalise(line) == re.sub(r"\s+", " ", line.translate(STRAIGHT)).strip()


@settings(max_examples=300)
@given(st.lists(st.sampled_from(LINE_PIECES + [",", " , ", "|", "·", "•", "/ "]), max_size=20).map("".join))
def test_a_tag_row_splits_into_the_parts_a_split_taking_the_spaces_gave(line):
    spaced = [p.strip() for p in re.split(r"\s*[,|·•/]\s*", line) if p.strip()]
    assert [p.strip() for p in text_dump.LIST_SEPARATOR.split(line) if p.strip()] == spaced
