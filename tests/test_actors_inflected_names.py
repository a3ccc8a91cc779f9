"""A person named in Czech or another Slavic language is written with case endings ("Brendana Vorka",
"s Brendanem Vorkem"): the actor is named as the name is written alone. Invented names; no database.
"""

import pytest

from articles.extraction.actors import _nominative
from articles.extraction.analysis import analyse
from articles.extraction.page import ExtractedPage


@pytest.mark.parametrize(
    ("written", "alone"),
    [
        pytest.param("Brendana", "Brendan", id="of-brendan"),
        pytest.param("Brendanem", "Brendan", id="with-brendan"),
        pytest.param("Brendanovi", "Brendan", id="to-brendan"),
        # A name of its own that ends like a case: not cut.
        pytest.param("Jana", "Jana", id="a-name-ending-in-a"),
        pytest.param("Marta", "Marta", id="another-name-ending-in-a"),
        # A name in no list is left as written.
        pytest.param("Velkana", "Velkana", id="an-unknown-name"),
        pytest.param("Ferdie", "Ferdie", id="an-english-diminutive"),
    ],
)
def test_a_given_name_is_named_as_written_alone(written, alone):
    assert _nominative(written) == alone


def test_an_inflected_full_name_is_named_in_the_nominative():
    body = (
        "Nyní už zaznívají hlasy o tom, jak může být tato hranice při přestupu Brendana Vorice překročena. "
        "Fanoušci ale věří, že Vorice zůstane nejméně do léta, řekl trenér."
    )
    page = analyse(ExtractedPage(title=None, body=body, author=None))
    names = {a.name for a in page.actors}
    assert "Brendan Vorice" in names
    assert "Brendana Vorice" not in names
