"""A GIN index on the words of each article's title and author (PostgreSQL only), for the admin's searches.

The article admin's search and the statement admin's search of titles read
a part of the title of every article (an ILIKE over 100,000 rows, 0.2-0.3 s);
they now match words, as the quotes' search does, through this index
(articles.search.title_matching). The expression is the one Django writes for
SearchVector("title", "author", config="english"), so the planner finds it.
SQLite keeps matching substrings.
"""

from django.db import migrations

INDEX = "article_title_author_words_idx"
EXPRESSION = "to_tsvector('english'::regconfig, COALESCE(title, '') || ' ' || COALESCE(author, ''))"


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article USING gin (({EXPRESSION}))")


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_statement_sighting_evidence")]

    operations = [migrations.RunPython(add_index, remove_index)]
