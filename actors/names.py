"""Normalising actor names so the same spelling always finds the same actor."""

import re
import unicodedata

from django.utils.text import slugify

from articles.extraction.names_fold import fold_name, fold_word


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
    words = name_key(name).split()
    return fold_word(words[-1])[:200] if words else ""


def first_names_agree(a, b):
    """Whether two full names can be one person: same first name, an initial, or one lacks it."""
    wa, wb = name_key(a).split(), name_key(b).split()
    if len(wa) < 2 or len(wb) < 2:
        return True
    fa, fb = fold_word(wa[0]), fold_word(wb[0])
    return fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))
