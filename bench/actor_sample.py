"""A fixed random sample of the actors the pipeline finds on real news pages, for a reader to judge.

    .venv/bin/python bench/actor_sample.py [--seed 11] [--size 100] [--all] [--page SUBSTRING]

The pages are the devset's real news: the Readability test pages published by news and
magazine outlets (listed below; the other test pages are software docs, fiction, wiki pages
and markup tests) and the PolNeAR political news articles (dev and train). Each page runs
through the same `extract` as `manage.py extract`; no database. Half of the sample is drawn
from the Readability pages and half from the PolNeAR articles, so the HTML pages with their
menus, credits and other languages weigh as much as the plain political articles, which are
ten times as many. `--all` lists every actor of every page instead (with `--page` to pick
pages): for looking, not for counting.

Not a test: what is junk is a reader's call. A line shows the kind, the mentions, the name,
the role and other spellings, then the page.
"""

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.extraction.errors import ExtractionError  # noqa: E402
from articles.extraction.pipeline import extract  # noqa: E402

DEVSET = ROOT.parent / "shared" / "devset"
# Readability test pages that are articles of a news or magazine outlet.
NEWS_PAGES = [
    "aktualne",
    "ars-1",
    "article-author-tag",
    "bbc-1",
    "breitbart",
    "bug-1255978",
    "buzzfeed-1",
    "citylab-1",
    "cnet",
    "cnet-svg-classes",
    "cnn",
    "engadget",
    "folha",
    "gmw",
    "guardian-1",
    "heise",
    "herald-sun-1",
    "la-nacion",
    "lazy-image-2",
    "lemonde-1",
    "liberation-1",
    "lwn-1",
    "medicalnewstoday",
    "msn",
    "nytimes-1",
    "nytimes-2",
    "nytimes-3",
    "nytimes-4",
    "nytimes-5",
    "qq",
    "quanta-1",
    "salon-1",
    "schema-org-context-object",
    "seattletimes-1",
    "telegraph",
    "theverge",
    "tmz-1",
    "videos-1",
    "videos-2",
    "wapo-1",
    "wapo-2",
    "webmd-1",
    "webmd-2",
    "wikia",
    "wordpress",
    "yahoo-1",
    "yahoo-2",
    "yahoo-3",
    "yahoo-4",
    "youth",
]


def readability_pages():
    return [DEVSET / "readability" / name / "source.html" for name in NEWS_PAGES]


def quotes_pages():
    return sorted((DEVSET / "quotes").glob("*/articles/*.txt"))


def page_label(path):
    return path.parent.name if path.name == "source.html" else path.stem[:48]


def actors_of(paths, only=None):
    """(page label, actor) for every actor of every page; a page that fails is reported and skipped."""
    found = []
    for path in paths:
        label = page_label(path)
        if only and only not in label:
            continue
        try:
            page = extract(path.read_bytes(), name=path.name)
        except ExtractionError as exc:
            print(f"{label}: {exc}", file=sys.stderr)
            continue
        found.extend((label, actor) for actor in page.actors)
    return found


def line(label, actor):
    role = f"  role={actor.role!r}" if actor.role else ""
    aliases = f"  aka {', '.join(actor.aliases[:4])}" if actor.aliases else ""
    return f"{actor.kind[:3]:<4}{actor.mentions:>4}  {actor.name}{role}{aliases}  [{label}]"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--all", action="store_true", help="list every actor instead of a sample")
    parser.add_argument("--page", help="only pages whose name contains this")
    args = parser.parse_args()
    html = actors_of(readability_pages(), args.page)
    text = actors_of(quotes_pages(), args.page)
    if args.all:
        for label, actor in html + text:
            print(line(label, actor))
        return
    rng = random.Random(args.seed)
    half = args.size // 2
    sample = rng.sample(html, min(half, len(html))) + rng.sample(text, min(args.size - half, len(text)))
    print(f"{len(html)} actors on {len(NEWS_PAGES)} Readability news pages, {len(text)} on the PolNeAR articles")
    for i, (label, actor) in enumerate(sample, 1):
        print(f"{i:>3}  {line(label, actor)}")


if __name__ == "__main__":
    main()
