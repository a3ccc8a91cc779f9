import django.utils.timezone
from django.db import migrations, models

# Statements stored before this have no arrival of their own: their article's ingest is the best known.
FROM_ARTICLE = (
    "UPDATE articles_statement SET arrived = "
    "(SELECT ingested FROM articles_article WHERE articles_article.id = articles_statement.article_id)"
)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_stories"),
    ]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="arrived",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.RunSQL(FROM_ARTICLE, migrations.RunSQL.noop, elidable=True),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["arrived"], name="statement_arrived_idx"),
        ),
    ]
