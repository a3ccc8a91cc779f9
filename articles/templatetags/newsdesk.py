"""Template helpers for the analyst pages: search snippets, highlighted article bodies, filter links."""

import re

from django import template
from django.utils import dateformat, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from articles.search import MARK_START, MARK_STOP

register = template.Library()

_MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_STOP}]*){MARK_STOP}")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@register.filter
def marked(snippet):
    """A search snippet as HTML: the text escaped, then the matched words put in <mark>."""
    html = _MARKED.sub(r"<mark>\1</mark>", escape(snippet))
    return mark_safe(html.replace(MARK_START, "").replace(MARK_STOP, ""))


@register.filter
def web_link(url):
    """`url` if a browser would open it as a web page, else "": an href never carries javascript: or data:.

    Ingest keeps only http(s) URLs and the admin's URLField refuses other
    schemes; this guards the link against whatever else writes the column.
    """
    return url if re.match(r"https?://", url or "", re.IGNORECASE) else ""


@register.filter
def published(article, empty="Undated"):
    """An article's date as the page gave it: day, or day and time; `empty` when the page gave none."""
    if article.published is None:
        return empty
    local = timezone.localtime(article.published)
    return dateformat.format(local, "j M Y, H:i" if article.published_has_time else "j M Y")


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
        if end is not None and text and body[statement.position : end].strip() == text:
            # Stored with its offsets: the statement is that slice of the body.
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


def _speaker_link(statement):
    if statement.speaker is None and statement.unnamed:
        return format_html('<span class="speaker speaker-unnamed">{}</span>', speaker_label(statement))
    if statement.speaker is None:
        return mark_safe('<span class="speaker speaker-unknown">unattributed</span>')
    return format_html(
        '<a class="speaker" href="{}">{}</a>', statement.speaker.get_absolute_url(), statement.speaker.name
    )


_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\n?")


@register.filter
def speaker_label(statement):
    """Who a statement is from, as a reader would say it: the speaker's name, the unnamed source as
    the article describes it ("a senior NATO official"), or "Unattributed"."""
    if statement.speaker is not None:
        return statement.speaker.name
    if statement.unnamed and statement.source_description:
        return statement.source_description
    return "Unattributed"


@register.simple_tag
def article_body(body, spans):
    """The body as paragraphs, each statement in `spans` (see locate_statements) marked and credited.

    Every piece of page text goes through escape(); only our own tags are added.
    A mark that runs over a paragraph break is closed before it and opened
    again after. Built from whole runs of text with C-speed escape and
    substitution, not paragraph by paragraph: a page of a million short
    paragraphs renders in linear time too.
    """
    parts, cursor = [], 0
    for start, end, statement in spans:
        parts.append(_PARAGRAPH_BREAK.sub("</p>\n<p>", escape(body[cursor:start])))
        speaker = speaker_label(statement)
        kind, pk = statement.kind, statement.pk
        parts.append(format_html('<mark class="quote quote-{}" id="statement-{}" title="{}">', kind, pk, speaker))
        reopen = format_html('</mark></p>\n<p><mark class="quote quote-{}" title="{}">', kind, speaker)
        parts.append(_PARAGRAPH_BREAK.sub(lambda _, reopen=reopen: reopen, escape(body[start:end])))
        parts.append(format_html("</mark> {}", _speaker_link(statement)))
        cursor = end
    parts.append(_PARAGRAPH_BREAK.sub("</p>\n<p>", escape(body[cursor:])))
    return mark_safe(_EMPTY_PARAGRAPH.sub("", f"<p>{''.join(parts)}</p>").strip("\n"))


@register.simple_tag(takes_context=True)
def without_value(context, name, value):
    """The current query string without one value of a repeatable parameter (and without the page)."""
    params = context.request.GET.copy()
    params.pop("page", None)
    params.setlist(name, [v for v in params.getlist(name) if v != str(value)])
    return f"?{params.urlencode()}" if params else "?"


@register.simple_tag(takes_context=True)
def active_filters(context, form):
    """Every filter value in use, as {"label", "value", "remove"} with a link to the list without it.

    Values that did not validate are listed too, so the analyst can remove them.
    """
    request = context.request
    cleaned = getattr(form, "cleaned_data", {})
    chips = []
    for name, field in form.fields.items():
        if name == "sort":
            continue
        for raw in dict.fromkeys(v for v in request.GET.getlist(name) if v.strip()):
            chips.append(
                {
                    "label": field.label,
                    "value": _shown_value(field, raw, cleaned.get(name)),
                    "remove": without_value(context, name, raw),
                }
            )
    return chips


def _shown_value(field, raw, cleaned):
    """`raw` as the analyst knows it: an actor's name for a slug, a choice's label for its value."""
    objects = cleaned if isinstance(cleaned, list) else [cleaned]
    for obj in objects:
        if getattr(obj, "slug", None) == raw:
            return str(obj)
    choices = getattr(field, "choices", None)
    if choices is not None and not hasattr(field, "queryset"):
        return dict(choices).get(raw, raw)
    return raw
