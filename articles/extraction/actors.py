"""People and organisations named in an article body, found without a list of names.

A capitalised run of words ("Turkish Foreign Minister Hakan Fidan") is split
into its title ("Turkish Foreign Minister") and its name ("Hakan Fidan"). A
run is a person when the text treats it as one: a title before it, a role in
apposition ("Keir Starmer, the British prime minister"), a speech verb after
it, or a name shape of two or three words that are not places or common words.
Surnames alone, possessives, misspelt inflections and transliterations then
fold into the full name they stand for, so each real person is one actor.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import actor_kinds, actor_makers, actor_tables, actor_words, bundled_names, speech
from .actor_kinds import PageWords
from .names_fold import display_spelling, fold_name, fold_word, same_surname, strip_possessive
from .text_language import guess_language

# A middle initial ("Stuart R. Kaplan") is a token of its own only between a word and a capitalised word.
TOKEN_RE = re.compile(
    r"(?:[A-Z]\.){2,}|(?<=[a-z] )[A-Z]\.(?= [A-Z][a-z])|[^\W\d_](?:[\w'’\-\xad]*\w)?(?:['’]s)?"
    r"|\d[\d.,]*\w*|(?<= )&(?= )"
)
INITIALS_RE = re.compile(r"(?:[A-Z]\.){1,3}")
# "al-Assad", "el-Sisi", "bin-Talal": a family name written with its particle, lower case and all.
HYPHENED_PARTICLE_RE = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az|ul|bin|ibn|abu|abd)-[A-Z][a-z]")
PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "du", "del", "la", "le", "bin", "ibn", "al", "ter", "dos"}
# Titles that are part of how the person is named ("Pope Leo", "King Charles").
# Titles that are also common family names.
SURNAME_TITLES = {"king", "bishop", "major", "pope", "prince", "judge", "dean", "marshal"}
NAMING_TITLES = {"pope", "king", "queen", "prince", "princess", "emir", "sheikh", "sultan", "patriarch", "cardinal"}
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "gen", "sen", "rep", "gov", "col",
    "lt", "rev", "pastor", "imam", "reverend", "deacon", "herr", "frau", "mme", "mlle", "monsieur", "madame",
    "señor", "señora", "sr", "sra",
}  # fmt: skip
MULTI_WORD_COUNTRIES = {
    "united states",
    "united kingdom",
    "united arab emirates",
    "czech republic",
    "south korea",
    "north korea",
    "saudi arabia",
    "new zealand",
    "south africa",
}
# A role word of French, Spanish, Portuguese or Italian news right after a name and a comma.
CAPITAL_NEXT_RE = re.compile(r"\s+[A-ZÀ-Þ]")
FOREIGN_ROLE_AFTER_RE = re.compile(r",\s+(?:(?:l[ae]|el|o|a|il|lo)\s+)?(?:ex-)?(?P<role>[a-zà-ÿ-]+)\b")
APPOSITION_RE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,.;:()“”\"]{3,80}?)\s*[,.;]")
REVERSE_APPOSITION = re.compile(r"(?:^|[.!?]\s+|\n)(?P<role>[^,.;:“”\"\n]{3,80}),\s+$")
SPEECH_AFTER_RE = re.compile(
    r"^\s*(?:also\s+|later\s+|then\s+|has\s+|had\s+|have\s+|further\s+|again\s+)*(?P<verb>[a-z]+)\b"
)


class Token:
    """One word of the text. Its derived forms are computed once: the analysis asks for them
    hundreds of thousands of times on a long page."""

    __slots__ = ("text", "start", "end", "bare", "low", "possessive", "capitalised", "acronym", "initial")

    def __init__(self, text, start, end):
        self.start = start
        self.end = end
        (self.text, self.bare, self.low, self.possessive, self.capitalised, self.acronym, self.initial) = _word_shape(
            text
        )

    def __repr__(self):
        return f"Token({self.text!r}, {self.start}, {self.end})"


# A page names the same few hundred words again and again: each word's forms are worked out once.
@lru_cache(maxsize=65536)
def _word_shape(text):
    # A soft hyphen ("Vladi\xadmir") is a place a line may break, not a letter of the name.
    if "\xad" in text:
        text = text.replace("\xad", "")
    bare = strip_possessive(text) if text[-1:] in "'’sS" else text
    capitalised = text[:1].isupper() or HYPHENED_PARTICLE_RE.match(text) is not None
    letters = bare.replace(".", "")
    acronym = len(letters) >= 2 and letters.isupper() and letters.isalpha()
    # "R." in "Stuart R. Kaplan", "H.W." in "George H.W. Bush" (read as initials only between names).
    initial = text[-1:] == "." and INITIALS_RE.fullmatch(text) is not None
    return text, bare, bare.casefold(), bare != text, capitalised, acronym, initial


@dataclass(eq=False)
class Mention:
    start: int
    end: int
    surface: str
    kind: str  # "person", "organisation", "country", "nominal", "single"
    title: str = ""
    nation: str | None = None
    evidence: bool = False
    cluster: "Cluster | None" = None
    in_title: bool = False
    # A name with nothing in its shape to say it is an actor's (no given name first, an abbreviation
    # no one spells out): kept only when the text around it says so.
    weak: bool = False
    org_cue: bool = False

    @property
    def words(self):
        return self.surface.split()


@dataclass(eq=False)
class Cluster:
    kind: str
    mentions: list = field(default_factory=list)
    role: str = ""
    nation: str | None = None
    # The name a body goes by when the article calls it by its abbreviation more than by its full name.
    preferred: str = ""
    # The names are read for every mention clustered and every statement attributed; they are
    # worked out again only when a mention has been added since.
    _names_for: int = field(default=-1, repr=False)
    _names: tuple = field(default=((), (), ""), repr=False)
    _role_words: tuple = field(default=(None, frozenset()), repr=False)

    def _cached_names(self):
        if self._names_for != len(self.mentions):
            spellings = [m.surface for m in self.mentions if m.kind != "nominal"]
            full_names = [s for s in spellings if len(s.split()) > 1]
            names = full_names or spellings
            count, first = {}, {}
            for i, s in enumerate(names):
                count[s] = count.get(s, 0) + 1
                first.setdefault(s, i)
            best = max(names, key=lambda s: (len(s.split()), count[s], -first[s])) if names else None
            if best is not None and self.kind == "person":
                words = best.split()
                if len(words) > 1:
                    words[0] = _nominative(words[0])
                best = " ".join([*words[:-1], display_spelling(words[-1])])
            self._names = (spellings, full_names, best)
            self._names_for = len(self.mentions)
        return self._names

    @property
    def spellings(self):
        return self._cached_names()[0]

    @property
    def full_names(self):
        return self._cached_names()[1]

    @property
    def name(self):
        if self.preferred:
            return self.preferred
        name = self._cached_names()[2]
        if name is None:
            raise ValueError("a cluster with no spelling has no name")
        return name

    @property
    def surname(self):
        return self.name.split()[-1]

    @property
    def role_words(self):
        role, words = self._role_words
        if role != self.role:
            words = {w.casefold().strip(".,") for w in re.split(r"[\s-]+", self.role)} | set(
                self.role.casefold().replace("-", " ").split()
            )
            self._role_words = (self.role, words)
        return words

    @property
    def aliases(self):
        name = self.name
        return [s for s in dict.fromkeys(self.spellings) if s != name]

    @property
    def first_position(self):
        return min(m.start for m in self.mentions)


# The case endings of Czech, Slovak, Polish and other Slavic news on a given name: "Declana" (of
# Declan), "Declanem" (with Declan), "Tomášovi" (to Tomáš), "Garyho" (Gary's).
SLAVIC_CASE_ENDING_RE = re.compile(r"(?:ovi|em|om|ho|a)$")


def _nominative(given):
    """A given name as it is written alone: the stem of an inflected form when the stem is a common given
    name and the form is not one ("Declana" -> "Declan"; "Jana" and "Marta" are names of their own)."""
    if bundled_names.name_frequency(given) > 1:
        return given
    stem = SLAVIC_CASE_ENDING_RE.sub("", given)
    if stem != given and len(stem) >= 3 and bundled_names.name_frequency(stem) >= 5:
        return stem
    return given


def is_lexicon_word(token):
    low = token.low
    parts = low.split("-")
    if "-" in low and all(part in speech.TITLE_WORDS or part in speech.ROLE_HEADS for part in parts):
        return True
    if "-" in low and parts[0] in speech.ROLE_HEADS and parts[-1] in ("elect", "designate"):
        return True  # "President-elect"
    return (
        low in speech.TITLE_WORDS
        or low in speech.ROLE_HEADS
        or (low[-1:] == "s" and low[:-1] in speech.ROLE_HEADS)  # "Senators Rubio and Cruz"
        or low in speech.NOT_NAME_WORDS
        or low in speech.ORG_WORDS
        or low in speech.PLACES
        or low in speech.COUNTRIES
        or low in speech.DEMONYMS
    )


def is_name_word(token):
    """A word that can be part of a person's name: capitalised, not an acronym, not common vocabulary."""
    return _is_name_word(token.text)


# Everything the answer reads of a token follows from its text, and a page asks about the same few
# hundred names thousands of times.
@lru_cache(maxsize=65536)
def _is_name_word(text):
    token = Token(text, 0, 0)
    if not token.capitalised or token.acronym or is_lexicon_word(token):
        return False
    bare = token.bare
    if any(map(str.isdigit, bare)) or len(bare) < 2 or CONTRACTION_RE.search(bare) or AFFILIATION_RE.match(bare):
        return False
    if bare[-1] in "ÃÂ":
        return False  # "CarreÃ±o" read as Latin-1: the name is cut where the page's encoding broke
    if GLUED_VERB_RE.search(bare):
        return False  # "Madrigalreports": a name and the verb after it run together in the page
    if any(part.islower() and not actor_kinds.hyphen_tail_is_name(part) for part in bare.split("-")[1:]):
        return False  # "London-based", "Kremlin-backed": adjectives, not names ("Lee Jae-myung" is one)
    # Lower-case after the first letter, or a name like McCarthy, DeSantis, O'Neill.
    return bare[1:].replace("'", "").replace("’", "").replace("-", "") != bare[1:].upper() or len(bare) == 2


# "I’ve", "We’re", "Don't": a pronoun or a verb with its contraction, never a name.
CONTRACTION_RE = re.compile(r"(?:['’](?:ve|ll|re|d|m|t)|n['’]t)$", re.IGNORECASE)

GLUED_VERB_RE = re.compile(r"[a-z]{3}(?:reports|reported|writes|wrote|tweeted|explained|added|says|said)$")
# "BuzzFeed", "HuffPost", "PolitiFact": a capital inside a word, other than in McCarthy, DeSantis, LeBron,
# O'Neill, MacArthur, is a brand's.
CAMEL_CASE_BODY_RE = re.compile(r"(?!Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|O['’]|D['’])[A-Z][a-z]+[A-Z][a-z]+")
# "(D-Newport News)", "R-Texas": a lawmaker's party and state, not a name.
AFFILIATION_RE = re.compile(r"[DRI]-[A-Z]")

# Lower-case words that can sit inside a name run; any other lower-case word only ends a run.
RUN_WORDS = PARTICLES | {"of", "for", "the", "and", "&", "in", "on"}


class _OtherWord(Token):
    """Stands for every lower-case word that is not in RUN_WORDS: all that is read of such a
    word is that it is not capitalised and not one of those, so one shared token will do
    (most words of a text are such words)."""

    def __init__(self):
        super().__init__("-", 0, 0)
        self.low = ""


OTHER_WORD = _OtherWord()


ELISION_MARKS = ("'", "’")
# Lower case only: "D’Souza", "D'Alema", "L'Oréal" are names written with their particle.
ELIDED = frozenset("ld")


# Chinese, Japanese and Korean script: no spaces between words, so a Latin name written inside it
# ("公司DeepMind开发出") is read as a word of its own.
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


def _spaced_cjk(match):
    return " " * len(match.group())


def tokenize(text):
    tokens = []
    append = tokens.append
    if CJK_RE.search(text):
        text = CJK_RE.sub(_spaced_cjk, text)  # the same length: the words keep their places
    for m in TOKEN_RE.finditer(text):
        word = m.group()
        if word.islower() and word not in RUN_WORDS and word != "a" and "'" not in word and "’" not in word:
            # Most words of a text: what the tests below decide for them, read first.
            append(OTHER_WORD)
        elif word[1:2] == "-":
            append(OTHER_WORD)  # "T-shirts", "X-ray", "U-turn": the run of names ends there
        elif (
            word[0].isupper()
            or word in RUN_WORDS
            or ("-" in word[2:4] and HYPHENED_PARTICLE_RE.match(word))
            or (word == "a" and text.endswith("for ", 0, m.start()))  # "Committee for a Responsible ..."
        ):
            # (The particle before the hyphen is two or three letters: the pattern runs on few words.)
            append(Token(word, m.start(), m.end()))
        elif (word.islower() and "'" not in word and "’" not in word) or word[0].isdigit():
            append(OTHER_WORD)  # a lower-case word ends the run of names (most words of a text)
        elif word[1:2] in ELISION_MARKS and word[0] in ELIDED and word[2:3].isupper():
            # "l’Assemblée", "d'Orsay": a French or an Italian article or "de" elided before a name
            tok = Token(word[2:], m.start() + 2, m.end())
            append(tok)
            if tok.acronym:
                append(OTHER_WORD)  # "de l’UMP Laure Morel": a party, then a person, never one name
        elif strip_possessive(word).casefold() in RUN_WORDS:
            append(Token(word, m.start(), m.end()))  # a possessive or a capital inside ("VON", "the’s")
        else:
            append(OTHER_WORD)
    return tokens


def capitalised_runs(text, tokens):
    """Runs of capitalised words next to each other (with name particles between)."""
    run = []
    for i, tok in enumerate(tokens):
        gap_ok = run and text[run[-1].end : tok.start] == " " and (not run[-1].possessive or _lead_possessive(run[-1]))
        if tok.capitalised:
            if run and gap_ok:
                run.append(tok)
            else:
                if run:
                    yield run
                run = [tok]
        elif tok.low in PARTICLES and run and gap_ok and _name_continues(tokens, i + 1):
            run.append(tok)
        elif tok.low in ("of", "for", "the", "a") and run and gap_ok and _org_continues(run, tokens, i):
            # "International Committee of the Red Cross", "Ministry for Foreign Affairs".
            run.append(tok)
        elif (
            tok.low == "on"
            and run
            and gap_ok
            and run[-1].low in DELIBERATING_BODIES
            and _org_continues(run, tokens, i)
            and tokens[i + 1].low not in WEEKDAYS
            and tokens[i + 1].low not in MONTHS
        ):
            # "House Select Committee on Benghazi", "Council on Foreign Relations": what the body sits on.
            run.append(tok)
        elif tok.low in ("and", "&") and run and gap_ok and _joined_name_continues(run, tokens, i):
            # "U.S. Securities and Exchange Commission", "Procter & Gamble": one name, not two.
            run.append(tok)
        elif tok.low == "in" and run and gap_ok and _place_closes_name(run, tokens, i):
            # "Organization for Security and Co-operation in Europe".
            run.append(tok)
        else:
            if run:
                yield run
            run = []
    if run:
        yield run


GROUP_AFTER_RE = re.compile(
    r" (?:militant |extremist |terrorist |terror |jihadist |rebel |armed )?(?:group|militia|movement)\b"
)


def _name_continues(tokens, i):
    """A capitalised word next, maybe after more particles ("von der Leyen")."""
    while i < len(tokens) and tokens[i].low in PARTICLES and not tokens[i].capitalised:
        i += 1
    return i < len(tokens) and tokens[i].capitalised


