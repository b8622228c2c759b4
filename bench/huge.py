"""Huge inputs: a one-line article of many MB through every stage, and a huge search query.

    python bench/huge.py [--mb 1 20] [--query-mb 1] [--stages]

For each size, a one-line article is built from the seed articles (../shared/seeds, read at run
time; line breaks become spaces, figures vary between repetitions) and read by a whole
`rasd run` in a fresh process (wall time and peak RSS, imports included). `--stages` also times
each stage in this process. Then `rasd search` is given a query of `--query-mb` MB (wall time and
peak RSS). Done means: 20 MB in under 10 s; a 1 MB query in under 1 s and 100 MB.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
_HWM = ("def _hwm():\n"
        "    return next(int(x.split()[1]) // 1024 for x in open('/proc/self/status') if x.startswith('VmHWM'))\n")
_TIME = _HWM + "import runpy, sys; sys.argv = ['rasd', *sys.argv[1:]]\n" \
        "try:\n    runpy.run_module('rasd', run_name='__main__')\n" \
        "finally:\n    sys.stderr.write(f'\\nPEAK {_hwm()}\\n')"


def one_line(size: int, seed: int = 1) -> str:
    """One line of at most `size` bytes of UTF-8 (and close to it), from the seeds with varying figures."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8").replace("\n", " ") for p in sorted(SEEDS.glob("*.txt"))]
    parts: list[str] = []
    total = 0
    while total < size:
        text = "".join(str(rng.randrange(10)) if c.isdigit() else c for c in rng.choice(seeds))
        parts.append(text)
        total += len(text.encode("utf-8")) + 1
    return " ".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore")


def rasd(args: list[str]) -> tuple[float, float, int, int, str]:
    """(wall seconds, CPU seconds, peak RSS MB, exit code, last message) of `rasd args` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", _TIME, *args], capture_output=True, text=True)
    took = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    peak = next((int(line.split()[1]) for line in reversed(lines) if line.startswith("PEAK ")), -1)
    said = next((line.strip() for line in reversed(lines) if not line.startswith("PEAK ")), "")
    return took, cpu, peak, r.returncode, said[:160]


def stages(text: str) -> dict[str, float]:
    """Seconds per stage for one article, in this process (warm: imports and models loaded)."""
    from rasd.config import settings
    from rasd.events.corpus import Corpus
    from rasd.extract.stage import ExtractStage
    from rasd.model import RawDoc
    from rasd.pipeline import process, run
    from rasd.read import content_id
    from rasd.store import Store
    from rasd.text.clean import lines_for_learning
    from rasd.text.language import get_detector

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.txt"
        warm.write_text(next(iter(sorted(SEEDS.glob("*.txt")))).read_text(encoding="utf-8"), encoding="utf-8")
        with Store(Path(tmp) / "s.db") as store:
            run([warm], store)
            doc = RawDoc(id="huge", raw=text, origin="huge.txt", fmt="text")
            t = time.perf_counter()
            content_id(doc.raw)
            out["content id"] = time.perf_counter() - t
            t = time.perf_counter()
            lines_for_learning(doc.raw)
            out["furniture lines"] = time.perf_counter() - t
            t = time.perf_counter()
            article = process(doc, None, get_detector())
            out["clean+describe+time"] = time.perf_counter() - t
            t = time.perf_counter()
            corpus = Corpus.load(store, settings().cluster)
            corpus.add_all([article])
            out["copies+events"] = time.perf_counter() - t
            t = time.perf_counter()
            rows = ExtractStage.load(store).rows([article])
            out["extraction"] = time.perf_counter() - t
            t = time.perf_counter()
            store.save_batch([article], [], [], corpus.rows(), rows)
            out["store"] = time.perf_counter() - t
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, nargs="+", default=[1.0, 20.0])
    ap.add_argument("--query-mb", type=float, default=1.0)
    ap.add_argument("--stages", action="store_true", help="also time each stage in this process")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for mb in a.mb:
            text = one_line(int(mb * 1_000_000))
            path = folder / f"huge-{mb:g}mb.txt"
            path.write_text(text, encoding="utf-8")
            db = folder / f"h{mb:g}.db"
            took, cpu, peak, code, said = rasd(["run", str(path), "--db", str(db), "--workers", "1", "--json"])
            print(f"one-line article {mb:g} MB ({path.stat().st_size:,} bytes, {len(text):,} chars): rasd run "
                  f"{took:.1f} s wall, {cpu:.1f} s CPU, peak RSS {peak} MB, exit {code}", f"({said})" if code else "")
            took, cpu, peak, code, said = rasd(["run", str(path), "--db", str(db), "--workers", "1"])
            print(f"  again (unchanged): {took:.1f} s wall, {cpu:.1f} s CPU, peak RSS {peak} MB, exit {code}")
            if a.stages:
                print("  " + " · ".join(f"{k} {v:.2f} s" for k, v in stages(text).items()))
        db = folder / f"h{a.mb[0]:g}.db"
        query = one_line(int(a.query_mb * 1_000_000), seed=2)
        took, cpu, peak, code, said = rasd(["search", query[:60_000], "--db", str(db)])  # an argument holds < 128 KB
        print(f"query 60,000 chars: rasd search {took:.2f} s wall, {cpu:.2f} s CPU, peak RSS {peak} MB, "
              f"exit {code} ({said})")
        took, cpu, peak, code, said = rasd(["search", query[:100], "--db", str(db)])
        print(f"query 100 chars: rasd search {took:.2f} s wall, {cpu:.2f} s CPU, peak RSS {peak} MB, exit {code}")
        (folder / "q.txt").write_text(query, encoding="utf-8")
        api = (_HWM + "import resource, sys, time\nfrom pathlib import Path\nfrom rasd.errors import InputError\n"
               "from rasd.store import Store\nq = Path(sys.argv[1]).read_text(encoding='utf-8')\n"
               "store = Store(sys.argv[2], readonly=True)\nbase = _hwm()\n"
               "t = time.perf_counter()\ntry:\n    store.search(q)\n    what = 'answered'\n"
               "except InputError as e:\n    what = f'refused: {e}'\n"
               "print(f'{time.perf_counter() - t:.3f} {_hwm() - base}'"
               " f' {_hwm()} {what}')\n")
        r = subprocess.run([sys.executable, "-c", api, str(folder / "q.txt"), str(db)], capture_output=True, text=True)
        fields = r.stdout.split(maxsplit=3) if r.returncode == 0 else ["?", "?", "?", r.stderr[-300:]]
        secs, grew, peak_mb, what = fields
        print(f"query {a.query_mb:g} MB ({len(query):,} chars) through Store.search: {secs} s, "
              f"RSS grew {grew} MB (peak {peak_mb} MB with the query and store loaded), {what.strip()}")
    print(f"bench peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


if __name__ == "__main__":
    main()
