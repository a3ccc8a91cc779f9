import base64
import hashlib
import re
import secrets
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router, transaction
from django.db.models import Count, Exists, F, OrderBy, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import slugify

from actors.models import Actor
from newsdesk.fast_reverse import reverse_one

from . import search
from .extraction.topics import parse_rules, topic_rule

# A cache key whose value is part of the desk's cache key (articles.views.desk_state):
# bumping it drops the cached timeline after writes the desk cannot see otherwise.
DESK_VERSION = "desk-version"


def desk_changed():
    """Drop the desk's cached timeline: topics changed without any article being saved."""
    try:
        cache.incr(DESK_VERSION)
    except ValueError:
        cache.set(DESK_VERSION, 1, None)


def statement_fingerprint(text):
    """Identifies a statement's text in its article, whatever the quote marks and spacing."""
    norm = re.sub(r"[\W_]+", " ", text.casefold()).strip()
    return hashlib.sha256(norm.encode()).hexdigest()


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def _published_range(field, after, before):
    """Lookups for `field` on or after the day `after` and on or before the day `before`."""
    lookups = {f"{field}__isnull": False}
    if after and after > date.min:
        lookups[f"{field}__gte"] = _day_start(after)
    if before and before < date.max:
        lookups[f"{field}__lt"] = _day_start(before + timedelta(days=1))
    return lookups


class NullsLastIndex(models.Index):
    """An index with NULLS LAST columns that SQLite can build too.

    SQLite refuses NULLS FIRST/LAST in an index, but it sorts NULL below
    every value, so there a descending column already puts NULLs last.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "sqlite":
            plain = models.Index(
                *(
                    OrderBy(e.expression, descending=e.descending) if isinstance(e, OrderBy) else e
                    for e in self.expressions
                ),
                name=self.name,
            )
            return plain.create_sql(model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


class SourceQuerySet(models.QuerySet):
    def for_name(self, name, domain=""):
        """The outlet called `name`, created on first sight.

        A name with no Latin letters or digits ("Балкански вестник") slugs to nothing; a digest of the name keeps
        two such outlets apart and its URL within the slug pattern.
        """
        source, _ = self.get_or_create(slug=source_slug(name), defaults={"name": name, "domain": domain})
        return source


def source_slug(name):
    """The slug of the outlet called `name` (SourceQuerySet.for_name)."""
    return slugify(name)[:220] or f"source-{hashlib.sha256(name.encode()).hexdigest()[:12]}"


class TopicQuerySet(models.QuerySet):
    def rules(self):
        """Every topic's rules, in the form the extraction pipeline takes."""
        return [topic_rule(t.slug, t.name, parse_rules(t.rules)) for t in self.order_by("slug")]


