"""MinHash signatures, LSH band keys and sampled fingerprints (compiled loops and numpy).

A signature is `num_perm` uint32 minima: shingle hashes go through `num_perm` random
permutations of the 32-bit values, x -> (a*x + b) mod 2**32 with a odd (a bijection), one
shingle at a time against a row of running minima (15 us for a 500-shingle article, against
~50 us for the numpy broadcast over (permutations, shingles) it replaced). Multiply-add mod
2**32 needs no division, which makes it about twice as fast as (a*x + b) mod p on uint64; the
inputs are already well mixed 64-bit hashes, so the simpler family loses nothing measurable
(the estimate's error on the generated corpus matches the binomial sqrt(J(1-J)/num_perm)).
"""

from __future__ import annotations

import numpy as np

from rasd.copies.features import I64, U32, U64, mix64
from rasd.copies.jit import jit

EMPTY = np.uint32(0xFFFFFFFF)  # every slot of an empty document's signature


class MinHasher:
    """Signatures and band keys for one (num_perm, bands, rows, seed) choice."""

    def __init__(self, num_perm: int, bands: int, rows: int, seed: int) -> None:
        if bands * rows > num_perm:
            raise ValueError(f"bands * rows ({bands * rows}) exceeds num_perm ({num_perm})")
        rng = np.random.default_rng([0x4D494E48, seed])
        self.num_perm = num_perm
        self.bands = bands
        self.rows = rows
        self._a: U32 = (rng.integers(0, 2**31, size=(num_perm, 1), dtype=np.uint32) << np.uint32(1)) | np.uint32(1)
        self._b: U32 = rng.integers(0, 2**32, size=(num_perm, 1), dtype=np.uint32)
        self._row_mult: U64 = rng.integers(0, 2**63, size=rows, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self._band_salt: U64 = rng.integers(0, 2**63, size=bands, dtype=np.uint64)

    def signatures(self, shingles: U64, bounds: I64) -> U32:
        """One signature a text (rows), text i's shingles being shingles[bounds[i]:bounds[i + 1]]."""
        out = np.full((len(bounds) - 1, self.num_perm), EMPTY, dtype=np.uint32)
        _minima((shingles >> np.uint64(32)).astype(np.uint32), bounds, self._a.ravel(), self._b.ravel(), out)
        return out

    def band_keys(self, sigs: U32) -> U64:
        """One 64-bit key per band and text (rows): equal keys mean the band's rows are all equal.

        With two rows a band's key is its two minima side by side (exact, no hashing), xor a
        per-band salt so that bands never share keys.
        """
        if self.rows == 2:
            packed: U64 = np.ascontiguousarray(sigs[:, : 2 * self.bands]).view(np.uint64) ^ self._band_salt
            return packed
        used = sigs[:, : self.bands * self.rows].astype(np.uint64).reshape(len(sigs), self.bands, self.rows)
        acc: U64 = (used * self._row_mult).sum(axis=2, dtype=np.uint64) + self._band_salt
        return mix64(acc)


def fingerprints(shingles: U64, bounds: I64, rate: float) -> tuple[U64, I64]:
    """Each text's fingerprints, each once, in the order of the text: the shingles whose hash falls
    in the lowest `rate` of the range; and the text of each.

    The choice depends on the shingle alone, so two texts sharing a run of m shingles share
    about m * rate fingerprints wherever the run lies in each text.
    """
    cut = np.uint32(min(int(rate * 2.0**32), 2**32 - 1))
    out = np.zeros(len(shingles), dtype=np.uint64)
    owner = np.zeros(len(shingles), dtype=np.int64)
    n = _fingerprints(shingles, bounds, cut, out, owner)
    return out[:n], owner[:n]


@jit
def _fingerprints(shingles: U64, bounds: I64, cut: np.uint32, out: U64, owner: I64) -> int:
    """Text by text: the sampled shingles, each once (a small hash set a text), into out (and their
    text into owner). Returns how many."""
    n = 0
    seen = np.zeros(16, dtype=np.uint64)
    used = np.zeros(16, dtype=np.bool_)
    for t in range(len(bounds) - 1):
        size = 16
        while size < 2 * (bounds[t + 1] - bounds[t]):
            size *= 2
        if size > len(seen):
            seen, used = np.zeros(size, dtype=np.uint64), np.zeros(size, dtype=np.bool_)
        else:
            used[:size] = False
        mask = np.uint64(size - 1)
        for i in range(bounds[t], bounds[t + 1]):
            x = shingles[i]
            if np.uint32(x >> np.uint64(8)) >= cut:
                continue
            slot = x & mask
            while used[slot] and seen[slot] != x:
                slot = (slot + np.uint64(1)) & mask
            if not used[slot]:
                used[slot] = True
                seen[slot] = x
                out[n] = x
                owner[n] = t
                n += 1
    return n


@jit
def _minima(x: U32, bounds: I64, a: U32, b: U32, out: U32) -> None:
    """out[t, p] = min over text t's values v of (a[p] * v + b[p]) mod 2**32 (rows of empty texts
    are left as they are). The loop over permutations is innermost, on contiguous rows, so it
    compiles to SIMD."""
    perms = len(a)
    for t in range(len(bounds) - 1):
        row = out[t]
        for s in range(bounds[t], bounds[t + 1]):
            v = x[s]
            for p in range(perms):
                row[p] = min(row[p], np.uint32(a[p] * v + b[p]))  # branch-free: SIMD (a branch is 4x slower)
