"""Direct quotes and reported speech in an article body: the words, who said them, and the cue.

The body is read sentence by sentence after its quotation marks are paired
(`quote_marks`), so words inside a quote are never the article's own
attribution. In each sentence the cues are found outside quotes ("said",
"warned", "according to", "told reporters", a dash after a quote), then each
cue's source (`speakers`) and its content:

- after the cue: "X warned that …", "X said: “…”", "X urged Congress to …";
- before it: "…, X said.", "“…,” said X", "…, according to X";
- around it: "The plan, X said, is dead." and "“A,” she said. “B.”", which
  annotators and analysts read as one statement.

A statement's text is always a slice of the body (`position`, `end`), so it
can be found and highlighted in the article; partly quoted reported speech is
one statement over its whole clause. A quote paragraph with no cue carries on
the last speaker when nothing else came between; a paragraph ending in a
colon introduces the quote below it. Sources that name nobody ("a senior
official", "officials") keep their description and are marked unnamed.
Short quoted phrases are scare quotes or titles, not statements.
"""

import bisect
import re
from dataclasses import dataclass

from . import speech
from .page import ExtractedStatement
from .quote_marks import WORD_RE, find_quotes, mask_quotes, split_sentences
from .speakers import NP_STOPS, PREPOSITIONS, Named, Source, Speakers, Unnamed, is_person_noun, strip_glue

