"""Stored full-text vectors for articles and statements, on PostgreSQL only.

Migration 0003 indexed the vector expressions, which served the match but not
the rank: ranking 15,000 matching articles recomputed to_tsvector(body) for
each, over a second. A generated column holds the vector instead, written by
the database on every insert and update, and a GIN index on it serves the
match; ArticleQuerySet.search() and StatementQuerySet.search() read it through
models.StoredSearchVector. The models do not declare the column, so SQLite
(which searches with LIKE) and the migration autodetector never see it.

The expressions are those of article_search_vector() and
statement_search_vector() in articles/models.py, copied so that later edits
there cannot change what this migration did; keep the two in step.
"""

from django.db import migrations

COLUMNS = {
    "articles_article": (
        "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')"
        " || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'B')",
        "article_search_idx",
        "article_search_vector_idx",
    ),
    "articles_statement": (
        "to_tsvector('english'::regconfig, coalesce(text, ''))",
        "statement_search_idx",
        "statement_search_vector_idx",
    ),
}


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (expression, old_index, index) in COLUMNS.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {old_index}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_vector)")


def remove_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (expression, old_index, index) in COLUMNS.items():
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")
        schema_editor.execute(f"CREATE INDEX {old_index} ON {table} USING gin (({expression}))")


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_list_indexes")]

    operations = [migrations.RunPython(add_columns, remove_columns)]
