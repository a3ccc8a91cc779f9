from django.db import migrations, models


class Migration(migrations.Migration):
    """Its own migration: on PostgreSQL the copies deleted by 0010 leave deferred
    foreign-key checks that forbid altering the table in the same transaction."""

    dependencies = [
        ('articles', '0010_queue_ledger_unique_content'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='article',
            name='article_hash_idx',
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.UniqueConstraint(fields=('content_hash',), name='unique_article_content'),
        ),
    ]
