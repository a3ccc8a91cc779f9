"""Pages per CPU second of the whole `manage.py extract` command, start-up included, against trafilatura's.

    .venv/bin/python -m bench.extract_command [FOLDER ...] [--repeat 3]

Each side runs as its own process over the same page files, so start-up
(imports, Django set-up, word lists) is counted as a user pays it. Ours is
`manage.py extract --format json FILE...` (and with --against, that of
another checkout run with the same Python); trafilatura's is a fresh Python
that imports it and prints `extract(bytes, output_format="json",
with_metadata=True)` for every file, one core as ours. The time is the child's
user + system CPU time, best of N runs: on a shared machine wall time measures
the neighbours too. FOLDER defaults to the devset's real HTML pages.

Each checkout's packages are byte-compiled first, as installing them does
(pip compiles trafilatura's): where PYTHONDONTWRITEBYTECODE is set, every run
would otherwise compile our sources again, about 0.1 s a command.
"""

import argparse
import json
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


PACKAGES = ["articles", "actors", "newsdesk"]


def compile_bytecode(python, checkout):
    """Write the .pyc files of a checkout's packages (compileall writes them whatever PYTHONDONTWRITEBYTECODE says)."""
    subprocess.run([python, "-m", "compileall", "-q", *PACKAGES], cwd=checkout, stdout=subprocess.DEVNULL, check=False)


def cpu_seconds(command, cwd=ROOT):
    """User + system CPU seconds of one child process run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best(command, repeat, cwd=ROOT):
    return min(cpu_seconds(command, cwd) for _ in range(repeat))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=[str(DEFAULT)])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-trafilatura", action="store_true", help="time our command only")
    parser.add_argument(
        "--against", metavar="CHECKOUT", help="also time the command of another checkout (e.g. `git archive main`)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (for bench.run)")
    args = parser.parse_args()
    python = sys.executable
    for checkout in [ROOT] + ([args.against] if args.against else []):
        compile_bytecode(python, checkout)
    results = []
    for folder in args.folders:
        files = page_files(folder)
        if not files:
            sys.exit(f"no pages in {folder}")
        names = [str(f.resolve()) for f in files]
        command = [python, "manage.py", "extract", "--format", "json", *names]
        if args.against:
            # Turn about, so a neighbour's burst of work weighs on both alike.
            rounds = [(cpu_seconds(command), cpu_seconds(command, args.against)) for _ in range(args.repeat)]
            ours, other = min(r[0] for r in rounds), min(r[1] for r in rounds)
        else:
            ours = best(command, args.repeat)
        # Django, the apps and the analysis; the strippers are imported with their first page, not here.
        startup = best([python, "manage.py", "extract", "--help"], args.repeat)
        line = f"{folder}: {len(files)} pages; ours {ours:.2f} s CPU = {len(files) / ours:.1f} pages/s"
        line += f" (start-up {startup:.2f} s)"
        if args.against:
            line += f"; {args.against} {other:.2f} s = {len(files) / other:.1f} pages/s"
            line += f" (ours {other / ours:.2f}x its speed)"
        if not args.no_trafilatura:
            theirs = best([python, "-c", TRAFILATURA, *names], args.repeat)
            line += f"; trafilatura {theirs:.2f} s = {len(files) / theirs:.1f} pages/s; ratio {theirs / ours:.2f}x"
        result = {
            "folder": folder,
            "pages": len(files),
            "cpu_seconds": round(ours, 2),
            "startup_seconds": round(startup, 2),
        }
        result["pages_per_cpu_s"] = round(len(files) / ours, 1)
        if not args.no_trafilatura:
            result["trafilatura_pages_per_cpu_s"] = round(len(files) / theirs, 1)
            result["ratio_vs_trafilatura"] = round(theirs / ours, 2)
        results.append(result)
        if not args.json:
            print(line, flush=True)
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
