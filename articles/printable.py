"""File names and reasons as ingest prints them: one line each, nothing a terminal would run.

A file name may hold a line break (forging a line of the summary), escape
sequences (which a terminal runs), direction overrides (which reorder what
follows), or bytes that are not UTF-8 (which Python keeps as lone
surrogates, and which no stream or database can encode). Each of those is
shown as an escape instead: a line break as `\\n`, ESC as `\\x1b`, a
right-to-left override as `\\u202e`, the undecodable byte 0xE9 as `\\xe9`.
A backslash stays as it is, so that a name made printable once (for the
queue, say) comes out the same when it is made printable again.
"""

import re

# Anything but printable ASCII goes to _escape, which keeps what
# str.isprintable() accepts (letters of any script, punctuation).
_NOT_SHOWN = re.compile(r"[^ -~]")


def printable(text):
    """`text` on one line, with what is not safely printable escaped."""
    return _NOT_SHOWN.sub(_escape, str(text))


def _escape(match):
    char = match.group()
    if char.isprintable():
        return char
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")
