from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, connections, models, transaction
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from articles.extraction import titles
from newsdesk.fast_reverse import reverse_one

from .names import fold_words, fuzzy_key, name_key, surname_key, unique_slug
from .resolution import less_specific


class ActorQuerySet(models.QuerySet):
    def shown(self):
        """The actors analysts see: all but those an analyst said are no actor (actors.evidence.suppress)."""
        return self.filter(suppressed=False)

    def on_topic(self, topic):
        """Actors quoted on `topic` or mentioned in an article tagged with it; chain it to require several."""
        quoted = self.model.objects.filter(statements__topic_links__topic=topic).values("pk")
        mentioned = self.model.objects.filter(mentions__article__topic_links__topic=topic).values("pk")
        return self.filter(Q(pk__in=quoted) | Q(pk__in=mentioned))

    def resolve(self, name, kind="person", role=""):
        """The actor `name` stands for now, or a new one for it, as an analyst would make by hand.

        For code and tests that need an actor by name; ingest decides from the
        pages' evidence instead (actors.evidence). A spelling already known
        (an alias), a merged actor's name, another transliteration of a known
        full name, or a surname or initials that fit exactly one known person
        find that actor. Otherwise the actor is created with its name as an
        analyst alias, which ingest then keeps to, as it does for a watchlist.
        """
        key = name_key(name)
        if not key:
            raise ValueError("an actor needs a name")
        actor = self._find(name, kind)
        if actor is not None:
            return actor
        try:
            with transaction.atomic():
                actor = self.create(
                    name=name,
                    slug=unique_slug(name, lambda s: self.filter(slug=s).exists()),
                    kind=kind,
                    role=role or "",
                )
                Alias.objects.create(actor=actor, name=name, origin=Alias.Origin.ANALYST)
        except IntegrityError:
            # The same name made at the same moment by someone else.
            return self.resolve(name, kind, role)
        return actor

    def _find(self, name, kind):
        key = name_key(name)
        alias = Alias.objects.select_related("actor").filter(key=key).first()
        if alias is not None:
            return alias.actor
        merge = ActorMerge.objects.select_related("kept").filter(merged_key=key).order_by("-merged_at").first()
        if merge is not None:
            return merge.kept
        if kind != Actor.Kind.PERSON:
            return None
        people = self.filter(kind=Actor.Kind.PERSON)
        found = {a.actor_id for a in Alias.objects.filter(fuzzy=fuzzy_key(name), actor__in=people)}
        if len(found) == 1:
            return self.get(pk=found.pop())
        words = tuple(fold_words(name))
        if found or not words:
            return None
        candidates = {
            alias.actor_id
            for alias in Alias.objects.filter(surname=words[-1], actor__in=people)
            if less_specific(words, tuple(fold_words(alias.name)))
        }
        if len(candidates) == 1:
            return self.get(pk=candidates.pop())
        return None

    def refresh_counts(self, actor_ids):
        """Recount `article_count` and `statement_count` of these actors from their mentions and statements.

        Counting per actor while a page renders reads a million statements, so
        whatever adds, moves or deletes mentions or statements calls this
        instead, inside its transaction. The rows are locked first, in id
        order so two writers cannot deadlock on them: under READ COMMITTED the
        count then runs after any other writer of the same actors committed,
        and two concurrent ingests cannot each miss the other's rows.
        """
        ids = sorted({pk for pk in actor_ids if pk is not None})
        if not ids:
            return 0
        with transaction.atomic(using=self.db):
            list(self.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
            return self.filter(pk__in=ids).update(**_counts(self.model))

    def add_to_counts(self, articles=(), statements=()):
        """Shift `article_count` and `statement_count` by known changes ({actor id: +n or -n}).

        For writers that know exactly what they added and removed (ingest,
        see articles.storing): a recount reads every mention of an actor, which
        for a country in 100,000 articles costs more than storing the page.
        Rows are locked in id order as in refresh_counts; the UPDATE adds to
        the latest committed value, so concurrent writers add up exactly.
        """
        articles = {pk: n for pk, n in dict(articles).items() if pk is not None and n}
        statements = {pk: n for pk, n in dict(statements).items() if pk is not None and n}
        ids = sorted(articles.keys() | statements.keys())
        if not ids:
            return 0

        def shifted(field, changes):
            if not changes:
                return F(field)
            return F(field) + Case(*(When(pk=pk, then=Value(n)) for pk, n in changes.items()), default=Value(0))

        connection = connections[self.db]
        # No savepoint: the caller's transaction is undone whole if this fails (ingest's page is).
        with transaction.atomic(using=self.db, savepoint=False):
            if connection.vendor == "postgresql":
                # Two statements, no ORM: on a page's ingest the CASE expressions cost more to build than to run.
                table = self.model._meta.db_table
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT id FROM {table} WHERE id = ANY(%s) ORDER BY id FOR UPDATE", [ids])
                    cursor.execute(
                        f"UPDATE {table} AS a SET article_count = a.article_count + d.articles, "
                        "statement_count = a.statement_count + d.statements "
                        "FROM unnest(%s::bigint[], %s::integer[], %s::integer[]) AS d(id, articles, statements) "
                        "WHERE a.id = d.id",
                        [ids, [articles.get(pk, 0) for pk in ids], [statements.get(pk, 0) for pk in ids]],
                    )
                    return cursor.rowcount
            list(self.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
            return self.filter(pk__in=ids).update(
                article_count=shifted("article_count", articles),
                statement_count=shifted("statement_count", statements),
            )


def _counts(actor_model):
    """Correlated subqueries counting an actor's mentions and statements, for UPDATE."""

    def counted(relation, field):
        # counted(): the rows the model says count (a rejected statement does not).
        rows = relation.related_model.objects.counted().filter(**{field: OuterRef("pk")}).order_by().values(field)
        return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), Value(0))

    return {
        "article_count": counted(actor_model.mentions.rel, "actor"),
        "statement_count": counted(actor_model.statements.rel, "speaker"),
    }