def _joined_name_continues(run, tokens, i):
    """Whether "and"/"&" at tokens[i] joins two halves of one organisation's name."""
    if i + 1 >= len(tokens) or not tokens[i + 1].capitalised or run[-1].acronym and tokens[i].low == "and":
        return False
    if run[-1].low in MONTHS or run[-1].low in WEEKDAYS:
        return False  # "in July and Congress"
    if tokens[i].low == "&":
        # "Procter & Gamble"; "Jim & Andy" (two given names) is a pair of people or a title.
        return not (
            len(run) == 1
            and actor_kinds.is_given_name(run[0].bare, 2)
            and actor_kinds.is_given_name(tokens[i + 1].bare, 2)
        )
    if run[-1].low in speech.ORG_WORDS or any(t.low in ("and", "&") for t in run):
        return False  # "the Senate and House": two bodies
    described = any(t.low in ("of", "for", "on") for t in run[1:]) and any(t.low in speech.ORG_WORDS for t in run)
    if described:
        # "Department of Design and Construction"; "National Association of Black Journalists and National
        # Association of Hispanic Journalists" is two bodies.
        other = []
        for tok in tokens[i + 1 : i + 6]:
            if not tok.capitalised or (other and tok.start != other[-1].end + 1):
                break
            other.append(tok)
        nxt = tokens[i + 1 + len(other)] if i + 1 + len(other) < len(tokens) else OTHER_WORD
        if nxt.low in ("of", "for") or any(t.low in speech.ORG_WORDS for t in other[:-1]):
            return False  # a second body named after the first
        return not other or other[-1].low not in speech.ORG_WORDS or run[-1].low not in speech.ORG_WORDS
    # The other half, up to the first word that is not capitalised, must end the name of a body.
    rest = []
    for tok in tokens[i + 1 : i + 6]:
        if not tok.capitalised or (rest and tok.start != rest[-1].end + 1):
            break  # a lower-case word or a stop ("Commission. Raghunathan") ends the other half
        rest.append(tok)
    if len(run) == 1 and len(rest) > 1:
        return False  # "Quinnipiac and Fox News": a name, and another body's name
    # "The Wise Kids and Henry Gamble's Birthday Party": a possessive in the other half is someone's.
    return bool(rest) and rest[-1].low in speech.ORG_WORDS and not any(t.possessive for t in [run[-1], *rest])


def _place_closes_name(run, tokens, i):
    return (
        any(t.low == "and" for t in run)
        and any(t.low in ("of", "for") for t in run)
        and i + 1 < len(tokens)
        and tokens[i + 1].capitalised
        and (tokens[i + 1].low in speech.PLACES or tokens[i + 1].low in speech.COUNTRIES or _is_place([tokens[i + 1]]))
    )


LEGISLATURES = frozenset(["house", "senate", "congress", "legislature", "assembly", "parliament"])
DELIBERATING_BODIES = frozenset(
    ["committee", "subcommittee", "commission", "council", "panel", "conference", "task", "force", "caucus", "center",
     "centre"]
)  # fmt: skip
# Head nouns that open a body's name before its "of": "Museum of Modern Art", "Church of England" (a legal
# form or a trade word opening a run, "Energy of ...", does not).
OPENING_BODY_HEADS = frozenset(
    ["museum", "academy", "college", "school", "church", "society", "library", "laboratory", "hospital", "tribunal",
     "diocese", "institute", "university", "institution", "league", "alliance", "federation", "association"]
)  # fmt: skip


def _org_continues(run, tokens, i):
    if i + 1 >= len(tokens) or not any(
        t.low in speech.ORG_WORDS
        or (t.low in actor_words.ORG_ENDINGS and (t is not run[0] or t.low in OPENING_BODY_HEADS))
        for t in run
    ):
        return False
    nxt = tokens[i + 1]
    if tokens[i].low == "the":
        return run[-1].low in ("of", "for", "on") and nxt.capitalised
    if tokens[i].low == "a":
        return run[-1].low == "for" and nxt.capitalised  # "Committee for a Responsible Federal Budget"
    return nxt.capitalised or (
        (nxt.low == "the" or (nxt.low == "a" and tokens[i].low == "for"))
        and i + 2 < len(tokens)
        and tokens[i + 2].capitalised
    )


# Endings of role words written as one word in other languages: "Verteidigungsministerin", "Staatspräsident".
FOREIGN_ROLE_ENDINGS = (
    "minister", "ministerin", "präsident", "präsidentin", "kanzler", "kanzlerin", "sprecher", "sprecherin",
    "bürgermeister", "bürgermeisterin", "vorsitzende", "vorsitzender", "sekretär", "sekretärin", "ministre",
    "président", "présidente", "ministro", "ministra", "presidente", "portavoz", "premier",
)  # fmt: skip


def _is_head(tok):
    low = tok.low.rstrip(".")
    return (
        low in speech.ROLE_HEADS
        or low in HONORIFICS
        or any(p in speech.ROLE_HEADS for p in low.split("-")[1:])
        or (low.split("-")[0] in speech.ROLE_HEADS and low.split("-")[-1] in ("elect", "designate"))
        or (len(low) > 9 and low.endswith(FOREIGN_ROLE_ENDINGS))
    )


def _lead_possessive(tok):
    """A possessive that can stand before a title: "Ukraine's Foreign Minister", "Italy's ANSA"."""
    return tok.low in speech.COUNTRIES or tok.acronym


def sentence_initial(text, pos):
    before = text[:pos].rstrip(" “\"‘'(")
    return not before or before[-1] in ".!?:\n" or before.endswith("—")


GLUED_NAME_RE = re.compile(r"([A-Z][a-z]{2,})([A-Z][a-z]{2,})")


def _glued_full_name(word, text):
    """ "BernieSanders" where the text also writes "Bernie Sanders": a name written as one word (a handle),
    not a body's camel-case name ("LibreOffice", "JetBlue")."""
    m = GLUED_NAME_RE.fullmatch(word)
    return m is not None and actor_kinds.is_given_name(m.group(1), 2) and f"{m.group(1)} {m.group(2)}" in text


# Sentence openers that are no title, role or honorific: alone, the run they make names no one.
LONE_OPENERS = frozenset(
    w for w in actor_words.OPENERS if w not in speech.TITLE_WORDS and w not in speech.ROLE_HEADS and w not in HONORIFICS
)


