"""Metadata lines of plain-text dumps: bylines, outlet and date lines, credits.

Each reader takes one line and returns what it found, or None. `text_dump`
decides which lines to ask and which answer wins.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from .dates import find_date, find_month_day, find_relative_date, find_short_year_date
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
    r"^(published|updated|posted|last (updated|modified)|date|on|at|modified|created|first published|"
    r"veröffentlicht|aktualisiert|am|publié|mis à jour|le|publicado|actualizado|pubblicato|aggiornato|"
    r"опубліковано|оновлено|опубликовано|обновлено|"
    # "Stand: 24.06.2025", "Zuletzt aktualisiert", "Mis en ligne le", "Gepubliceerd", "Zveřejněno".
    r"stand|zuletzt aktualisiert|zuletzt geändert|erstellt|erschienen|mis en ligne|modifié|dernière mise à jour|"
    r"gepubliceerd|bijgewerkt|publicerad|uppdaterad|opublikowano|aktualizacja|zveřejněno|aktualizováno|"
    r"aktualizace|publicat|actualitzat|"
    # The word before the time: "24 juin à 09h15", "24 червня о 09:15", "24. Juni um 09:15".
    r"à|um|alle|a las|às|om|о|об|в|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|"
    r"понеділок|вівторок|середа|четвер|п'ятниця|субота|неділя|[\s,:|·•-])+$",
    re.IGNORECASE,
)
WEEKDAY = re.compile(
    r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)[.,]?$",
    re.IGNORECASE,
)
# Leftovers after the name and date in a byline: "2 min read", "Updated", "| 5 comments".
BYLINE_TAIL = re.compile(
    r"^(\d+ ?min(ute)?s? (read|listen)|updated.*|\d+ comments?|read time.*|reading time.*|uhr|h|hrs|"
    r"[A-Z]?[CE]E?S?T|UTC|GMT|BST|local time|kyiv time|"
    # Time zones printed after the time: "09:15 IST", "9:15 a.m. ET".
    r"(?-i:[ECMP][SD]?T|IST|JST|KST|HKT|SGT|PHT|WIB|AE[SD]T|NZ[SD]T|SAST|[CEW]AT|MSK)|[\s,:|·•()–—-])*$",
    re.IGNORECASE,
)
BYLINE_START = re.compile(
    r"^(?:by|written by|words by|reporting by|story by|von|par|por|di|door|від|автор(?:ка)?:?|"
    r"author:|authors:|autor(?:in)?:|auteur ?:|text:|reporter:)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
AUTHOR_LABEL = re.compile(
    r"^(?:author|authors|written by|autor|autorin|autoren|autores|auteur|auteurs|автор|авторка|автори|авторы|"
    r"reporter|text|texte|tekst|текст|words|reporting|story)\s*:\s*(?P<rest>.+)$",
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
SOURCE_LABEL = re.compile(r"^(?:source|via|from|quelle|fuente|fonte|джерело|источник)\s*:\s*(?P<outlet>.+)$", re.I)
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
    # "2 hours ago": a date line whose day the dump cannot tell.
    relative: bool = False
    # "March 18": (month, day) of a date printed without its year; the page around it may tell the year.
    month_day: tuple | None = None
    # "Updated June 25, 2025": the day of a later change, which a publication date on another line outranks.
    updated: bool = False

    @property
    def dated(self):
        return self.published is not None or self.relative or self.month_day is not None


# "Facebook Twitter", "Email Print": a share row, capitalised like a name.
SHARE_WORDS = frozenset(
    re.findall(
        r"\S+",
        "facebook twitter instagram linkedin whatsapp youtube pinterest telegram reddit tiktok flipboard email "
        "e-mail print share tweet messenger viber threads bluesky mastodon",
    )
)


def _is_capitalised(word):
    letters = word.lstrip("(\"'“‘")
    return bool(letters) and (letters[0].isupper() or letters.lower() in NAME_PARTICLES)


def clean_name(text):
    """A person's name as printed, or None when `text` does not look like one."""
    text = normalise(text).strip(" ,.;:|-–—")
    if not text or len(text) > 60 or any(ch.isdigit() for ch in text):
        return None
    # "ANA RUIZ Y PEDRO GIL": in a name set in capitals, the word between names is in capitals too.
    names = re.split(r"\s+(?:and|und|et|y|e|і|и|&)\s+|,\s*", text, flags=re.IGNORECASE if text.isupper() else 0)
    for name in names:
        words = name.split()
        if not 2 <= len(words) <= 5 or not all(_is_capitalised(w) for w in words):
            return None
        if any(w.casefold() in SHARE_WORDS for w in words):
            return None
        if not words[0][0].isupper() or not words[-1][0].isupper():
            return None
    if text.isupper():
        text = _title_case(text)
    elif all(name.isupper() for name in names):
        # "JANE ROE and JOHN DOE": the names in capitals, the word between them not.
        text = " ".join(word.title() if word.isupper() else word for word in text.split())
    return text


