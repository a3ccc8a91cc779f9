"""Direct quotes and reported speech in an article body, each with its speaker.

The body is read sentence by sentence. Quotation marks are paired first (a
quote may run over several paragraphs), so sentences never split inside a
quote and the words inside a quote never count as the article's own
attribution. A statement is then one of:

- a quote standing on its own, attributed before it ("X said: “…”"), after it
  ("“…,” X said", "“…,” said X"), around it ("“…,” X said. “…”"), or carried
  on from the same speaker's previous quote;
- reported speech: a speech verb with a subject ("X warned that …",
  "…, noting that …", "According to X, …", "as X notes").

Speakers are resolved to the article's actors: names, surnames and
possessives (through `actors.ActorIndex`), pronouns (the person the text is
about), nominals ("the Secretary General", "the Ukrainian minister") and
organisations ("the Kremlin said"). Short quoted phrases are scare quotes or
titles, not statements.
"""

import bisect
import re
from dataclasses import dataclass, field

from . import speech
from .actors import Cluster
from .page import ExtractedStatement

# Someone the text refers to without a name ("a diplomat", "the Dutch prime minister" when
# no actor has that role): a speaker the statement cannot name, and whom "he" or "she" may mean.
UNNAMED = Cluster("person")

OPENERS = {"“": "”", "«": "»", "„": "“”", "‘": "’", '"': '"'}
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "lt",
    "col",
    "sen",
    "rep",
    "gov",
    "jr",
    "sr",
    "no",
    "vs",
    "inc",
    "ltd",
    "co",
    "corp",
    "prof",
    "capt",
    "sgt",
    "maj",
    "adm",
    "jan",
    "feb",
    "mar",
    "apr",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "approx",
    "fig",
    "ca",
}
OPENER_RE = re.compile("[" + re.escape("".join(OPENERS)) + "]")
# For each opening mark, the characters _find_close acts on: its closers, a line break (a
# paragraph's end) and, inside single quotes, a double quotation mark.
CLOSE_STOPS = {
    opener: re.compile("[" + re.escape("".join(sorted(set(closers + "\n" + ('“”"' if opener in "‘'" else ""))))) + "]")
    for opener, closers in OPENERS.items()
}
MASK = "\u2022"
MAX_QUOTE = 3000
MAX_SINGLE_QUOTE = 600
GLUE = (
    r"also|further|later|then|again|once again|previously|earlier|recently|repeatedly|publicly|reportedly|has|have|"
    r"had|will|would|did|does|do|not|just|already|openly|directly|subsequently|firmly|clearly|strongly|explicitly|"
    r"separately|too|yesterday|today|tonight|now|however|meanwhile|immediately|quickly|herself|himself|themselves|"
    r"on\s+\w+day|on\s+[A-Z][a-z]+\s+\d{1,2}|in\s+a\s+statement|in\s+an\s+interview|in\s+a\s+post"
)
GLUE_TAIL = re.compile(rf"(?:\s|\b(?:{GLUE})\b)+$", re.IGNORECASE)
GLUE_HEAD = re.compile(rf"^(?:\s|\b(?:{GLUE})\b)+", re.IGNORECASE)
# How far back from a verb its subject is looked for; also keeps the end-anchored patterns cheap.
LOOKBACK = 240
# A "sentence" longer than this is a table, a list or code run together, not prose with quotes.
MAX_SENTENCE = 4000
PREPOSITION_TAIL = re.compile(
    r"\b(?:with|by|of|to|for|from|between|under|against|about|at|on|in|including|than|like|toward|towards|among|"
    r"via|after|before|during|whom|into|over|whether|if|that)\s*$",
    re.IGNORECASE,
)
PRONOUN_TAIL = re.compile(r"\b(he|she|they|it|He|She|They|It)$")
NOMINAL_TAIL = re.compile(
    r"\b(?P<det>the|The|a|A|an|An|his|His|her|Her|its|Its|their|Their)\s+(?P<words>(?:[\w.’'-]+\s+){0,4}?[\w’'-]+)$"
)
FUNCTION_WORDS = {
    "that", "which", "who", "in", "on", "at", "with", "to", "for", "from", "and", "but", "or", "of", "after",
    "before", "during", "as", "was", "is", "were", "are", "would", "will", "had", "has", "have", "by", "it",
    "he", "she", "they", "we", "there", "this", "these", "those", "when", "while", "if", "not", "no",
}  # fmt: skip
RELATIVE = re.compile(r",\s+(?:who|which|whose|whom)\b")
APPOSITIVE_TAIL = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?[^,;:“”\"]{2,80},$")
NOUN_DETERMINERS = re.compile(
    r"\b(?:a|an|the|this|that|these|those|its|his|her|their|our|my|your|every|each|member|to|was|were|been|being|is|are|be)\s+$",
    re.IGNORECASE,
)
THAT_AFTER = re.compile(
    r"^\s*(?:(?!(?:he|she|they|it|we|i|would|will|could|must|should|can|is|are|was|were)\b)[\w.’'-]+\s+){0,4}?that\b\s*",
    re.IGNORECASE,
)
TRAILING_ATTRIBUTION = re.compile(r",\s*(?:according\s+to\s+[^,]+|[^,]{1,60}\b(?:reported|reports)\s*)[.!?]?\s*$")
LEADING_PREPOSITION = re.compile(r"(?:by|with|at|in|on|after|before|during|for|from|to|into|as)\b")
COMPLEMENT = re.compile(r"\s+(?:that\b|[:“\"]|of\b)")
ACCORDING_TO = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
# Only a phrase in lower case is read (verbs_in), and every phrase begins with a letter a-z: the
# look-ahead turns the rest of the text away before the case-blind alternatives are tried.
PHRASE_RE = re.compile(r"\b(?=(?-i:[a-z]))(?:" + "|".join(speech.SPEECH_PHRASES) + r")\b", re.IGNORECASE)
WORD_RE = re.compile(r"[\w’'-]+")
WORD_CHAR = re.compile(r"\w")
SENTENCE_MARK = re.compile(r"[.!?,]")
ENDS_SENTENCE = re.compile(r"[.!?]$")
PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
SENTENCE_END = re.compile(r"[.!?]+[”\"’»)]*(?=\s+[“\"‘«(]?[A-Z0-9])")
WORD_BEFORE_END = re.compile(r"([\w.]+)[.!?]*[”\"’»)]*$")
# The characters WORD_BEFORE_END can match, so its search starts where they start.
WORD_BEFORE_END_CHARS = frozenset('_.!?”"’»)')
INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
PRONOUN = re.compile(r"\b(he|she|they|He|She|They)\b")
THE_NOMINAL = re.compile(r"\b(?P<det>the|The)\s+(?P<words>(?:[\w.’'-]+\s+){0,3}?[\w’'-]+)\b")
CLAUSE_BREAK = ",—–:;()"
WORD_RUN = re.compile(r"\w+")
ROLE_SPLIT = re.compile(r"[\s,-]+")


