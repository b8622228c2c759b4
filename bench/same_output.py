"""Does a speed change change any result? Runs rasd over fixed inputs and compares every output.

usage: python bench/same_output.py record DIR   # write the outputs of this checkout under DIR
       python bench/same_output.py check DIR    # run again and compare with DIR (exit 1 on a difference)
       [--n 2000 --n 5000 ...] [--split 100] [--batch 200]

Inputs: ../shared/seeds and the first n articles of the generated corpus (bench/cluster.py's, seed
42, of 5,000 articles or of the largest n). Each input is ingested twice: in one run, and as a run
of all but the last --split articles followed by a second run adding them to the finished store
(the path a store that grows takes).
Outputs compared: `rasd export --format jsonl` of articles, claims and entities, and a dump of the
events (id, story, title, days, size, outlets, members with scores), the stories and the copy
links. Each output is written as a file under DIR and compared byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cluster import corpus, slice_lines  # bench/cluster.py: the shared generated corpus (seed 42)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _dump(store: Any) -> dict[str, str]:
    """Every output of a finished store, as text."""
    from rasd.present.export import write_what

    out: dict[str, str] = {}
    for what in ("articles", "claims", "entities"):
        buf = io.StringIO()
        write_what(store, what, "jsonl", buf)
        out[what] = buf.getvalue()
    lines = []
    for e in store.events(limit=10**9):
        members = [[m.article, m.score, m.opened] for m in store.members(e.id)]
        lines.append(json.dumps([e.id, e.story, e.title, e.first, e.last, e.articles, list(e.sources), members],
                                ensure_ascii=False))
    out["events"] = "\n".join(sorted(lines)) + "\n"
    out["stories"] = "\n".join(sorted(json.dumps([s.id, s.first, s.last, s.articles, s.events, s.title],
                                                 ensure_ascii=False) for s in store.stories(limit=10**9))) + "\n"
    out["links"] = "\n".join(json.dumps([x.article, x.other, x.kind, x.score, x.spans]) for x in store.links()) + "\n"
    return out


def _runs(ns: list[int], split: int, batch: int) -> Iterator[tuple[str, dict[str, str]]]:
    from rasd.config import settings
    from rasd.pipeline import run
    from rasd.store import Store

    cfg = settings(batch_size=batch, workers=1)
    inputs: list[tuple[str, list[Path]]] = [("seeds", [SEEDS])]
    with tempfile.TemporaryDirectory() as tmp_:
        tmp = Path(tmp_)
        for n in ns:
            src = corpus(max(5000, *ns)) / "corpus.jsonl"  # one corpus for every n
            whole, head, tail = tmp / f"g{n}.jsonl", tmp / f"g{n}-head.jsonl", tmp / f"g{n}-tail.jsonl"
            slice_lines(src, whole, 0, n)
            slice_lines(src, head, 0, n - split)
            slice_lines(src, tail, n - split, n)
            inputs.append((f"gen{n}", [whole]))
            inputs.append((f"gen{n}-split", [head, tail]))
        inputs.insert(1, ("seeds-split", [SEEDS]))
        for name, paths in inputs:
            db = tmp / f"{name}.db"
            if name == "seeds-split":  # seeds: a first run of the even-numbered files, then the rest
                files = sorted(p for p in SEEDS.iterdir() if p.suffix == ".txt")
                (tmp / "s1").mkdir()
                (tmp / "s2").mkdir()
                for i, f in enumerate(files):
                    (tmp / ("s1" if i % 2 == 0 else "s2") / f.name).write_bytes(f.read_bytes())
                paths = [tmp / "s1", tmp / "s2"]
            for p in paths:  # each path its own run, as a later run adding to the store
                with Store(db) as store:
                    run([p], store, config=cfg)
            with Store(db) as store:
                yield name, {k: v.replace(str(tmp), "<tmp>") for k, v in _dump(store).items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("record", "check"))
    ap.add_argument("dir", type=Path)
    ap.add_argument("--n", type=int, action="append", help="generated articles (repeatable); default 2000")
    ap.add_argument("--split", type=int, default=100)
    ap.add_argument("--batch", type=int, default=200)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    a.dir.mkdir(parents=True, exist_ok=True)
    bad = 0
    for name, outputs in _runs(a.n or [2000], a.split, a.batch):
        for what, text in outputs.items():
            path = a.dir / f"{name}.{what}.txt"
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
            if a.mode == "record":
                path.write_text(text, encoding="utf-8")
                print(f"{name:>16} {what:<9} {digest} recorded")
                continue
            old = path.read_text(encoding="utf-8") if path.exists() else None
            same = old == text
            bad += not same
            print(f"{name:>16} {what:<9} {digest} {'same' if same else 'DIFFERENT'}")
            if not same:
                path.with_suffix(".new.txt").write_text(text, encoding="utf-8")
    if bad:
        sys.exit(f"{bad} outputs differ (the new ones are written beside the old, *.new.txt)")


if __name__ == "__main__":
    main()
