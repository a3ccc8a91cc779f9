"""What a capitalised word or run is by its shape and the words around it: a name, a place, a
company, a thing, or the page's own furniture.

Each test reads kinds of evidence (capitals, a given name first, a place or company
ending, the noun after the name, the page's own lower-case words), never a list of
particular junk strings, so it holds on pages no one here has seen.
"""

import re
from functools import cached_property

from . import actor_words as words
from . import speech
from .bundled_names import is_place, name_frequency
from .text_language import WORDS

# The function words that tell a German text (whose nouns are capitalised) from an English one.
GERMAN_WORDS = WORDS["de"]
ENGLISH_WORDS = WORDS["en"]
LOWER_WORD_RE = re.compile(r"\b[a-z][a-z'’-]+\b")
# "Environmental Protection Agency (EPA)", "EPA (Environmental Protection Agency)".
DEFINED_AFTER_RE = re.compile(
    r"([A-Z][\w’'.&-]*(?: +(?:of|for|and|the|on|in|de|du|des|&)?(?: +)?[A-Z][\w’'.&-]*)+) +\(([A-Z][A-Z.&]+[a-z]?)\)"
)
PAREN_ABBR_RE = re.compile(r" \([A-Z][A-Z.&]+[a-z]?\)")  # DEFINED_AFTER_RE is tried only on pages with one
DEFINED_BEFORE_RE = re.compile(r"\b([A-Z][A-Z.&]+[a-z]?) +\(([A-Z][\w’'.-]*(?: +[\w’'.&-]+)+)\)")
TICKER_EXCHANGES = ("NYSE", "NASDAQ", "Nasdaq", "LSE", "TSX", "ASX", "HKEX", "Euronext", "OTC")
TICKER_RE = re.compile(r"\b(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|HKEX|Euronext|OTC)\s*:\s*[A-Z.]{1,6}")
# "(Reuters) -", "WASHINGTON (AP) —": the agency that filed the story.
DATELINE_AGENCY_RE = re.compile(r"(?:^|\n)[^\n()]{0,60}?\(([A-Z][\w.&' -]{1,40}?)\)\s*[-–—]")
# Photo and video credits: "Photo: Dana Keller/Getty Images", "(Credit: ...)", "Dana Keller/AFP".
PHOTO_AGENCIES = (
    r"(?:AFP|AP|Reuters|Getty(?: Images)?|EPA(?:-EFE)?|Bloomberg|Shutterstock|Alamy|Pool|Sipa|ZUMA(?: Press)?"
    r"|NurPhoto|Anadolu(?: Agency)?|Xinhua|TASS|dpa|SOPA(?: Images)?|Redux|Polaris|AP Photo|Corbis|iStock)"
)
CREDIT_RE = re.compile(
    r"\b(?:[Pp]hotos?|[Pp]hotograph|[Ii]mages?|[Pp]icture|[Cc]redit|[Vv]ideo|[Ii]llustration|[Ff]ile photo)"
    r"(?:\s+(?:by|courtesy(?: of)?))?\s*[:|]\s*[^\n]{0,80}"
    r"|\b[Pp]hoto(?:graph)?s?\s+(?:by|courtesy of)\s+[^\n.]{0,80}"
    r"|\b" + PHOTO_AGENCIES + r"\s+(?:via|/)\s+Getty Images"
)
# A page with none of these has no match of CREDIT_RE (each of its branches holds one of them).
CREDIT_CUES = ("hoto", "mage", "icture", "redit", "ideo", "llustration", "Getty Images")
# "© Provided by Business Insider Inc Nintendo/Apple" (read only on pages with the sign).
COPYRIGHT_RE = re.compile(r"(?<!\S)©\s?[A-Z][^\n/]{0,60}(?:/\s?[\w.-]+)?")
# "(Oleg Urusov/ Roscosmos Space Agency Press Service photo via AP)" (read only on lines with a slash).
PAREN_CREDIT_RE = re.compile(r"\([^()\n]{2,80}/[^()\n]{0,80}?(?:[Pp]hoto|via\s+" + PHOTO_AGENCIES + r")[^()\n]{0,20}\)")
# "Dana Keller/AFP": read only on the lines that have a slash (tried at every capital, it is costly).
SLASH_CREDIT_RE = re.compile(r"[A-Z][\w.'’ -]{2,40}\s?/\s?" + PHOTO_AGENCIES + r"(?:\s?/\s?" + PHOTO_AGENCIES + r")*")