@dataclass
class Quote:
    open: int  # position of the opening mark
    close: int  # position just after the closing mark
    pieces: list  # (start, end) of the quoted text, one per paragraph
    # The text and its words, kept once read: a quote is one body's, and each sentence and
    # statement near it asks again.
    _text: str | None = field(default=None, repr=False, compare=False)
    _words: list | None = field(default=None, repr=False, compare=False)

    @property
    def inner_start(self):
        return self.pieces[0][0]

    @property
    def inner_end(self):
        return self.pieces[-1][1]

    def text(self, body):
        if self._text is None:
            self._text = " ".join(body[s:e].strip() for s, e in self.pieces).strip().rstrip(",").strip()
        return self._text

    def _word_list(self, body):
        if self._words is None:
            self._words = WORD_RE.findall(self.text(body))
        return self._words

    def words(self, body):
        return len(self._word_list(body))

    def is_long(self, body):
        """A quote worth a statement: a clause, not a scare-quoted word or a title."""
        text = self.text(body)
        words = self._word_list(body)
        if len(words) < 4:
            return False
        capitalised = sum(w[0].isupper() for w in words)
        if capitalised / len(words) > 0.7 and not SENTENCE_MARK.search(text):
            return False
        return len(words) >= 5 or bool(ENDS_SENTENCE.search(text))


def find_quotes(body):
    """Pair the quotation marks of the body; a quote left open at a paragraph's end
    carries on when the next paragraph opens with a quotation mark."""
    quotes = []
    i, n = 0, len(body)
    while i < n:
        # Straight to the next quotation mark: nothing happens at any other character.
        found = OPENER_RE.search(body, i)
        if found is None:
            break
        i = found.start()
        if _opens(body, i):
            end = _find_close(body, i)
            if end is not None:
                close, pieces = end
                quotes.append(Quote(i, close, pieces))
                i = close
                continue
        i += 1
    return quotes


