"""Pages per CPU second of the whole `manage.py extract` command, start-up included, against trafilatura's.

    .venv/bin/python -m bench.extract_command [FOLDER ...] [--repeat 3]

Each side runs as its own process over the same page files, so start-up
(imports, Django set-up, word lists) is counted as a user pays it. Ours is
`manage.py extract --format json FILE...`; trafilatura's is a fresh Python
that imports it and prints `extract(bytes, output_format="json",
with_metadata=True)` for every file, one core as ours. The time is the child's
user + system CPU time, best of N runs: on a shared machine wall time measures
the neighbours too. FOLDER defaults to the devset's real HTML pages.
"""

import argparse
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "devset" / "readability"

TRAFILATURA = """
import sys
from pathlib import Path
import trafilatura
for name in sys.argv[1:]:
    out = trafilatura.extract(Path(name).read_bytes(), output_format="json", with_metadata=True)
    sys.stdout.write((out or "") + "\\n")
"""


def page_files(folder):
    """The saved pages below `folder`: only */source.html where there are such (not the expected outputs)."""
    folder = Path(folder)
    return sorted(folder.glob("*/source.html")) or sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix in (".html", ".htm", ".txt")
    )


def cpu_seconds(command):
    """User + system CPU seconds of one child process run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best(command, repeat):
    return min(cpu_seconds(command) for _ in range(repeat))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=[str(DEFAULT)])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-trafilatura", action="store_true", help="time our command only")
    args = parser.parse_args()
    python = sys.executable
    for folder in args.folders:
        files = page_files(folder)
        if not files:
            sys.exit(f"no pages in {folder}")
        names = [str(f) for f in files]
        ours = best([python, "manage.py", "extract", "--format", "json", *names], args.repeat)
        startup = best([python, "manage.py", "extract", "--help"], args.repeat)
        line = f"{folder}: {len(files)} pages; ours {ours:.2f} s CPU = {len(files) / ours:.1f} pages/s"
        line += f" (start-up {startup:.2f} s)"
        if not args.no_trafilatura:
            theirs = best([python, "-c", TRAFILATURA, *names], args.repeat)
            line += f"; trafilatura {theirs:.2f} s = {len(files) / theirs:.1f} pages/s; ratio {theirs / ours:.2f}x"
        print(line, flush=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
