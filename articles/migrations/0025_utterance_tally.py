"""A running count of utterances, kept by the database, on PostgreSQL only.

The statements list one per remark (?group=utterance) shows how many remarks
it holds, and unfiltered that is every utterance: an index-only COUNT(*) of a
million utterances took 76 ms, most of that page's time. Triggers add the
rows each INSERT and DELETE statement writes to a tally, which
articles.coverage.remark_total sums instead. A tally is one row per stripe:
each connection adds to the stripe of its backend's process id, so two
ingest workers do not wait for each other's commit on one hot row (the sum
is what counts; a stripe may go below zero). TRUNCATE, which Django's test
flush uses and which fires no row's trigger, empties the tally too. SQLite,
the embedded default with small databases, counts the rows.
"""

from django.db import migrations

STRIPES = 64

CREATE = f"""
CREATE TABLE articles_utterance_tally (stripe integer PRIMARY KEY, utterances bigint NOT NULL);
INSERT INTO articles_utterance_tally (stripe, utterances) SELECT 0, count(*) FROM articles_utterance;
CREATE FUNCTION articles_utterance_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM articles_utterance_tally;
        RETURN NULL;
    END IF;
    INSERT INTO articles_utterance_tally AS t (stripe, utterances)
    SELECT pg_backend_pid() %% {STRIPES}, CASE TG_OP WHEN 'INSERT' THEN count(*) ELSE -count(*) END FROM changed_rows
    ON CONFLICT (stripe) DO UPDATE SET utterances = t.utterances + EXCLUDED.utterances;
    RETURN NULL;
END
$$;
CREATE TRIGGER articles_utterance_tally_insert AFTER INSERT ON articles_utterance
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_utterance_tally();
CREATE TRIGGER articles_utterance_tally_delete AFTER DELETE ON articles_utterance
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_utterance_tally();
CREATE TRIGGER articles_utterance_tally_truncate AFTER TRUNCATE ON articles_utterance
    FOR EACH STATEMENT EXECUTE FUNCTION articles_utterance_tally();
"""

DROP = """
DROP TRIGGER articles_utterance_tally_truncate ON articles_utterance;
DROP TRIGGER articles_utterance_tally_delete ON articles_utterance;
DROP TRIGGER articles_utterance_tally_insert ON articles_utterance;
DROP FUNCTION articles_utterance_tally();
DROP TABLE articles_utterance_tally;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("articles", "0024_utterance_speaker_reach_index")]

    operations = [migrations.RunPython(create, drop)]
