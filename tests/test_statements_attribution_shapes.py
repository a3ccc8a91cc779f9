"""Quote shapes of real news whose speaker was missed or whose quote was dropped: a name after an
abbreviated title or an outlet's job, a family name that is also a title, a curly quote closed by a
straight mark. Invented people and outlets; no database.
"""

import re

import pytest

from articles.extraction.actors import find_actors
from articles.extraction.statements import find_statements


def statements(body):
    found, _ = find_statements(body, find_actors(body))
    return found


def _words(text):
    return " ".join(re.findall(r"\w+", text.casefold()))


def only(found, piece):
    hits = [s for s in found if _words(piece) in _words(s.text)]
    assert len(hits) == 1, (piece, [(s.speaker, s.text) for s in found])
    return hits[0]


SHAPES = [
    pytest.param(
        '"The parish will not go back to how it was," said the Rev. Tomas Vale of Hill Street Chapel. '
        '"That is the good news."',
        "That is the good news",
        "Tomas Vale",
        id="name-after-the-rev",
    ),
    pytest.param(
        '"The budget is late again," said Sen. Ilse Marrow.',
        "The budget is late again",
        "Ilse Marrow",
        id="name-after-sen",
    ),
    pytest.param(
        '"He looked calm and ready," said Fenwick News host Dario Fenn. "He never lost his temper."',
        "He never lost his temper",
        "Dario Fenn",
        id="name-after-an-outlets-host",
    ),
    pytest.param(
        '"He looked calm and ready," said WXQT anchor Dario Fenn.',
        "He looked calm and ready",
        "Dario Fenn",
        id="name-after-an-acronym-outlets-anchor",
    ),
    pytest.param(
        '"Turnout decides this race," said Norma King, a county organiser. "Nothing else does."',
        "Turnout decides this race",
        "Norma King",
        id="family-name-king",
    ),
    pytest.param(
        '"We will sue," Walter Bishop said on Monday.',
        "We will sue",
        "Walter Bishop",
        id="family-name-bishop",
    ),
    pytest.param(
        '“We waited far too long,” Dana Fell said. “And, you know, nobody here cared. They should fix it."',
        "They should fix it",
        "Dana Fell",
        id="curly-quote-closed-by-a-straight-mark-at-the-paragraph-end",
    ),
    pytest.param(
        '“Deals are not the rule," Chair Dana Fell said in a statement, adding that they were handed out freely.',
        "Deals are not the rule",
        "Dana Fell",
        id="curly-quote-closed-by-a-straight-mark-before-the-attribution",
    ),
    pytest.param(
        "“No plan, no sympathy, a real fiasco. Not a worthy leader.” ― Oscar P. Quintana",
        "No plan, no sympathy",
        "Oscar P. Quintana",
        id="dash-credit-with-a-middle-initial",
    ),
    pytest.param(
        "Dana Vell campaigned in Ohio. Vell says of Tom Ash, “If he gets the chance, he will sell the office.”",
        "If he gets the chance",
        "Dana Vell",
        id="says-of-someone-then-the-quote",
    ),
    pytest.param(
        '"We have had trouble with intrusions before," Tom Ash said after meeting the envoy. He did not say more. '
        '"Our goal is not to start a cycle of escalation."',
        "Our goal is not to start a cycle",
        "Tom Ash",
        id="a-quote-later-in-the-paragraph-after-narration",
    ),
    pytest.param(
        'Dana Vell chanted "What curfew?" until dawn.',
        "What curfew",
        "Dana Vell",
        id="a-quote-then-a-clause-of-the-narration",
    ),
    pytest.param(
        "“Keep your hands in sight,” Dana Vell sings to the senator before asking her, “Where do we go from here?”",
        "Where do we go from here",
        "Dana Vell",
        id="asked-someone-then-the-quote",
    ),
    pytest.param(
        "Dana Vell asked the crowd: “Where do we go from here?”",
        "Where do we go from here",
        "Dana Vell",
        id="asked-a-crowd-then-a-colon",
    ),
]


NOT_THE_SAME_SPEAKER = [
    pytest.param(
        '"We have had trouble with intrusions before," Tom Ash said after the talks. Dana Vell disagreed. '
        '"Our goal is not to start a cycle of escalation."',
        id="someone-else-named-between",
    ),
    pytest.param(
        '"We have had trouble with intrusions before," Tom Ash said after the talks.\n\nHe did not say more. '
        '"Our goal is not to start a cycle of escalation."',
        id="another-paragraph",
    ),
]


@pytest.mark.parametrize("body", NOT_THE_SAME_SPEAKER)
def test_a_later_quote_is_not_given_to_the_last_speaker_across_a_name_or_a_paragraph(body):
    found = statements(body)
    assert not any(s.speaker == "Tom Ash" and "Our goal" in s.text for s in found), [(s.speaker, s.text) for s in found]


@pytest.mark.parametrize(("body", "piece", "speaker"), SHAPES)
def test_the_quote_is_one_statement_with_its_speaker(body, piece, speaker):
    statement = only(statements(body), piece)
    assert statement.speaker == speaker
    assert statement.kind == "direct"
    assert body[statement.position : statement.position + len(statement.text)] == statement.text


def test_a_curly_quote_with_its_curly_close_keeps_an_inner_straight_quote():
    body = '“They called the plan "a gift" and moved on,” Dana Fell said.'
    statement = only(statements(body), "They called the plan")
    assert statement.text == '“They called the plan "a gift" and moved on,”'
