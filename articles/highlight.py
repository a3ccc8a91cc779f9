"""Placing statements in an article's body, for the page that shows them highlighted (articles.views.article_detail).

Plain Python over the body text and the stored statements; the template tag
articles.templatetags.newsdesk.article_body renders the spans found here.
"""

import re


def locate_statements(body, statements):
    """Where each statement sits in `body`: ([(start, end, statement)], [statements not found]).

    A statement is looked for at its stored position first, then anywhere, then
    as the same words with any spacing and punctuation between them (quote
    marks and line breaks may differ from the body). Overlapping spans keep the
    earlier one.

    Whatever a stored page holds, the time is bounded (see StatementSearch):
    a regex for the words over a huge repeated paragraph took 31 s.
    """
    search = StatementSearch(body)
    found, missing = [], []
    for statement in sorted(statements, key=lambda s: s.position):
        span = None
        end = statement.end_position
        text = statement.text.strip()
        corrected = getattr(statement, "text_corrected", False)
        if end is not None and text and (corrected or body[statement.position : end].strip() == text):
            # Stored with its offsets: the statement is that slice of the body (also
            # when an analyst corrected its text, which the body no longer matches).
            span = (statement.position, end)
        else:
            span = search.find(text, statement.position)
        if span is None:
            missing.append(statement)
        else:
            found.append((*span, statement))
    found.sort(key=lambda span: span[0])
    spans, last_end = [], 0
    for start, end, statement in found:
        if start < last_end:
            missing.append(statement)
        else:
            spans.append((start, end, statement))
            last_end = end
    return spans, missing


class StatementSearch:
    """Finding statements in one body, in time linear in the body and the statements whatever they hold.

    A statement at its stored offset costs its length. Elsewhere, str.find
    (linear in CPython) reads the body, at most FIND_BUDGET characters for all
    statements. The search by words splits text into words with a regex, about
    a hundred times slower per character, so it covers at most WORDS_BUDGET
    characters: the whole body when it is that small (every real article), else
    the stretch around each statement's stored offset, which is where the
    extractor found it. Statements the budgets leave unsearched are not placed.
    """

    FIND_BUDGET = 64 * 1024 * 1024
    WORDS_BUDGET = 1024 * 1024
    # Around a statement's stored offset, in a body too large to split whole.
    AROUND = 4096

    def __init__(self, body):
        self.body = body
        self.find_left = self.FIND_BUDGET
        self.words_left = self.WORDS_BUDGET
        self.whole = None

    def find(self, text, position):
        """The span of `text` in the body, or None."""
        body = self.body
        if not text:
            return None
        if body.startswith(text, position):
            return position, position + len(text)
        if self.find_left > 0:
            self.find_left -= 2 * len(body)
            start = body.find(text, position)
            if start < 0:
                start = body.find(text)
            if start >= 0:
                return start, start + len(text)
        return self.find_words(text, position)

    def find_words(self, text, position):
        body = self.body
        if len(body) <= self.WORDS_BUDGET:
            if self.whole is None:
                self.whole = BodyWords(body)
            return self.whole.find(text)
        lo = max(0, position - self.AROUND)
        hi = min(len(body), position + 2 * len(text) + self.AROUND)
        if hi - lo > self.words_left:
            return None
        self.words_left -= hi - lo
        span = BodyWords(body[lo:hi]).find(text)
        if span is None:
            return None
        start, end = span[0] + lo, span[1] + lo
        # The stretch may have cut a word in two: a match must start and end on the body's own word boundaries.
        if (start > 0 and _WORD.match(body, start - 1)) or _WORD.match(body, end):
            return None
        return start, end


_WORD = re.compile(r"\w")
_NON_WORDS = re.compile(r"\W+")


class BodyWords:
    """A text's words, one space apart, to find another text's words in it whatever lies between them."""

    def __init__(self, body):
        self.body = body
        self.spaced = " " + _NON_WORDS.sub(" ", body).strip() + " "

    def find(self, text):
        """The span in the body of the first run of `text`'s words, or None."""
        words = re.findall(r"\w+", text)
        if not words:
            return None
        at = self.spaced.find(f" {' '.join(words)} ")
        if at < 0:
            return None
        before = self.spaced.count(" ", 0, at)  # words before the run: one space ahead of each
        # The start of word number `before` in the body, then the run itself, both anchored: linear.
        start = re.compile(rf"(?:\W*+\w++){{{before}}}\W*+").match(self.body).end()
        run = re.compile(r"\W+".join(map(re.escape, words))).match(self.body, start)
        return run.span() if run else None
