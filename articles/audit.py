"""The audit log of analysts' changes to statements: who, when, which field, before and after; and undo.

Every write of analyst fields (the review page, the admin's form and bulk
actions, an undo) runs inside `recording(user, statements, action)`, which
reads the statements' analyst fields before and after and keeps a
FieldChange for each field that differs, under one ChangeSet; a changed
speaker moves the statement to its new speaker's utterance
(articles.utterances.follow_speakers). Reading the
values rather than trusting each writer to report them means no writer can
forget one, and a bulk action of 11 statements keeps 11 previous speakers.

Django's admin LogEntry is kept too (the admin's history), but it stores a
message, not values: it cannot say what the speaker was before, nor put it back.
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from actors.models import Actor

from .models import ChangeSet, FieldChange, Statement, StatementTopic, Topic, TopicLink, desk_changed
from .utterances import follow_speakers, refresh_utterances_of_statements

# The columns each audited field is made of: undo puts them all back.
COLUMNS = {
    FieldChange.Field.SPEAKER: ("speaker_id", "speaker_corrected"),
    FieldChange.Field.STATUS: ("status", "reviewed_by_id", "reviewed_at"),
    FieldChange.Field.TEXT: ("text", "text_corrected"),
    FieldChange.Field.KIND: ("kind", "kind_corrected"),
    FieldChange.Field.NOTE: ("note",),
}

# A topic's state on a statement.
RULE, ANALYST, REMOVED, ABSENT = TopicLink.Origin.RULE.value, TopicLink.Origin.ANALYST.value, "removed", "absent"
TOPIC_STATES = {
    RULE: "tagged by the rules",
    ANALYST: "tagged by an analyst",
    REMOVED: "removed by an analyst",
    ABSENT: "not tagged",
}


def _plain(value):
    """`value` as it reads back from a JSONField, so a snapshot compares equal to a stored one."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(pks):
    """{statement pk: {"fields": {field: {column: value}}, "topics": {topic id: state}}}; three queries."""
    columns = [c for cols in COLUMNS.values() for c in cols]
    found = {}
    for row in Statement.objects.filter(pk__in=pks).values("pk", *columns):
        fields = {field: {c: row[c] for c in cols} for field, cols in COLUMNS.items()}
        found[row["pk"]] = {"fields": _plain(fields), "topics": {}}
    links = StatementTopic.objects.filter(statement_id__in=found).values_list("statement_id", "topic_id", "origin")
    for statement_id, topic_id, origin in links:
        found[statement_id]["topics"][topic_id] = origin
    removed = Statement.removed_topics.through.objects.filter(statement_id__in=found)
    for statement_id, topic_id in removed.values_list("statement_id", "topic_id"):
        found[statement_id]["topics"].setdefault(topic_id, REMOVED)
    return found


@dataclass
class Recording:
    """What `recording` yields: the block may reword `action`; `change_set` is set when it changed something."""

    action: str
    change_set: ChangeSet | None = None

    @property
    def count(self):
        return self.change_set.changes.count() if self.change_set else 0


@contextmanager
def recording(user, statements, action, bulk=False):
    """Record what the block changes on `statements` (a queryset or pks) as one ChangeSet by `user`."""
    pks = list(statements.values_list("pk", flat=True)) if hasattr(statements, "values_list") else list(statements)
    result = Recording(action)
    with transaction.atomic():
        before = snapshot(pks)
        yield result
        after = snapshot(pks)
        result.change_set = record(user, result.action, bulk, before, after)
        # Every analyst write passes here: a statement given another speaker leaves that speaker's utterance now,
        # not at the next ingest of its page.
        speaker = FieldChange.Field.SPEAKER
        follow_speakers(
            pk for pk, was in before.items() if pk in after and was["fields"][speaker] != after[pk]["fields"][speaker]
        )
        # A statement rejected or restored leaves or rejoins its utterance's outlets and first report.
        refresh_utterances_of_statements(
            pk for pk, was in before.items() if pk in after and _rejected(was) != _rejected(after[pk])
        )


def _rejected(state):
    return state["fields"][FieldChange.Field.STATUS]["status"] == Statement.Status.REJECTED


def record(user, action, bulk, before, after):
    """Store the differences between two snapshots as a ChangeSet, or nothing when there are none."""
    changes = []
    for pk, was in before.items():
        now = after.get(pk)
        if now is None:
            continue
        for field in COLUMNS:
            if was["fields"][field] != now["fields"][field]:
                changes.append(
                    FieldChange(statement_id=pk, field=field, before=was["fields"][field], after=now["fields"][field])
                )
        for topic_id in sorted(was["topics"].keys() | now["topics"].keys()):
            old, new = was["topics"].get(topic_id, ABSENT), now["topics"].get(topic_id, ABSENT)
            if old != new:
                changes.append(
                    FieldChange(
                        statement_id=pk,
                        field=FieldChange.Field.TOPIC,
                        before={"topic": topic_id, "state": old},
                        after={"topic": topic_id, "state": new},
                    )
                )
    if not changes:
        return None
    _label(changes)
    change_set = ChangeSet.objects.create(user=user, action=action[:300], bulk=bulk)
    for change in changes:
        change.change_set = change_set
    FieldChange.objects.bulk_create(changes)
    return change_set


