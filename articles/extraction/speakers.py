"""Who a statement's source is: a named actor, a pronoun for one, or a description of someone unnamed.

A source is the phrase the text gives for whoever speaks ("Estonian Defence
Minister Arvo Kask", "she", "a senior NATO official", "sources familiar with
the talks"). It is resolved to the article's actors through names, surnames and
possessives (`actors.ActorIndex`), pronouns (the person the text is about),
nominals ("the Secretary General" for the one actor with that role) and
organisations ("the Kremlin said"). A description that names nobody stays
unnamed: the statement keeps it as written and is never given to the nearest
name. "He" or "she" after an unnamed source stands for that source, not for the
last named person.
"""

import bisect
import re
from dataclasses import dataclass

from . import speech
from .quote_marks import MASK

LOOKBACK = 240
# Words between a subject and its verb ("has also repeatedly said", "on Tuesday warned").
GLUE_WORDS = {
    "also", "further", "later", "then", "again", "previously", "earlier", "recently", "repeatedly", "publicly",
    "reportedly", "has", "have", "had", "will", "would", "did", "does", "do", "not", "just", "already", "openly",
    "directly", "subsequently", "firmly", "clearly", "strongly", "explicitly", "separately", "too", "yesterday",
    "today", "tonight", "now", "however", "meanwhile", "immediately", "quickly", "herself", "himself",
    "themselves", "itself", "could", "can", "may", "might", "must", "should", "shall", "long", "never", "since",
    "still", "only", "first", "last", "often", "always", "once", "even", "both", "all", "each", "initially",
    "originally", "privately", "flatly", "is", "was", "are", "were", "been", "being", "isn't", "wasn't", "aren't",
    "weren't", "doesn't", "didn't", "don't", "hasn't", "haven't", "hadn't", "won't", "wouldn't",
}  # fmt: skip
TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "month", "year",
    "weekend", "morning", "afternoon", "evening", "night", "spring", "summer", "fall", "autumn", "winter",
}  # fmt: skip
TIME_LEADS = {"on", "early", "late", "last", "this", "next", "that"}
GLUE_PHRASE = re.compile(
    r"\b(?:on\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}|in\s+an?\s+(?:statement|"
    r"interview|post))$",
    re.IGNORECASE,
)
SUBJECT_WINDOW = 120


def strip_glue(text):
    """`text` less the adverbs, auxiliaries and times between a subject and its verb ("has also
    repeatedly", "on Tuesday", "in a statement"), read word by word from its end."""
    end = _skip_space_back(text, len(text))
    cut = end
    while cut > 0:
        start = _word_start(text, cut)
        word = text[start:cut]
        low = word.casefold().replace("’", "'")
        if low in GLUE_WORDS or (word.islower() and low.endswith("ly") and len(low) > 4):
            cut = _skip_space_back(text, start)
            continue
        if low in TIME_WORDS:
            cut = _skip_space_back(text, start)
            lead = _word_start(text, cut)
            if cut and text[lead:cut].casefold() in TIME_LEADS:
                cut = _skip_space_back(text, lead)
            continue
        phrase = GLUE_PHRASE.search(text, max(0, start - 24), cut)
        if phrase and phrase.end() == cut:
            cut = _skip_space_back(text, phrase.start())  # "on Sept. 12", "in a statement"
            continue
        break
    return text[:cut]


def _skip_space_back(text, pos):
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _word_start(text, end):
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start


