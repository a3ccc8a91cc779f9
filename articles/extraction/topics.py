"""Topic rules: words and phrases that tag an article or a statement.

A rule is one line an analyst writes in the admin, such as "sanction" or
"peace talks". Each word matches its common inflections (sanctions,
sanctioned; talk, talks, talking) and hyphen or space variants ("cease-fire",
"cease fire" for "ceasefire"). A trailing `*` matches any ending ("militar*").
Matching is case-insensitive and runs on clean text only.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

POSSESSIVE = r"(?:['’]s)?"
WORD_CHAR = re.compile(r"\w")
# Letters that match another letter case-blind besides their own upper and lower case (the long
# s, the dotless i, the Kelvin sign, Greek symbol forms, old Cyrillic letter forms), or whose lower
# case depends on context, with the letter they stand for. A text holding one of those standing
# for a letter a rule starts with is searched case-blind: the fast search compares lower-cased
# text with the rules' lower-case starts.
CASE_SPECIAL = {
    "\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k", "\u212b": "å", "\u1e9e": "ß", "\u00b5": "μ",
    "\u03a3": "σ", "\u03c2": "σ", "\u03d0": "β", "\u03f5": "ε", "\u03d1": "θ", "\u03f0": "κ", "\u03d6": "π",
    "\u03f1": "ρ", "\u03d5": "φ", "\u1e9b": "ṡ", "\ufb05": "ﬆ", "\u0345": "ι", "\u1fbe": "ι", "\u1c80": "в",
    "\u1c81": "д", "\u1c82": "о", "\u1c83": "с", "\u1c84": "т", "\u1c85": "т", "\u1c86": "ъ", "\u1c87": "ѣ",
    "\u1c88": "ꙋ", "\ua64a": "ꙋ", "\ua64b": "ꙋ",
}  # fmt: skip


def _inflections(word):
    """A pattern for `word` and its regular inflections: sanction(s|ed|ing), truce(s), ally/allies."""
    if re.search(r"[^su]s$", word) and len(word) > 3:
        word = word[:-1]  # a rule in the plural ("peace talks") also matches the singular
    w = re.escape(word)
    if word.endswith("e"):
        stem = re.escape(word[:-1])
        return rf"{stem}(?:e|es|ed|ing){POSSESSIVE}"
    if re.search(r"[^aeiou]y$", word):
        stem = re.escape(word[:-1])
        return rf"{stem}(?:y|ies|ied|ying){POSSESSIVE}"
    if re.search(r"(?:s|x|z|ch|sh|o)$", word):
        return rf"{w}(?:es|ed|ing)?{POSSESSIVE}"
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", word) and len(word) <= 5:
        # ban -> banned, banning; talk has no doubled form and needs none.
        return rf"{w}(?:s|{re.escape(word[-1])}?ed|{re.escape(word[-1])}?ing)?{POSSESSIVE}"
    return rf"{w}(?:s|ed|ing)?{POSSESSIVE}"


def _literal_start(word):
    """The letters every form of `word` in `_word_pattern` begins with."""
    if word.endswith("*"):
        return word[:-1]
    stem = word
    if re.search(r"[^su]s$", stem) and len(stem) > 3:
        stem = stem[:-1]
    if stem.endswith("e") or re.search(r"[^aeiou]y$", stem):
        stem = stem[:-1]
    # A long word also matches split in two after its third letter or later.
    return stem[:3] if len(word) >= 7 else stem


def _word_pattern(word):
    """One word of a rule. A trailing `*` matches any ending ("militar*"); a long word also
    matches when the text splits it with a space or a hyphen ("cease-fire", "cease fire")."""
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    forms = [_inflections(word)]
    if len(word) >= 7:
        for i in range(3, len(word) - 2):
            forms.append(re.escape(word[:i]) + r"[\s-]" + _inflections(word[i:]))
    return "(?:" + "|".join(forms) + ")"


def phrase_pattern(phrase):
    words = phrase.split()
    if not words:
        return None
    body = r"[\s-]+".join(_word_pattern(w.lower()) for w in words)
    return rf"(?<!\w){body}(?!\w)"


@dataclass(frozen=True)
class TopicRule:
    slug: str
    name: str
    phrases: tuple[str, ...] = field(default_factory=tuple)

    @cached_property
    def regex(self):
        parts = [p for p in (phrase_pattern(ph) for ph in self.phrases) if p]
        if not parts:
            return None
        return re.compile("|".join(parts), re.IGNORECASE)

    @cached_property
    def prefix(self):
        """A case-blind pattern for how each phrase must begin, or None when a phrase begins
        with no letters to look for. Searching a whole body with `regex` tries every alternative
        at every position; this one finds the few places worth trying it."""
        starts = []
        for phrase in self.phrases:
            words = phrase.split()
            if not words:
                continue
            start = _literal_start(words[0].lower())
            if not start:
                return None
            starts.append(re.escape(start))
        return re.compile(r"(?<!\w)(?:" + "|".join(starts) + ")", re.IGNORECASE) if starts else None

    @cached_property
    def by_start(self):
        """(lower-case start, pattern) of each phrase, in the order of the rules: at a place where
        the prefix matched, only the phrases that begin there are tried."""
        found = []
        for phrase in self.phrases:
            pattern = phrase_pattern(phrase)
            if pattern:
                found.append((_literal_start(phrase.split()[0].lower()), re.compile(pattern, re.IGNORECASE)))
        return tuple(found)

    @cached_property
    def case_special(self):
        """A pattern for the letters of CASE_SPECIAL that stand for a letter this rule starts with."""
        letters = {ch for start, _ in self.by_start for ch in start}
        special = sorted(ch for ch, letter in CASE_SPECIAL.items() if letter in letters)
        return re.compile("[" + re.escape("".join(special)) + "]") if special else None

    @cached_property
    def lower_prefix(self):
        """`prefix` for lower-cased text: a case-sensitive search runs several times faster
        than a case-blind one, and a page is searched once per rule."""
        if self.prefix is None:
            return None
        # The shortest starts only (one that begins with another adds nothing), grouped by their
        # first letter so that most places fail on one comparison.
        starts = []
        for start in sorted({start for start, _ in self.by_start}, key=len):
            if not any(start.startswith(shorter) for shorter in starts):
                starts.append(start)
        by_letter = {}
        for start in starts:
            by_letter.setdefault(start[0], []).append(re.escape(start[1:]))
        return re.compile(
            "(?:"
            + "|".join(
                re.escape(k) + "(?:" + "|".join(sorted(v, key=len, reverse=True)) + ")" for k, v in by_letter.items()
            )
            + ")"
        )

    def matches(self, text):
        return next(self.spans(text), None) is not None

    def spans(self, text):
        """(start, end) of each phrase of the rule in `text`, left to right."""
        regex = self.regex
        if regex is None:
            return
        prefix = self.prefix
        if prefix is None:
            for found in regex.finditer(text):
                yield found.span()
            return
        special = self.case_special
        low = text.lower()
        if len(low) != len(text) or (special is not None and special.search(text)):
            # "İ" lower-cases to two characters; other letters match the rule's case-blind only.
            low, search, phrases = text, prefix.search, None
        else:
            search, phrases = self.lower_prefix.search, self.by_start
        found = search(low)
        while found is not None:
            start = found.start()
            if start and WORD_CHAR.match(text, start - 1):
                found = search(low, start + 1)  # inside a word: the phrase must start one
                continue
            if phrases is None:
                match = regex.match(text, start)
            else:
                match = next(
                    (m for lit, p in phrases if low.startswith(lit, start) and (m := p.match(text, start))), None
                )
            if match:
                yield match.span()
                found = search(low, max(match.end(), start + 1))
            else:
                found = search(low, start + 1)


@lru_cache(maxsize=256)
def topic_rule(slug, name, phrases):
    """The TopicRule of these rules, made once per process: its patterns (TopicRule.regex, by_start, ...) are
    compiled on first use and kept, where a rule made afresh for every page stored compiled them each time."""
    return TopicRule(slug, name, tuple(phrases))


def parse_rules(text):
    """The phrases in a Topic's rules field: one per line, blank lines and # comments ignored."""
    phrases = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            phrases.append(line)
    return tuple(phrases)