# A "sentence" longer than this is a table, a list or code run together, not prose with quotes.
MAX_SENTENCE = 4000
SAME_SPEAKER_GAP = 300  # characters of narration between a statement and a quote that carries it on
FOCUS_WINDOW = 200
WORD_CHAR = re.compile(r"\w")
# Every place a paragraph break starts, overlapping ones too ("\n\n\n" holds two).
PARAGRAPH_BREAK_AT = re.compile(r"(?=\n\n)")
OPEN_MARKS = "“\"«„‘'"
CLOSE_MARKS = "”\"»“’'"
NOUN_DETERMINERS = re.compile(
    r"\b(?:a|an|the|this|that|these|those|its|his|her|their|our|my|your|every|each|member|to|was|were|been|being|is|are|be)\s+$",
    re.IGNORECASE,
)
PREPOSITION_TAIL = re.compile(
    r"\b(?:with|by|of|to|for|from|between|under|against|about|at|on|in|including|than|like|toward|towards|among|"
    r"via|after|before|during|whom|into|over|whether|if|that)\s*$",
    re.IGNORECASE,
)
# Case-sensitive: only phrases in lower case are read ("Made it clear" opens a sentence or a title).
PHRASE_RE = re.compile(r"\b(?:" + "|".join(speech.SPEECH_PHRASES) + r")\b")
ACCORDING_TO = re.compile(r"\b([Aa]ccording\s+to)\s+")
DASH_NAME = re.compile(r"(?:\b[A-Z]\.|[^\n.,;:“”\"]){2,60}")
DASH_CREDIT = re.compile(r"[\s,.]*[―—–-]{1,2}\s*(?=[A-Z])")
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
TIME = (
    rf"(?:(?:on|late|early|last|this)\s+)?(?:{WEEKDAY}|week|month|year|night|morning|afternoon|evening|weekend)"
    rf"(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|tonight|earlier|later|recently|previously|"
    rf"again|also|too|once|repeatedly|publicly|privately|separately|later\s+on|at\s+the\s+time|(?:on|in)\s+"
    rf"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{{1,2}})?"
)
SETTING = (
    r"(?:in|at|during|on|after|before|via|over|to)\s+(?:a|an|the|his|her|its|their|this|that|one|Sunday's|"
    r"[A-Z][\w.]*(?:'s|’s)?)\s+(?:[\w.’'-]+\s+){0,4}?(?:statement|interview|conference|briefing|speech|"
    r"appearance|call|hearing|event|rally|meeting|post|tweet|email|letter|release|op-ed|column|video|broadcast|"
    r"show|program|programme|address|remarks|session|summit|gathering|town\s+hall|debate|forum|visit|trip|"
    r"news\s+conference|press\s+conference|gaggle|dinner|luncheon|ceremony|radio|podcast|phone|telephone)"
    r"(?:\s+(?:with|to|on|in|at|for|of)\s+(?:[\w.’'-]+\s+){0,4}?[\w.’'-]+)?"
)
ASIDE = (
    r",\s*(?:however|though|too|also|meanwhile|nevertheless|moreover|furthermore|again|in\s+turn|in\s+response|"
    r"in\s+addition|for\s+(?:his|her|its|their)\s+part|on\s+the\s+other\s+hand)\s*,"
)
ADJUNCTS = re.compile(rf"(?:\s*,?\s*(?:{TIME}|{SETTING})\b|{ASIDE})*\s*", re.IGNORECASE)
THAT_AFTER = re.compile(
    r"\s*(?:(?!(?:he|she|they|it|we|i|would|will|could|must|should|can|is|are|was|were|has|had|have)\b)"
    r"[\w.’'-]+,?\s+){0,8}?that\b\s*",
    re.IGNORECASE,
)
TOLD_OBJECT = re.compile(
    r"\s*(?:(?:the|a|an|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}?(?:reporters|journalists|press|media|audience|"
    r"crowd|group|committee|panel|newspaper|paper|station|agency|network|broadcaster|magazine|outlet|website|show|"
    r"program|programme|hearing|meeting|conference|session|rally|gathering|forum|briefing|summit|parliament|"
    r"lawmakers|senators|congress|assembly|council|supporters|voters|students|workers|delegates|interviewer|host|"
    r"anchor|reporter|radio\s+station|television\s+station)\b|(?:the\s+|a\s+|an\s+)?(?:[a-z]+\s+){0,2}(?:[A-Z][\w.’'&-]*(?:\s+|,\s*)"
    r"(?:of\s+|for\s+|and\s+)?){1,6}|reporters|journalists|(?:me|us|him|her|them)\b)\s*"
)
# "told a crowded hall in downtown Riga that …": up to twelve words told, then "that".
TOLD_THAT = re.compile(
    r"\s*(?:(?!(?:he|she|they|it|we|i|would|will|could|must|should|can|is|are|was|were|has|had|have)\b)"
    r"[\w.’'-]+,?\s+){1,12}?that\b\s*",
    re.IGNORECASE,
)
# "told radio host Ann Berg, “…”": whoever was told, up to the comma that opens the quote.
TOLD_THEN_QUOTE = re.compile(r"\s+[^,;:.“”\"«»]{1,100}?,(?=\s*(?:[“\"«]|''))")
LEADING_PREPOSITION = re.compile(r"(?:by|with|at|in|on|of|after|before|during|for|from|into|as|about|over|against)\b")
QUESTION_WORD = re.compile(r"\s*(?:whether|if|why|how|what|when|where|who|which)\b", re.IGNORECASE)
COMPLEMENT = re.compile(r"\s*(?:that\b|[:“\"«]|,\s*[“\"«]|''|of\b|to\b|whether\b|if\b)")
# "slammed the plan: “…”": an object, then a colon that opens the quote.
QUOTE_THEN_CLAUSE = re.compile(
    r"\s*,?\s+(?:and|until|when|while|as|before|after|because|since|then)\s+(?!that\b)", re.IGNORECASE
)
ASKED_THEN_QUOTE = re.compile(r"\s+(?:him|her|them|me|us|you|the\s+[\w’'-]+|[A-Z][\w’'-]+)\s*[,:]\s*(?=[“\"«]|'')")
SAID_OF_THEN_QUOTE = re.compile(r"(?:of|about)\s+[^,:;.!?“”\"«»\n]{1,60}[,:]\s*(?=[“\"«]|'')")
OBJECT_THEN_QUOTE = re.compile(r"\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+\s*:\s*(?:[“\"«]|'')")
AFTER_QUOTE = re.compile(r"\s*[,—–-]?\s*$")
TRAILING = re.compile(r"(?:[\s,;:—–-]|\band\b|\bbut\b|\bor\b)+$")
LEADING = re.compile(r"^(?:[\s,;:—–-])+")
IMPERSONAL = re.compile(r"\b(?:worth|is|was|be|been|needless\s+to|so\s+to|suffice\s+it\s+to)\s+$", re.IGNORECASE)
PROGRESSIVE = re.compile(
    r"\b(?:is|was|are|were|been|be|am|’s|'s|’re|'re|isn[’']t|wasn[’']t)\s+(?:\w+ly\s+|also\s+|still\s+|now\s+)*$"
)
CLAUSE_BREAK = re.compile(r"[,;:—–()]|\s-\s|\band\b|\bbut\b")
# What follows the subject of an inverted attribution: "…,” said Kask." / ", said Kask, who …".
INVERTED_END = re.compile(
    r"\s*(?:$|[,.;:!?)—–(]|(?:in|on|at|during|after|before|last|this|earlier|later|who|of|from|when|while|as|"
    r"and|but|via|to|with|for|about|over|outside|told|recently|yesterday|today|tonight|\w+day)\b)"
)
# Verbs that come before their subject after a quote ("…,” recalled Kask"); besides these, any
# verb whose content is a clause.
INVERTIBLE = {"say", "add", "write", "continue", "reply", "ask", "explain", "note", "tweet"}
PRONOUN_END = re.compile(r"\s*(?:$|[,.;:!?)—–])")
# Between a subject and its verb: nothing, a party tag or an apposition ("Kask, 61, said").
SUBJECT_GAP = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:,[^;:“”\"•]{1,150},\s*)?")
# "“…?” Graham asked" / "“…,” she continued": a quote, then the subject, then the verb.
QUOTE_THEN_SUBJECT = re.compile(r"[,.!?\u2026-](?:[”\"»]|'')\s*(?:[\w.’'-]+\s+){0,6}$")
AT_END = re.compile(r"\s*(?:(?:on|in|at|last|this)\s+[\w.]+\s*){0,2}[.!?]?\s*$")
CLAUSE_START = re.compile(r"[,;—–”\"»]|''|\band\b|\bbut\b")
# The source after "according to": up to a comma or a stop, past the stops of abbreviations.
SOURCE_PHRASE = re.compile(r"(?:\b(?:Mrs|Mr|Ms|Dr|St|Sen|Rep|Gov|Gen|Jr|Sr|[A-Z])\.|[^,.;:()—–•])+")
CONTINUES_WITH_QUOTE = re.compile(r"\s*(?:[,:]?\s*(?:[“\"«]|'')|:\s*$)")
ASKED_SOMEONE = re.compile(r"\s+(?:[\w’'-]+\s+){1,3}?(?:to|whether|if|why|how|what|about)\b")
TO_BEFORE = re.compile(r"\bto\s+$")
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+$")
DESCRIBED_AS = re.compile(r"[^.;:!?]{0,120}?\bas\b")
# A conjunction opens a sentence ("But the plan, Kask said, …") without making what follows a setting.
INTRODUCTION = re.compile(
    r"\s*(?:(?:But|And|Yet|So)\b,?\s*)?(?:(?:In|At|On|During|After|Before|Speaking|Asked|Writing|Earlier|Later|"
    r"Last|This|Then|Still|Meanwhile|However|Separately|Elsewhere|Afterwards?)\b[^,;:“”\"•]{0,100},\s*)+"
)
CONJOINED = re.compile(r"\b(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$")
# Cues whose content may be an infinitive ("vowed to stay", "said to wait").
TAKES_TO = {"vow", "pledge", "promise", "threaten", "urge", "continue", "call for", "call on", "say", "write", "tell"}
# A sentence that opens with its verb of speech and then its speaker ("Said Kask: …").
OPENING_CUE = re.compile(r"\s*(Said|Says|Wrote|Writes|Added|Adds)\s+(?=(?:the\s+|a\s+)?[A-Z])")
TELL_FORMS = {"told", "tell", "tells", "telling", "asked", "asks", "asking"}
OUTLET_CREDIT = re.compile(r"^(?:report|reports|reported|reporting)$")


