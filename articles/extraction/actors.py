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

from . import speech
from .names_fold import display_spelling, fold_word, same_surname, strip_possessive

TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'’\-]*\w)?(?:['’]s)?|\d[\d.,]*\w*")
PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "du", "del", "la", "le", "bin", "ibn", "al", "ter", "dos"}
# Titles that are part of how the person is named ("Pope Leo", "King Charles").
NAMING_TITLES = {"pope", "king", "queen", "prince", "princess", "emir", "sheikh", "sultan", "patriarch", "cardinal"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "prof", "gen", "sen", "rep", "gov", "col", "lt"}
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
APPOSITION_RE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,.;:()“”\"]{3,80}?)\s*[,.;]")
REVERSE_APPOSITION = re.compile(r"(?:^|[.!?]\s+|\n)(?P<role>[^,.;:“”\"\n]{3,80}),\s+$")
SPEECH_AFTER_RE = re.compile(
    r"^\s*(?:also\s+|later\s+|then\s+|has\s+|had\s+|have\s+|further\s+|again\s+)*(?P<verb>[a-z]+)\b"
)


class Token:
    """One word of the text. Its derived forms are computed once: the analysis asks for them
    hundreds of thousands of times on a long page."""

    __slots__ = ("text", "start", "end", "bare", "low", "possessive", "capitalised", "acronym")

    def __init__(self, text, start, end):
        self.text = text
        self.start = start
        self.end = end
        bare = strip_possessive(text) if text[-1:] in "'’sS" else text
        self.bare = bare
        self.low = bare.casefold()
        self.possessive = bare != text
        self.capitalised = text[:1].isupper()
        letters = bare.replace(".", "")
        self.acronym = len(letters) >= 2 and letters.isupper() and letters.isalpha()

    def __repr__(self):
        return f"Token({self.text!r}, {self.start}, {self.end})"


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

    @property
    def words(self):
        return self.surface.split()


@dataclass(eq=False)
class Cluster:
    kind: str
    mentions: list = field(default_factory=list)
    role: str = ""
    nation: str | None = None
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


def is_lexicon_word(token):
    low = token.low
    if "-" in low and all(part in speech.TITLE_WORDS or part in speech.ROLE_HEADS for part in low.split("-")):
        return True
    return (
        low in speech.TITLE_WORDS
        or low in speech.ROLE_HEADS
        or low in speech.NOT_NAME_WORDS
        or low in speech.ORG_WORDS
        or low in speech.PLACES
        or low in speech.COUNTRIES
        or low in speech.DEMONYMS
    )


def is_name_word(token):
    """A word that can be part of a person's name: capitalised, not an acronym, not common vocabulary."""
    if not token.capitalised or token.acronym or is_lexicon_word(token):
        return False
    bare = token.bare
    if any(map(str.isdigit, bare)) or len(bare) < 2:
        return False
    if any(part.islower() for part in bare.split("-")[1:]):
        return False  # "London-based", "Kremlin-backed": adjectives, not names
    # Lower-case after the first letter, or a name like McCarthy, DeSantis, O'Neill.
    return bare[1:].replace("'", "").replace("’", "").replace("-", "") != bare[1:].upper() or len(bare) == 2


# Lower-case words that can sit inside a name run; any other lower-case word only ends a run.
RUN_WORDS = PARTICLES | {"of", "for", "the"}


class _OtherWord(Token):
    """Stands for every lower-case word that is not in RUN_WORDS: all that is read of such a
    word is that it is not capitalised and not one of those, so one shared token will do
    (most words of a text are such words)."""

    def __init__(self):
        super().__init__("-", 0, 0)
        self.low = ""


OTHER_WORD = _OtherWord()


def tokenize(text):
    tokens = []
    for m in TOKEN_RE.finditer(text):
        word = m.group()
        if not word[0].isupper() and strip_possessive(word).casefold() not in RUN_WORDS:
            tokens.append(OTHER_WORD)
        else:
            tokens.append(Token(word, m.start(), m.end()))
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
        elif tok.low in PARTICLES and run and gap_ok and i + 1 < len(tokens) and tokens[i + 1].capitalised:
            run.append(tok)
        elif tok.low in ("of", "for", "the") and run and gap_ok and _org_continues(run, tokens, i):
            # "International Committee of the Red Cross", "Ministry for Foreign Affairs".
            run.append(tok)
        else:
            if run:
                yield run
            run = []
    if run:
        yield run


