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

SUFFIXES = r"(?:s|es|ed|d|ing|'s|’s)?"


def _word_pattern(word):
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    # Let a compound like "ceasefire" also match "cease-fire" and "cease fire".
    letters = [re.escape(ch) for ch in word]
    if len(word) > 6:
        return (
            r"[\s-]?".join(letters[:1])
            + "".join(
                letter if i < 3 or i > len(letters) - 3 else r"[\s-]?" + letter
                for i, letter in enumerate(letters[1:], 1)
            )
            + SUFFIXES
        )
    return "".join(letters) + SUFFIXES


def phrase_pattern(phrase):
    words = phrase.split()
    if not words:
        return None
    # An "e" ending stays optional so "sanction" and "sanctioning" both match.
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

    def matches(self, text):
        return bool(self.regex and self.regex.search(text))


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