@dataclass
class Cue:
    start: int
    end: int
    base: str
    source: Source | None = None
    inverted: bool = False  # the source comes after the cue ("…,” said X", "according to X")
    adjacent: bool = True  # the source is the cue's own subject, right before it


@dataclass
class Candidate:
    start: int
    end: int
    source: Source | None
    cue: tuple | None  # (start, end) of the cue in the body
    kind: str = "indirect"


class StatementFinder:
    def __init__(self, body, index):
        self.body = body
        self.index = index
        self.quotes = find_quotes(body)
        self.masked = mask_quotes(body, self.quotes)
        self.opens = [q.open for q in self.quotes]  # in order: quotes are found left to right
        self.speakers = Speakers(body, self.masked, index)
        self._breaks = None
        self.results = []
        self.seen = set()
        self.seen_paragraphs = set()
        self.last_sentence_end = None  # where the previous sentence ended
        self.last_was_statement = False  # whether it held a statement
        self.colon_source = None  # (source, cue) a sentence ending in a colon introduced
        self.pending_group = None  # a direct statement the next quote sentence may complete

    # -- the walk -------------------------------------------------------------------------

    def run(self):
        previous_para = None
        para_repeat = False
        for s0, s1 in split_sentences(self.body, self.quotes):
            para = self._paragraph_of(s0)
            if para != previous_para:
                previous_para = para
                pkey = " ".join(self.body[para[0] : para[1]].split())
                para_repeat = pkey in self.seen_paragraphs
                self.seen_paragraphs.add(pkey)
            if para_repeat or s1 - s0 > MAX_SENTENCE or not WORD_CHAR.search(self.body, s0, s1):
                continue
            self.sentence(s0, s1)
        return sorted(self.results, key=lambda c: c.start)

    def _paragraph_of(self, pos):
        # Paragraph breaks found once and bisected: searching from each sentence outwards
        # read a one-line megabyte page once per sentence.
        if self._breaks is None:
            self._breaks = [m.start() for m in PARAGRAPH_BREAK_AT.finditer(self.body)]
        breaks = self._breaks
        before = bisect.bisect_right(breaks, pos - 2) - 1
        after = bisect.bisect_left(breaks, pos)
        start = breaks[before] if before >= 0 else -1
        end = breaks[after] if after < len(breaks) else -1
        return (0 if start < 0 else start + 2, len(self.body) if end < 0 else end)

    def sentence(self, s0, s1):
        body = self.body
        quotes = self.quotes[bisect.bisect_left(self.opens, s0) : bisect.bisect_left(self.opens, s1)]
        cues = self.cues_in(s0, s1, quotes)
        made = []
        cursor = s0
        inside = set()
        for i, cue in enumerate(cues):
            if i in inside:
                continue
            # The content runs to the next clause with a cue of its own; a cue with no clause break
            # before it is inside this content ("said he would not defend those that …").
            limit, nested = s1, []
            for j in range(i + 1, len(cues)):
                start = self._clause_start(cues[j], s0)
                # A nested cue's own subject may hold "and" ("said Latvia and Lithuania will
                # decide"): only what stands before that subject can break the clause.
                subject = cues[j].adjacent and not cues[j].inverted and cues[j].source.start < cues[j].start
                stop = max(start, cue.end) if subject else cues[j].start
                if start <= cue.end or CLAUSE_BREAK.search(self.masked, cue.end, stop) or cues[j].inverted:
                    limit = max(start, cue.end)
                    break
                nested.append(j)
            found = self.content(cue, cursor, limit, s0, s1, quotes)
            if found is not None:
                made.append(found)
                cursor = max(found.end, cue.end, cue.source.end if cue.inverted else cue.end)
                if found.start >= cue.end:
                    inside.update(nested)
        if not made:
            made = self._without_cue(s0, s1, quotes)
        for c in made:
            self._add(c)
        # What the next sentence may need: a colon's source, the end of a quote group, the speaker.
        ends_colon = body[s0:s1].rstrip().endswith(":")
        self.colon_source = None
        if ends_colon:
            sourced = [c for c in cues if c.source is not None]
            if sourced:
                self.colon_source = (sourced[-1].source, (sourced[-1].start, sourced[-1].end))
            else:
                subject = self.speakers.main_subject(s0, s1)
                if subject is not None:
                    self.colon_source = (subject, None)
        for cue in cues:
            if cue.source is not None and not cue.inverted and cue.adjacent:
                self.speakers.learn_gender(cue.source.speaker, cue.end, s1)
        self.last_sentence_end = s1
        self.last_was_statement = bool(made)
        speakers = [c.source.speaker for c in made if c.source is not None and c.source.speaker is not None]
        if speakers:
            self.speakers.set_focus(speakers[-1])
        else:
            # Who the sentence is about, for the next "he" or "it": its subject comes early.
            subject = self.speakers.main_subject(s0, min(s1, s0 + FOCUS_WINDOW))
            if subject is not None and subject.speaker is not None:
                self.speakers.set_focus(subject.speaker)

    # -- cues -----------------------------------------------------------------------------

    def cues_in(self, s0, s1, quotes):
        """The cues of a sentence with their sources, in order; cues with no source are dropped."""
        text = self.masked[s0:s1]
        found = []
        for m in speech.CUE_RE.finditer(text):
            form = m.group(1)
            if not form.islower():
                continue
            base = speech.CUE_FORMS[form]
            # The words just before the verb decide most of what follows; only they are searched,
            # as end-anchored patterns over the whole sentence would be tried at every position.
            near = text[max(0, m.start() - 60) : m.start()]
            if _determiner_before(text, m.start()) and not (form.endswith("ing") and PROGRESSIVE.search(near)):
                continue  # "the call", "a warning"; but "is warning" is a verb
            kind = speech.CUE_KINDS[base]
            after_quote = QUOTE_THEN_SUBJECT.search(self.body, max(s0, s0 + m.start() - 90), s0 + m.start()) is not None
            if not after_quote and AT_END.match(text, m.end()):
                after_quote = "," in near  # "…, the minister's aide maintains."
            if (
                kind == "complement"
                and not COMPLEMENT.match(text, m.end())
                and not after_quote
                and not OBJECT_THEN_QUOTE.match(text, m.end())
            ):
                continue
            if base == "continue" and not (after_quote or CONTINUES_WITH_QUOTE.match(text, m.end())):
                continue  # "continued to press" is not speech; "continued: “…”" is
            if base == "call" and not self._calls_something(s0 + m.end(), s1):
                continue
            if base in ("describe", "characterize", "characterise") and not DESCRIBED_AS.match(text, m.end()):
                continue  # "described the scene" is narration; "described the plan as a trap" is speech
            asks = QUESTION_WORD.match(text, m.end()) or COMPLEMENT.match(text, m.end()) or after_quote
            if base == "ask" and not asks and not ASKED_SOMEONE.match(text, m.end()) and not asked_then_quote(text, m):
                continue
            if base in ("say", "tell", "write") and TO_BEFORE.search(near):
                continue  # "declined to say", "wanted to tell": no statement was made
            if form.endswith("ed") and PASSIVE_BEFORE.search(near):
                continue  # passive: "was asked", "were told"
            found.append(Cue(s0 + m.start(), s0 + m.end(), base))
        for m in PHRASE_RE.finditer(text):
            if any(c.start <= s0 + m.start() < c.end for c in found):
                continue
            found.append(Cue(s0 + m.start(), s0 + m.end(), "phrase"))
        opening = OPENING_CUE.match(text)
        if opening:
            # "Said the minister: “…”", "Asked about the plan, Kask said …" is a participle, not this.
            form = opening.group(1)
            found.append(Cue(s0 + opening.start(1), s0 + opening.end(1), speech.CUE_FORMS[form.lower()]))
        if "ccording" in text:
            for m in ACCORDING_TO.finditer(text):
                found.append(Cue(s0 + m.start(), s0 + m.end(1), "according to", inverted=True))
        found.extend(self._dash_credits(s0, s1, quotes))
        found.sort(key=lambda c: c.start)
        # Overlapping cues ("point out" and "point to" read as one): the first wins.
        cues = []
        for cue in found:
            if cues and cue.start < cues[-1].end:
                continue
            cues.append(cue)
        previous = None
        for cue in cues:
            if cue.source is None:
                if previous is not None and CONJOINED.search(self.masked, max(s0, cue.start - 12), cue.start):
                    # "Norway and Finland warned of … and pledged to …": the same subject.
                    cue.source, cue.adjacent = previous.source, False
                else:
                    cue.source = self._source_of(cue, s0, s1)
            if cue.source is not None and not cue.inverted:
                previous = cue
        return [c for c in cues if c.source is not None]

    def _calls_something(self, pos, s1):
        """ "called the plan “a trap”", "called it a mistake": call as naming, with a quote or a
        short object and its predicate; "called a meeting" or "called the police" are not speech."""
        rest = self.body[pos:s1]
        return bool(re.match(r"\s+(?:[\w’'-]+\s+){0,5}?(?:[“\"«]|'')", rest)) or bool(
            re.match(r"\s+(?:it|him|her|them|this|that)\s+(?:a|an|the)\s+\w+", rest)
        )

    def _dash_credits(self, s0, s1, quotes):
        """ "“…” ― Maria Lopez": a quote credited with a dash at the end of its paragraph."""
        cues = []
        for q in quotes:
            if q.close >= s1:
                continue
            m = DASH_CREDIT.match(self.body, q.close, s1)
            if m is None or not re.search(r"[―—–-]", m.group()):
                continue
            # "― Oscar P. Quintana": the stop of a middle initial is the name's.
            name_end = DASH_NAME.match(self.body[m.end() : s1])
            if name_end is None:
                continue
            after = self.body[m.end() + name_end.end() : s1]
            if after.strip(" .\n") and not re.match(r"[ .]*\n", after):
                continue
            start, end = m.end(), m.end() + name_end.end()
            mentions = [x for x in self.speakers.mentions_from(start, end) if x.cluster is not None]
            speaker = mentions[0].cluster if mentions else Unnamed(self.body[start:end].strip())
            cue = Cue(m.start(), m.end(), "dash", inverted=True)
            cue.source = Source(start, end, speaker)
            cues.append(cue)
        return cues

    def _source_of(self, cue, s0, s1):
        speakers = self.speakers
        if cue.base == "according to":
            m = SOURCE_PHRASE.match(self.masked, cue.end, s1)
            end = m.end() if m else cue.end
            while end > cue.end and self.body[end - 1].isspace():
                end -= 1
            return speakers.after_preposition(cue.end, end)
        strict = speech.CUE_KINDS.get(cue.base) == "weak"
        before = self.masked[s0 : cue.start]
        # "“…,” said Rutte", "…, said a spokesperson", "Said the minister: …".
        tail = before.rstrip()
        inverted = not tail or tail[-1] in ',”"’»—–:' or tail.endswith("''")
        if inverted and (cue.base in INVERTIBLE or speech.CUE_KINDS.get(cue.base) in ("clause", "complement")):
            found = speakers.source_after(cue.end, s1)
            # "…, said he." but not "Kask, the head of …, said he and others would go": a pronoun
            # after the verb is its source only where the clause ends with it.
            pronoun = found is not None and self.body[found.start : found.end] in ("he", "she", "they")
            end = PRONOUN_END if pronoun else INVERTED_END
            if found is not None and end.match(self.masked, found.end, s1):
                cue.inverted = True
                return found
        form = self.body[cue.start : cue.end]
        if form.endswith("ing") and not PROGRESSIVE.search(before):
            # "footage of Clinton asking, “…”", "heard Kask saying …": a person named right before the
            # participle, with no comma between, is its subject.
            named = speakers.mention_ending_at(len(before.rstrip()) + s0) if before[-1:].isspace() else None
            lead = self.masked[max(s0, (named.start if named else s0) - 12) : named.start if named else s0].split()
            if lead and (lead[-1].casefold() in PREPOSITIONS - {"of"} or lead[-1].casefold() in TELL_FORMS):
                named = None  # "wrote on Facebook saying", "told Wired saying": where or whom, not who
            if named is not None and named.cluster is not None and named.cluster.kind == "person":
                cue.adjacent = False
                return Source(named.start, named.end, named.cluster)
            # "…, saying …", "…, adding that …": the participle's subject is the clause's.
            found = speakers.main_subject(s0, cue.start)
            cue.adjacent = False
            return found
        loose = QUOTE_THEN_SUBJECT.search(self.body, max(s0, cue.start - 90), cue.start) is not None
        found = speakers.source_before(s0, cue.start, strict=strict, loose=loose)
        if found is None:
            return None
        if found.speaker is not None and strict and isinstance(found.speaker, Unnamed):
            low = found.speaker.description.casefold().split()[-1]
            if low.rstrip("s") in speech.SOURCE_DOCUMENTS:
                return None
        between = strip_glue(self.masked[found.end : cue.start])
        cue.adjacent = bool(SUBJECT_GAP.fullmatch(between))
        if not cue.adjacent and IMPERSONAL.search(before):
            return None
        return found

    def _clause_start(self, cue, s0):
        """Where the clause holding `cue` starts, for the content of the cue before it to end."""
        if cue.inverted and cue.base != "according to":
            return cue.start
        if cue.base == "according to":
            return cue.start
        if cue.adjacent and cue.source.start < cue.start:
            return cue.source.start
        starts = [m.start() for m in CLAUSE_START.finditer(self.masked, s0, cue.start)]
        return starts[-1] if starts else cue.start

    def _with_title(self, pos, floor):
        """Where a source starts with the title written before its name ("Mr. Obama", "Defence
        Minister Arvo Kask", "Tulsa police Chief Chuck Jordan")."""
        words = list(re.finditer(r"\S+", self.masked[max(floor, pos - 80) : pos]))
        start = pos
        for m in reversed(words):
            word = m.group()
            low = word.casefold().strip(".")
            if low in ("the", "a", "an"):
                start = max(floor, pos - 80) + m.start()
                break
            if low in NP_STOPS or low in PREPOSITIONS or word.endswith(","):
                break
            if not (
                word[:1].isupper()
                or low in speech.TITLE_WORDS
                or low in speech.ROLE_HEADS
                or low in speech.SOURCE_PEOPLE
                or low in speech.SOURCE_BODIES
                or is_person_noun(low)  # "co-anchor Ann Berg"
                or re.fullmatch(r"[\d/.-]+", low)
            ):
                break
            start = max(floor, pos - 80) + m.start()
        return start

    # -- content --------------------------------------------------------------------------

    def content(self, cue, cursor, limit, s0, s1, quotes):
        if cue.base == "dash":
            q = next((q for q in quotes if q.close <= cue.start and q.close >= cue.start - 2), None)
            if q is None or q.open < cursor:
                return None
            return Candidate(q.open, q.close, cue.source, (cue.start, cue.end), "direct")
        if cue.base == "according to":
            head = self.masked[cursor : cue.start]
            if not head.strip(" ,—–-"):
                start = cue.source.end
                m = re.match(r"[^,]*,\s*", self.masked[start:limit])
                start += m.end() if m else 0
                return self._make(start, limit, cue, quotes, s1)
            return self._make(cursor, cue.start, cue, quotes, s1)
        if cue.inverted:
            # The content is what comes before: "…,” said X" or "…, said X."
            found = self._make(cursor, cue.start, cue, quotes, s1)
            if found is not None:
                return self._with_next_quote(found, cue.source.end, s1, quotes)
            if not self.masked[s0 : cue.start].strip():
                # "Said the minister: “…”"
                return self._forward(cue, cue.source.end, limit, quotes, s1)
            return None
        src = self._with_title(cue.source.start, cursor) if cue.adjacent else cue.source.start
        head = self.masked[cursor:src]
        rest = self.masked[cue.end : limit]
        tail = ADJUNCTS.match(rest)
        after_tail = cue.end + (tail.end() if tail else 0)
        after = self.masked[after_tail:limit]
        as_clause = re.search(r"\b[Aa]s\s+$", head) if cue.adjacent else None
        if as_clause:
            # "As the minister notes, …", "…, as Kask notes, …", "…, as Kask said."
            if not head[: as_clause.start()].strip(" ,—–-"):
                comma = re.match(r"\s*[,:]\s*", after)
                return self._make(after_tail + comma.end(), limit, cue, quotes, s1) if comma else None
            if re.match(r"\s*,\s*\w", after) and len(WORD_RE.findall(after)) >= 3:
                return self._make(cursor, limit, cue, quotes, s1)
            return self._make(cursor, cursor + as_clause.start(), cue, quotes, s1)
        if cue.adjacent and _ends_with_quote(head) and head.strip(" ,—–-"):
            # "“…,” Kask said, “…”" and "“…,” Kask told reporters."
            found = self._make(cursor, src, cue, quotes, s1)
            if found is not None and found.kind == "direct":
                return self._with_next_quote(found, after_tail, s1, quotes)
        forward = self._forward(cue, cue.end, limit, quotes, s1)
        if forward is not None:
            return forward
        if not cue.adjacent:
            return None
        # "…, Kask said." and "The plan, Kask said, is dead."
        if not re.search(r"(?:[,—–]|[”\"’»]|'')\s*$", head) or not head.strip(" ,—–-"):
            return None
        if INTRODUCTION.fullmatch(head):
            return None  # "In an interview on Wednesday, she told …": a setting, not what was said
        if cue.base == "report" and _is_outlet(cue.source, self.body[src : cue.source.end]):
            return None  # "…, Danube Dispatch reports" says where the article comes from
        if re.match(r"\s*,\s*(?:[“\"«]|'')", after):
            found = self._make(cursor, src, cue, quotes, s1)
            return self._with_next_quote(found, after_tail, s1, quotes) if found else None
        words_after = len(WORD_RE.findall(self.body[after_tail:limit]))  # quoted words count too
        if re.match(r"\s*,\s*\w", after) and words_after >= 3 and not _scene_setting(after):
            # "The plan, Kask said, is dead": both sides, and the attribution between.
            return self._make(cursor, limit, cue, quotes, s1)
        found = self._make(cursor, src, cue, quotes, s1)
        return self._with_next_quote(found, after_tail, s1, quotes)

    def _forward(self, cue, pos, limit, quotes, s1):
        """The content after a cue: a clause, an object with its complement, or a quote."""
        masked = self.masked
        kind = speech.CUE_KINDS.get(cue.base, "clause")
        rest = masked[pos:limit]
        telling = cue.base in ("tell", "assure", "inform", "brief", "remind")
        that = TOLD_THAT.match(masked, pos, limit) if telling else None
        if that:
            # "told a crowded hall in downtown Riga that …": whoever was told, the that-clause is what was said.
            pos = that.end()
            kind = "that"
        elif cue.base in ("tell", "assure", "inform", "brief", "remind"):
            # Told someone (that) …: "told reporters", "told the Harbour Ledger", "told me".
            obj = TOLD_THEN_QUOTE.match(rest) or TOLD_OBJECT.match(rest)
            if obj is None:
                return None
            pos += obj.end()
            skip = ADJUNCTS.match(masked, pos, limit)
            if skip:
                pos = skip.end()
            that = re.match(r"\s*that\b\s*", masked[pos:limit])
            if that:
                pos += that.end()
                kind = "that"
            else:
                kind = "clause"
        elif cue.base == "ask" and (asked := asked_then_quote(masked, cue.end, limit)):
            pos = asked.end()  # "asked her, “…”": whom it was asked of, then the question
        else:
            skip = ADJUNCTS.match(rest)
            if skip:
                pos += skip.end()
            if kind != "object":
                that = THAT_AFTER.match(masked, pos, limit)
                if that and len(WORD_RE.findall(masked[pos : that.end()])) <= 9:
                    pos = that.end()
                    kind = "that"  # a that-clause may open with a phrase: "that after a ceasefire, …"
        if (
            kind != "that"
            and re.match(r"\s*,", masked[pos:limit])
            and not re.match(r"\s*,\s*(?:[“\"«]|'')", masked[pos:limit])
        ):
            return None  # "The plan, Kask said, is dead": not a clause after the cue
        lead = re.match(r"[\s,:;—–-]*", masked[pos:limit])
        pos += lead.end()
        if pos >= limit:
            return None
        about = SAID_OF_THEN_QUOTE.match(masked, pos, limit)
        if about:
            pos = about.end()  # "says of Clinton, “…”": whom it is about, then what was said
        elif kind in ("clause", "weak", "complement") and LEADING_PREPOSITION.match(masked, pos):
            warning = cue.base in ("warn", "caution", "complain", "boast", "joke")
            if not (warning and re.match(r"(?:of|against|about)\b", masked[pos : pos + 8])):
                return None
        if masked.startswith("to ", pos) and kind in ("clause", "complement") and cue.base not in TAKES_TO:
            return None  # "added to the list", "noted to the press": not what was said
        colon = re.search(r":\s*(?=[“\"«]|'')", masked[pos:limit])
        if colon:
            # "noted a change in their stance: “…”": the quote is what was said.
            q = next((q for q in quotes if q.open == pos + colon.end()), None)
            if q is not None and q.is_long(self.body) and not masked[q.close : limit].strip(" .,;!?"):
                return self._make(q.open, limit, cue, quotes, s1)
        q = next((q for q in quotes if q.open == pos), None)
        if q is not None and QUOTE_THEN_CLAUSE.match(masked, q.close, limit):
            # "chanted “What curfew?” until dawn", "boasted, “…” when …": the quote is what was said, the
            # clause after it the narration's.
            return self._make(q.open, q.close, cue, quotes, s1)
        return self._make(pos, limit, cue, quotes, s1)

    def _make(self, start, end, cue, quotes, s1):
        """A candidate over body[start:end], trimmed to its words; None when too short."""
        body, masked = self.body, self.masked
        m = LEADING.match(masked, start, end)
        if m:
            start = m.end()
        end = _trim_end(masked, start, end)
        while end > start and body[end - 1] in ".!?" and not _inside_quote(quotes, end - 1):
            end = _trim_end(masked, start, end - 1)
        # A quote cut by the end of the range keeps its closing mark.
        for q in quotes:
            if q.open < end < q.close and end >= q.inner_end:
                end = q.close
            if q.open >= start and q.close <= end + 2 and q.close > end:
                end = q.close
        if end <= start:
            return None
        text = body[start:end]
        inside = [q for q in quotes if start <= q.open and q.close <= end]
        direct = bool(inside) and text[0] in OPEN_MARKS and text[-1] in CLOSE_MARKS
        if len(WORD_RE.findall(text)) < (1 if direct else 3):
            return None
        if not direct and not self._enough_outside(start, end, inside):
            return None
        return Candidate(start, end, cue.source, (cue.start, cue.end), "direct" if direct else "indirect")

    def _enough_outside(self, start, end, inside):
        """Reported speech has words of its own: "the plan", not just a title in quotes."""
        words = len(WORD_RE.findall(self.body[start:end]))
        quoted = sum(q.words(self.body) for q in inside)
        return words - quoted >= 2 or quoted >= 4

    def _with_next_quote(self, found, pos, s1, quotes):
        """ "“A,” she said, “B.”": the quote after the attribution belongs to the same statement;
        so does a quote sentence right after "“A,” she said." (see _without_cue)."""
        if found is None:
            return found
        text = self.body[found.start : found.end]
        later = [q for q in quotes if q.open >= pos]
        long_later = [q for q in later if q.is_long(self.body)]
        if found.kind == "direct" or text[-1:] in CLOSE_MARKS:
            nxt = long_later[0] if long_later else None
            if nxt is not None and all(q.open >= nxt.open for q in later if q.is_long(self.body)):
                between = self.masked[pos : nxt.open]
                if (
                    len(WORD_RE.findall(between)) <= 20
                    and re.search(r"[,:.]\s*$", between)
                    and not speech.CUE_RE.search(between)
                ):
                    found.end = nxt.close
                    return found
        if not long_later and len(WORD_RE.findall(self.masked[pos:s1])) <= 30:
            self.pending_group = found  # "“A,” said X, a lawyer in Riga. “B.”"
        return found

    # -- sentences without a cue ----------------------------------------------------------

    def _without_cue(self, s0, s1, quotes):
        """A quote sentence with no cue: the second half of "“A,” she said. “B.”", a quote after a
        colon, or a quote paragraph carrying on the last speaker."""
        body = self.body
        group = self.pending_group
        lead = [q for q in quotes if (group is not None or q.is_long(body)) and not self.masked[s0 : q.open].strip()]
        if not lead:
            self.pending_group = None
            return []
        q = lead[0]
        end = q.close
        # The quote sentence may run on in further quotes ("“A.” “B.”"), nothing else.
        for other in quotes:
            if other.open >= end and not self.masked[end : other.open].strip():
                end = other.close
        if self.masked[end:s1].strip(' .,;:!?”"’'):
            self.pending_group = None
            return []
        self.pending_group = None
        same_para = "\n\n" not in body[self.last_sentence_end or 0 : s0]
        if group is not None and same_para and self.results and self.results[-1] is group:
            group.end = end
            return []
        if not q.is_long(body):
            return []
        if self.colon_source is not None:
            source, cue = self.colon_source
            return [Candidate(q.open, end, source, cue, "direct")]
        last = self.results[-1] if self.results else None
        if last is None:
            return []
        if not self.last_was_statement and not self._same_speaker_goes_on(last, q.open):
            return []
        gap = body[last.end : q.open]
        if gap.count("\n\n") > 1:
            return []
        return [Candidate(q.open, end, last.source, None, "direct")]

    def _same_speaker_goes_on(self, last, pos):
        """ "“A,” Ash said after the talks. He did not say more. “B.”": a quote later in the paragraph of the
        last statement, after narration that names no one else, is still its speaker's."""
        if last.source is None or last.source.speaker is None or isinstance(last.source.speaker, Unnamed):
            return False
        if pos - last.end > SAME_SPEAKER_GAP or "\n\n" in self.body[last.end : pos]:
            return False
        return all(
            m.cluster is None or m.cluster is last.source.speaker for m in self.speakers.mentions_from(last.end, pos)
        )

    def _add(self, c):
        key = " ".join(self.body[c.start : c.end].casefold().split())
        if not key or key in self.seen:
            return
        for other in self.results:
            if other.start < c.end and c.start < other.end:
                return  # one statement per stretch of text
        self.seen.add(key)
        self.results.append(c)