def classify_run(text, run, page=None):
    """Mentions in one capitalised run: a person with a title, an organisation, a country, a title alone."""
    page = page or NO_PAGE
    # (The pattern can only match where the second character is a hyphen.)
    affiliation = (
        next((i for i, t in enumerate(run) if t.text[1:2] == "-" and AFFILIATION_RE.match(t.text)), None)
        if len(run) > 1 or (run and run[0].text[1:2] == "-")
        else None
    )
    if affiliation is not None:
        run = run[:affiliation]  # "(D-Newport News)"
    if run and page.fixtures and page.fixtures.get(run[0].start) == run[-1].end:
        # "Aston Villa - West Ham:": the sides of a match on a sports page are clubs, named as written.
        surface = " ".join(t.bare for t in run)
        return [Mention(run[0].start, run[-1].end, surface, "organisation", org_cue=True)]
    # A subhead or a button in capitals ("SIGN UP", "QUESTIONABLE MEDICAL CLAIMS", "TOM ELLIOTT IT’S") names
    # no one; abbreviations of bodies the page knows stay ("BBC NEWS").
    if (
        len(run) == 1
        and run[0].low in LONE_OPENERS
        and not run[0].acronym
        and not actor_kinds.is_given_name(run[0].bare, 3)
    ):
        # "But", "However", "When" opening a sentence (a quarter of all runs): what _drop_leading_words
        # would decide, read before the checks for longer names.
        return []
    caps = [t for t in run if t.acronym]
    if len(caps) >= 2 and (
        any(actor_kinds.is_caps_word(t, page) for t in caps)
        or (
            any(len(t.bare.replace(".", "")) >= 4 for t in caps)
            and not any(actor_kinds.known_org_abbreviation(t, page) for t in caps)
        )
    ):
        return []
    if (
        len(run) > 1
        and run[0].acronym
        and not run[1].acronym
        and len(run[0].bare) >= 4
        and not actor_kinds.known_org_abbreviation(run[0], page)
        and actor_kinds.is_given_name(run[0].bare.title(), 3)
    ):
        # "MALCOLM Fraser —": a column's first word set in capitals.
        run = [Token(run[0].text.title(), run[0].start, run[0].end), *run[1:]]
    if len(run) > 1 and bundled_names.is_place(" ".join(t.low for t in run)):
        return []  # "New York", "South Dakota": not "York", "Dakota"
    if run and (text[run[0].start - 1 : run[0].start] in ("@", "#") or _glued_full_name(run[0].bare, text)):
        return []  # "@DanaVell", "#VoteVell", "DanaVell": a handle or a hashtag, not how the text names anyone
    if run and text[max(0, run[0].start - 14) : run[0].start].endswith(WORK_NOUNS_BEFORE):
        return []  # "the film Lady Bird", "la série Alphonse Président", "VPN (Virtual Private Network)"
    if len(run) > 1 and _quoted(text, run) and not actor_kinds.org_ending([t.bare for t in run]):
        return []  # "Super Mario Run," with its first word: a title in quotation marks
    if len(run) > 1 and run[0].low == "operation":
        return []  # "Operation Jade Spear": a military or police operation, not an actor
    inner_the = next((i for i, t in enumerate(run[1:], 1) if t.text == "The"), None) if len(run) > 2 else None
    if inner_the is not None and run[inner_the - 1].low not in ("of", "for", "and", "&"):
        # "Janet Yellen The Federal Reserve": a caption glued to the next line, two names
        return classify_run(text, run[:inner_the], page) + classify_run(text, run[inner_the:], page)
    club = _club_name(run, page) if 1 < len(run) < 4 else None
    if club is not None:
        return [club]  # "Sporting Lisbon" opening a sentence: no verb before a name
    whole, run = run, _drop_leading_words(text, run, page)
    if run and text.startswith(" police", run[-1].end) and POLICE_AFTER_RE.match(text, run[-1].end):
        # "West Harwick police said": the force of a county or a town, named as British news names it (a
        # compass word dropped as a sentence's opener is part of the place's name).
        cut = len(whole) - len(run)
        force = whole[cut - 1 :] if cut and whole[cut - 1].low in COMPASS_WORDS else run
        if _names_a_force(force):
            end = run[-1].end + len(" police")
            surface = " ".join(t.bare for t in force) + " Police"
            return [Mention(force[0].start, end, surface, "organisation", org_cue=True)]
    club = _club_name(run, page) if 1 < len(run) < 4 else None
    if club is not None:
        return [club]
    run = _drop_leading_place(run)
    if not run:
        return []
    if len(run) == 2 and _party_word(run[0]) and run[1].low in LEGISLATURES:
        return [_org(run[1:])]  # "the Republican House": the House, described by its majority
    if len(run) == 2 and (_party_word(run[0]) or run[0].low == "independent") and bundled_names.is_place(run[1].bare):
        return []  # "the Independent Vermont senator": a description, like "Oklahoma Republican"
    if len(run) > 1 and actor_kinds.org_ending([t.bare for t in run]) and _owned(text, run[0].start):
        return []  # "Henry Gamble's Birthday Party": a person's thing ("Russia's Foreign Ministry" stays)
    if len(run) > 1 and _quoted(text, run):
        return []  # ''Girl Power'', “The Morning Show”: a slogan or a title in quotation marks
    if len(run) == 1 and "-" in run[0].bare:
        head, _, tail = run[0].bare.partition("-")
        if tail.islower() and (head.casefold() in speech.DEMONYMS or speech.nation_of(head)):
            return []  # "Spanish-language", "Iranian-born", "Russia-backed": a description
    if (
        run[0].capitalised
        and INDEFINITE_BEFORE_RE.search(text, max(0, run[0].start - 4), run[0].start)
        and not text[run[-1].end + 1 : run[-1].end + 2].islower()
        and not _org_acronym(run[0], page)
    ):
        return []  # "un House of Cards", "a Diet Coke.", "bought a Ford": a thing of that name, not its maker
    # "The Gaze", "the Kremlin": a person's name does not take an article.
    with_article = text[max(0, run[0].start - 4) : run[0].start].casefold() == "the "
    while run and run[-1].low in PARTICLES:
        run = run[:-1]
    if not run:
        return []
    low_text = " ".join(t.low for t in run)
    if low_text.removesuffix("s") == "super pac":
        return []  # "the Super PAC": a kind of committee, written with capitals, not one committee's name
    titled = _titled_person(run)
    if titled is not None:
        return [titled]
    joined = next((i for i, t in enumerate(run[1:-1], 1) if t.low in ("&", "and") and not t.capitalised), None)
    if joined is not None:
        after = run[joined + 1 :]
        if (
            2 <= len(after) <= 3
            and (actor_kinds.is_given_name(after[0].bare, 3) or _is_head(after[0]))
            and all(is_name_word(t) for t in after[1:])
            and any(t.low in speech.ORG_WORDS for t in run[:joined])
        ):
            # "the University of Zurich and Gordon Hanson at ...", "... and Professor Hale": a body, then a
            # person, not one body.
            return classify_run(text, run[:joined], page) + classify_run(text, after, page)
        return [_org(run)]
    sits_on = any(t.low == "on" and run[i - 1].low in DELIBERATING_BODIES for i, t in enumerate(run[1:-1], 1))
    if (sits_on or any(t.low in ("of", "for") for t in run)) and any(
        t.low in speech.ORG_WORDS
        or (t.low in actor_words.ORG_ENDINGS and (t is not run[0] or t.low in OPENING_BODY_HEADS))
        for t in run
    ):
        if run[-1].low in actor_words.THING_HEADS and run[0].low in OPENING_BODY_HEADS:
            return []  # "the College for All Act": a law named after a body's word
        return _orgs(run)
    if len(run) > 1 and run[0].low in actor_words.FOREIGN_BODY_OPENERS:
        return [_org(run)]  # "Instituto Lula", "Partido dos Trabalhadores"
    if len(run) > 1 and run[0].low in actor_words.FOREIGN_THING_OPENERS:
        return []  # "Copa Libertadores": a cup
    if all(t.low in actor_words.FURNITURE_WORDS for t in run) or (len(run) > 1 and _party_word(run[-1])):
        return []  # "Breaking News"; "House Republicans", "Senate Democrat": a description
    thing = _thing_name_end(run)
    if thing:
        # "the Affordable Care Act" ... "the ACA": the abbreviation is the thing's too.
        if page is not NO_PAGE:
            page.thing_initials.add(_initials(" ".join(t.bare for t in run[:thing])))
        # "Steve Harvey Morning Show", "Super Bowl", "Cannes Film Festival Director Thierry Frémaux".
        return classify_run(text, run[thing:], page) if thing < len(run) else []
    # "Atlantic City Mayor Don Guardian": a title, a given name and one more word.
    titled_person = (
        len(run) > 2
        and actor_kinds.org_ending([run[-1].bare])
        and _is_head(run[-3])
        and actor_kinds.is_given_name(run[-2].bare, 2)
        and is_name_word(run[-2])
    )
    if titled_person:
        title = " ".join(t.text for t in run[:-2])
        nation = next((speech.nation_of(t.bare) for t in run[:-2] if speech.nation_of(t.bare)), None)
        surface = f"{run[-2].bare} {run[-1].bare}"
        return [Mention(run[-2].start, run[-1].end, surface, "person", title=title, nation=nation, evidence=True)]
    if len(run) > 1 and actor_kinds.org_ending([t.bare for t in run]) and not run[-1].possessive:
        # "Northern Virginia Urban League", "General Motors", "House Benghazi Committee": a name that ends
        # as a body's does is one, title words and all.
        return _orgs(run)
    if low_text in MULTI_WORD_COUNTRIES:
        return [Mention(run[0].start, run[-1].end, " ".join(t.bare for t in run), "country")]
    if _branch_name(run):
        # "Yahoo Japan", "Velloq Italia": a company's branch in a country, kept when the company is one the
        # text names (see ActorIndex._find).
        return [Mention(run[0].start, run[-1].end, " ".join(t.bare for t in run), "organisation", weak=True)]
    if len(run) > 1 and not any(_is_head(t) for t in run) and bundled_names.is_place(low_text):
        return []  # "New York", "Rio de Janeiro", "South Dakota"
    if len(run) == 1 and (run[0].low in GENERIC_NOUNS or run[0].low in actor_words.PARTY_ADJECTIVES):
        return []  # "the Center", "the Democratic nominee": a common noun or an adjective, not a name
    if _group_of_people(run) and not SINGULAR_ARTICLE_BEFORE_RE.search(text, max(0, run[0].start - 6), run[0].start):
        return []  # "Tunisian Islamists", "Africans": a group, not an actor ("pelo Corinthians" is a club)
    if (
        run[-1].low.removesuffix("s") in REGION_PEOPLE
        or run[-1].low in speech.DEMONYMS
        or run[-1].low.rstrip("s") in speech.DEMONYMS
    ) and all(t.low in COMPASS_WORDS for t in run[:-1]):
        return []  # "Sudanese", "Americans", "Southeast Asian": a nationality or a region's people
    if (
        len(run) > 1
        and any(t.low in speech.NOT_NAME_WORDS for t in run)
        and GROUP_AFTER_RE.match(text, run[-1].end)
        and not any(_is_head(t) or t.initial or "-" in t.bare for t in run)
        and not bundled_names.is_place(low_text)
        and not (run[0].low in speech.DEMONYMS or speech.nation_of(run[0].bare))  # "the French New Wave movement"
    ):
        return [_org(run)]  # "the Islamic State group": a body's name made of common words, said to be one
    # Split at a common word in the middle ("Rutte During"): each part is its own run.
    for i, tok in enumerate(run[1:], 1):
        if _given_name_after_title(run, i):
            continue  # "Mayor Bill de Blasio"
        if _word_as_surname(run, i):
            continue  # "Prime Minister Theresa May": a surname, not the month
        if tok.low in speech.NOT_NAME_WORDS and tok.low not in speech.TITLE_WORDS and tok.low not in PARTICLES:
            if (
                1 < i < len(run) - 1
                and _is_head(run[i - 2])
                and actor_kinds.is_given_name(run[i - 1].bare, 3)
                and is_name_word(run[i + 1])
            ):
                continue  # "Justice Sandra Day O'Connor": a middle name that is also a word
            return classify_run(text, run[:i], page) + classify_run(text, run[i + 1 :], page)
    # The name is the longest tail of name words (a middle initial only between two of them).
    if (
        len(run) > 1
        and not any(t.possessive or t.acronym or _is_head(t) for t in run)
        # ("founder of the group Mark Cuban backs": a person's name is the subject of the clause)
        and not (actor_kinds.is_given_name(run[0].bare, 1) and not actor_kinds.org_ending([t.bare for t in run]))
        and text[run[0].start - 2 : run[0].start - 1].islower()
        and _named_as_a_body(text, run[0].start)
    ):
        # "whale rescue group Project Jonah", "the charity Open Door Trust": a noun for a body right before
        # the name, whose first word is a common one.
        surface = " ".join(t.bare for t in run)
        return [Mention(run[0].start, run[-1].end, surface, "organisation", org_cue=True)]
    k = len(run)
    while k > 0 and (
        is_name_word(run[k - 1])
        or (k == len(run) and k >= 2 and _word_as_surname(run, k - 1))
        or (run[k - 1].low in PARTICLES and k < len(run))
        or (run[k - 1].initial and k < len(run) and k >= 2 and is_name_word(run[k - 2]))
        or (k < len(run) and _given_name_after_title(run, k - 1))
        or (k < len(run) and run[k - 1].low in speech.PLACES and actor_kinds.is_given_name(run[k - 1].bare, 3))
    ):
        k -= 1
    prefix, name = run[:k], run[k:]
    while name and name[0].low in PARTICLES:
        prefix, name = prefix + name[:1], name[1:]
    if len(name) > 1 and _party_word(name[-1]):
        return []  # "Oklahoma Republican", "Key Democratic": a description, not a name
    if any(t.possessive for t in name[:-1]):
        # "Trump's Putin" is two people; keep the last as the name.
        cut = max(i for i, t in enumerate(name[:-1]) if t.possessive) + 1
        prefix, name = prefix + name[:cut], name[cut:]
    if (
        with_article
        and prefix
        and len(name) > 1
        and not any(_is_head(t) for t in run)
        and bundled_names.is_place(" ".join(t.low for t in prefix))
    ):
        # "the Washington Free Beacon": a town's paper or body, not a person (whose name takes no article);
        # an outlet only when it speaks or is cited.
        return [Mention(run[0].start, run[-1].end, " ".join(t.bare for t in run), "outlet")]
    if len(name) == 1 and prefix and not with_article and _given_name_of_a_country(text, prefix[-1], name[0], page):
        # "Georgia O'Hanlon", "Jordan Peterson ... Peterson said": a very common given name that is also a
        # country's, before a word shaped as a surname or one the text calls the person by alone, is a
        # person's name, not a person or an outlet of that country ("Georgia Tech" stays).
        prefix, name = prefix[:-1], [prefix[-1], *name]
    cut = _given_name_start(name)
    if cut:
        # "Twitter Gary Lineker", "Verteidigungsministerin Katrin Albers": the name starts at its given name.
        prefix, name = prefix + name[:cut], name[cut:]
    heads = [t for t in prefix if _is_head(t)]
    orgs = [t for t in prefix if t.low in speech.ORG_WORDS and t.low not in speech.TITLE_WORDS]
    acronyms = [t for t in prefix if _org_acronym(t, page)]
    nation = next((speech.nation_of(t.bare) for t in prefix if speech.nation_of(t.bare)), None)
    mentions = []
    if name:
        surface = " ".join(t.bare for t in name)
        start, end = name[0].start, name[-1].end
        if heads and (not orgs or _is_head(prefix[-1])):
            title = " ".join(t.text for t in prefix[_title_start(prefix) :])
            if heads and heads[-1].low in NAMING_TITLES and len(name) == 1:
                surface, start = f"{heads[-1].bare} {surface}", heads[-1].start
            mentions.append(Mention(start, end, surface, "person", title=title, nation=nation, evidence=True))
        elif orgs:
            return _orgs(run)
        elif (
            acronyms
            and prefix
            and prefix[-1].acronym
            and not (prefix[-1].initial and len(prefix) == 1 and actor_kinds.is_given_name(name[0].bare, 1))
        ):
            # "TRT Haber": an acronym opening a capitalised name is an outlet or a company.
            return [_org(run[run.index(acronyms[0]) :])]
        elif len(name) == 1 and (with_article or (prefix and nation)):
            # "European Pravda": a nationality and one word name an outlet more often than a person.
            mentions.append(Mention(run[0].start, end, " ".join(t.bare for t in run), "outlet", nation=nation))
        elif len(name) > 1 and not prefix and _outlet_before(text, run[0].start):
            # "the Red Cross", "the weekly Nordic Observer" are bodies; "the Phantom Menace", "the Magic
            # Castle", "the Inside Passage" are works and places.
            if _is_place(name):
                return []
            if not (actor_kinds.org_ending([t.bare for t in run]) or _outlet_word_before(text, run[0].start)):
                if actor_kinds.org_noun_after(text[run[-1].end : run[-1].end + 40]):
                    # "a member of the Kauri Tamaho group": a body's name, said to be one by the noun after it
                    return [Mention(run[0].start, run[-1].end, surface, "organisation", org_cue=True)]
                return []
            return [_org(run)]
        elif len(name) > 1 and actor_kinds.org_ending([t.bare for t in name]):
            # "Crosscut Strategies", "Beechmont Hotels Corporation": a company's name, with the words before
            # it that are not a title ("New York Public Library").
            k = len(prefix)
            while (
                k > 0
                and not _is_head(prefix[k - 1])
                and (
                    prefix[k - 1].low not in actor_words.OPENERS
                    or bundled_names.is_place(f"{prefix[k - 1].low} {(prefix + name)[k].low}")
                )
            ):
                k -= 1
            return [_org(prefix[k:] + name)]
        elif len(name) > 1:
            # Without a title, two or three capitalised words are a person's name when the first is a
            # given name; otherwise ("Walnut Creek", "Star Trek", "Aufbau der Brigade") only when the
            # text says so around them (see ActorIndex._find).
            # A rare given name that is also a word of the text ("Art Deco", "Key Democratic") is no sign.
            weak = not (
                (actor_kinds.is_given_name(name[0].bare, 1) and name[0].low not in page.lower) or name[0].initial
            )
            # "a Diet Coke", "the Magic Castle": a person's name takes no article.
            # ("a Planned Parenthood clinic": the name of a body before the noun it qualifies).
            indefinite = INDEFINITE_BEFORE_RE.search(text, max(0, run[0].start - 4), run[0].start) is not None and (
                text[end : end + 2][-1:].islower() is False
            )
            if not ((weak and with_article) or indefinite):
                mentions.append(Mention(start, end, surface, "person", nation=nation, weak=weak))
        else:
            mentions.append(Mention(start, end, surface, "single", nation=nation))
        mentions[-1:] = [m for m in mentions[-1:] if m.title or not _is_place(name)]
        for t in prefix:
            if _org_acronym(t, page):
                mentions.insert(0, _acronym_mention(t, page))
        return mentions
    # No name: an organisation, a country, a title alone ("the Secretary General").
    if heads and _is_head(run[-1]):
        return [Mention(run[0].start, run[-1].end, " ".join(t.bare for t in run), "nominal", nation=nation)]
    if orgs or (len(run) > 1 and actor_kinds.org_ending([t.bare for t in run]) and not _is_head(run[-1])):
        return _orgs(run)  # "People Power Party"
    if heads:
        return [Mention(run[0].start, run[-1].end, " ".join(t.bare for t in run), "nominal", nation=nation)]
    for t in run:
        if _org_acronym(t, page):
            mentions.append(_acronym_mention(t, page))
        elif t.low in speech.COUNTRIES:
            mentions.append(Mention(t.start, t.start + len(t.bare), t.bare, "country"))
    return mentions


WORK_NOUNS_BEFORE = tuple(
    [f" {w} " for w in ("film", "movie", "série", "series", "sitcom", "novel", "album", "documentary", "película")]
    + [
        f"{a}{gap}{p}"
        for a in ("VPN", "LAN", "WAN", "GPS", "API", "CPU", "GPU", "LED", "LCD", "SSD")
        for gap in ("", " ")
        for p in "(（"
    ]
)
INDEFINITE_BEFORE_RE = re.compile(r"(?<![\w’'])(?:[Aa]n?|un|une) $")
MONTHS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"]
)  # fmt: skip


COMPASS_WORDS = frozenset(
    ["north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast", "northwest",
     "southeast", "southwest", "central", "northeastern", "northwestern", "southeastern", "southwestern"]
)  # fmt: skip
# The people of a continent or a region, beside the nations' demonyms: "Southeast Asian", "Africans".
REGION_PEOPLE = frozenset(
    ["asian", "african", "european", "arab", "hispanic", "latino", "latina", "caribbean", "scandinavian",
     "balkan", "nordic", "slavic", "asian-american", "african-american", "latin"]
)  # fmt: skip
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])


def _word_as_surname(run, i):
    """ "May" in "Theresa May", "King" in "Angus King": a month's name or a title that is also a family name
    ends a run right after a given name as a surname ("in May", "May 5", "Tuesday, May" never follow a given
    name in one run; a title comes before the name it goes with, "King Abdullah")."""
    tok = run[i]
    return (
        i == len(run) - 1
        and (tok.low in MONTHS or tok.low in SURNAME_TITLES)
        and tok.capitalised
        and is_name_word(run[i - 1])
        and actor_kinds.is_given_name(run[i - 1].bare, 3)
    )


def _given_name_after_title(run, i):
    """ "Bill" in "Mayor Bill de Blasio" or "Bill Clinton": a common word that is a given name, at the start
    of the run or after a title, and followed by a name."""
    tok = run[i]
    return (
        tok.low in speech.NOT_NAME_WORDS
        and tok.low not in actor_words.OPENERS
        and tok.low not in MONTHS
        and len(tok.low) > 2
        and actor_kinds.is_given_name(tok.bare, 4)
        and (i == 0 or _is_head(run[i - 1]))
        and i + 1 < len(run)
        and (is_name_word(run[i + 1]) or run[i + 1].low in PARTICLES)
    )


def _thing_name_end(run):
    """Where the name of a work, event, law or building ends in `run` (0 if none): at a word such as
    "Show", "Bowl", "Festival", "Act", "Tower" after another word, unless it is a person's surname after a
    given name or a title ("Stuart Hall", "Mr. Park") or more of a body's name follows ("Tower Records")."""
    for i in range(len(run) - 1, 0, -1):
        tok = run[i]
        if tok.low not in actor_words.THING_HEADS or tok.possessive:
            continue
        rest = run[i + 1 :]
        if any(t.low in speech.ORG_WORDS or t.low in actor_words.ORG_ENDINGS for t in rest):
            return 0
        before = run[i - 1]
        if _is_head(before) or (
            actor_kinds.is_given_name(before.bare, 2) and (i == 1 or _is_head(run[i - 2]) or run[i - 2].initial)
        ):
            return 0
        if rest and not (_is_head(rest[0]) or actor_kinds.is_given_name(rest[0].bare, 2)):
            return 0
        return i + 1
    return 0


def _drop_leading_words(text, run, page):
    """Leading words of the sentence, not of the name: "During", "The", "Whether Bartleby", "Like Instagram",
    "En Medio Oriente".

    A content word that opens an organisation's name stays ("World Health Organization"), and so does a
    place that opens the run ("New York Public Library", "San Francisco Supervisor Jane Kim")."""
    org_name = len(run) > 1 and (
        actor_kinds.org_ending([t.bare for t in run]) or any(t.low in ("of", "for") for t in run[1:])
    )
    if len(run) > 1 and text[run[0].start - 2 : run[0].start - 1].islower() and _named_as_a_body(text, run[0].start):
        return run  # "whale rescue group Project Jonah": the common word opens the body's name
    while run:
        tok = run[0]
        if len(run) > 1 and any(
            len(run) >= n and bundled_names.is_place(" ".join(t.low for t in run[:n])) for n in (2, 3)
        ):
            break
        if (
            # ("Con Edison" in English: a word of another language opens a sentence in a text in that language)
            (tok.low in actor_words.FOREIGN_OPENERS and tok.low not in PARTICLES and tok.low in page.lower)
            or (
                len(run) > 1
                and _party_word(tok)
                and not org_name
                and not _is_lexicon_word_or_head(run[1])
                and (len(run) == 2 or actor_kinds.is_given_name(run[1].bare, 1))
            )
            or (len(run) > 1 and tok.low in speech.SPEECH_FORMS and sentence_initial(text, tok.start))
        ):
            run = run[1:]  # "En Medio Oriente", "Said Ellis: ..."
            continue
        if tok.low in speech.TITLE_WORDS or tok.low in speech.ROLE_HEADS or tok.low in HONORIFICS or tok.acronym:
            break
        if (
            len(run) > 1
            and len(tok.low) > 5
            and tok.low.endswith("ing")
            and not tok.possessive
            and not actor_kinds.is_given_name(tok.bare, 1)
            and not org_name
        ):
            # "Telling Jeb Bush", "Impeaching Trump": a verb opens the sentence or the headline; what is left of
            # one word ("Impeaching Trump", "Electing Hillary") is read in the phrase, not as a name.
            return run[1:] if len(run) > 2 else []
        if len(run) == 1:
            if tok.low in actor_words.OPENERS and not actor_kinds.is_given_name(tok.bare, 3):
                return []  # "Among them", "Please"
            break
        if tok.low in speech.NOT_NAME_WORDS:
            if (org_name and tok.low not in actor_words.OPENERS) or _given_name_after_title(run, 0):
                break
        elif (
            (org_name and tok.low not in actor_words.FURNITURE_WORDS)
            or speech.nation_of(tok.bare)
            or not (tok.low in actor_words.OPENERS or tok.low in actor_words.FURNITURE_WORDS)
            and not (sentence_initial(text, tok.start) and actor_kinds.is_glue_word(tok, page))
            or actor_kinds.is_given_name(tok.bare, 3)
            and tok.low not in ("will", "may")
        ):
            break
        run = run[1:]
    return run


