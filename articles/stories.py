"""Stories: copies of one article across outlets, found at ingest (near-duplicate bodies, MinHash/LSH).

Each article with a body long enough to compare keeps its MinHash signature
(ArticleSignature) and its 32 LSH band keys (ArticleBand, indexed on the key).
Storing a page reads, in one indexed query, the first PER_KEY articles
stored under each of its band keys and their signatures (so the work per page
is bounded however many copies a story has), keeps those whose estimated
Jaccard similarity reaches near_copies.SAME_STORY, and puts the page in the
story of the most alike. A story is named by its earliest-published article, ties and undated
pages in the order they were stored (Article.story points at it, that article at itself), so "one
row per story" is `story = id or story is null` and needs no join, and the row a collapsed list
shows is the page that had the story first. A copy published before the story's name but stored
after it (a folder read out of order, parallel workers committing in either order) renames the
story: the name never depends on which page happened to be stored first. An article alone in its
story keeps story null until a copy arrives: a new page like no other, most pages, is then stored
with one write of its row, where setting its story to itself rewrote the row and every index entry
of it (the body's full-text entries among them) a second time. Stories are never merged after the
fact: a page joining two stories goes to the closer one.

A re-ingested page stays in its story while it still matches one of the
story's other articles; deleting the article a story is named by hands the
story to the earliest-published of the rest (storing.delete_articles), so no
article points at a story gone.
Concurrent ingests (--workers, --queue) of two copies: each page holds the
advisory locks of its band keys to commit, so the later one waits and then
sees the first among its candidates (PostgreSQL; SQLite has one writer).
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from .extraction import near_copies
from .models import Article, ArticleBand, ArticleSignature
from .prepared import prepared_cursor

# A page compares itself with at most this many articles per band key, the first stored under it: a story's copies
# share most keys, so its first few articles stand for it, and its ten-thousandth copy costs what its fifth did.
PER_KEY = 4

# Later than any page's date: undated articles come last in a story's order (one_per_story).
UNDATED = datetime(9999, 12, 31, tzinfo=UTC)


def assign_story(article, created, sig=False, locked=False, keys=None):
    """Store the signature and band keys of `article`'s body and put it in its story. Call inside a transaction.

    `sig`: the body's signature (near_copies.signature), when the caller has computed it, and `keys` its
    band keys; `locked`: the transaction holds the locks of its band keys already (lock_bands).
    """
    if sig is False:
        sig = near_copies.signature(article.body)
    if not created:
        ArticleBand.objects.filter(article=article).delete()
    if sig is None:
        ArticleSignature.objects.filter(article=article).delete()
        _move(article, None)
        return
    keys = near_copies.band_keys(sig) if keys is None else keys
    if not locked:
        lock_bands(keys)
    stored = {"signature": near_copies.pack(sig), "version": near_copies.SIGNATURE_VERSION}
    if created and connection.vendor == "postgresql":
        candidates = _store_and_read(article, stored, keys)
    else:
        # Read before the page's own keys are stored, so a re-ingested page takes none of its keys' places.
        candidates = (
            ArticleSignature.objects.filter(article__in=_first_under(keys), version=near_copies.SIGNATURE_VERSION)
            .exclude(article=article)
            .values_list(
                "article_id", "article__story_id", "signature", "article__published", "article__story__published"
            )
        )
        if created:
            ArticleSignature.objects.create(article=article, **stored)
        else:
            ArticleSignature.objects.update_or_create(article=article, defaults=stored)
        candidates = list(candidates)
        ArticleBand.objects.bulk_create([ArticleBand(article=article, key=key) for key in keys])
    matches = []
    for pk, story, packed, published, story_published in candidates:
        score = near_copies.similarity(sig, near_copies.unpack(packed))
        if score >= near_copies.SAME_STORY:
            matches.append(_Match(score, story or pk, story is None, story_published if story else published))
    if article.story_id is not None and article.story_id in {match.story for match in matches}:
        return
    if not matches:
        _move(article, None)
        return
    best = max(matches, key=lambda m: (m.score, -m.story))
    if _earlier(article.published, article.pk, best.published, best.story):
        # The page had the story before the article it is named by: the story takes the page's name.
        # _move first, so that a re-ingested page leaving a story it named hands that one over first.
        _move(article, article.pk)
        members = Article.objects.filter(pk=best.story) if best.unassigned else Article.objects.filter(story=best.story)
        members.update(story=article.pk)
        return
    if best.unassigned:
        # An article alone so far (or stored before stories were kept) starts the story it now shares.
        Article.objects.filter(pk=best.story).update(story=best.story)
    _move(article, best.story)


@dataclass(frozen=True, slots=True)
class _Match:
    score: float
    story: int  # the id naming the story: its named article's, or the matched article's while it is alone
    unassigned: bool  # the matched article is alone so far, its story not stored
    published: object  # when the article naming the story was published (None: undated)


def _earlier(published, pk, other_published, other_pk):
    """Whether an article comes before another in its story (see story_order)."""
    if (published is None) != (other_published is None):
        return other_published is None
    return (published, pk) < (other_published, other_pk) if published is not None else pk < other_pk


def story_order():
    """A story's articles in the order that names it: earliest published first, undated last, then in the
    order they were stored (ids)."""
    return [F("published").asc(nulls_last=True), "pk"]


def assign_missing(batch=500):
    """Give a story to every article without a current signature (stored before stories were kept, or
    under an older SIGNATURE_VERSION), oldest first, one transaction per article. Returns how many.

    Articles too short to compare have no signature and are looked at again on the next run.
    """
    current = ArticleSignature.objects.filter(version=near_copies.SIGNATURE_VERSION).values("article")
    done, last = 0, 0
    while pks := list(
        Article.objects.exclude(pk__in=current).filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch]
    ):
        for pk in pks:
            with transaction.atomic():
                article = Article.objects.select_for_update(no_key=True).filter(pk=pk)
                article = article.only("pk", "body", "story", "published")
                if (article := article.first()) is not None:
                    assign_story(article, created=False)
                    done += 1
        last = pks[-1]
    return done


def _first_under(keys):
    """The ids of the first PER_KEY articles stored under each of `keys`, as a subquery.

    A page reads and compares at most BANDS * PER_KEY candidates however many articles share its
    keys: ten thousand copies of one wire story cost each new copy what the fourth did, where reading
    every article under the keys made ingest quadratic. The first articles under a key are a story's
    representatives: a copy shares most keys with them, and a key full of another story's articles
    (a chance collision, a shared boilerplate paragraph) leaves the page its other keys. Every article
    keeps all its keys, so when a key's first articles are deleted the next ones stand in.

    Each key is one descent of the (key, article) index, read in article order and cut at PER_KEY.
    On PostgreSQL the keys travel as one array and a LATERAL subquery descends once per key: the
    same query written as 32 UNION ALL parts took PostgreSQL 2-7 ms to plan, more than its run, at
    100k articles. SQLite has no LATERAL: there each key is a part of a compound query, each part a
    FROM subquery so that it may have its LIMIT (the ORM cannot slice the parts of a compound query there).
    """
    table, key = (connection.ops.quote_name(name) for name in (ArticleBand._meta.db_table, "key"))
    keys = sorted(set(keys))
    if connection.vendor == "postgresql":
        return RawSQL(
            f"SELECT b.article_id FROM unnest(%s::bigint[]) AS k(band) CROSS JOIN LATERAL "  # noqa: S608
            f"(SELECT article_id FROM {table} WHERE {key} = k.band ORDER BY article_id LIMIT %s) AS b",
            (keys, PER_KEY),
        )
    part = f"SELECT article_id FROM (SELECT article_id FROM {table} WHERE {key} = %s ORDER BY article_id LIMIT %s) AS b"
    params = [p for band in keys for p in (band, PER_KEY)]
    return RawSQL(" UNION ALL ".join([part] * len(keys)), params)


def _store_and_read(article, stored, keys):
    """The candidates of a new article (PostgreSQL), read by the statement that stores its signature and band
    keys: one round trip where there were three. The statement reads the tables as they were when it began,
    so the page's own keys are not read. Its text is the same for every page (the keys travel as one array),
    so it is written out here: compiled by the ORM for each page, as the other branch of assign_story is, the
    query cost more of ingest's time than running it."""
    with prepared_cursor() as cursor:
        cursor.execute(
            _STORE_AND_READ,
            [article.pk, stored["signature"], stored["version"], article.pk, list(keys)]
            + [sorted(set(keys)), PER_KEY, near_copies.SIGNATURE_VERSION, article.pk],
        )
        return cursor.fetchall()