_SERVICE = r"[A-Z][\w+.’'-]*(?: [A-Z][\w+.’'-]*){0,3}"
SERVICE_LIST_RE = re.compile(
    r"\b(?:streaming|stream|rent|buy|download)(?: it| them| now| digitally| online)? on "
    r"(" + _SERVICE + r"(?:(?:, (?:and |or )?|,? (?:and|or) )" + _SERVICE + r")*)"
)

SPORT_RE = re.compile(r"(?i)\b(?:" + "|".join(words.SPORT_STEMS) + r")|\b(?:" + "|".join(words.SPORT_WORDS) + r")\b")

# Two sides of a match: one to three capitalised words each side of a spaced dash, the line or the clause
# ending after them, or the score ("2:1", not "2009/10"); a title in quotation marks is no match.
_SIDE = r"[A-ZÀ-Þ][\w.'’]*(?: [A-ZÀ-Þ][\w.'’]*){0,2}"
FIXTURE_RE = re.compile(
    r"(?<![\w\"“‘'-])(?P<home>" + _SIDE + r") [-–] (?P<away>" + _SIDE + r")(?=\s*(?:[:;)\n]|$)| \d{1,3}[:–-]\d{1,3}\b)"
)


class PageWords:
    """What the whole page says about its words: those it writes in lower case, the
    abbreviations it spells out, its tickers, credits and the agency of its dateline."""

    def __init__(self, text):
        self.lower = set(LOWER_WORD_RE.findall(text))
        self.defined = {}
        spelled = " (" in text and PAREN_ABBR_RE.search(text) is not None
        for m in DEFINED_AFTER_RE.finditer(text) if spelled else ():
            expansion = _expansion(m.group(2), m.group(1))
            if expansion and _names_body(expansion):
                self.defined[m.group(2).replace(".", "")] = expansion
        for m in DEFINED_BEFORE_RE.finditer(text) if " (" in text else ():
            expansion = _expansion(m.group(1), m.group(2))
            if expansion and _names_body(expansion):
                self.defined[m.group(1).replace(".", "")] = expansion
        # The patterns below are tried at every word; most pages have none of the words they begin with.
        self.tickers = (
            [(m.start(), m.end()) for m in TICKER_RE.finditer(text)] if any(x in text for x in TICKER_EXCHANGES) else []
        )
        # Initials of the laws, works and events named on the page, filled in as they are found.
        self.thing_initials = set()
        self.credits = (
            [(m.start(), m.end()) for m in CREDIT_RE.finditer(text)] if any(x in text for x in CREDIT_CUES) else []
        )
        if "©" in text:
            self.credits.extend((m.start(), m.end()) for m in COPYRIGHT_RE.finditer(text))
        start = 0
        for line in text.split("\n"):
            if "/" in line:
                self.credits.extend((start + m.start(), start + m.end()) for m in SLASH_CREDIT_RE.finditer(line))
                if "(" in line:
                    self.credits.extend((start + m.start(), start + m.end()) for m in PAREN_CREDIT_RE.finditer(line))
            start += len(line) + 1
        # "streaming on HBO Go and HBO Now", "rent on Amazon Prime, Vudu, YouTube": services, not actors.
        self.services = (
            [(m.start(1), m.end(1)) for m in SERVICE_LIST_RE.finditer(text)]
            if any(w in text for w in ("stream", "rent ", "buy ", "download"))
            else []
        )
        self.agencies = [(m.start(1), m.end(1)) for m in DATELINE_AGENCY_RE.finditer(text[:3000])]
        # German writes every noun with a capital: a capitalised word there is no sign of a name.
        self.nouns_capitalised = len(self.lower & GERMAN_WORDS) >= 6 and len(self.lower & ENGLISH_WORDS) < 4
        self._text = text

    @cached_property
    def sport(self):
        """Whether the page is about a sport (its leagues, matches, players): only there is "Leicester City" a
        club rather than a town's name with its kind after it."""
        return SPORT_RE.search(self._text) is not None

    @cached_property
    def fixtures(self):
        """The spans of the two sides of each match a sports page lists ("Aston Villa - West Ham:"), by where
        each side starts."""
        if " - " not in self._text and " – " not in self._text or not self.sport:
            return {}
        sides = {}
        for m in FIXTURE_RE.finditer(self._text):
            home, away = m.group("home"), m.group("away")
            if any(is_given_name(side.split()[0], 3) and " " in side for side in (home, away)):
                continue  # "Novak Drenic - Rafael Ortas": two players
            sides[m.start("home")] = m.end("home")
            sides[m.start("away")] = m.end("away")
        return sides

    def in_spans(self, spans, start, end):
        return any(s <= start and end <= e for s, e in spans)

    def is_credit(self, start, end):
        return self.in_spans(self.credits, start, end)

    def is_ticker(self, start, end):
        return self.in_spans(self.tickers, start, end)

    def is_service(self, start, end):
        return self.in_spans(self.services, start, end)

    def is_dateline_agency(self, start, end):
        return self.in_spans(self.agencies, start, end)


