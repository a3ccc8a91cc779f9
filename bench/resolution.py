"""Actor resolution: does the record depend on the order pages arrive in, and what does deciding again cost?

    .venv/bin/python -m bench.resolution orders [--pages 400] [--seed 7]
    .venv/bin/python -m bench.resolution cost [--articles 0,100000] [--pages 1000]

`orders` writes `--pages` generated pages, splits them into two halves by file
order (A, B) and ingests them into fresh PostgreSQL databases
(`newsdesk_bench_order_*` on the server of BENCH_DATABASE_URL) in several
ways: A then B, B then A, all at once with `--workers 2`, and two ingest
processes at once (one given A B, the other B A). Each is compared with A then
B: actor lines (name, kind, aliases), actors with their stored counts,
aliases, statement speakers and mentions; a line present in one database and
not the other counts once per side.

`cost` loads `--articles` generated articles (bench.load, with their evidence)
into `newsdesk_bench_order_cost`, then stores extracted pages (no extraction:
this is the database's share) through articles.storing.store_extracted:
`--pages` naming Ilse Quillfeather, then as many naming only "Quillfeather",
which resolve to her. One page then brings Oskar Quillfeather: the bare
surname becomes ambiguous and every page that said only "Quillfeather" moves,
mentions and speakers, to an actor of its own; a changed version of that page
takes him away again and they move back. Reported: ms per page stored, queries
per page, the seconds and rows of both moves, and `resolve_actors --check`
(every group decided again) at that size.
"""

import argparse
import hashlib
import io
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


def cost(articles, pages, log=print):
    results = []
    for n in articles:
        url = fresh_database(f"{PREFIX}_cost")
        env = {**os.environ, "DATABASE_URL": url}
        started = time.perf_counter()
        if n:
            loaded = (
                subprocess.run(
                    [sys.executable, "-m", "bench.load", "--articles", str(n)],
                    cwd=ROOT,
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            log(f"  loaded {n} articles in {time.perf_counter() - started:.0f} s: {loaded}")
        measured = subprocess.run(
            [sys.executable, "-m", "bench.resolution", "measure", "--pages", str(pages)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        row = {"articles": n, **json.loads(measured.stdout)}
        log(f"  {n} articles: {row}")
        results.append(row)
    return results


def measure(pages):
    """Run inside a process whose DATABASE_URL is the loaded database (see `cost`)."""
    from . import setup_django

    setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from actors.models import Actor
    from articles import storing
    from articles.extraction.page import ExtractedActor, ExtractedPage, ExtractedStatement
    from articles.models import Statement

    def store(origin, actors, speaker):
        page = ExtractedPage(
            title=origin,
            body=f"The page {origin}.",
            actors=actors,
            statements=[
                ExtractedStatement(speaker, f"{origin}: the first thing said.", "direct", 0),
                ExtractedStatement(speaker, f"{origin}: the second thing said.", "indirect", 40),
            ],
            format="text",
        )
        connection.queries_log.clear()  # it keeps 9,000 queries, after which the context counts none
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            storing.store_extracted(
                page,
                origin=origin,
                file_name=origin,
                content_hash=hashlib.sha256(repr(page).encode()).hexdigest(),
                extractor_version="bench",
            )
        return time.perf_counter() - started, len(queries)

    def person(name, aliases=()):
        return ExtractedActor(name, "person", 2, None, list(aliases))

    country = ExtractedActor("Valdoria", "country", 1)
    timings = {"full name": [], "bare surname": []}
    for i in range(pages):
        timings["full name"].append(
            store(f"full-{i}", [person("Ilse Quillfeather", ["Quillfeather"]), country], "Ilse Quillfeather")
        )
    for i in range(pages):
        timings["bare surname"].append(store(f"bare-{i}", [person("Quillfeather"), country], "Quillfeather"))
    ilse = Actor.objects.get(name="Ilse Quillfeather")
    assert Statement.objects.filter(speaker=ilse).count() == 4 * pages

    result = {}
    for label, rows in timings.items():
        ms = sorted(1000 * seconds for seconds, _ in rows)
        result[f"store, {label}"] = {
            "p50_ms": round(ms[len(ms) // 2], 1),
            "p95_ms": round(ms[int(len(ms) * 0.95)], 1),
            "queries": round(sum(q for _, q in rows) / len(rows), 1),
        }
    seconds, queries = store("oskar", [person("Oskar Quillfeather"), country], "Oskar Quillfeather")
    bare = Actor.objects.get(name="Quillfeather")
    moved = Statement.objects.filter(speaker=bare).count()
    assert moved == 2 * pages, moved
    result["a second Quillfeather: the bare surname moves"] = {
        "seconds": round(seconds, 2),
        "queries": queries,
        "articles_moved": bare.article_count,
        "statements_moved": moved,
    }
    seconds, queries = store("oskar", [person("Orla Vesk"), country], "Orla Vesk")
    assert Statement.objects.filter(speaker=ilse).count() == 4 * pages
    result["his page changed: it moves back"] = {"seconds": round(seconds, 2), "queries": queries}
    started = time.perf_counter()
    out = io.StringIO()
    call_command("resolve_actors", "--check", stdout=out)
    result["resolve_actors --check"] = {
        "seconds": round(time.perf_counter() - started, 1),
        "said": out.getvalue().strip(),
    }
    return result


def numbers(text):
    return [int(x) for x in text.split(",") if x]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="part", required=True)
    order = sub.add_parser("orders", help="the same pages in several orders: do the records differ?")
    order.add_argument("--pages", type=int, default=400)
    order.add_argument("--seed", type=int, default=7)
    costs = sub.add_parser("cost", help="what storing and deciding again cost in a loaded database")
    costs.add_argument("--articles", type=numbers, default=[0, 100_000])
    costs.add_argument("--pages", type=int, default=1000)
    inner = sub.add_parser("measure", help="(used by cost) measure in the database of DATABASE_URL")
    inner.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args(argv)
    log = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    if args.part == "orders":
        result = orders(args.pages, args.seed, log=log)
    elif args.part == "cost":
        result = cost(args.articles, args.pages, log=log)
    else:
        result = measure(args.pages)
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
