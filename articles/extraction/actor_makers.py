"""Companies named only through what they make: "an Intel Core i7 CPU", "an NVIDIA GTX 1080 GPU",
"l'Airbus A350", "Dolby Atmos ... Dolby Vision ... Dolby's".

Tech and business news names a maker bare, before its product and the product's model number,
with no word around it that says "company". The model number (letters and digits: i7, A350, GTX
1080) is the evidence: the word opening the name before it is the maker's, the rest is the
product's. A word that opens two or more different product names of the page and is also written
alone is a maker too: its lines of products ("Dolby Atmos", "Dolby Vision") are things, not people.
"""

import re

from . import actor_kinds, bundled_names, speech
from . import actor_words as words
from .names_fold import fold_word

# A model designation: letters and digits in one word ("i7", "A350", "4790k", "F-35"), or a series in
# capitals and its number ("GTX 1080"). A number alone ("Boeing 737", "Windows 10", "Apollo 11", "Article
# 5") is not enough: too many things are numbered. Found first, as a page has few.
# (Matched from the space before it, which the pattern finds faster than a look-behind at every letter.)
MODEL_RE = re.compile(
    r" (?P<model>[A-Z]{1,4}-?\d{2,5}[a-z]{0,2}|[a-z]\d{1,2}|\d{3,5}[a-z]{1,2}|[A-Z]{2,4} \d{3,5})"
    r"(?![\w.,]\d|[\w-])"
)
WORD_END_RE = re.compile(r"[\w’']")
# Then the maker's word and up to two words of the product's name before it.
MAKER_BEFORE_RE = re.compile(
    r"(?:(?<=\b[LlDd]['’])|(?<![\w.’'-]))([A-Z][a-z]{2,}[A-Za-z]*|[A-Z]{3,8})((?: [A-Z][\w-]*){0,2}?) $"
)
# The tier of a product or a service named after its maker: "Twitter Lite", "Velloq Pro", "Quarlo Premium".
TIERS = frozenset(["lite", "pro", "plus", "mini", "premium"])
# What a maker's name is written before: "Dolby technology", "Dolby's features", "Nvidia chips".
PRODUCT_NOUN_AFTER_RE = re.compile(
    r"(?:['’]s)?\s+(?:technology|technologies|features?|products?|devices?|hardware|software|chips?|processors?"
    r"|support|systems?|sensors?|displays?|cameras?|laptops?|phones?|cars?|engines?|aircraft|jets?)\b"
)
# A model number is written with digits: pages with none are not searched.
DIGIT_RE = re.compile(r"\d")


def could_be_maker(word, page):
    """A maker's name is no common word of the page, no given name, no place or nation, no month."""
    low = word.casefold()
    return not (
        low in page.lower
        or low in speech.NOT_NAME_WORDS
        or low in speech.ORG_WORDS
        or low in speech.TITLE_WORDS
        or low in speech.ROLE_HEADS
        or low in actor_kinds.CALENDAR_WORDS
        or speech.nation_of(word)
        or (not word.isupper() and actor_kinds.is_given_name(word, 1))
        or bundled_names.is_place(word)
    )


def _a_things_abbreviation(low):
    """ "USB", "HDR", "LED": the abbreviation of a thing or a measure names no maker."""
    return low in words.THING_ABBREVIATIONS or low in words.TIME_ZONES or low in words.FURNITURE_WORDS


def makers_by_model(text, page):
    """(start, end, end of the model number) of each maker's word written before a product's model number."""
    if DIGIT_RE.search(text) is None:
        return []
    spans = []
    for model in MODEL_RE.finditer(text):
        at = model.start("model")
        if not WORD_END_RE.match(text, at - 2):
            continue  # the model follows a word
        m = MAKER_BEFORE_RE.search(text, max(0, at - 60), at)
        if m is None or (not m.group(2) and "-" in model.group("model")):
            continue  # ("the Progress MS-04 cargo ship": a craft's own name and its serial, no maker)
        word = m.group(1)
        if could_be_maker(word, page) and not (word.isupper() and _a_things_abbreviation(word.casefold())):
            spans.append((m.start(1), m.end(1), model.end()))
    return spans


def product_lines(names, alone, page):
    """The makers of two-word names that open two different names and are also written alone before a
    word for what they make ("Dolby Atmos", "Dolby Vision" and "Dolby technology"), or that open the name of
    a product's tier and are written alone ("Twitter Lite" and "Twitter dio a conocer"); and their products'
    own words ("Atmos"). `names`: the two-word names with nothing else to say who they are; `alone`: the
    words written alone, each with the text before and after it."""
    seconds = {}
    for name in names:
        first, second = name.split()
        seconds.setdefault(first, set()).add(second)
    makers = {
        first
        for first, rest in seconds.items()
        if any(w.casefold() in TIERS for w in rest)
        and first in alone
        and not any(before.endswith(("the ", "The ")) for before, _ in alone[first])
        and could_be_maker(first, page)
    }
    makers |= {
        first
        for first, rest in seconds.items()
        if len({fold_word(w)[:4] for w in rest}) >= 2  # "Samus Aran", "Samus Arran": one name misspelt
        and any(PRODUCT_NOUN_AFTER_RE.match(after) for _, after in alone.get(first, ()))
        # "the Chozo": a people, a team or a place takes the article, a brand does not
        and not any(before.endswith(("the ", "The ")) for before, _ in alone.get(first, ()))
        and could_be_maker(first, page)
    }
    return makers, {second for first in makers for second in seconds[first]}