# _first_under's PostgreSQL query, with the signatures and the dates that assign_story compares.
_STORE_AND_READ = f"""
WITH signature AS (
    INSERT INTO {ArticleSignature._meta.db_table} (article_id, signature, version) VALUES (%s, %s, %s)
), bands AS (
    INSERT INTO {ArticleBand._meta.db_table} (article_id, "key") SELECT %s, unnest(%s::bigint[])
)
SELECT s.article_id, a.story_id, s.signature, a.published, story.published
FROM {ArticleSignature._meta.db_table} s
JOIN {Article._meta.db_table} a ON a.id = s.article_id
LEFT JOIN {Article._meta.db_table} story ON story.id = a.story_id
WHERE s.article_id IN (
    SELECT b.article_id FROM unnest(%s::bigint[]) AS k(band)
    CROSS JOIN LATERAL (
        SELECT article_id FROM {ArticleBand._meta.db_table} WHERE "key" = k.band ORDER BY article_id LIMIT %s
    ) AS b
) AND s.version = %s AND s.article_id <> %s
"""  # noqa: S608 (table names only)


def lock_bands(keys):
    """Hold the page's band keys until commit (PostgreSQL), in one sorted order: two copies stored at once
    share a key, so the second waits for the first to commit and then finds it among its candidates.

    Every writer takes these first, then the actor groups' (actors.evidence), then the speakers'
    (articles.utterances), so no cycle: articles.storing locks a page's keys before its analysis.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(%s::bigint[]) AS k", [sorted(set(keys))])


def _move(article, story):
    """Put `article` in `story` (None: alone); the story it named, if any, goes to its next article (they no
    longer match it)."""
    if article.story_id == article.pk:
        hand_over_stories([article.pk])
    if article.story_id != story:
        Article.objects.filter(pk=article.pk).update(story=story)
        article.story_id = story


def hand_over_stories(leaving):
    """The stories named by the articles `leaving` go to the first of their remaining articles (story_order)."""
    leaving = list(leaving)
    heir = (
        Article.objects.filter(story=OuterRef("pk")).exclude(pk__in=leaving).order_by(*story_order()).values("pk")[:1]
    )
    heirs = Article.objects.filter(pk__in=leaving, story=F("pk")).annotate(heir=Subquery(heir))
    for story, heir in heirs.values_list("pk", "heir"):
        if heir is not None:
            Article.objects.filter(story=story).exclude(pk__in=leaving).update(story=heir)


def one_per_story(queryset, narrowed=True):
    """One row per story among `queryset`'s rows.

    Unfiltered (`narrowed` false), that is the article each story is named by and every article without a
    story: `story = id`, no join. When filters may have left that article out, the first of the story's rows
    that remain (story_order): only the copies look for an earlier member among the rows, a subquery on
    the indexed Article.story. Either way no query is added.
    """
    first = Q(story__isnull=True) | Q(story=F("pk"))
    if not narrowed:
        return queryset.filter(first)
    # Undated last, as story_order puts them: a date no page has stands in for none.
    when = Coalesce("published", Value(UNDATED))
    mine = Coalesce(OuterRef("published"), Value(UNDATED))
    earlier = (
        queryset.order_by()
        .alias(when=when)
        .filter(story=OuterRef("story"))
        .filter(Q(when__lt=mine) | Q(when=mine, pk__lt=OuterRef("pk")))
    )
    return queryset.filter(first | ~Exists(earlier))


def also_published(article):
    """The other articles of `article`'s story, earliest first, with their outlets."""
    if article.story_id is None:
        return Article.objects.none()
    return (
        Article.objects.filter(story=article.story_id)
        .exclude(pk=article.pk)
        .select_related("source")
        .only("id", "title", "published", "published_has_time", "url", "source__name", "source__slug")
        .order_by(F("published").asc(nulls_last=True), "id")
    )
