"""Quotation marks paired over an article body, and the body split into sentences around them.

Quotes are paired before anything else is read: a sentence never ends inside a
quote, and words inside a quote are never the article's own attribution. The
marks of news writing are all read: curly and straight double quotes,
guillemets, „low-high“ quotes, single quotes and the doubled apostrophes
(''…'') of some wire and archive texts.
"""

import re
from dataclasses import dataclass, field

from . import speech

# A straight opening mark may close with a curly one: pages typed in two editors mix them.
OPENERS = {"“": "”", "«": "»", "„": "“”", "‘": "’", '"': '"”', "”": "”"}
OPENER_RE = re.compile("[" + re.escape("".join(OPENERS)) + "]")
# For each opening mark, the characters _find_close acts on: its closers, a line break (a
# paragraph's end) and, inside single quotes, a double quotation mark.
CLOSE_STOPS = {
    opener: re.compile("[" + re.escape("".join(sorted(set(closers + "\n" + ('“”"' if opener in "‘'" else ""))))) + "]")
    for opener, closers in OPENERS.items()
}
# ''…'' is read as a straight double quote: the first apostrophe stands for the mark and the
# second is hidden behind a character that is neither space nor a letter, so every offset stays.
DOUBLED_APOSTROPHE = "''"
HIDDEN = "\u2060"
MASK = "\u2022"
NOT_NEWLINE = re.compile(r"[^\n]")
MAX_QUOTE = 3000
MAX_SINGLE_QUOTE = 600
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sen", "rep", "gov", "jr", "sr", "no", "vs", "inc", "ltd",
    "co", "corp", "prof", "capt", "sgt", "maj", "adm", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct",
    "nov", "dec", "approx", "fig", "ca", "u.s", "u.k", "u.n", "d.c", "del", "rev", "gens", "sens", "reps", "hon",
    "ala", "ariz", "ark", "calif", "colo", "conn", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md",
    "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt",
    "wash", "wis", "wyo", "mt", "ft", "pt",
}  # fmt: skip
WORD_RE = re.compile(r"[\w’'-]+")
SENTENCE_MARK = re.compile(r"[.!?,]")
ENDS_SENTENCE = re.compile(r"[.!?]$")
PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
SENTENCE_END = re.compile(r"[.!?]+[”\"’»)]*(?:'')?(?=\s+[“\"‘«(]?(?:'')?[A-Z0-9])")
WORD_BEFORE_END = re.compile(r"([\w.]+)[.!?]*[”\"’»)]*$")
# The characters WORD_BEFORE_END can match, so its search starts where they start.
WORD_BEFORE_END_CHARS = frozenset('_.!?”"’»)')
INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
# After a quote: a name or a description of up to six words, then a verb of speech.
ATTRIBUTION_AFTER = re.compile(
    r"\s+(?:[\w.’'-]+,?\s+){0,6}?(?:"
    + "|".join(sorted(speech.CUE_FORMS, key=len, reverse=True))
    + r")\b[^.!?“”\"]{0,80}[.!?]"
)


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
    doubled = DOUBLED_APOSTROPHE in body
    scan = body.replace(DOUBLED_APOSTROPHE, '"' + HIDDEN) if doubled else body
    quotes = []
    i, n = 0, len(scan)
    while i < n:
        # Straight to the next quotation mark: nothing happens at any other character.
        found = OPENER_RE.search(scan, i)
        if found is None:
            break
        i = found.start()
        if _opens(scan, i):
            end = _find_close(scan, i)
            if end is not None:
                close, pieces = end
                quotes.append(Quote(i, close, pieces))
                i = close
                continue
        i += 1
    if doubled:
        for q in quotes:
            q.pieces = [(s + 1 if scan[s] == HIDDEN else s, e) for s, e in q.pieces]
            if scan[q.close - 1] == '"' and q.close < n and scan[q.close] == HIDDEN:
                q.close += 1
    return quotes


def _opens(body, i):
    ch = body[i]
    prev = body[i - 1] if i else " "
    nxt = body[i + 1] if i + 1 < len(body) else " "
    if ch in "'‘":
        return (prev.isspace() or prev in "(—–[") and nxt.isalnum()
    if ch == '"':
        return not nxt.isspace()
    if ch == "”":
        # A closing mark at the start of a line opens a quote in some hand-typed pages.
        return (i == 0 or prev == "\n") and nxt.isalpha()
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
            return _straight_close(body, opener, start, len(body), pieces)
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
            return _straight_close(body, opener, start, j, pieces)
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


# A straight double mark that ends a word: before a space, a line break or the end of the text.
STRAIGHT_CLOSE = re.compile(r'(?<=[^\s"])"(?=\s|$)')


def _straight_close(body, opener, start, end, pieces):
    """A curly quote closed by a straight mark (“…," she said): pages typed in two editors mix them. Read
    only when the paragraph has no curly closing mark for it, at the first straight mark that ends a word."""
    if opener != "“":
        return None
    found = STRAIGHT_CLOSE.search(body, start, end)
    if found is None or found.start() - start > MAX_QUOTE:
        return None
    return found.end(), [*pieces, (start, found.start())]


def mask_quotes(body, quotes):
    """The body with the words inside quotes replaced by MASK (same length, line breaks kept)."""
    parts = []
    last = 0
    for q in quotes:
        for s, e in q.pieces:
            parts.append(body[last:s])
            piece = body[s:e]
            parts.append(NOT_NEWLINE.sub(MASK, piece) if "\n" in piece else MASK * len(piece))
            last = e
    parts.append(body[last:])
    return "".join(parts)


def split_sentences(body, quotes):
    """(start, end) of each sentence: paragraphs split at sentence ends outside quotes."""
    inside = bytearray(len(body))
    for q in quotes:
        inside[q.open : q.close] = b"\x01" * (q.close - q.open)
    spans = []
    for para in PARAGRAPH.finditer(body):
        start = para.start()
        # A quote over several paragraphs makes them one block.
        if spans and start > 0 and inside[start - 1]:
            start = spans.pop()[0]
        spans.append((start, para.end()))
    sentences = []
    for ps, pe in spans:
        s = ps
        for m in SENTENCE_END.finditer(body, ps, pe):
            end = m.end()
            if inside[m.start()] and end < pe and inside[end]:
                continue  # a stop inside a quote that goes on
            if inside[end - 1] and ATTRIBUTION_AFTER.match(body, end, min(pe, end + 120)):
                continue  # "“… to fail?” Vitter demanded.": the attribution ends the sentence
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
