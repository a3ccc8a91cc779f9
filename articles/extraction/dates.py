"""Read publication dates the way pages write them.

`parse_date` finds the first date in a string: ISO dates and datetimes (with an
offset or "Z"), "May 21, 2025 7:22 PM", "21 May 2025", "Wednesday, 21 May
2025", "09 June 2025 06:24", "21. Mai 2025", "21 de mayo de 2025",
"09.06.2025". It returns a `date`, or a `datetime` when the text gives a time
(aware when it also gives an offset), or None.

Plain Python, no Django: both strippers (HTML and text dumps) use it.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

# Month names as news sites print them, in the languages the desk reads.
# Genitive forms for Slavic languages: "9 червня 2025", "9 июня 2025".
MONTHS = {
    1: "january jan janvier janv januar jänner enero ene gennaio gen januari janeiro styczeń stycznia "
    "січня січень января январь",
    2: "february feb febr février févr februar febrero febbraio febbr februari fevereiro fev luty lutego "
    "лютого лютий февраля февраль",
    3: "march mar mars märz marz marzo maart março marco marzec marca березня березень марта март",
    4: "april apr avril abril aprile kwiecień kwietnia квітня квітень апреля апрель",
    5: "may mai mayo maggio mei maio maj maja травня травень мая май",
    6: "june jun juin juni junio giugno giu junho czerwiec czerwca червня червень июня июнь",
    7: "july jul juillet juil juli julio luglio lug julho lipiec lipca липня липень июля июль",
    8: "august aug août aout agosto ago augustus sierpień sierpnia серпня серпень августа август",
    9: "september sep sept septembre septiembre settembre set setembro wrzesień września вересня вересень "
    "сентября сентябрь",
    10: "october oct octobre oktober octubre ottobre ott outubro out październik października "
    "жовтня жовтень октября октябрь",
    11: "november nov novembre noviembre novembro listopad listopada листопада листопад ноября ноябрь",
    12: "december dec décembre dezember dez diciembre dic dicembre dezembro grudzień grudnia "
    "грудня грудень декабря декабрь",
}

MONTH_BY_NAME = {name: number for number, names in MONTHS.items() for name in names.split()}
_MONTH = "|".join(sorted(map(re.escape, MONTH_BY_NAME), key=len, reverse=True))

_TIME = r"""
    (?:\s*(?:,|-|–|—|\||at|às|à|um|a\s+las|alle|om|o|в|об)?\s*
      # "June 2, 202510:14 AM": some dumps glue the time to the year.
      # "09.15 BST", "9.15pm": a dot between hour and minute only before a zone or am/pm.
      (?P<hour>\d{1,2})(?:[:h]|\.(?=\d{2}\s*(?:[ap]\.?\s?m\b|(?-i:[A-Z]{2,4})\b)))(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?
      (?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?
      (?:\s*(?P<tz>Z\b|(?:UTC|GMT)?\s*[+\-−]\d{1,2}(?::?\d{2})?|UTC\b|GMT\b|(?-i:[ECMP][SD]T|CES?T|BST|EES?T|MSK)\b))?
    )?
"""

ISO = re.compile(
    r"""(?<!\d)(?P<year>\d{4})(?P<ymd_sep>[-/])(?P<month>\d{1,2})(?P=ymd_sep)(?P<day>\d{1,2})
    (?:[T\s](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?
      \s*(?P<tz>Z\b|(?:UTC|GMT)?\s*[+\-−]\d{1,2}(?::?\d{2})?(?!\d)|UTC\b|GMT\b)?)?(?!\d)""",
    re.VERBOSE,
)
# "Dec 28 Sat 2013 00:28": a blog's date with the weekday between the day and the year.
MONTH_FIRST = re.compile(
    rf"""(?<!\w)(?P<month_name>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+
    (?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{{0,6}}\.?,?\s+)?(?P<year>\d{{4}})(?:(?!\d)|(?=\d{{1,2}}:\d\d))
    {_TIME}""",
    re.VERBOSE | re.IGNORECASE,
)
# "4.2.3 April 2014" is a version and its month: a day number follows no "4.2.".
DAY_FIRST = re.compile(
    rf"""(?<!\d)(?<!\d\.)(?P<day>\d{{1,2}})(?:(?:st|nd|rd|th|\.|er|º)?\s+|\.)(?:de\s+)?(?P<month_name>{_MONTH})(?:\.?,?\s+|\.)
    (?:de\s+)?(?P<year>\d{{4}})(?:\s*(?:р\.|г\.|року|года))?(?!\d)
    {_TIME}""",
    re.VERBOSE | re.IGNORECASE,
)
# 09.06.2025 and 09-06-2025 are day-first; 06/09/2025 is read month-first
# (US) unless one of the numbers can only be a day. "1. 11. 2021" (Czech, Slovak) spaces its dots.
NUMERIC = re.compile(
    rf"""(?<![\d.,/-])(?P<first>\d{{1,2}})(?P<sep>\.\s|[./-])(?P<second_num>\d{{1,2}})(?P=sep)(?P<year>\d{{4}})(?![\d.,/-]\d)
    {_TIME}""",
    re.VERBOSE | re.IGNORECASE,
)
# "19:22, 21 May 2025": the time in front of the date.
TIME_FIRST = re.compile(
    rf"""(?<!\d)(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}})\s*(?P<ampm>[ap]\.?\s?m\b\.?)?\s*[,|-]?\s*
    (?:\w+,\s*)?(?P<day>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?P<month_name>{_MONTH})\.?,?\s+(?P<year>\d{{4}})(?:(?!\d)|(?=\d{{1,2}}:\d\d))""",
    re.VERBOSE | re.IGNORECASE,
)
# "3:04 PM EDT, Tue June 24, 2025": the time, then the weekday and a month-first date.
TIME_FIRST_MONTH = re.compile(
    rf"""(?<!\d)(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}})\s*(?P<ampm>[ap]\.?\s?m\b\.?)?\s*
    (?P<tz>(?-i:[ECMP][SD]T|CES?T|BST|EES?T|MSK|UTC|GMT)\b)?\s*[,|-]?\s*
    (?:\w+,?\s+)?(?P<month_name>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)""",
    re.VERBOSE | re.IGNORECASE,
)
# "2017年3月10日 09:58", the way Chinese and Japanese pages print dates.
CJK_DATE = re.compile(
    rf"""(?<!\d)(?P<year>\d{{4}})\s*年\s*(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*日{_TIME}""",
    re.VERBOSE,
)
PATTERNS = (TIME_FIRST, TIME_FIRST_MONTH, ISO, MONTH_FIRST, DAY_FIRST, NUMERIC, CJK_DATE)

# "March 18", "Mar 17", "18 March", "Feb 24": a day without its year, which only the page around it
# can give ("June 24" under a 2025 copyright line is 24 June 2025).
# A word and a day number side by side, the word looked up in MONTH_BY_NAME (faster than a pattern
# with every month name of every language).
MONTH_DAY = re.compile(
    r"(?<![\w.])(?:(?P<name>[^\W\d_]{3,}\.?)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\d:])"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?P<name2>[^\W\d_]{3,})\b\.?)(?!,?\s*\d{4})"
)


# "1. 11." and "24.06.": day and month in numbers, each closed by a dot, as Czech and German pages print
# a date of this year.
# Unspaced, the month has two digits: "1.2." is a section number.
NUMERIC_DAY_MONTH = re.compile(r"(?<![\w.])(?P<day>\d{1,2})\.(?:\s(?P<month>\d{1,2})|(?P<month2>\d\d))\.(?!\S)")
# Month names French, Spanish or Ukrainian pages write in lower case after the day ("24 juin", "9 червня");
# English abbreviations that are also words ("2 set", "4 ago") are too short to count.
MIN_LOWER_MONTH = 4


def find_month_day(text):
    """(month, day, start, end) of a date written without its year, or None."""
    pos = 0
    while match := MONTH_DAY.search(text, pos):
        # "Опубліковано 24 червня": the word before the day is no month, but the day may open "24 червня".
        pos = match.start("day") if match.group("name") else match.end()
        name = match.group("name") or match.group("name2")
        # A month name is capitalised where it means a month ("May 5"), not "may 5 people", unless the
        # day comes first in a language that writes its months in lower case.
        if not name[0].isupper() and (match.group("name") or len(name) < MIN_LOWER_MONTH or name in ENGLISH_MONTHS):
            continue
        month = MONTH_BY_NAME.get(name.lower().rstrip("."))
        day = int(match.group("day") or match.group("day2"))
        if month and 1 <= day <= 31:
            return month, day, match.start(), match.end()
    match = NUMERIC_DAY_MONTH.search(text)
    if match:
        day, month = int(match.group("day")), int(match.group("month") or match.group("month2"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            return month, day, match.start(), match.end()
    return None


ENGLISH_MONTHS = frozenset(MONTHS[n].split()[0] for n in MONTHS) | {"sept"}


def in_year_of(month, day, reference):
    """The date `month`/`day` falls on in the year up to `reference` (a date): the same year, or the one
    before when that day is still to come."""
    for year in (reference.year, reference.year - 1):
        try:
            value = date(year, month, day)
        except ValueError:
            continue
        if value <= reference:
            return value
    return None


# "2 hours ago", "vor 3 Stunden", "il y a 2 h", "hace 5 minutos", "před 2 hodinami", "5 хвилин тому",
# "yesterday": the page was saved at a moment the dump does not record, so the day is unknowable.
_UNITS = (
    r"(?:sec(?:ond)?s?|min(?:ute)?s?|h|hrs?|hours?|days?|weeks?|months?|"
    r"sekunden?|minuten?|stunden?|tagen?|wochen?|"
    r"secondes?|heures?|jours?|semaines?|"
    r"segundos?|minutos?|horas?|días?|semanas?|"
    r"secondi|minuti|ore|giorni|"
    r"sekund[ay]?|minut[ay]?|godzin[ay]?|dni|"
    r"sekundami|minutami|minutou|hodinami|hodinou|dny|dnem|"
    r"секунд[уиы]?|хвилин[уи]?|годин[уи]?|днів|дні|день|минут[уы]?|час(?:а|ов)?|дн(?:я|ей))"
)
RELATIVE_DATE = re.compile(
    rf"(?<!\w)(?:(?:\d{{1,3}}|an?|one|a few)\s*{_UNITS}\.?\s+ago"
    rf"|(?:vor|il y a|hace|před|przed)\s+\d{{1,3}}\s*{_UNITS}"
    rf"|\d{{1,3}}\s*{_UNITS}\s+(?:fa|temu|тому|назад)"
    r"|yesterday|just now|gestern|ayer|ieri|včera|вчора|вчера"
    # "Jane Roe • 8h": the compact form after a separator.
    r"|(?<=[•·|]\s)\d{1,2}\s?[hmd]$"
    r")(?!\w)",
    re.IGNORECASE,
)


# Every relative date has a number or one of these words: other lines are done with in one search.
RELATIVE_HINT = re.compile(
    r"\d|ago|yesterday|just now|gestern|ayer|ieri|včera|вчора|вчера|il y a|hace|vor|před|przed|temu|тому|назад",
    re.IGNORECASE,
)


def find_relative_date(text):
    """The span of a relative date ("2 hours ago", "vor 3 Stunden") in `text`, or None."""
    if not RELATIVE_HINT.search(text):
        return None
    match = RELATIVE_DATE.search(text)
    return (match.start(), match.end()) if match else None


# "2 hours ago", "před 2 hodinami", "vor 5 Minuten", "just now": a time of the day the page was shown.
SAME_DAY = re.compile(
    r"\d\s*(?:sec|min|h\b|hrs?\b|hour|stund|heure|hora|or[ae]\b|godzin|hodin|секунд|хвилин|минут|годин|час)"
    r"|just now",
    re.IGNORECASE,
)


def is_same_day(text):
    """Whether `text` holds a relative date of seconds, minutes or hours ago: the day the page was shown
    (a day or more ago, or "yesterday", is another day)."""
    span = find_relative_date(text)
    return span is not None and bool(SAME_DAY.search(text[span[0] : span[1]]))


YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d\d")


@dataclass
class FoundDate:
    value: date | datetime
    start: int
    end: int

    @property
    def day(self):
        """The day of `value`, whether it came with a time or not."""
        return self.value.date() if isinstance(self.value, datetime) else self.value


# Zone names pages print after a time, with their offsets from UTC in hours.
ZONES = {
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "CET": 1, "CEST": 2, "BST": 1, "EET": 2, "EEST": 3, "MSK": 3,
}  # fmt: skip


def _offset(text):
    text = (text or "").strip().upper().replace("−", "-")
    if not text:
        return None
    if text in {"Z", "UTC", "GMT"}:
        return UTC
    if text in ZONES:
        return timezone(timedelta(hours=ZONES[text]))
    text = text.removeprefix("UTC").removeprefix("GMT").strip()
    match = re.fullmatch(r"([+-])(\d{1,2})(?::?(\d{2}))?", text)
    if not match:
        return None
    hours, minutes = int(match.group(2)), int(match.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if match.group(1) == "-" else delta)


def _build(match):
    return _build_from(match.groupdict())


def _build_from(groups):
    if groups.get("month_name"):
        month = MONTH_BY_NAME.get(groups["month_name"].lower().rstrip("."))
        day = int(groups["day"])
    elif groups.get("first"):
        first, second = int(groups["first"]), int(groups["second_num"])
        if groups["sep"] != "/" and second <= 12 or first > 12:
            day, month = first, second
        else:
            month, day = first, second
    else:
        month, day = int(groups["month"]), int(groups["day"])
    year = int(groups["year"])
    if month is None or not 1900 <= year <= 2100:
        return None
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    if groups.get("hour") is None:
        return day_value
    hour, minute, second = int(groups["hour"]), int(groups["minute"]), int(groups.get("second") or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= hour <= 12:
            return day_value
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return day_value
    return datetime(year, month, day, hour, minute, second, tzinfo=_offset(groups.get("tz")))


def find_date(text):
    """The first date in `text` as a FoundDate (value and where it is), or None."""
    # Every pattern needs a four-digit year: most lines are ruled out here.
    if not text or not YEAR.search(text):
        return None
    best = None
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            value = _build(match)
            if value is None:
                continue
            if best is None or match.start() < best.start:
                best = FoundDate(value, match.start(), match.end())
            break
    if best is not None:
        # The time pattern may have eaten trailing spaces; the span ends at text.
        while best.end > best.start and text[best.end - 1].isspace():
            best.end -= 1
    return best


# "10.15.15", "9/11/13 10:00AM": a date with a two-digit year, as some sites print it on a line of its own.
SHORT_YEAR = re.compile(
    rf"""^(?P<first>\d{{1,2}})(?P<sep>[./])(?P<second_num>\d{{1,2}})(?P=sep)(?P<short_year>\d{{2}})(?![\d.,/])
    {_TIME}(?=\s|$)""",
    re.VERBOSE | re.IGNORECASE,
)


def find_short_year_date(text):
    """The date a line opens with when it prints the year in two digits, as a FoundDate, or None.
    Dots put the day first and slashes the month, unless a number can only be a day: "10.15.15" is
    15 October 2015."""
    match = SHORT_YEAR.match(text)
    if not match:
        return None
    first, second = int(match.group("first")), int(match.group("second_num"))
    day_first = (match.group("sep") == "." and second <= 12) or first > 12
    day, month = (first, second) if day_first else (second, first)
    if not 1 <= month <= 12:
        return None
    groups = match.groupdict()
    groups.update(first=None, month=str(month), day=str(day), year=str(2000 + int(match.group("short_year"))))
    value = _build_from(groups)
    return FoundDate(value, match.start(), match.end()) if value else None


def parse_date(text: str) -> date | datetime | None:
    """The first date (or datetime, when a time is given) in `text`, else None."""
    found = find_date(text)
    return found.value if found else None