# The rules analysts start with, in the languages of the pages Newsdesk reads: English, French,
# German, Ukrainian and Russian (Bulgarian shares "санкции" and "самит" with them). Words that
# inflect by their ending in those languages end in "*" (Waffenstillstand*, санкці*). The same
# lines are written to the database by the articles migrations, where analysts edit them.
DEFAULT_TOPICS = (
    (
        "ceasefire",
        "Ceasefire",
        """
        ceasefire
        truce
        armistice
        peace talks
        peace deal
        peace agreement
        peace negotiations
        end the war
        # French
        cessez-le-feu
        trêve*
        pourparlers de paix
        accord de paix
        négociations de paix
        # German
        Waffenstillstand*
        Waffenruhe*
        Feuerpause*
        Friedensgespräch*
        Friedensverhandlung*
        Friedensabkommen*
        # Ukrainian
        перемир*
        припинення вогню
        мирні переговори
        мирн* угод*
        # Russian and Bulgarian
        прекращени* огня
        мирн* переговор*
        мирн* соглашени*
        примирие
        прекратяване на огъня
        """,
    ),
    (
        "sanctions",
        "Sanctions",
        """
        sanction
        embargo
        asset freeze
        price cap
        export controls
        # French
        sanction*
        gel des avoirs
        plafonnement des prix
        # German
        Sanktion*
        Embargo*
        Preisobergrenze*
        Exportkontrolle*
        # Ukrainian, Russian and Bulgarian
        санкці*
        санкци*
        ембарго
        эмбарго
        """,
    ),
    (
        "summit",
        "Summit",
        """
        summit
        # French
        sommet*
        # German
        Gipfel*
        # Ukrainian, Russian and Bulgarian
        саміт*
        саммит*
        самит*
        срещ* на върха
        """,
    ),
)
DEFAULT_RULES = tuple(TopicRule(slug, name, parse_rules(rules)) for slug, name, rules in DEFAULT_TOPICS)


def topics_for(text, rules=DEFAULT_RULES):
    return [rule.slug for rule in rules if rule.matches(text)]


def article_topics(title, body, rules=DEFAULT_RULES, spans=None):
    """The slugs of the rules that tag an article: those that match its body or its title.

    Ingest (`analysis.analyse`) and re-tagging (`articles.tagging`) both read an
    article's topics here. `spans` is the body's `topic_spans` when the caller
    already has them (ingest reads each statement's topics from the same spans).
    """
    if spans is None:
        spans = topic_spans(body or "", rules)
    title = title or ""
    return [rule.slug for rule in rules if rule.slug in spans or rule.matches(title)]


def topic_spans(text, rules=DEFAULT_RULES):
    """{slug: [(start, end) of each match]} for the rules that match `text` at all."""
    found = {}
    for rule in rules:
        spans = list(rule.spans(text))
        if spans:
            found[rule.slug] = spans
    return found


def topics_within(spans, start, end):
    """The topics of the part text[start:end] of a text whose `topic_spans` are `spans`."""
    return [slug for slug, places in spans.items() if any(start <= a and b <= end for a, b in places)]
