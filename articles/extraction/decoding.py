"""Turn the bytes of a saved page into text.

Saved pages arrive in whatever encoding the site or the crawler used. The order
is: byte-order mark, a charset the page declares (HTML meta or XML prolog),
strict UTF-8, then statistical detection. A declared charset is trusted only if
the bytes actually decode with it.
"""

import codecs
import gzip
import io
import re

from charset_normalizer import from_bytes

from .errors import ExtractionError

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)|<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-.]+)""",
    re.IGNORECASE,
)

GZIP_MAGIC = b"\x1f\x8b"


def maybe_gunzip(data, max_size):
    """Inflate gzip data, refusing to go past max_size bytes (a gzip bomb guard)."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(max_size + 1)
    except (OSError, EOFError) as exc:
        raise ExtractionError(f"broken gzip data ({exc})") from None
    if len(out) > max_size:
        raise ExtractionError(f"page is larger than {max_size} bytes once uncompressed")
    return out


def _utf16_without_bom(data):
    """UTF-16 with no BOM shows up as NUL in every other byte of ASCII text."""
    sample = data[:2000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.4 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.4 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def declared_charset(data):
    match = DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data):
    """Return (text, encoding) for the page bytes."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding.removesuffix("-sig")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    declared = declared_charset(data)
    if declared in {"latin-1", "iso8859-1", "ascii"}:
        # Browsers read these labels as windows-1252; so do we.
        declared = "cp1252"
    if declared and declared.startswith(("utf-16", "utf-32")):
        # The page was re-saved as 8-bit text but kept its old label.
        declared = None
    # Strict UTF-8 almost never decodes text that is not UTF-8, so it goes
    # first: pages that declare latin-1 but are UTF-8 are common.
    for encoding in ("utf-8", declared):
        if not encoding:
            continue
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise ExtractionError("not text in any recognisable encoding")
    return data.decode(best.encoding, errors="replace"), best.encoding
