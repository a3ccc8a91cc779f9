"""The database's own time and reads for each page: every query of a page EXPLAIN (ANALYZE, BUFFERS)-ed, median.

    DATABASE_URL=postgres://.../newsdesk_bench_web .venv/bin/python -m bench.explain_pages [--runs 5] [URL ...]

On a machine shared with other work, wall-clock times (bench.web) also count
the time spent waiting for a core; the buffers a page's queries read do not
change with the load, and the execution times change less. Without URLs it
reads the searches below, from a few matches to 84,568. Logged in as
bench.web's analyst, production settings.
"""

import argparse
import re
import statistics

from . import setup_django
from .web import production_settings

SEARCHES = [
    "/articles/?q=embargo",
    "/articles/?q=embargo&sort=oldest",
    "/articles/?q=embargo&page=41",
    '/articles/?q="peace talks" pipeline',
    "/articles/?q=guarantees&source=baltavian-broadcasting-news",
    "/articles/?q=embargo sundby",
    "/articles/?q=embargo halvik",
    "/statements/?q=monitoring mission",
    "/statements/?q=drovik",
    "/statements/?q=drovik grain or halvik grain or grain sundby",
    "/statements/?q=drovik grain",
]


def explained(sql, runs):
    """Median execution ms and the buffers (hit + read) of the plan's top node, over `runs` EXPLAIN ANALYZEs."""
    from django.db import connection

    times, buffers = [], 0
    for _ in range(runs):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        times.append(float(re.search(r"Execution Time: ([\d.]+)", plan).group(1)))
        top = re.search(r"Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?", plan)
        buffers = int(top.group(1) or 0) + int(top.group(2) or 0) if top else 0
    return statistics.median(times), buffers


def page(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # The session and user lookups are the same on every page.
    sqls = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT") and not re.search(r'"(django_session|auth_user)"', q["sql"])
    ]
    plans = [explained(sql, runs) for sql in sqls]
    listed = response.context["page"] if response.context and "page" in response.context else None
    return {
        "url": url,
        "status": response.status_code,
        "queries": len(captured.captured_queries),
        "count": str(listed.paginator.count) if listed else None,
        "by_date": getattr(listed, "by_date", False),
        "sql_ms": round(sum(ms for ms, _ in plans), 1),
        "buffers": sum(b for _, b in plans),
        "slowest": [f"{ms:.1f} ms / {b} buffers" for ms, b in sorted(plans, reverse=True)[:2]],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("urls", nargs="*", default=SEARCHES)
    args = parser.parse_args()
    production_settings()
    setup_django()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    client = Client()
    client.force_login(get_user_model().objects.get_or_create(username="bench-analyst")[0])
    for url in args.urls:
        row = page(client, url, args.runs)
        print(
            f"{row['url']:<62} {row['status']} {row['queries']} q  {row['count']} matches"
            f"{' (newest first)' if row['by_date'] else ''}  SQL {row['sql_ms']} ms, {row['buffers']} buffers"
            f"  [{'; '.join(row['slowest'])}]",
            flush=True,
        )


if __name__ == "__main__":
    main()
