"""Ingest speed into a database that already holds a large corpus: pages/s of new pages at 100k articles.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432 .venv/bin/python -m bench.ingest_at_scale \
        --template newsdesk_bench_web --pages 1000 --workers 2 [--prepare assign_stories] [--code /path/to/checkout]

The template is a database `bench.load` filled (100,000 articles, a million
statements). Each run copies it (CREATE DATABASE ... TEMPLATE, so the template
stays as it is), migrates the copy with the code being measured, runs each
`--prepare` command (what a deployment would run once, e.g. computing what the
loaded rows lack), then times `manage.py ingest FOLDER --workers N` on new
generated pages (another seed, numbers past the loaded ones). `--code` points
at another checkout, so two versions of the code are measured on the same
corpus and machine in one sitting.
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
COPY = "newsdesk_bench_scale"
# Past the numbers bench.load uses, under another seed: pages the corpus has not stored.
FIRST_NUMBER = 1_000_000
SEED = 7


def copy_of(template):
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {COPY} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {COPY} TEMPLATE {template}")
    return f"{SERVER}/{COPY}"


def manage(code, env, *args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=code, env=env, check=True, **kwargs)


def run(template, pages, workers, prepare=(), code=ROOT, log=print):
    code = Path(code).resolve()
    env = {**os.environ, "DATABASE_URL": copy_of(template), "PYTHONPATH": str(code)}
    started = time.perf_counter()
    manage(code, env, "migrate", "--no-input", "-v0")
    log(f"  copied and migrated in {time.perf_counter() - started:.0f} s")
    for command in prepare:
        started = time.perf_counter()
        manage(code, env, *command.split(), capture_output=True)
        log(f"  {command}: {time.perf_counter() - started:.0f} s")
    with tempfile.TemporaryDirectory() as folder:
        for page in corpus.pages(pages, seed=SEED, start=FIRST_NUMBER):
            (Path(folder) / page.name).write_bytes(page.data)
        started = time.perf_counter()
        done = manage(code, env, "ingest", folder, "--workers", str(workers), capture_output=True, text=True)
        seconds = time.perf_counter() - started
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    return {
        "code": str(code),
        "pages": pages,
        "workers": workers,
        "seconds": round(seconds, 1),
        "pages_per_s": round(pages / seconds, 1),
        "summary": summary,
        "loadavg": Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default="newsdesk_bench_web")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--prepare", action="append", default=[], help="a manage.py command to run before timing")
    parser.add_argument("--code", default=str(ROOT), help="the checkout whose code is measured")
    args = parser.parse_args()
    result = run(args.template, args.pages, args.workers, args.prepare, args.code)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