class Source(models.Model):
    """An outlet: the site or publication an article comes from."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    domain = models.CharField(max_length=253, blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(models.Model):
    """A subject analysts follow; `rules` say which words and phrases tag it.

    One rule per line. A line matches its words in order with any inflection
    ("sanction" matches "sanctions", "sanctioned"); see articles.extraction.topics.
    """

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    rules = models.TextField(blank=True, help_text="One word or phrase per line.")

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ReadingQuerySet(models.QuerySet):
    """The reading vocabulary articles and statements share (dates, outlets, order, search).

    Article.objects.published(after=d).mentioning(actor).search(q) reads the
    same as Statement.objects.published(after=d).mentioning(actor).search(q);
    a statement's date and outlet are its article's (Statement.published).
    The subclass names what differs: its outlet lookup, the column holding the
    article's id, the tie-breaks of the two orders and what search reads.
    """

    source_lookup = "source"
    article_column = "pk"
    newest_tie_break = ("-id",)
    oldest_tie_break = ("id",)
    search_fields = ()
    search_headline = ""
    headline_options = {}

    def published(self, after=None, before=None):
        """Rows published on or after the day `after` and on or before the day `before`."""
        return self.filter(**_published_range("published", after, before))

    def mentioning(self, actor):
        """Rows of articles that mention `actor`; chain it to require several actors."""
        return self.filter(Exists(Mention.objects.filter(article=OuterRef(self.article_column), actor=actor)))

    def from_source(self, source):
        return self.filter(**{self.source_lookup: source})

    def newest_first(self):
        return self.order_by(F("published").desc(nulls_last=True), *self.newest_tie_break)

    def oldest_first(self):
        return self.order_by(F("published").asc(nulls_last=True), *self.oldest_tie_break)

    def search(self, q):
        """Rows matching `q` (websearch syntax: words, "phrases", or, -word); see articles.search.

        On PostgreSQL ordered best first and annotated with `rank` and `snippet`;
        on SQLite the same terms matched as substrings, unranked.
        """
        return search.search(
            self,
            q,
            fields=self.search_fields,
            headline=self.search_headline,
            headline_options=self.headline_options,
            order=[F("published").desc(nulls_last=True), *self.newest_tie_break],
        )


# An article in a story named by another article (articles.stories).
COPY = Q(story__isnull=False) & ~Q(story=F("pk"))


class ArticleQuerySet(ReadingQuerySet):
    search_fields = ("title", "body")
    # A snippet of the body around the matches.
    search_headline = "body"
    headline_options = {
        "max_fragments": 2,
        "max_words": 24,
        "min_words": 10,
        "fragment_delimiter": " … ",
    }

    def delete(self):
        raise TypeError("Delete articles with articles.storing.delete_articles: it keeps actors' counts and evidence.")

    def delete_uncounted(self):
        """The plain cascade, for articles.storing.delete_articles, which keeps the counts and evidence itself."""
        return super().delete()

    def undated(self):
        return self.filter(published__isnull=True)

    def copies(self):
        """Articles in a story another article names (articles.stories): the count of stories is the rest."""
        return self.filter(COPY)

    def tagged(self, topic):
        """Articles tagged with `topic`, by the rules or an analyst; chain it to require several."""
        return self.filter(Exists(ArticleTopic.objects.filter(article=OuterRef("pk"), topic=topic)))

    def with_statement_count(self):
        statements = Statement.objects.shown().filter(article=OuterRef("pk")).order_by().values("article")
        return self.annotate(
            statement_count=Coalesce(Subquery(statements.annotate(n=Count("pk")).values("n")), Value(0))
        )

    def for_list(self, actors_per_row=4):
        """What a list row shows: source, topics, the most mentioned actors, the statement count.

        A constant number of queries whatever the page size: the rows, then
        one prefetch for topics and one for the top mentions of every row.
        """
        top_mentions = Mention.objects.select_related("actor").order_by("-count", "actor__name")
        return (
            self.select_related("source")
            .defer("body")
            .with_statement_count()
            .prefetch_related(
                "topics", Prefetch("mentions", queryset=top_mentions[:actors_per_row], to_attr="top_mentions")
            )
        )


class CountedByActor(models.Model):
    """A row counted in its actor's Actor.article_count or statement_count.

    Saving one that changes actor, or deleting one, recounts the actors on
    both sides; bulk writes shift or recount the counts themselves (the
    invariant is in articles.storing). `counted_actor` names the foreign key's column.
    """

    counted_actor = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        before = None if self._state.adding else getattr(self, "_counted_as", None)
        adding = self._state.adding
        with transaction.atomic(using=kwargs.get("using") or router_for_write(self)):
            super().save(*args, **kwargs)
            now = self.__dict__.get(self.counted_actor, before)
            if adding or now != before:
                Actor.objects.using(self._state.db).refresh_counts([before, now])
        self._counted_as = now

    def delete(self, *args, **kwargs):
        counted = self.__dict__.get(self.counted_actor, getattr(self, "_counted_as", None))
        with transaction.atomic(using=kwargs.get("using") or router_for_write(self)):
            result = super().delete(*args, **kwargs)
            Actor.objects.using(self._state.db).refresh_counts([counted])
        return result

    @classmethod
    def from_db(cls, db, field_names, values):
        row = super().from_db(db, field_names, values)
        row._counted_as = row.__dict__.get(cls.counted_actor)
        return row


def router_for_write(obj):
    return router.db_for_write(type(obj), instance=obj)


class CountedQuerySet(models.QuerySet):
    """Queryset deletes recount the actors that lost rows (see CountedByActor)."""

    def delete(self):
        with transaction.atomic(using=self.db):
            actor_ids = set(self.values_list(self.model.counted_actor, flat=True))
            result = super().delete()
            Actor.objects.using(self.db).refresh_counts(actor_ids)
        return result

    def delete_uncounted(self):
        """Delete without recounting, for a writer that shifts the counts itself (articles.storing)."""
        return super().delete()

    def counted(self):
        """The rows an actor's stored count counts (Actor.objects.refresh_counts)."""
        return self.all()


