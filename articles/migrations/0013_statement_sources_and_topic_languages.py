"""Statements keep their cue, their source as written, whether it names anyone, and where they end.

The default topics also learn their words in French, German, Ukrainian,
Russian and Bulgarian. Analysts edit the rules in the admin, so the new lines
are added to what each default topic has now, never replacing it; a topic an
analyst deleted stays deleted. Run `manage.py retag` to apply them to stored
articles.
"""

from django.db import migrations, models

# Frozen here: later edits to the defaults in articles/extraction/topics.py must not change
# what this migration did.
NEW_RULES = {
    "ceasefire": [
        "# French",
        "cessez-le-feu",
        "trêve*",
        "pourparlers de paix",
        "accord de paix",
        "négociations de paix",
        "# German",
        "Waffenstillstand*",
        "Waffenruhe*",
        "Feuerpause*",
        "Friedensgespräch*",
        "Friedensverhandlung*",
        "Friedensabkommen*",
        "# Ukrainian",
        "перемир*",
        "припинення вогню",
        "мирні переговори",
        "мирн* угод*",
        "# Russian and Bulgarian",
        "прекращени* огня",
        "мирн* переговор*",
        "мирн* соглашени*",
        "примирие",
        "прекратяване на огъня",
    ],
    "sanctions": [
        "# French",
        "sanction*",
        "gel des avoirs",
        "plafonnement des prix",
        "# German",
        "Sanktion*",
        "Embargo*",
        "Preisobergrenze*",
        "Exportkontrolle*",
        "# Ukrainian, Russian and Bulgarian",
        "санкці*",
        "санкци*",
        "ембарго",
        "эмбарго",
    ],
    "summit": [
        "# French",
        "sommet*",
        "# German",
        "Gipfel*",
        "# Ukrainian, Russian and Bulgarian",
        "саміт*",
        "саммит*",
        "самит*",
        "срещ* на върха",
    ],
}


def _rule_lines(rules):
    return {line.split("#", 1)[0].strip().casefold() for line in rules.splitlines()} - {""}


def add_rules(apps, schema_editor):
    Topic = apps.get_model("articles", "Topic")
    for topic in Topic.objects.filter(slug__in=NEW_RULES):
        have = _rule_lines(topic.rules)
        missing = [line for line in NEW_RULES[topic.slug] if line.startswith("#") or line.casefold() not in have]
        if any(not line.startswith("#") for line in missing):
            topic.rules = topic.rules.rstrip("\n") + "\n" + "\n".join(missing)
            topic.save(update_fields=["rules"])


def remove_rules(apps, schema_editor):
    Topic = apps.get_model("articles", "Topic")
    for topic in Topic.objects.filter(slug__in=NEW_RULES):
        added = {line.casefold() for line in NEW_RULES[topic.slug]}
        kept = [line for line in topic.rules.splitlines() if line.strip().casefold() not in added]
        topic.rules = "\n".join(kept)
        topic.save(update_fields=["rules"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_feed_keys_hashed"),
    ]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="cue",
            field=models.CharField(
                blank=True, help_text="The words that report it: said, warned, according to.", max_length=100
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="end_position",
            field=models.PositiveIntegerField(
                blank=True, help_text="Character offset in the article body just after the statement.", null=True
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="source_description",
            field=models.CharField(
                blank=True,
                help_text="The source as the article words it: “a senior NATO official”, “she”, “Mr. Kask”.",
                max_length=300,
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="unnamed",
            field=models.BooleanField(
                default=False, help_text="The source is a description that names nobody (anonymous sourcing)."
            ),
        ),
        migrations.RunPython(add_rules, remove_rules),
    ]