# The words between names: "ANA RUIZ Y PEDRO GIL" are two people.
NAME_JOINERS = frozenset(["and", "und", "et", "y", "e", "і", "и"])


def _title_case(text):
    """A name printed in capitals, in the case it is written in: "ANA DE LA FUENTE Y PEDRO GIL" ->
    "Ana de la Fuente y Pedro Gil" (the first word keeps its capital)."""
    words = text.title().split(" ")
    small = NAME_JOINERS | NAME_PARTICLES
    return " ".join(word.lower() if n > 0 and word.lower() in small else word for n, word in enumerate(words))


def clean_outlet(text):
    text = normalise(text).strip(" ,.;:|-–—()")
    # "..., the Nordby Ledger reports": the article of a running sentence is no part of the name.
    if text.startswith("the ") and text[4:5].isupper():
        text = text[4:]
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


# "Washington correspondent", "Staff writer", "Senior Editor": what the author is, not an outlet.
ROLE_WORDS = re.compile(
    r"\b(correspondents?|writers?|editors?|reporters?|staff|contributors?|contributing|columnists?|analysts?|"
    r"technologist|photographers?|photography|reporting|producers?|journalists?|chief|senior|special|"
    r"bureau|desk|intern|fellow|md|phd|korrespondent(in)?|redakteur(in)?|correspondante?|envoyée? spéciale?|"
    r"journaliste|rédact(eur|rice)|corresponsal|redactora?|кореспондент(ка)?|корреспондент)\b",
    re.IGNORECASE,
)
# Wire agencies credited in bylines ("Jane Roe, Reuters").
AGENCIES = re.compile(
    r"^(reuters|associated press|ap|afp|agence france-presse|bloomberg|dpa|upi|tass|interfax|ukrinform|efe|ansa|"
    r"kyodo|xinhua|anadolu( agency)?|pap|bta|ctk|čtk)$",
    re.IGNORECASE,
)
BYLINE_LEAD = re.compile(
    r"(?:(?:^|(?<=[\s/|•·—–(]))(?:written by|posted by|words by|reporting by|story by|published by|by:?|"
    r"(?:von|par|por|door):?|від|автор(?:ка)?:?|authors?:|autor(?:in)?:|auteur ?:|text:|reporter:)"
    # Italian "di" is a byline's word only where the line opens; inside a line it is "of".
    r"|^di:?)\s+",
    re.IGNORECASE,
)
CREDIT_WORDS = re.compile(
    r"\b(photos?|photograph|image|illustration|video|graphic|credit|foto|bild|фото|edited|reviewed|translated|"
    r"produced|designed|powered|sponsored|presented|brought to you)\b",
    re.IGNORECASE,
)
PLACE_BEFORE_DATE = re.compile(r"^\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2},\s*\|")
MAX_DATELINE_WORDS = 16
MAX_BEFORE_LEAD_WORDS = 20
META_MARKS = re.compile(r"[\d@|]")
# "Jane Roe, Reuters" and its like are short.
MAX_CREDIT_LINE = 60
# Code and tables with a date in them: "-- period > '2020-08-01'::timestamptz", "2020-08-01 │ 200 │ 4084".
CODE_MARKS = re.compile(r"::|[│┃─{};]|^\s*(?:--|/\*)|['\"]\d{4}-\d")
HANDLE = re.compile(r"(?:\bfollow\s+)?@\w+", re.IGNORECASE)
CLOCK = re.compile(
    r"(?<![\w:.])(?:@\s*)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?\s?m\b\.?)?(?:\s*(?:[A-Z]?[CEPM][DES]T|UTC|GMT|BST|ET|PT))?"
    r"|(?<![\w:.])\d{1,2}\s*[ap]\.?m\b\.?",
    re.IGNORECASE,
)
# "Posted by Jane Roe on | ...": the date word left at the end of the name once the date is cut out.
TRAILING_DATE_WORD = re.compile(r"\s+(?:on|at|le|am|el|il|em|на|в|am)\s*$", re.IGNORECASE)
TRAILING_DATE_PHRASE = re.compile(
    r"\s+(?:first published|published|updated|posted|last (?:updated|modified)|veröffentlicht|aktualisiert|"
    r"publié|mis à jour|publicado|actualizado)(?:\s+(?:on|at|am|le|el))?\s*$",
    re.IGNORECASE,
)
PARENTHESES = re.compile(r"\s*\([^()]{0,40}\)")
# A byline or date line is short; what is left beside the name and the date is a handful of words.
MAX_META_CHARS = 160
MAX_UNKNOWN_WORDS = 4
CUT = " | "