def _org_continues(run, tokens, i):
    if not any(t.low in speech.ORG_WORDS for t in run) or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    if tokens[i].low == "the":
        return run[-1].low in ("of", "for") and nxt.capitalised
    return nxt.capitalised or (nxt.low == "the" and i + 2 < len(tokens) and tokens[i + 2].capitalised)


def _is_head(tok):
    low = tok.low.rstrip(".")
    return low in speech.ROLE_HEADS or low in HONORIFICS or any(p in speech.ROLE_HEADS for p in low.split("-")[1:])


def _lead_possessive(tok):
    """A possessive that can stand before a title: "Ukraine's Foreign Minister", "Italy's ANSA"."""
    return tok.low in speech.COUNTRIES or tok.acronym


def sentence_initial(text, pos):
    before = text[:pos].rstrip(" “\"‘'(")
    return not before or before[-1] in ".!?:\n" or before.endswith("—")


def classify_run(text, run):
    """Mentions in one capitalised run: a person with a title, an organisation, a country, a title alone."""
    # Leading common words ("During", "The") are not part of a name.
    while run and run[0].low in speech.NOT_NAME_WORDS and run[0].low not in speech.TITLE_WORDS:
        run = run[1:]
    if not run:
        return []
    # "The Gaze", "the Kremlin": a person's name does not take an article.
    with_article = text[max(0, run[0].start - 4) : run[0].start].casefold() == "the "
    while run and run[-1].low in PARTICLES:
        run = run[:-1]
    if not run:
        return []
    low_text = " ".join(t.low for t in run)
    if any(t.low in ("of", "for") for t in run) and any(t.low in speech.ORG_WORDS for t in run):
        return [_org(run)]
    if low_text in MULTI_WORD_COUNTRIES:
        return [Mention(run[0].start, run[-1].end, " ".join(t.bare for t in run), "country")]
    # Split at a common word in the middle ("Rutte During"): each part is its own run.
    for i, tok in enumerate(run[1:], 1):
        if tok.low in speech.NOT_NAME_WORDS and tok.low not in speech.TITLE_WORDS and tok.low not in PARTICLES:
            return classify_run(text, run[:i]) + classify_run(text, run[i + 1 :])
    # The name is the longest tail of name words.
    k = len(run)
    while k > 0 and (is_name_word(run[k - 1]) or (run[k - 1].low in PARTICLES and k < len(run))):
        k -= 1
    prefix, name = run[:k], run[k:]
    while name and name[0].low in PARTICLES:
        prefix, name = prefix + name[:1], name[1:]
    if any(t.possessive for t in name[:-1]):
        # "Trump's Putin" is two people; keep the last as the name.
        cut = max(i for i, t in enumerate(name[:-1]) if t.possessive) + 1
        prefix, name = prefix + name[:cut], name[cut:]
    heads = [t for t in prefix if _is_head(t)]
    orgs = [t for t in prefix if t.low in speech.ORG_WORDS and t.low not in speech.TITLE_WORDS]
    acronyms = [t for t in prefix if _org_acronym(t)]
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
            return [_org(run)]
        elif acronyms and prefix and prefix[-1].acronym:
            # "TRT Haber": an acronym opening a capitalised name is an outlet or a company.
            return [_org(run[run.index(acronyms[0]) :])]
        elif len(name) == 1 and (with_article or (prefix and nation)):
            # "European Pravda": a nationality and one word name an outlet more often than a person.
            mentions.append(Mention(run[0].start, end, " ".join(t.bare for t in run), "outlet", nation=nation))
        elif len(name) > 1 and not prefix and _outlet_before(text, run[0].start):
            return [_org(run)]
        else:
            kind = "person" if len(name) > 1 else "single"
            mentions.append(Mention(start, end, surface, kind, nation=nation))
        mentions[-1:] = [m for m in mentions[-1:] if not _is_place(name)]
        for t in prefix:
            if _org_acronym(t):
                mentions.insert(0, Mention(t.start, t.start + len(t.bare), t.bare, "organisation"))
        return mentions
    # No name: an organisation, a country, a title alone ("the Secretary General").
    if heads and _is_head(run[-1]):
        return [Mention(run[0].start, run[-1].end, " ".join(t.bare for t in run), "nominal", nation=nation)]
    if orgs:
        return [_org(run)]
    if heads:
        return [Mention(run[0].start, run[-1].end, " ".join(t.bare for t in run), "nominal", nation=nation)]
    for t in run:
        if _org_acronym(t):
            mentions.append(Mention(t.start, t.start + len(t.bare), t.bare, "organisation"))
        elif t.low in speech.COUNTRIES:
            mentions.append(Mention(t.start, t.start + len(t.bare), t.bare, "country"))
    return mentions