def _opens(body, i):
    ch = body[i]
    prev = body[i - 1] if i else " "
    nxt = body[i + 1] if i + 1 < len(body) else " "
    if ch in "'‘":
        return (prev.isspace() or prev in "(—–[") and nxt.isalnum()
    if ch == '"':
        return not nxt.isspace()
    return True


def _find_close(body, i):
    opener = body[i]
    closers = OPENERS[opener]
    start = i + 1
    pieces = []
    j = start
    # A quote is a few sentences; past this an opening mark was a stray one, and giving up keeps
    # a long paragraph full of stray marks from being read again and again.
    limit = MAX_SINGLE_QUOTE if opener in "‘'" else MAX_QUOTE
    stops = CLOSE_STOPS[opener]
    while j < len(body):
        # Straight to the next character that can end or break the quote; the ones between
        # change nothing, and past the limit the answer is None wherever the next stop is.
        found = stops.search(body, j)
        if found is None:
            return None
        j = found.start()
        if j - start > limit:
            return None
        ch = body[j]
        if body.startswith("\n\n", j):
            # An open quote at a paragraph's end runs on only if the next paragraph opens one.
            k = j
            while k < len(body) and body[k].isspace():
                k += 1
            if k < len(body) and body[k] in OPENERS and body[k] not in "'’":
                pieces.append((start, j))
                start = j = k + 1
                continue
            return None
        if ch in closers and j > start:
            if opener in "‘'" and j + 1 < len(body) and body[j + 1].isalpha():
                j += 1  # an apostrophe: Ukraine’s
                continue
            if opener == '"' and j + 1 < len(body) and body[j + 1].isalnum() and not body[j - 1].isspace():
                j += 1
                continue
            pieces.append((start, j))
            return j + 1, pieces
        if opener in "‘'" and ch in '“”"':
            return None
        j += 1
    return None


def mask_quotes(body, quotes):
    chars = list(body)
    for q in quotes:
        for s, e in q.pieces:
            for k in range(s, e):
                if chars[k] != "\n":
                    chars[k] = MASK
    return "".join(chars)


def split_sentences(body, quotes):
    """(start, end) of each sentence: paragraphs split at sentence ends outside quotes."""
    inside = bytearray(len(body))
    for q in quotes:
        for k in range(q.open, q.close):
            inside[k] = 1
    spans = []
    for para in PARAGRAPH.finditer(body):
        start = para.start()
        # A quote over several paragraphs makes them one block.
        if spans and inside[start - 1] and start > 0:
            start = spans.pop()[0]
        spans.append((start, para.end()))
    sentences = []
    for ps, pe in spans:
        s = ps
        for m in SENTENCE_END.finditer(body, ps, pe):
            end = m.end()
            if inside[m.start()] and end < pe and inside[end - 1]:
                continue
            # The last word before the stop; it is found among the word and stop characters that
            # end the sentence, not by reading the whole sentence again.
            k = end
            while k > s and (body[k - 1].isalnum() or body[k - 1] in WORD_BEFORE_END_CHARS):
                k -= 1
            word = WORD_BEFORE_END.search(body, k, end)
            token = word.group(1).rstrip(".").casefold() if word else ""
            if token in ABBREVIATIONS or INITIALS.fullmatch(token) and len(token) <= 3:
                continue
            sentences.append((s, end))
            s = end
            while s < pe and body[s].isspace():
                s += 1
        if s < pe:
            sentences.append((s, pe))
    return sentences


@dataclass
class Verb:
    start: int
    end: int
    form: str
    base: str
    speaker: object = None  # a Cluster, or None
    found: bool = False  # a subject was found, maybe an anonymous one
    after_subject: int | None = None  # where the subject ends when it follows the verb
    consumed: bool = False


@dataclass
class Candidate:
    speaker: object
    text: str
    kind: str
    position: int
    quote: Quote | None = None
    pieces: list = field(default_factory=list)
    continues: bool = False  # carries on the previous quote of the same speaker