SECTION_TAIL = re.compile(r"^(?:in|dans|in der|en)\s+\S+(?:\s+\S+)?$", re.IGNORECASE)


# The word that marks a date as the last change rather than the publication, just before it.
UPDATE_WORD = re.compile(
    r"\b(?:updated|last modified|modified|edited|aktualisiert|geändert|mis à jour|modifié|actualizado|"
    r"aggiornato|atualizado|bijgewerkt|оновлено|обновлено|aktualizováno)\b[^|]*$",
    re.IGNORECASE,
)
UPDATE_REACH = 24


def _cut_dates(text):
    """`text` with its dates, relative dates, clock times and @handles cut out; the first date's value;
    whether it had a date at all; (month, day) of a date printed without its year."""
    value, dated, updated = None, False, False
    while True:
        found = find_date(text)
        if found is None:
            break
        # "Updated June 25, 2025 | Published June 24, 2025": the day it was published, wherever it stands.
        is_update = bool(UPDATE_WORD.search(text[max(0, found.start - UPDATE_REACH) : found.start]))
        if value is None or (updated and not is_update):
            value, updated = found.value, is_update
        dated = True
        text = text[: found.start] + CUT + text[found.end :]
    if not dated:
        # "10.15.15" alone, or before its section ("11.03.17 in Gadgetry"); not "1.2.13 released".
        found = find_short_year_date(text)
        rest = text[found.end :].replace(text[: found.end].strip(), "").strip() if found else ""
        if found is not None and (not rest or SECTION_TAIL.match(rest)):
            value, dated = found.value, True
            text = CUT + rest
    relative = find_relative_date(text)
    while relative:
        dated = True
        text = text[: relative[0]] + CUT + text[relative[1] :]
        relative = find_relative_date(text)
    month_day = None
    if not dated:
        found = find_month_day(text)
        if found:
            month_day, dated = found[:2], True
            text = text[: found[2]] + CUT + text[found[3] :]
    text = CLOCK.sub(CUT, text)
    text = HANDLE.sub(CUT, text)
    return text, value, dated, month_day, updated


def _strip_weekdays(part):
    if DATE_WORDS.match(part) or POSTED_IN.match(part):
        return ""
    part = TRAILING_DATE_PHRASE.sub("", PARENTHESES.sub("", part))
    words = part.split()
    while words and WEEKDAY.match(words[-1]):
        words.pop()
    while words and WEEKDAY.match(words[0]):
        words.pop(0)
    return " ".join(words)


