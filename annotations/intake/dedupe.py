"""Tell a near-duplicate article (a rewritten wire story) by the words the two texts share.

Each text becomes a MinHash signature (datasketch) of its three-word shingles; the signature's
bands are hashed into keys, so the articles that may be near-duplicates of a new one are found
by an indexed lookup of its keys (locality-sensitive hashing) rather than by comparing it with
every article; the candidates' signatures then estimate the Jaccard similarity itself.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
SHINGLE_WORDS = 3
# Estimated Jaccard similarity of shingles from which a new article is flagged. A wire story
# rewritten by another outlet shares most of its sentences (0.5-0.9); two reports of the same
# event written independently share few three-word runs (under 0.2).
NEAR_DUPLICATE_SIMILARITY = 0.5
# Below this many words the shingles say too little to call two texts near-duplicates.
MIN_WORDS = 20
_SEED = 1
# datasketch 2's default hashing scheme; stored signatures are only comparable within one.
_SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """Return the text's runs of three consecutive words, case-folded."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def has_enough_words(text: str) -> bool:
    """Return whether the text is long enough to be compared for near-duplicates."""
    return len(_WORD.findall(text)) >= MIN_WORDS


def signature(text: str) -> MinHash:
    """Return the MinHash signature of the text's shingles."""
    minhash = MinHash(num_perm=PERMUTATIONS, seed=_SEED, scheme=_SCHEME)
    minhash.update_batch(list(shingles(text)))
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    """Return a signature as bytes to store."""
    return minhash.hashvalues.astype("<u8").tobytes()


def from_bytes(data: bytes) -> MinHash:
    """Return the signature stored by `to_bytes`."""
    values = np.frombuffer(bytes(data), dtype="<u8").astype(np.uint64)
    return MinHash(num_perm=PERMUTATIONS, seed=_SEED, hashvalues=values, scheme=_SCHEME)


def band_keys(minhash: MinHash) -> list[str]:
    """Return one key per band: two texts sharing a key are candidate near-duplicates."""
    values = minhash.hashvalues.astype("<u8")
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(f"{band:02d}{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


def similarities(minhash: MinHash, stored: list[bytes]) -> list[float]:
    """Return the estimated Jaccard similarity of a signature with each stored signature.

    The same estimate as `similarity` (the share of equal hash values), computed on the stored
    bytes at once rather than through one MinHash object each.
    """
    if not stored:
        return []
    values = minhash.hashvalues.astype("<u8")
    others = np.frombuffer(b"".join(bytes(data) for data in stored), dtype="<u8")
    equal = others.reshape(len(stored), PERMUTATIONS) == values
    return [float(share) for share in np.count_nonzero(equal, axis=1) / PERMUTATIONS]


def similarity(first: MinHash, second: MinHash) -> float:
    """Return the estimated Jaccard similarity of two signatures' shingles."""
    return float(first.jaccard(second))
