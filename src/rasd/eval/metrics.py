"""Clustering metrics: B-cubed and pairwise precision/recall/F1, adjusted Rand index.

Both arguments map an item id to a cluster label; only items present in both are scored.
B-cubed (Bagga & Baldwin) averages, per item, how much of its predicted cluster shares its
gold cluster (precision) and how much of its gold cluster it was put with (recall). Pairwise
counts item pairs placed together. ARI comes from scikit-learn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass(frozen=True, slots=True)
class ClusterScores:
    items: int
    bcubed: PRF
    pairwise: PRF
    ari: float

    def as_dict(self) -> dict[str, float]:
        return {
            "items": self.items,
            "bcubed_p": self.bcubed.precision, "bcubed_r": self.bcubed.recall, "bcubed_f1": self.bcubed.f1,
            "pairwise_p": self.pairwise.precision, "pairwise_r": self.pairwise.recall,
            "pairwise_f1": self.pairwise.f1, "ari": self.ari,
        }  # fmt: skip


def _common(gold: Mapping[str, str], pred: Mapping[str, str]) -> list[str]:
    return sorted(set(gold) & set(pred))


def bcubed(gold: Mapping[str, str], pred: Mapping[str, str]) -> PRF:
    ids = _common(gold, pred)
    if not ids:
        return PRF(0.0, 0.0)
    both = Counter((gold[i], pred[i]) for i in ids)
    g_size = Counter(gold[i] for i in ids)
    p_size = Counter(pred[i] for i in ids)
    p = sum(both[(gold[i], pred[i])] / p_size[pred[i]] for i in ids) / len(ids)
    r = sum(both[(gold[i], pred[i])] / g_size[gold[i]] for i in ids) / len(ids)
    return PRF(p, r)


def _pairs(sizes: Counter[object]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def pairwise(gold: Mapping[str, str], pred: Mapping[str, str]) -> PRF:
    ids = _common(gold, pred)
    together = _pairs(Counter((gold[i], pred[i]) for i in ids))
    pred_pairs = _pairs(Counter(pred[i] for i in ids))
    gold_pairs = _pairs(Counter(gold[i] for i in ids))
    p = together / pred_pairs if pred_pairs else 1.0
    r = together / gold_pairs if gold_pairs else 1.0
    return PRF(p, r)


def ari(gold: Mapping[str, str], pred: Mapping[str, str]) -> float:
    ids = _common(gold, pred)
    if len(ids) < 2:
        return 1.0
    from sklearn.metrics import adjusted_rand_score  # here: importing scikit-learn costs every command ~2 s

    return float(adjusted_rand_score([gold[i] for i in ids], [pred[i] for i in ids]))


def score(gold: Mapping[str, str], pred: Mapping[str, str]) -> ClusterScores:
    """All metrics for one clustering (events, or stories)."""
    return ClusterScores(len(_common(gold, pred)), bcubed(gold, pred), pairwise(gold, pred), ari(gold, pred))
