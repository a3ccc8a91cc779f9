"""Topic rules: words and phrases that tag an article or a statement.

A rule is one line an analyst writes in the admin, such as "sanction" or
"peace talks". Each word matches its common inflections (sanctions,
sanctioned; talk, talks, talking) and hyphen or space variants ("cease-fire",
"cease fire" for "ceasefire"). A trailing `*` matches any ending ("militar*").
Matching is case-insensitive and runs on clean text only.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

POSSESSIVE = r"(?:['’]s)?"


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

    def matches(self, text):
        regex = self.regex
        if regex is None:
            return False
        prefix = self.prefix
        if prefix is None:
            return bool(regex.search(text))
        found = prefix.search(text)
        while found is not None:
            if regex.match(text, found.start()):
                return True
            found = prefix.search(text, found.start() + 1)
        return False


def parse_rules(text):
    """The phrases in a Topic's rules field: one per line, blank lines and # comments ignored."""
    phrases = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            phrases.append(line)
    return tuple(phrases)


DEFAULT_RULES = (
    TopicRule(
        "ceasefire",
        "Ceasefire",
        parse_rules(
            """
            ceasefire
            truce
            armistice
            peace talks
            peace deal
            peace agreement
            peace negotiations
            end the war
            """
        ),
    ),
    TopicRule(
        "sanctions",
        "Sanctions",
        parse_rules(
            """
            sanction
            embargo
            asset freeze
            price cap
            export controls
            """
        ),
    ),
    TopicRule(
        "summit",
        "Summit",
        parse_rules(
            """
            summit
            """
        ),
    ),
)


def topics_for(text, rules=DEFAULT_RULES):
    return [rule.slug for rule in rules if rule.matches(text)]
