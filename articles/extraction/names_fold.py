"""Folding the spellings of one name together: transliterations, possessives, misspelt inflections.

Plain Python, shared by the extraction pipeline and by `actors.models` so a
name is folded the same way inside one article and across the database.
"""

import re
import unicodedata
from functools import lru_cache

POSSESSIVE = re.compile(r"['’]s?$")


def strip_possessive(word):
    """ "Rutte's" -> "Rutte", "allies’" -> "allies"; an apostrophe inside a name stays (O'Neill)."""
    if word[-1:] not in "'’s\n":
        return word  # the common case, without running the pattern
    return POSSESSIVE.sub("", word)


def ascii_fold(text):
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=65536)
def fold_word(word):
    """A spelling-blind key for one name word: Zelensky, Zelenskyy, Zelenskiy -> "zelenski".

    Covers the usual transliteration differences of Slavic and Arabic names:
    i/y/j runs, doubled letters, w/v, kh/h, ph/f, ck/k.
    """
    w = ascii_fold(strip_possessive(word))
    w = re.sub(r"[^a-z0-9]", "", w)
    for a, b in (("kh", "h"), ("ph", "f"), ("ck", "k"), ("w", "v"), ("ou", "u"), ("tch", "ch"), ("zh", "j")):
        w = w.replace(a, b)
    w = re.sub(r"[iyj]+", "i", w)
    w = re.sub(r"([a-z])\1+", r"\1", w)
    return w


def fold_name(name):
    return " ".join(fold_word(w) for w in name.split() if fold_word(w))


def edit_distance(a, b, limit=2):
    """Levenshtein distance, giving up (returning limit + 1) once past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


@lru_cache(maxsize=65536)
def same_surname(word, surname):
    """Whether `word` is `surname` misspelt or inflected: Rutten's / Rutte, Putina / Putin."""
    a, b = fold_word(word), fold_word(surname)
    if not a or not b:
        return False
    if a == b:
        return True
    if len(b) >= 4 and a.startswith(b) and len(a) - len(b) <= 2:
        return True
    return len(b) >= 6 and edit_distance(a, b, 1) <= 1


def display_spelling(word):
    """One spelling of a transliterated surname for every article: "Zelenskyy", "Zelenskiy" -> "Zelensky".

    Only the "-yy"/"-iy" endings are rewritten; they are the spellings that
    vary between outlets, while a single final "y" or "yi" is how most English
    texts write such names.
    """
    m = re.match(r"^(.*[^aeiouyAEIOUY])(yy|iy)$", word)
    if m and len(word) >= 5:
        return m.group(1) + "y"
    return word
