"""Bounds that keep one hostile page from hanging or swamping a whole ingest.

Sizes are checked before any parsing. Time is bounded with a POSIX interval
timer, which only the main thread of a process can set; elsewhere (threads of
a web server, say) the size limits alone apply.
"""

import signal
import threading
from contextlib import contextmanager

from .errors import ExtractionError

# Real article pages, even with inline images, stay well under this.
MAX_PAGE_BYTES = 16 * 1024 * 1024
# Stripping and analysis of a normal page take milliseconds; this is a runaway.
MAX_SECONDS = 20


class _TookTooLong(Exception):
    pass


def _raise_timeout(signum, frame):
    raise _TookTooLong


@contextmanager
def time_limit(seconds=MAX_SECONDS):
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TookTooLong:
        raise ExtractionError(f"extraction took longer than {seconds} s; the page was given up") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
