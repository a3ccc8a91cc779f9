"""Server time of the analyst pages on a loaded database: p50/p95, queries per page, EXPLAIN ANALYZE.

    DATABASE_URL=postgres://.../newsdesk_bench_web .venv/bin/python -m bench.web [--runs 20] [--kind admin ...]

Requests go through Django's test Client in this process, logged in, with
production settings (DEBUG off): the time is the server's whole work for a
page (middleware, queries, template), without a network. Load the database
first with `python -m bench.load`. URLs that do not exist yet are reported as
missing, not failed.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

from . import setup_django

OUT = Path(__file__).resolve().parent / "out"


def production_settings():
    """DEBUG off as in `make serve`, plain HTTP, static files collected under bench/out."""
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "x" * 60)
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_STATIC_ROOT", str(OUT / "static"))


def pages():
    """(label, url, kind) for every page the issue names; kind is list, detail, search, export or admin."""
    from django.db.models import Count

    from actors.models import Actor
    from articles.models import Article, Source, Utterance

    busy = Actor.objects.filter(kind="person").annotate(n=Count("statements")).order_by("-n").first()
    ranked = list(Actor.objects.filter(kind="person").annotate(n=Count("mentions")).order_by("-n")[:2000])
    median = ranked[len(ranked) // 2] if ranked else busy
    source = Source.objects.order_by("slug").first()
    article = Article.objects.order_by("-published", "-id")[500]
    a, m, s = busy.slug, median.slug, source.slug
    # The most carried remark, and one from the middle of the speaker-busiest's (assign_utterances fills them).
    widest = Utterance.objects.order_by("-reach", "id").first()
    theirs = list(Utterance.objects.filter(speaker=busy).order_by("id").values_list("pk", flat=True)[:2000])
    remarks = [widest.pk, theirs[len(theirs) // 2]] if widest and theirs else []
    when = "published_after=2024-01-01&published_before=2024-03-31"
    return [
        ("desk", "/", "list"),
        ("articles", "/articles/", "list"),
        ("articles page 200", "/articles/?page=200", "list"),
        ("articles by outlet", f"/articles/?source={s}", "list"),
        ("articles by topic", "/articles/?topic=sanctions", "list"),
        ("articles by busy actor", f"/articles/?actor={a}", "list"),
        ("articles by median actor", f"/articles/?actor={m}", "list"),
        ("articles by dates", f"/articles/?{when}", "list"),
        ("articles oldest first", "/articles/?sort=oldest", "list"),
        ("articles by title", "/articles/?sort=title", "list"),
        ("articles outlet+topic", f"/articles/?source={s}&topic=ceasefire", "list"),
        ("articles actor+topic+dates", f"/articles/?actor={a}&topic=ceasefire&{when}", "list"),
        ("articles two actors", f"/articles/?actor={a}&actor={m}", "list"),
        ("articles search word", "/articles/?q=embargo", "search"),
        ("articles search phrase", '/articles/?q="peace talks" pipeline', "search"),
        ("articles search + outlet", f"/articles/?q=guarantees&source={s}", "search"),
        ("statements", "/statements/", "list"),
        ("statements speaker+topic", f"/statements/?speaker={a}&topic=ceasefire", "list"),
        ("statements median speaker+topic", f"/statements/?speaker={m}&topic=sanctions", "list"),
        ("statements search", "/statements/?q=monitoring mission", "search"),
        ("articles one per story", "/articles/?collapse=story", "list"),
        ("statements one per remark", "/statements/?group=utterance", "list"),
        ("statements by reach", "/statements/?group=utterance&sort=reach", "list"),
        ("statements of busy speaker by remark", f"/statements/?speaker={a}&group=utterance&sort=reach", "list"),
        *[
            (f"utterance page {which}", f"/utterances/{pk}/", "detail")
            for which, pk in zip(("widest", "busy speaker's"), remarks, strict=False)
        ],
        ("actors", "/actors/", "list"),
        ("actor page busy", f"/actors/{a}/", "detail"),
        ("actor page median", f"/actors/{m}/", "detail"),
        ("article detail", f"/articles/{article.pk}/", "detail"),
        # Admin change lists, as a superuser sees them.
        ("admin actors", "/admin/actors/actor/", "admin"),
        ("admin actors search", f"/admin/actors/actor/?q={busy.name.split()[-1]}", "admin"),
        ("admin statements", "/admin/articles/statement/", "admin"),
        ("admin statements search", "/admin/articles/statement/?q=monitoring", "admin"),
        ("admin statements by speaker", f"/admin/articles/statement/?speaker__id__exact={busy.pk}", "admin"),
        ("admin articles", "/admin/articles/article/", "admin"),
        ("admin articles search", "/admin/articles/article/?q=pipeline", "admin"),
        ("admin topics", "/admin/articles/topic/", "admin"),
    ]


def measure(client, url, runs):
    """Wall-clock p50/p95/max of `runs` requests, and the median CPU time this process spent on one (Python and
    templates, without the database's own work): on a shared machine the wall clock also counts the time spent
    waiting for a core."""
    times, cpu = [], []
    status = None
    for _ in range(runs + 2):  # two warm-ups
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        if response.streaming:
            for _ in response.streaming_content:
                pass
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        status = response.status_code
    times = sorted(times[2:])
    return status, {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(round(0.95 * len(times))) - 1)], 1),
        "max_ms": round(times[-1], 1),
        "cpu_p50_ms": round(statistics.median(cpu[2:]), 1),
    }


def queries_of(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return captured.captured_queries


def explain(sql):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def csv_export(client, url="/articles/?format=csv"):
    """Time to first byte, rows/s and memory growth of a whole-table CSV export."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    response = client.get(url)
    if response.status_code != 200 or not response.streaming:
        return {"status": response.status_code, "streaming": response.streaming}
    chunks = iter(response.streaming_content)
    first = next(chunks)
    ttfb = time.perf_counter() - start
    size, lines = len(first), first.count(b"\n")
    for chunk in chunks:
        size += len(chunk)
        lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - start
    from articles.models import Article

    rows = Article.objects.count()
    return {
        "url": url,
        "rows": rows,
        "lines": lines,
        "mb": round(size / 1e6, 1),
        "ttfb_ms": round(ttfb * 1000, 1),
        "seconds": round(elapsed, 2),
        "rows_per_s": round(rows / elapsed),
        "peak_rss_growth_mb": round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024, 1),
    }


