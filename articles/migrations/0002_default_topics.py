"""The three topics analysts start with; they edit the rules in the admin."""

from django.db import migrations

TOPICS = [
    (
        "ceasefire",
        "Ceasefire",
        "Truces, ceasefires and peace talks.",
        "ceasefire\ntruce\narmistice\npeace talks\npeace deal\npeace agreement\npeace negotiations\nend the war",
    ),
    ("sanctions", "Sanctions", "Sanctions packages, embargoes and asset freezes.",
     "sanction\nembargo\nasset freeze\nprice cap\nexport controls"),
    ("summit", "Summit", "Summits and leaders' meetings.", "summit"),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("articles", "Topic")
    for slug, name, description, rules in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description, "rules": rules})


def remove_topics(apps, schema_editor):
    Topic = apps.get_model("articles", "Topic")
    Topic.objects.filter(slug__in=[t[0] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(add_topics, remove_topics)]