# "Posted in Politics on June 24, 2025 by Jane Roe": the section the post is filed in, before its date.
POSTED_IN = re.compile(r"^(?:posted|filed|published)\s+(?:in|under)\s+[^|]{1,40}?(?:\s+on)?$", re.IGNORECASE)


# "Jane Roe (avec Jean Dupont et Ana Lima)": the co-authors a byline adds in parentheses.
WITH_AUTHORS = re.compile(
    r"^(?P<main>[^()]+?)\s*\((?P<with>with|avec|mit|con|com|з|с)\s+(?P<others>[^()]+)\)\s*$", re.IGNORECASE
)


def _read_names(text):
    """The author field of a byline: "Jane Roe and John Doe", "Jane Roe (reporting) and John Doe (photos)"."""
    joint = WITH_AUTHORS.match(text.strip(" ,;:|·•-–—/"))
    if joint:
        main, others = clean_name(joint.group("main")), clean_name(joint.group("others"))
        if main and others:
            return f"{main} ({joint.group('with')} {others})"
    text = PARENTHESES.sub("", text)
    # "By Jane Roe Updated 3:04 PM ...": the date's own word is left behind the name once the date is cut.
    text = TRAILING_DATE_PHRASE.sub("", TRAILING_DATE_WORD.sub("", text.strip(" ,;:|·•-–—/")))
    # "Jane Roe, Kyiv Ledger", "JANE ROE, Staff Writer": a credit after the comma, not a second author.
    if any(_is_credit(part) for part in text.split(",")[1:]):
        return None
    return clean_name(TRAILING_DATE_WORD.sub("", text))


def _is_byline_credit(part):
    """What follows the name in a byline without "By": an agency, a role, an outlet, a reading time."""
    return len(part.split()) <= 4 and bool(
        _is_credit(part) or ACRONYM_OUTLET.fullmatch(part) or BYLINE_TAIL.match(part)
    )


# "Jane Roe — Reuters", "Jane Roe · Staff writer": a short line split by a spaced dash or dot.
SPACED_SEPARATOR = re.compile(r"\s[·•—–]\s")


def _is_credit(part):
    part = part.strip()
    return bool(looks_like_outlet(part) or AGENCIES.match(part) or ROLE_WORDS.search(part))


# "By Jane Roe for The Harbor Times": the outlet the author writes for. "By Jane Roe in Brussels": where
# the author writes from, which is no part of the name.
WRITES_FOR = re.compile(
    r"\s+(?:for|für|pour|para|per|для)\s+(?P<outlet>(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,4})$"
)
WRITES_FROM = re.compile(r"\s+(?:in|à|en|aus|em|у|в)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}$")
# "Jane Roe, CNN": a broadcaster's initials as the credit. Not a country's.
ACRONYM_OUTLET = re.compile(r"(?!(?:USA|UAE|NYC|OSCE|NATO)$)[A-Z]{3,5}")


def _split_names_tail(field):
    """(names, outlet) of a byline's author field without its "in Place", "for Outlet" and agency tails."""
    names = field.strip(" ,;:|·•-–—/")
    place = WRITES_FROM.search(names)
    if place:
        names = names[: place.start()]
    writes_for = WRITES_FOR.search(names) or TRAILING_AGENCY.search(names)
    if writes_for:
        names = names[: writes_for.start()]
    if names == field or _read_names(names) is None:
        return field, None
    return names, writes_for and clean_outlet(writes_for.group("outlet"))


# "By JANE ROE and JOHN DOE Associated Press": the wire printed after the names without a separator.
TRAILING_AGENCY = re.compile(
    r"\s+(?P<outlet>(?:the\s+)?(?:associated press|reuters|agence france-presse|bloomberg news))$", re.IGNORECASE
)