def _named_as_a_body(text, start):
    """ "the whale rescue group Project Jonah", "the startup Open Ledger": a noun for a body right before."""
    return actor_kinds.company_noun_before(text, max(0, start - 40), start) is not None


def _is_lexicon_word_or_head(tok):
    return is_lexicon_word(tok) or _is_head(tok)


QUOTE_MARKS = "\"“”‘’'«»「」『』"


OWNER_RE = re.compile(r"([A-Z][\w.-]*)['’]s $")


POLICE_AFTER_RE = re.compile(
    r" police\b(?!\s+(?:officers?|chiefs?|stations?|cars?|vans?|dogs?|forces|shootings?|killings?|brutality|videos?"
    r"|cases?|scandals?|custody|reports?))"
)


def _names_a_force(run):
    """ "West Harwick" in "West Harwick police": a place's name, not a nation's ("Kenyan police") or a
    person's ("Trump police"), nor a title."""
    return (
        len(run) <= 3
        and not any(t.possessive or t.acronym or _is_head(t) for t in run)
        and not any(speech.nation_of(t.bare) or _demonym(t.bare) or t.low in speech.COUNTRIES for t in run)
        and not is_lexicon_word(run[-1])
        and not actor_kinds.is_given_name(run[0].bare, 2)
        and not run[0].low.endswith("ing")  # "Criticizing police": a verb opening the sentence
    )


def _branch_name(run):
    """A name word, then a country: "Yahoo Japan", "Wired Italy" (a person or a place is never named so)."""
    if len(run) != 2 or run[0].possessive or not (run[1].low in speech.COUNTRIES or speech.nation_of(run[1].bare)):
        return False
    first = run[0]
    return (
        first.capitalised
        and not first.acronym  # "GOP Israel supporters": a description
        and not _party_word(first)
        and not is_lexicon_word(first)
        and not _demonym(first.bare)
        and not bundled_names.is_place(first.bare)
        and not actor_kinds.is_given_name(first.bare, 1)
    )


def _owned(text, pos):
    owner = OWNER_RE.search(text, max(0, pos - 40), pos)
    if not owner:
        return False
    word = owner.group(1)
    return not (word.casefold() in speech.COUNTRIES or speech.nation_of(word) or word.replace(".", "").isupper())


def _quoted(text, run):
    """''Girl Power'', “Playing Trump,” (a comma or a stop inside the marks, American style); not “Donald
    Trump,” he said, “is …”: a quotation that opens with a name."""
    start, end = run[0].start, run[-1].end
    if start == 0 or text[start - 1] not in QUOTE_MARKS:
        return False
    if text[end : end + 1] in tuple(QUOTE_MARKS):
        return True
    if text[end : end + 1] not in tuple(",.!?") or text[end + 1 : end + 2] not in tuple(QUOTE_MARKS):
        return False
    # The sentence goes on in lower case after the marks ("Super Mario Run," the legendary company's game):
    # the quoted words are named in it; a quotation that is all a name (''Hillary Clinton.'') is someone's words.
    after = text[end + 2 : end + 40]
    return bool(QUOTE_GOES_ON_RE.match(after)) and not SPEECH_AFTER_QUOTE_RE.match(after)


QUOTE_GOES_ON_RE = re.compile(r"['’”]?\s+[a-z]")
# After a closing mark: the speaker and the verb, then the quotation goes on.
SPEECH_AFTER_QUOTE_RE = re.compile(r"['’”]?\s+(?:[A-Za-z.’'-]+\s+){0,4}?(?:said|says|added|asked|told|wrote)\b")


def _titled_person(run):
    """ "White House Chief Of Staff Rahm Emanuel", "House Republican Thomas Massie": a body's title or a
    party word, then a given name and a surname, is that person with the title before the name (the body's
    words in the title do not make the whole run a body)."""
    if len(run) < 3:
        return None
    given, surname = run[-2], run[-1]
    before = run[-3]
    # "Chief Of Staff", "Secretary of State": a title with its "of".
    head = len(run) >= 4 and (_is_head(before) or (len(run) >= 5 and run[-4].low == "of" and _is_head(run[-5])))
    # "Navy SEAL Chris Kyle", "CNN Anderson Cooper": an abbreviation, then a common given name.
    acronym = not head and before.acronym and actor_kinds.is_given_name(given.bare, 4)
    party = not head and not acronym and len(run) >= 4 and _party_word(before)
    if not (head or acronym or (party and actor_kinds.is_given_name(given.bare, 3))) or before.possessive:
        return None
    if not (
        is_name_word(given)
        and is_name_word(surname)
        and not actor_kinds.org_ending([surname.bare])
        and surname.low not in speech.ORG_WORDS
    ):
        return None
    prefix = run[:-2]
    title = " ".join(t.text for t in prefix[_title_start(prefix) :])
    nation = next((speech.nation_of(t.bare) for t in prefix if speech.nation_of(t.bare)), None)
    surface = f"{given.bare} {surname.bare}"
    return Mention(given.start, surname.end, surface, "person", title=title, nation=nation, evidence=True)


def _party_word(tok):
    """ "Democrat", "Republicans", "Democratic": a party's member or adjective, never part of a name."""
    return tok.low.removesuffix("s") in actor_words.PARTY_NOUNS or tok.low in actor_words.PARTY_ADJECTIVES


def _club_name(run, page):
    """ "Leicester City", "Leeds United", "Real Madrid": on a sports page a town's name with a club's word after
    or before it names the club, not the town (a town whose name has the word, "Kansas City", is a place)."""
    if run[-1].low in actor_words.CLUB_ENDINGS and not run[-2].possessive:
        town = run[:-1]
    elif run[0].low in actor_words.CLUB_OPENERS and not run[0].possessive:
        town = run[1:]
    else:
        return None
    town_name = " ".join(t.low for t in town)
    if not bundled_names.is_place(town_name) or bundled_names.is_region(town_name) or not page.sport:
        return None
    surface = " ".join(t.bare for t in run)
    return Mention(run[0].start, run[-1].start + len(run[-1].bare), surface, "organisation", org_cue=True)


def _drop_leading_place(run):
    """ "San Francisco Supervisor Jane Kim", "New York Gov. Andrew Cuomo": the place before a title or a
    name is where the person is from, not part of a name ("New York Times", "New York Public Library"
    stay whole: a place opens the names of bodies)."""
    if len(run) > 1 and actor_kinds.org_ending([t.bare for t in run]):
        return run
    for n in (3, 2):
        if len(run) > n and bundled_names.is_place(" ".join(t.low for t in run[:n])):
            rest = run[n:]
            if not any(t.low in speech.ORG_WORDS or t.low in ("of", "for") for t in rest):
                return rest
    return run


SURNAME_PREFIX_RE = re.compile(r"(?:O['’]|D['’]|Mc|Mac|Fitz)[A-Z]")


def _given_name_of_a_country(text, tok, surname, page):
    if not (
        tok.capitalised
        and not tok.possessive
        and actor_kinds.is_given_name(tok.bare, 7)
        and speech.nation_of(tok.bare) is not None
        and surname.low not in page.lower
        and not actor_kinds.org_ending([surname.bare])
    ):
        return False
    if SURNAME_PREFIX_RE.match(surname.bare):
        return True
    return text.count(surname.bare) > text.count(f"{tok.text} {surname.bare}")


def _given_name_start(name):
    """Where a person's name starts inside a longer run of name words: at the first given name
    that follows words none of which is one ("Crooked Hillary Clinton" -> 1). 0 when it starts at 0.

    A long name with a particle is one name ("Luiz Inácio Lula da Silva": "Luiz" is no listed name)."""
    if len(name) < 3 or actor_kinds.is_given_name(name[0].bare, 1) or name[0].initial:
        return 0
    if any(t.low in PARTICLES for t in name):
        return 0
    for i in range(1, len(name) - 1):
        tok = name[i]
        if name[i - 1].initial:
            return 0
        if actor_kinds.is_given_name(tok.bare, 2) and tok.low not in speech.NOT_NAME_WORDS:
            return i
    return 0


def _org_acronym(tok, page=None):
    page = page or NO_PAGE
    return (
        tok.acronym
        and tok.bare not in speech.NOT_ORG_ACRONYMS
        and tok.bare.replace(".", "") not in page.thing_initials
        and not speech.nation_of(tok.bare)
        and not actor_kinds.acronym_stands_for_nothing(tok, page)
        and not page.is_ticker(tok.start, tok.end)
    ) or (tok.acronym and tok.bare.replace(".", "") in ("AP", "AFP") and page.is_dateline_agency(tok.start, tok.end))


def _acronym_mention(tok, page):
    """An abbreviation the page does not spell out and that is no known organisation's is kept
    only if the text then treats it as one (see ActorIndex._find)."""
    weak = not actor_kinds.known_org_abbreviation(tok, page)
    return Mention(tok.start, tok.start + len(tok.bare), tok.bare, "organisation", weak=weak)


def _outlet_before(text, pos):
    """ "the Red Cross", "the weekly Berner Rundschau": a name after an article or an outlet word."""
    before = text[max(0, pos - 30) : pos].casefold().split()
    return bool(before) and (before[-1] == "the" or before[-1] in speech.OUTLET_WORDS)


# Nouns that name no particular body when they stand alone; the bodies that speak ("Police",
# "Government", "Commission") stay, for the statements to attribute to.
GENERIC_NOUNS = frozenset(
    [
        "center",
        "centre",
        "office",
        "group",
        "company",
        "service",
        "services",
        "network",
        "institute",
        "foundation",
        "bureau",
        "fund",
        "league",
        "movement",
        "association",
        "corporation",
        "staff",
        "headquarters",
        "secretariat",
        "edition",
        "review",
        "amendment",
        "government",
    ]
)
PEOPLE_PLURALS = ("ians", "ans", "ists", "ites", "ese")


# A singular article of Portuguese, Spanish, Italian or French before a name that ends like a plural:
# "do Corinthians", "pelo Corinthians", "del Athletians": one club or body, not a group of people.
SINGULAR_ARTICLE_BEFORE_RE = re.compile(r"\b(?:o|do|no|pelo|ao|el|del|al|il|dello|nel|le|du|au)\s$")


def _group_of_people(run):
    last = run[-1]
    if "-" in last.bare and speech.nation_of(last.bare.rsplit("-", 1)[-1][:-1]):
        return True  # "African-Americans", "Mexican-Americans"
    return (
        last.low.endswith(PEOPLE_PLURALS)
        and not last.acronym
        and not any(t.low in speech.ORG_WORDS or t.low in ("of", "for") for t in run)
        and (len(run) > 1 or speech.nation_of(last.bare[:-1]) or last.low.endswith(("ians", "ists", "ites")))
    )


# The pronoun or relative that takes a name up: "Borger, who", "Alibaba said it would", "its shares".
# "It" before a form of "be" is too often the empty subject ("how important it is", "it was too early").
TAKEN_UP_RE = re.compile(
    r"(?P<rel>^[’']?s?,?\s+(?:(?P<who>who|whom|whose)|(?P<which>which))\b)"
    r"|\b(?:(?P<person>[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Hh]imself|[Hh]erself)"
    r"|(?P<thing>[Ii]ts|[Ii]tself|[Ii]t(?![’']s\b|\s+(?:is|was|seems|seemed|appears|appeared)\b)))\b"
)
SENTENCE_END_RE = re.compile(r"[.!?][”\"’']?\s+(?=[A-Z“\"‘])|\n")


def _taken_up_as(text, cluster):
    """ "person" or "thing" by how the text takes up each mention, by majority; None if it never does.

    Read in the mention's sentence and the next one only: a pronoun further on is about someone else."""
    votes = {"person": 0, "thing": 0}
    for m in cluster.mentions:
        if m.start < 0:
            continue
        window = text[m.end : m.end + 300]
        ends = [e.end() for e in SENTENCE_END_RE.finditer(window)]
        window = window[: ends[1] if len(ends) > 1 else len(window)]
        found = TAKEN_UP_RE.search(window)
        if found:
            votes["person" if (found.group("who") or found.group("person")) else "thing"] += 1
    if votes["thing"] > votes["person"]:
        return "thing"
    return "person" if votes["person"] else None


def _called_by_surname(cluster, lower, nouns_capitalised=False):
    """ "Mitt Romney" ... "Romney": a name the text then shortens to its last word, which it never writes
    in lower case, is a person's ("Space Pirate" ... "pirates" is not)."""
    full = [m for m in cluster.mentions if len(m.words) > 1]
    if not full:
        return False
    surname = full[0].words[-1]
    if nouns_capitalised:
        return False  # in German every noun is written like a name
    return surname.casefold() not in lower and any(
        len(m.words) == 1 and fold_word(m.words[0]) == fold_word(surname) for m in cluster.mentions
    )


WHO_AFTER_RE = re.compile(r"[’']?s?,?\s+who\b")


def _introduced_as_person(text, cluster):
    """ "Rakeyia Scott, who ...": a relative "who" right after the name."""
    return any(m.start >= 0 and WHO_AFTER_RE.match(text, m.end) for m in cluster.mentions)


def _outlet_word_before(text, pos):
    before = text[max(0, pos - 30) : pos].casefold().split()
    return bool(before) and before[-1] in speech.OUTLET_WORDS


def _is_place(name):
    """A place, not an actor. A single word only if it is a region ("Texas"): a town's name
    is too often also a surname ("Clinton", "Lincoln")."""
    low = " ".join(t.low for t in name)
    if low in speech.PLACES or low in speech.COUNTRIES:
        return True
    if len(name) > 1:
        return actor_kinds.is_place_name([t.bare for t in name])
    return bundled_names.is_region(low)


def _title_start(prefix):
    """Where the title starts in a prefix: "Ukraine's Foreign Minister" keeps the country."""
    return 0


def _hyphen_adjective(low):
    tail = low.rsplit("-", 1)[-1]
    return tail in actor_words.ADJECTIVE_ENDINGS or tail.endswith(("ing", "ed"))


def _orgs(run):
    """ "MIT's Lorenz Center", "Columbia University's Zuckerman Institute": the owner, and the body it owns when
    what follows the possessive is a body's name of its own."""
    owner = _org(run)
    for i, t in enumerate(run[:-2]):
        if t.possessive:
            rest = run[i + 1 :]
            if (
                actor_kinds.org_ending([r.bare for r in rest])
                and rest[0].low not in speech.ORG_WORDS
                and owner.end <= t.end  # ("Russia's Foreign Ministry": a country's body is named alone)
            ):
                return [owner, _org(rest)]
            break
    return [owner]


def _org(run):
    while run and (run[0].low in speech.COUNTRIES and run[0].possessive):
        run = run[1:]
    # "Seattle-based International Pacific Halibut Commission": the name starts after the adjective.
    adjectives = [i + 1 for i, t in enumerate(run[:-1]) if "-" in t.low and _hyphen_adjective(t.low)]
    cut = max(adjectives, default=0)
    run = run[cut:]
    # An organisation name stops before a possessive: "NATO's command" is NATO.
    for i, t in enumerate(run):
        if t.possessive:
            run = run[: i + 1]
            break
    surface = " ".join(t.bare for t in run)
    return Mention(run[0].start, run[0].start + len(surface), surface, "organisation")