def asked_then_quote(text, m_or_pos, limit=None):
    """ "asked her, “…”", "asked the crowd: “…”": the person asked, then the quoted question."""
    if limit is None:
        return ASKED_THEN_QUOTE.match(text, m_or_pos.end())
    return ASKED_THEN_QUOTE.match(text, m_or_pos, limit)


def _trim_end(masked, start, end):
    """`end` moved back over trailing spaces, commas, dashes and a last "and" or "but"; only the
    end of the range is searched (an end-anchored pattern is tried at every position)."""
    tail = TRAILING.search(masked, max(start, end - 40), end)
    while tail is not None and tail.start() > start and tail.start() == max(start, end - 40):
        end = tail.start()
        tail = TRAILING.search(masked, max(start, end - 40), end)
    return tail.start() if tail is not None and tail.start() >= start else end


def _ends_with_quote(text):
    return bool(re.search(r"(?:[”\"’»]|'')\s*,?\s*$", text))


def _inside_quote(quotes, pos):
    return any(q.open <= pos < q.close for q in quotes)


def _is_outlet(source, phrase):
    """ "…, Baltic Wire reports." credits the outlet the article comes from: a name that is not a
    person's (an organisation, a name the actor finder did not take for a person, a name with an
    outlet's word in it)."""
    speaker = source.speaker
    if speaker is None or isinstance(speaker, Unnamed):
        return False
    if any(w.casefold() in speech.OUTLET_WORDS for w in phrase.split()):
        return True
    return speaker.kind != "person" or isinstance(speaker, Named)


