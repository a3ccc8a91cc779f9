"""Near-copies of one article: word shingles, a MinHash signature, LSH band keys (plain Python, no Django).

Copies of the same article across outlets (wire copy, syndication, a page
saved twice with other furniture, a lightly edited version) have almost the
same set of word shingles in their bodies. A MinHash signature (rensa's
RMinHash) estimates the Jaccard similarity of two such sets from 128 numbers;
cutting the signature into bands and hashing each band gives keys under which
near-copies meet (locality-sensitive hashing): two bodies share at least one
band key with probability 1 - (1 - J^ROWS)^BANDS, 0.99 at J = 0.6, 0.0003 at
J = 0.1. The database stores the band keys (articles.stories) so finding the
candidates of a page is one indexed query; each candidate is then confirmed by
its estimated Jaccard, from the stored signatures, at SAME_STORY or above.

The signature depends on the library's hashing: the stored ones stay
comparable as long as rensa's RMinHash (pinned to 0.5.x) and the parameters
here are unchanged; SIGNATURE_VERSION names them.
"""

import hashlib
import re
import struct

from rensa import RMinHash

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SEED = 20_251_202
SHINGLE_WORDS = 4
SIGNATURE_VERSION = f"rensa0.5-{NUM_PERM}x{SHINGLE_WORDS}-{SEED}"

# Estimated Jaccard similarity of the bodies' shingle sets at which two articles are one story.
# Measured on tests/story_pages/, the fixture pages and the seeds (52 bodies, 1,326 pairs): a copy under
# other furniture 0.98, a lightly edited copy (words changed in most paragraphs, one cut) 0.66, every other
# pair 0.05 or less, another outlet's own article on the same event included.
SAME_STORY = 0.5

# Bodies with fewer shingles than this get no signature: a short notice ("Markets closed today.")
# says too little to be told from another short notice, and is its own story.
MIN_SHINGLES = 12

_WORD = re.compile(r"\w+")
_PACK = struct.Struct(f"<{NUM_PERM}I")


def words(text):
    """The body's words, case-folded (punctuation, quote marks and line breaks ignored)."""
    return _WORD.findall(text.casefold())


def shingles(text, size=SHINGLE_WORDS):
    """The set of runs of `size` consecutive words of `text`."""
    found = words(text)
    return {" ".join(found[i : i + size]) for i in range(len(found) - size + 1)}


def signature(text):
    """The MinHash signature of the body's shingles as NUM_PERM integers, or None for a body too short to compare."""
    found = shingles(text)
    if len(found) < MIN_SHINGLES:
        return None
    minhash = RMinHash(NUM_PERM, SEED)
    minhash.update(sorted(found))
    return list(minhash.digest())


def band_keys(sig):
    """One signed 64-bit key per band of the signature (fits a PostgreSQL bigint); equal keys mean an equal band."""
    keys = []
    for band in range(BANDS):
        rows = sig[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(struct.pack(f"<I{ROWS}I", band, *rows), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(sig, other):
    """Estimated Jaccard similarity of two signatures: the share of positions where they agree."""
    return sum(a == b for a, b in zip(sig, other, strict=True)) / NUM_PERM


def pack(sig):
    """The signature as bytes to store (little-endian unsigned 32-bit integers)."""
    return _PACK.pack(*sig)


def unpack(data):
    """The signature stored by `pack`."""
    return list(_PACK.unpack(bytes(data)))
