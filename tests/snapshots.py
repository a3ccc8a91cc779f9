"""What ingest wrote, keyed by what survives another run (origins, names), not by ids: to compare two runs."""

from actors.models import Actor, Spelling
from articles.models import Article, FailedPage, Mention, Source, Statement, Utterance
from articles.storing import delete_articles


def database_snapshot():
    """Everything ingest writes, keyed by what survives a re-ingest (origins, names), not by ids."""
    articles = [
        (
            a.origin,
            a.title,
            a.source.name if a.source else None,
            a.author,
            a.published,
            a.url,
            a.body,
            a.language,
            a.file_name,
            a.content_hash,
            sorted(t.slug for t in a.topics.all()),
        )
        for a in Article.objects.select_related("source").prefetch_related("topics").order_by("origin")
    ]
    statements = sorted(
        (
            s.article.origin,
            s.text,
            s.kind,
            s.position,
            s.speaker.name if s.speaker else None,
            tuple(sorted(t.slug for t in s.topics.all())),
        )
        for s in Statement.objects.select_related("article", "speaker").prefetch_related("topics")
    )
    mentions = sorted(
        (m.article.origin, m.actor.name, m.count) for m in Mention.objects.select_related("article", "actor")
    )
    actors = sorted(
        (a.name, a.slug, a.kind, a.role, tuple(sorted(x.key for x in a.aliases.all())))
        for a in Actor.objects.prefetch_related("aliases")
    )
    return {"articles": articles, "statements": statements, "mentions": mentions, "actors": actors}


def clear_database():
    delete_articles(Article.objects.all())
    Actor.objects.all().delete()
    Source.objects.all().delete()
    FailedPage.objects.all().delete()
    # The evidence actor resolution reads: left behind, it would decide the next run's names.
    Spelling.objects.all().delete()


def stories_and_remarks():
    """Which article each story is named by, and which statements report one remark, by origin and wording."""
    stories = sorted((a.origin, a.story.origin if a.story else "") for a in Article.objects.select_related("story"))
    remarks = sorted(
        (
            u.speaker.name if u.speaker else "",
            u.reach,
            tuple(sorted((s.article.origin, s.text) for s in u.statements.all())),
        )
        for u in Utterance.objects.select_related("speaker").prefetch_related("statements__article")
    )
    return {"stories": stories, "remarks": remarks}
