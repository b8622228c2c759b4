"""Sparse count vectors with corpus IDF: the arithmetic shared by events and stories."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(slots=True)
class DocFreq:
    """Document frequencies of one feature family, seen online."""

    docs: int = 0
    df: Counter[str] = field(default_factory=Counter)

    def add(self, keys: Mapping[str, int]) -> None:
        self.docs += 1
        self.df.update(keys.keys())

    def idf(self, key: str) -> float:
        return math.log((self.docs + 1) / (self.df.get(key, 0) + 1)) + 1.0

    def to_json(self) -> dict[str, object]:
        return {"docs": self.docs, "df": dict(self.df)}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> DocFreq:
        docs = data.get("docs", 0)
        df = data.get("df", {})
        return cls(int(docs) if isinstance(docs, int) else 0, Counter(df if isinstance(df, dict) else {}))


def weigh(counts: Mapping[str, float], df: DocFreq, scale: float = 1.0) -> dict[str, float]:
    """Sublinear tf times idf, unit length. `scale` divides counts first (a mean over members)."""
    base, seen, log, log1p = math.log(df.docs + 1) + 1.0, df.df, math.log, math.log1p  # idf inlined: hot loop
    vec = {k: log1p(c / scale) * (base - log(seen.get(k, 0) + 1)) for k, c in counts.items() if c > 0}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two unit vectors (iterates over the smaller one)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def top(counts: Counter[str], n: int) -> Counter[str]:
    """Keep the `n` largest counts (bounds an event's memory however many articles join)."""
    if len(counts) <= n:
        return counts
    return Counter(dict(counts.most_common(n)))
