"""Clustering metrics on small hand-checked partitions."""

from __future__ import annotations

import pytest

from rasd.eval.metrics import bcubed, pairwise, score

GOLD = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}


def test_identical_partitions_score_one() -> None:
    s = score(GOLD, {k: v.upper() for k, v in GOLD.items()})
    assert (s.bcubed.f1, s.pairwise.f1, s.ari) == (1.0, 1.0, 1.0)


def test_everything_in_one_cluster_has_full_recall_and_low_precision() -> None:
    pred = dict.fromkeys(GOLD, "all")
    b = bcubed(GOLD, pred)
    assert b.recall == 1.0
    assert b.precision == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)
    p = pairwise(GOLD, pred)
    assert p.recall == 1.0 and p.precision == pytest.approx(4 / 10)


def test_singletons_have_full_precision() -> None:
    pred = {k: k for k in GOLD}
    assert bcubed(GOLD, pred).precision == 1.0
    assert bcubed(GOLD, pred).recall == pytest.approx((3 * 1 / 3 + 2 * 1 / 2) / 5)
    assert pairwise(GOLD, pred).recall == 0.0


def test_only_common_items_are_scored() -> None:
    s = score(GOLD, {"a": 1, "b": 1})
    assert s.items == 2 and s.bcubed.precision == 1.0