NO_PAGE = PageWords("")


class ActorIndex:
    """The actors of one text and where each is mentioned."""

    def __init__(self, text, author=None, title=None):
        self.text = text
        self.mentions = []
        self.clusters = []
        self._find(author, title or "")

    def _find(self, author, title):
        # The title is read with the body (a headline may be the only place a name is given
        # in full) and its mentions get negative positions, before the body's.
        offset = len(title) + 2 if title else 0
        text = f"{title}\n\n{self.text}" if title else self.text
        tokens = tokenize(text)
        page = self.page = PageWords(text)
        raw = []
        for run in capitalised_runs(text, tokens):
            if page.credits and any(s < run[-1].end and run[0].start < e for s, e in page.credits):
                # "© Provided by Business Insider Inc Nintendo/Apple" runs into the first words of the body.
                for part in _outside_credits(run, page):
                    raw.extend(classify_run(text, part, page))
                continue
            raw.extend(classify_run(text, run, page))
        raw = [
            _as_credited(m, page)
            for m in raw
            if not page.is_credit(m.start, m.end)
            and not page.is_service(m.start, m.end)
            and not _cut_before_number(text, m)
        ]
        for m in raw:
            if m.kind == "organisation" and " of " in m.surface:
                tail = ORG_LIST_TAIL_RE.match(text, m.end)
                if tail:
                    # "American Academy of Allergy, Asthma and Immunology": one body, its fields listed.
                    m.surface += tail.group()
                    m.end = tail.end()
        for m in raw:
            m.start -= offset
            m.end -= offset
            m.in_title = m.start < 0
        if title and _title_case(title):
            # Every word of a Title Case Headline is capitalised: only titled names count there.
            raw = [m for m in raw if not m.in_title or (m.kind == "person" and m.title)]
        raw.sort(key=lambda m: m.start)
        text = self.text
        heads = _headline_lines(text)
        if heads:
            # A subhead or a headline in the body ("Donald Trump Calls Out Ted Cruz For Backing Down") is read
            # as the title is: only titled names count there.
            raw = [m for m in raw if (m.kind == "person" and m.title) or not _in_lines(heads, m)]
        raw = [m for m in raw if not _dateline(text, m)]
        raw, self.table_bodies = _read_tables(text, raw)
        raw = _with_makers(text, raw, page)
        spelt_spans = []
        for m in raw:
            after = text[m.end : m.end + 120] if m.start >= 0 else ""
            if m.kind in ("person", "single") and not m.title and m.start >= 0:
                # A title in lower case: "envoy Pieter van Aalst", "Dutch prime minister Pieter Maas".
                lead = _lower_title(text[max(0, m.start - 80) : m.start])
                if lead:
                    m.title = lead
                    m.nation = m.nation or _nation_in(m.title)
                    m.kind, m.evidence = "person", True

            if m.surface.endswith(("'", "’")):
                m.surface = m.surface[:-1]
            # The patterns below are only run for the mentions they can change.
            if m.kind in ("person", "single") and not m.title and m.start > 0:
                lead = REVERSE_APPOSITION.search(text[max(0, m.start - 90) : m.start])
                if lead and _role_phrase(lead.group("role")):
                    # "Ukraine's deputy prime minister, Mykola Kovalskyy, …"
                    m.title = lead.group("role").strip()
                    m.nation = m.nation or _nation_in(m.title)
                    m.kind, m.evidence = "person", True
            if m.kind in ("person", "single") and not m.title:
                foreign = FOREIGN_ROLE_AFTER_RE.match(after)
                if (
                    foreign
                    and foreign.group("role").casefold() in actor_words.FOREIGN_ROLE_HEADS
                    # ("Bolsonaro, o técnico Tite declarou": the role goes with the name after it)
                    and not CAPITAL_NEXT_RE.match(after, foreign.end())
                ):
                    # "Pouria Amirshahi, député socialiste ...", "Ana Lopes, ministra da Saúde, ..."
                    m.title, m.kind, m.evidence = foreign.group("role"), "person", True
            if m.kind in ("person", "single"):
                app = APPOSITION_RE.match(after)
                if app and _role_phrase(app.group("role")):
                    m.title = m.title or app.group("role").strip()
                    m.nation = m.nation or _nation_in(app.group("role"))
                    m.evidence = True
                    m.kind = "person"
            if m.kind == "single":
                verb = SPEECH_AFTER_RE.match(after)
                if verb and verb.group("verb") in speech.SPEECH_FORMS:
                    # "Monitors said": a word the text also writes in lower case is not a name.
                    m.evidence = m.surface.casefold() not in page.lower
            if m.weak or m.kind in ("single", "outlet", "organisation", "person"):
                _weigh(text, m, after, page)
            if m.kind in ("person", "single", "outlet") and not m.title and m.start > 0:
                spelt = _name_of_a_business(text, m, after, page.lower)
                if spelt:
                    spelt_spans.append(spelt)
        if spelt_spans:
            # The words an abbreviation stands for, in brackets after it, name the same body.
            raw = [m for m in raw if not any(s <= m.start and m.end <= e for s, e in spelt_spans)]
        _join_listed_bodies(text, raw, page)
        if guess_language(text) in ROMANCE_LANGUAGES:
            raw = _romance_body_names(text, raw)
        in_titles = [_company_in_title(text, m, page) for m in raw if m.kind == "person" and m.title]
        raw.extend(b for b in in_titles if b and not any(o.start < b.end and b.start < o.end for o in raw))
        raw.sort(key=lambda m: m.start)
        # An abbreviation of a body the article names in full ("the Nordic Fisheries Union ... the NFU") is
        # that body's, however little the text around it says.
        spelt_out = {
            initials
            for m in raw
            if m.kind == "organisation" and " " in m.surface
            for initials in (_initials(m.surface), _initials(m.surface, lower_too=True))
        }
        # "Yahoo Japan" is the branch of a company the text names alone ("Yahoo's stakes"), with what it says.
        known = {m.surface for m in raw if m.kind == "organisation" and not m.weak and " " not in m.surface}
        raw = [
            m
            for m in raw
            if m.kind != "work"
            and not (
                m.weak
                and m.kind == "organisation"
                and m.surface.replace(".", "") not in spelt_out
                and not (" " in m.surface and m.words[0] in known)
            )
        ]
        self._cluster(raw, author)

    def _cluster(self, raw, author):
        author_words = {fold_word(w) for w in (author or "").split()}
        people = []
        orgs = {}
        by_surname = {}  # folded surname -> people with a full name ending in it
        # "Boeing Co" and "Boeing" in one article: the bare name is the company too, not a person.
        companies = {
            _org_key(m.surface) for m in raw if m.kind == "organisation" and _org_key(m.surface) != m.surface.casefold()
        } | self.table_bodies
        # "the advocacy group Velloq Watch" once makes the name a body's wherever the text writes it with no
        # given name first (a name with one is someone's: "Dana Vell's group" is hers).
        cued = {_org_key(m.surface) for m in raw if m.kind == "organisation" and m.org_cue and " " in m.surface}
        for m in raw:
            if m.title or m.kind not in ("person", "single"):
                continue
            key = _org_key(m.surface)
            if key in companies or (m.kind == "person" and m.weak and key in cued):
                m.kind, m.weak = "organisation", False
        for m in raw:
            if m.kind == "person" and len(m.words) > 1 and m.words[0].casefold() not in PARTICLES:
                key = fold_word(m.words[-1])
                cluster = next((c for c in by_surname.get(key, []) if _same_full_name(c, m)), None)
                if cluster is None:
                    cluster = Cluster("person")
                    people.append(cluster)
                    by_surname.setdefault(key, []).append(cluster)
                self._attach(cluster, m)

        # The surnames by first letter, in the order they were found: a single word is compared
        # only with those that share its first letter, not with every surname of a long page.
        by_initial = {}
        for other, clusters in by_surname.items():
            by_initial.setdefault(other[:1], []).append((other, clusters))

        def surname_matches(word):
            key = fold_word(word)
            if key in by_surname:
                return by_surname[key]
            # A misspelt or inflected surname: only keys close in length and spelling are compared.
            return [
                c
                for other, clusters in by_initial.get(key[:1], ())
                if abs(len(other) - len(key)) <= 2 and same_surname(word, other)
                for c in clusters
            ]

        # Names written family name first ("Yoon Suk Yeol", "Lee Jae-myung") are then called by
        # their first word ("Yoon").
        by_first = {}
        for c in people:
            for name in c.full_names:
                by_first.setdefault(fold_word(name.split()[0]), []).append(c)

        by_single = {}  # folded word -> a person known only by one word
        # "Von der Leyen" after "Ursula von der Leyen" is her surname alone.
        singles = [
            m
            for m in raw
            if m.kind in ("single", "person", "outlet")
            and (len(m.words) == 1 or (m.kind == "person" and m.words[0].casefold() in PARTICLES))
        ]
        for m in singles:
            word = m.words[-1]
            matches = surname_matches(word) or by_first.get(fold_word(word), [])
            if matches:
                self._attach(_nearest(matches, m), m)
            elif m.kind == "person" or (m.kind == "single" and m.evidence):
                cluster = by_single.get(fold_word(word))
                if cluster is None:
                    cluster = by_single[fold_word(word)] = Cluster("person")
                    people.append(cluster)
                self._attach(cluster, m)
        # Single words with no evidence of their own that match a person found by evidence.
        for m in raw:
            if m.cluster is None and m.kind in ("single", "outlet") and len(m.words) == 1:
                word = m.words[0]
                matches = surname_matches(word) or (
                    [by_single[fold_word(word)]] if fold_word(word) in by_single else []
                )
                if matches:
                    self._attach(_nearest(matches, m), m)
        for m in raw:
            if m.kind == "outlet" and m.cluster is None:
                # "the Journal reported", "the Roscosmos space agency": an outlet or a body; "the
                # Invasion", "the Democratic nominee" are not.
                outlet_word = any(
                    w.casefold() in speech.OUTLET_WORDS or w.casefold() in speech.ORG_WORDS for w in m.words
                )
                m.kind = "organisation" if (m.evidence or m.org_cue or outlet_word) else "none"
                m.evidence = False
            if m.kind == "organisation":
                key = _org_key(m.surface)
                cluster = orgs.get(key)
                if cluster is None:
                    cluster = orgs[key] = Cluster("organisation")
                self._attach(cluster, m)
        # "Verizon" named bare, after "the sale to Verizon" made it a company: the same company.
        for m in raw:
            if m.cluster is None and m.kind in ("single", "outlet") and len(m.words) == 1:
                org = orgs.get(_org_key(m.surface))
                if org is not None and any(o.org_cue for o in org.mentions):
                    m.kind = "organisation"
                    self._attach(org, m)
                    org.mentions.sort(key=lambda x: x.start)
        # A person known by one word or by a name with no given name, and no title: the pronoun
        # that takes it up tells ("Alibaba said it would", "Borger said she").
        for c in people:
            untitled = not any(m.title for m in c.mentions)
            if (
                untitled
                and all(len(m.words) == 1 or m.weak for m in c.mentions)
                and _taken_up_as(self.text, c) == "thing"
            ):
                # A town is "it" too: only an organisation by what is said of it elsewhere, or when it
                # speaks ("Peabody said it would").
                c.kind = "organisation" if any(m.org_cue or m.evidence for m in c.mentions) else "thing"
                if c.kind == "organisation":
                    orgs.setdefault(_org_key(c.name), c)
        for c in people:
            if len(c.name.split()) == 1 and (
                c.name.casefold().removesuffix("s") in actor_words.PARTY_NOUNS
                or c.name.casefold() in actor_words.NEWS_AGENCIES
                or c.name.casefold() in STANDALONE_BODIES
                or CAMEL_CASE_BODY_RE.fullmatch(c.name)
                or _reports(self.text, c)
            ):
                c.kind = "organisation"  # "Democrats said": the party's people, a body
                orgs.setdefault(_org_key(c.name), c)
        lower_words = self.page.lower
        for c in people:
            full = [m for m in c.mentions if len(m.words) > 1]
            if (
                c.kind == "person"
                and full
                and all(m.weak for m in full)
                and not any(m.title for m in c.mentions)
                and full[0].words[0].casefold() in lower_words
                and _taken_up_as(self.text, c) != "person"
            ):
                # "Planned Parenthood said", "Red Hat said": a name made of the text's own words that
                # speaks is a body's.
                c.kind = "organisation" if any(m.evidence for m in c.mentions) else "thing"
                if c.kind == "organisation":
                    orgs.setdefault(_org_key(c.name), c)
            elif c.kind == "person" and _a_body_by_its_people(self.text, c):
                c.kind = "organisation"
                orgs.setdefault(_org_key(c.name), c)
        # "Pelloni announced ..." ... "Pelloni's parent company": a one-word name with no title, which a
        # company's words name elsewhere, is that company throughout.
        for c in people:
            org = orgs.get(_org_key(c.name)) if len(c.name.split()) == 1 else None
            if (
                org is not None
                and org is not c
                and any(m.org_cue for m in org.mentions)
                and all(len(m.words) == 1 and not m.title for m in c.mentions)
            ):
                c.kind = "merged"
                for m in c.mentions:
                    m.cluster = org
                    org.mentions.append(m)
                org.mentions.sort(key=lambda m: m.start)
        people = [c for c in people if c.kind == "person"]
        # "the Trump campaign" made "Trump" a body; with Donald Trump in the article it is him.
        surnames = {fold_word(c.surname): c for c in people if len(c.name.split()) > 1}
        for key, org in list(orgs.items()):
            words = org.name.split()
            if len(words) == 1 and not words[0].isupper() and fold_word(words[0]) in surnames:
                person = surnames[fold_word(words[0])]
                for m in org.mentions:
                    m.cluster, m.kind = person, "single"
                    person.mentions.append(m)
                del orgs[key]
        if author_words:
            people = [c for c in people if not {fold_word(w) for w in c.name.split()} <= author_words]
        # A name shape with nothing else for it ("Ninety Mile Beach", "Course Notes") goes when its
        # last word is also an ordinary lower-case word of the text.
        lower = self.page.lower
        # A name that is no given name and a surname ("Whole Foods", "Aufbau der Brigade") needs the
        # text to treat it as a person's at least once.
        # A town known by one word only ("Sydney said ...") is no person unless the text makes it one.
        people = [
            c
            for c in people
            if any(len(m.words) > 1 or m.title for m in c.mentions)
            or not bundled_names.is_place(c.name)
            or (_taken_up_as(self.text, c) == "person" and not _located_in(self.text, c))
        ]
        people = [
            c
            for c in people
            if any(m.evidence or m.title for m in c.mentions)
            or (
                not all(m.weak for m in c.mentions if len(m.words) > 1)
                and c.mentions[0].words[-1].casefold() not in lower
            )
            or _called_by_surname(c, lower, self.page.nouns_capitalised)
            or _introduced_as_person(self.text, c)
            or (not all(m.weak for m in c.mentions if len(m.words) > 1) and _taken_up_as(self.text, c) == "person")
        ]
        # "Lady Bird is a masterful comedy": what the text says a name is can make it a work's, whatever its
        # shape (a title, a given name) says; one that speaks is an actor still.
        people = [c for c in people if not _said_to_be_a_work(self.text, c)]
        people = _fold_name_heads(people)
        self.clusters = people + [
            c
            for c in _settle_orgs(list(orgs.values()))
            if not _said_to_be_a_work(self.text, c) and not _a_building(self.text, c)
        ]
        kept = {id(c) for c in self.clusters}
        self.mentions = sorted((m for m in raw if id(m.cluster) in kept), key=lambda m: m.start)
        self.nominals = [m for m in raw if m.kind == "nominal"]
        self.countries = [m for m in raw if m.kind == "country"]
        self.outlets = [m for m in raw if m.kind == "organisation" and m.cluster is not None]

    def _attach(self, cluster, m):
        m.cluster = cluster
        cluster.mentions.append(m)
        if m.title and (not cluster.role or len(m.title) > len(cluster.role)):
            cluster.role = m.title
        cluster.nation = cluster.nation or m.nation

    def people(self):
        return [c for c in self.clusters if c.kind == "person"]

    def at(self, start, end):
        """The mention covering text[start:end], if any."""
        for m in self.mentions:
            if m.start <= start and end <= m.end + 3:
                return m
        return None


