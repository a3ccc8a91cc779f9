"""GIN indexes for full-text search, on PostgreSQL only.

They index the very expressions that ArticleQuerySet.search() and
StatementQuerySet.search() match against (article_search_vector() and
statement_search_vector() in articles/models.py), so `vector @@ query` uses
them with no stored search column to keep in sync. SQLite has no GIN indexes
and searches with LIKE, so there this migration does nothing.

The expressions are copied here, not imported, so that later edits to the
models cannot change what this migration did; keep the two in step.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"


def indexes(apps):
    article = apps.get_model("articles", "Article")
    statement = apps.get_model("articles", "Statement")
    return [
        (
            article,
            GinIndex(
                SearchVector("title", weight="A", config=CONFIG) + SearchVector("body", weight="B", config=CONFIG),
                name="article_search_idx",
            ),
        ),
        (statement, GinIndex(SearchVector("text", config=CONFIG), name="statement_search_idx")),
    ]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in indexes(apps):
        schema_editor.add_index(model, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_default_topics")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