class StatementFinder:
    def __init__(self, body, index):
        self.body = body
        self.index = index
        self.quotes = find_quotes(body)
        self.masked = mask_quotes(body, self.quotes)
        self.opens = [q.open for q in self.quotes]  # in order: quotes are found left to right
        self.norms = {}  # statement text -> _norm of it, for the duplicate check
        self.starts = [m.start for m in index.mentions]
        self.history = []  # the people the text has been about, latest last, for pronouns
        self.gender = {}  # id(cluster) -> "m" or "f", learnt from the pronouns used for them
        self.last_org = None
        self.results = []
        self.seen_paragraphs = set()
        self.last_sentence = None
        self.last_sentence_speaker = (False, None)

    # -- speakers -------------------------------------------------------------------------

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

    def subject_before(self, s0, pos, sentence_end):
        """The speaker whose subject ends just before `pos`: (found, cluster)."""
        near = max(s0, pos - LOOKBACK)
        left = self.masked[near:pos]
        left = GLUE_TAIL.sub("", left)
        end = near + len(left)
        m = self.mention_ending_at(end)
        if m is not None and not left.endswith(("’s", "'s")):
            return True, m.cluster
        if left.endswith(","):
            app = APPOSITIVE_TAIL.search(left)
            if app and (_role_like(app.group()) or RELATIVE.match(app.group())):
                m = self.mention_ending_at(near + app.start())
                if m is not None:
                    return True, m.cluster
                nom = NOMINAL_TAIL.search(left[: app.start()])
                if nom and RELATIVE.match(app.group()):
                    found, cluster = self.resolve_nominal(nom.group("det"), nom.group("words"), near + nom.start())
                    if found:
                        return True, cluster
            return self.main_subject(s0, pos)
        if re.search(r"\b(?:and|but)$", left):
            return self.main_subject(s0, pos)
        pro = PRONOUN_TAIL.search(left)
        if pro:
            return True, self.resolve_pronoun(pro.group(1))
        nom = NOMINAL_TAIL.search(left)
        if nom:
            found, cluster = self.resolve_nominal(nom.group("det"), nom.group("words"), near + nom.start())
            if found:
                return True, cluster
        return False, None

    def subject_after(self, pos, limit):
        """The speaker named right after a verb ("…,” said Rutte"): (found, cluster, end)."""
        right = self.masked[pos:limit]
        lead = len(right) - len(right.lstrip())
        start = pos + lead
        for m in self.mentions_from(start):
            if m.cluster is not None:
                between = self.body[start : m.start]
                if len(between) <= 60 and not re.search(r"[,.;:“”\"]", between):
                    words = between.split()
                    # "said local councillor Per Olsen": a title, maybe in lower case, before the name.
                    if len(words) <= 5 and all(_title_word(w) or w.casefold() not in FUNCTION_WORDS for w in words):
                        return True, m.cluster, m.end
                break
        pro = re.match(r"\s*(he|she|they)\b", right)
        if pro:
            return True, self.resolve_pronoun(pro.group(1)), pos + pro.end()
        nom = re.match(r"\s*(?P<det>the|a|an)\s+(?P<words>(?:[\w.’'-]+\s+){0,4}?[\w’'-]+)(?=[\s,.;]|$)", right, re.I)
        if nom:
            # Try the longest phrase that names someone: "the Turkish foreign minister".
            words = nom.group("words")
            parts = words.split()
            for k in range(len(parts), 0, -1):
                found, cluster = self.resolve_nominal(nom.group("det"), " ".join(parts[:k]), pos)
                if found:
                    return True, cluster, pos + nom.start("words") + len(" ".join(parts[:k]))
        return False, None, pos

    def main_subject(self, s0, limit):
        """The subject of the sentence: its first name, pronoun or nominal not after a preposition."""
        cands = []
        for m in self.mentions_from(s0, limit):
            if m.cluster is not None:
                cands.append((m.start, "m", m))
        sentence = self.masked[s0:limit]
        for p in PRONOUN.finditer(sentence):
            cands.append((s0 + p.start(), "p", p.group(1)))
        for nm in THE_NOMINAL.finditer(sentence):
            cands.append((s0 + nm.start(), "n", nm))
        for pos, kind, obj in sorted(cands, key=lambda c: c[0]):
            before = self.masked[max(s0, pos - LOOKBACK) : pos]
            if _preposition_before(before) or before.rstrip().endswith(("’s", "'s")):
                continue
            if not _subject_slot(before):
                continue
            if kind == "m":
                after = self.body[obj.end : obj.end + 2]
                if after in ("’s", "'s"):
                    continue
                return True, obj.cluster
            if kind == "p":
                return True, self.resolve_pronoun(obj)
            found, cluster = self.resolve_nominal(obj.group("det"), obj.group("words"), pos)
            if found:
                return True, cluster
        return False, None

    def resolve_pronoun(self, word):
        word = word.casefold()
        if word == "it":
            last = self.history[-1] if self.history else None
            return last if last is not None and last.kind != "person" else None
        if word == "they":
            last = self.history[-1] if self.history else None
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
                if cluster is not UNNAMED:
                    self.gender[id(cluster)] = gender
                return cluster
        return None

    def learn_gender(self, cluster, start, s1):
        """ "Ozola said she …": the first he or she after a person's speech verb is theirs."""
        if cluster is None or cluster is UNNAMED or cluster.kind != "person" or id(cluster) in self.gender:
            return
        m = re.search(r"\b(he|she|his|her|him)\b", self.masked[start:s1], re.IGNORECASE)
        if m:
            self.gender[id(cluster)] = "f" if m.group(1).casefold() in ("she", "her") else "m"

    def resolve_nominal(self, det, words, pos):
        """ "the Ukrainian minister" -> the Ukrainian minister of the article; (found, cluster)."""
        parts = [w.strip(".,").replace("’", "'") for w in words.split()]
        low = [p.casefold() for p in parts]
        if not low:
            return False, None
        head = low[-1]
        singular = head[:-1] if head.endswith("s") and head[:-1] in speech.ROLE_HEADS else None
        if singular:
            return head in ("officials", "sources", "diplomats") or singular in speech.ROLE_HEADS, None
        if det.casefold() in ("a", "an"):
            if head in speech.ROLE_HEADS or head in ("source", "spokesperson"):
                # "a Commission spokesperson" speaks for the Commission.
                if head in ("spokesperson", "spokesman", "spokeswoman"):
                    for p in parts[:-1]:
                        orgs = [c for c in self.index.clusters if c.kind == "organisation" and _names_org(p, c)]
                        if orgs:
                            return True, self._latest(orgs, pos)
                return True, UNNAMED
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
            return True, (same[0] if len(same) == 1 else UNNAMED)
        top = max(s for s, _ in best)
        return True, self._latest([c for s, c in best if s == top], pos)

    def _latest(self, clusters, pos):
        def last(c):
            before = [m.start for m in c.mentions if m.start <= pos]
            return max(before) if before else -(10**9) + c.mentions[0].start

        return max(clusters, key=last)

    # -- verbs ----------------------------------------------------------------------------

    def verbs_in(self, s0, s1):
        found = []
        text = self.masked[s0:s1]
        for m in speech.SPEECH_VERB_RE.finditer(text):
            form = m.group(1)
            if not form.islower():
                continue
            base = speech.SPEECH_FORMS[form]
            if _determiner_before(text, m.start()):
                continue
            if base in speech.NEEDS_COMPLEMENT and not COMPLEMENT.match(text, m.end()):
                continue
            if base == "call":
                continue
            found.append(Verb(s0 + m.start(), s0 + m.end(), form, base))
        for m in PHRASE_RE.finditer(text):
            if not m.group()[0].islower():
                continue
            if any(v.start <= s0 + m.start() < v.end for v in found):
                continue
            found.append(Verb(s0 + m.start(), s0 + m.end(), m.group(), "phrase"))
        return sorted(found, key=lambda v: v.start)

    # -- the walk -------------------------------------------------------------------------

    def run(self):
        sentences = split_sentences(self.body, self.quotes)
        previous_para = None
        for s0, s1 in sentences:
            para = self._paragraph_of(s0)
            has_words = WORD_CHAR.search(self.body[s0:s1].casefold()) is not None
            if para != previous_para:
                previous_para = para
                pkey = _norm(self.body[para[0] : para[1]])
                para_repeat = pkey in self.seen_paragraphs
                self.seen_paragraphs.add(pkey)
            if para_repeat or not has_words or s1 - s0 > MAX_SENTENCE:
                continue
            self.sentence(s0, s1)
        return self.results

    def _paragraph_of(self, pos):
        start = self.body.rfind("\n\n", 0, pos)
        end = self.body.find("\n\n", pos)
        return (0 if start < 0 else start + 2, len(self.body) if end < 0 else end)

    def sentence(self, s0, s1):
        body = self.body
        quotes = self.quotes[bisect.bisect_left(self.opens, s0) : bisect.bisect_left(self.opens, s1)]
        standalone = [q for q in quotes if q.is_long(body) and self._standalone(q, s0)]
        verbs = self.verbs_in(s0, s1)
        for v in verbs:
            v.found, v.speaker = self.subject_before(s0, v.start, s1)
            if not v.found:
                found, cluster, end = self.subject_after(v.end, s1)
                if found and self._after_quote_or_end(s0, v):
                    v.found, v.speaker, v.after_subject = True, cluster, end
        made = []
        # Direct quotes standing on their own.
        i = 0
        while i < len(standalone):
            q = standalone[i]
            group = [q]
            verb = self._verb_after_quote(q, verbs, s1)
            if verb is not None:
                verb.consumed = True
                # A quote split around its attribution: "“…,” X said, “…”".
                tail_end = verb.after_subject or verb.end
                nxt = standalone[i + 1] if i + 1 < len(standalone) else None
                if nxt is not None and re.fullmatch(r"[^.!?“”\"]{0,40}?[,:]\s*", body[tail_end : nxt.open]):
                    group.append(nxt)
                    i += 1
            else:
                verb = self._verb_before_quote(q, verbs, s0)
                if verb is not None:
                    verb.consumed = True
                    # "“My worry,” Ortega said, “is that …”": a short opening part belongs to it.
                    head = [
                        x
                        for x in quotes
                        if x.close <= verb.start
                        and x not in standalone
                        and re.fullmatch(r"[^.!?“”\"]{0,60}", self.masked[x.close : verb.start])
                    ]
                    if head:
                        group.insert(0, head[-1])
                    # "X told Y that …: “…”": the reported part before the colon is a statement too.
                    gap = self.masked[verb.end : q.open]
                    that = re.search(r"\bthat\b(?P<rest>[^:]*):\s*$", gap)
                    named = verb.speaker is not None and verb.speaker is not UNNAMED
                    if that and len(WORD_RE.findall(that.group("rest"))) >= 4 and named:
                        lead = self.body[s0 : verb.end + that.end("rest")].strip()
                        made.append(Candidate(verb.speaker, lead, "indirect", s0))
            speaker, found = (verb.speaker, verb.found) if verb is not None else (None, False)
            continues = False
            if verb is None:
                found, speaker = self._colon_or_continuation(q, s0)
                continues = found and bool(self.results) and self.results[-1].speaker is speaker
                continues = continues and not self.body[s0 : q.open].strip()
            if found:
                made.append(self._direct(group, speaker))
                made[-1].continues = continues
            i += 1
        # Reported speech: one statement per sentence, from its first attributed verb.
        reported = None
        acc = ACCORDING_TO.search(self.masked, s0, s1)
        if acc and not self.masked[s0 : acc.start()].strip(" ,"):
            reported = self._according_to(acc, s0, s1, standalone)
        for v in verbs:
            if reported is not None or v.consumed or not v.found:
                continue
            reported = self._reported(v, s0, s1, standalone)
        if reported is None and acc:
            reported = self._according_to(acc, s0, s1, standalone)
        if reported is not None:
            made.append(reported)
        made = [c for c in made if c is not None]
        for c in sorted(made, key=lambda c: c.position):
            self._add(c)
        for v in verbs:
            if v.found and v.after_subject is None:
                self.learn_gender(v.speaker, v.end, s1)
        # Who the next "he" is.
        speakers = [c.speaker for c in made if c.speaker is not None]
        speakers = speakers or [v.speaker for v in verbs if v.found and v.speaker is not None][:1]
        self.last_sentence = (s0, s1)
        if speakers:
            self.last_sentence_speaker = (True, speakers[-1])
            self._set_focus(speakers[-1])
        else:
            # main_subject reads the same state both times it used to be called here, so once will do.
            found, cluster = self.last_sentence_speaker = self.main_subject(s0, s1)
            if found and cluster is not None:
                self._set_focus(cluster)

    def _set_focus(self, cluster):
        if cluster.kind == "person":
            self.history.append(cluster)
        else:
            self.last_org = cluster
            self.history.append(cluster)

    def _standalone(self, q, s0):
        """A quote that is a statement of its own, not a phrase quoted inside a sentence."""
        before = self.body[s0 : q.open].rstrip()
        return not before or before[-1] in ":,—–-(" or before.endswith(("that", "saying", "said"))

    def _after_quote_or_end(self, s0, v):
        before = self.body[s0 : v.start].rstrip()
        return bool(re.search(r"[,”\"’]$", before)) or not before

    def _verb_after_quote(self, q, verbs, s1):
        for v in verbs:
            if v.start < q.close or v.consumed:
                continue
            between = self.body[q.close : v.start]
            if len(between) > 90 or re.search(r"[.!?“\"]", between):
                return None
            if not re.match(r"\s*[,—–-]?\s*", between) or not v.found:
                return None
            if between.strip(" ,—–-") and v.after_subject is None:
                # "“…,” Rutte said": the subject between the quote and the verb.
                return v
            return v
        return None

    def _verb_before_quote(self, q, verbs, s0):
        before = [v for v in verbs if v.end <= q.open and not v.consumed and v.found]
        if not before:
            return None
        v = before[-1]
        gap = self.masked[v.end : q.open]
        if re.search(r"[.!?;]", gap) or len(gap) > 160:
            return None
        return v

    def _colon_or_continuation(self, q, s0):
        before = self.body[s0 : q.open].rstrip()
        if before.endswith(":"):
            return self.main_subject(s0, q.open)
        if not before and self.body[:s0].rstrip().endswith(":") and self.last_sentence is not None:
            # A paragraph that ends "…, she told the weekly Rundschau:" introduces the quote below it.
            return self.last_sentence_speaker
        if not before and self.results:
            last = self.results[-1]
            if last.kind == "direct" and last.quote is not None and self._near(last.quote, q):
                return True, last.speaker
        return False, None

    def _near(self, q1, q2):
        """Two quotes in the same or adjacent paragraphs with only the attribution between."""
        between = self.masked[q1.close : q2.open]
        return between.count("\n\n") <= 1 and len(between) < 200

    def _direct(self, group, speaker):
        text = " ".join(q.text(self.body) for q in group)
        return Candidate(speaker, text, "direct", group[0].open, quote=group[-1])

    def _reported(self, v, s0, s1, standalone):
        body = self.body
        if v.after_subject is not None or self._ends_sentence(v, s1):
            # "…, Rutte said." The statement is what comes before the attribution.
            if v.base == "report":
                # "…, Danube Dispatch reports." says where the article comes from, not who spoke.
                return None
            cut = self._attribution_start(s0, v)
            text = body[s0:cut].strip(" ,—–-")
            position, end = s0, cut
            if v.base == "phrase" and re.match(r"as\b", body[s0:cut].strip(), re.I):
                return None
        else:
            content = v.end
            that = THAT_AFTER.match(self.masked[content:s1])
            if that and v.base not in ("accuse", "brief", "characterize", "characterise", "describe"):
                content += that.end()
            content += len(self.masked[content:s1]) - len(self.masked[content:s1].lstrip(" ,:"))
            if not that and LEADING_PREPOSITION.match(body[content:s1]):
                return None
            # The statement is the sentence, less the quotes that are statements of their own.
            start = s0
            for q in standalone:
                if q.close <= v.start:
                    start = q.close
            end = s1
            for q in standalone:
                if q.open >= content:
                    intro = re.search(r",\s*[a-z]+ing\b[^,.;]{0,40}[:,]?\s*$|[:,]\s*$", body[content : q.open])
                    end = content + intro.start() if intro else q.open
                    break
            tail = TRAILING_ATTRIBUTION.search(body[start:end])
            if tail:
                end = start + tail.start()
            text = body[start:end].strip(' ,—–-:”"')
            if body[start:end].rstrip().endswith(".") and not text.endswith("."):
                text += "."
            position = start
            if len(WORD_RE.findall(body[content:end])) < 3:
                return None
        words = WORD_RE.findall(text)
        if len(words) < 3 or v.speaker is None or v.speaker is UNNAMED:
            return None
        quoted = sum(q.words(body) for q in self.quotes if position <= q.open < end)
        kind = "direct" if quoted >= 0.6 * len(words) else "indirect"
        return Candidate(v.speaker, text, kind, position)

    def _ends_sentence(self, v, s1):
        rest = self.body[(v.after_subject or v.end) : s1]
        rest = GLUE_HEAD.sub("", rest)
        if v.base == "tell":
            # "…, spokesman Arkady Volkov told state media."
            rest = re.sub(r"^\s*(?:the\s+)?(?:[\w’'-]+\s*){1,3}(?=[.!?,;]|$)", "", rest)
        # "…, Yilmaz said on Tuesday, as attacks intensified." The clause after the comma is scene-setting.
        rest = re.sub(
            r",\s*(?:as|while|after|before|when|amid|since|because|although|though|despite|following)\b.*$",
            "",
            rest,
            flags=re.S,
        )
        return bool(re.fullmatch(r"\s*(?:[,;]?\s*(?:on|in|at|to)\s+[^,.;]{1,40})?[.!?]?[”\"’]*\s*", rest))

    def _attribution_start(self, s0, v):
        """Where "…, Rutte said" starts: the comma before the subject."""
        left = self.body[s0 : v.start]
        comma = left.rfind(",")
        return s0 + comma if comma >= 0 else v.start

    def _according_to(self, acc, s0, s1, standalone):
        body = self.body
        src_start = acc.end()
        # The source runs to the next comma, with "including …" lists and appositions.
        m = re.match(r"[^,.;]+", self.masked[src_start:s1])
        src_end = src_start + (m.end() if m else 0)
        while True:
            more = re.match(r",\s*(?:including|such as|the|a)\b[^,.;]*", self.masked[src_end:s1])
            if not more or (more.group().lstrip(", ").startswith(("the", "a ")) and not _role_like(more.group())):
                break
            src_end += more.end()
        mentions = [x for x in self.mentions_from(src_start, src_end) if x.cluster is not None]
        speaker = None
        if mentions:
            people = [x for x in mentions if x.cluster.kind == "person"]
            speaker = (people or mentions)[0].cluster
        else:
            nom = re.match(r"(?P<det>the|The)\s+(?P<words>[^,.;]+)", body[src_start:src_end])
            if nom:
                _, speaker = self.resolve_nominal(nom.group("det"), nom.group("words").strip(), src_start)
        if speaker is None or speaker is UNNAMED:
            return None
        if acc.start() - s0 < 3:
            start = src_end
            while start < s1 and body[start] in " ,":
                start += 1
            end = s1
        else:
            start, end = s0, acc.start()
        for q in standalone:
            if start <= q.open < end:
                end = q.open
        text = body[start:end].strip(" ,—–-.:") + "."
        if len(WORD_RE.findall(text)) < 3:
            return None
        if not body[start:end].rstrip().endswith("."):
            text = text.rstrip(".")
        return Candidate(speaker, text, "indirect", start)

    def _add(self, c):
        key = _norm(c.text)
        if not key:
            return
        if c.continues and self.results and self.results[-1].kind == "direct":
            # "“…,” Halvorsen told journalists. “We have to plan for that.”" is one statement.
            last = self.results[-1]
            last.text = f"{last.text} {c.text}"
            last.quote = c.quote
            return
        for other in self.results:
            okey = self.norms.get(other.text)
            if okey is None:
                okey = self.norms[other.text] = _norm(other.text)
            if key == okey or (len(key) > 40 and (key in okey or okey in key)):
                return
        self.results.append(c)


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