class Article(models.Model):
    """One saved page, stripped to its article.

    `origin` identifies the page across re-ingests: its URL when the page
    gives one, else the path it was ingested from. `content_hash` is the hash
    of the page bytes; an unchanged hash means nothing to do, and two
    articles never hold the same bytes.
    """

    title = models.CharField(max_length=500, blank=True)
    # Indexed by article_source_idx, which leads with it.
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles", db_index=False
    )
    author = models.CharField(max_length=300, blank=True)
    published = models.DateTimeField(null=True, blank=True)
    published_has_time = models.BooleanField(default=False)
    url = models.URLField(max_length=2000, blank=True)
    body = models.TextField()
    language = models.CharField(max_length=20, blank=True)
    origin = models.CharField(max_length=2000, unique=True)
    file_name = models.CharField(max_length=500, blank=True)
    content_hash = models.CharField(max_length=64)
    extractor_version = models.CharField(max_length=20)
    ingested = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    actors = models.ManyToManyField(Actor, through="Mention", related_name="articles")
    topics = models.ManyToManyField(Topic, through="ArticleTopic", blank=True, related_name="articles")
    removed_topics = models.ManyToManyField(
        Topic, blank=True, related_name="+", help_text="Topics an analyst took off; the rules leave them off."
    )
    # The story: copies of one article across outlets (articles.stories). It points at the story's
    # first article, which points at itself once a copy came; null while the article is alone in its story
    # (story_key) or was stored before stories were kept.
    story = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="story_members", editable=False
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-id"]
        constraints = [
            # The same bytes are one article, however many paths or runs bring them
            # at once: the loser of a race finds the winner's article (ingest.store_page).
            models.UniqueConstraint(fields=["content_hash"], name="unique_article_content"),
        ]
        indexes = [
            # newest_first() puts undated articles last, which a plain "-published"
            # index (nulls first on PostgreSQL) cannot give; this one serves the
            # lists' sort and, per outlet, their outlet filter.
            NullsLastIndex(F("published").desc(nulls_last=True), F("id").desc(), name="article_newest_idx"),
            NullsLastIndex("source", F("published").desc(nulls_last=True), F("id").desc(), name="article_source_idx"),
            # Read backwards, this one serves oldest_first().
            models.Index(fields=["-published", "-id"], name="article_published_idx"),
            # The desk's cache key reads the latest change.
            models.Index(fields=["updated"], name="article_updated_idx"),
            # ?sort=title
            models.Index(fields=["title", "-id"], name="article_title_idx"),
            # The desk's story count: articles less the copies, which only this small index holds.
            models.Index(fields=["story"], condition=COPY, name="article_copy_idx"),
        ]

    def __str__(self):
        return self.title or self.file_name or f"Article {self.pk}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.published != getattr(self, "_stored_published", self.published):
            # Statements carry their article's date for sorting (Statement.published).
            self.statements.update(published=self.published)
        self._stored_published = self.published

    def get_absolute_url(self):
        return reverse_one("articles:detail", self.pk)

    def delete(self, *args, **kwargs):
        raise TypeError("Delete articles with articles.storing.delete_articles: it keeps actors' counts and evidence.")

    @property
    def story_key(self):
        """The id naming the article's story: its first article's, its own while it is alone in it."""
        return self.story_id or self.pk

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._stored_published = article.__dict__.get("published")
        return article

    @property
    def published_date(self):
        return self.published.date() if self.published else None


class ArticleSignature(models.Model):
    """The MinHash signature of an article's body (articles.extraction.near_copies), to confirm a candidate copy."""

    article = models.OneToOneField(Article, primary_key=True, on_delete=models.CASCADE, related_name="signature")
    signature = models.BinaryField()
    version = models.CharField(max_length=40)

    def __str__(self):
        return f"Signature of article {self.article_id}"


