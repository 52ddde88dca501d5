"""Syndication: recognising the same wire story republished by many outlets (near-duplicate detection).

Each document gets a MinHash signature over its word 5-shingles, computed with *one-permutation hashing*
(one 64-bit hash per shingle, split into 64 bins, the minimum kept per bin) so that the cost is one hash per
word rather than one per word and permutation. Signatures are cut into ``BANDS`` bands of ``ROWS`` values
(locality-sensitive hashing); documents that share a band are candidates, and a candidate is a syndicated
copy when the signatures estimate a Jaccard similarity of at least ``JACCARD`` or when one text is mostly
contained in the other (``CONTAINMENT``: an outlet that ran the first half of the story, or added its own
header and footer).

The band keys live in the database (``document_bands``), so memory does not grow with the store, and a
copy is linked to the *first-seen* document of its cluster (``documents.syndicated_with``).
Figures: docs/ingest.md ("Syndication"), measured by benchmarks/ingest_syndication.py.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import xxhash

SHINGLE = 5  # words per shingle
BINS = 64  # signature length (one-permutation hashing bins)
ROWS = 3  # signature values per LSH band
BANDS = 21  # 21 x 3 = 63 of the 64 values go into bands
MIN_WORDS = 20  # shorter texts get no signature: too little text to call two of them copies
JACCARD = 0.5
CONTAINMENT = 0.8
MIN_CONTAINED = 40  # shingles the smaller text must have before containment alone decides

_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_TABLE = bytes.maketrans(_PUNCT.encode(), b" " * len(_PUNCT))
_MIX = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)
_EMPTY = np.uint32(0xFFFFFFFF)
_HEADER = struct.Struct("<I")
_S16, _S29, _S31, _S58 = (np.uint64(k) for k in (16, 29, 31, 58))
_LOW32 = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True, slots=True)
class Signature:
    values: np.ndarray  # BINS uint32
    shingles: int  # number of distinct shingles

    def to_bytes(self) -> bytes:
        return _HEADER.pack(self.shingles) + self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        (n,) = _HEADER.unpack_from(data)
        return cls(np.frombuffer(data, dtype="<u4", offset=_HEADER.size).astype(np.uint32, copy=False), n)

    def bands(self) -> list[int]:
        """LSH band keys (31-bit: small in the index; a rare collision only adds a candidate to verify)."""
        raw = self.values.astype("<u4").tobytes()
        keys = []
        for b in range(BANDS):
            keys.append(xxhash.xxh3_64_intdigest(raw[b * ROWS * 4:(b + 1) * ROWS * 4], seed=b) & 0x7FFFFFFF)
        return keys


_SPACE = np.zeros(256, dtype=bool)
_SPACE[[9, 10, 11, 12, 13, 32]] = True
_P = np.uint64(0x100000001B3)  # odd, so invertible modulo 2^64
_PINV = np.uint64(pow(0x100000001B3, -1, 1 << 64))
_POW_CACHE = 1 << 16


def _powers(base: np.uint64, n: int) -> np.ndarray:
    out = np.empty(n, dtype=np.uint64)
    out[0] = 1
    if n > 1:
        out[1:] = base
        with np.errstate(over="ignore"):
            np.multiply.accumulate(out, out=out)
    return out


_POW = _powers(_P, _POW_CACHE)
_POWINV = _powers(_PINV, _POW_CACHE)


def token_hashes(text: str) -> np.ndarray:
    """64-bit hashes of the text's words (lower case, ASCII punctuation ignored), all in numpy.

    A word's hash is its polynomial hash over the bytes modulo 2^64, computed for every word at once from
    prefix sums (h[l:r] = P^(r-1) * (S[r-1] - S[l-1]), S the prefix sums of byte * P^-j).
    """
    data = text.lower().encode("utf-8", "replace").translate(_TABLE)
    b = np.frombuffer(data, dtype=np.uint8)
    if b.size == 0:
        return np.empty(0, dtype=np.uint64)
    sp = _SPACE[b]
    word = ~sp
    prev_sp = np.empty_like(sp)
    prev_sp[0] = True
    prev_sp[1:] = sp[:-1]
    next_sp = np.empty_like(sp)
    next_sp[-1] = True
    next_sp[:-1] = sp[1:]
    starts = np.flatnonzero(word & prev_sp)
    ends = np.flatnonzero(word & next_sp)  # inclusive
    n = b.size
    pw, pinv = (_POW[:n], _POWINV[:n]) if n <= _POW_CACHE else (_powers(_P, n), _powers(_PINV, n))
    with np.errstate(over="ignore"):
        s = np.cumsum((b.astype(np.uint64) + np.uint64(1)) * pinv, dtype=np.uint64)
        before = np.where(starts > 0, s[np.maximum(starts - 1, 0)], np.uint64(0))
        return pw[ends] * (s[ends] - before)


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 64-bit hashes of the text's word 5-shingles."""
    h = token_hashes(text)
    n = h.size
    if n < MIN_WORDS:
        return np.empty(0, dtype=np.uint64)
    m = n - SHINGLE + 1
    with np.errstate(over="ignore"):  # in place: the same arithmetic as (s ^ s >> 29) * MIX ^ h[j:], fewer arrays
        s = h[:m] * _MIX
        for j in range(1, SHINGLE):
            s ^= s >> _S29
            s *= _MIX
            s ^= h[j:m + j]
        s ^= s >> _S31
        s *= _MIX2
        s ^= s >> _S29
    s.sort()  # sort and drop repeats: what np.unique returns, without its hash-table pass
    if m > 1:
        keep = np.empty(m, dtype=bool)
        keep[0] = True
        np.not_equal(s[1:], s[:-1], out=keep[1:])
        s = s[keep]
    return s