def _names_body(phrase):
    """ "Consumer Financial Protection Bureau" names a body; "Site Reliability Engineering" does not."""
    return any(w.casefold() in speech.ORG_WORDS or w.casefold() in words.ORG_ENDINGS for w in phrase.split())


def _expansion(abbr, phrase):
    """The words of `phrase` that `abbr` abbreviates, from the first whose initial is the abbreviation's:
    "EPA", "said The Environmental Protection Agency" -> "Environmental Protection Agency"."""
    letters = abbr.replace(".", "").replace("&", "")
    phrase_words = phrase.split()
    for i, word in enumerate(phrase_words):
        if word[:1] == letters[:1] and len(phrase_words) - i >= 2:
            return " ".join(phrase_words[i:])
    return None


def is_given_name(word, at_least=2):
    return name_frequency(word) >= at_least


def is_glue_word(tok, page):
    """A capitalised word that belongs to the sentence rather than to the name after it:
    "Whether", "Like", "Once", "Getting", "Added", "Sign"."""
    low = tok.low
    if low in words.OPENERS or low in words.FURNITURE_WORDS:
        return not is_given_name(tok.bare, 3) or low in ("will", "may")
    if is_given_name(tok.bare):
        return False
    if len(low) > 4 and (low.endswith(("ing", "ed", "ly"))) and low in page.lower:
        return True
    # A word the page also writes in lower case, other than a title ("General", "President").
    return low in page.lower and low not in speech.TITLE_WORDS and low not in speech.ROLE_HEADS


def is_caps_word(tok, page):
    """A word in capitals that is an ordinary word (SIGN, NEWSLETTER, DONE), not an abbreviation."""
    low = tok.low.replace(".", "")
    if low in words.ORG_ABBREVIATIONS:
        return False
    return low in words.FURNITURE_WORDS or low in words.OPENERS or (len(low) >= 3 and low in page.lower)


def acronym_stands_for_nothing(tok, page):
    """An abbreviation of a thing, a measure, a time zone or a word: RGB, ECG, DVD, CEST, PR."""
    low = tok.low.replace(".", "")
    return (
        low in words.THING_ABBREVIATIONS
        or low in words.TIME_ZONES
        or (low not in words.ORG_ABBREVIATIONS and is_caps_word(tok, page))
    )


def known_org_abbreviation(tok, page):
    key = tok.bare.replace(".", "")
    return key.casefold() in words.ORG_ABBREVIATIONS or key in page.defined


