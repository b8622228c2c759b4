"""`rasd eval tell`: our Arabic ROUGE tokenizer, the scores, and the run on real articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rasd.eval.tell import prf, rouge, tokens

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def test_tokens_keep_arabic_and_cut_clitics() -> None:
    assert tokens("والمحتجون في غزّة") == tokens("المحتجين في غزة") == ["محتج", "في", "غزه"]
    assert tokens("قُتل 25 فلسطينياً") == ["قتل", "25", "فلسطينيا"]


def test_rouge_and_prf() -> None:
    same = rouge("قتل الجيش عشرات المحتجين", "قتل الجيش عشرات المحتجين", 2)
    assert same == {"p": 1.0, "r": 1.0, "f": 1.0}
    assert rouge("افتتاح السفارة", "مقتل المحتجين", 1)["f"] == 0.0
    half = rouge("افتتاح السفارة اليوم", "افتتاح السفارة", 1)
    assert half["r"] == 1.0 and abs(half["p"] - 2 / 3) < 1e-9
    assert prf({"1967", "1993"}, {"1967", "1948"})["f"] == 0.5


@pytest.mark.skipif(not (DATA / "ant-2018-dev.jsonl.gz").is_file(), reason="../shared/data not present")
def test_eval_tell_on_real_articles() -> None:
    r = subprocess.run([sys.executable, "-m", "rasd", "eval", "tell", "--data", str(DATA), "--json"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert len(data["events"]) >= 10 and len(data["stories"]) >= 3
    m = data["mean"]
    assert m["furniture"] == 0
    assert m["rouge1_f"] > m["lead_rouge1_f"] and m["rouge2_f"] > m["lead_rouge2_f"]
    assert all(e["sentences"] <= 5 and "عاجل" not in e["title"] for e in data["events"])
    assert m["timeline_events_f"] >= 0.8
