"""Writing one extracted page's analysis (actors, mentions, statements, topics) to the database.

Called by ArticleQuerySet.store_extracted inside the page's transaction. What
an analyst did is kept: statements they worked on, speakers they corrected,
topics they added or removed.
"""

from actors.models import Actor

from .models import Mention, Statement, Topic, TopicLink, set_rule_topics, statement_fingerprint


def store_analysis(article, page):
    """Replace the machine's actors, statements and topics on `article` with those of `page`."""
    actors = {}
    mentions = {}
    for found in page.actors:
        actor = Actor.objects.resolve(found.name, kind=found.kind, role=found.role or "", aliases=found.aliases)
        actors[found.name] = actor
        mentions[actor.pk] = mentions.get(actor.pk, 0) + found.mentions
    article.mentions.exclude(actor_id__in=mentions).delete()
    for actor_id, count in mentions.items():
        Mention.objects.update_or_create(article=article, actor_id=actor_id, defaults={"count": count})

    topics = {t.slug: t for t in Topic.objects.all()}
    set_rule_topics(article, [topics[s] for s in page.topics if s in topics])

    kept = set()
    for found in page.statements:
        fingerprint = statement_fingerprint(found.text)
        if fingerprint in kept:
            continue
        kept.add(fingerprint)
        speaker = actors.get(found.speaker) if found.speaker else None
        if found.speaker and speaker is None:
            speaker = Actor.objects.resolve(found.speaker)
        statement, created = Statement.objects.get_or_create(
            article=article,
            fingerprint=fingerprint,
            defaults={"text": found.text, "kind": found.kind, "position": found.position, "speaker": speaker},
        )
        if not created:
            statement.text, statement.kind, statement.position = found.text, found.kind, found.position
            if not statement.speaker_corrected:
                statement.speaker = speaker
            statement.save()
        set_rule_topics(statement, [topics[s] for s in found.topics if s in topics])
    # Statements the page no longer has go, unless an analyst has worked on them.
    article.statements.exclude(fingerprint__in=kept).filter(
        status=Statement.Status.NEW, speaker_corrected=False
    ).exclude(topic_links__origin=TopicLink.Origin.ANALYST).delete()
