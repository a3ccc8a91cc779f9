"""The review queue: the statements of a slice still to check, one at a time, and what an analyst does to each.

A slice is a StatementFilter's rows (articles.filters.ReviewFilter: topic,
outlet, speaker, unnamed sources, dates), rejected statements included. The
next statement is the slice's first not reviewed, newest article first, in
page order, leaving out those the analyst skipped in this session. Every
action is written through the analyst methods of articles.models and
recorded in the audit log (articles.audit).
"""

from django import forms
from django.db.models import Count, Q

from actors.models import Actor, Alias
from actors.names import name_key

from . import audit
from .highlight import locate_statements
from .models import Statement, Topic

SKIPPED = "review-skipped"
# The session keeps at most this many skipped statements (the oldest go first).
MAX_SKIPPED = 500

VERIFY, REJECT, SKIP, SAVE = "verify", "reject", "skip", "save"
ACTIONS = (VERIFY, REJECT, SKIP, SAVE)


def progress(rows):
    """(checked, total) of a slice's rows, in one query: checked means verified or rejected."""
    counts = rows.order_by().aggregate(total=Count("pk"), checked=Count("pk", filter=~Q(status=Statement.Status.NEW)))
    return counts["checked"], counts["total"]


def next_statement(rows, skipped=()):
    """The slice's next statement to check, or None when every one is checked or skipped."""
    waiting = rows.filter(status=Statement.Status.NEW).exclude(pk__in=list(skipped))
    return waiting.newest_first().select_related("speaker", "article__source").prefetch_related("topics").first()


def skipped(session):
    return list(session.get(SKIPPED, []))


def skip(session, statement):
    session[SKIPPED] = [pk for pk in skipped(session) if pk != statement.pk][-(MAX_SKIPPED - 1) :] + [statement.pk]


def forget_skipped(session):
    session.pop(SKIPPED, None)


def in_context(statement):
    """The statement's paragraph split around the quote: (before, quote, after), or None when it is not found.

    Paragraphs are separated by a blank line, as the article page shows them.
    """
    body = statement.article.body
    spans, _ = locate_statements(body, [statement])
    if not spans:
        return None
    start, end, _ = spans[0]
    first = body.rfind("\n\n", 0, start)
    first = 0 if first < 0 else first + 2
    last = body.find("\n\n", end)
    last = len(body) if last < 0 else last
    return body[first:start], body[start:end], body[end:last]


class SpeakerField(forms.CharField):
    """An actor by slug or by any spelling the actor list knows; empty means no speaker."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        actor = Actor.objects.shown().filter(slug=value).first()
        if actor is None:
            alias = Alias.objects.select_related("actor").filter(key=name_key(value), actor__suppressed=False).first()
            actor = alias.actor if alias else None
        if actor is None:
            raise forms.ValidationError(f"There is no actor “{value}”: type a name as the actor list spells it.")
        return actor


class CorrectionForm(forms.Form):
    """What an analyst may correct on a statement; only the fields they changed are written.

    Each field posts the value the page showed too (show_hidden_initial), so a
    field counts as changed when the analyst changed it, not when a re-ingest
    rewrote the statement while the page was open.
    """

    speaker = SpeakerField(
        required=False,
        max_length=200,
        show_hidden_initial=True,
        help_text="A name or alias as the actor list has it; empty for no speaker.",
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), strip=True, show_hidden_initial=True)
    kind = forms.ChoiceField(choices=Statement.Kind.choices, show_hidden_initial=True)
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        show_hidden_initial=True,
    )

    def __init__(self, *args, statement, **kwargs):
        initial = {
            "speaker": statement.speaker.name if statement.speaker else "",
            "text": statement.text,
            "kind": statement.kind,
            "topics": [t.pk for t in statement.topics.all()],
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.statement = statement

    def has_changed_speaker(self):
        """Typing the same actor's slug or another spelling is no change."""
        return "speaker" in self.changed_data and self.cleaned_data["speaker"] != self.statement.speaker


def act(statement, action, form, user):
    """Do `action` on `statement` with the corrections in `form` (valid for VERIFY and SAVE); returns its ChangeSet.

    VERIFY writes the corrections and marks the statement verified, SAVE
    writes them only, REJECT marks it rejected; SKIP writes nothing.
    """
    if action == SKIP:
        return None
    labels = {VERIFY: "Review: verified", REJECT: "Review: rejected", SAVE: "Review: corrected"}
    with audit.recording(user, [statement.pk], labels[action]) as done:
        changed = []
        if action in (VERIFY, SAVE):
            changed = _apply_corrections(statement, form)
        if action in (VERIFY, REJECT):
            statement.status = Statement.Status.VERIFIED if action == VERIFY else Statement.Status.REJECTED
            changed.append("status")
        statement.save_analyst_edit(changed, user)
    return done.change_set


def _apply_corrections(statement, form):
    """Set the changed fields on `statement` (topics are written at once); returns the names to save."""
    data, changed = form.cleaned_data, []
    if form.has_changed_speaker():
        statement.speaker = data["speaker"]
        changed.append("speaker")
    for name in ("text", "kind"):
        if name in form.changed_data and data[name] != getattr(statement, name):
            setattr(statement, name, data[name])
            changed.append(name)
    if "topics" in form.changed_data:
        have = set(statement.topics.all())
        wanted = set(data["topics"])
        for topic in sorted(wanted - have, key=lambda t: t.pk):
            statement.add_topic_by_analyst(topic)
        for topic in sorted(have - wanted, key=lambda t: t.pk):
            statement.remove_topic_by_analyst(topic)
    return changed