def is_place_name(name_words):
    """ "Walnut Creek", "Belo Horizonte", "Cape Canaveral", "South Dakota": a place, not an actor."""
    low = [w.casefold() for w in name_words]
    if len(low) > 1 and (low[-1] in words.PLACE_ENDINGS or low[0] in words.PLACE_OPENERS):
        return True
    return is_place(" ".join(name_words))


LAND_RESERVES = frozenset(
    ["nature", "game", "wildlife", "marine", "forest", "biosphere", "petroleum", "oil", "national", "natural",
     "private", "indian", "tribal", "hunting", "scenic", "ecological", "gold", "grain"]
)  # fmt: skip


def org_ending(name_words):
    last = name_words[-1].casefold().rstrip(".")
    if "." in last:
        last = last.replace(".", "")  # "S.L.", "S.A.": a legal form written with its stops
    if last == "reserve" and len(name_words) > 1 and name_words[-2].casefold() in LAND_RESERVES:
        return False  # "Tallow Nature Reserve", "the Strategic Petroleum Reserve": a place or a stock
    return last in words.ORG_ENDINGS or last in speech.ORG_WORDS


def hyphen_tail_is_name(part):
    """ "Jae-myung", "Dong-hoon" are names; "London-based", "Kremlin-backed" are adjectives."""
    low = part.casefold()
    return not (low in words.ADJECTIVE_ENDINGS or low.endswith(("ed", "ing", "ly")) or low in speech.ROLE_HEADS)


LOWER_AFTER_RE = re.compile(r"^['’]?s?\s+([a-z][a-z-]+)(?:\s+([a-z][a-z-]+))?")


def org_noun_after(text_after):
    """ "the Roscosmos space agency", "Vidyard, a platform": the name is an organisation's."""
    m = LOWER_AFTER_RE.match(text_after)
    if not m:
        return False
    first, second = m.groups()
    if first in words.ORG_NOUNS_AFTER:
        return True
    return second in words.ORG_NOUNS_AFTER and first not in speech.SPEECH_FORMS and not first.endswith("ed")


def work_noun_after(text_after):
    """ "the Star Trek film", "Apple Watch models": a work or a product, not an actor."""
    m = LOWER_AFTER_RE.match(text_after)
    return bool(m) and m.group(1) in words.WORK_NOUNS_AFTER


TECHNIQUE_NOUNS = frozenset(["structure", "support", "technology", "format", "standard", "software", "feature"])


def technique_noun_after(text_after):
    """ "the Morris Trust structure", "Dolby Atmos support": a name of a technique, not a body."""
    m = LOWER_AFTER_RE.match(text_after)
    return bool(m) and m.group(1) in TECHNIQUE_NOUNS


# "Lady Bird is a masterful coming-of-age comedy", "Princess Cyd is his most accomplished film yet", "Lady
# Macbeth is currently streaming", "Alphonse President (série, 10x26)": what the text says the name is makes
# it a work. The noun must end the phrase ("a film director", "a movie star", "a fan of the show" are people).
WORK_KINDS = (
    r"film|movie|documentary|comedy|drama|thriller|novel|book|memoir|album|song|series|sitcom|show|game|story"
    r"|musical|opera|painting|app|podcast|episode|sequel|franchise"
)
WORK_PREDICATE_RE = re.compile(
    r"[’']?\)?\s+(?:is|was|remains)\s+(?:(?:also|currently|now|still|not|no|both)\s+)?"
    r"(?:(?:streaming|available to (?:stream|rent|buy|download)|out now|in theaters|playing in)\b"
    r"|(?:(?:a|an|the|his|her|their|its|no)\s+)"
    r"(?:(?!(?:of|in|on|for|with|from|at|about|by|to|who|and|or)\b)[\w’'-]+,?\s+){0,5}?"
    r"(?:" + WORK_KINDS + r")\b(?=[.,;:!?)]|\s+(?:about|that|which|starring|by|from|in|with|yet|set|based|directed"
    r"|written|adapted|where|whose|for|on|of|and|but)\b))",
    re.IGNORECASE,
)
# A heading that names a work and says what it is: "Alphonse President (série, 10x26, OCS Max)".
WORK_HEADING_RE = re.compile(
    r"\s*\((?:" + WORK_KINDS + r"|série|websérie|documentaire|serie|película|documental|jeu|livre|roman)\b",
    re.IGNORECASE,
)


