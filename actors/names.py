"""Normalising actor names so the same spelling always finds the same actor."""

import re
import unicodedata
from functools import lru_cache

from django.utils.text import slugify

from articles.extraction.names_fold import fold_name, fold_word


# Storing a page folds the spellings of every name group it touches, a few hundred names read back from the
# database, and most of them again on the next page: remembered, not recomputed.
@lru_cache(maxsize=1 << 16)
def name_key(name):
    """Case, accents, punctuation and possessives folded: "Zelenskyy's" -> "zelenskyy"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['’]s\b", "", text.casefold())
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())[:200]


def unique_slug(name, taken):
    """A slug for `name` that `taken(slug)` says is free."""
    base = slugify(unicodedata.normalize("NFKD", name))[:200] or "actor"
    slug, n = base, 2
    while taken(slug):
        slug = f"{base}-{n}"
        n += 1
    return slug


def fuzzy_key(name):
    """Transliteration and spelling folded: "Volodymyr Zelenskyy" and "Volodymyr Zelensky" share one."""
    return fold_name(name_key(name))[:200]


def surname_key(name):
    """The folded last word: the group whose spellings actor resolution decides together (actors.resolution).

    Cut to the column's length: a 5,000-letter "name" must not fail the page on PostgreSQL.
    """
    words = fold_words(name)
    return words[-1][:200] if words else ""


def fold_words(name):
    """The name's words, spelling folded, empty ones dropped: "Volodymyr Zelenskyy's" -> ["volodimir", "zelenski"]."""
    return list(_folded_words(name))


@lru_cache(maxsize=1 << 16)
def _folded_words(name):
    return tuple(w for w in map(fold_word, name_key(name).split()) if w)
