"""actor_kinds.company_noun_before runs COMPANY_NOUN_BEFORE_RE only where the text ends with one of
COMPANY_NOUN_LAST_WORDS, a list kept by hand beside the pattern. Every ending the pattern can match is generated
here from the pattern itself, so a word added to the pattern and not to the list fails this test instead of
silently never matching."""

import itertools
import re
from re import _parser as parser  # the parser `re` compiles with: the pattern's own structure

import pytest

from articles.extraction.actor_kinds import COMPANY_NOUN_BEFORE_RE, company_noun_before

LIMIT = 20_000


def strings(items):
    """Strings matched by the parsed pattern `items`: each alternative, each optional part with and without,
    one sample character for wide character classes."""
    parts = [list(_strings_of(op, arg)) for op, arg in items]
    for combo in itertools.islice(itertools.product(*parts), LIMIT):
        yield "".join(combo)


def _strings_of(op, arg):
    if op is parser.LITERAL:
        yield chr(arg)
    elif op is parser.IN:
        literals = [chr(a) for o, a in arg if o is parser.LITERAL]
        yield from literals if len(literals) == len(arg) and len(literals) <= 6 else [_sample(arg)]
    elif op is parser.CATEGORY:
        yield " " if arg is parser.CATEGORY_SPACE else "x"
    elif op is parser.AT:
        yield ""
    elif op is parser.SUBPATTERN:
        yield from strings(arg[-1])
    elif op is parser.BRANCH:
        for branch in arg[1]:
            yield from strings(branch)
    elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT):
        low, _high, items = arg
        for times in sorted({low, max(low, 1)}):
            yield from strings(list(items) * times)
    else:
        raise AssertionError(f"a part of the pattern this test cannot generate: {op}")


def _sample(arg):
    """One character of a class: its first literal, or one its first range or category admits."""
    for op, value in arg:
        if op is parser.LITERAL:
            return chr(value)
        if op is parser.RANGE:
            return chr(value[0])
        if op is parser.CATEGORY:
            return " " if value is parser.CATEGORY_SPACE else "x"
    raise AssertionError(f"a character class this test cannot sample: {arg}")


ENDINGS = sorted(set(strings(parser.parse(COMPANY_NOUN_BEFORE_RE.pattern, COMPANY_NOUN_BEFORE_RE.flags))))


def test_the_pattern_yields_its_endings():
    assert 100 < len(ENDINGS) < LIMIT
    assert "company " in ENDINGS
    assert "think tank the " in ENDINGS
    assert "Ax developer the " in ENDINGS


@pytest.mark.parametrize("lead", ["", "Shares rose after the "])
def test_every_ending_the_pattern_matches_passes_the_prefilter(lead):
    missed = [
        ending
        for ending in ENDINGS
        if COMPANY_NOUN_BEFORE_RE.search(lead + ending) and not company_noun_before(lead + ending)
    ]

    assert missed == []


def test_text_ending_otherwise_is_not_searched():
    assert company_noun_before("The minister met the president ") is None
    assert company_noun_before("the company") is None  # the pattern ends with a space
    assert re.search(r"\s$", "the firm ") and company_noun_before("the firm ") is not None