def _label(changes):
    """The words the log shows for each value, as they read when the change was made."""
    speakers = {c.before["speaker_id"] for c in changes if c.field == FieldChange.Field.SPEAKER}
    speakers |= {c.after["speaker_id"] for c in changes if c.field == FieldChange.Field.SPEAKER}
    names = dict(Actor.objects.filter(pk__in=speakers - {None}).values_list("pk", "name"))
    topics = {c.before["topic"] for c in changes if c.field == FieldChange.Field.TOPIC}
    topic_names = dict(Topic.objects.filter(pk__in=topics).values_list("pk", "name"))

    def words(field, value):
        if field == FieldChange.Field.SPEAKER:
            return names.get(value["speaker_id"], "no speaker") if value["speaker_id"] else "no speaker"
        if field == FieldChange.Field.STATUS:
            return Statement.Status(value["status"]).label
        if field == FieldChange.Field.KIND:
            return Statement.Kind(value["kind"]).label
        if field == FieldChange.Field.TOPIC:
            return f"{topic_names.get(value['topic'], 'a deleted topic')}: {TOPIC_STATES[value['state']]}"
        return value[COLUMNS[field][0]]

    for change in changes:
        change.before_label = words(change.field, change.before)
        change.after_label = words(change.field, change.after)


def history(statement):
    """The statement's changes, newest first, with who made them."""
    return FieldChange.objects.filter(statement=statement).select_related("change_set__user").order_by("-id")


@dataclass
class Undone:
    restored: int
    # Values changed again since: left as they are.
    skipped: int
    change_set: ChangeSet | None


def undo(change_set, user):
    """Put back every value `change_set` changed that nobody changed since; recorded as a ChangeSet of its own.

    A value changed again after `change_set` (a later review, a re-correction)
    is left alone and counted in `skipped`, so an undo never overwrites newer
    work; so is one naming a speaker, reviewer or topic deleted since.
    """
    changes = list(change_set.changes.order_by("id"))
    pks = sorted({c.statement_id for c in changes})
    restored = skipped = 0
    with transaction.atomic():
        # Locked in id order, as ingest locks an article's statements (articles.storing).
        list(Statement.objects.select_for_update().filter(pk__in=pks).order_by("pk").values_list("pk", flat=True))
        with recording(user, pks, f"Undid “{change_set.action}”", bulk=change_set.bulk) as done:
            now = snapshot(pks)
            gone = _gone(changes)
            speakers, topics_changed = set(), False
            for change in changes:
                current = now.get(change.statement_id)
                if current is None or _current(change, current) != change.after or _refers_to(change, gone):
                    skipped += 1
                    continue
                if change.field == FieldChange.Field.TOPIC:
                    set_topic_state(change.statement_id, change.before["topic"], change.before["state"])
                    topics_changed = True
                else:
                    Statement.objects.filter(pk=change.statement_id).update(**change.before)
                    speakers.add(current["fields"][FieldChange.Field.SPEAKER]["speaker_id"])
                    speakers.add(change.before.get("speaker_id"))
                restored += 1
            # A speaker or a status put back moves statements between the actors' counts.
            Actor.objects.refresh_counts(speakers)
            if topics_changed:
                desk_changed()
        if done.change_set is not None:
            done.change_set.undoes = change_set
            done.change_set.save(update_fields=["undoes"])
    return Undone(restored, skipped, done.change_set)


def _gone(changes):
    """The speakers, reviewers and topics the changes' previous values name that no longer exist."""
    named = {"speaker_id": set(), "reviewed_by_id": set(), "topic": set()}
    for change in changes:
        for key, ids in named.items():
            if change.before.get(key) is not None:
                ids.add(change.before[key])
    return {
        "speaker_id": named["speaker_id"]
        - set(Actor.objects.filter(pk__in=named["speaker_id"]).values_list("pk", flat=True)),
        "reviewed_by_id": named["reviewed_by_id"]
        - set(get_user_model().objects.filter(pk__in=named["reviewed_by_id"]).values_list("pk", flat=True)),
        "topic": named["topic"] - set(Topic.objects.filter(pk__in=named["topic"]).values_list("pk", flat=True)),
    }


def _refers_to(change, gone):
    """Whether the previous value names a deleted speaker, reviewer or topic: it cannot be put back."""
    return any(change.before.get(key) in ids for key, ids in gone.items())


def _current(change, current):
    if change.field == FieldChange.Field.TOPIC:
        topic = change.after["topic"]
        return {"topic": topic, "state": current["topics"].get(topic, ABSENT)}
    return current["fields"][change.field]


def set_topic_state(statement_id, topic_id, state):
    """Make `topic_id` on the statement be `state` (one of TOPIC_STATES), as it was before an analyst's change."""
    removed = Statement.removed_topics.through
    StatementTopic.objects.filter(statement_id=statement_id, topic_id=topic_id).delete()
    removed.objects.filter(statement_id=statement_id, topic_id=topic_id).delete()
    if state in (RULE, ANALYST):
        StatementTopic.objects.create(statement_id=statement_id, topic_id=topic_id, origin=state)
    elif state == REMOVED:
        removed.objects.create(statement_id=statement_id, topic_id=topic_id)
