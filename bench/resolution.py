"""Actor resolution: does the record depend on the order pages arrive in, and what does re-resolving cost?

    .venv/bin/python -m bench.resolution orders [--pages 400] [--seed 7]

`orders` writes `--pages` generated pages, splits them into two halves by file
order (A, B) and ingests them into fresh PostgreSQL databases
(`newsdesk_bench_order_*` on the server of BENCH_DATABASE_URL) in several
ways: A then B, B then A, all at once with `--workers 2`, and two ingest
processes at once (one given A B, the other B A). Each is compared with A then
B: actor lines (name, kind, aliases), actors with their stored counts,
aliases, and statement speakers; a line present in one database and not the
other counts once per side.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import corpus

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
PREFIX = "newsdesk_bench_order"

ROWS = {
    "actor lines": """
        SELECT ac.name || ' | ' || ac.kind || ' | ' ||
               coalesce((SELECT string_agg(al.name, ', ' ORDER BY al.name) FROM actors_alias al
                         WHERE al.actor_id = ac.id), '')
        FROM actors_actor ac""",
    "actors": "SELECT name, kind, article_count, statement_count FROM actors_actor",
    "aliases": "SELECT ac.name, al.name FROM actors_alias al JOIN actors_actor ac ON ac.id = al.actor_id",
    "speakers": """
        SELECT a.content_hash, st.text, ac.name
        FROM articles_statement st JOIN articles_article a ON a.id = st.article_id
        LEFT JOIN actors_actor ac ON ac.id = st.speaker_id""",
    "mentions": """
        SELECT a.content_hash, ac.name, m.count
        FROM articles_mention m JOIN articles_article a ON a.id = m.article_id
        JOIN actors_actor ac ON ac.id = m.actor_id""",
}


def fresh_database(name):
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    url = f"{SERVER}/{name}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
    )
    return url


def ingest(url, *args):
    command = [sys.executable, "manage.py", "ingest", *map(str, args)]
    return subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def finish(*runs):
    for run in runs:
        out, err = run.communicate()
        if run.returncode != 0:
            raise SystemExit(f"ingest failed ({run.returncode}): {out.decode()[-500:]} {err.decode()[-2000:]}")


def rows(url):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return {name: sorted(map(repr, conn.execute(sql).fetchall())) for name, sql in ROWS.items()}


def differing(left, right):
    """Lines in one list and not the other, counted with multiplicity, per table."""
    from collections import Counter

    differing = {}
    for name in ROWS:
        a, b = Counter(left[name]), Counter(right[name])
        differing[name] = sum(((a - b) + (b - a)).values())
    return differing


def orders(pages, seed, log=print):
    with tempfile.TemporaryDirectory(prefix="newsdesk-order-") as tmp:
        halves = [Path(tmp) / "a", Path(tmp) / "b"]
        written = list(corpus.pages(pages, seed=seed))
        for half in halves:
            half.mkdir()
        for i, page in enumerate(written):
            (halves[i >= len(written) // 2] / page.name).write_bytes(page.data)
        a, b = halves
        one = ("--workers", "0")
        scenarios = {
            "A then B": lambda url: [finish(ingest(url, a, *one)), finish(ingest(url, b, *one))],
            "B then A": lambda url: [finish(ingest(url, b, *one)), finish(ingest(url, a, *one))],
            "--workers 2": lambda url: finish(ingest(url, a, b, "--workers", "2")),
            "two processes": lambda url: finish(
                ingest(url, a, b, "--workers", "1"), ingest(url, b, a, "--workers", "1")
            ),
        }
        results, reference = {}, None
        for label, run in scenarios.items():
            url = fresh_database(f"{PREFIX}_{len(results)}")
            started = time.perf_counter()
            run(url)
            seconds = round(time.perf_counter() - started, 1)
            found = rows(url)
            reference = reference or found
            results[label] = {
                "seconds": seconds,
                "lines": {name: len(found[name]) for name in ROWS},
                "differing_from_a_then_b": differing(reference, found),
            }
            log(f"  {label}: {results[label]}")
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="part", required=True)
    order = sub.add_parser("orders", help="the same pages in several orders: do the records differ?")
    order.add_argument("--pages", type=int, default=400)
    order.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    log = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    if args.part == "orders":
        result = orders(args.pages, args.seed, log=log)
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