def _names_org(word, cluster):
    word = word.casefold()
    return word == cluster.name.casefold() or word == cluster.name.split()[-1].casefold()


def _subject_slot(before):
    """Whether a word after `before` can be the subject: at the start of the sentence or of
    a clause, after nothing but a title ("During the call, President …")."""
    tail = before[max(before.rfind(c) for c in CLAUSE_BREAK) + 1 :]
    return all(_title_word(w) or w.casefold() in ("the", "former") for w in tail.split())


def _title_word(word):
    """A word of a title or a name of an office: "President", "U.S.", "Council", "envoy"."""
    word = word.strip(".")
    return word[:1].isupper() or word.casefold() in speech.TITLE_WORDS or word.casefold() in speech.ROLE_HEADS


def _role_like(phrase):
    words = ROLE_SPLIT.split(phrase.casefold())
    return any(w in speech.ROLE_HEADS for w in words) or any(speech.is_demonym(w) for w in words)


def _norm(text):
    return " ".join(WORD_RUN.findall(text.casefold()))


def find_statements(body, index, topic_rules=None):
    """The statements of `body`; speakers are the names of clusters in `index`."""
    from .topics import DEFAULT_RULES, topics_for

    rules = DEFAULT_RULES if topic_rules is None else topic_rules
    finder = StatementFinder(body, index)
    out = []
    for c in finder.run():
        out.append(
            ExtractedStatement(
                speaker=None if c.speaker is None or c.speaker is UNNAMED else c.speaker.name,
                text=c.text,
                kind=c.kind,
                position=c.position,
                topics=topics_for(c.text, rules),
            )
        )
    return out, finder