PRONOUN_TAIL = re.compile(r"\b(he|she|they|it|He|She|They|It)$")
BARE_PLURAL = re.compile(r"\s*(?:But\s+|And\s+)?([A-Z][a-z]+s)\b(?!['’])")
PRONOUN = re.compile(r"\b(he|she|they|He|She|They)\b")
NOMINAL_TAIL = re.compile(
    r"\b(?P<det>the|The|a|A|an|An|his|His|her|Her|its|Its|their|Their)\s+(?P<words>(?:[\w.’'-]+\s+){0,4}?[\w’'-]+)$"
)
THE_NOMINAL = re.compile(
    r"\b(?P<det>[Tt]he|[Ss]everal|[Ss]ome|[Mm]any|[Tt]wo|[Tt]hree|[Oo]ther|[Mm]ost|[Bb]oth|[Aa]n?)\s+"
    r"(?P<words>(?:[\w.’'-]+\s+){0,3}?[\w’'-]+)\b"
)
FUNCTION_WORDS = {
    "that", "which", "who", "in", "on", "at", "with", "to", "for", "from", "and", "but", "or", "of", "after",
    "before", "during", "as", "was", "is", "were", "are", "would", "will", "had", "has", "have", "by", "it",
    "he", "she", "they", "we", "there", "this", "these", "those", "when", "while", "if", "not", "no",
}  # fmt: skip
RELATIVE = re.compile(r",\s+(?:who|which|whose|whom)\b")
APPOSITIVE_TAIL = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?[^,;:“”\"•]{2,100},$")
TITLE_ABBREVIATION = re.compile(
    r"\b(?:Rev|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Maj|Adm|Dr|Prof|Msgr|Fr|Del|Atty|Supt|Insp)\."
)
PARENTHESIS_TAIL = re.compile(r"\s*\([^()]{1,40}\)\s*$")
RELATIVE_TAIL = re.compile(
    r"(?:,\s*)?\b(?:who|which|that|(?:many|some|most|all|one|none|several|each)\s+of\s+whom)\s*$"
)
PREPOSITION_TAIL = re.compile(
    r"\b(?:with|by|of|to|for|from|between|under|against|about|at|on|in|including|than|like|toward|towards|among|"
    r"via|after|before|during|whom|into|over|whether|if|that|inside|outside|within|behind|beyond|near|across|"
    r"around|throughout|upon|beside|alongside|beneath|amid|despite|without|through)\s*$",
    re.IGNORECASE,
)
# Prepositions of place that open a sentence ("Inside the hall, …"), beside PREPOSITIONS.
PLACE_PREPOSITIONS = {
    "inside", "outside", "within", "behind", "beyond", "near", "across", "around", "throughout", "upon", "beside",
    "alongside", "beneath",
}  # fmt: skip
CLAUSE_BREAK = ',—–:;()”"»•'
LAST_BREAK = re.compile(r"[,—–:;()”\"»•](?=[^,—–:;()”\"»•]*$)")
ROLE_SPLIT = re.compile(r"[\s,-]+")
NP_WORD = re.compile(r"[\w’'.&-]+$")
# Words that end a description read backwards from its verb: a clause or a phrase starts there.
NP_STOPS = {
    "and", "but", "or", "nor", "that", "which", "who", "whom", "whose", "because", "as", "while", "when",
    "whenever", "after", "before", "if", "although", "though", "since", "so", "where", "then", "than", "until",
    "unless", "whether", "once", "yet", "is", "was", "were", "are", "be", "been", "being", "has", "have", "had",
    "will", "would", "can", "could", "should", "may", "might", "must", "shall", "do", "does", "did", "not",
    "never", "he", "she", "it", "they", "we", "i", "you", "him", "them", "us", "me", "there", "here", "what",
    "how", "why", "said", "says", "say", "told", "to", "also", "even", "just", "only", "still",
}  # fmt: skip
DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "some", "many", "several", "most", "few", "other", "another", "one", "two", "three", "four", "five", "both",
    "all", "no", "each", "every", "any", "more", "various", "numerous", "top", "senior", "former",
}  # fmt: skip
PREPOSITION_BEFORE_NAME = re.compile(
    r"\b(?:for|of|to|at|from|with)\s+(?:the\s+)?(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?\s+)?$"
)
DESCRIPTION_OF = re.compile(
    r"\b(?:(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Oo]ne|[Tt]wo|[Ss]everal|[Ss]ome)\s+)?(?:[\w’'-]+\s+){0,3}?"
    r"(?P<head>[a-z][\w’'-]*)\s+(?:for|of|to|at|from|with|close\s+to|familiar\s+with)\s+(?:the\s+)?(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?\s+)?$"
)
# The same at the start of a sentence, its head in capitals: "Attorneys for Dalton", "Aides to Kask".
OPENING_DESCRIPTION_OF = re.compile(
    r"(?:^|(?<=[.!?”\"]\s)|(?<=\n))(?P<head>[A-Z][a-z’'-]+s)\s+(?:for|of|to|at|from|with|close\s+to)\s+(?:the\s+)?"
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?\s+)?$"
)
# A share of a group: "Half of the delegates", "Most of the senators".
QUANTITY_HEADS = {"half", "most", "many", "some", "all", "none", "few", "several", "majority", "minority", "dozens"}
# Nouns for a group of people that go without an article or a plural ending.
COLLECTIVE_PEOPLE = {"police", "staff", "personnel", "clergy", "leadership", "management", "security"}
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
# Nouns for people by what they do, beyond the listed ones: "designer", "retiree", "violinist".
AGENT_NOUN = re.compile(r"[a-z-]{3,}(?:er|or|ist|ian|ee)s?")
NOT_AGENTS = {
    "after", "agree", "ancestor", "behavior", "behaviour", "better", "bigger", "border", "cancer", "center",
    "chapter", "character", "coffee", "color", "colour", "computer", "corner", "counter", "cover", "decree", "degree",
    "dinner", "disaster", "door", "earlier", "either", "error", "factor", "favor", "favour", "fee", "fever", "filter",
    "finger", "floor", "flower", "further", "greater", "guarantee", "higher", "honor", "honour", "however", "humor",
    "hunger", "inner", "jubilee", "labor", "labour", "ladder", "larger", "later", "lawsuit", "layer", "ledger",
    "letter", "liver", "lower", "major", "manner", "matter", "meter", "minor", "mirror", "monster", "motor", "never",
    "newer", "number", "offer", "older", "order", "other", "outer", "over", "paper", "power", "prayer", "printer",
    "proper", "quarter", "rather", "register", "river", "rumor", "rumour", "sector", "shelter", "silver", "smaller",
    "soccer", "summer", "theater", "theatre", "thriller", "together", "tower", "trailer", "tree", "under", "upper",
    "water", "weather", "whether", "winter", "wonder",
}  # fmt: skip
NAME_AFTER = re.compile(
    r"\s*((?:(?:[A-Z][\w.’'-]*|\d+(?:st|nd|rd|th))\s+(?:(?:of|de|von|van|al|bin)\s+)?){0,5}[A-Z][\w’'-]*)"
)
WEEKDAYS_MONTHS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
}  # fmt: skip
# Whom an unnamed source belongs to, after its description: "for the Carrow Tribune", "to both Daltons".
DESCRIPTION_OWNER = re.compile(
    r"\s+(?:for|to|of|at|with)\s+(?:(?:the|both)\s+)?(?:[A-Z][\w’'&-]*\.?\s+){0,4}[A-Z](?:[\w&-]|[’'](?=[A-Z]))*"
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?![\w’'])(?!\s+[A-Z])"
)
# What follows an adjective such as "familiar" in a description, up to the clause's end: "with the talks".
POSTMODIFIER_PHRASE = re.compile(r"\s+(?:with|to|about|on|in)\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+(?=\s*(?:[,.;:)—–]|$))")
TIME_TAIL = re.compile(r"(?:\s+(?:on|last|this|early|late)\s+\w+day|\s+(?:yesterday|today|tonight))+$")
INDEFINITE_DETERMINERS = {"a", "an", "one", "two", "three", "several", "some", "many", "another"}
# A clause under the main verb, its subject a pronoun next: "condemned what he called", "argued that she".
SUBORDINATOR_TAIL = re.compile(
    r"\b(?:what|that|as|when|because|where|after|before|while|since|although|though|how|why)\s+$", re.IGNORECASE
)
GOVERNMENT_OF = {"government", "administration", "cabinet", "office"}
# Adjectives between a description's head and its phrase: "sources familiar with the talks".
POSTMODIFIERS = {
    "familiar", "close", "knowledgeable", "briefed", "involved", "speaking", "loyal", "opposed", "allied",
    "aligned", "connected", "affiliated", "linked", "responsible", "working", "based", "present",
}  # fmt: skip
PREPOSITIONS = {
    "in", "at", "on", "during", "after", "before", "for", "from", "with", "by", "of", "to", "over", "under",
    "about", "into", "through", "since", "until", "against", "among", "amid", "like", "despite", "without",
}  # fmt: skip


class Named:
    """A speaker the text names whom the actor finder did not take for an actor ("Mr. King",
    "North Korea", "Politico"): the statement keeps the name as written."""

    def __init__(self, name, kind="person"):
        self.name = name
        self.kind = kind
        self.role = ""
        self.nation = None


class Unnamed:
    """Someone the text refers to without a name ("a diplomat", "officials", "the union"): a
    speaker the statement cannot name, whom a later "he", "she" or "they" may stand for."""

    def __init__(self, description, kind="person"):
        self.description = description
        self.kind = kind
        self.role = ""
        self.nation = None


@dataclass
class Source:
    """Who a statement comes from: the phrase in the body and what it resolves to."""

    start: int
    end: int
    speaker: object = None  # an actors.Cluster, an Unnamed, or None (a pronoun for no one known)

    @property
    def unnamed(self):
        return isinstance(self.speaker, Unnamed)


class Speakers:
    """Resolves source phrases against the article's actors, keeping who the text is about."""

    def __init__(self, body, masked, index):
        self.body = body
        self.masked = masked
        self.index = index
        self.starts = [m.start for m in index.mentions]
        # The people and organisations the text has been about, latest last; a headline names who
        # the article is about before its body does.
        self.history = [m.cluster for m in index.mentions if m.start < 0 and m.cluster is not None]
        self.gender = {}  # id(speaker) -> "m" or "f", learnt from the pronouns used for them
        self.last_org = None

    # -- mentions -------------------------------------------------------------------------

    def mentions_from(self, start, end=None):
        """The article's mentions starting in [start, end), in order."""
        i = bisect.bisect_left(self.starts, start)
        while i < len(self.starts) and (end is None or self.starts[i] < end):
            yield self.index.mentions[i]
            i += 1

    def mention_ending_at(self, pos):
        for m in self.mentions_from(max(0, pos - 120), pos):
            near = m.start >= 0 and pos - 1 <= m.end <= pos and m.cluster is not None
            if near and self.body[m.end : pos].strip() in ("", "’s", "'s"):
                return m
        return None

    # -- sources --------------------------------------------------------------------------

    def source_before(self, s0, pos, strict=False, loose=False):
        """The source whose phrase ends just before `pos` (a verb), or None.

        With `strict`, only names, pronouns and descriptions headed by a word for a person or an
        organisation count: verbs such as "suggested" or "showed" have data as subjects too.
        """
        near = max(s0, pos - LOOKBACK)
        left = self.masked[near:pos]
        left = strip_glue(left)
        paren = PARENTHESIS_TAIL.search(left)
        if paren and paren.start() > 0:
            left = left[: paren.start()]  # "Rep. Gwen Moore (D-Wis.) said"
        end = near + len(left)
        m = self.mention_ending_at(end)
        if m is not None and not left.endswith(("’s", "'s")):
            lead = None
            if PREPOSITION_BEFORE_NAME.search(self.masked, max(0, m.start - 24), m.start):
                lead = DESCRIPTION_OF.search(self.masked, max(0, m.start - 80), m.start)
            if lead is None:
                # "Attorneys for Dalton said": a description opening the sentence, in capitals.
                lead = OPENING_DESCRIPTION_OF.search(self.masked, max(s0, m.start - 80), m.start)
            if lead is None or _description_kind(lead.group("head")) is None:
                return Source(m.start, m.end, m.cluster)
            # "a spokesman for Ilze Ozola said": the spokesman speaks, not Ozola.
            start = lead.start()
            return Source(start, m.end, Unnamed(self.body[start : m.end], _description_kind(lead.group("head"))))
        if left.endswith(","):
            if loose:
                found = self.description_before(near, left[:-1], strict, loose)
                if found is not None:
                    return found
            return self._before_apposition(s0, near, left, strict)
        rel = RELATIVE_TAIL.search(left)
        if rel and rel.start() > 0:
            # "…, many of whom say", "officials who spoke": the source is what the clause is about.
            who = "who" in rel.group() or "whom" in rel.group()
            found = self.source_before(s0, near + rel.start(), strict, loose=who)
            if found is not None and not who and _is_person_or_place(found.speaker):
                # "…, which make it clear": "which" stands for a thing or a body, never a person
                # or a place; what it stands for here (an event) does not speak.
                return None
            return found
        if re.search(r"\b(?:and|but)$", left):
            return self.main_subject(s0, end)
        pro = PRONOUN_TAIL.search(left)
        if pro:
            bound = self._bound_pronoun(s0, near, left, pro)
            if bound is not None:
                return bound
            return Source(near + pro.start(), near + pro.end(), self.resolve_pronoun(pro.group(1)))
        return self.description_before(near, left, strict, loose)

    def _bound_pronoun(self, s0, near, left, pro):
        """ "Ban Ki-moon condemned what he called …": he or she in a clause under the sentence's main verb is
        the sentence's subject, a person named before it, not the last speaker."""
        word = pro.group(1).casefold()
        if word not in ("he", "she") or not SUBORDINATOR_TAIL.search(left, 0, pro.start()):
            return None
        start = near + pro.start()
        subject = self.main_subject(s0, start)
        if subject is None or isinstance(subject.speaker, Unnamed) or subject.speaker is None:
            return None
        if subject.speaker.kind != "person" or subject.end > start:
            return None
        if self.gender.get(id(subject.speaker)) not in (None, "f" if word == "she" else "m"):
            return None
        return Source(start, near + pro.end(), subject.speaker)

    def _before_apposition(self, s0, near, left, strict):
        """ "Anneli Roos, the Finnish prime minister, said", "Kask, who …, said"."""
        app = APPOSITIVE_TAIL.search(left)
        if app is None:
            return self.main_subject(s0, near + len(left))
        inner = app.group()
        relative = RELATIVE.match(inner)
        named = [x for x in self.mentions_from(near + app.start(), near + app.end()) if x.cluster is not None]
        if (
            named
            and named[0].cluster.kind == "person"
            and not inner[1 : named[0].start - near - app.start()].strip(" ,")
        ):
            # "Its head, Oksana Levchenko, said": the name in apposition is the source.
            return Source(named[0].start, named[0].end, named[0].cluster)
        m = self.mention_ending_at(near + app.start())
        if m is not None:
            # "Kask, 61, said", "Kask, R-Ky., said", "Kask, a writer for the Beacon, said".
            return Source(m.start, m.end, m.cluster)
        if not (relative or _role_like(inner) or re.fullmatch(r",\s*(?:\d{1,3}|[RDI]-[A-Z][\w.]*),", inner)):
            # "…, Kask inspected the barracks, noting that …": a participle takes the sentence's subject.
            named = self.description_before(near, left[: app.start()], strict)
            if named is not None and not isinstance(named.speaker, Unnamed):
                return named
            return self.main_subject(s0, near + len(left))
        pro = PRONOUN_TAIL.search(left[: app.start()])
        if pro and relative:
            return Source(near + pro.start(), near + pro.end(), self.resolve_pronoun(pro.group(1)))
        found = self.description_before(near, left[: app.start()], strict)
        if found is not None:
            return found
        return self.main_subject(s0, near + app.start())

    def description_before(self, near, left, strict=False, loose=False):
        """A noun phrase ending where `left` ends ("the Ukrainian minister", "officials at the
        ministry", "a senior NATO official"): the actor it stands for, or an unnamed source."""
        words = []
        conjoined = 0
        pos = len(left)
        for m in reversed(list(re.finditer(r"\S+", left[-160:]))):
            word = m.group()
            start = len(left) - len(left[-160:]) + m.start()
            if left[start + len(word) : pos].strip():
                break
            bare = word.strip('“”"')
            if bare.casefold() == "and" and words and not conjoined:
                conjoined = len(words)  # "Experts on North Korea and nuclear policy"; trimmed below if no head
                words.insert(0, (start, bare))
                pos = start
                continue
            if not NP_WORD.match(bare) or bare.casefold() in NP_STOPS or bare != word or _verb_form(bare):
                break
            if bare.endswith(",") or (bare.endswith(".") and not _abbreviation(bare)):
                break
            words.insert(0, (start, bare))
            pos = start
            if len(words) > 9:
                return None
        if conjoined:
            at = len(words) - conjoined - 1  # index of "and"
            before_and = [w.casefold() for _, w in words[:at]]
            if at == 0 or not any(w in PREPOSITIONS for w in before_and) or words[0][1].casefold() in PREPOSITIONS:
                words = words[at + 1 :]  # "and" joins clauses, not parts of one description
        if not words:
            return None
        # A phrase led by a preposition ("In the statement the ministry said") keeps its last noun phrase.
        while words and words[0][1].casefold() in PREPOSITIONS:
            dets = [i for i, (_, w) in enumerate(words) if i > 0 and w.casefold() in DETERMINERS]
            if not dets:
                return None
            words = words[dets[-1] :]
        # "sources familiar with the talks", "a spokesman for the ministry": the head comes before
        # the first preposition, and a name after it is not the source.
        for k in range(1, len(words)):
            if words[k][1].casefold() in PREPOSITIONS:
                head_at = k
                while head_at > 1 and words[head_at - 1][1].casefold() in POSTMODIFIERS:
                    head_at -= 1
                if head_at == 1 and words[0][1].casefold() in QUANTITY_HEADS and words[1][1].casefold() == "of":
                    # "Half of Vermont Democrats said": a share of the group speaks, not a person named Half.
                    start = near + words[0][0]
                    end = near + words[-1][0] + len(words[-1][1])
                    return Source(start, end, Unnamed(self.body[start:end], "person"))
                head_end = near + words[head_at - 1][0] + len(words[head_at - 1][1])
                m = self.mention_ending_at(head_end)
                if m is not None and m.start >= near + words[0][0]:
                    # "Lawmaker Thomas Egli of the Swiss People's Party"
                    return Source(m.start, m.end, m.cluster)
                named = _named(words[:head_at], self.body, near) if words[head_at - 1][1][:1].isupper() else None
                if named is not None:
                    # "Mr. Morgan of the Sierra Club"
                    return named
                if _description_kind(words[head_at - 1][1].casefold()) is not None:
                    start = near + words[0][0]
                    end = near + words[-1][0] + len(words[-1][1])
                    kind = _description_kind(words[head_at - 1][1].casefold())
                    if strict and kind == "document":
                        return None
                    phrase = self.body[start:end]
                    return Source(start, end, Unnamed(phrase, "organisation" if kind == "document" else kind))
                break
        first, last = words[0][1], words[-1][1]
        head = last.casefold().replace("’", "'").removesuffix("'s")
        if len(words) == 1 and head in ("some", "many", "others", "several", "both", "most", "few"):
            start = near + words[0][0]
            return Source(start, start + len(last), Unnamed(self.body[start : start + len(last)]))
        if head in FUNCTION_WORDS or head in DETERMINERS or head.endswith("ly") or not re.search(r"[^\W\d_]", head):
            return None
        if last.endswith(("'s", "’s")):
            return None
        start = near + words[0][0]
        end = near + words[-1][0] + len(last)
        phrase = self.body[start:end]
        # A name inside the phrase may be its head ("Clinton campaign manager Robby Mook").
        mentions = [m for m in self.mentions_from(start, end) if m.cluster is not None]
        if mentions and mentions[-1].end >= end - 1:
            return Source(mentions[-1].start, mentions[-1].end, mentions[-1].cluster)
        if head in GOVERNMENT_OF and len(words) == 2 and mentions and mentions[0].cluster.kind == "person":
            # "Barta's government argues": the head of government speaks through it.
            m = mentions[0]
            if self.body[m.start : m.end].endswith(("'s", "’s")) or self.body[m.end : m.end + 2] in ("'s", "’s"):
                return Source(start, end, mentions[0].cluster)
        orgs = [m for m in mentions if m.cluster.kind == "organisation"]
        if orgs and (head in speech.OUTLET_WORDS or head in speech.ORG_WORDS):
            # "Italy's ANSA news agency", "the Kremlin press service": the organisation speaks.
            return Source(start, end, orgs[-1].cluster)
        det = first.casefold()
        lead = (
            det in DETERMINERS
            or first[:1].isupper()
            or det.endswith(("'s", "’s"))
            or head.endswith("s")
            or head in COLLECTIVE_PEOPLE  # "…, police said."
        )
        if not lead:
            return None
        noun_words = [w for _, w in words]
        if det in ("the", "this", "that", "his", "her", "its", "their"):
            found, speaker = self.resolve_nominal(first, " ".join(noun_words[1:]) or first, start)
            if found and speaker is not None and not isinstance(speaker, Unnamed):
                return Source(start, end, speaker)
        elif det in ("a", "an"):
            found, speaker = self.resolve_nominal(first, " ".join(noun_words[1:]), start)
            if found and speaker is not None and not isinstance(speaker, Unnamed):
                return Source(start, end, speaker)
        named = _named(words, self.body, near)
        if named is not None:
            return named
        kind = _description_kind(head)
        if kind is None and loose and det in DETERMINERS:
            kind = "person"  # "the real estate developer said", "a young child, who said"
        if kind is None or (strict and kind == "document"):
            return None
        return Source(start, end, Unnamed(phrase, "organisation" if kind == "document" else kind))

    def source_after(self, pos, limit):
        """The source named right after a verb ("…,” said Rutte", "…, said a spokesperson")."""
        right = self.masked[pos:limit]
        lead = len(right) - len(right.lstrip())
        start = pos + lead
        mentions = self.mentions_from(start)
        for m in mentions:
            if m.cluster is not None:
                if m.cluster.kind != "person":
                    # "said MSNBC host Chris Matthews": the person after the organisation's title.
                    nxt = next((x for x in mentions if x.cluster is not None and x.start >= m.end), None)
                    if nxt is not None and nxt.cluster.kind == "person":
                        gap = self.body[m.end : nxt.start].split()
                        if len(gap) <= 4 and all(_title_word(w) or w.casefold() in speech.SOURCE_PEOPLE for w in gap):
                            m = nxt
                between = self.body[start : m.start]
                # "said the Rev. Tom Vale": the stop of an abbreviated title is no clause break.
                if len(between) <= 60 and not re.search(r"[,.;:“”\"]", TITLE_ABBREVIATION.sub("", between)):
                    words = between.split()
                    # "said local councillor Per Olsen": a title, maybe in lower case, before the name.
                    if len(words) <= 5 and all(
                        _title_word(w) or (w.casefold() not in FUNCTION_WORDS and w.casefold() not in ("a", "an"))
                        for w in words
                    ):
                        return Source(m.start, m.end, m.cluster)
                break
        pro = re.match(r"\s*(he|she|they)\b", right)
        if pro:
            return Source(pos + pro.start(1), pos + pro.end(1), self.resolve_pronoun(pro.group(1)))
        name = NAME_AFTER.match(right)
        if name:
            words = [(m.start(), m.group()) for m in re.finditer(r"\S+", name.group(1))]
            found = _named(words, self.body, pos + name.start(1))
            if found is not None:
                return found
        nom = re.match(
            r"\s*(?P<det>the|a|an|one|two|three|several|some|many|other|another|[a-z]+s?'s?)?\s*"
            r"(?P<words>(?:[\w.’'-]+\s+){0,6}?[\w’'-]+)(?=\s*(?:[,.;:)—–]|$|\s+(?:in|on|at|who|during|after|of|for|"
            r"with|to|about)\b))",
            right,
        )
        if nom and nom.group("det"):
            words = nom.group("words")
            parts = words.split()
            det = nom.group("det")
            # Try the longest phrase that names someone: "the Turkish foreign minister" (an indefinite one,
            # "one diplomat", "a senior official", is someone new, never a person named before).
            indefinite = det.casefold() in INDEFINITE_DETERMINERS
            for k in range(len(parts), 0, -1) if not indefinite else ():
                found, speaker = self.resolve_nominal(det, " ".join(parts[:k]), pos)
                if found and speaker is not None and not isinstance(speaker, Unnamed):
                    return Source(pos + nom.start(), pos + nom.start("words") + len(" ".join(parts[:k])), speaker)
            head = parts[-1].casefold()
            kind = _description_kind(head)
            owner_phrase = None
            if kind is None and len(parts) >= 2 and head in POSTMODIFIERS:
                # "…,” said one Democrat familiar with the discussion, who …": the head before the adjective,
                # and the phrase after it up to the clause's end.
                head = parts[-2].casefold()
                kind = _description_kind(head)
                owner_phrase = POSTMODIFIER_PHRASE.match(self.masked, pos + nom.end("words"), limit)
            if kind is not None and head not in FUNCTION_WORDS:
                start, end = pos + nom.start("det"), pos + nom.end("words")
                if owner_phrase:
                    # "… familiar with the talks on Tuesday": the day is the saying's, not the source's.
                    end = owner_phrase.start() + len(TIME_TAIL.sub("", owner_phrase.group()))
                # "said a spokeswoman for Brennick Holdings", "a longtime adviser to both Daltons": whom the
                # description belongs to is part of it.
                owner = DESCRIPTION_OWNER.match(self.masked, end, limit)
                if owner:
                    end = owner.end()
                return Source(start, end, Unnamed(self.body[start:end], kind))
        return None

    def after_preposition(self, start, end):
        """The source of "according to …": a name, or a description up to the end of the phrase."""
        mentions = [x for x in self.mentions_from(start, end) if x.cluster is not None]
        if mentions:
            people = [x for x in mentions if x.cluster.kind == "person"]
            head = (people or mentions)[0]
            before = self.body[start : head.start]
            if not re.search(r"\b(?:of|for|at|with|from)\s", before):
                return Source(head.start, head.end, head.cluster)
        phrase = self.body[start:end].strip()
        if not phrase:
            return None
        lead0 = len(self.body[start:end]) - len(self.body[start:end].lstrip())
        words = phrase.split()
        det = words[0]
        if det.casefold() in ("the", "a", "an", "his", "her", "its", "their"):
            for k in range(len(words), 1, -1):
                found, speaker = self.resolve_nominal(det, " ".join(words[1:k]), start)
                if found and speaker is not None and not isinstance(speaker, Unnamed):
                    return Source(start, start + len(" ".join(words[:k])), speaker)
        if mentions:
            m = mentions[0]
            return Source(m.start, m.end, m.cluster)
        named = _named([(m.start(), m.group()) for m in re.finditer(r"\S+", phrase)], self.body, start + lead0)
        if named is not None:
            return named
        pro = re.fullmatch(r"(him|her|them)", phrase)
        if pro:
            word = {"him": "he", "her": "she", "them": "they"}[phrase]
            return Source(start, end, self.resolve_pronoun(word))
        head = re.sub(r"[’'`]s$", "", words[-1].casefold().strip(".,"))
        kind = _description_kind(head) or ("organisation" if head in speech.ORG_WORDS else None)
        if kind is None and not (phrase[:1].isupper() or det.casefold() in DETERMINERS):
            return None
        lead = len(self.body[start:end]) - len(self.body[start:end].lstrip())
        return Source(start + lead, start + lead + len(phrase), Unnamed(phrase, kind or "person"))

    def main_subject(self, s0, limit):
        """The subject of the sentence: its first name, pronoun or nominal not after a preposition (a name
        inside a quote is the quote's words, never the subject: "“… Governor Mike Pence …,” Cruz said, adding")."""
        mentions = [m for m in self.mentions_from(s0, limit) if m.cluster is not None and self.masked[m.start] != MASK]
        sentence = self.masked[s0:limit]
        bare = BARE_PLURAL.match(sentence)
        if bare and _description_kind(bare.group(1)) not in ("person", "organisation"):
            bare = None  # "Activists staged a sit-in, demanding …" is kept
        for pos, kind, obj in _in_order(s0, sentence, mentions, bare):
            # A subject follows a clause break and at most a title: a short window decides it.
            floor = max(s0, pos - SUBJECT_WINDOW)
            before = self.masked[floor:pos]
            if before.endswith("(") and kind == "m":
                continue  # "OSLO (Nordic Monitor) –": the dateline's outlet
            if _preposition_before(before) or before.rstrip().endswith(("’s", "'s")):
                continue
            if floor > s0 and not LAST_BREAK.search(before):
                continue
            if not _subject_slot(before):
                continue
            if kind == "m":
                after = self.body[obj.end : obj.end + 2]
                if after in ("’s", "'s") or self.body[obj.start : obj.end].endswith(("’s", "'s")):
                    continue
                nxt = next((x for x in mentions if x.start > obj.start), None)
                if obj.cluster.kind != "person" and nxt is not None and nxt.cluster.kind == "person":
                    between = self.body[obj.end : nxt.start].split()
                    if all(_title_word(w) for w in between):
                        # "NATO Secretary General Mark Rutte": the person is the subject.
                        return Source(nxt.start, nxt.end, nxt.cluster)
                return Source(obj.start, obj.end, obj.cluster)
            if kind == "p":
                return Source(s0 + obj.start(1), s0 + obj.end(1), self.resolve_pronoun(obj.group(1)))
            if kind == "b":
                start, end = s0 + obj.start(1), s0 + obj.end(1)
                return Source(start, end, Unnamed(self.body[start:end], _description_kind(obj.group(1))))
            longer = re.match(r"(?:[\w.’'-]+\s+){0,3}[\w’'-]+", self.masked[s0 + obj.start("words") : limit])
            parts = []
            for word in (longer.group() if longer else obj.group("words")).split():
                low = word.casefold()
                if parts and (low in FUNCTION_WORDS or low in PREPOSITIONS or low.endswith(("ed", "ing"))):
                    break  # "a phrase used by diplomats" is not "diplomats"
                parts.append(word)
            for k in range(len(parts), 0, -1):
                found, cluster = self.resolve_nominal(obj.group("det"), " ".join(parts[:k]), pos)
                end = s0 + obj.start("words") + len(" ".join(parts[:k]))
                if found:
                    speaker = cluster if cluster is not None else Unnamed(self.body[pos:end])
                    return Source(pos, end, speaker)
                kind = _description_kind(parts[k - 1].strip(".,"))
                if kind == "document":
                    kind = "organisation"
                if kind in ("person", "organisation"):
                    # "several environmental groups granted …, saying …"; "A reporter for the Carrow Tribune
                    # spotted her and reported …" keeps whom the description belongs to.
                    owner = DESCRIPTION_OWNER.match(self.masked, end, limit)
                    if owner and k == len(parts):
                        end = owner.end()
                    return Source(pos, end, Unnamed(self.body[pos:end], kind))
        return None

    # -- pronouns and nominals ------------------------------------------------------------

    def resolve_pronoun(self, word):
        word = word.casefold()
        if word == "it":
            last = self.history[-1] if self.history else None
            return last if last is not None and last.kind != "person" else None
        if word == "they":
            last = self.history[-1] if self.history else None
            if last is not None and isinstance(last, Unnamed) and last.description.rstrip().endswith("s"):
                return last  # "officials said …; they added …"
            return self.last_org if last is None or last.kind != "person" else None
        gender = "f" if word == "she" else "m"
        recent = []
        for cluster in reversed(self.history):
            if cluster.kind == "person" and cluster not in recent:
                recent.append(cluster)
            if len(recent) == 4:
                break
        # The latest person the text was about, passing over one it has called the other pronoun.
        for cluster in recent:
            known = self.gender.get(id(cluster))
            if known is None or known == gender:
                self.gender[id(cluster)] = gender
                return cluster
        return None

    def learn_gender(self, speaker, start, s1):
        """ "Ozola said she …": the first he or she after a person's speech verb is theirs."""
        if speaker is None or speaker.kind != "person" or id(speaker) in self.gender:
            return
        m = re.search(r"\b(he|she|his|her|him)\b", self.masked[start:s1], re.IGNORECASE)
        if m:
            self.gender[id(speaker)] = "f" if m.group(1).casefold() in ("she", "her") else "m"

    def set_focus(self, speaker):
        if speaker.kind != "person":
            self.last_org = speaker
        self.history.append(speaker)

    def resolve_nominal(self, det, words, pos):
        """ "the Ukrainian minister" -> the Ukrainian minister of the article; (found, speaker)."""
        parts = [w.strip(".,").replace("’", "'") for w in words.split()]
        low = [p.casefold() for p in parts]
        if not low:
            return False, None
        head = low[-1]
        singular = head[:-1] if head.endswith("s") and head[:-1] in speech.ROLE_HEADS else None
        if singular:
            if det.casefold() in ("the", "both") and singular not in ("official", "source", "diplomat", "expert"):
                # "the leaders", "the two ministers": people the text has just named.
                wanted = speech.ROLE_SYNONYMS.get(singular, {singular})
                for cluster in reversed(self.history[-8:]):
                    if not isinstance(cluster, Unnamed) and wanted & set(getattr(cluster, "role_words", ())):
                        return True, cluster
            return head in ("officials", "sources", "diplomats") or singular in speech.ROLE_HEADS, None
        if det.casefold() in ("a", "an"):
            if head in speech.ROLE_HEADS or head in ("source", "spokesperson"):
                # "a Commission spokesperson" speaks for the Commission.
                if head in ("spokesperson", "spokesman", "spokeswoman"):
                    for p in parts[:-1]:
                        orgs = [c for c in self.index.clusters if c.kind == "organisation" and _names_org(p, c)]
                        if orgs:
                            return True, self._latest(orgs, pos)
                return True, None
            return False, None
        if head in speech.ORG_NOMINALS or head in speech.ORG_WORDS:
            orgs = [c for c in self.index.clusters if c.kind == "organisation" and head in c.name.casefold()]
            if orgs:
                return True, self._latest(orgs, pos)
            return head in speech.ORG_NOMINALS, None
        if head not in speech.ROLE_HEADS:
            return False, None
        wanted = speech.ROLE_SYNONYMS.get(" ".join(low[-2:]), speech.ROLE_SYNONYMS.get(head, {head}))
        best = []
        for c in self.index.people():
            role = c.role_words
            if not role or not (wanted & role or head in role):
                continue
            score = 1
            for p, lw in zip(parts[:-1], low[:-1], strict=True):
                nation = speech.nation_of(p)
                if nation:
                    if c.nation and c.nation != nation:
                        score = -1
                        break
                    score += 2 if c.nation == nation else 0
                elif lw in role:
                    score += 1
                elif (p[:1].isupper() or lw in speech.TITLE_WORDS) and lw not in speech.GRADING_WORDS:
                    # "the deputy prime minister" is not the prime minister.
                    score -= 2
            if score > 0:
                best.append((score, c))
        if not best:
            # "the Finnish minister" for "her Finnish counterpart Mikko Lehtinen": the only Finn with a role.
            nations = {speech.nation_of(p) for p in parts[:-1]} - {None}
            same = [c for c in self.index.people() if c.role and nations and c.nation in nations]
            return True, (same[0] if len(same) == 1 else None)
        top = max(s for s, _ in best)
        return True, self._latest([c for s, c in best if s == top], pos)

    def _latest(self, clusters, pos):
        def last(c):
            before = [m.start for m in c.mentions if m.start <= pos]
            return max(before) if before else -(10**9) + c.mentions[0].start

        return max(clusters, key=last)


def _in_order(s0, sentence, mentions, bare):
    """The subject candidates of a sentence in order of position: its mentions, pronouns, nominals
    and a bare plural at its start. Each kind is searched one match ahead, so a sentence is read
    only as far as its first subject."""
    heads = []
    if bare:
        heads.append([s0 + bare.start(1), 0, "b", bare, None])
    if mentions:
        heads.append([mentions[0].start, 1, "m", mentions[0], iter(mentions[1:])])
    for order, (kind, pattern) in enumerate((("p", PRONOUN), ("n", THE_NOMINAL)), start=2):
        found = pattern.search(sentence)
        if found:
            heads.append([s0 + found.start(), order, kind, found, pattern])
    while heads:
        head = min(heads, key=lambda h: (h[0], h[1]))
        yield head[0], head[2], head[3]
        source = head[4]
        if source is None:
            heads.remove(head)
        elif head[2] == "m":
            nxt = next(source, None)
            if nxt is None:
                heads.remove(head)
            else:
                head[0], head[3] = nxt.start, nxt
        else:
            found = source.search(sentence, head[3].end())
            if found is None:
                heads.remove(head)
            else:
                head[0], head[3] = s0 + found.start(), found


def _verb_form(word):
    """A participle or past form of a cue ("saying", "warned", "told"): never part of a description."""
    return word in speech.CUE_FORMS and (word.endswith(("ing", "ed")) or word in ("said", "told", "wrote"))


def _abbreviation(word):
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+|[A-Z][a-z]{0,3}\.", word))


def _named(words, body, near):
    """A Source for the capitalised name that ends a phrase ("Tulsa police Chief Chuck Jordan",
    "Mr. King", "North Korea"), titles left out; None when the phrase does not end in a name."""
    run = []
    for start, word in reversed(words):
        if not word[:1].isupper() and not (run and word.casefold() in ("of", "for", "and", "&", "de", "von", "van")):
            break
        run.insert(0, (start, word))
    while run and run[0][1].casefold() in ("of", "for", "and", "&"):
        run.pop(0)
    if not run:
        return None
    low = [w.casefold().replace("’", "'").strip(".") for _, w in run]
    if low[0] == "the":
        run, low = run[1:], low[1:]
    if not run or low[-1].removesuffix("'s") != low[-1]:
        return None
    orgs_at = [i for i, w in enumerate(low) if w in speech.ORG_WORDS]
    if orgs_at and orgs_at[-1] < len(low) - 1 and len(low) - orgs_at[-1] - 1 <= 3:
        # "the Washington Post Trump said": a name after an organisation's.
        cut = orgs_at[-1] + 1
        if all(w not in ("of", "for", "and", "&") for w in low[cut:]):
            run, low = run[cut:], low[cut:]
    country = " ".join(low) in speech.COUNTRIES or " ".join(low) in ("north korea", "south korea", "united states")
    is_org = country or any(w in speech.ORG_WORDS for w in low) or run[-1][1].isupper()
    if not is_org:
        # Titles before a person's name are not part of it: "South Korean President Park Geun-hye".
        while (
            len(run) > 1
            and (
                low[0] in speech.TITLE_WORDS
                or low[0] in speech.ROLE_HEADS
                or speech.is_demonym(low[0])
                or low[0] in ("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen")
            )
            and (low[1] not in ("of", "for"))
        ):
            if low[0] in ("mr", "mrs", "ms", "dr") and len(run) == 2:
                break  # "Mr. King" is how the text names him
            run, low = run[1:], low[1:]
    head = low[-1]
    honorific = low[0] in ("mr", "mrs", "ms", "dr", "miss")
    if any(re.search(r"[’'](?:ll|m|re|ve|d|t)$", w) for w in low) or (head in WEEKDAYS_MONTHS and len(run) == 1):
        return None  # "I'll", "Tuesday" ("Theresa May" is a name)
    if len(run) == 1 and not country:
        before = body[: near + run[0][0]].rstrip()
        initial = not before or before[-1] in '.!?\n:“"‘'
        if (
            _description_kind(head) is not None
            or speech.is_demonym(head.rstrip("s"))
            or head in speech.TITLE_WORDS
            or head in FUNCTION_WORDS
            or head in NP_STOPS
            or head in speech.PLACES
            or (initial and head in speech.NOT_NAME_WORDS)
            or head in PREPOSITIONS
            or head in PLACE_PREPOSITIONS
        ):
            return None  # "Outside the party headquarters, …": a preposition opening the sentence
    elif (head in speech.ROLE_HEADS or head in speech.TITLE_WORDS) and not honorific:
        return None
    start = near + run[0][0]
    end = near + run[-1][0] + len(run[-1][1])
    name = body[start:end]
    kind = "country" if country else ("organisation" if is_org else "person")
    return Source(start, end, Named(name, kind))


def is_person_noun(word):
    """Whether a lower-case word names a person by what they are or do ("anchor", "designer")."""
    return _description_kind(word) == "person"


def _description_kind(head):
    """Whether a noun stands for people, an organisation or a document that can speak, or None."""
    head = head.casefold().replace("’", "'")
    if head in speech.SOURCE_DOCUMENTS or (head.endswith("s") and head[:-1] in speech.SOURCE_DOCUMENTS):
        return "document"
    if head in speech.SOURCE_PEOPLE or head in speech.ROLE_HEADS:
        return "person"
    if head.endswith("s") and (head[:-1] in speech.SOURCE_PEOPLE or head[:-1] in speech.ROLE_HEADS):
        return "person"
    if head.endswith("ies") and head[:-3] + "y" in speech.SOURCE_PEOPLE:
        return "person"
    if head in speech.SOURCE_BODIES or head in speech.ORG_NOMINALS:
        return "organisation"
    if head.endswith("s") and (head[:-1] in speech.SOURCE_BODIES or head[:-1] in speech.ORG_NOMINALS):
        return "organisation"
    if AGENT_NOUN.fullmatch(head) and head.removesuffix("s") not in NOT_AGENTS and not speech.is_demonym(head):
        # A demonym is an adjective more often than a person ("Russian demands still seem …").
        return "person"  # "the designer", "a retiree", "one violinist": who does something
    return None


def _preposition_before(before):
    """PREPOSITION_TAIL.search(before), reading only the end of `before`: the preposition must
    end where the trailing spaces start, and none is longer than "including"."""
    end = len(before.rstrip())
    return PREPOSITION_TAIL.search(before, max(0, end - 10)) is not None


def _names_org(word, cluster):
    word = word.casefold()
    return word == cluster.name.casefold() or word == cluster.name.split()[-1].casefold()


def _subject_slot(before):
    """Whether a word after `before` can be the subject: at the start of the sentence or of
    a clause, after nothing but a title ("During the call, President …")."""
    brk = LAST_BREAK.search(before)
    tail = before[brk.end() if brk else 0 :].split()
    if all(_title_word(w) or w.casefold() in ("the", "former") for w in tail):
        return True
    # "Democratic presidential nominee Hillary Clinton": a title in lower case ending in a role.
    return (
        0 < len(tail) <= 6
        and (tail[-1].casefold() in speech.ROLE_HEADS or tail[-1].casefold() in speech.SOURCE_PEOPLE)
        and not any(w.casefold() in FUNCTION_WORDS or w.casefold() in NP_STOPS for w in tail)
    )


def _title_word(word):
    """A word of a title or a name of an office: "President", "U.S.", "Council", "envoy"."""
    word = word.strip(".")
    return (
        word[:1].isupper()
        or word.casefold() in speech.TITLE_WORDS
        or word.casefold() in speech.ROLE_HEADS
        or ORDINAL.fullmatch(word) is not None  # "Air Force 1st Lt. Kay Moss"
    )


def _role_like(phrase):
    words = ROLE_SPLIT.split(phrase.casefold())
    return any(w in speech.ROLE_HEADS for w in words) or any(speech.is_demonym(w) for w in words)


def _is_person_or_place(speaker):
    """Whether a speaker is one "which" cannot stand for: a person, or a name the actor finder
    did not take for a person or an organisation (a place, an event)."""
    if speaker is None or isinstance(speaker, Unnamed):
        return False
    return speaker.kind != "organisation"
