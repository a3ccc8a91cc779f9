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
import zlib

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

# Files that arrive with a page suffix but are something else entirely.
BINARY_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
]

# Share of control characters above which decoded "text" is really binary.
MAX_CONTROL_SHARE = 0.02
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def maybe_gunzip(data, max_size):
    """Inflate gzip data, refusing to go past max_size bytes (a gzip bomb guard)."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(max_size + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ExtractionError(f"broken gzip data ({exc})") from None
    if len(out) > max_size:
        raise ExtractionError(f"page is larger than {_size(max_size)} once uncompressed")
    return out


def _utf16_without_bom(data):
    """UTF-16 with no BOM shows up as NUL in every other byte of ASCII text."""
    sample = data[:2000]
    # Too short to tell: "01\x000" would read as two UTF-16 characters.
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    half = len(sample) // 2
    # The other half must look like the text's ASCII letters too: a few NULs
    # beside UTF-8 bytes ("0\x00\xc2\x80") are no UTF-16 and would decode to
    # characters the page never had.
    if odd_nuls > half * 0.4 and even_nuls < half * 0.05 and _mostly_ascii(even):
        return "utf-16-le"
    if even_nuls > half * 0.4 and odd_nuls < half * 0.05 and _mostly_ascii(odd):
        return "utf-16-be"
    return None


def _mostly_ascii(data):
    return sum(b < 0x80 for b in data) >= 0.8 * len(data)


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
    """Return (text, encoding) for the page bytes, without NUL or other control characters.

    Raises ExtractionError for files that are not text (images, PDFs, random
    bytes): a page-like suffix does not make a file a page.
    """
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            raise ExtractionError(f"this is {what}, not a web page")
    text, encoding = _decode(data)
    sample = text[:100_000]
    controls = len(CONTROL.findall(sample))
    if controls > MAX_CONTROL_SHARE * max(len(sample), 1):
        raise ExtractionError("binary data, not a text page")
    # PostgreSQL cannot store NUL in text, and stray control bytes are never content.
    # A space, not nothing: deleting would glue the words on either side together.
    return CONTROL.sub(" ", text) if controls else text, encoding


def _decode(data):
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
    matches = from_bytes(data[:200_000])
    best = matches.best()
    # Western European text decodes equally well as cp1250 and cp1252; the
    # detector's tie-break picks cp1250 and turns "Ångström" into "Ĺngström".
    for match in matches:
        if best is not None and match.encoding == "cp1252" and match.chaos <= best.chaos:
            best = match
            break
    if best is None:
        raise ExtractionError("not text in any recognisable encoding")
    return data.decode(best.encoding, errors="replace"), best.encoding


def _size(n):
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n} bytes"