def _bare_two_word_name(m):
    return m.kind == "person" and m.weak and not m.title and not m.evidence and len(m.words) == 2


def _with_makers(text, raw, page):
    """The mentions with the makers their products name: "an Intel Core i7 CPU" is Intel's, not a person
    "Intel Core"; "Dolby Atmos" and "Dolby Vision" are Dolby's products."""
    made = []
    for start, maker_end, end in actor_makers.makers_by_model(text, page):
        raw = [m for m in raw if not (m.start < end and start < m.end)]
        made.append(Mention(start, maker_end, text[start:maker_end], "organisation", org_cue=True))
    if made:
        raw = sorted(raw + made, key=lambda m: m.start)
    names = [m.surface for m in raw if _bare_two_word_name(m)]
    if not names:
        return raw
    alone = {}
    for m in raw:
        if m.kind in ("single", "outlet") and len(m.words) == 1:
            alone.setdefault(m.surface, []).append((text[max(0, m.start - 4) : m.start], text[m.end : m.end + 40]))
    lines, products = actor_makers.product_lines(names, alone, page)
    for m in raw if lines else ():
        if _bare_two_word_name(m) and m.words[0] in lines:
            m.surface = m.words[0]
            m.end = m.start + len(m.surface)
            m.kind, m.weak, m.org_cue = "organisation", False, True
        elif m.kind in ("single", "outlet") and m.surface in lines:
            m.kind, m.org_cue = "organisation", True
        elif m.kind in ("single", "outlet") and m.surface in products:
            m.kind = "work"  # "Atmos support" after "Dolby Atmos"
    return raw


# Bodies named by one common word that stand alone in news ("Congress said", "the Pentagon"); any other
# lone word that ends the names of bodies ("Court", "Union", "Committee", "Post") is that body's name cut
# short: it joins the full name of the same article, or names no one.
STANDALONE_BODIES = frozenset(
    [
        "congress", "senate", "house", "parliament", "government", "cabinet", "pentagon", "kremlin", "treasury",
        "police", "army", "navy", "military", "bundestag", "bundesrat", "knesset", "duma", "rada", "sejm", "storting",
        "riksdag", "folketing", "eduskunta", "vatican", "fed", "nato", "un"
    ]
)  # fmt: skip
NAME_JOINERS = frozenset(["of", "for", "and", "&", "the", "de", "du", "des", "la", "le", "der", "die", "das", "für"])


def _settle_orgs(clusters):
    """Fold a body's abbreviation ("EU", "PPP") and its lone last word ("the Court", "the Post") into its
    full name in the same article; drop such a lone word when there is no full name to join."""
    clusters = list({id(c): c for c in clusters}.values())
    names = {id(c): c.name for c in clusters}  # read once: a name can change when an abbreviation joins
    full = [c for c in clusters if len(names[id(c)].split()) > 1]
    kept = []
    for c in clusters:
        target = None
        name = names[id(c)]
        words = name.split()
        letters = name.replace(".", "")
        others = [f for f in full if f is not c]
        if len(words) == 1 and letters.isupper() and letters.isalpha():
            target = next(
                (
                    f
                    for f in others
                    if letters
                    in (
                        _initials(names[id(f)]),
                        _initials(names[id(f)], whole_caps=True),
                        _initials(names[id(f)], lower_too=True),
                    )
                ),
                None,
            )
        if target is None and len(words) == 1:
            low = name.casefold()
            if low in speech.ORG_WORDS or low in actor_words.ORG_ENDINGS or low in speech.OUTLET_WORDS:
                target = max(
                    (
                        f
                        for f in others
                        if names[id(f)].split()[-1].casefold() == low and _may_fold_into(low, names[id(f)])
                    ),
                    key=lambda f: len(f.mentions),
                    default=None,
                )
                speaks = any(m.org_cue or m.evidence for m in c.mentions)
                if target is None and low not in STANDALONE_BODIES and not speaks:
                    continue
            if letters.casefold() in actor_words.THING_ABBREVIATIONS:
                continue  # "TV", "PC": a thing
            if letters.casefold() in LEGAL_FORMS:
                continue  # "SRL", "GmbH" standing alone: a company's legal form, not its name
        if target is None:
            target = _longer_name_of(c, clusters, names)
        if target is None:
            kept.append(c)
            continue
        if letters.isupper() and len(c.mentions) > len(target.mentions):
            target.preferred = name  # "the IMF" all through, "International Monetary Fund" once
        for m in c.mentions:
            m.cluster = target
        target.mentions.extend(c.mentions)
    return kept


# The generic heads a body's name is written with or without in one article: "the Department of Environmental
# Protection" ... "Environmental Protection officials"; "Alibaba Group" ... "Alibaba".
BODY_HEADS = frozenset(
    ["department", "ministry", "office", "agency", "bureau", "group", "company", "corporation", "university"]
)


# Compared pair by pair over a page's bodies (see _longer_name_of, _settle_orgs): each name's answer is read once.
@lru_cache(maxsize=8192)
def _core(name):
    words = [w for w in name.casefold().replace(",", "").split() if w not in NAME_JOINERS]
    return tuple(w for w in words if w not in BODY_HEADS and w not in LEGAL_FORMS and w not in CORPORATE_SUFFIXES)


ROMANCE_LANGUAGES = frozenset(["fr", "es", "pt", "it"])
# Heads of bodies' names in French, Spanish, Portuguese and Italian beyond those that open a name anyway.
ROMANCE_BODY_HEADS = actor_words.FOREIGN_BODY_OPENERS | frozenset(
    ["cour", "commission", "comité", "comite", "assemblée", "asamblea", "autorité", "autoridad", "autoridade",
     "autorità", "front", "frente", "fronte", "coordinadora", "coordination", "conselho", "assembleia", "assemblea",
     "tribunal", "union", "unión", "união", "unione", "fédération", "federación", "federação", "federazione",
     "confédération", "confederación"]
)  # fmt: skip
# "Conseil constitutionnel", "Cour de cassation", "Commission nationale de contrôle des interceptions de
# sécurité": the name goes on in lower case, with its adjectives and its "de" phrases, up to a comma, a
# bracket or a word that is no part of a name.
ROMANCE_FUNCTION_WORDS = (
    r"(?:que|qui|afin|pour|par|avec|sur|dans|sans|sous|entre|contre|selon|vers|chez|et|ou|mais|est|sont|sera|a|ont"
    r"|été|ne|se|sa|son|ses|leur|leurs|il|elle|ils|elles|le|la|les|un|une|ce|cette|para|por|con|sin|sobre|es|fue|ha"
    r"|han|el|los|las|una|su|sus|lo|não|com|em|foi|os|as|um|uma|seu|sua|per|che|di|non|pero|mas|ma|y|e|o|de|des"
    r"|du|del|da|do|das|dos|della|dei|degli)"
)
ROMANCE_ADJECTIVES = (
    r"(?:[ ][a-zà-ÿ'’-]{2,}(?:ale|al|el|elle|ique|aire|if|ive|ien|ienne|ais|aise|ain|aine|ano|ana|ico|ica|ar|ario"
    r"|aria|ivo|iva|ense|ês|esa|eiro|eira|ese|ista|ime|aux|eux|euse|ible|able|ieur|ieure|ier|ière|ée|é)s?\b)"
)
ROMANCE_DE_PHRASES = (
    r"(?:[ ](?:(?:de[ ]la|del|de[ ]los|de[ ]las|du|des|de|da|do|das|dos|della|dei|degli)[ ]|(?:de[ ]l|d)['’][ ]?)"
    r"(?:[a-zà-ÿ][a-zà-ÿ'’-]{2,}|[A-ZÀ-Þ][\wà-ÿ'’-]*)(?:[ ][A-ZÀ-Þ][\wà-ÿ'’-]*)*" + ROMANCE_ADJECTIVES + r"?)*"
)
# After a lone head, adjectives first ("Conseil constitutionnel", "Commission nationale"), then "de" phrases.
ROMANCE_NAME_TAIL_RE = re.compile(
    r"(?:[ ](?!" + ROMANCE_FUNCTION_WORDS + r"\b)[a-zà-ÿ][a-zà-ÿ'’-]{2,}(?<!ment)(?<!mente))*" + ROMANCE_DE_PHRASES
)
# After a name of capitalised words ("Sociedad de Fomento Agrícola denunció"), only "de" phrases.
ROMANCE_DE_TAIL_RE = re.compile(ROMANCE_DE_PHRASES)
ROMANCE_JOINED_TAIL_RE = re.compile(r" (?:et|y|e|ed) [a-zà-ÿ'’-]+(?: [a-zà-ÿ'’-]+){0,2}(?= \(([A-Z]{2,8})\))")
# Legislatures that stand alone ("examiné par le Sénat").
ROMANCE_LONE_BODIES = frozenset(["sénat", "senado", "senato", "parlement", "parlamento", "congreso", "congresso"])


def _romance_body_names(text, raw):
    """Bodies' names of French, Spanish, Portuguese and Italian text, whose words after the first are in
    lower case: the capitalised head and the rest of its name, as one organisation."""
    out = []
    skip_until = -1
    for m in sorted(raw, key=lambda m: m.start):
        if m.start < skip_until:
            continue  # a capitalised word inside a name read already ("Conseil d'Etat")
        if m.words[0].casefold() in ("la", "le", "l'", "l’", "el", "los", "las", "il", "lo") and len(m.words) > 1:
            # "La Commission de contrôle" opening a line: the article is no part of the name
            cut = m.surface.index(" ") + 1
            m.surface, m.start = m.surface[cut:], m.start + cut
        words = m.words
        if (
            m.start < 0
            or m.kind in ("country", "nominal")
            or m.title
            or not {words[0].casefold(), words[-1].casefold()} & ROMANCE_BODY_HEADS
        ):
            out.append(m)
            continue
        # ("Haute Commission de surveillance": the head ends the capitalised words and the name goes on)
        lone_head = words[-1].casefold() in ROMANCE_BODY_HEADS
        tail = (ROMANCE_NAME_TAIL_RE if lone_head else ROMANCE_DE_TAIL_RE).match(text, m.end)
        end = tail.end() if tail else m.end
        joined = ROMANCE_JOINED_TAIL_RE.match(text, end)
        if joined and joined.group(1) == _initials(text[m.start : joined.end()], lower_too=True):
            # "Commission nationale informatique et libertés (CNIL)": the abbreviation after says where it ends.
            end = joined.end()
        # The tail ends at a name word, not at "de" or "et" left hanging.
        surface = text[m.start : end].strip()
        if end > m.end or len(words) > 1 or words[0].casefold() in ROMANCE_LONE_BODIES or m.kind == "organisation":
            m.surface, m.end, m.kind, m.weak, m.org_cue = (
                " ".join(surface.split()),
                m.start + len(surface),
                ("organisation"),
                False,
                True,
            )
            skip_until = m.end
        out.append(m)
    return out


CUT_AFTER_CAPITAL_RE = re.compile(r"\b[A-Z][\w’'-]* $")
COMPANY_ENDINGS = frozenset(
    ["corporation", "company", "group", "holdings", "industries", "enterprises", "partners", "capital",
     "technologies", "systems", "communications", "networks", "airlines", "motors", "pharmaceuticals", "brands",
     "foods", "entertainment", "studios", "pictures", "records", "co", "corp", "inc", "ltd", "llc", "plc", "ag",
     "gmbh", "sa", "nv", "co.", "corp.", "inc."]
)  # fmt: skip
# ("had bought Brevix instead of Quarlo": one company set against another)
LIST_JOIN_RE = re.compile(r"(?:,? (?:and|or) |, | instead of | rather than | as well as )(?:the )?")


def _join_listed_bodies(text, raw, page):
    """ "executives from News Corporation and Fairfax": a lone word listed next to a body is a body too
    (a person's surname listed so is taken back by the person's cluster)."""
    ordered = sorted((m for m in raw if m.start >= 0), key=lambda m: m.start)
    people_words = None
    for i, m in enumerate(ordered):
        if m.kind not in ("single", "outlet") or m.evidence or m.title or len(m.words) != 1:
            continue
        word = m.surface
        # The neighbours are read first: most lone words are listed with no company.
        listed = [
            (o, gap)
            for o, gap in (
                (ordered[i - 1], text[ordered[i - 1].end : m.start]) if i else (None, ""),
                (ordered[i + 1], text[m.end : ordered[i + 1].start]) if i + 1 < len(ordered) else (None, ""),
            )
            if o is not None
            and o.kind == "organisation"
            and not o.weak
            # a company's name ("News Corporation"), not a committee or a department ("Ways and Means"), or
            # one the text has made a company ("had bought Brevix or Tollan")
            and (
                o.words[-1].casefold() in COMPANY_ENDINGS
                or o.words[-1].casefold() in speech.OUTLET_WORDS
                or (o.org_cue and len(o.words) == 1)
            )
            and LIST_JOIN_RE.fullmatch(gap)
            # a town's name only joined by "and" ("News Corporation and Fairfax"), never set off by commas
            and (" and " in gap or not bundled_names.is_place(word))
        ]
        if not listed:
            continue
        if people_words is None:
            people_words = {w for p in raw if p.kind == "person" for w in p.words}
        if (
            word.casefold() in page.lower
            or word.casefold().removesuffix("s") in page.lower
            or speech.nation_of(word)
            or _demonym(word)
            or bundled_names.is_region(word)
            or actor_kinds.is_given_name(word, 3)
            or word in people_words  # "the Clinton Foundation and Hillary"
            or sentence_initial(text[max(0, m.start - 40) : m.start + 1], min(40, m.start))  # "Unsurprisingly, ..."
            or CUT_AFTER_CAPITAL_RE.search(text, max(0, m.start - 30), m.start)  # "Business Insider" cut short
            # a town listed with a company is where it is ("offices in Fairfax and ..."), not a company
            or LOCATIVE_BEFORE_RE.search(text, max(0, m.start - 12), m.start)
        ):
            continue
        m.kind, m.org_cue = "organisation", True


# "Facebook CEO Mark Zuckerberg", "Corvane Group founder Ann Lee": the title names the person's company.
COMPANY_TITLE_RE = re.compile(
    r"(?P<org>[A-Z][\w&.’'-]*(?: (?:[A-Z][\w&.’'-]*|of|for|&))*?)(?:['’]s)? "
    r"(?:CEO|CFO|COO|CTO|chief executive|executive chairman|chairman|co-?founder|founder)"
)


def _company_in_title(text, m, page):
    """The company named in a person's title before the name, as a mention of its own; or the body, when
    the words before the title's head end as a body's name does ("Harbor Police Commissioner Ann Lee")."""
    found = COMPANY_TITLE_RE.fullmatch(m.title)
    if found:
        org = found.group("org")
    else:
        words = m.title.split()
        heads = [i for i, w in enumerate(words) if i and _is_head(Token(w, 0, 0))]
        org = " ".join(words[: heads[0]]) if heads else ""
        # ("Communications Minister", "House Speaker", "Clinton Communications Director": a field, a chamber
        # named in passing, a campaign's post)
        if " " not in org or not org[0].isupper() or org.split()[-1].casefold() not in speech.ORG_WORDS:
            return None
    words = org.split()
    if (
        words[0].casefold() in page.lower
        or all(speech.nation_of(w) or _demonym(w) for w in words)
        or bundled_names.is_place(org)
        or any(w.casefold() in speech.TITLE_WORDS or w.casefold() in speech.ROLE_HEADS for w in words)
    ):
        return None  # "Former CEO", "Kenyan chairman", "Deputy chairman": no company named
    start = text.rfind(org, max(0, m.start - len(m.title) - 3), m.start)
    if start < 0:
        return None
    return Mention(start, start + len(org), org, "organisation", org_cue=True)