def run(runs=20, log=print, explain_to=None, kinds=None):
    """Time every page of `pages()` (only those of `kinds` when given; the CSV export when kinds is None or
    holds "export")."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from actors.models import Actor
    from articles.models import Article, Statement

    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    user, _ = get_user_model().objects.get_or_create(username="bench-analyst")
    analyst = Client()
    analyst.force_login(user)
    admin, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    admin_client = Client()
    admin_client.force_login(admin)
    counts = {
        "articles": Article.objects.count(),
        "statements": Statement.objects.count(),
        "actors": Actor.objects.count(),
        "database": connection.vendor,
    }
    log(f"  database: {counts}")
    results, missing, plans = [], [], []
    for label, url, kind in pages():
        if kinds and kind not in kinds:
            continue
        client = admin_client if kind == "admin" else analyst
        status, timing = measure(client, url, runs)
        if status == 404 and url.count("/") <= 3 and "?" not in url.split("/")[-1]:
            missing.append(url)
        queries = queries_of(client, url)
        sql_ms = round(sum(float(q["time"]) for q in queries) * 1000, 1)
        row = {
            "page": label,
            "url": url,
            "kind": kind,
            "status": status,
            "queries": len(queries),
            "sql_ms": sql_ms,
            **timing,
        }
        results.append(row)
        log(
            f"  {label:<34} {status} p50 {timing['p50_ms']:>7} ms  p95 {timing['p95_ms']:>7} ms  {len(queries)} q"
            f"  (CPU p50 {timing['cpu_p50_ms']} ms, SQL {sql_ms} ms)"
        )
        if status == 200 and connection.vendor == "postgresql":
            slowest = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:2]
            for q in slowest:
                if q["sql"].lstrip().upper().startswith("SELECT"):
                    plans.append({"page": label, "url": url, "ms": float(q["time"]) * 1000, "sql": q["sql"]})
                    plans[-1]["plan"] = explain(q["sql"])
    export = csv_export(analyst) if not kinds or "export" in kinds else None
    log(f"  CSV export: {export}")
    if explain_to:
        with open(explain_to, "w") as fh:
            for p in plans:
                fh.write(f"=== {p['page']}  {p['url']}  ({p['ms']:.1f} ms in the page)\n{p['sql']}\n\n{p['plan']}\n\n")
    return {"counts": counts, "pages": results, "missing": missing, "csv_export": export}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--kind", action="append", choices=["list", "detail", "search", "export", "admin"], help="only these pages"
    )
    args = parser.parse_args()
    production_settings()
    setup_django()
    OUT.mkdir(exist_ok=True)
    result = run(args.runs, log=lambda s: print(s, file=sys.stderr), explain_to=OUT / "explain.txt", kinds=args.kind)
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
