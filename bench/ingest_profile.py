"""Where one page's ingest time goes, query shape by query shape: what to cut when ingest is slow at scale.

    DATABASE_URL=postgres://.../newsdesk_bench_scale .venv/bin/python -m bench.ingest_profile --pages 200

Stores new generated pages (bench.corpus, another seed, numbers past bench.load's) one after another in
this process, as one ingest worker does, and prints per page: wall time, the time spent in SQL, and the
query shapes that cost most (numbers and literals folded, so each statement of the code is one line).
Point it at a throwaway copy of a loaded corpus (bench.ingest_at_scale makes one): it writes.
"""

import argparse
import os
import re
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from . import corpus, setup_django

FIRST_NUMBER = 2_000_000
SEED = 11
_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")
_LISTS = re.compile(r"\((?:%s|\?)(?:, (?:%s|\?))+\)")


def shape(sql):
    """The query with its literals and the length of its IN lists folded away."""
    return " ".join(_LISTS.sub("(...)", _LITERALS.sub("?", sql)).split())[:160]


class Timer:
    """A connection.execute_wrapper adding up the time of each query shape."""

    def __init__(self):
        self.seconds = defaultdict(float)
        self.calls = defaultdict(int)

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            key = shape(sql)
            self.seconds[key] += time.perf_counter() - started
            self.calls[key] += 1


def server_cpu_reader(connection):
    """A function giving the CPU seconds of this connection's PostgreSQL backend so far, where the server runs on
    this machine (Linux's /proc); else one giving None."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")

    def read():
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    return read


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--seed", type=int, default=SEED, help="another seed for new pages on a second run")
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from articles import ingest

    timer = Timer()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for page in corpus.pages(args.pages, seed=args.seed, start=FIRST_NUMBER):
            path = Path(folder) / page.name
            path.write_bytes(page.data)
            paths.append(path)
        ingest.ingest_file(paths[0])  # warm: imports, caches, the first connection
        server = server_cpu_reader(connection)
        server_before = server()
        started, cpu_started = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(timer):
            for path in paths[1:]:
                ingest.ingest_file(path)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        server_cpu = server() - server_before if server_before is not None else None
    n = len(paths) - 1
    sql = sum(timer.seconds.values())
    calls = sum(timer.calls.values())
    print(
        f"{n} pages: {1000 * wall / n:.1f} ms a page, SQL {1000 * sql / n:.1f} ms ({calls / n:.1f} queries), "
        f"{n / wall:.1f} pages/s in one process"
    )
    server_part = f", the database server's {1000 * server_cpu / n:.1f} ms" if server_cpu is not None else ""
    print(f"CPU a page: this process {1000 * cpu / n:.1f} ms (extraction and storing){server_part}")
    print(f"{'ms/page':>8} {'calls/page':>10}  query")
    for key, seconds in sorted(timer.seconds.items(), key=lambda item: -item[1])[: args.top]:
        print(f"{1000 * seconds / n:8.2f} {timer.calls[key] / n:10.1f}  {key}")


if __name__ == "__main__":
    main()