def work_predicate(text, pos, line_start=False):
    """What the text says right after `pos` (the end of a name) makes the name a work's."""
    return WORK_PREDICATE_RE.match(text, pos) is not None or (
        line_start and WORK_HEADING_RE.match(text, pos) is not None
    )


# What only a company is or has, said of a lone word with no given name: "Facebook CEO Mark Zuckerberg",
# "Sony's console", "the $19 billion acquisition of WhatsApp", "the search engine Mozilla", "companies
# such as Evernote, Dropbox or Google". A person's name has a given name or a title, or is the surname of
# one named in full, and is read before these.
COMPANY_ROLE_AFTER_RE = re.compile(
    r"(?:['’]s)?\s+(?:CEO|CFO|COO|CTO|chief\s+(?:executive|operating|financial|technology)|co-?founder|founder"
    r"|shareholders|stockholders)\b"
)
# "Con Edison officials": a body's people; a capitalised common word opening a sentence has them too
# ("Administration officials said"), so the name must stand inside the sentence.
COMPANY_PEOPLE_AFTER_RE = re.compile(r"(?:['’]s)?\s+(?:executives|engineers|employees|officials)\b")
COMPANY_OWNS_AFTER_RE = re.compile(
    r"(?:['’]s)?\s+(?:(?:[a-z][a-z-]+|\$[\d.,]+\s+(?:billion|million)|[\d.,]+)\s+){0,2}?"
    r"(?:CEO|chief\s+executive|co-?founder|founder|employees|engineers|customers|subscribers|users|console|consoles"
    r"|app|apps|platform|products|devices|smartphones?|servers|stores|patents|acquisitions?|takeover|buyout"
    r"|brands?|revenues?|earnings|profits|stock|subsidiar(?:y|ies)|shareholders|headquarters)\b"
)
COMPANY_NOUN_BEFORE_RE = re.compile(
    r"(?:\b(?:company|firm|start-?up|chipmaker|carmaker|automaker|retailer|e-?retailer|search\s+engine"
    r"|social\s+network|tech(?:nology)?\s+giant|conglomerate|airline|brewer|distiller|broadcaster"
    r"|website|magazine|newspaper|auction\s+house|game\s+(?:studio|developer|publisher)"
    # a paper or a news site in the languages of the news read here: "the evening paper Morning Clarion"
    r"|deník|deníku|večerník|večerníku|týdeník|týdeníku|časopis|časopisu|serveru|dziennik|gazeta|tygodnik"
    r"|quotidien|hebdomadaire|periódico|diario|jornal|quotidiano|giornale|revista|rivista|Zeitung|Magazin"
    # "whale rescue group Kauri Tamaho", "the charity Velloq Trust"
    r"|group|charity|nonprofit|non-profit|think\s+tank|lobby\s+group|organi[sz]ation)"
    # "Minecraft developer Mojang": the maker of a product named before
    r"|\b[A-Z][\w-]+\s+(?:developer|publisher|maker|owner|operator)"
    r"|\b(?:acquisition|buyout|takeover|purchase)\s+of|\bmerger\s+with"
    # "la adquisición de", "le rachat de", "a aquisição da", "l'acquisizione di"
    r"|\b(?:adquisición|compra|rachat|acquisition|aquisição|acquisizione|fusión|fusion|fusão)\s+(?:de|d[aeiou]|del)"
    r"|\b(?:acquire|acquired|acquiring|bought|to\s+buy)"
    r"|\bsale\s+to|\bsold\s+to)\s+(?:the\s+)?$"
)
# The words COMPANY_NOUN_BEFORE_RE can end with (some wider: "up" for "start-up", "de" for "da", "del"): a text
# whose last word ends with none of them has no match, and the pattern, tried at every character, is not run.
COMPANY_NOUN_LAST_WORDS = (
    "company", "firm", "up", "maker", "retailer", "engine", "network", "giant", "conglomerate", "airline", "brewer",
    "distiller", "broadcaster", "website", "magazine", "newspaper", "house", "studio", "developer", "publisher",
    "ník", "níku", "časopis", "časopisu", "serveru", "dziennik", "gazeta", "tygodnik", "quotidien", "hebdomadaire",
    "periódico", "diario", "jornal", "quotidiano", "giornale", "revista", "rivista", "Zeitung", "Magazin", "group",
    "charity", "profit", "tank", "organisation", "organization", "owner", "operator", "of", "with", "da", "de", "di",
    "do", "du", "del", "acquire", "acquired", "acquiring", "bought", "buy", "to",
)  # fmt: skip