def parse_byline_or_dateline(line):
    """A byline or a date line: "by Jane Doe May 21, 2025 7:22 PM 2 min read", "By Jane Doe | Kyiv Ledger",
    "Posted by Jane Doe on March 10, 2015", "Kyiv Ledger - 09 June 2025 06:24", "Dan Roe - Apr 16, 2015 8:02 pm",
    "Published: Wednesday, 21 May 2025", "14/07/2025 | Jane Doe", "Jane Doe • 8h"."""
    text = normalise(line)
    if len(text) > MAX_META_CHARS:
        return None
    # Most lines have no date, no "by", no handle and are no short "Name, Credit": done here. A long
    # line is a byline only when it opens with "By" or puts no more than a date and an outlet before it.
    lead = BYLINE_LEAD.search(text)
    if lead is None and len(text.split()) > MAX_DATELINE_WORDS:
        return None
    if lead is not None and len(text[: lead.start()].split()) > MAX_BEFORE_LEAD_WORDS:
        return None
    plain = (
        not META_MARKS.search(text)
        and ("," not in text or len(text) > MAX_CREDIT_LINE)
        and (len(text) > MAX_CREDIT_LINE or text.isascii() or not SPACED_SEPARATOR.search(text))
    )
    if plain and lead is None and find_relative_date(text) is None:
        return None
    if CODE_MARKS.search(text):
        return None
    cut, published, dated, month_day, updated = _cut_dates(text)
    handle = "@" in text and not dated
    lead = BYLINE_LEAD.search(cut)
    author, allowed, writes_for = None, MAX_UNKNOWN_WORDS, None
    if lead is not None:
        before = cut[: lead.start()]
        # Before "by" may stand a date, date words or the outlet ("on May 2, 2025 by", "Le Monde | Par"),
        # not a sentence ("... was signed by") nor a credit ("Photo by").
        for part in _split_parts(before):
            part = _strip_weekdays(part.strip(" ,:|·•-–—/"))
            if part and (CREDIT_WORDS.search(part) or len(part.split()) > 3 or not clean_outlet(part)):
                return None
        rest = cut[lead.end() :]
        field, _, rest = rest.partition(CUT)
        if " " in field.strip():
            field, writes_for = _split_names_tail(field)
        parts = _split_parts(field)
        author = _read_names(field) or (_read_names(parts[0]) if parts else None)
        if author is None and AGENCIES.match(field.strip(" ,;:|·•-–—/")):
            # "By Reuters": the wire is the byline.
            author = clean_outlet(field)
        elif (
            author is not None
            and looks_like_outlet(author)
            and not AGENCIES.match(author.removeprefix("The "))
            and not ROLE_WORDS.search(author)
        ):
            # "Published by The Nordby Ledger on ...": the outlet, not a person.
            writes_for, author, field = writes_for or clean_outlet(author), None, ""
        if author is None and not (dated or writes_for) and field.strip(" ,:|·•-–—/"):
            return None
        if author is None and not (dated and not field.strip(" ,:|·•-–—/")) and not writes_for:
            # "On 6/13/2018 by @janeroe" is still a date line; "By the end of the week" is nothing.
            return None
        if author is not None and author != _read_names(field):
            rest = CUT.join(parts[1:]) + CUT + rest
        if not before.strip(" ,:|·•-–—/"):
            # "By Jane Roe, Senior Staff Writer, Policy Desk": a line that opens with "By" is a byline.
            allowed = 3 * MAX_UNKNOWN_WORDS
        cut = before + CUT + rest
    elif not dated and not handle:
        # "Jane Roe, Reuters", "Jane Roe | Staff writer": a name and a credit, nothing else.
        # "Jane Roe, John Doe and Ana Lima, Kyiv Ledger", "Jane Roe · 5 min read": the names run up to the
        # first credit.
        parts = _split_parts(cut)
        if not 2 <= len(parts) <= 4 or len(text) > MAX_CREDIT_LINE or text.endswith((".", "!", "?")):
            return None
        if not clean_name(parts[0]):
            return None
        first_credit = next((i for i in range(1, len(parts)) if _is_byline_credit(parts[i])), None)
        if first_credit is None or not all(_is_byline_credit(p) for p in parts[first_credit:]):
            return None
        author = clean_name(", ".join(parts[:first_credit]))
        if author is None or looks_like_outlet(author):
            return None
        cut = CUT.join(parts[first_credit:])
    elif handle:
        # "Jane Roe, @janeroe": a name beside its handle.
        parts = _split_parts(cut)
        if len(parts) != 1 or not clean_name(parts[0]):
            return None
        author, cut = clean_name(parts[0]), ""
    meta = LineMeta("byline" if author else "dateline", author=author, published=published, month_day=month_day)
    meta.outlet, meta.updated = writes_for, updated
    meta.relative = dated and published is None and month_day is None
    if month_day and author is None:
        # "June 24" alone is a date line; "What happens on June 24" is a heading.
        allowed = 0
    # "Brussels, 18 February 2025": a place before a comma and the date is where, not who.
    place = PLACE_BEFORE_DATE.match(cut)
    if place:
        cut = cut[place.end() :]
    unknown = 0
    for part in _split_parts(cut):
        part = _strip_weekdays(part.strip(" ,:|·•-–—/()"))
        if not part or DATE_WORDS.match(part) or BYLINE_TAIL.match(part) or ROLE_WORDS.search(part):
            continue
        outlet = clean_outlet(part)
        credit = outlet and (looks_like_outlet(part) or AGENCIES.match(part) or ACRONYM_OUTLET.fullmatch(part))
        if credit and meta.outlet is None:
            meta.outlet = outlet
        elif author is None and clean_name(part) and meta.name is None:
            # "Chas Pravdy - 09 June 2025": an outlet or a person; text_dump decides.
            meta.name = clean_name(part)
        elif author is None and outlet and meta.outlet is None and meta.name is None and month_day is None:
            # Beside a day without its year the word may be anything ("1. 11. Felix": a name day).
            meta.outlet = outlet
        else:
            unknown += len(part.split())
            if unknown > allowed:
                return None
    return meta


