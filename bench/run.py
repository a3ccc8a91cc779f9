"""`make bench`: extraction, ingest and web benchmarks; a table on stdout, JSON in bench/out/.

    .venv/bin/python -m bench.run [--ingest-pages 300] [--memory 300,1000] [--web-articles 100000] ...

Each part runs as its own process (`python -m bench.extraction`, `bench.ingest`,
`bench.web`) so settings and memory do not leak between them. The web part
loads its corpus into `newsdesk_bench_web` once and reuses it while it holds
the asked number of articles. Needs PostgreSQL (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432) and, for --queue-workers, Redis.
"""

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
WEB_DATABASE = "newsdesk_bench_web"


def part(module, *args, env=None):
    print(f"== {module} {' '.join(args)}", file=sys.stderr, flush=True)
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsdesk.settings", **(env or {})},
        stdout=subprocess.PIPE,
        check=True,
    )
    return json.loads(done.stdout)


def machine():
    model = ""
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as fh:
        memory = int(fh.readline().split()[1]) // 1024 // 1024
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": memory,
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def web_database(articles, name=WEB_DATABASE):
    """The URL of database `name` holding the web corpus with `articles` articles, loading it when needed."""
    import psycopg

    url = f"{SERVER}/{name}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f"CREATE DATABASE {name}")
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    with psycopg.connect(url) as conn:
        have = conn.execute("SELECT count(*) FROM articles_article").fetchone()[0]
    if have != articles:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name}")
        subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
        print(f"== loading {articles} articles into {name}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bench.load", "--articles", str(articles)], cwd=ROOT, env=env, check=True)
        print(f"   loaded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with psycopg.connect(url, autocommit=True) as conn:
        # Ingest puts every statement in an utterance; bench.load does not: without them the lists one per
        # remark time a corpus no ingest leaves (a million statements counted one by one).
        placed = conn.execute("SELECT EXISTS (SELECT 1 FROM articles_utterance)").fetchone()[0]
        if not placed:
            command = [sys.executable, "-m", "bench.utterances_alone"]
            subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=sys.stderr)
            conn.execute("VACUUM ANALYZE")
        # The ingest part's writes flushed now rather than while the pages are timed (needs a superuser).
        with contextlib.suppress(psycopg.errors.InsufficientPrivilege):
            conn.execute("CHECKPOINT")
    return url


