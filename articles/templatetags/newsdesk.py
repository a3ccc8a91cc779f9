"""Template helpers for the analyst pages: search snippets, highlighted article bodies, filter links.

They only render: where statements sit in a body is found by articles.highlight.
"""

import re

from django import template
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.html import conditional_escape, escape, format_html, format_html_join
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
    # dateformat.format(local, "j M Y[, H:i]") spelled out: lists show a date on every row.
    local = timezone.localtime(article.published)
    day = f"{local.day} {MONTHS_3[local.month].title()} {local.year:04d}"
    return f"{day}, {local.hour:02d}:{local.minute:02d}" if article.published_has_time else day


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
    """The body as paragraphs, each statement in `spans` (articles.highlight.locate_statements) marked and credited.

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


@register.simple_tag
def topic_chips(topics, list_path):
    """Each topic as a chip linking to the list at `list_path` filtered by it.

    A tag rather than an included template: lists render it on every row.
    """
    return format_html_join(
        "", '<a class="chip chip-topic" href="{}?topic={}">{}</a>', ((list_path, t.slug, t.name) for t in topics)
    )


@register.simple_tag
def statement_speaker(statement):
    """Who a statement is from, linked to the speaker's page unless the speaker is hidden; an unnamed source with
    its description. A tag rather than an included template: lists render it on every row."""
    speaker = statement.speaker
    if speaker is not None and speaker.suppressed:
        return conditional_escape(speaker)
    if speaker is not None:
        return format_html('<a href="{}">{}</a>', speaker.get_absolute_url(), speaker)
    if statement.unnamed:
        return format_html(
            '<span class="unnamed-source">{}</span> <span class="badge badge-unnamed" title="The article does not name'
            ' this source">Unnamed</span>',
            statement.source_description or "Unnamed source",
        )
    return mark_safe('<span class="muted">Unattributed</span>')


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


@register.simple_tag(takes_context=True)
def ambiguous_choices(context, form):
    """Typed names that fit several actors, as {"typed", "label", "choices": [(actor, link)]}.

    Each link is the current list with the typed name replaced by that actor's slug.
    """
    found = []
    for name, field in form.fields.items():
        for typed, actors in getattr(field, "ambiguous", {}).items():
            choices = []
            for actor in actors:
                params = context.request.GET.copy()
                params.pop("page", None)
                params.setlist(name, [actor.slug if v == typed else v for v in params.getlist(name)])
                choices.append((actor, f"?{params.urlencode()}"))
            found.append({"typed": typed, "label": field.label, "choices": choices})
    return found


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
