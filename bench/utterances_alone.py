"""Give every statement of a loaded corpus that is in no utterance one of its own, in two statements of SQL.

    DATABASE_URL=postgres://.../newsdesk_bench_prepared .venv/bin/python -m bench.utterances_alone

`manage.py assign_utterances` compares each statement with its speaker's
utterances, one article per transaction: right for a real database, but it
placed about 4,400 statements a minute into the million of a `bench.load`
corpus on a busy 2-core machine (hours). For benchmarks what matters is that
the utterance tables hold what they would at that size: one utterance per
remark, a busy speaker's hundreds within a few days. The generated statements
seldom repeat a remark, so each becomes its own (reach 1), as ingest would
make of them; words_key is left blank (it is read only for undated
statements, and the corpus dates them all). PostgreSQL only.
"""

import time

from . import setup_django

INSERT = """
INSERT INTO articles_utterance
    (speaker_id, text, direct_text, key, first_statement_id, first_published, outlets, reach, created)
SELECT s.speaker_id, s.text, CASE WHEN s.kind = 'direct' THEN s.text ELSE '' END, '', s.id, s.published,
       jsonb_build_array(coalesce(a.source_id, 0)), 1, now()
FROM articles_statement s JOIN articles_article a ON a.id = s.article_id
WHERE s.utterance_id IS NULL AND s.on_page AND NOT s.utterance_fixed
"""

LINK = """
UPDATE articles_statement s SET utterance_id = u.id
FROM articles_utterance u
WHERE u.first_statement_id = s.id AND s.utterance_id IS NULL
"""


def main():
    setup_django()
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(INSERT)
        made = cursor.rowcount
        cursor.execute(LINK)
        linked = cursor.rowcount
    print(f"{made} utterances made, {linked} statements placed in {time.perf_counter() - started:.0f} s")
    print("Run VACUUM ANALYZE before timing pages.")


if __name__ == "__main__":
    main()