class ArticleBand(models.Model):
    """One LSH band key of an article's signature: articles sharing a key are candidate copies."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bands")
    key = models.BigIntegerField()

    class Meta:
        # A page's candidates are one lookup of its 32 keys; the article id comes from the index.
        indexes = [models.Index(fields=["key", "article"], name="articleband_key_idx")]

    def __str__(self):
        return f"Band {self.key} of article {self.article_id}"


class Mention(CountedByActor):
    """An actor mentioned in an article, and how many times."""

    # No index of their own (db_index=False here and below): a composite index or unique constraint of the
    # model leads with the column and serves its look-ups, and each index more is written by every page stored.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions", db_index=False)
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="mentions", db_index=False)
    count = models.PositiveIntegerField(default=1)

    counted_actor = "actor_id"
    objects = CountedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "actor"], name="unique_mention")]
        indexes = [models.Index(fields=["actor", "article"], name="mention_actor_idx")]

    def __str__(self):
        return f"{self.actor} in {self.article} ({self.count})"


def most_carried_order(path=""):
    """The order of Utterance.objects.most_carried(), for utterances reached through `path` ("first_in__")."""
    return (F(f"{path}reach").desc(), F(f"{path}first_published").asc(nulls_last=True), f"{path}id")


class UtteranceQuerySet(models.QuerySet):
    def by(self, speaker):
        return self.filter(speaker=speaker)

    def published(self, after=None, before=None):
        """Utterances first reported in this date range (the article's date, as the lists read it)."""
        return self.filter(**_published_range("first_published", after, before))

    def most_carried(self):
        """Widest reach first, then the earliest."""
        return self.order_by(*most_carried_order())

    def for_list(self):
        return self.select_related("speaker", "first_statement__article__source").defer(
            "first_statement__article__body"
        )


class Utterance(models.Model):
    """One remark by one speaker on one occasion, as every outlet that carried it reported it.

    Its statements are the reports: verbatim copies, trimmed or extended
    quotes, paraphrases (articles.utterances assigns them at ingest; analysts
    split and merge in the admin). `first_statement`, `first_published`,
    `outlets` and `reach` are stored so that lists sort by reach without
    counting statements; articles.utterances keeps them in step.
    """

    speaker = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="utterances",
        editable=False,
        db_index=False,  # utterance_speaker_idx leads with it
    )
    # The first report's wording, and the speaker's own words when an outlet quoted them:
    # what new statements are compared with.
    text = models.TextField(editable=False)
    direct_text = models.TextField(blank=True, editable=False)
    # same_remark.words_key of `text`: how an undated report finds the undated copies of its wording.
    key = models.CharField(max_length=24, blank=True, editable=False)
    first_statement = models.ForeignKey(
        "Statement", null=True, blank=True, on_delete=models.SET_NULL, related_name="first_in", editable=False
    )
    first_published = models.DateTimeField(null=True, blank=True, editable=False)
    # Ids of the outlets that carried it (0: an article without an outlet); reach is their number.
    outlets = models.JSONField(default=list, editable=False)
    reach = models.PositiveIntegerField(default=0, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = UtteranceQuerySet.as_manager()

    class Meta:
        indexes = [
            # The candidates of a new statement: the speaker's utterances around its date.
            models.Index(fields=["speaker", "first_published"], name="utterance_speaker_idx"),
            models.Index(fields=["speaker", "key"], name="utterance_key_idx"),
            # The desk's week, most carried first.
            models.Index(fields=["first_published", "reach"], name="utterance_published_idx"),
            models.Index(fields=["-reach", "first_published", "id"], name="utterance_reach_idx"),
            # An actor's remarks by reach, and a speaker's statements grouped by remark.
            models.Index(fields=["speaker", "-reach", "first_published", "id"], name="utterance_speaker_reach_idx"),
        ]

    def __str__(self):
        return f"{self.speaker or 'Unknown'}: {self.text[:70]}"

    def get_absolute_url(self):
        return reverse_one("articles:utterance", self.pk)


class StatementQuerySet(CountedQuerySet, ReadingQuerySet):
    source_lookup = "article__source"
    article_column = "article_id"
    newest_tie_break = ("-article_id", "position")
    oldest_tie_break = ("article_id", "position")
    search_fields = ("text",)
    # The whole statement, its matched words marked.
    search_headline = "text"
    headline_options = {"highlight_all": True}

    # --- Analyst review: the admin's bulk actions write through these. ---
    # Each records the change as the analyst's (an analyst topic link, a
    # removed topic, a corrected speaker, a reviewer), which is what ingest
    # and retag look at to leave analyst work alone.

    def add_topic_by_analyst(self, topic):
        """Tag these statements with `topic` as an analyst's link; returns how many statements."""
        pks = list(self.values_list("pk", flat=True))
        with transaction.atomic():
            links = StatementTopic.objects.filter(statement_id__in=pks, topic=topic)
            links.exclude(origin=TopicLink.Origin.ANALYST).update(origin=TopicLink.Origin.ANALYST)
            have = set(links.values_list("statement_id", flat=True))
            StatementTopic.objects.bulk_create(
                [
                    StatementTopic(statement_id=pk, topic=topic, origin=TopicLink.Origin.ANALYST)
                    for pk in pks
                    if pk not in have
                ],
                ignore_conflicts=True,
            )
            Statement.removed_topics.through.objects.filter(statement_id__in=pks, topic=topic).delete()
        desk_changed()
        return len(pks)

    def remove_topic_by_analyst(self, topic):
        """Take `topic` off these statements and keep it off when the rules match again."""
        pks = list(self.values_list("pk", flat=True))
        removed = Statement.removed_topics.through
        with transaction.atomic():
            StatementTopic.objects.filter(statement_id__in=pks, topic=topic).delete()
            removed.objects.bulk_create(
                [removed(statement_id=pk, topic_id=topic.pk) for pk in pks], ignore_conflicts=True
            )
        desk_changed()
        return len(pks)

    def set_status_by_analyst(self, status, user):
        """Mark these statements verified, rejected or not reviewed, and by whom.

        A rejected statement leaves its speaker's stored count, so the speakers are recounted.
        """
        with transaction.atomic(using=self.db):
            speakers = set(self.values_list("speaker_id", flat=True))
            updated = self.update(status=status, reviewed_by=user, reviewed_at=timezone.now())
            Actor.objects.using(self.db).refresh_counts(speakers)
        return updated

    def reassign_speaker_by_analyst(self, speaker):
        """Attribute these statements to `speaker` (None: no speaker); ingest keeps it."""
        with transaction.atomic(using=self.db):
            before = set(self.values_list("speaker_id", flat=True))
            updated = self.update(speaker=speaker, speaker_corrected=True)
            Actor.objects.using(self.db).refresh_counts(before | {speaker.pk if speaker else None})
        return updated

    # --- Reading vocabulary (ReadingQuerySet); dates and outlets are the article's. ---

    def shown(self):
        """What lists, counts, charts, feeds and exports show: all but the statements an analyst rejected."""
        return self.exclude(status=Statement.Status.REJECTED)

    def rejected(self):
        return self.filter(status=Statement.Status.REJECTED)

    def counted(self):
        """A rejected statement is in no actor's statement_count (see CountedQuerySet.counted)."""
        return self.shown()

    def tagged(self, topic):
        """Statements tagged with `topic` (the statement's own topics, not its article's)."""
        return self.filter(Exists(StatementTopic.objects.filter(statement=OuterRef("pk"), topic=topic)))

    def by(self, speaker):
        return self.filter(speaker=speaker)

    def verified(self):
        return self.filter(status=Statement.Status.VERIFIED)

    def unverified(self):
        return self.exclude(status=Statement.Status.VERIFIED)

    def from_unnamed_sources(self, unnamed=True):
        """Statements the article gives to someone it does not name ("a senior official"), or
        with `unnamed=False` those it gives to a named speaker or leaves unattributed."""
        return self.filter(unnamed=unnamed)

    def widest_reach_first(self):
        """The statements of the most carried remarks first (Utterance.reach), then the newest."""
        return self.order_by(
            F("utterance__reach").desc(nulls_last=True), F("published").desc(nulls_last=True), "-article_id", "position"
        )

    def one_per_utterance(self, narrowed=True, by_reach=False, speakers=()):
        """One row per utterance among these rows, and every statement without one.

        Unfiltered (`narrowed` false), each utterance's first report (Utterance.first_statement). When
        filters may have left that one out, the row with the lowest id among the utterance's rows that
        remain: a subquery on the indexed Statement.utterance. Either way no query is added.
        A speaker filter (`speakers`) does not narrow an utterance: all its reports have its speaker
        (articles.utterances moves a statement whose speaker changes).
        `by_reach`, unfiltered or filtered by speaker only: the rows are ordered as Utterance.most_carried
        orders utterances (reach, then the earliest); otherwise they keep the list's order
        (widest_reach_first: reach, then the newest).
        """
        if not narrowed:
            if by_reach:
                return self._most_carried_first(speakers)
            # An EXISTS on the utterance's primary key rather than a join: PostgreSQL took the OR across a join
            # for one row and hash-joined a million statements (1 s at 100k articles); this walks the list's
            # index and looks up each row's utterance (3.5 ms for a page). Ordered by reach it doubled the time.
            first = Utterance.objects.filter(pk=OuterRef("utterance"), first_statement=OuterRef("pk"))
            return self.filter(Q(utterance__isnull=True) | Exists(first))
        earlier = self.order_by().filter(utterance=OuterRef("utterance"), pk__lt=OuterRef("pk"))
        return self.filter(Q(utterance__isnull=True) | ~Exists(earlier))

    def _most_carried_first(self, speakers):
        """Each utterance's first report, the widest reach first, read in the order of Utterance's reach index.

        Joined from the statements and ORed with the statements in no utterance, PostgreSQL sorted every
        statement of the list by its utterance's reach (0.6 s at 100k articles, 1 s for a busy speaker);
        joined on both the statement's utterance and the utterance's first statement, it expected one row
        and sorted them all too. Joined from the utterances by their first statement alone (`first_in`), a
        page is 25 entries of the reach index and 25 statements looked up by primary key. Ingest puts
        every statement it stores in an utterance; those stored before utterances were kept join this list
        once `manage.py assign_utterances` has placed them.
        """
        # One filter() call: a second would join the utterances a second time.
        first = {"first_in__isnull": False}
        if speakers:
            # Said of the utterance too, so that its (speaker, reach) index is read in order.
            first["first_in__speaker__in"] = speakers
        return self.filter(**first).order_by(*most_carried_order("first_in__"))

    def for_list(self):
        """What a list row shows: speaker, article and outlet, topics, the remark's reach; one prefetch query for
        topics."""
        return (
            self.select_related("speaker", "article__source", "utterance")
            .defer("article__body", "utterance__text", "utterance__direct_text", "utterance__outlets")
            .prefetch_related("topics")
        )


class Statement(CountedByActor):
    """A direct quote or reported speech in an article, attributed to a speaker.

    `fingerprint` (a hash of the normalised text) identifies the statement in
    its article across re-ingests, so analyst work on it can be kept. The
    analyst fields are set only through the admin and never by ingest.
    """

    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct quote"
        INDIRECT = "indirect", "Reported speech"

    class Status(models.TextChoices):
        NEW = "new", "Not reviewed"
        VERIFIED = "verified", "Verified"
        REJECTED = "rejected", "Rejected"

    # Indexed by unique_statement_in_article and statement_speaker_idx, which lead with them.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="statements", db_index=False)
    speaker = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements", db_index=False
    )
    # How the page named the speaker: when that name comes to stand for another actor
    # (actors.evidence), the speaker follows, unless an analyst corrected it.
    sighting = models.ForeignKey(
        "actors.Sighting", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="statements"
    )
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.DIRECT)
    position = models.PositiveIntegerField(default=0, help_text="Character offset in the article body.")
    end_position = models.PositiveIntegerField(
        null=True, blank=True, help_text="Character offset in the article body just after the statement."
    )
    cue = models.CharField(
        max_length=100, blank=True, help_text="The words that report it: said, warned, according to."
    )
    source_description = models.CharField(
        max_length=300,
        blank=True,
        help_text="The source as the article words it: “a senior NATO official”, “she”, “Mr. Kask”.",
    )
    unnamed = models.BooleanField(
        default=False, help_text="The source is a description that names nobody (anonymous sourcing)."
    )
    fingerprint = models.CharField(max_length=64)
    # A statement an analyst worked on stays when a new version of the page no
    # longer has it, marked so that nobody reads it as current coverage.
    on_page = models.BooleanField(
        default=True, editable=False, help_text="False when the latest version of the page no longer has it."
    )
    # The article's `published`, copied so that lists sort and filter statements
    # by date without joining a million of them to their articles. Kept by
    # articles.storing (its docstring says how).
    published = models.DateTimeField(null=True, blank=True, editable=False)
    # When ingest first found it: a quote added to a page stored before is new
    # to saved searches and digests although its article is not.
    arrived = models.DateTimeField(default=timezone.now, editable=False)
    topics = models.ManyToManyField(Topic, through="StatementTopic", blank=True, related_name="statements")
    removed_topics = models.ManyToManyField(
        Topic, blank=True, related_name="+", help_text="Topics an analyst took off; the rules leave them off."
    )

    # Analyst work: never overwritten by ingest or retag.
    status = models.CharField(max_length=10, choices=Status, default=Status.NEW)
    speaker_corrected = models.BooleanField(default=False, help_text="An analyst set the speaker; ingest keeps it.")
    text_corrected = models.BooleanField(
        default=False, help_text="An analyst corrected the text; ingest keeps it (the page's wording still matches it)."
    )
    kind_corrected = models.BooleanField(default=False, help_text="An analyst set the kind; ingest keeps it.")
    note = models.TextField(blank=True)
    # The remark it reports (articles.utterances); fixed when an analyst put it there.
    # No index of its own: statement_utterance_idx (utterance, published) serves every lookup by utterance, and
    # each index is one more write for every statement stored.
    utterance = models.ForeignKey(
        Utterance,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        editable=False,
        db_index=False,
    )
    utterance_fixed = models.BooleanField(
        default=False, editable=False, help_text="An analyst split or merged its utterance; ingest keeps it there."
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    counted_actor = "speaker_id"
    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position"]
        constraints = [models.UniqueConstraint(fields=["article", "fingerprint"], name="unique_statement_in_article")]
        indexes = [
            models.Index(fields=["speaker", "article"], name="statement_speaker_idx"),
            models.Index(fields=["status"], name="statement_status_idx"),
            models.Index(fields=["arrived"], name="statement_arrived_idx"),
            models.Index(fields=["utterance", "published"], name="statement_utterance_idx"),
            # The shown statements alone (shown()), so that statement counts per article
            # (exports, lists) and per speaker (a speaker and a topic) read an index and no rows.
            models.Index(fields=["article", "id"], condition=~Q(status="rejected"), name="statement_shown_article_idx"),
            models.Index(fields=["speaker", "id"], condition=~Q(status="rejected"), name="statement_shown_speaker_idx"),
            # newest_first(), and per speaker; `id` last so counts and joins by
            # speaker read the index alone.
            NullsLastIndex(
                F("published").desc(nulls_last=True), F("article_id").desc(), "position", name="statement_newest_idx"
            ),
            NullsLastIndex(
                "speaker",
                F("published").desc(nulls_last=True),
                F("article_id").desc(),
                "position",
                "id",
                name="statement_speaker_newest_idx",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        if self._state.adding and self.published is None and self.article_id:
            self.published = self.article.published
        super().save(*args, **kwargs)

    # --- Analyst review (admin) ---

    def add_topic_by_analyst(self, topic):
        Statement.objects.filter(pk=self.pk).add_topic_by_analyst(topic)

    def remove_topic_by_analyst(self, topic):
        Statement.objects.filter(pk=self.pk).remove_topic_by_analyst(topic)

    def record_analyst_edit(self, changed_fields, user):
        """Mark what an analyst changed in a form as theirs, before saving.

        A changed speaker, text or kind is flagged so ingest keeps it; a
        changed status records who reviewed the statement and when.
        """
        for name in CORRECTED_FLAGS:
            if name in changed_fields:
                setattr(self, CORRECTED_FLAGS[name], True)
        if "status" in changed_fields:
            self.reviewed_by = user
            self.reviewed_at = timezone.now()

    def save_analyst_edit(self, changed_fields, user):
        """Record and save only what an analyst changed in a form.

        The form was loaded before; a re-ingest may have rewritten the text or
        position since, and saving every column would put the old ones back.
        A changed status recounts the speaker: rejected statements are not counted.
        """
        self.record_analyst_edit(changed_fields, user)
        names = {f.name for f in self._meta.concrete_fields if f.editable}
        fields = {name for name in changed_fields if name in names}
        fields.update(CORRECTED_FLAGS[name] for name in CORRECTED_FLAGS.keys() & fields)
        if "status" in fields:
            fields.update(("reviewed_by", "reviewed_at"))
        if not fields:
            return
        with transaction.atomic(using=router_for_write(self)):
            self.save(update_fields=sorted(fields))
            if "status" in fields and "speaker" not in fields:
                Actor.objects.using(self._state.db).refresh_counts([self.speaker_id])


# The analyst fields whose correction ingest keeps, and the flag that says so.
CORRECTED_FLAGS = {"speaker": "speaker_corrected", "text": "text_corrected", "kind": "kind_corrected"}


class TopicLink(models.Model):
    """A topic on an article or statement, and who put it there.

    Rule links are recomputed by ingest and retag; analyst links are kept.
    """

    class Origin(models.TextChoices):
        RULE = "rule", "Topic rules"
        ANALYST = "analyst", "Analyst"

    # Indexed by each link table's (topic, owner) index.
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+", db_index=False)
    origin = models.CharField(max_length=10, choices=Origin, default=Origin.RULE)

    class Meta:
        abstract = True


class ArticleTopic(TopicLink):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="topic_links", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "topic"], name="unique_article_topic")]
        indexes = [models.Index(fields=["topic", "article"], name="article_topic_idx")]

    def __str__(self):
        return f"{self.topic} on article {self.article_id} ({self.origin})"


