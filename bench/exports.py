"""Rows/s (wall and CPU) and memory of a whole-table export, reading the database only.

    PGOPTIONS='-c default_transaction_read_only=on' DATABASE_URL=postgres://.../newsdesk_bench_web \\
        .venv/bin/python -m bench.exports [--kind articles|statements|actors] [--format csv|json] [--sha256]

bench.web times the export through a logged-in test Client, which writes a
session and the user; this calls the list view with a RequestFactory request
and an unsaved user, so it can run on a database that must stay as it is
(PGOPTIONS above makes PostgreSQL refuse any write). The machine is usually
shared: the process's CPU time is printed next to the wall time, and
--sha256 fingerprints the body to check that a change kept the bytes.
"""

import argparse
import hashlib
import os
import resource
import time

from . import setup_django
from .web import production_settings


def measure(kind, fmt, fingerprint=False):
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory
    from django.urls import resolve

    from actors.models import Actor
    from articles.models import Article, Statement

    view = resolve(f"/{kind}/").func
    rows = {"articles": Article.objects, "statements": Statement.objects, "actors": Actor.objects}[kind].count()
    request = RequestFactory().get(f"/{kind}/", {"format": fmt})
    request.user = get_user_model()(username="bench-reader")
    digest = hashlib.sha256() if fingerprint else None
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    size = 0
    for block in view(request).streaming_content:
        size += len(block)
        if digest:
            digest.update(block)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "kind": kind,
        "format": fmt,
        "rows": rows,
        "mb": round(size / 1e6, 1),
        "seconds": round(wall, 2),
        "rows_per_s": round(rows / wall),
        "cpu_seconds": round(cpu, 2),
        "rows_per_cpu_s": round(rows / cpu),
        "peak_rss_growth_mb": round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024, 1),
        "load": round(os.getloadavg()[0], 2),
        **({"sha256": digest.hexdigest()} if digest else {}),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=["articles", "statements", "actors"], default="articles")
    parser.add_argument("--format", choices=["csv", "json"], default="csv")
    parser.add_argument("--sha256", action="store_true", help="print the SHA-256 of the body")
    args = parser.parse_args()
    production_settings()
    setup_django()
    print(measure(args.kind, args.format, args.sha256))


if __name__ == "__main__":
    main()