def company_noun_before(text, pos=0, endpos=None):
    """COMPANY_NOUN_BEFORE_RE.search(text, pos, endpos), run only where its last words are."""
    endpos = len(text) if endpos is None else endpos
    near = text[pos:endpos]
    stripped = near.rstrip()
    if len(stripped) == len(near):
        return None  # the pattern ends with a space
    if not stripped.endswith(COMPANY_NOUN_LAST_WORDS):
        head = stripped[:-3]
        if not (stripped.endswith("the") and head[-1:].isspace() and head.rstrip().endswith(COMPANY_NOUN_LAST_WORDS)):
            return None
    return COMPANY_NOUN_BEFORE_RE.search(text, pos, endpos)


# "the acquisition of Activision Blizzard by Microsoft", "la adquisición de Tollan por Brevix": the buyer.
ACQUIRER_BEFORE_RE = re.compile(
    r"\b(?:acquisition|takeover|purchase|buyout|adquisición|compra|rachat|aquisição|acquisizione|Übernahme)"
    r"\s+(?:of|de|d[aeo]s?|del|di|von)\s+(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3}"
    r"\s+(?:by|por|par|pela|pelo|da|durch)\s+$"
)
# "company", "firm", "group" in Chinese and Japanese, written right before the name.
CJK_COMPANY_WORDS = ("公司", "会社", "企业", "集团", "企業")
ACQUIRER_LAST_WORDS = ("by ", "por ", "par ", "pela ", "pelo ", "da ", "durch ")
BODIES_PLURAL = (
    r"companies|firms|businesses|retailers|bookstores|brands|websites|sites|outlets|rivals|startups|organi[sz]ations"
    r"|agencies|bodies|institutions|charities|banks|universities|publications|newspapers|broadcasters|clubs"
    r"|Firmen|Unternehmen|Organisationen|empresas|entreprises|sociétés|organismes|organizaciones|clubes"
)
COMPANIES_LIKE_RE = re.compile(
    r"(?:\b(?i:" + BODIES_PLURAL + r")\s+(?:such\s+as|like|including|wie|como|comme)"
    # "such organisations as the RSPCA"
    r"|\bsuch\s+(?i:" + BODIES_PLURAL + r")\s+as)\s+(?:the\s+)?"
    # Each name before this one ends at a comma or a conjunction, so a long run of capitalised words
    # is read in one way only (a name of up to three words, then its separator).
    r"(?:[A-Z][\w.&’'-]*(?: [A-Z][\w.&’'-]*){0,2}(?:, (?:(?:and|or|und|oder|y|o|et|ou) )?|,? (?:and|or|und|oder|y|o"
    r"|et|ou) ))*$"
)