def _longer_name_of(c, clusters, names):
    """The body whose longer name in the same article this one shortens: the same words without a generic
    head ("Environmental Protection Department" for "the Department of Environmental Protection"), or
    its last words ("Tax Policy Center" for "the Urban-Brookings Tax Policy Center")."""
    name = names[id(c)]
    words = name.casefold().split()
    core = _core(name)
    if not core:
        return None
    longer = [
        f
        for f in clusters
        if f is not c
        and len(names[id(f)]) > len(name)
        and (
            _core(names[id(f)]) == core
            # ("Democratic Party" is not the "Alabama Democratic Party", nor "White House" the "Bush White House")
            or (len(words) > 2 and names[id(f)].casefold().split()[-len(words) :] == words)
        )
    ]
    return max(longer, key=lambda f: (len(names[id(f)]), len(f.mentions)), default=None)


def _may_fold_into(word, full_name):
    """ "Senate" is "U.S. Senate", but "House" is not "White House": a word that names a body alone folds
    only into its own name preceded by a country."""
    if word not in STANDALONE_BODIES:
        return True
    before = full_name.split()[:-1]
    return all(w.replace(".", "").isupper() or speech.nation_of(w) or w.casefold() in speech.COUNTRIES for w in before)


ROMANCE_JOINERS = frozenset(["de", "des", "du", "del", "la", "los", "las", "da", "do", "das", "dos", "et", "y", "e"])


@lru_cache(maxsize=8192)
def _initials(name, whole_caps=False, lower_too=False):
    """ "European Union" -> "EU", "People Power Party" -> "PPP", "Bank of Korea" -> "BK"; with `whole_caps`
    an abbreviation inside the name gives all its letters: "US Patent and Trademark Office" -> "USPTO"; with
    `lower_too` the words in lower case count ("Commission nationale de contrôle des techniques de
    renseignement" -> "CNCTR")."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.casefold() not in NAME_JOINERS]
    if lower_too:
        return "".join(w[0] for w in words if w.casefold() not in ROMANCE_JOINERS and w[0].isalpha()).upper()
    if whole_caps:
        return "".join(w.replace(".", "") if w.replace(".", "").isupper() else w[0] for w in words if w[0].isupper())
    return "".join(w[0] for w in words if w[0].isupper()).upper()


# "Rucker Culpepper, who runs the effort for veterans, said": the verb after a clause set off by commas.
APPOSED_SPEECH_RE = re.compile(r",[^,.;:!?“”\"\n]{3,150},\s*(?:also\s+|later\s+)?(?P<verb>[a-z]+)\b")
# "said Ngozi Okonjo-Iweala", "said Republican party boss Reince Priebus": the name after a speech verb and
# at most a few words of title.
SPEECH_BEFORE_RE = re.compile(
    r"\b(?:said|says|according to|told|asked|wrote|added|explained|noted)\s+"
    r"(?:(?!(?:in|at|on|to|from|of|by|with|that|and|but|the|a|an)\b)[\w.’'-]+\s+){0,4}$"
)


ORG_APPOSITION_RE = re.compile(
    r",\s+(?:a|an)\s+(?:[a-z][a-z-]+\s+){0,2}?([a-z][a-z-]+)\b(?=\s+(?:of|that|which|based|in|with|for)\b|[,.;])"
)


# What only a company has: "Pelloni's parent company", "Varro's shareholders".
CORPORATE_AFTER_RE = re.compile(
    r"\s+(?:(?:former|new|longtime)\s+)?(?:parent\s+company|subsidiar(?:y|ies)|shareholders|stockholders"
    r"|headquarters|board\s+of\s+directors|stock\s+price|share\s+price|market\s+value)\b"
)


PEOPLE_GROUP_RE = re.compile(r"\b(?:ethnic|minority|tribal|tribe|indigenous|nomadic)\b")
PERSON_APPOSITION_RE = re.compile(r"\)?,\s+(?:a|an)\s+(?:[a-z][a-z-]+\s+){0,2}?([a-z][a-z-]+)\b(?=[\s,.;])")


def _weigh(text, m, after, page=NO_PAGE):
    """What the words around a name with no given name, or a lone word or abbreviation, say it is:
    "said Ngozi Okonjo-Iweala" a person; "the Roscosmos space agency" an organisation; "the Star
    Trek film" a work. An abbreviation with nothing around it stays weak and is dropped."""
    if m.start < 0:
        return
    if m.kind == "person" and not m.title and not m.evidence:
        verb = SPEECH_AFTER_RE.match(after) or APPOSED_SPEECH_RE.match(after)
        if (verb and verb.group("verb") in speech.SPEECH_FORMS) or SPEECH_BEFORE_RE.search(
            text[max(0, m.start - 60) : m.start]
        ):
            m.evidence = True
    according = text[max(0, m.start - 17) : m.start].casefold().endswith(("according to ", "according to the "))
    if m.kind == "outlet":
        verb = SPEECH_AFTER_RE.match(after)
        m.evidence = bool(verb and verb.group("verb") in speech.SPEECH_FORMS) or according
    if m.kind == "organisation" and according:
        m.org_cue = True  # "according to The Guardian"
    # "Lorenz's group", "Apple's phones": the owner of the thing named after, not the thing.
    possessive = text[max(0, m.end - 2) : m.end] in ("'s", "’s")
    if possessive and m.kind in ("person", "single") and not m.title and CORPORATE_AFTER_RE.match(after):
        m.kind, m.weak, m.org_cue = "organisation", False, True  # "Pelloni's parent company"
        return
    if (
        (m.kind in ("single", "outlet") or (m.kind == "person" and m.weak))
        and not m.title
        and not m.evidence
        and actor_kinds.company_cue(text, m.start, m.end, possessive)
        # "Administration officials", "Charlotte employees": a common word or a town has its people too.
        and m.surface.casefold() not in page.lower
        and not (speech.nation_of(m.surface) or _demonym(m.surface) or bundled_names.is_place(m.surface))
    ):
        m.kind, m.weak, m.org_cue = "organisation", False, True  # "Facebook CEO ...", "the acquisition of ..."
        inside = strip_possessive(text[m.start : m.end])
        if " " in m.surface and ("'" in inside or "’" in inside):
            m.surface = inside  # "the group America's Voice": the name keeps its possessive
        return
    if m.kind in ("person", "single", "outlet") and not m.title and not m.evidence and not possessive:
        appos = ORG_APPOSITION_RE.match(after)
        if appos and PEOPLE_GROUP_RE.search(appos.group()):
            m.kind = "none"  # "Velok, an ethnic minority", "Oromos, a minority group": a people, no actor
        elif appos and appos.group(1) in actor_words.ORG_NOUNS_AFTER:
            m.kind, m.weak, m.org_cue = "organisation", False, True  # "Oranmore Devices, a maker of sensors"
        elif actor_kinds.org_noun_after(after) and not (
            speech.nation_of(m.surface)
            or _demonym(m.surface)
            or bundled_names.is_place(m.surface)
            or (m.surface.casefold() in page.lower and sentence_initial(text, m.start))
        ):
            # ("the Sudanese government" is the government of a country, named by its adjective; "the Tampa
            # host committee" a town's; "Small group of donors ..." opens a line with a common word)
            m.kind, m.weak, m.org_cue = "organisation", False, True
        elif actor_kinds.work_noun_after(after):
            m.kind = "work"
    elif (
        m.kind == "organisation"
        and not possessive
        and " " in m.surface
        and (appos := PERSON_APPOSITION_RE.match(after))
        and appos.group(1) in actor_words.PERSON_NOUNS_AFTER
    ):
        # "Malic White, an actress", "(Jon Harwick), a farmer": what the text says the name is makes a person
        # of a name that ends like a body's.
        m.kind, m.weak, m.evidence = "person", False, True
    elif m.kind == "organisation" and not m.weak and not possessive and " " in m.surface:
        if actor_kinds.technique_noun_after(after):
            m.kind = "work"  # "the Morris Trust structure", "Dolby Atmos support" ("a Fox News show" stays)
    elif m.kind == "organisation" and m.weak:
        verb = SPEECH_AFTER_RE.match(after)
        if (
            after[:2] in ("'s", "’s")
            or (verb and verb.group("verb") in speech.SPEECH_FORMS)
            or actor_kinds.org_noun_after(after)
            or text[max(0, m.start - 13) : m.start].casefold() == "according to "
            # "such organisations as the RSPCA", "the VKF chief executive"; not "NGP VAN" cut short
            or (not NAME_GOES_ON_RE.match(after) and actor_kinds.company_cue(text, m.start, m.end, possessive))
        ):
            m.weak = False


# The name goes on past the mention: a capital after a space, or more letters or digits ("GÃ1⁄4len" misread).
NAME_GOES_ON_RE = re.compile(r"\w| [A-Z]")
# "sold at Christie's in 2006", "bookstores such as Brentano's, and": a possessive that owns nothing after
# it, where something is sold or bought, names the house or the shop.
SHOP_BEFORE_RE = re.compile(r"\b(?:at|such as|like|from|bought|sold|auctioned)\s+$")
NOTHING_OWNED_RE = re.compile(r"[,.;:)]|\s+(?:in|on|and|or|for|to|with|last|this|since|until)\b")
# "Velloq Andora Network (VAN)": a name followed by its own abbreviation in brackets.
# A name written as a word, then the words it stands for in brackets: "Arcep (l’Autorité de régulation ...)".
SPELT_OUT_AFTER_RE = re.compile(r"\s*\((?:(?:l['’]|la |le |el |the |die |der )\s*)?([A-ZÀ-Þ][^()\n]{5,150})\)")
KNOWN_AS_BEFORE_RE = re.compile(r"\b(?:known as|called|dubbed|named)\s+(?:the\s+)?$")
OWN_ABBREVIATION_RE = re.compile(r"\s*\(([A-Z]{2,6})\)")


def _name_of_a_business(text, m, after, lower=frozenset()):
    """A name the text calls by a shop's possessive or spells out as its own abbreviation is a body's.
    Returns the span of the words a name written as a word stands for, when they follow it in brackets."""
    if text[m.end - 2 : m.end] in ("'s", "’s") and len(m.words) == 1:
        if (
            SHOP_BEFORE_RE.search(text, max(0, m.start - 15), m.start)
            and NOTHING_OWNED_RE.match(after)
            # a shop's name is always written with its "'s"; a person's is also written bare ("at Obama's")
            and re.search(rf"\b{re.escape(m.surface)}\b(?!['’]s)", text) is None
        ):
            m.surface = text[m.start : m.end]
            m.kind, m.weak, m.evidence, m.org_cue = "organisation", False, False, True
        return
    spelt = SPELT_OUT_AFTER_RE.match(after) if len(m.words) == 1 else None
    if spelt and len(m.surface) >= 3 and fold_word(m.surface) == fold_word(_initials(spelt.group(1), lower_too=True)):
        # "l’Arcep (l’Autorité de régulation des communications électroniques et des postes)"
        m.kind, m.weak, m.evidence, m.org_cue = "organisation", False, False, True
        return (m.end + spelt.start(1), m.end + spelt.end(1))
    abbreviation = OWN_ABBREVIATION_RE.match(after)
    if (
        abbreviation
        and len(m.words) >= 2
        # "Named Binary Tag (NBT)": a format or a thing is named with the text's own common words
        and sum(w.casefold() in lower for w in m.words) * 2 < len(m.words)
        and not KNOWN_AS_BEFORE_RE.search(text, max(0, m.start - 20), m.start)
        and abbreviation.group(1) in (_initials(m.surface), _initials(m.surface.replace("-", " ")))
    ):
        # ("Quentin Ivo Keller (QIK)" would be a person: an abbreviation for a person is rare in news)
        m.kind, m.weak, m.evidence, m.org_cue = "organisation", False, False, True


ORG_LIST_TAIL_RE = re.compile(r"(?:, [A-Z][a-z]+)+,? and [A-Z][a-z]+\b(?! [A-Z])")


# "as Breitbart reported": a name of one word that reports is an outlet's.
# "Reuters reported", not "Wolf reported from Washington" (a reporter's credit line).
REPORTED_AFTER_RE = re.compile(r"\s+(?:has\s+|had\s+|first\s+|also\s+)?(?:reported|reports)\b(?!\s+from\b)")


def _reports(text, cluster):
    return all(len(m.words) == 1 and not m.title for m in cluster.mentions) and any(
        m.start >= 0 and REPORTED_AFTER_RE.match(text, m.end) for m in cluster.mentions
    )


LOCATIVE_BEFORE_RE = re.compile(r"\b(?:in|at|near|downtown|outside)\s$")


WHICH_AFTER_RE = re.compile(r",\s+which\s+(?!(?:was|is|would|will|could|might|may)\b)")
BODY_PEOPLE_AFTER_RE = re.compile(
    r"\s+(?:executives|engineers|employees|officials|spokesman|spokeswoman|spokesperson)\b"
)


def _a_body_by_its_people(text, cluster):
    """ "Con Edison officials said ... Con Edison, which maintains 4,300 miles of gas mains": a name with no
    title and nothing said of a person, which has a body's people and is taken up by "which", is a body's
    (a rare given name first is no sign of a person then)."""
    mentions = [m for m in cluster.mentions if m.start > 0]
    if any(m.title or m.evidence for m in cluster.mentions) or len(mentions) < 2:
        return False
    return any(
        BODY_PEOPLE_AFTER_RE.match(text, m.end) and not sentence_initial(text, m.start) for m in mentions
    ) and any(WHICH_AFTER_RE.match(text, m.end) for m in mentions)


def _located_in(text, cluster):
    """ "a hostage drama in downtown Sydney": a town's name where something happens is a place."""
    return any(
        m.start > 0
        and text[m.end : m.end + 2] not in ("'s", "’s")
        and LOCATIVE_BEFORE_RE.search(text, m.start - 12, m.start)
        for m in cluster.mentions
    )


# "to the Oval Office", "entering Trump Tower", "at the Mirelle Arena": where someone goes or is.
PLACE_BEFORE_RE = re.compile(
    r"(?:^|[^\w-])(?P<before>[\w’'-]+\s+)?(?P<prep>in|at|inside|outside|into|to|near|entering|visiting|leaving)"
    r"\s+(?:the\s+)?(?:[\w’'-]+\s+)?$",
    re.IGNORECASE,
)


def _a_building(text, cluster):
    """ "the Oval Office", "Trump Tower", "the Old Post Office": a body's name ending in a building's word
    that the text only ever goes to or is in, that never speaks or acts, is a building, not an actor ("a fellow
    at the Harlow Office of Budget" has someone working there)."""
    words = cluster.name.split()
    if len(words) < 2 or words[-1].casefold() not in actor_words.BUILDING_ENDINGS:
        return False
    if any(w.casefold() in ("of", "for") for w in words) or any(m.evidence or m.org_cue for m in cluster.mentions):
        return False
    placed = False
    for m in cluster.mentions:
        if m.start < 0:
            continue
        if text[m.end : m.end + 2] in ("'s", "’s"):
            return False  # "the Office's staff"
        if text.startswith(" building", m.end):
            placed = True  # "bought the Old Post Office building"
            continue
        before = PLACE_BEFORE_RE.search(text, max(0, m.start - 60), m.start)
        if before is None:
            continue
        word = (before.group("before") or "").strip().casefold()
        if before.group("prep").casefold() == "to" and word not in GOING_TO:
            continue  # "a letter to the ...", "said to the ...": no place
        if word in speech.ROLE_HEADS or word in speech.SOURCE_PEOPLE or is_person_noun_word(word):
            return False  # "a researcher at the ...": a body people work for
        placed = True
    return placed