def signature(text: str) -> Signature | None:
    """The MinHash signature of a text, or None when it is too short to judge."""
    s = shingle_hashes(text)
    if s.size == 0:
        return None
    # s is sorted, so its bins (top 6 bits) come in order: the minimum of each bin is one reduceat, which is
    # what np.minimum.at over (bin, value) pairs gives, at a fraction of the cost
    bins = (s >> _S58).astype(np.intp)
    vals = ((s >> _S16) & _LOW32).astype(np.uint32)
    sig = np.full(BINS, _EMPTY, dtype=np.uint32)
    first = np.flatnonzero(np.concatenate(([True], bins[1:] != bins[:-1])))
    sig[bins[first]] = np.minimum.reduceat(vals, first)
    empty = sig == _EMPTY
    if empty.any():  # densification: an empty bin borrows the next filled bin's value, shifted by the distance
        filled = np.flatnonzero(~empty)
        for i in np.flatnonzero(empty):
            nxt = filled[np.searchsorted(filled, i) % filled.size]
            dist = (nxt - i) % BINS
            sig[i] = np.uint32((int(sig[nxt]) + dist * 0x9E3779B1) & 0xFFFFFFFF)
    return Signature(sig, int(s.size))


def similarity(a: Signature, b: Signature) -> tuple[float, float]:
    """(estimated Jaccard similarity, estimated containment of the smaller text in the larger)."""
    j = float(np.count_nonzero(a.values == b.values)) / BINS
    inter = j * (a.shingles + b.shingles) / (1.0 + j)
    return j, min(1.0, inter / max(1, min(a.shingles, b.shingles)))


def is_copy(a: Signature, b: Signature) -> bool:
    j, c = similarity(a, b)
    return j >= JACCARD or (c >= CONTAINMENT and min(a.shingles, b.shingles) >= MIN_CONTAINED)


@dataclass(slots=True)
class Candidate:
    document_id: str
    signature: Signature
    syndicated_with: str | None


def best_original(sig: Signature, candidates: Iterable[Candidate]) -> str | None:
    """The first-seen document of the cluster of the most similar copy among the candidates, if any."""
    best: tuple[float, str] | None = None
    for c in candidates:
        if not is_copy(sig, c.signature):
            continue
        j, cont = similarity(sig, c.signature)
        score = max(j, cont)
        root = c.syndicated_with or c.document_id
        if best is None or score > best[0]:
            best = (score, root)
    return best[1] if best else None
