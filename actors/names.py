"""Normalising actor names so the same spelling always finds the same actor."""

import re
import unicodedata

from django.utils.text import slugify


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