class StatementTopic(TopicLink):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="topic_links", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["statement", "topic"], name="unique_statement_topic")]
        indexes = [models.Index(fields=["topic", "statement"], name="statement_topic_idx")]

    def __str__(self):
        return f"{self.topic} on statement {self.statement_id} ({self.origin})"


class ChangeSet(models.Model):
    """One analyst action on statements (a review, an admin edit, a bulk action, an undo) for the audit log.

    Its FieldChanges hold each statement's values before and after, so the
    whole action can be undone (articles.audit.undo).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=300)
    bulk = models.BooleanField(default=False)
    undoes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="undone_by", editable=False
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["-at", "-id"], name="changeset_at_idx")]
        verbose_name = "analyst change"

    def __str__(self):
        return f"{self.action} ({self.at:%Y-%m-%d %H:%M})"


class FieldChange(models.Model):
    """One field of one statement as an analyst action changed it: columns and words, before and after.

    `before` and `after` hold the columns the field is made of (the speaker
    with its "corrected" flag, the status with its reviewer); a topic's hold
    its state on the statement (articles.audit).
    """

    class Field(models.TextChoices):
        SPEAKER = "speaker", "Speaker"
        STATUS = "status", "Status"
        TEXT = "text", "Text"
        KIND = "kind", "Kind"
        NOTE = "note", "Note"
        TOPIC = "topic", "Topic"

    change_set = models.ForeignKey(ChangeSet, on_delete=models.CASCADE, related_name="changes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(max_length=10, choices=Field)
    before = models.JSONField(encoder=DjangoJSONEncoder)
    after = models.JSONField(encoder=DjangoJSONEncoder)
    before_label = models.TextField(blank=True)
    after_label = models.TextField(blank=True)

    class Meta:
        ordering = ["-change_set__at", "-id"]
        indexes = [models.Index(fields=["statement", "-id"], name="fieldchange_statement_idx")]

    def __str__(self):
        return f"{self.get_field_display()} of statement {self.statement_id}: {self.before_label} → {self.after_label}"


class FailedPage(models.Model):
    """A page the ingest queue gave up on, kept with its bytes so it can be sent again.

    One record per origin: a page that fails again updates its record, and a
    page that is stored at last takes its record away (`articles.tasks`).
    """

    origin = models.CharField(max_length=2000, unique=True)
    name = models.CharField(max_length=500)
    data = models.BinaryField()
    error = models.TextField()
    attempts = models.PositiveIntegerField(default=1)
    failed = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-failed", "-id"]

    def __str__(self):
        return f"{self.name}: {self.error}"


class QueuedPageQuerySet(models.QuerySet):
    def in_flight(self):
        return self.filter(finished__isnull=True)

    def finished(self):
        return self.filter(finished__isnull=False)

    def mark_sent(self, pages):
        """Record pages about to be sent to the queue: [(origin, name)]. A page sent again starts over."""
        now = timezone.now()
        rows = [QueuedPage(origin=origin, name=name[:500], sent=now) for origin, name in pages]
        self.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["origin"],
            update_fields=["name", "sent", "finished", "outcome", "attempts"],
        )

    def mark_finished(self, origin, outcome, attempts):
        self.filter(origin=origin).update(finished=timezone.now(), outcome=outcome, attempts=F("attempts") + attempts)


class QueuedPage(models.Model):
    """A page sent to the ingest queue and what became of it, for `manage.py ingest_status`.

    Written before the page's message is sent and finished by the worker that
    stored the page or recorded its failure, so a page the broker holds, a
    worker is on, or a worker waits to retry (the database being down) is
    counted as in flight rather than vanishing from every count.
    """

    origin = models.CharField(max_length=2000, unique=True)
    name = models.CharField(max_length=500)
    sent = models.DateTimeField()
    finished = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    objects = QueuedPageQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["finished", "outcome"], name="queued_page_state_idx")]

    def __str__(self):
        return f"{self.name}: {self.outcome or 'in flight'}"


def new_feed_key():
    """A random key, as keys were made before they were derived (migration 0005 names this default)."""
    return secrets.token_urlsafe(32)


def new_feed_nonce():
    return secrets.token_urlsafe(32)


def feed_key_for(nonce):
    """The feed key made from `nonce` and the secret key: stored nowhere, made again whenever a page shows it."""
    digest = salted_hmac("newsdesk.feed-key", nonce, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def feed_key_hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


FEED_KEY_PREFIX = 4


class FeedTokenQuerySet(models.QuerySet):
    def for_user(self, user):
        """The user's feed token, made on first use, with a key the pages can show (see FeedToken.key)."""
        token, _ = self.get_or_create(user=user)
        if token.key is None:
            token.renew()
        return token

    def user_for_key(self, key):
        """The active user a feed key belongs to, or None: feed readers cannot log in, so the key stands in.

        Found by the key's hash: one indexed lookup, whether the key is wrong, revoked or good.
        """
        digest = feed_key_hash(key)
        token = (
            self.select_related("user")
            .filter(Q(key_hash=digest) | Q(previous_key_hash=digest), user__is_active=True)
            .first()
        )
        return token.user if token else None