def table(results):
    lines = []

    def row(*cells):
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(cells, (44, 14, 14, 30), strict=False)).rstrip())

    m = results["machine"]
    lines.append(f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; Python {m['python']}")
    lines.append(f"Load average at start {m['load_average_at_start']}, at end {m.get('load_average_at_end')}")
    if "extraction" in results:
        e = results["extraction"]
        row("EXTRACTION (one core)", "pages/s", "MB/s", "body F1 (precision/recall)")
        for key, label in [
            ("ours_html", "ours, HTML (full pipeline)"),
            ("ours_html_stripping_only", "ours, HTML (stripping only)"),
            ("trafilatura_html", f"trafilatura {e['trafilatura_html']['version']}, HTML"),
            ("ours_text", "ours, text dumps (full pipeline)"),
        ]:
            r = e[key]
            q = r.get("quality")
            quality = f"{q['f1']:.3f} ({q['precision']:.3f}/{q['recall']:.3f})" if q else "-"
            row(f"  {label}", r["pages_per_s"], r["mb_per_s"], quality)
        stripping = e["ours_html_stripping_only"]["pages_per_s"] / e["trafilatura_html"]["pages_per_s"]
        row(f"  ratio ours/trafilatura: full {e['speed_ratio_vs_trafilatura']}x, stripping only {stripping:.2f}x")
    for c in results.get("extract_command", []):
        row(f"EXTRACT COMMAND, whole, CPU time: {c['pages']} real pages", "pages/s", "start-up s", "ratio")
        row("  ours `manage.py extract --format json`", c["pages_per_cpu_s"], c["startup_seconds"], "")
        row(
            "  trafilatura extract(json, metadata)",
            c["trafilatura_pages_per_cpu_s"],
            "",
            f"{c['ratio_vs_trafilatura']}x",
        )
    if "ingest" in results:
        i = results["ingest"]
        row("INGEST into PostgreSQL", "pages/s", "peak RSS MB", "")
        for r in i["throughput"]:
            row(f"  {r['pages']} pages, --workers {r['workers']}", r["pages_per_s"], r["peak_rss_mb"], r["summary"])
        for r in i.get("queue", []):
            row(f"  {r['pages']} pages, --queue, {r['queue_workers']} Celery processes", r["pages_per_s"], "-", "")
        for r in i["memory"]:
            row(
                f"  {r['pages']} pages, --workers {r['workers']}", round(r["pages"] / r["seconds"], 1), r["peak_rss_mb"]
            )
        for r in i["dry_run_memory"]:
            row(f"  {r['pages']} pages, --dry-run", round(r["pages"] / r["seconds"], 1), r["peak_rss_mb"])
    if "web" in results:
        w = results["web"]
        c = w["counts"]
        lines.append(f"WEB ({c['articles']} articles, {c['statements']} statements, {c['actors']} actors)")
        row("  page", "p50 ms", "p95 ms", "queries")
        for r in w["pages"]:
            row(
                f"  {r['page']}" + ("" if r["status"] == 200 else f" [{r['status']}]"),
                r["p50_ms"],
                r["p95_ms"],
                r["queries"],
            )
        x = w["csv_export"]
        if "rows_per_s" in x:
            lines.append(
                f"  CSV export of {x['rows']} articles: first byte {x['ttfb_ms']} ms, {x['rows_per_s']} rows/s, "
                f"{x['seconds']} s, peak memory growth {x['peak_rss_growth_mb']} MB"
            )
        if w["missing"]:
            lines.append(f"  missing pages: {', '.join(w['missing'])}")
    if "growth" in results:
        g, base = results["growth"], {r["page"]: r["p95_ms"] for r in results.get("web", {}).get("pages", [])}
        lines.append(f"GROWTH: p95 ms at {g['counts']['articles']} articles against the run above")
        for r in g["pages"]:
            before = base.get(r["page"])
            ratio = f"{r['p95_ms'] / before:.2f}x" if before else "-"
            row(f"  {r['page']}", before or "-", r["p95_ms"], ratio)
    lines += goal_lines(results)
    return "\n".join(lines)


# Issue #15's goals: (what, target, higher is better). Ratios are measured / target, "met" when on the right side.
GOALS = {
    "extract": ("`extract` command vs trafilatura's, real HTML, CPU", 1.5, True),
    "dumps": ("text dumps vs HTML, pages/s (full pipeline)", 1.0, True),
    "ingest": ("ingest, 2 workers, empty PostgreSQL, pages/s", 150, True),
    "lists": ("slowest list or actor page, p95 ms", 50, False),
    "words": ("slowest word or phrase search, p95 ms", 100, False),
    "statement_search": ("statement search, p95 ms", 150, False),
    "admin": ("slowest admin change list, p95 ms", 300, False),
    "csv": ("article CSV export, rows/s", 30_000, True),
    "growth": ("slowest page's p95 growth, 100k -> larger corpus (x)", None, False),
}
SEARCHES = ("articles search word", "articles search phrase", "articles search + outlet")


def goals(results):
    """[(goal key, figure, note)] for each #15 goal the run measured."""
    found = []
    for c in results.get("extract_command", [])[:1]:
        found.append(("extract", c["ratio_vs_trafilatura"], f"ours {c['pages_per_cpu_s']} pages/CPU-s on {c['pages']}"))
    if "extraction" in results:
        e = results["extraction"]
        ours, theirs = e["ours_html"]["quality"], e["trafilatura_html"]["quality"]
        note = f"body F1 ours {ours['f1']:.3f}, trafilatura {theirs['f1']:.3f}" if ours and theirs else ""
        found.append(("dumps", round(e["ours_text"]["pages_per_s"] / e["ours_html"]["pages_per_s"], 2), note))
    if "ingest" in results:
        i = results["ingest"]
        two = [r for r in i["throughput"] if r["workers"] == 2]
        dry = [r for r in i["dry_run_memory"] if r["workers"] == 2]
        if two:
            note = f"peak RSS {two[0]['peak_rss_mb']} MB at {two[0]['pages']} pages"
            note += "".join(f", {r['peak_rss_mb']} MB at {r['pages']}" for r in i["memory"])
            if "other_cpu_ms_per_page" in two[0]:
                # All cores busy: CPU bounds it, and this says whose.
                r = two[0]
                note += (
                    f"; CPU a page: ingest {r['ingest_cpu_ms_per_page']} ms, PostgreSQL and the rest "
                    f"{r['other_cpu_ms_per_page']} ms, {r['cores']} cores {r['cores_busy_percent']}% busy"
                )
            if dry:
                # Extraction alone (--dry-run stores nothing): how fast ingest could go if storing were free.
                note += f"; extraction alone {round(dry[0]['pages'] / dry[0]['seconds'], 1)} pages/s"
                if "ingest_cpu_ms_per_page" in dry[0]:
                    note += f" ({dry[0]['ingest_cpu_ms_per_page']} ms CPU a page)"
            found.append(("ingest", two[0]["pages_per_s"], note))
    if "web" in results:
        pages = [r for r in results["web"]["pages"] if r["status"] == 200]

        def slowest(rows):
            worst = max(rows, key=lambda r: r["p95_ms"], default=None)
            return (worst["p95_ms"], worst["page"]) if worst else (None, "")

        lists = [r for r in pages if r["kind"] == "list" or r["page"].startswith("actor page")]
        for key, rows in [
            ("lists", lists),
            ("words", [r for r in pages if r["page"] in SEARCHES]),
            ("statement_search", [r for r in pages if r["page"] == "statements search"]),
            ("admin", [r for r in pages if r["kind"] == "admin"]),
        ]:
            figure, page = slowest(rows)
            if figure is not None:
                over = sum(r["p95_ms"] > GOALS[key][1] for r in rows)
                found.append((key, figure, f"{page}; {over} of {len(rows)} over"))
        x = results["web"]["csv_export"] or {}
        if "rows_per_s" in x:
            found.append(("csv", x["rows_per_s"], f"peak memory growth {x['peak_rss_growth_mb']} MB"))
    if "growth" in results:
        base = {r["page"]: r["p95_ms"] for r in results["web"]["pages"]} if "web" in results else {}
        ratios = [(r["p95_ms"] / base[r["page"]], r["page"]) for r in results["growth"]["pages"] if base.get(r["page"])]
        if ratios:
            ratio, page = max(ratios)
            counts = results["growth"]["counts"]
            found.append(("growth", round(ratio, 2), f"{page}, at {counts['articles']} articles"))
    return found


def goal_lines(results):
    lines = ["GOALS (#15): figure, target, figure / target"]
    for key, figure, note in goals(results):
        what, target, higher = GOALS[key]
        if target is None:
            lines.append(f"  {what:<56} {figure:>9}  {'':>8}  {'':>6}        {note}")
            continue
        met = figure >= target if higher else figure <= target
        ratio = f"{figure / target:.2f}"
        lines.append(f"  {what:<56} {figure:>9}  {target:>8}  {ratio:>6} {'met' if met else 'NOT':>5}  {note}")
    return lines


def numbers(text):
    return ",".join(str(int(x)) for x in text.split(",") if x)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract-pages", type=int, default=600)
    # 1000: the workers' start-up is in the figure (from the first page on) without being most of it.
    parser.add_argument("--ingest-pages", type=int, default=1000)
    parser.add_argument("--workers", type=numbers, default="0,1,2")
    parser.add_argument("--queue-workers", type=numbers, default="2")
    parser.add_argument("--memory", type=numbers, default="600")
    parser.add_argument("--dry-run-memory", type=numbers, default="3000")
    parser.add_argument("--web-articles", type=int, default=100_000)
    # 20: a p95 of 10 requests is their slowest.
    parser.add_argument("--web-runs", type=int, default=20)
    parser.add_argument(
        "--growth-articles",
        type=int,
        default=0,
        help="also time the web pages on a corpus this large (e.g. 300000; loaded once) against --web-articles",
    )
    parser.add_argument("--only", choices=["extraction", "ingest", "web"], action="append")
    args = parser.parse_args()
    only = set(args.only or ["extraction", "ingest", "web"])
    OUT.mkdir(exist_ok=True)
    started = time.perf_counter()
    results = {"machine": machine(), "command": " ".join(["python -m bench.run", *sys.argv[1:]])}
    if "extraction" in only:
        results["extraction"] = part("bench.extraction", "--pages", str(args.extract_pages))
        if (ROOT.parent / "shared" / "devset" / "readability").is_dir():  # real pages, where this checkout has them
            results["extract_command"] = part("bench.extract_command", "--json")
    if "ingest" in only:
        results["ingest"] = part(
            "bench.ingest",
            *("--pages", str(args.ingest_pages), "--workers", args.workers, "--memory", args.memory),
            *("--dry-run-memory", args.dry_run_memory, "--queue-workers", args.queue_workers),
        )
    if "web" in only:
        url = web_database(args.web_articles)
        results["web"] = part("bench.web", "--runs", str(args.web_runs), env={"DATABASE_URL": url})
        if args.growth_articles:
            name = f"newsdesk_bench_{args.growth_articles // 1000}k"
            url = web_database(args.growth_articles, name)
            results["growth"] = part("bench.web", "--runs", str(args.web_runs), env={"DATABASE_URL": url})
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = round(time.perf_counter() - started)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for name in (f"results-{stamp}.json", "latest.json"):
        (OUT / name).write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"Took {results['seconds']} s. JSON: bench/out/latest.json; EXPLAIN ANALYZE: bench/out/explain.txt")


if __name__ == "__main__":
    main()
