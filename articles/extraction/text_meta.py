"""Metadata lines of plain-text dumps: bylines, outlet and date lines, credits.

Each reader takes one line and returns what it found, or None. `text_dump`
decides which lines to ask and which answer wins.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from .dates import find_date
from .furniture import normalise

# Words that may sit in a name without a capital: "Ursula von der Leyen".
NAME_PARTICLES = {
    "de",
    "da",
    "del",
    "della",
    "der",
    "den",
    "di",
    "du",
    "la",
    "le",
    "van",
    "von",
    "bin",
    "ibn",
    "al",
    "ter",
}
# Words around a date that are not an outlet: "Published: 21 May 2025", "Updated Wednesday, ...".
DATE_WORDS = re.compile(
    r"^(published|updated|posted|last (updated|modified)|date|on|at|modified|created|"
    r"veröffentlicht|aktualisiert|am|publié|mis à jour|le|publicado|actualizado|pubblicato|aggiornato|"
    r"опубліковано|оновлено|опубликовано|обновлено|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|"
    r"понеділок|вівторок|середа|четвер|п'ятниця|субота|неділя|[\s,:|·•-])+$",
    re.IGNORECASE,
)
# Leftovers after the name and date in a byline: "2 min read", "Updated", "| 5 comments".
BYLINE_TAIL = re.compile(
    r"^(\d+ ?min(ute)?s? (read|listen)|updated.*|\d+ comments?|read time.*|reading time.*|uhr|h|hrs|"
    r"[A-Z]?[CE]E?S?T|UTC|GMT|BST|local time|kyiv time|[\s,:|·•()–—-])*$",
    re.IGNORECASE,
)
BYLINE_START = re.compile(
    r"^(?:by|written by|words by|reporting by|story by|von|par|por|di|door|від|автор(?:ка)?:?|"
    r"author:|authors:|autor(?:in)?:|auteur ?:|text:|reporter:)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
AUTHOR_LABEL = re.compile(
    r"^(?:author|authors|written by|autor|autorin|auteur|автор|авторка|reporter|text)\s*:\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
SEPARATORS = re.compile(r"\s+[|·•–—-]\s+|\s*[|·•]\s*|,\s+")
# The outlet named inside a body sentence: "..., The Gaze reports." Present tense only:
# "European Pravda reported" cites another outlet.
_OUTLET_NAME = r"(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,4}"
LEDE_REPORTS = re.compile(
    rf"(?:[,—–-]\s+(?P<outlet>{_OUTLET_NAME})\s+(?:reports|informs)|,\s+reports\s+(?P<outlet2>{_OUTLET_NAME}))"
    r"(?:,?\s+(?:citing|with reference to|referring to)\s+[^.]{2,80})?\.[\"”]?$"
)
# "(MENAFN) NATO ...", "(MENAFN- Trend News) ...", "KYIV, Ukraine (AP) — ...", "BRUSSELS, June 2 (Reuters) - ..."
_AGENCY = r"\((?P<{}>[A-Z][\w&.'’]*(?:-?\s+[A-Z][\w&.'’-]*){{0,4}})\)"
DATELINE_SOURCE = re.compile(
    rf"^{_AGENCY.format('outlet')}\s*(?:[-–—:]\s*)?\S|^[^().!?]{{2,60}}?\s{_AGENCY.format('outlet_1')}\s*[-–—:]\s*\S"
)
READ_MORE_ON = re.compile(
    r"^(?:read|see|more|find) (?:more|also|it|this|the full story)?\s*(?:on|at|in|from)\s+"
    r"(?P<outlet>(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,4})\s*(?::|$)",
    re.IGNORECASE,
)
SOURCE_LABEL = re.compile(r"^(?:source|via|quelle|fuente|fonte|джерело|источник)\s*:\s*(?P<outlet>.+)$", re.I)
COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<outlet>[^.|,]{2,50}?)"
    r"(?:[.,|]|\s+all rights reserved|$)",
    re.IGNORECASE,
)
# "The Kyiv LedgerJane Doe": outlet and author of a teaser card glued together.
GLUED_CREDIT = re.compile(r"^(?P<outlet>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,4}?[a-z])(?P<name>[A-Z][a-z]+\s.+)$")
# Words that mark a capitalised phrase as an outlet rather than a person.
OUTLET_WORDS = re.compile(
    r"\b(news|times|post|independent|pravda|herald|daily|press|agency|tv|radio|journal|gazette|tribune|observer|"
    r"monitor|review|today|weekly|media|wire|insider|telegraph|guardian|ledger|courier|chronicle|dispatch|"
    r"report|reporter|bulletin|standard|express|mirror|star|sun|globe|mail|online|network|service|"
    r"zeitung|kurier|rundschau|nachrichten|presse|allgemeine|quotidien|libération|diario|noticias|periódico|"
    r"corriere|gazzetta|dagblad|tijd|posten|avis|gazeta|wiadomości|правда|вісті|новини|газета|известия)\b",
    re.IGNORECASE,
)


NAMED_OUTLET = re.compile(r"\b[Tt]he\s+((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)")


@dataclass
class LineMeta:
    """What a metadata line says. `kind` is "byline", "dateline" or "author"."""

    kind: str
    author: str | None = None
    outlet: str | None = None
    published: date | datetime | None = None
    # A bare name beside a date: the outlet, unless the page names its outlet elsewhere.
    name: str | None = None


def _is_capitalised(word):
    letters = word.lstrip("(\"'“‘")
    return bool(letters) and (letters[0].isupper() or letters.lower() in NAME_PARTICLES)


def clean_name(text):
    """A person's name as printed, or None when `text` does not look like one."""
    text = normalise(text).strip(" ,.;:|-–—")
    if not text or len(text) > 60 or any(ch.isdigit() for ch in text):
        return None
    names = re.split(r"\s+(?:and|und|et|y|e|і|и|&)\s+|,\s*", text)
    for name in names:
        words = name.split()
        if not 2 <= len(words) <= 5 or not all(_is_capitalised(w) for w in words):
            return None
        if not words[0][0].isupper() or not words[-1][0].isupper():
            return None
    if text.isupper():
        text = text.title()
    return text