# The header's date lines: "Updated ..." may stand above "Published ...".
HEADER_DATES = 3


def publication_date(metas):
    """The publication date among the dates metadata lines give in page order: the first one not marked
    as an update among the first few, else the first."""
    dated = [meta for meta in metas if meta.published is not None]
    first = next((meta for meta in dated[:HEADER_DATES] if not meta.updated), dated[0] if dated else None)
    return first.published if first else None


def parse_byline(line):
    """The byline reading of `line` (a line with "By ..." and a name), else None."""
    meta = parse_byline_or_dateline(line)
    return meta if meta is not None and meta.kind == "byline" else None


def parse_author_label(line):
    """ "Author: Jane Doe" wherever it stands (often after the article)."""
    match = AUTHOR_LABEL.match(normalise(line))
    if not match:
        return None
    author = clean_name(match.group("rest"))
    return LineMeta("author", author=author) if author else None


def parse_dateline(line):
    """The date-line reading of `line`: a date with an outlet, a name or date words around it."""
    meta = parse_byline_or_dateline(line)
    return meta if meta is not None and meta.kind == "dateline" else None


# "Associated PressDecember 2, 2016": a teaser or byline credit glued to its date.
GLUED_DATE = re.compile(
    r"(?<=[a-z])(?=(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2}\b)"
)


def parse_meta(line):
    found = parse_author_label(line) or parse_byline_or_dateline(line)
    if found is None and len(line) <= MAX_GLUED_CHARS and GLUED_DATE.search(line):
        found = parse_byline_or_dateline(GLUED_DATE.sub(" ", line, count=1))
    if found is None and line[:1] in FROM_INITIALS and line[:6].casefold().startswith(FROM_LABELS):
        found = from_label(line)
    # Most lines are ASCII, which no CJK label is (isascii is a flag, not a scan).
    if (found is None or found.author is None) and not line.isascii() and CJK_LABEL_HINT.search(line):
        author = cjk_credit(line)
        if author and found is not None:
            found.author, found.kind = author, "byline"
        elif author:
            found = LineMeta("author", author=author)
    return found