def _scene_setting(after):
    return bool(
        re.match(
            r"\s*,\s*(?:as|while|after|before|when|amid|since|because|although|though|despite|following|adding|"
            r"noting|saying|calling|arguing|citing|referring|pointing|urging|warning|explaining|according)\b",
            after,
        )
    )


def _determiner_before(text, pos):
    """Whether NOUN_DETERMINERS ends at `pos` ("the call", "a warning"), reading only the words
    just before it: searching the whole text before every verb made long sentences quadratic."""
    space = pos
    while space > 0 and text[space - 1].isspace():
        space -= 1
    if space == pos:
        return False
    # The longest determiner has six letters; one more character before it decides its `\b`.
    return NOUN_DETERMINERS.search(text, max(0, space - 7), pos) is not None


def _preposition_before(before):
    """PREPOSITION_TAIL.search(before), reading only the end of `before`: the preposition must
    end where the trailing spaces start, and none is longer than "including"."""
    end = len(before.rstrip())
    return PREPOSITION_TAIL.search(before, max(0, end - 10)) is not None


def _speaker_fields(source):
    """(speaker name, source as written, unnamed) for a statement's source."""
    if source is None:
        return None, None, False
    speaker = source.speaker
    if isinstance(speaker, Unnamed):
        # Said by someone the text does not name: the description stands in for a name, and the
        # statement is marked so that nothing takes it for an actor.
        return speaker.description, speaker.description, True
    if isinstance(speaker, Named):
        return speaker.name, None, False
    return (speaker.name if speaker is not None else None), None, False


def find_statements(body, index, topic_rules=None, spans=None):
    """The statements of `body`; speakers are the names of clusters in `index`.

    A statement's topics are those whose rules match inside it; `spans` are the rules' matches
    in the whole body (`topics.topic_spans`), found once for the page rather than per statement.
    """
    from .topics import DEFAULT_RULES, topic_spans, topics_within

    if spans is None:
        spans = topic_spans(body, DEFAULT_RULES if topic_rules is None else topic_rules)
    finder = StatementFinder(body, index)
    out = []
    for c in finder.run():
        speaker, description, unnamed = _speaker_fields(c.source)
        source_text = description
        if source_text is None and c.source is not None:
            source_text = body[c.source.start : c.source.end]
        out.append(
            ExtractedStatement(
                speaker=speaker,
                text=body[c.start : c.end],
                kind=c.kind,
                position=c.start,
                end=c.end,
                cue=body[c.cue[0] : c.cue[1]] if c.cue else None,
                source_text=source_text,
                unnamed=unnamed,
                topics=topics_within(spans, c.start, c.end),
            )
        )
    return out, finder