def clean_outlet(text):
    text = normalise(text).strip(" ,.;:|-–—()")
    words = text.split()
    if not 1 <= len(words) <= 6 or len(text) > 60:
        return None
    if not words[0][0].isupper() and not words[0][0].isdigit():
        return None
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    if capitalised < len(words) / 2:
        return None
    if len(words) > 1 and text.isupper():
        # "MERIDIAN REVIEW" is a masthead's typography; "MENAFN" is a name.
        text = text.title()
    return text


def looks_like_outlet(text):
    return bool(OUTLET_WORDS.search(text))


def _split_parts(text):
    return [p for p in (s.strip() for s in SEPARATORS.split(text)) if p]


def parse_byline(line):
    """ "by Jane Doe May 21, 2025 7:22 PM 2 min read", "By Jane Doe | Kyiv Ledger", "Author: Jane Doe"."""
    text = normalise(line)
    match = BYLINE_START.match(text)
    if not match or len(text) > 160:
        return None
    rest = match.group("rest")
    found = find_date(rest)
    published = None
    tail = ""
    if found:
        published = found.value
        tail = rest[found.end :]
        rest = rest[: found.start]
        if not BYLINE_TAIL.match(tail):
            outlet_tail = clean_outlet(tail.strip(" |·•-–—,"))
            if not outlet_tail:
                return None
            tail = outlet_tail
        else:
            tail = ""
    parts = _split_parts(rest)
    if not parts:
        return None
    # "Jane Doe and John Roe" or "Jane Doe, John Roe" are one author field.
    author = clean_name(rest) or clean_name(parts[0])
    if author is None:
        return None
    outlet = None
    if author != clean_name(rest):
        others = [p for p in parts[1:] if not BYLINE_TAIL.match(p)]
        if others:
            outlet = clean_outlet(others[0])
    outlet = outlet or (tail or None)
    return LineMeta("byline", author=author, outlet=outlet, published=published)


def parse_author_label(line):
    """ "Author: Jane Doe" wherever it stands (often after the article)."""
    match = AUTHOR_LABEL.match(normalise(line))
    if not match:
        return None
    author = clean_name(match.group("rest"))
    return LineMeta("author", author=author) if author else None