# "From: The Nordby Ledger" under a byline: the outlet the story comes from, printed with the header's
# metadata. ("Source:" more often credits a chart's data.)
FROM_LABEL = re.compile(r"^(?:from|von|de|da|з|из)\s*:\s*(?P<outlet>.{2,60})$", re.IGNORECASE)
FROM_INITIALS = frozenset("FfVvDdЗзИи")
FROM_LABELS = ("from:", "from ", "von: ", "von :", "de : ", "de: ", "da: ", "з: ", "из: ")


def from_label(line):
    match = FROM_LABEL.match(normalise(line))
    outlet = match and clean_outlet(match.group("outlet"))
    if not outlet or not looks_like_outlet(outlet) or CREDIT_WORDS.search(outlet):
        return None
    return LineMeta("source", outlet=outlet)


# Chinese and Japanese pages label their credits: "作者：张三", "记者 李四", "责任编辑：王五", often glued to the
# date and the source on one line. The writer outranks the editor, who is named when no writer is.
CJK_LABELS = ("作者", "记者", "記者", "撰文", "责任编辑", "責任編輯", "责编", "编辑", "編輯")
CJK_LABEL_HINT = re.compile("|".join(CJK_LABELS))
_CJK = "\u3400-\u9fff"
CJK_CREDIT = re.compile(
    rf"(?=(?P<label>{'|'.join(CJK_LABELS)})\s*[:：]?\s*(?P<name>[{_CJK}]{{2,4}})"
    rf"(?:(?![{_CJK}])|(?=来源|來源|作者|责任编辑|責任編輯|编辑|編輯|时间|時間|发布|發布)))"
)


def cjk_credit(line):
    """The person a CJK credit label names, or None."""
    found = {}
    for match in CJK_CREDIT.finditer(line):
        name = match.group("name")
        if not name.startswith(CJK_LABELS) and not name.endswith(("编辑", "編輯")):
            found.setdefault(match.group("label"), name)
    return next((found[label] for label in CJK_LABELS if label in found), None)


MAX_GLUED_CHARS = 80


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


# Words that open a lede set in capitals ("THE government", "A HIGH-powered team", "IT'S nice"): the
# closed classes (articles, pronouns, question words, prepositions), which no name is made of.
LEDE_OPENERS = frozenset(
    re.findall(
        r"\S+",
        "THE A AN THIS THAT THESE THOSE THERE HERE IT IT'S ITS HE SHE WE THEY I YOU HIS HER OUR THEIR MY YOUR "
        "HOW WHY WHAT WHEN WHERE WHO WHICH WHILE IF AS AT IN ON OF TO FOR WITH FROM BY AFTER BEFORE SINCE "
        "AND BUT SO NOT NO ONE ALL SOME MANY MOST FEW EVERY EACH ANY LAST NEXT JUST ONLY EVEN",
    )
)
MAX_GLUED_NAME_WORDS = 3


def _in_capitals(word):
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def glued_lede_byline(paragraph):
    """(name, lede) of a first paragraph that opens with its writer's name in capitals glued to the lede's
    capitalised first word ("JANE ROE THE council voted ..."), as some newspapers print a column; else None."""
    words = paragraph.split(" ")
    run = 0
    while run < len(words) and _in_capitals(words[run]):
        run += 1
    # The name, then the lede's first word or two in capitals, then the lede in lower case.
    if run < 3 or run >= len(words) or not any(ch.islower() for ch in words[run]):
        return None
    opener = next(
        (k for k in range(2, min(run, MAX_GLUED_NAME_WORDS + 1)) if words[k].replace("’", "'") in LEDE_OPENERS), None
    )
    if opener is None or run - opener > 2:
        return None
    name_words = words[:opener]
    if any(word.strip(",.'’") in LEDE_OPENERS for word in name_words):
        return None
    name = clean_name(" ".join(name_words))
    if not name or looks_like_outlet(name) or ROLE_WORDS.search(name) or CREDIT_WORDS.search(name):
        return None
    if any(AGENCIES.match(word) for word in name.split()):
        return None
    return name, " ".join(words[opener:])


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
    # "CreditJane Roe": a photo credit's label glued to the photographer.
    if outlet and name and not CREDIT_WORDS.search(outlet):
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
