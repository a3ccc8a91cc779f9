"""`make bench-load`: the analyst pages under gunicorn on PostgreSQL, driven by locust from another process.

    .venv/bin/python -m bench.loadtest [--duration 60] [--users 8] [--database newsdesk_bench_load]
        [--articles 100000] [--workers 3] [--worker-class sync|gthread] [--threads 1] [--timeout 120]

Loads a generated corpus into its own database (`bench.load`, reused while it
holds the asked number of articles), starts gunicorn with the production
settings of `make serve` (DEBUG off, collectstatic, WhiteNoise, security
middleware on) on a free loopback port, and runs locust headless in its own
process: each simulated analyst logs in once through the login form, then asks
for the next page of a weighted mix (bench/locustfile.py) as soon as the last
one arrived. Prints requests, req/s and p50/p95/p99 per page type, failures and
5xx; writes JSON to bench/out/loadtest-latest.json. Exits 1 when any request
failed or answered 5xx. Needs PostgreSQL (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432).
"""

import argparse
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import timedelta
from pathlib import Path

from . import setup_django, vocab
from .run import SERVER, machine

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
USERNAME = "bench-load-analyst"
READY = "ready=1"  # marks this tool's own "is it up?" requests in the access log


def production_env(database_url, conn_max_age):
    """The environment of `make serve` on plain HTTP, for gunicorn, collectstatic and this process."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": str(conn_max_age),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1,[::1]",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_STATIC_ROOT": str(OUT / "static"),
    }


def load_database(name, articles):
    """The URL of database `name` holding `articles` generated articles, loading it when needed (minutes)."""
    import psycopg

    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"--database must be a plain lower-case name, got {name!r}")
    url = f"{SERVER}/{name}"
    env = {**os.environ, "DATABASE_URL": url}

    def create():
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f"CREATE DATABASE {name}")
        subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)

    create()
    with psycopg.connect(url) as conn:
        have = conn.execute("SELECT count(*) FROM articles_article").fetchone()[0]
    if have != articles:
        log(f"== {name} holds {have} articles, not {articles}: loading it anew (minutes)")
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {name} WITH (FORCE)")
        create()
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bench.load", "--articles", str(articles)], cwd=ROOT, env=env, check=True)
        log(f"   loaded in {time.perf_counter() - started:.0f} s")
    return url


def targets(seed):
    """The bench login and what the simulated analysts ask for, drawn from the database."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count, Max, Min

    from actors.models import Actor
    from articles.models import Article, Source, Statement, Topic

    rng = random.Random(seed)
    password = secrets.token_urlsafe(24)
    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    user.set_password(password)
    user.save()

    mentioned = list(
        Actor.objects.annotate(n=Count("mentions")).filter(n__gt=0).order_by("-n", "pk").values_list("slug", "n")
    )
    quoted = list(
        Statement.objects.filter(speaker__isnull=False)
        .values("speaker__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "speaker__slug")
        .values_list("speaker__slug", "n")
    )
    ids = list(Article.objects.values_list("pk", flat=True))
    span = Article.objects.aggregate(first=Min("published"), last=Max("published"))
    first, last = span["first"].date(), span["last"].date()
    found = {
        "username": USERNAME,
        "password": password,
        "sources": list(Source.objects.order_by("slug").values_list("slug", flat=True)),
        "topics": list(Topic.objects.order_by("slug").values_list("slug", flat=True)),
        # Analysts follow the actors in the news: the 1,000 most mentioned, busiest first.
        "actors": [slug for slug, _ in mentioned[:1000]],
        "speakers": [slug for slug, _ in quoted[:1000]],
        # Exports stream every matching row: actors with a download's worth of rows, not the whole table.
        "export_actors": [slug for slug, n in mentioned if 20 <= n <= 500][:200],
        "export_speakers": [slug for slug, n in quoted if 50 <= n <= 2000][:200],
        "article_ids": rng.sample(ids, min(5000, len(ids))),
        "days": [(first + timedelta(days=d)).isoformat() for d in range((last - first).days + 1)],
        "words": search_words(),
    }
    connection.close()
    empty = [key for key, value in found.items() if not value]
    if empty:
        raise SystemExit(f"nothing to ask for: no {', '.join(empty)} in the database")
    return found


def search_words():
    """Words and phrases an analyst would search for, from the corpus vocabulary."""
    words = set()
    for phrases in vocab.TOPIC_PHRASES.values():
        for phrase in phrases:
            words.update(w for w in re.findall(r"[a-z]+", phrase) if len(w) > 4 and w not in {"about", "along"})
            words.add(f'"{phrase.format(city=vocab.CITIES[0])}"')
    words.update(vocab.CITIES[:8])
    words.update(f"{c} {t}" for c in vocab.COUNTRIES[:4] for t in ("sanctions", "ceasefire", "pipeline"))
    words.update(["reconstruction", "inspection regime", "monitoring mission", "guarantees", "embargo -oil"])
    return sorted(words)


def check_deploy(env):
    """The ids of what `manage.py check --deploy` reports (security.W008, ...); [] when nothing."""
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return re.findall(r"\(([\w.]+\.[EW]\d+)\)", done.stdout + done.stderr)


def revision():
    """The commit measured, and whether the work tree differed from it."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return {"commit": commit.stdout.strip(), "modified_files": status.stdout.split()[1::2]}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(text):
    print(text, file=sys.stderr, flush=True)


def start_gunicorn(env, port, args, access_log, error_log):
    command = [
        *(sys.executable, "-m", "gunicorn", "newsdesk.wsgi", "--bind", f"127.0.0.1:{port}"),
        *("--workers", str(args.workers), "--worker-class", args.worker_class, "--threads", str(args.threads)),
        *("--timeout", str(args.timeout), "--graceful-timeout", "10"),
        *("--access-logfile", str(access_log), "--access-logformat", '%(s)s %(M)s "%(r)s"'),
        *("--error-logfile", str(error_log)),
    ]
    log("== " + " ".join(command[2:]))
    # Its own session, so Ctrl-C reaches this process only, which then stops gunicorn in order.
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)


def wait_until_up(server, base, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode} before answering")
        try:
            with urllib.request.urlopen(f"{base}/accounts/login/?{READY}", timeout=30) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise SystemExit(f"gunicorn did not answer {base}/accounts/login/ within {seconds} s")


def stop(process, wait=20):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(wait)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def interrupted(signum, frame):
    """SIGTERM unwinds like Ctrl-C, so gunicorn and locust are stopped too."""
    raise KeyboardInterrupt


def percentile(ordered, p):
    """Nearest-rank percentile of a sorted list."""
    if not ordered:
        return None
    return ordered[min(len(ordered) - 1, max(0, int(-(-p * len(ordered) // 100)) - 1))]


def summarise(raw, access_log, error_log):
    seconds = raw["clock"]["stop"] - raw["clock"]["start"]
    pages = []
    for name in sorted(raw["times"], key=lambda n: (n.startswith("login"), n)):
        ordered = sorted(raw["times"][name])
        codes = raw["statuses"][name]
        failures = sum(n for key, n in raw["errors"].items() if key.startswith(f"{name}: "))
        pages.append(
            {
                "page": name,
                "requests": len(ordered),
                "rps": round(len(ordered) / seconds, 2),
                "p50_ms": round(percentile(ordered, 50)),
                "p95_ms": round(percentile(ordered, 95)),
                "p99_ms": round(percentile(ordered, 99)),
                "max_ms": round(ordered[-1]),
                "failures": failures,
                "5xx": sum(n for code, n in codes.items() if code.startswith("5")),
                "statuses": dict(codes),
            }
        )
    # Logging in is the set-up before the measured window, not part of the mix.
    everything = sorted(t for name, ts in raw["times"].items() if not name.startswith("login") for t in ts)
    total = {
        "page": "all pages (logins not included)",
        "requests": len(everything),
        "rps": round(len(everything) / seconds, 2),
        "p50_ms": round(percentile(everything, 50)),
        "p95_ms": round(percentile(everything, 95)),
        "p99_ms": round(percentile(everything, 99)),
        "max_ms": round(everything[-1]),
        "failures": sum(p["failures"] for p in pages if not p["page"].startswith("login")),
        "5xx": sum(p["5xx"] for p in pages if not p["page"].startswith("login")),
    }
    # The server's own view, in case the client missed something (a reset connection has no status).
    lines = [line for line in access_log.read_text().splitlines() if line and READY not in line]
    server_statuses = Counter(line.split(" ", 1)[0] for line in lines)
    worker_timeouts = error_log.read_text().count("WORKER TIMEOUT")
    return {
        "seconds": round(seconds, 1),
        "pages": pages,
        "total": total,
        "errors": raw["errors"],
        "server_statuses": dict(server_statuses),
        "server_5xx": sum(n for code, n in server_statuses.items() if code.startswith("5")),
        "worker_timeouts": worker_timeouts,
    }


def table(result):
    lines = []
    m = result["machine"]
    lines.append(f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; Python {m['python']}")
    lines.append(f"Load average at start {m['load_average_at_start']}, at end {m.get('load_average_at_end')}")
    c, s = result["counts"], result["server"]
    lines.append(
        f"{c['articles']} articles, {c['statements']} statements, {c['actors']} actors; gunicorn {s['workers']} "
        f"{s['worker_class']} workers x {s['threads']} threads, --timeout {s['timeout']}; {result['users']} users, "
        f"{result['duration']} s after the last login + {result['seconds'] - result['duration']:.0f} s "
        "finishing the requests in flight"
    )
    header = (
        f"{'page':<40} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'fail':>5} {'5xx':>4}"
    )
    lines.append(header)
    pages = [r for r in result["pages"] if not r["page"].startswith("login")]
    logins = [r for r in result["pages"] if r["page"].startswith("login")]
    for r in [*pages, result["total"], *logins]:
        lines.append(
            f"{r['page']:<40} {r['requests']:>8} {r['rps']:>7} {r['p50_ms']:>7} {r['p95_ms']:>7} {r['p99_ms']:>7} "
            f"{r['failures']:>5} {r['5xx']:>4}"
        )
    lines.append(
        f"Server (access log, logins included): statuses {result['server_statuses']}, 5xx {result['server_5xx']}, "
        f"worker timeouts {result['worker_timeouts']}"
    )
    for label, found in result["check_deploy"].items():
        lines.append(f"manage.py check --deploy, {label}: {', '.join(found) or 'no issues'}")
    for error, n in result["errors"].items():
        lines.append(f"  {n} x {error}")
    return "\n".join(lines)


def counts():
    from django.db import connection

    from actors.models import Actor
    from articles.models import Article, Statement

    found = {"articles": Article.objects.count(), "statements": Statement.objects.count()}
    found["actors"] = Actor.objects.count()
    connection.close()
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--users", type=int, default=8, help="simulated analysts, each one request in flight")
    parser.add_argument("--database", default="newsdesk_bench_load")
    parser.add_argument("--articles", type=int, default=100_000)
    # On 2 cores, 3 sync workers served more pages than 5 sync or 2 gthread x 4 (pages are CPU-bound).
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    parser.add_argument("--timeout", type=int, default=120, help="gunicorn worker timeout, seconds")
    parser.add_argument("--conn-max-age", type=int, default=0, help="DATABASE_CONN_MAX_AGE (make serve: 0)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    signal.signal(signal.SIGTERM, interrupted)
    OUT.mkdir(exist_ok=True)
    result = {"machine": machine(), "command": " ".join(["python -m bench.loadtest", *sys.argv[1:]])}
    result["revision"] = revision()
    url = load_database(args.database, args.articles)
    env = production_env(url, args.conn_max_age)
    os.environ.update(env)
    setup_django()
    result["counts"] = counts()
    found = targets(args.seed)
    targets_file, raw_file = OUT / "loadtest-targets.json", OUT / "loadtest-raw.json"
    access_log, error_log = OUT / "loadtest-access.log", OUT / "loadtest-gunicorn.log"
    targets_file.write_text(json.dumps(found))
    raw_file.unlink(missing_ok=True)
    for path in (access_log, error_log):
        path.write_text("")
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    result["check_deploy"] = {
        "these settings (plain HTTP, as make serve)": check_deploy(env),
        "production defaults (HTTPS)": check_deploy(
            {k: v for k, v in env.items() if k not in ("DJANGO_SECURE_SSL_REDIRECT", "DJANGO_SECURE_COOKIES")}
        ),
    }

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = locust = None
    try:
        server = start_gunicorn(env, port, args, access_log, error_log)
        wait_until_up(server, base)
        log(f"== locust: {args.users} users for {args.duration} s against {base}")
        locust = subprocess.Popen(
            [
                *(sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name("locustfile.py"))),
                *("--headless", "--host", base, "--users", str(args.users), "--spawn-rate", str(args.users)),
                # The locustfile ends the run --duration s after the last login; --run-time is a backstop.
                *("--run-time", f"{args.duration + 900}s", "--stop-timeout", str(args.timeout), "--only-summary"),
                *("--csv", str(OUT / "loadtest"), "--loglevel", "WARNING"),
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "LOADTEST_TARGETS": str(targets_file),
                "LOADTEST_RESULTS": str(raw_file),
                "LOADTEST_DURATION": str(args.duration),
            },
            start_new_session=True,
            stdout=subprocess.DEVNULL,
        )
        locust.wait()
        if not raw_file.exists():
            raise SystemExit(f"locust exited with {locust.returncode} and wrote no results")
    except KeyboardInterrupt:
        log("== interrupted: stopping locust and gunicorn")
        stop(locust)
        stop(server)
        sys.exit(130)
    finally:
        stop(locust)
        stop(server)

    result.update(
        users=args.users,
        duration=args.duration,
        server={
            "workers": args.workers,
            "worker_class": args.worker_class,
            "threads": args.threads,
            "timeout": args.timeout,
            "conn_max_age": args.conn_max_age,
        },
    )
    result.update(summarise(json.loads(raw_file.read_text()), access_log, error_log))
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for name in (f"loadtest-{stamp}.json", "loadtest-latest.json"):
        (OUT / name).write_text(json.dumps(result, indent=2) + "\n")
    print(table(result))
    print("JSON: bench/out/loadtest-latest.json; locust's own CSV: bench/out/loadtest_stats.csv")
    bad = sum(r["failures"] + r["5xx"] for r in result["pages"]) + result["server_5xx"]
    sys.exit(1 if bad or result["worker_timeouts"] else 0)


if __name__ == "__main__":
    main()
