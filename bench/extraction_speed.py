"""Pages per second of our HTML extraction and of trafilatura, on the same pages, in one process.

    .venv/bin/python bench/extraction_speed.py [FOLDER] [--repeat N]

FOLDER defaults to ../shared/devset/readability (every */source.html below it).
Both extractors are asked for the main text and the metadata, first from the
same decoded text, then from the page bytes (each decoding its own way). The
actor and statement analysis that `manage.py extract` runs afterwards is not
timed: it is the same whichever extractor strips the page. The best of N
rounds is reported, so a busy neighbour on the machine skews both less. Not a
test: timings depend on the machine.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.extraction.decoding import decode  # noqa: E402
from articles.extraction.html_page import extract_html  # noqa: E402


def ours(text):
    extract_html(text)


def ours_from_bytes(data):
    extract_html(decode(data)[0])


def trafilatura_extract(text_or_bytes):
    import trafilatura

    trafilatura.bare_extraction(text_or_bytes, with_metadata=True)


def best_rate(label, func, items, repeat):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            func(item)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    rate = len(items) / best
    print(f"{label:<40} {best:6.2f} s  {rate:6.1f} pages/s  {1000 * best / len(items):6.1f} ms/page")
    return rate


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "devset" / "readability"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = sorted(Path(args.folder).glob("*/source.html")) or sorted(Path(args.folder).glob("*.html"))
    if not pages:
        sys.exit(f"no pages in {args.folder}")
    raw = [page.read_bytes() for page in pages]
    texts = [decode(data)[0] for data in raw]
    print(f"{len(pages)} pages, {sum(map(len, raw)) / len(raw) / 1024:.0f} kB on average")
    # One warm-up pass each, so imports and caches are not timed.
    for text in texts[:5]:
        ours(text)
        trafilatura_extract(text)
    import trafilatura

    version = trafilatura.__version__
    best_rate("ours, text in", ours, texts, args.repeat)
    best_rate(f"trafilatura {version}, text in", trafilatura_extract, texts, args.repeat)
    best_rate("ours, bytes in (with decoding)", ours_from_bytes, raw, args.repeat)
    best_rate(f"trafilatura {version}, bytes in", trafilatura_extract, raw, args.repeat)


if __name__ == "__main__":
    main()
