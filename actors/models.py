from django.db import IntegrityError, models, transaction
from django.urls import reverse

from .names import name_key, unique_slug


class ActorQuerySet(models.QuerySet):
    def resolve(self, name, kind="person", role="", aliases=()):
        """The actor for `name`, created with its aliases when new.

        Lookup goes through the alias table, so a spelling an analyst merged
        into another actor keeps resolving to that actor on every re-ingest.
        Concurrent ingests may race to create the same actor; the unique alias
        key makes one of them win and the other reuse its actor.
        """
        keys = [k for k in dict.fromkeys(name_key(n) for n in [name, *aliases]) if k]
        alias = Alias.objects.select_related("actor").filter(key__in=keys).first()
        if alias is not None:
            actor = alias.actor
        else:
            try:
                with transaction.atomic():
                    actor = self.create(
                        name=name,
                        slug=unique_slug(name, lambda s: self.filter(slug=s).exists()),
                        kind=kind,
                        role=role or "",
                    )
                    Alias.objects.create(actor=actor, name=name, key=keys[0])
            except IntegrityError:
                return self.resolve(name, kind, role, aliases)
        if role and not actor.role:
            actor.role = role
            actor.save(update_fields=["role"])
        for spelling in [name, *aliases]:
            actor.add_alias(spelling)
        return actor


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

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("actors:detail", args=[self.slug])

    def add_alias(self, spelling):
        """Record a spelling of this actor; one already taken by another actor stays theirs."""
        key = name_key(spelling)
        if key:
            Alias.objects.get_or_create(key=key, defaults={"actor": self, "name": spelling})


class Alias(models.Model):
    """A spelling of an actor's name, as seen in a page or entered by an analyst.

    `key` is the normalised spelling (case and accents folded) and is unique:
    the same spelling always resolves to the same actor, across the database.
    """

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True)

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = name_key(self.name)
        super().save(*args, **kwargs)
