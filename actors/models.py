from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Case, Count, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse

from .names import first_names_agree, fuzzy_key, name_key, surname_key, unique_slug


class ActorQuerySet(models.QuerySet):
    def resolve(self, name, kind="person", role="", aliases=(), known=None):
        """The actor for `name`, created with its aliases when new.

        Lookup goes through the alias table, so a spelling an analyst merged
        into another actor keeps resolving to that actor on every re-ingest.
        A person is also found under another transliteration of the full name
        (Zelensky / Zelenskyy) and by the surname alone when exactly one person
        has it; a full name then replaces a surname-only name. Concurrent
        ingests may race to create the same actor; the unique alias key makes
        one of them win and the other reuse its actor.

        `known` ({alias key: Alias}, from `resolve_all`) holds every alias
        already stored under these spellings, so exact lookups need no query.
        """
        spellings = [n for n in dict.fromkeys([name, *aliases]) if name_key(n)]
        keys = [name_key(n) for n in spellings]
        if not keys:
            raise ValueError("an actor needs a name")
        actor = self._find(name, kind, spellings, known)
        if actor is None:
            try:
                with transaction.atomic():
                    actor = self.create(
                        name=name,
                        slug=unique_slug(name, lambda s: self.filter(slug=s).exists()),
                        kind=kind,
                        role=role or "",
                    )
                    alias = Alias.objects.create(actor=actor, name=name)
                if known is not None:
                    known[alias.key] = alias
            except IntegrityError:
                return self.resolve(name, kind, role, aliases)
        updates = []
        if role and not actor.role:
            actor.role = role
            updates.append("role")
        if actor.kind == Actor.Kind.PERSON and len(name_key(actor.name).split()) == 1 and len(keys[0].split()) > 1:
            # First seen by the surname alone; the full name is the better name.
            actor.name = name
            updates.append("name")
        if updates:
            actor.save(update_fields=updates)
        if known is None:
            for spelling in spellings:
                actor.add_alias(spelling)
            return actor
        missing = {}
        for spelling in spellings:
            key = name_key(spelling)
            if key not in known and key not in missing:
                missing[key] = Alias(actor=actor, name=spelling).fill_keys()
        # A spelling another ingest recorded meanwhile stays theirs, as in add_alias.
        Alias.objects.bulk_create(missing.values(), ignore_conflicts=True)
        known.update(missing)
        return actor

    def resolve_all(self, found_actors):
        """{name: actor} for the ExtractedActors of a page, the same actors `resolve` gives one by one.

        A page's actors are mostly known already, under the very spelling the
        page uses: those come from one alias query, and only their spellings
        not yet recorded are written. Newcomers take the full `resolve` path.
        """
        keys = {}
        for found in found_actors:
            for spelling in dict.fromkeys([found.name, *found.aliases]):
                if key := name_key(spelling):
                    keys.setdefault(key, spelling)
        known = {a.key: a for a in Alias.objects.select_related("actor").filter(key__in=keys)}
        resolved, new_aliases = {}, {}
        for found in found_actors:
            alias = known.get(name_key(found.name))
            if alias is None or _needs_update(alias.actor, found.name, found.role):
                resolved[found.name] = self.resolve(
                    found.name, kind=found.kind, role=found.role or "", aliases=found.aliases, known=known
                )
                continue
            actor = resolved[found.name] = alias.actor
            for spelling in found.aliases:
                key = name_key(spelling)
                if key and key not in known and key not in new_aliases:
                    new_aliases[key] = Alias(actor=actor, name=spelling).fill_keys()
        # A spelling another ingest recorded meanwhile stays theirs, as in add_alias.
        Alias.objects.bulk_create(new_aliases.values(), ignore_conflicts=True)
        return resolved

    def _find(self, name, kind, spellings, known=None):
        key = name_key(name)
        alias = known.get(key) if known is not None else Alias.objects.select_related("actor").filter(key=key).first()
        if alias is not None:
            return alias.actor
        merge = ActorMerge.objects.select_related("kept").filter(merged_key=key).order_by("-merged_at").first()
        if merge is not None:
            return merge.kept
        # Another full spelling seen on the page ("Volodymyr Zelenskyy" beside "Volodymyr Zelensky").
        # A surname alone is no proof here: two people may share it.
        full = [s for s in spellings if len(name_key(s).split()) > 1]
        full_keys = [name_key(s) for s in full]
        if known is None:
            alias = Alias.objects.select_related("actor").filter(key__in=full_keys).first()
        else:
            alias = min((known[k] for k in full_keys if k in known), key=lambda a: a.name, default=None)
        if alias is not None:
            return alias.actor
        if kind != Actor.Kind.PERSON:
            return None
        people = self.filter(kind=Actor.Kind.PERSON)
        fuzzy = {fuzzy_key(s) for s in full} or {fuzzy_key(name)}
        found = {a.actor_id for a in Alias.objects.filter(fuzzy__in=fuzzy, actor__in=people)}
        if len(found) == 1:
            return self.get(pk=found.pop())
        surname = surname_key(name)
        if not surname or found:
            return None
        candidates = (
            {
                a.actor_id: a.actor
                for a in Alias.objects.select_related("actor").filter(surname=surname, actor__in=people)
                if first_names_agree(name, a.name)
            }
            if len(surname) > 2
            else {}
        )
        candidates = {pk: actor for pk, actor in candidates.items() if first_names_agree(name, actor.name)}
        if len(candidates) == 1:
            return next(iter(candidates.values()))
        return None

    def merge(self, kept, others, user=None):
        """Move the statements, mentions and aliases of `others` onto `kept`, then delete them.

        For analysts fixing what discovery split. Each merge is recorded as an
        ActorMerge; the moved aliases (and the record) make a re-ingested page
        resolve to `kept`.
        """
        records = []
        with transaction.atomic():
            for other in others:
                if other.pk == kept.pk:
                    continue
                aliases = list(other.aliases.values_list("name", flat=True))
                statements = other.statements.update(speaker=kept)
                mentions = 0
                for mention in other.mentions.all():
                    existing = kept.mentions.filter(article_id=mention.article_id).first()
                    if existing is not None:
                        existing.count += mention.count
                        existing.save(update_fields=["count"])
                        mention.delete()
                    else:
                        mention.actor = kept
                        mention.save(update_fields=["actor"])
                    mentions += 1
                other.aliases.update(actor=kept)
                if other.role and not kept.role:
                    kept.role = other.role
                    kept.save(update_fields=["role"])
                records.append(
                    ActorMerge.objects.create(
                        kept=kept,
                        merged_name=other.name,
                        merged_key=name_key(other.name),
                        merged_slug=other.slug,
                        merged_kind=other.kind,
                        aliases=aliases,
                        statements_moved=statements,
                        mentions_moved=mentions,
                        merged_by=user,
                    )
                )
                other.delete()
            self.refresh_counts([kept.pk])
        return records

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

        with transaction.atomic(using=self.db):
            list(self.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
            return self.filter(pk__in=ids).update(
                article_count=shifted("article_count", articles),
                statement_count=shifted("statement_count", statements),
            )


def _counts(actor_model):
    """Correlated subqueries counting an actor's mentions and statements, for UPDATE."""

    def counted(relation, field):
        rows = relation.related_model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
        return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), Value(0))

    return {
        "article_count": counted(actor_model.mentions.rel, "actor"),
        "statement_count": counted(actor_model.statements.rel, "speaker"),
    }


