"""Whether two statements by one speaker report the same remark: copies, trimmed or extended quotes, paraphrases.

Outlets carrying one remark word it differently: a copy keeps the words, an
editor trims a quote or gives more of it, and reported speech turns "We will
keep the sanctions" into "the sanctions would stay". Two measures cover these:

- shingle containment: the share of the shorter wording's word triples found
  in the longer one. A copy scores 1, and so does a trimmed quote inside the
  full one, however much longer the full one is.
- content-word overlap (Dice over lightly stemmed words that are not function
  words): reported speech keeps a remark's nouns and verbs while pronouns,
  tense and word order change.

The score is the larger of the two. SAME_REMARK was set on the pages in
tests/utterance_pages and tests/test_same_remark.py: paraphrases of one remark
score 0.55 and above, two different remarks of one speaker on one subject
(the same names, the same talking point) 0.5 and below. Whether two reports
are of one occasion (a date window, the same story) is the caller's question:
a talking point repeated a week later scores like a copy.
"""

import hashlib
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

# At or above: the same remark. Between SIMILAR and SAME_REMARK: a similar remark (shown, never joined).
SAME_REMARK = 0.55
SIMILAR = 0.3
# Below this many shared content words, overlap means only that both talk about the same thing.
MIN_SHARED_WORDS = 3
# A wording shorter than this many words is compared by its content words only:
# three words of a triple prove little.
MIN_SHINGLE_WORDS = 6

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

FUNCTION_WORDS = frozenset(
    # Pronouns, auxiliaries, connectives and the verbs of reporting: reported speech changes these.
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours yourself yourselves
    must may might shall said says say saying told tells tell added adds stressed noted according
    mr mrs ms dr one it's that's we're we'll we've they're they'll i'm i've don't won't can't
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


@dataclass(frozen=True)
class Wording:
    """A statement's text made ready for comparing: its words, content stems and word triples."""

    words: tuple
    content: frozenset
    shingles: frozenset


def normalise(text):
    """The words of `text`, folded: case, curly apostrophes and possessives do not count."""
    words = []
    for word in _WORD.findall(text.casefold().replace("’", "'")):
        if word.endswith("'s"):
            word = word[:-2]
        words.append(word)
    return tuple(words)


@lru_cache(maxsize=4096)
def words_key(text):
    """A short key of `text`'s folded words: equal for copies of one wording, whatever the quote marks."""
    return hashlib.blake2b(" ".join(normalise(text)).encode(), digest_size=12).hexdigest()


def stem(word):
    """A light suffix strip, enough for reported speech: agreements/agreement, lasting/last, stressed/stress."""
    for suffix in ("ings", "ing", "ies", "ied", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return base + "y"
            if suffix == "s" and word.endswith("ss"):
                return word
            return base
    return word


@lru_cache(maxsize=32_768)
def prepare(text):
    """`text` made ready for comparing; cached, as the same few utterances are candidates for page after page."""
    words = normalise(text)
    content = frozenset(stem(w) for w in words if w not in FUNCTION_WORDS)
    shingles = frozenset()
    if len(words) >= MIN_SHINGLE_WORDS:
        shingles = frozenset(zip(words, words[1:], words[2:], strict=False))
    return Wording(words=words, content=content, shingles=shingles)


def similarity(a, b):
    """How alike two prepared wordings are, from 0 to 1 (see the module docstring)."""
    if a.words == b.words and a.words:
        # The same words, however short: a copy.
        return 1.0
    shared = len(a.content & b.content)
    if shared < MIN_SHARED_WORDS:
        # Too little in common to be one remark, however short the wordings.
        return shared / max(len(a.content) + len(b.content), 1)
    dice = 2 * shared / (len(a.content) + len(b.content))
    contained = 0.0
    if a.shingles and b.shingles:
        contained = len(a.shingles & b.shingles) / min(len(a.shingles), len(b.shingles))
    return max(dice, contained)


def same_remark(a, b):
    return similarity(a, b) >= SAME_REMARK


def best_match(wording, candidates):
    """The (key, score) of the candidate most alike to `wording` at SAME_REMARK or above, else None.

    `candidates` yields (key, [prepared wordings]); a candidate scores its best wording.
    """
    best = None
    for key, wordings in candidates:
        score = max((similarity(wording, other) for other in wordings), default=0.0)
        if score >= SAME_REMARK and (best is None or score > best[1]):
            best = (key, score)
    return best


class Shortlist:
    """Keys with their wordings, and for a new wording those that could score SAME_REMARK with it.

    Below MIN_SHARED_WORDS shared content words a pair scores under one half
    unless its words are the same (similarity()), so only keys sharing that
    many content words with a wording, or all its words, can match: looked up
    by word instead of scored one by one. A page's busy speaker has hundreds
    of utterances around its date, and scoring every one against every
    statement was most of the time of placing a page's statements.
    """

    def __init__(self):
        self._order = {}
        self._by_content = {}
        self._by_words = {}

    def add(self, key, wordings):
        """Add `key`'s wordings (a key added again keeps its place and gains the new ones)."""
        self._order.setdefault(key, len(self._order))
        for wording in wordings:
            for word in wording.content:
                self._by_content.setdefault(word, set()).add(key)
            if wording.words:
                self._by_words.setdefault(wording.words, set()).add(key)

    def could_match(self, wording):
        """The keys that may score SAME_REMARK with `wording`, in the order they were first added."""
        shared = {}
        for word in wording.content:
            for key in self._by_content.get(word, ()):
                shared[key] = shared.get(key, 0) + 1
        keys = {key for key, n in shared.items() if n >= MIN_SHARED_WORDS}
        keys.update(self._by_words.get(wording.words, ()))
        return sorted(keys, key=self._order.__getitem__)


def differences(first, other):
    """How `other` words the remark compared with `first`: [(kind, text)], kind "same", "added" or "left out".

    Word by word (difflib), punctuation kept with its word, so a trimmed tail or a changed verb shows as such.
    """
    a, b = first.split(), other.split()
    matcher = SequenceMatcher(None, [_fold(w) for w in a], [_fold(w) for w in b], autojunk=False)
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            parts.append(("left out", " ".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("added", " ".join(b[j1:j2])))
    return parts


def _fold(word):
    return " ".join(normalise(word)) or word
