"""CPU time of the analyst list pages in two checkouts, their requests alternating, on one loaded database.

    DATABASE_URL=postgres://.../newsdesk_bench_web .venv/bin/python -m bench.web_cpu --before /path/to/main [--runs 30]

On a machine shared with other work the wall clock, and even a process's CPU
time, move with the load from one minute to the next, so two bench.web runs
a minute apart differ by more than a change to the pages does. Here one
process per checkout (this one's code, and --before's) serves the same page
in turn, request for request, so both see the same load; each line gives the
median CPU time of a request in its Django process (as bench.web measures it:
test client, production settings) and the SQL time of one request. Read-only
apart from the bench user bench.web also makes.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A server runs this file in the other checkout, whose bench package may not have it: bench and the apps then
# come from that checkout (its directory first on the path).
SERVER = (
    "import importlib.util, sys; sys.path.insert(0, '.'); "
    f"spec = importlib.util.spec_from_file_location('web_cpu', {str(Path(__file__).resolve())!r}); "
    "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); module.serve()"
)


def django_ready():
    from bench import setup_django
    from bench.web import production_settings

    production_settings()
    setup_django()


def serve():
    """Answer each URL read from stdin with "cpu_ms sql_ms queries status" for one request."""
    django_ready()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    user, _ = get_user_model().objects.get_or_create(username="bench-analyst")
    client = Client()
    client.force_login(user)
    print("ready", flush=True)
    for line in sys.stdin:
        start = time.process_time()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(line.strip())
        cpu = (time.process_time() - start) * 1000
        sql = sum(float(q["time"]) for q in captured.captured_queries) * 1000
        print(f"{cpu:.3f} {sql:.3f} {len(captured.captured_queries)} {response.status_code}", flush=True)


def actors():
    """The most quoted person and one from the middle of the 2,000 most quoted (stored counts, one query)."""
    django_ready()
    from actors.models import Actor

    slugs = list(Actor.objects.filter(kind="person").order_by("-statement_count").values_list("slug", flat=True)[:2000])
    return slugs[0], slugs[len(slugs) // 2]


def urls(busy, median):
    return [
        "/articles/",
        "/articles/?page=200",
        f"/articles/?actor={busy}",
        "/articles/?topic=sanctions",
        "/articles/?per_page=100",
        "/statements/",
        f"/statements/?speaker={busy}&topic=ceasefire",
        f"/statements/?speaker={median}&topic=sanctions",
        "/actors/",
        f"/actors/{busy}/",
        f"/actors/{median}/",
    ]


class Server:
    def __init__(self, code):
        env = {**os.environ, "PYTHONPATH": str(code)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER],
            cwd=code,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"the server in {code} did not start")

    def get(self, url):
        self.process.stdin.write(url + "\n")
        self.process.stdin.flush()
        cpu, sql, queries, status = self.process.stdout.readline().split()
        return float(cpu), float(sql), int(queries), int(status)

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def run(before, runs=30, log=print):
    busy, median = actors()
    servers = {"before": Server(Path(before).resolve()), "after": Server(ROOT)}
    rows = []
    try:
        for url in urls(busy, median):
            seen = {"before": [], "after": []}
            for i in range(runs + 2):  # two warm-ups each
                order = ("before", "after") if i % 2 == 0 else ("after", "before")
                for name in order:
                    seen[name].append(servers[name].get(url))
            row = {"url": url}
            for name, results in seen.items():
                results = results[2:]
                row[name] = {
                    "cpu_p50_ms": round(statistics.median(r[0] for r in results), 1),
                    "sql_p50_ms": round(statistics.median(r[1] for r in results), 1),
                    "queries": results[0][2],
                    "status": results[0][3],
                }
            change = 100 * (row["after"]["cpu_p50_ms"] / row["before"]["cpu_p50_ms"] - 1)
            log(
                f"  {url[:60]:<60} CPU {row['before']['cpu_p50_ms']:>6} -> {row['after']['cpu_p50_ms']:>6} ms"
                f" ({change:+.0f}%)  SQL {row['before']['sql_p50_ms']} -> {row['after']['sql_p50_ms']} ms"
                f"  {row['before']['queries']} -> {row['after']['queries']} q"
            )
            rows.append(row)
    finally:
        for server in servers.values():
            server.close()
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the checkout to compare with (e.g. a worktree of main)")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    run(args.before, args.runs)


if __name__ == "__main__":
    main()
