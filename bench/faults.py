"""Faults injected into whole ingest runs on PostgreSQL; each must end in the same database as a clean run.

    .venv/bin/python -m bench.faults [--pages 300]

Every scenario starts from an empty database (`newsdesk_bench_faults` on the
server of BENCH_DATABASE_URL) and ingests the same generated pages:

- clean: `ingest --workers 2`, the reference;
- kill: the ingest is SIGKILLed a third of the way in, then run again; no worker may outlive it;
- outage: PostgreSQL is cut (a FaultProxy) for 3 s mid-run, which ingest rides out;
  then cut for good, which stops ingest with exit status 3, and a second run finishes;
- copies: the same pages in two folders, ingested by two processes at once;
- queue: `ingest --queue` to a Celery worker on Redis (BENCH_BROKER_URL); the database
  is cut for longer than the retries, the worker is killed whole, a second worker
  finishes.

The digest covers what ingest writes, keyed by content rather than by ids or
paths: articles (hash, title, outlet, author, date, body, topics), statements
(their article's hash, text, kind, position, speaker, topics), actors (name,
kind, counts) and their aliases. "pages" is the same digest without actors
and speakers. Both must equal the clean run's: actors are decided from the
evidence of every page (actors.evidence), whatever order a scenario stored
them in. BENCH_FAULTS_DATABASE names the database (default newsdesk_bench_faults).
"""

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import corpus
from .faultproxy import FaultProxy

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_FAULTS_DATABASE", "newsdesk_bench_faults")
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/12")
URL = f"{SERVER}/{DATABASE}"


def fresh_database():
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": URL},
        check=True,
    )


def query(sql):
    import psycopg

    with psycopg.connect(URL, autocommit=True) as conn:
        return conn.execute(sql).fetchall()


def count_articles():
    return query("SELECT count(*) FROM articles_article")[0][0]


DIGEST_QUERIES = {
    "articles": """
        SELECT a.content_hash, a.title, s.name, a.author, a.published::text, md5(a.body),
               (SELECT string_agg(t.slug, ',' ORDER BY t.slug) FROM articles_articletopic l
                JOIN articles_topic t ON t.id = l.topic_id WHERE l.article_id = a.id)
        FROM articles_article a LEFT JOIN articles_source s ON s.id = a.source_id""",
    "statements": """
        SELECT a.content_hash, st.text, st.kind, st.position,
               (SELECT string_agg(t.slug, ',' ORDER BY t.slug) FROM articles_statementtopic l
                JOIN articles_topic t ON t.id = l.topic_id WHERE l.statement_id = st.id)
        FROM articles_statement st JOIN articles_article a ON a.id = st.article_id""",
    "speakers": """
        SELECT a.content_hash, st.text, ac.name
        FROM articles_statement st JOIN articles_article a ON a.id = st.article_id
        LEFT JOIN actors_actor ac ON ac.id = st.speaker_id""",
    "actors": "SELECT name, kind, article_count, statement_count FROM actors_actor",
    "aliases": "SELECT ac.name, al.name FROM actors_alias al JOIN actors_actor ac ON ac.id = al.actor_id",
}


def digests():
    rows = {name: sorted(map(repr, query(sql))) for name, sql in DIGEST_QUERIES.items()}

    def digest(names):
        return hashlib.sha256(json.dumps([rows[n] for n in names]).encode()).hexdigest()[:16]

    return {
        "pages": digest(["articles", "statements"]),
        "all": digest(list(DIGEST_QUERIES)),
        "articles": len(rows["articles"]),
        "statements": len(rows["statements"]),
    }


def ingest(folder, *extra, database_url=URL, wait=False):
    command = [sys.executable, "manage.py", "ingest", *extra, str(folder)]
    env = {**os.environ, "DATABASE_URL": database_url}
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if wait:
        out, err = proc.communicate()
        return proc.returncode, out.strip(), err.strip()
    return proc


