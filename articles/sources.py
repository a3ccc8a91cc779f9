"""Finding the page files to ingest under the paths an analyst names."""

import os
from dataclasses import dataclass
from pathlib import Path

PAGE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")


def is_page_name(name):
    name = name.lower().removesuffix(".gz")
    return name.endswith(PAGE_SUFFIXES)


@dataclass(frozen=True)
class Candidate:
    """A file found under the given paths; `problem` says why it cannot be read."""

    path: Path
    problem: str | None = None
    skipped: bool = False


def find_pages(paths):
    """Yield a Candidate for every file under `paths`, in a stable order.

    Folders are walked recursively, following symlinks but never the same real
    folder twice (a symlink loop ends there). Files with other suffixes come
    back as skipped; broken links and unreadable entries come back with a problem.
    """
    seen_dirs = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, seen_dirs)
        elif path.is_file():
            yield _candidate(path)
        elif path.is_symlink():
            yield Candidate(path, problem="broken symbolic link")
        else:
            yield Candidate(path, problem="no such file or folder")


def _walk(top, seen_dirs):
    try:
        real = top.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        yield Candidate(top, problem=f"cannot resolve folder ({exc.__class__.__name__})")
        return
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError as exc:
        yield Candidate(top, problem=f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=True):
                yield from _walk(path, seen_dirs)
            elif entry.is_file(follow_symlinks=True):
                yield _candidate(path)
            elif entry.is_symlink():
                yield Candidate(path, problem="broken symbolic link")
        except OSError as exc:
            yield Candidate(path, problem=f"cannot read: {exc.strerror or exc}")


def _candidate(path):
    if not is_page_name(path.name):
        return Candidate(path, problem="not a page file (.txt, .html, .htm, optionally .gz)", skipped=True)
    return Candidate(path)
