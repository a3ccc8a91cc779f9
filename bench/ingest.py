"""End-to-end ingest into a fresh PostgreSQL database: pages/s by number of workers, peak memory by folder size.

    .venv/bin/python -m bench.ingest --pages 10000 --workers 0,1,2 [--memory 10000,100000] [--dry-run-memory 20000]

Each run writes the corpus to a temporary folder, creates an empty database
(`newsdesk_bench_ingest` on the server of BENCH_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432), migrates it and times
`manage.py ingest FOLDER --workers N` as a separate process. Peak memory is
the largest resident size among that process and its workers (wait4).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import corpus

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = "newsdesk_bench_ingest"


def fresh_database():
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    url = f"{SERVER}/{DATABASE}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
    )
    return url


def timed_ingest(folder, workers, url, dry_run=False):
    command = [sys.executable, "manage.py", "ingest", str(folder), "--workers", str(workers)]
    if dry_run:
        command.append("--dry-run")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        busy_before = busy_cpu_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        busy = busy_cpu_seconds() - busy_before if busy_before is not None else None
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        out, err = out.read().decode().strip(), err.read().decode().strip()
    summary = out.splitlines()[-1] if out else err[-300:]
    # A figure of pages/s is only one if every page was read: a run that skipped them says so and stops.
    pages = sum(1 for p in Path(folder).rglob("*") if p.is_file())
    done = re.search(r"(\d+) (?:stored|would be stored)", summary)
    if proc.returncode or not done or int(done.group(1)) != pages:
        raise SystemExit(f"ingest of {pages} pages in {folder} did not store them all: {summary}")
    row = {"summary": summary, "seconds": round(elapsed, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024)}
    return row | cpu_split(pages, elapsed, usage.ru_utime + usage.ru_stime, busy)


def busy_cpu_seconds():
    """CPU seconds the whole machine has been busy (Linux's /proc/stat), or None where there is none."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def cpu_split(pages, elapsed, ingest_cpu, busy):
    """Where a page's CPU goes: the ingest command and its workers, and the rest of the machine (PostgreSQL,
    on a quiet machine), with how busy the cores were: what bounds ingest when they are all busy."""
    split = {"ingest_cpu_ms_per_page": round(1000 * ingest_cpu / pages, 1)}
    if busy is not None:
        cores = os.cpu_count() or 1
        split["other_cpu_ms_per_page"] = round(1000 * max(0.0, busy - ingest_cpu) / pages, 1)
        split["cores_busy_percent"] = round(100 * busy / (elapsed * cores))
        split["cores"] = cores
    return split


QUEUE_BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/13")


def queued_ingest(folder, pages, concurrency, url, timeout=3600):
    """`ingest --queue` to `concurrency` local Celery worker processes; seconds until every page is in."""
    import psycopg
    import redis

    redis.Redis.from_url(QUEUE_BROKER).flushdb()
    env = {**os.environ, "DATABASE_URL": url, "CELERY_BROKER_URL": QUEUE_BROKER}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "newsdesk", "worker", "--concurrency", str(concurrency)]
        + ["--loglevel", "error", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "ingest", "--queue", str(folder)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        sent = time.perf_counter() - start
        done = 0
        with psycopg.connect(url, autocommit=True) as conn:
            while time.perf_counter() - start < timeout:
                done = conn.execute(
                    "SELECT (SELECT count(*) FROM articles_article) + (SELECT count(*) FROM articles_failedpage)"
                ).fetchone()[0]
                if done >= pages:
                    break
                time.sleep(0.5)
        elapsed = time.perf_counter() - start
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    return {
        "pages": pages,
        "queue_workers": concurrency,
        "done": done,
        "send_seconds": round(sent, 1),
        "seconds": round(elapsed, 1),
        "pages_per_s": round(done / elapsed, 1),
    }


def run(pages=300, workers=(0, 1, 2), memory=(), dry_run_memory=(), seed=1, log=print, queue_workers=()):
    results = {"throughput": [], "memory": [], "dry_run_memory": [], "queue": []}
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp:
        written = {}

        def folder_of(n):
            # A 10k corpus is the first part of a 100k one: write each size once, growing.
            folder = Path(tmp) / "pages"
            have = max(written, default=0)
            if n > have:
                for p in corpus.pages(n - have, seed=seed, start=have):
                    sub = folder / f"{p.story.number // 1000:04d}"
                    sub.mkdir(parents=True, exist_ok=True)
                    (sub / p.name).write_bytes(p.data)
                written[n] = True
            if n == max(written):
                return folder
            part = Path(tmp) / f"first{n}"
            if not part.exists():
                # Hard links, not symbolic ones: ingest does not follow a link out of the folder it is given.
                part.mkdir()
                for i in range(0, n, 1000):
                    sub = folder / f"{i // 1000:04d}"
                    (part / sub.name).mkdir()
                    for f in sorted(sub.iterdir())[: n - i]:
                        (part / sub.name / f.name).hardlink_to(f)
            return part

        for n in sorted({pages, *memory, *dry_run_memory}, reverse=True):
            folder_of(n)  # write the largest first; smaller ones link to its first part
        for w in workers:
            url = fresh_database()
            row = {"pages": pages, "workers": w, **timed_ingest(folder_of(pages), w, url)}
            row["pages_per_s"] = round(pages / row["seconds"], 1)
            results["throughput"].append(row)
            log(f"  ingest {pages} pages, {w} workers: {row}")
        for c in queue_workers:
            url = fresh_database()
            row = queued_ingest(folder_of(pages), pages, c, url)
            results["queue"].append(row)
            log(f"  ingest --queue {pages} pages, {c} Celery worker processes: {row}")
        for n in memory:
            url = fresh_database()
            row = {"pages": n, "workers": max(workers), **timed_ingest(folder_of(n), max(workers), url)}
            results["memory"].append(row)
            log(f"  ingest {n} pages: {row}")
        for n in dry_run_memory:
            url = fresh_database()
            row = {"pages": n, "workers": max(workers), **timed_ingest(folder_of(n), max(workers), url, True)}
            results["dry_run_memory"].append(row)
            log(f"  ingest --dry-run {n} pages: {row}")
    return results


def numbers(text):
    return [int(x) for x in text.split(",") if x]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--workers", type=numbers, default=[0, 1, 2])
    parser.add_argument("--memory", type=numbers, default=[])
    parser.add_argument("--dry-run-memory", type=numbers, default=[])
    parser.add_argument("--queue-workers", type=numbers, default=[])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    result = run(
        args.pages,
        args.workers,
        args.memory,
        args.dry_run_memory,
        args.seed,
        log=lambda s: print(s, file=sys.stderr),
        queue_workers=args.queue_workers,
    )
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