def _org_acronym(tok):
    return tok.acronym and tok.bare not in speech.NOT_ORG_ACRONYMS and not speech.nation_of(tok.bare)


def _outlet_before(text, pos):
    """ "the Red Cross", "the weekly Berner Rundschau": a name after an article or an outlet word."""
    before = text[max(0, pos - 30) : pos].casefold().split()
    return bool(before) and (before[-1] == "the" or before[-1] in speech.OUTLET_WORDS)


def _is_place(name):
    return " ".join(t.low for t in name) in speech.PLACES


def _title_start(prefix):
    """Where the title starts in a prefix: "Ukraine's Foreign Minister" keeps the country."""
    return 0


def _org(run):
    while run and (run[0].low in speech.COUNTRIES and run[0].possessive):
        run = run[1:]
    # An organisation name stops before a possessive: "NATO's command" is NATO.
    for i, t in enumerate(run):
        if t.possessive:
            run = run[: i + 1]
            break
    surface = " ".join(t.bare for t in run)
    return Mention(run[0].start, run[0].start + len(surface), surface, "organisation")


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
        raw = []
        for run in capitalised_runs(text, tokens):
            raw.extend(classify_run(text, run))
        for m in raw:
            m.start -= offset
            m.end -= offset
            m.in_title = m.start < 0
        if title and _title_case(title):
            # Every word of a Title Case Headline is capitalised: only titled names count there.
            raw = [m for m in raw if not m.in_title or (m.kind == "person" and m.title)]
        raw.sort(key=lambda m: m.start)
        text = self.text
        raw = [m for m in raw if not _dateline(text, m)]
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
                    m.evidence = not re.search(rf"\b{re.escape(m.surface.casefold())}\b", text)
        self._cluster(raw, author)

    def _cluster(self, raw, author):
        author_words = {fold_word(w) for w in (author or "").split()}
        people = []
        orgs = {}
        by_surname = {}  # folded surname -> people with a full name ending in it
        for m in raw:
            if m.kind == "person" and len(m.words) > 1:
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

        by_single = {}  # folded word -> a person known only by one word
        singles = [m for m in raw if m.kind in ("single", "person", "outlet") and len(m.words) == 1]
        for m in singles:
            word = m.words[0]
            matches = surname_matches(word)
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
                m.kind = "organisation"
                m.evidence = False
            if m.kind == "organisation":
                key = m.surface.casefold()
                cluster = orgs.get(key)
                if cluster is None:
                    cluster = orgs[key] = Cluster("organisation")
                self._attach(cluster, m)
        if author_words:
            people = [c for c in people if not {fold_word(w) for w in c.name.split()} <= author_words]
        # A name shape with nothing else for it ("Ninety Mile Beach", "Course Notes") goes when its
        # last word is also an ordinary lower-case word of the text.
        lower = set(re.findall(r"\b[a-z][a-z'’-]+\b", self.text))
        people = [
            c
            for c in people
            if any(m.evidence or m.title for m in c.mentions) or c.mentions[0].words[-1].casefold() not in lower
        ]
        self.clusters = people + list(orgs.values())
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

    def in_body(self):
        return [m for m in self.mentions if m.start >= 0]

    def at(self, start, end):
        """The mention covering text[start:end], if any."""
        for m in self.mentions:
            if m.start <= start and end <= m.end + 3:
                return m
        return None

    def mentions_between(self, start, end):
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def nominals_between(self, start, end):
        return [m for m in self.nominals if start <= m.start and m.end <= end]


def _lower_title(before):
    """The title in the words before a name: "Dutch prime minister", "local councillor", "envoy"."""
    words = before.split(" ")
    if not words or words[-1] != "" or len(words) < 2:
        return None
    words = words[:-1]
    if not words[-1] or words[-1].casefold() not in speech.ROLE_HEADS:
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


def _title_case(title):
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", title) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > 0.6


def _nearest(clusters, m):
    """Of several people with the same surname, the one last named before `m`."""

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
        if a == b or (len(other) != len(words) and (a.startswith(b) or b.startswith(a))):
            return True
    return False


def _role_phrase(phrase):
    """A role in apposition: "the British prime minister", "Ukraine's top diplomat"."""
    words = phrase.split()
    if len(words) > 8 or any(w.strip(".,").casefold() in speech.SPEECH_FORMS for w in words):
        return False
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