def _needs_update(actor, name, role):
    """Whether `resolve` would change a known actor: a first role, or a full name for a surname."""
    if role and not actor.role:
        return True
    return (
        actor.kind == Actor.Kind.PERSON and len(name_key(actor.name).split()) == 1 and len(name_key(name).split()) > 1
    )


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
    # Articles mentioning the actor and statements by them, kept by
    # ActorQuerySet.refresh_counts: the actor list and the desk sort by them.
    article_count = models.PositiveIntegerField(default=0, editable=False)
    statement_count = models.PositiveIntegerField(default=0, editable=False)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "name"]),
            models.Index(F("statement_count").desc(), F("article_count").desc(), "name", name="actor_quoted_idx"),
            models.Index(F("article_count").desc(), F("statement_count").desc(), "name", name="actor_mentioned_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("actors:detail", args=[self.slug])

    def add_alias(self, spelling):
        """Record a spelling of this actor; one already taken by another actor stays theirs."""
        key = name_key(spelling)
        if key:
            # Alias.save fills the other keys.
            Alias.objects.get_or_create(key=key, defaults={"actor": self, "name": spelling})


class Alias(models.Model):
    """A spelling of an actor's name, as seen in a page or entered by an analyst.

    `key` is the normalised spelling (case and accents folded) and is unique:
    the same spelling always resolves to the same actor, across the database.
    """

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
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