def wait_until(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def descendants(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def clean(folder, pages):
    code, out, _ = ingest(folder, "--workers", "2", wait=True)
    return {"exit": code, "summary": out}


def kill(folder, pages):
    proc = ingest(folder, "--workers", "2")
    wait_until(lambda: count_articles() >= pages // 3, 300)
    workers = descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    stored_when_killed = count_articles()
    orphans = wait_until(lambda: not any(running(pid) for pid in workers), 10)
    code, out, _ = ingest(folder, "--workers", "2", wait=True)
    return {
        "killed_at": stored_when_killed,
        "workers_gone": orphans,
        "rerun_exit": code,
        "rerun": out,
    }


def outage(folder, pages):
    with FaultProxy(5432) as proxy:
        through = proxy.url(URL)
        proc = ingest(folder, "--workers", "0", "--wait-for-database", "10", database_url=through)
        wait_until(lambda: count_articles() >= pages // 4, 300)
        proxy.down()
        time.sleep(3)
        proxy.up()
        out, _ = proc.communicate()
        short = {"exit": proc.returncode, "summary": out.strip()}
        # A new database, as every scenario starts from: emptying the tables also took the actors the
        # migrations seed (the role holders) and left the first run's evidence (the tallies).
        fresh_database()
        proc = ingest(folder, "--workers", "0", "--wait-for-database", "2", database_url=through)
        wait_until(lambda: count_articles() >= pages // 4, 300)
        proxy.down()
        out, err = proc.communicate()
        long = {"exit": proc.returncode, "summary": out.strip(), "last_line": err.strip().splitlines()[-1]}
    code, out, _ = ingest(folder, "--workers", "2", wait=True)
    return {"short_outage": short, "long_outage": long, "rerun_exit": code, "rerun": out}


def copies(folder, pages):
    twin = folder.parent / "copy"
    shutil.copytree(folder, twin, dirs_exist_ok=True)
    runs = [ingest(f, "--workers", "1") for f in (folder, twin)]
    outs = [run.communicate()[0].strip() for run in runs]
    return {"exits": [run.returncode for run in runs], "summaries": outs}


def queue(folder, pages):
    import redis

    redis.Redis.from_url(BROKER).flushdb()
    with FaultProxy(5432) as proxy:
        env = {
            **os.environ,
            "DATABASE_URL": proxy.url(URL),
            "CELERY_BROKER_URL": BROKER,
            "CELERY_VISIBILITY_TIMEOUT": "5",
            "INGEST_RETRY_DELAY": "0.2",
            "INGEST_RETRY_MAX_DELAY": "1",
        }

        def worker(name):
            return subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "newsdesk", "worker", "--pool", "solo", "-n", f"{name}@%h"]
                + ["--loglevel", "error", "--without-gossip", "--without-mingle", "--without-heartbeat"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

        first = worker("first")
        sent = subprocess.run(
            [sys.executable, "manage.py", "ingest", "--queue", str(folder)],
            cwd=ROOT,
            env={**env, "DATABASE_URL": URL},
            capture_output=True,
            text=True,
        )
        wait_until(lambda: count_articles() >= pages // 4, 300)
        proxy.down()
        time.sleep(8)  # five retries take about three seconds with these delays
        proxy.up()
        wait_until(lambda: count_articles() >= pages // 2, 300)
        first.kill()
        first.wait()
        second = worker("second")
        finished = wait_until(
            lambda: query("SELECT count(*) FROM articles_queuedpage WHERE finished IS NULL")[0][0] == 0, 600
        )
        second.terminate()
        second.wait(60)
    failed = query("SELECT count(*) FROM articles_failedpage")[0][0]
    return {"sent": sent.stdout.strip(), "all_finished": finished, "failed_pages": failed}


SCENARIOS = {"clean": clean, "kill": kill, "outage": outage, "copies": copies, "queue": queue}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=list(SCENARIOS), help="scenarios to run (clean always runs)")
    args = parser.parse_args(argv)
    chosen = ["clean", *[s for s in (args.only or SCENARIOS) if s != "clean"]]
    results = {}
    with tempfile.TemporaryDirectory(prefix="newsdesk-faults-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for page in corpus.pages(args.pages, seed=args.seed):
            (folder / page.name).write_bytes(page.data)
        for name in chosen:
            fresh_database()
            start = time.perf_counter()
            details = SCENARIOS[name](folder, args.pages)
            results[name] = {**digests(), "seconds": round(time.perf_counter() - start, 1), **details}
            reference = results["clean"]
            same = {k: results[name][k] == reference[k] for k in ("pages", "all")}
            print(
                f"{name:8} pages={results[name]['pages']} all={results[name]['all']} "
                f"articles={results[name]['articles']} statements={results[name]['statements']} "
                f"same-as-clean: pages {same['pages']}, all {same['all']}  ({results[name]['seconds']} s)"
            )
            for key, value in details.items():
                print(f"         {key}: {value}")
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "faults-latest.json").write_text(json.dumps(results, indent=2))
    failed = [n for n in results if any(results[n][k] != results["clean"][k] for k in ("pages", "all"))]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
