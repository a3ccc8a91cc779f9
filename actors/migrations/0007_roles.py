"""The role registry (Role, RoleHolder) and the roles of the pages' world, with who held them when.

Holders are made as `Actor.objects.resolve` makes an actor by name (as a
watchlist does): a spelling already known finds its actor; otherwise the actor
is created with its name as an analyst's alias, which ingest then keeps to,
so the pages' "Mark Rutte" is this actor and not a second one.
"""

from datetime import date

import django.db.models.deletion
from django.db import migrations, models

from actors.names import fuzzy_key, name_key, surname_key, unique_slug

US = ["US", "U.S.", "United States", "America", "American", "Washington"]

# (title, organisation or None, variants, context, [(holder, first day, last day)]); None: open end.
ROLES = [
    (
        "NATO Secretary General",
        ("NATO", "organisation"),
        [
            "NATO Secretary-General", "NATO's Secretary General", "NATO's secretary-general", "NATO chief",
            "NATO's chief", "NATO head", "the alliance's chief", "the alliance's secretary general",
            "the alliance's secretary-general", "the alliance chief", "the Secretary General", "the Secretary-General",
        ],
        ["NATO", "North Atlantic Treaty Organization", "alliance"],
        [("Jens Stoltenberg", date(2014, 10, 1), date(2024, 9, 30)), ("Mark Rutte", date(2024, 10, 1), None)],
    ),
    (
        "UN Secretary-General",
        ("United Nations", "organisation"),
        [
            "UN Secretary General", "U.N. Secretary-General", "U.N. Secretary General",
            "Secretary-General of the United Nations", "UN chief", "the UN chief", "the U.N. chief",
            "the Secretary General", "the Secretary-General",
        ],
        ["United Nations", "UN", "U.N."],
        [("Ban Ki-moon", date(2007, 1, 1), date(2016, 12, 31)), ("António Guterres", date(2017, 1, 1), None)],
    ),
    (
        "US Secretary of State",
        None,
        [
            "U.S. Secretary of State", "US State Secretary", "U.S. State Secretary", "the Secretary of State",
            "America's top diplomat", "the top US diplomat", "the top U.S. diplomat", "the US top diplomat",
            "Washington's top diplomat",
        ],
        [*US, "State Department"],
        [("Antony Blinken", date(2021, 1, 26), date(2025, 1, 20)), ("Marco Rubio", date(2025, 1, 21), None)],
    ),
    (
        "President of the United States",
        None,
        ["US President", "U.S. President", "the US president", "the U.S. president", "the American president"],
        US,
        [
            ("Donald Trump", date(2017, 1, 20), date(2021, 1, 19)),
            ("Joe Biden", date(2021, 1, 20), date(2025, 1, 19)),
            ("Donald Trump", date(2025, 1, 20), None),
        ],
    ),
    (
        "President of Ukraine",
        None,
        ["Ukrainian President", "Ukraine's president", "the Ukrainian president", "the Ukrainian leader", "Ukraine's leader"],
        ["Ukraine", "Ukrainian", "Kyiv"],
        [("Petro Poroshenko", date(2014, 6, 7), date(2019, 5, 19)), ("Volodymyr Zelenskyy", date(2019, 5, 20), None)],
    ),
    (
        "Foreign Minister of Ukraine",
        None,
        ["Ukrainian Foreign Minister", "Ukraine's foreign minister", "the Ukrainian foreign minister"],
        ["Ukraine", "Ukrainian", "Kyiv"],
        [("Dmytro Kuleba", date(2020, 3, 4), date(2024, 9, 4)), ("Andrii Sybiha", date(2024, 9, 5), None)],
    ),
    (
        "President of Russia",
        None,
        ["Russian President", "Russia's president", "the Russian president", "the Russian leader", "the Kremlin leader"],
        ["Russia", "Russian", "Kremlin", "Moscow"],
        [("Vladimir Putin", date(2012, 5, 7), None)],
    ),
    (
        "President of France",
        None,
        ["French President", "France's president", "the French president", "the French leader"],
        ["France", "French", "Paris", "Elysee", "Élysée"],
        [("Emmanuel Macron", date(2017, 5, 14), None)],
    ),
    (
        "President of the Czech Republic",
        None,
        ["Czech President", "the Czech president", "Czechia's president"],
        ["Czech", "Czechia", "Prague"],
        [("Miloš Zeman", date(2013, 3, 8), date(2023, 3, 8)), ("Petr Pavel", date(2023, 3, 9), None)],
    ),
    (
        "President of Turkey",
        None,
        ["Turkish President", "Turkey's president", "the Turkish president", "the Turkish leader"],
        ["Turkey", "Turkish", "Türkiye", "Ankara"],
        [("Recep Tayyip Erdoğan", date(2014, 8, 28), None)],
    ),
    (
        "Foreign Minister of Turkey",
        None,
        ["Turkish Foreign Minister", "Turkey's foreign minister", "the Turkish foreign minister"],
        ["Turkey", "Turkish", "Türkiye", "Ankara"],
        [("Hakan Fidan", date(2023, 6, 4), None)],
    ),
]  # fmt: skip


