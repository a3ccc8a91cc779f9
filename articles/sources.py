"""Finding the page files to ingest under the paths an analyst names."""

import os
import stat
from dataclasses import dataclass
from pathlib import Path

PAGE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")


def is_page_name(name):
    name = name.lower().removesuffix(".gz")
    return name.endswith(PAGE_SUFFIXES)


@dataclass(frozen=True)
class Candidate:
    """A file found under the given paths; `problem` says why it cannot be read.

    `outside` marks a symbolic link to a file or folder outside the paths
    given, which is not followed: it is neither read nor counted as failed.
    """

    path: Path
    problem: str | None = None
    skipped: bool = False
    outside: bool = False


def find_pages(paths, follow_links_outside=False):
    """Yield a Candidate for every file under `paths`, in a stable order.

    Folders are walked recursively. Symbolic links are followed when they
    lead to a file or folder inside one of `paths` (never the same real folder
    twice, so a symlink loop ends there); one that leads elsewhere (another
    user's files, /proc/self/environ) comes back `outside`, unread, unless
    `follow_links_outside`. A path named outright is taken as it is, link or
    not: the analyst chose it. Files with other suffixes come back as
    skipped; broken links and unreadable entries come back with a problem.
    """
    roots = [_real(Path(raw)) for raw in paths]
    allowed = None if follow_links_outside else [root for root in roots if root is not None]
    seen_dirs = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, seen_dirs, allowed)
        elif path.is_file():
            yield _candidate(path)
        elif special := _special_kind(path):
            yield Candidate(path, problem=f"not a regular file: {special}")
        elif path.is_symlink():
            yield Candidate(path, problem="broken symbolic link")
        else:
            yield Candidate(path, problem="no such file or folder")


def _special_kind(path):
    """What `path` (or the file a link leads to) is when it is neither a folder nor a regular file, else None.

    Reading a named pipe would block the run and a device such as /dev/zero
    never ends, so they are reported rather than read or silently passed over.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


def _real(path):
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None


def _inside(real, allowed):
    return allowed is None or any(real == root or real.is_relative_to(root) for root in allowed)


def _walk(top, seen_dirs, allowed):
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
            if entry.is_symlink():
                target = _real(path)
                if target is None:
                    yield Candidate(path, problem="broken symbolic link")
                    continue
                if not _inside(target, allowed):
                    yield Candidate(path, problem=f"symbolic link to {target}, outside the paths given", outside=True)
                    continue
            if entry.is_dir(follow_symlinks=True):
                yield from _walk(path, seen_dirs, allowed)
            elif entry.is_file(follow_symlinks=True):
                yield _candidate(path)
            elif special := _special_kind(path):
                yield Candidate(path, problem=f"not a regular file: {special}", skipped=not is_page_name(path.name))
        except OSError as exc:
            yield Candidate(path, problem=f"cannot read: {exc.strerror or exc}")


def _candidate(path):
    if not is_page_name(path.name):
        return Candidate(path, problem="not a page file (.txt, .html, .htm, optionally .gz)", skipped=True)
    return Candidate(path)