def parse_dateline(line):
    """ "Kyiv Ledger - 09 June 2025 06:24", "Published: Wednesday, 21 May 2025", "14/07/2025 | Jane Doe"."""
    text = normalise(line)
    if len(text) > 100:
        return None
    found = find_date(text)
    if not found:
        return None
    meta = LineMeta("dateline", published=found.value)
    for part in _split_parts(text[: found.start]) + _split_parts(text[found.end :]):
        part = part.strip(" ,:|·•-–—")
        if not part or DATE_WORDS.match(part) or BYLINE_TAIL.match(part):
            continue
        byline = BYLINE_START.match(part)
        if byline:
            meta.author = meta.author or clean_name(byline.group("rest"))
            if meta.author is None:
                return None
        elif clean_outlet(part) and looks_like_outlet(part) and meta.outlet is None:
            meta.outlet = clean_outlet(part)
        elif clean_name(part) and meta.name is None:
            # "Chas Pravdy - 09 June 2025": an outlet or a person; text_dump decides.
            meta.name = clean_name(part)
        elif clean_outlet(part) and meta.outlet is None:
            meta.outlet = clean_outlet(part)
        else:
            return None
    return meta


def parse_meta(line):
    return parse_byline(line) or parse_author_label(line) or parse_dateline(line)


# A sentence ends at . ! ? before a capital, but not after "U.S." or "Mr.".
SENTENCE_END = re.compile(
    r"(?<![A-Z]\.[A-Z]\.)(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<=[.!?])[\"”]?\s+(?=[A-Z\"“])"
)


def lede_source(paragraph):
    """The outlet a first paragraph credits itself with: "..., The Gaze reports." """
    text = normalise(paragraph)
    # Only the first sentence speaks for the page; later ones quote others.
    first = SENTENCE_END.split(text, maxsplit=1)[0]
    match = LEDE_REPORTS.search(first)
    return clean_outlet(match.group("outlet") or match.group("outlet2")) if match else None


def dateline_source(paragraph):
    match = DATELINE_SOURCE.match(normalise(paragraph))
    if not match:
        return None
    outlet = match.group("outlet") or match.group("outlet_1")
    # "(MENAFN- Trend News Agency)": the wire first, then the partner it carries.
    return clean_outlet(re.split(r"-\s+", outlet)[0])


def read_more_source(line):
    match = READ_MORE_ON.match(normalise(line))
    return clean_outlet(match.group("outlet")) if match else None


def source_label(line):
    text = normalise(line)
    match = SOURCE_LABEL.match(text)
    if not match or len(text.split()) > 8:
        return None
    return clean_outlet(match.group("outlet"))


def copyright_source(line):
    text = normalise(line)
    if len(text.split()) > 14:
        return None
    match = COPYRIGHT.match(text)
    if not match:
        return None
    return clean_outlet(match.group("outlet"))


def glued_credit(line):
    """(outlet, person) from a teaser credit such as "The Kyiv LedgerJane Doe"."""
    text = normalise(line)
    if len(text.split()) > 9:
        return None
    match = GLUED_CREDIT.match(text)
    if not match:
        return None
    outlet, name = clean_outlet(match.group("outlet")), clean_name(match.group("name"))
    if outlet and name:
        return outlet, name
    return None


def outlets_named_in(line):
    """Outlets a sentence names as "the Kyiv Ledger" or "the Daily Courier" (capitalised, ending in an outlet word)."""
    found = []
    for match in NAMED_OUTLET.finditer(normalise(line)):
        words = match.group(1).split()
        if OUTLET_WORDS.fullmatch(words[-1]) and words[-1][0].isupper():
            found.append(clean_outlet(match.group(1)))
    return [name for name in found if name]


def split_title(title, known_outlets=()):
    """ "Headline | Outlet" -> ("Headline", "Outlet"); a " - Outlet" suffix only for a known outlet."""
    text = re.sub(r"\s+", " ", title).strip()
    for sep in (" | ", " — ", " – ", " - ", " :: "):
        if sep not in text:
            continue
        head, _, tail = text.rpartition(sep)
        outlet = clean_outlet(tail)
        if not outlet or len(head.split()) < 3:
            continue
        known = {o.casefold().removeprefix("the ") for o in known_outlets}
        if sep == " | " or outlet.casefold().removeprefix("the ") in known or looks_like_outlet(outlet):
            return head, outlet
    return text, None