class FeedToken(models.Model):
    """A user's secret for feed URLs, so a feed reader can fetch feeds without a session.

    The key is in the URL, so it is as good as a password for reading feeds.
    It is never stored: it is made from `nonce` and the secret key whenever a
    page shows it, and feed URLs are matched by its hash. Whoever reads the
    database (or filters the admin) learns neither the key nor a way to make
    it; the admin shows its first characters only. A key the server can no
    longer make (one stored before keys were hashed, or made under another
    secret key) is renewed when its user next sees their feeds, and keeps
    working as `previous_key_hash` until they revoke their key.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token")
    nonce = models.CharField(max_length=64, blank=True, default=new_feed_nonce, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_prefix = models.CharField(max_length=FEED_KEY_PREFIX, editable=False)
    previous_key_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = FeedTokenQuerySet.as_manager()

    def __str__(self):
        return f"Feed token of {self.user}"

    def save(self, *args, **kwargs):
        if not self.key_hash:
            self._take_key(feed_key_for(self.nonce))
        super().save(*args, **kwargs)

    @property
    def key(self):
        """The key of this user's feed URLs, or None when it cannot be made again (see the class)."""
        if not self.nonce:
            return None
        key = feed_key_for(self.nonce)
        return key if feed_key_hash(key) == self.key_hash else None

    def regenerate(self):
        """Revoke the key (and any previous one): every feed URL holding it stops working."""
        self.nonce = new_feed_nonce()
        self._take_key(feed_key_for(self.nonce))
        self.previous_key_hash = None
        self.created = timezone.now()
        self.save(update_fields=["nonce", "key_hash", "key_prefix", "previous_key_hash", "created"])

    def renew(self):
        """A key the pages can show; the one feed readers hold goes on working until the user revokes.

        Written only if nobody renewed the token meanwhile (two pages opened at
        once), so both show the same key.
        """
        stale = self.nonce
        self.previous_key_hash = self.key_hash
        self.nonce = new_feed_nonce()
        self._take_key(feed_key_for(self.nonce))
        fields = ["nonce", "key_hash", "key_prefix", "previous_key_hash"]
        renewed = FeedToken.objects.filter(pk=self.pk, nonce=stale).update(**{f: getattr(self, f) for f in fields})
        if not renewed:
            self.refresh_from_db()

    def _take_key(self, key):
        self.key_hash = feed_key_hash(key)
        self.key_prefix = key[:FEED_KEY_PREFIX]


class SavedSearch(models.Model):
    """A list's filters saved under a name by an analyst: on their desk with its new matches, as a feed, by e-mail.

    `query` is the list's query string without paging or format
    (articles.saved_searches makes and reads it); what counts as new is
    what came in after `last_seen` (the desk) or `last_sent` (the digest).
    """

    class List(models.TextChoices):
        ARTICLES = "articles", "Articles"
        STATEMENTS = "statements", "Statements"
        ACTORS = "actors", "Actors"

    class Digest(models.TextChoices):
        NONE = "", "No e-mail"
        DAILY = "daily", "Daily e-mail"
        WEEKLY = "weekly", "Weekly e-mail"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=100)
    list_name = models.CharField(max_length=20, choices=List)
    query = models.CharField(max_length=2000, blank=True)
    digest = models.CharField(max_length=10, choices=Digest, blank=True, default=Digest.NONE)
    created = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)
    last_sent = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "saved searches"
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="unique_saved_search_name")]
        indexes = [models.Index(fields=["digest", "last_sent"], name="saved_search_digest_idx")]

    def __str__(self):
        return self.name


# Pages added from the browser: their own module, registered with the app's models here.
from .upload_records import Upload, UploadFile  # noqa: E402, F401
