"""Growable numpy storage and small sorted-array helpers for the copies index."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from rasd.copies.features import I64, U32
from rasd.copies.jit import jit

F64 = npt.NDArray[np.float64]

_BLOCK = 1 << 14  # signature rows per block: growing never copies what is stored


class Column:
    """A growable 1-D numpy array."""

    def __init__(self, dtype: type[np.generic], fill: float | bool = 0) -> None:
        self.data = np.full(1024, fill, dtype=dtype)
        self.fill = fill
        self.size = 0

    def extend(self, values: npt.ArrayLike) -> None:
        """Add values at the end."""
        new = np.asarray(values, dtype=self.data.dtype)
        if self.size + len(new) > len(self.data):
            grown = np.full(max(2 * len(self.data), self.size + len(new)), self.fill, dtype=self.data.dtype)
            grown[: self.size] = self.data[: self.size]
            self.data = grown
        self.data[self.size : self.size + len(new)] = new
        self.size += len(new)


class Signatures:
    """MinHash signatures in fixed-size blocks of rows."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.blocks: list[U32] = []
        self.size = 0

    def extend(self, sigs: U32) -> None:
        """Store the next documents' signatures."""
        done = 0
        while done < len(sigs):
            if self.size % _BLOCK == 0:
                self.blocks.append(np.empty((_BLOCK, self.width), dtype=np.uint32))
            at = self.size % _BLOCK
            n = min(len(sigs) - done, _BLOCK - at)
            self.blocks[-1][at : at + n] = sigs[done : done + n]
            done += n
            self.size += n

    def agreement(self, sigs: U32, probe: I64, docs: I64) -> F64:
        """Estimated Jaccard of each sigs[probe[i]] with the stored signature of docs[i]: the share of
        equal minima, compared in place (no copy of the stored rows), block by block."""
        out = np.zeros(len(docs), dtype=np.float64)
        if not len(docs):
            return out
        block = docs // _BLOCK
        order = np.argsort(block, kind="stable")  # grouped by block: each group costs its own size, not len(docs)
        for rows in np.split(order, np.flatnonzero(np.diff(block[order])) + 1):
            _agree(self.blocks[int(block[rows[0]])], docs[rows] % _BLOCK, sigs, probe[rows], rows, out)
        return out

    def nbytes(self) -> int:
        """Memory held."""
        return sum(b.nbytes for b in self.blocks)


def distinct(values: I64) -> I64:
    """Sorted distinct values (np.unique costs ~20 us of overhead on small arrays)."""
    s = np.sort(values)
    keep = np.ones(len(s), dtype=np.bool_)
    keep[1:] = s[1:] != s[:-1]
    out: I64 = s[keep]
    return out


def counts(values: I64) -> tuple[I64, I64]:
    """Sorted distinct values and how often each occurs."""
    s = np.sort(values)
    if len(s) == 0:
        return s, s
    starts = np.flatnonzero(np.concatenate(([True], s[1:] != s[:-1])))
    return s[starts], np.diff(np.append(starts, len(s)))


@jit
def _agree(block: U32, at: I64, sigs: U32, probe: I64, rows: I64, out: F64) -> None:
    """out[rows[i]] = share of equal entries of block[at[i]] and sigs[probe[i]]."""
    width = block.shape[1]
    for i in range(len(rows)):
        same = 0
        for k in range(width):
            same += block[at[i], k] == sigs[probe[i], k]
        out[rows[i]] = same / width
