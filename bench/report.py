"""Report benchmark: `rasd report` on a generated corpus (seed 42); prints seconds (wall and CPU) and size.

usage: python bench/report.py [--n 1000] [--db PATH]   (the store is built first unless --db is given)
Target: 1,000 articles written in under 10 s, file under 5 MB.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from ingest import corpus  # bench/ingest.py: the generated corpus
from rasd.pipeline import run
from rasd.store import Store
from rasd.tell.render import html
from rasd.tell.report import build


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--db", type=Path, default=None)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = a.db
        if db is None:
            db = Path(tmp) / "bench.db"
            with Store(db) as store:
                run([corpus(a.n)], store)
        with Store(db, readonly=True) as store:
            t0, c0 = time.perf_counter(), time.process_time()
            report = build(store)
            page = html(report)
            (Path(tmp) / "report.html").write_text(page, encoding="utf-8")
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    size = len(page.encode())
    print(f"report: {report.articles} articles, {len(report.stories)} stories, {report.events} events; "
          f"{wall:.2f} s wall, {cpu:.2f} s CPU; {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