class Actor(models.Model):
    """A person, organisation or country that articles mention or quote.

    One record per real actor: every other spelling seen is an Alias.
    """

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        COUNTRY = "country", "Country"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.PERSON)
    role = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    # Articles mentioning the actor and statements by them: the actor list and
    # the desk sort by them. Every write keeps them in step (articles.storing says how).
    article_count = models.PositiveIntegerField(default=0, editable=False)
    statement_count = models.PositiveIntegerField(default=0, editable=False)
    # The unit of spellings this actor stands for (actors.resolution.Root.id), while the pages'
    # evidence asks for it: its name, kind and role are then decided from that evidence.
    # Empty for an actor made by hand (the admin, a watchlist), whose fields are the analyst's.
    root_key = models.CharField(max_length=210, blank=True, default="", editable=False)
    # An analyst's edit of these wins over what the pages' evidence says (see ActorAdmin.save_model).
    name_corrected = models.BooleanField(default=False, help_text="An analyst set the name; ingest keeps it.")
    kind_corrected = models.BooleanField(default=False, help_text="An analyst set the kind; ingest keeps it.")
    role_corrected = models.BooleanField(default=False, help_text="An analyst set the role; ingest keeps it.")
    suppressed = models.BooleanField(
        default=False,
        help_text="An analyst said this is no actor: left out of lists, pages and suggestions; ingest keeps it so.",
    )

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            # One actor per unit of evidence, however many ingests decide at once.
            models.UniqueConstraint(fields=["root_key"], condition=~Q(root_key=""), name="unique_actor_root"),
        ]
        indexes = [
            models.Index(fields=["kind", "name"]),
            models.Index(F("statement_count").desc(), F("article_count").desc(), "name", name="actor_quoted_idx"),
            models.Index(F("article_count").desc(), F("statement_count").desc(), "name", name="actor_mentioned_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_one("actors:detail", self.slug)

    def add_alias(self, spelling):
        """Record a spelling of this actor, as an analyst would; one already taken by another actor stays theirs."""
        key = name_key(spelling)
        if key:
            # Alias.save fills the other keys.
            Alias.objects.get_or_create(key=key, defaults={"actor": self, "name": spelling})


class Alias(models.Model):
    """A spelling of an actor's name, as seen in a page or entered by an analyst.

    `key` is the normalised spelling (case and accents folded) and is unique:
    the same spelling always resolves to the same actor, across the database.
    Aliases from pages follow the evidence (actors.evidence rewrites them); an
    analyst's alias (typed in the admin, moved by a merge, loaded with a
    watchlist) ties its spelling to its actor whatever the pages say.
    """

    class Origin(models.TextChoices):
        PAGES = "pages", "Seen on pages"
        ANALYST = "analyst", "Set by an analyst"

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    # Analyst by default: what is not written by ingest (the admin, fixtures) is someone's decision.
    origin = models.CharField(max_length=10, choices=Origin, default=Origin.ANALYST)
    key = models.CharField(max_length=200, unique=True)
    # The spelling with transliteration folded, to find "Zelenskiy" under "Zelenskyy".
    fuzzy = models.CharField(max_length=200, blank=True, db_index=True)
    # The last word, folded, to find "Rutte" under "Mark Rutte" without scanning every alias.
    surname = models.CharField(max_length=200, blank=True, db_index=True)

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_keys()
        super().save(*args, **kwargs)

    def fill_keys(self):
        """Work out the lookup keys from `name`; save does it, bulk_create (which skips save) needs it done."""
        self.key, self.fuzzy, self.surname = name_key(self.name), fuzzy_key(self.name), surname_key(self.name)
        return self


class Spelling(models.Model):
    """How the pages use one exact spelling: the kinds and roles they give it, and its uses as another's alias.

    The tallies actor resolution decides from (actors.resolution), kept by
    actors.evidence with each page's sightings: deciding the spellings of one
    surname then reads a few rows, not every sighting of a country named in
    100,000 articles. They always equal a count over the sightings
    (`manage.py resolve_actors --check` compares them).
    """

    name = models.CharField(max_length=200, unique=True)
    key = models.CharField(max_length=200)
    surname = models.CharField(max_length=200, db_index=True)
    person = models.PositiveIntegerField(default=0)
    organisation = models.PositiveIntegerField(default=0)
    country = models.PositiveIntegerField(default=0)
    seen = models.PositiveIntegerField(default=0, help_text="Pages using it for an actor they name otherwise.")
    roles = models.JSONField(default=dict, blank=True, help_text="{role: pages giving it}")

    KINDS = ("person", "organisation", "country")

    def __str__(self):
        return self.name

    @property
    def empty(self):
        return not (self.person or self.organisation or self.country or self.seen)


class Sighting(models.Model):
    """An actor as one article names it: the page's spelling, the kind and role it gives, how often.

    The evidence behind the article's mentions and its statements' speakers:
    when a later page changes what a spelling stands for (a second Brezhinsky
    makes the bare surname ambiguous), the sightings of that spelling say which
    mentions and statements follow, and they move in bulk (actors.evidence).
    """

    # Indexed by the unique (article, key) constraint.
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="sightings", db_index=False)
    # Null only between an analyst deleting the actor and the next decision on its spellings.
    actor = models.ForeignKey(Actor, null=True, on_delete=models.SET_NULL, related_name="sightings")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200)
    surname = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Actor.Kind)
    count = models.PositiveIntegerField(default=0, help_text="Mentions on the page; 0 for a name seen only speaking.")
    role = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(default=list, blank=True, help_text="Other spellings the page uses for it.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "key"], name="unique_sighting")]
        indexes = [models.Index(fields=["key"], name="sighting_key_idx")]

    def __str__(self):
        return f"{self.name} in article {self.article_id}"


class ActorMerge(models.Model):
    """An analyst's merge of one actor into another, kept so it outlives the merged actor.

    Resolving the merged actor's name leads to `kept`, so a re-ingested page
    does not bring the merged actor back.
    """

    kept = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="merges")
    merged_name = models.CharField(max_length=200)
    merged_key = models.CharField(max_length=200, db_index=True)
    merged_slug = models.CharField(max_length=220)
    merged_kind = models.CharField(max_length=20, choices=Actor.Kind)
    aliases = models.JSONField(default=list, blank=True)
    statements_moved = models.PositiveIntegerField(default=0)
    mentions_moved = models.PositiveIntegerField(default=0)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self):
        return f"{self.merged_name} into {self.kept}"