NAME_GOES_ON_RE = re.compile(r" (?:for|of|on) [A-Z]")
# COMPANIES_LIKE_RE matches only where one of these is written (it is costly to try everywhere).
COMPANIES_LIKE_CUES = (" as ", "like ", "including ", " wie ", " como ", " comme ")
# What a body does, said right after its name: "Velloq has launched", "where the VKF is involved".
BODY_ACTS_AFTER_RE = re.compile(
    r"\s+(?:(?:has|had|have|also|recently|just|then|quickly|first)\s+){0,2}"
    r"(?:launched|unveiled|acquired|shipped|rolled\s+out|manufactures|manufactured|run\s+(?:a|an))\b"
    r"(?!\s+(?:his|her|their|a\s+(?:\w+\s+)?(?:campaign|bid|career)))"  # "Dana Vell launched her campaign"
)
# "where the VKF is involved": an abbreviation that takes part (a person's name is "involved" too).
INVOLVED_AFTER_RE = re.compile(r"\s+(?:is|was|were|are|has\s+been|had\s+been)\s+involved\b")
# Where someone works or writes: "an economist at Tollan", "a columnist for Brevix"; where a story is
# published: "a series that ran on Brevix", "a story published at Velloq".
WORKS_AT_BEFORE_RE = re.compile(
    r"\b(?:(?:economist|professor|researcher|scientist|analyst|engineer|fellow|lecturer|scholar|executive"
    r"|manager|employee|official|editor|reporter|writer|columnist|correspondent|developer|designer|lawyer"
    r"|strategist|investor)s?\s+at"
    r"|(?:editor|reporter|writer|columnist|correspondent|contributor)s?\s+for"
    # "employees of Brevane", "representantes do Tollan", "jugadores del Quarlo"
    r"|(?:representatives|executives|employees|staffers|representantes|dirigentes|funcionários|funcionarios"
    r"|empleados|jogadores|jugadores|salariés|dirigeants)\s+(?:of|from|at|d[oae]s?|del|de\s+la)"
    r"|(?:published|posted|appeared|ran|run|aired)\s+(?:it\s+)?(?:at|on))\s+(?:the\s+)?$"
)
WORKS_AT_LAST_WORDS = frozenset(["at", "for", "on", "of", "from", "do", "da", "dos", "das", "de", "del", "la", "the"])
CALENDAR_WORDS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
     "april", "may", "june", "july", "august", "september", "october", "november", "december", "christmas",
     "easter", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar", "apr",
     "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)  # fmt: skip


def company_cue(text, start, end, possessive=False):
    """Whether the words around text[start:end], a lone capitalised word or a name with no given name,
    make it a company's. `possessive`: the name's "'s" is inside the span ("Sony's" ends after it)."""
    if COMPANY_PEOPLE_AFTER_RE.match(text, end):
        return start > 0 and text[start - 2 : start - 1] not in ".!?\n" and text[start - 1 : start] not in '\n“"'
    if COMPANY_ROLE_AFTER_RE.match(text, end) or (
        (possessive or text.startswith(("'s", "’s"), end)) and COMPANY_OWNS_AFTER_RE.match(text, end)
    ):
        return True
    if possessive:
        return False  # "the acquisition of Yahoo's assets": what is bought is the thing after
    if NAME_GOES_ON_RE.match(text, end):
        return False  # "the group Club for Growth": the first word of a longer name is not the name
    before = text[max(0, start - 120) : start]
    if before.endswith(CJK_COMPANY_WORDS):
        return True  # "人工智能公司DeepMind": "the AI company DeepMind" in Chinese
    if before.endswith(ACQUIRER_LAST_WORDS) and ACQUIRER_BEFORE_RE.search(before):
        return True
    if company_noun_before(before[-40:]) or (
        any(cue in before for cue in COMPANIES_LIKE_CUES) and COMPANIES_LIKE_RE.search(before)
    ):
        return True
    # What a person does too: a given name ("Paul", "Jan.") or a date is no body's name.
    word = text[start:end]
    if word.isupper():
        return INVOLVED_AFTER_RE.match(text, end) is not None or WORKS_AT_BEFORE_RE.search(before[-40:]) is not None
    if is_given_name(word, 1) or word.casefold() in CALENDAR_WORDS:
        return False
    if BODY_ACTS_AFTER_RE.match(text, end):
        return True
    # WORKS_AT_BEFORE_RE ends with one of these words right before the name: tried only then.
    near = before[-40:]
    last = near.rsplit(None, 1)[-1:]
    return bool(last and last[0] in WORKS_AT_LAST_WORDS and WORKS_AT_BEFORE_RE.search(near))