def actor_by_name(apps, name, kind, role=""):
    """The actor `name` stands for, found or made the way Actor.objects.resolve does it."""
    Actor = apps.get_model("actors", "Actor")
    Alias = apps.get_model("actors", "Alias")
    ActorMerge = apps.get_model("actors", "ActorMerge")
    key = name_key(name)
    alias = Alias.objects.filter(key=key).select_related("actor").first()
    if alias is not None:
        return alias.actor
    merge = ActorMerge.objects.filter(merged_key=key).select_related("kept").order_by("-merged_at").first()
    if merge is not None:
        return merge.kept
    if kind == "person":
        found = set(
            Alias.objects.filter(fuzzy=fuzzy_key(name), actor__kind="person").values_list("actor_id", flat=True)
        )
        if len(found) == 1:
            return Actor.objects.get(pk=found.pop())
    slug = unique_slug(name, lambda s: Actor.objects.filter(slug=s).exists())
    actor = Actor.objects.create(name=name, slug=slug, kind=kind, role=role)
    Alias.objects.create(
        actor=actor, name=name, origin="analyst", key=key, fuzzy=fuzzy_key(name), surname=surname_key(name)
    )
    return actor


def fill_roles(apps, schema_editor):
    Role = apps.get_model("actors", "Role")
    RoleHolder = apps.get_model("actors", "RoleHolder")
    for title, organisation, variants, context, holders in ROLES:
        if Role.objects.filter(title=title).exists():
            continue
        role = Role.objects.create(
            title=title,
            organisation=actor_by_name(apps, *organisation) if organisation else None,
            variants="\n".join(variants),
            context="\n".join(context),
        )
        for name, start, end in holders:
            holder = actor_by_name(apps, name, "person", title)
            RoleHolder.objects.create(role=role, holder=holder, valid_from=start, valid_to=end)


def drop_roles(apps, schema_editor):
    # The actors stay: pages may name them since.
    apps.get_model("actors", "Role").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0006_actor_suppressed"),
    ]

    operations = [
        migrations.CreateModel(
            name="Role",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=200, unique=True)),
                (
                    "variants",
                    models.TextField(
                        blank=True,
                        help_text='Other ways pages write the title, one a line ("NATO\'s chief", "the Secretary General").',
                    ),
                ),
                (
                    "context",
                    models.TextField(
                        blank=True,
                        help_text='Words naming the organisation, one a line ("NATO", "alliance"): a variant without one is read as this title only on a page that uses one.',
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind__in": ["organisation", "country"]},
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="roles_in",
                        to="actors.actor",
                    ),
                ),
            ],
            options={
                "ordering": ["title"],
            },
        ),
        migrations.CreateModel(
            name="RoleHolder",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "valid_from",
                    models.DateField(blank=True, help_text="First day in office; empty: long before.", null=True),
                ),
                (
                    "valid_to",
                    models.DateField(blank=True, help_text="Last day in office; empty: still in office.", null=True),
                ),
                (
                    "holder",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="roles_held", to="actors.actor"
                    ),
                ),
                (
                    "role",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="holders", to="actors.role"
                    ),
                ),
            ],
            options={
                "ordering": ["role", "valid_from"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("valid_from__isnull", True),
                            ("valid_to__isnull", True),
                            ("valid_from__lte", models.F("valid_to")),
                            _connector="OR",
                        ),
                        name="role_holder_dates_in_order",
                    )
                ],
            },
        ),
        migrations.RunPython(fill_roles, drop_roles),
    ]