def _lines(text):
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


class RoleQuerySet(models.QuerySet):
    def registry(self):
        """Every role with its holders as plain data (articles.extraction.titles.Role), for ingest.

        One query however many roles, rows not models (it was a third of storing a page that needs it): read
        once per page stored, inside its transaction, so an analyst's edit in the admin applies from the next
        page on. Holders come in the order of their terms.
        """
        rows = self.order_by("title", "pk", "holders__valid_from", "holders__pk").values_list(
            "pk",
            "title",
            "variants",
            "context",
            "holders__pk",
            "holders__holder__name",
            "holders__valid_from",
            "holders__valid_to",
        )
        roles, holders = {}, defaultdict(list)
        for pk, title, variants, context, holder_pk, name, valid_from, valid_to in rows:
            roles.setdefault(pk, (title, variants, context))
            if holder_pk is not None:
                holders[pk].append(titles.Holder(name, valid_from, valid_to))
        return tuple(
            titles.Role(title=title, variants=_lines(variants), context=_lines(context), holders=tuple(holders[pk]))
            for pk, (title, variants, context) in roles.items()
        )


class Role(models.Model):
    """A title one person holds at a time ("NATO Secretary General"), and who held it when (RoleHolder).

    Ingest gives a speaker the text names only by the title ("the alliance's chief said") to the holder
    on the article's date (articles.extraction.titles); an undated article keeps the title unresolved.
    """

    title = models.CharField(max_length=200, unique=True)
    organisation = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roles_in",
        limit_choices_to={"kind__in": ["organisation", "country"]},
    )
    variants = models.TextField(
        blank=True, help_text='Other ways pages write the title, one a line ("NATO\'s chief", "the Secretary General").'
    )
    context = models.TextField(
        blank=True,
        help_text='Words naming the organisation, one a line ("NATO", "alliance"): a variant without one '
        "is read as this title only on a page that uses one.",
    )

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class RoleHolder(models.Model):
    """Who held a role from one day to another (both included); an open end is still in office."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="holders")
    holder = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="roles_held")
    valid_from = models.DateField(null=True, blank=True, help_text="First day in office; empty: long before.")
    valid_to = models.DateField(null=True, blank=True, help_text="Last day in office; empty: still in office.")

    class Meta:
        ordering = ["role", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_from__lte=F("valid_to")),
                name="role_holder_dates_in_order",
            )
        ]

    def __str__(self):
        return f"{self.holder} as {self.role}"
