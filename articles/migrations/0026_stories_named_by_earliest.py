"""Stories named by their earliest-published article (articles.stories), where they were named by the first
stored: each story whose first article in that order is not its name moves to it, one UPDATE per story.
The ids exported as `story` change for those stories."""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery


def rename(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    first = (
        Article.objects.filter(story=OuterRef("pk"))
        .order_by(F("published").asc(nulls_last=True), "pk")
        .values("pk")[:1]
    )
    named = Article.objects.filter(story=F("pk")).annotate(first=Subquery(first)).exclude(first=F("pk"))
    for old, new in list(named.values_list("pk", "first")):
        Article.objects.filter(story=old).update(story=new)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0025_utterance_tally"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop, elidable=True)]