GOING_TO = frozenset(
    ["went", "go", "goes", "going", "gone", "came", "come", "comes", "returned", "return", "returning", "summoned",
     "invited", "inviting", "moved", "move", "headed", "walked", "flew", "back", "way", "trip", "visit", "road"]
)  # fmt: skip
WORKS_AT = frozenset(
    ["fellow", "fellows", "scholar", "scholars", "staff", "official", "officials", "employee", "employees", "aide",
     "aides", "intern", "interns", "works", "worked", "working", "serves", "served", "chief", "head", "expert"]
)  # fmt: skip


def is_person_noun_word(word):
    """Someone who works somewhere ("a researcher at", "a fellow at", "works at")."""
    word = word.removesuffix("s") if word.endswith(("ers", "ors", "ists", "ians")) else word
    return word in WORKS_AT or (word.endswith(("er", "or", "ist", "ian")) and len(word) > 4)


def _demonym(word):
    """ "Sudanese", "Syrian", "Kenyan": the adjective of a country the lexicon knows by name only."""
    low = word.casefold()
    stems = []
    if low.endswith("ese"):
        stems = [low[:-3], low[:-3] + "on"]
    elif low.endswith("ian"):
        stems = [low[:-3] + "ia", low[:-3] + "y", low[:-1]]
    elif low.endswith("an"):
        stems = [low[:-1], low[:-2]]
    return " " not in low and any(stem in speech.COUNTRIES or bundled_names.is_region(stem) for stem in stems)


def _fold_name_heads(people):
    """ "Te Kaurinui" and "Te Kaurinui Robert" with "Te Kaurinui Robert Parata" in the same article: the
    first words of a longer name are that person, cut short ("Donald Trump Jr." is someone else)."""

    def called_by(c, word):
        return any(len(m.words) == 1 and fold_word(m.words[0]) == word for m in c.mentions)

    # The longer name must be one the text then shortens to its last word ("Parata"), as it does names.
    longer = [
        (words, c)
        for c in people
        for words in {tuple(fold_name(n).split()) for n in c.full_names if n.count(" ") >= 2}
        if len(words) >= 3 and called_by(c, words[-1])
    ]
    if not longer:
        return people
    heads = {words[0] for words, _ in longer}
    kept = []
    for c in people:
        if fold_word(c.name.split()[0]) not in heads:
            kept.append(c)
            continue
        names = [fold_name(n).split() for n in c.full_names]
        target = None
        # A name the text shortens to its own last word ("Glenn Beck" ... "Beck") is whole.
        if names and all(len(n) >= 2 and not called_by(c, n[-1]) for n in names):
            target = next(
                (
                    other
                    for words, other in longer
                    if other is not c
                    and words[-1].rstrip(".") not in ("jr", "sr", "ii", "iii", "iv")
                    and all(len(n) < len(words) and list(words[: len(n)]) == n for n in names)
                ),
                None,
            )
        if target is None:
            kept.append(c)
            continue
        for m in c.mentions:
            m.cluster = target
        target.mentions.extend(c.mentions)
    return kept


def _read_tables(text, raw):
    """What the tables of the body say their rows' names are (see actor_tables): a person's name shape
    in a table of people is a person's, given name known or not ("Ilkka Vourinen | 212 | 3.1%"); each
    row of a table of companies names one, however it is spelt ("Velloq S.L.", "QUANTA")."""
    found = actor_tables.tables(text)
    bodies = set()
    if not found:
        return raw, bodies
    for table in found:
        cells = [(s, e) for s, e in table.cells if actor_tables.cell_is_name(text[s:e])]
        if len(cells) < 2:
            continue
        in_cell = {(s, e): [m for m in raw if m.start >= 0 and s <= m.start and m.end <= e + 1] for s, e in cells}
        if table.of_bodies:
            for (s, e), inside in in_cell.items():
                if any(m.kind == "person" and m.title for m in inside):
                    continue
                surface = text[s:e]
                raw = [m for m in raw if not any(m is x for x in inside)]
                raw.append(Mention(s, e, surface, "organisation", org_cue=True))
                bodies.add(_org_key(surface))
            continue
        whole = [next((m for m in inside if m.start == s and m.end == e), None) for (s, e), inside in in_cell.items()]
        people = [m for m in whole if m is not None and m.kind == "person"]
        known = [m for m in people if not m.weak or m.evidence or m.title]
        if table.of_people or (len(cells) >= 3 and len(known) * 2 > len(cells)):
            for m in people:
                if not bundled_names.is_place(m.surface):
                    m.weak, m.evidence = False, True
    raw.sort(key=lambda m: m.start)
    return raw, bodies


def _outside_credits(run, page):
    part = []
    for t in run:
        if page.is_credit(t.start, t.end):
            if part:
                yield part
            part = []
        else:
            part.append(t)
    if part:
        yield part


# "the planet Aether", "the town of Horgos", "planets Tallon IV and Aether": what the text calls the place.
PLACE_NOUN_BEFORE_RE = re.compile(
    r"\b(?:planet|planets|moon|island|islands|town|towns|village|city|cities|region|province|county|valley)"
    r"(?: of)? (?:[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*,? (?:and|or) )?$"
)
PLACE_NOUNS = (
    "planet",
    "moon",
    "island",
    "town",
    "village",
    "city",
    "cities",
    "region",
    "province",
    "county",
    "valley",
)
# "Breitbart News Daily host Alex Marlow": a show, named by what it is and the one who hosts it.
SHOW_ENDINGS = frozenset(["daily", "tonight", "live", "show", "hour", "factor", "weekly", "podcast", "radio"])
SHOW_HOST_RE = re.compile(r"[’']?\s+(?:[A-Z][\w]*\s+)?(?:co-)?(?:host|hosts|anchor)\b")


# "Intermediate School 285", "Flight 370", "Proposition 64": a name the number after it ends.
NUMBERED_HEADS = frozenset(
    ["school", "flight", "route", "highway", "interstate", "local", "precinct", "district", "ward", "pier",
     "terminal", "gate", "unit", "battalion", "regiment", "brigade", "squadron", "division", "platoon",
     "proposition", "amendment", "article", "section", "chapter", "resolution", "measure", "apollo", "area"]
)  # fmt: skip
NUMBER_AFTER_RE = re.compile(r" (?:No\. ?)?\d+[A-Z]{0,3}\b(?![.,]?\d| ?%| percent)")


def _cut_before_number(text, m):
    return (
        m.kind in ("organisation", "person", "single")
        and m.surface.rsplit(" ", 1)[-1].casefold() in NUMBERED_HEADS
        and NUMBER_AFTER_RE.match(text, m.end) is not None
    )


# Asked for every cluster of a page, about the same text: the page is read for the nouns once.
@lru_cache(maxsize=4)
def _has_place_noun(text):
    return any(w in text for w in PLACE_NOUNS)


def _said_to_be_a_place_or_show(text, cluster):
    """A name the text calls a planet, a town or an island is a place ("the planet Aether"); one that ends
    as a show's name and has a host ("Breitbart News Daily host ...") is a show. Neither is an actor."""
    body = [m for m in cluster.mentions if m.start >= 0]
    if any(m.title for m in body):
        return False
    if cluster.name.rsplit(" ", 1)[-1].casefold() in SHOW_ENDINGS and any(
        SHOW_HOST_RE.match(text, m.end) for m in body
    ):
        return True
    if not _has_place_noun(text):
        return False
    if any(PLACE_NOUN_BEFORE_RE.search(text, max(0, m.start - 60), m.start) for m in body):
        return True
    if " " not in cluster.name:
        # Where else the page writes the name: its other mentions may have been read as no one's.
        at = text.find(cluster.name)
        while at > 0:
            if not text[at + len(cluster.name) : at + len(cluster.name) + 1].isalnum() and PLACE_NOUN_BEFORE_RE.search(
                text, max(0, at - 60), at
            ):
                return True
            at = text.find(cluster.name, at + 1)
    return False


def _said_to_be_a_work(text, cluster):
    # Read at the mentions by the cluster's name only: "Sacha Braguine" is no work for a film "Braguino".
    name = cluster.name
    if _said_to_be_a_place_or_show(text, cluster):
        return True
    body = [m for m in cluster.mentions if m.start >= 0 and m.surface == name]
    if not any(actor_kinds.work_predicate(text, m.end, text[m.start - 1 : m.start] in ("", "\n")) for m in body):
        return False
    for m in body:
        verb = SPEECH_AFTER_RE.match(text[m.end : m.end + 60])
        if (verb and verb.group("verb") in speech.SPEECH_FORMS) or SPEECH_BEFORE_RE.search(
            text[max(0, m.start - 60) : m.start]
        ):
            return False
    return True


def _as_credited(m, page):
    """The agency in a dateline ("WASHINGTON (Reuters) -") is the organisation that filed the story."""
    if page.is_dateline_agency(m.start, m.end) and m.kind in ("single", "person", "outlet", "organisation"):
        m.kind, m.weak, m.title, m.evidence = "organisation", False, "", False
    return m


LEGAL_FORMS = frozenset(
    ["srl", "spa", "sarl", "sas", "sl", "ltda", "gmbh", "llc", "inc", "ltd", "plc", "bv", "nv", "ag", "sa", "co",
     "corp"]
)  # fmt: skip
CORPORATE_SUFFIXES = ("co", "corp", "inc", "ltd", "llc", "plc", "ag", "gmbh", "sa", "nv", "co.", "corp.", "inc.")


def _org_key(surface):
    """The name of a company without its legal form: "Wells Fargo & Co" and "Wells Fargo" are one."""
    words = surface.casefold().replace(",", "").split()
    while len(words) > 1 and (words[-1] in CORPORATE_SUFFIXES or words[-1] == "&"):
        words = words[:-1]
    return " ".join(words)


def _lower_title(before):
    """The title in the words before a name: "Dutch prime minister", "local councillor", "envoy"."""
    words = before.split(" ")
    if not words or words[-1] != "" or len(words) < 2:
        return None
    words = words[:-1]
    last = words[-1].casefold()
    if last.partition("-")[0] in ("ex", "former"):
        last = last.partition("-")[2]  # "ex-presidente"
    if last in actor_words.FOREIGN_ROLE_HEADS and words[-1].islower():
        return words[-1]  # "o técnico Tite": the title is the one word (the words before are no English)
    if not words[-1] or last not in speech.ROLE_HEADS:
        return None
    title = []
    for w in reversed(words):
        low = strip_possessive(w).casefold()
        if not w or not (
            low in speech.TITLE_WORDS or low in speech.ROLE_HEADS or speech.nation_of(w) or w[0].isupper()
        ):
            break
        if w[0].isupper() and not (
            low in speech.TITLE_WORDS or low in speech.ORG_WORDS or speech.nation_of(w) or w.isupper()
        ):
            break
        title.insert(0, w)
        if len(title) == 4:
            break
    return " ".join(title) or None


def _dateline(text, m):
    """ "SPLIT – Monitors said …": a place in capitals opening a story is a dateline."""
    if not m.surface.isupper() or m.start < 0:
        return False
    before = text[max(0, m.start - 2) : m.start]
    return (m.start == 0 or before.endswith("\n")) and bool(
        re.match(r"\s*(?:[–—-]|\([^()\n]{1,40}\)\s*[–—-]|,)", text[m.end :])
    )


def _headline_lines(text):
    """(start, end) of the body's lines written as headlines: Title Case, several long words."""
    spans = []
    start = 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        if not stripped or stripped[-1] in ":;,?!”\"'’" or len(stripped) >= 300 or ". " in stripped:
            pass  # (a paragraph of sentences is no headline)
        elif stripped[-1] == "." and (
            "," in stripped or any(w not in HEADLINE_LOWER_WORDS for w in LOWER_WORD_RE.findall(stripped))
        ):
            pass  # a sentence, or a list of names ("Faycal Bettiche, Nouha Saoudi and Joumana Bettiche.")
        elif _title_case(stripped, 4, 0.8):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


LOWER_WORD_RE = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*")
# The only words a headline writes in lower case.
HEADLINE_LOWER_WORDS = frozenset(
    ["a", "an", "the", "to", "in", "of", "for", "and", "or", "on", "at", "with", "by", "from", "as", "vs", "but", "nor"]
)


def _in_lines(spans, m):
    return m.start >= 0 and any(s <= m.start and m.end <= e for s, e in spans)


def _title_case(title, at_least=1, share=0.6):
    """Whether most long words of a line are capitalised (words in capitals, "GOP", "TWO MORE", say nothing)."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", title) if len(w) > 3 and not w.isupper()]
    return len(words) >= at_least and sum(w[0].isupper() for w in words) / len(words) > share


def _nearest(clusters, m):
    """Of several people with the same surname, the one last named before `m`."""
    if len(clusters) == 1:
        return clusters[0]  # (read each time a surname is met: a long page's lead has hundreds of mentions)

    def last_before(c):
        before = [x.start for x in c.mentions if x.start <= m.start and len(x.words) > 1]
        return max(before) if before else -1

    return max(clusters, key=last_before)


def _same_full_name(cluster, m):
    words = m.words
    for name in cluster.full_names:
        other = name.split()
        if fold_word(other[-1]) != fold_word(words[-1]):
            continue
        a, b = fold_word(other[0]), fold_word(words[0])
        if _middle_initials(other) and _middle_initials(words) and _middle_initials(other) != _middle_initials(words):
            continue  # "George W. Bush" and "George H.W. Bush": a father and a son, not one man
        if a == b or (len(other) != len(words) and (a.startswith(b) or b.startswith(a))):
            return True
        # "Forrest Jones" after "Michael Forrest Jones": the shorter is the tail of the longer.
        short, long = sorted((words, other), key=len)
        if len(short) > 1 and [fold_word(w) for w in long[-len(short) :]] == [fold_word(w) for w in short]:
            return True
    return False


def _middle_initials(words):
    """The initials of the names between the first and the last: "H.W." and "Herbert Walker" -> "hw"."""
    letters = []
    for w in words[1:-1]:
        if re.fullmatch(r"(?:[A-Za-z]\.)+", w):
            letters.extend(w.replace(".", "").casefold())
        elif w[:1].isupper():
            letters.append(fold_word(w)[:1])
    return "".join(letters)


def _role_phrase(phrase):
    """A role in apposition: "the British prime minister", "Ukraine's top diplomat"."""
    words = phrase.split()
    if len(words) > 8 or any(w.strip(".,").casefold() in speech.SPEECH_FORMS for w in words):
        return False
    if words and words[0].casefold() in (
        "his", "her", "their", "its", "my", "our", "your", "and", "or", "but",
        "in", "at", "on", "for", "with", "from", "by", "to", "while", "when", "as",
    ):  # fmt: skip
        return False  # "Lorenz, his secretary, his programmer": someone else, in a list
    for i, w in enumerate(words):
        bare = strip_possessive(w.strip(".,"))
        if i == 0 and bare in ("The", "A", "An"):
            continue
        if bare[:1].isupper() and not (
            bare.casefold() in speech.TITLE_WORDS
            or speech.nation_of(bare)
            or bare.isupper()
            or bare.casefold() in speech.ORG_WORDS
        ):
            return False
    return any(re.sub(r"[^\w-]", "", w.casefold()) in speech.ROLE_HEADS for w in words)


def _nation_in(phrase):
    for w in phrase.split():
        nation = speech.nation_of(w.strip(",."))
        if nation:
            return nation
    return None


def find_actors(text, author=None, title=None):
    return ActorIndex(text, author=author, title=title)
