"""Template helpers for the analyst pages: search snippets, highlighted article bodies, filter links."""

import re

from django import template
from django.utils import dateformat, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from articles.models import MARK_START, MARK_STOP

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
    """
    found, missing = [], []
    for statement in sorted(statements, key=lambda s: s.position):
        text = statement.text.strip()
        end = statement.end_position
        if end is not None and text and body[statement.position : end].strip() == text:
            # Stored with its offsets: the statement is that slice of the body.
            found.append((statement.position, end, statement))
            continue
        start = body.find(text, statement.position) if text else -1
        if start < 0 and text:
            start = body.find(text)
        end = start + len(text)
        if start < 0:
            words = re.findall(r"\w+", text)
            match = re.search(r"\W+".join(map(re.escape, words)), body) if words else None
            if match is None:
                missing.append(statement)
                continue
            start, end = match.span()
        found.append((start, end, statement))
    found.sort(key=lambda span: span[0])
    spans, last_end = [], 0
    for start, end, statement in found:
        if start < last_end:
            missing.append(statement)
        else:
            spans.append((start, end, statement))
            last_end = end
    return spans, missing


def _speaker_link(statement):
    if statement.speaker is None and statement.unnamed:
        return format_html('<span class="speaker speaker-unnamed">{}</span>', speaker_label(statement))
    if statement.speaker is None:
        return mark_safe('<span class="speaker speaker-unknown">unattributed</span>')
    return format_html(
        '<a class="speaker" href="{}">{}</a>', statement.speaker.get_absolute_url(), statement.speaker.name
    )


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
    """
    paragraphs = []
    offset = 0
    for piece in _PARAGRAPH_BREAK.split(body):
        start = body.find(piece, offset)
        end = start + len(piece)
        offset = end
        html, cursor = [], start
        for s_start, s_end, statement in spans:
            if s_end <= start or s_start >= end:
                continue
            lo, hi = max(s_start, start), min(s_end, end)
            html.append(escape(body[cursor:lo]))
            first = s_start >= start
            html.append(
                format_html(
                    '<mark class="quote quote-{}"{} title="{}">{}</mark>',
                    statement.kind,
                    format_html(' id="statement-{}"', statement.pk) if first else "",
                    speaker_label(statement),
                    body[lo:hi],
                )
            )
            if s_end <= end:
                html.append(format_html(" {}", _speaker_link(statement)))
            cursor = hi
        html.append(escape(body[cursor:end]))
        if piece.strip():
            paragraphs.append(format_html("<p>{}</p>", mark_safe("".join(str(h) for h in html))))
    return mark_safe("\n".join(paragraphs))


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
