"""Serving benchmark: requests/s and p50/p99 latency of `rasd serve` (one uvicorn process) for
search, event and article, as JSON (the API) and as HTML (the web UI).

usage: python bench/serve.py [--n 10000 ...] [--concurrency 8] [--seconds 8] [--cache off|on] [--profile]
For each --n, a store of the first n articles of the generated corpus (../shared/tools/gen_corpus.py,
seed 42, as the other benchmarks) is built once with `rasd run` and kept in bench/out/serve-N.db
(building runs the whole pipeline: ~30 articles per CPU-second). `rasd serve` runs in its own
process on a free loopback port; the load generator is this process: --concurrency threads, each
with one keep-alive connection, sending requests back to back for --seconds per kind (bounded: at
most --max requests). Requests cycle through a fixed set of targets drawn from the store (seed 7):
search queries of one or two words taken from stored titles, events, articles. Latency is measured
per request by the client (so it includes the client's own queueing on a loaded machine); the
server's CPU seconds per request are read from /proc. --cache off (the default) measures every
request computed afresh; --cache on, the server's memo of summarizing pages after one visit each.
With --profile each kind's route function is also called in this process under cProfile and the
top functions by cumulative time are printed.
An event's summary and ledger are computed on its first request and kept in the store
(store/views.py): every target is requested once before measuring ("first visit": server CPU per
request of that pass), so the figures measured are those of later visits. --forget-views drops the
kept views first (as after a run that changed every event), so that the first visits compute them.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from cluster import corpus  # bench/cluster.py: the shared generated corpus (seed 42)

ROOT = Path(__file__).resolve().parents[1]
RASD = Path(sys.executable).with_name("rasd")


def store(n: int) -> Path:
    db = ROOT / "bench" / "out" / f"serve-{n}.db"
    if not db.exists():
        src = corpus(n) / "corpus.jsonl"
        t = time.perf_counter()
        tmp = db.with_suffix(".building.db")
        subprocess.run([str(RASD), "run", str(src), "--db", str(tmp)], check=True, stdout=subprocess.DEVNULL)
        tmp.rename(db)
        print(f"built {db.name} in {time.perf_counter() - t:.0f} s", flush=True)
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    r = conn.getresponse()
    return r.status, r.read()


def targets(port: int, rng: random.Random, k: int = 200) -> dict[str, list[str]]:
    """Paths per kind: ids and query words drawn from the store through the API itself."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    arts, evs, titles = [], [], []
    for offset in range(0, 2000, 500):
        _, body = get(conn, f"/api/articles?limit=500&offset={offset}")
        items = json.loads(body)["items"]
        arts += [a["id"] for a in items]
        titles += [a["title"] for a in items if a.get("title")]
        _, body = get(conn, f"/api/events?limit=500&offset={offset}")
        evs += [e["id"] for e in json.loads(body)["items"]]
    words = [w for t in titles for w in t.split() if len(w) >= 4 and w.isalpha()]
    queries = [" ".join(rng.sample(words, rng.choice((1, 2)))) for _ in range(k)]
    arts, evs = rng.sample(arts, min(k, len(arts))), rng.sample(evs, min(k, len(evs)))
    q = [urllib.parse.quote(x) for x in queries]
    return {
        "search json": [f"/api/search?q={x}&group=event" for x in q],
        "search html": [f"/search?q={x}" for x in q],
        "event json": [f"/api/events/{e}" for e in evs],
        "event html": [f"/events/{e}" for e in evs],
        "article json": [f"/api/articles/{a}" for a in arts],
        "article html": [f"/articles/{a}" for a in arts],
    }


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(port: int, paths: list[str], threads: int, seconds: float, max_requests: int) -> dict[str, float]:
    """`threads` clients sending `paths` in turn for `seconds`; latency quantiles and throughput."""
    lat: list[list[float]] = [[] for _ in range(threads)]
    errors = [0] * threads
    stop = time.perf_counter() + seconds
    budget = iter(range(max_requests))
    lock = threading.Lock()

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        j = i
        while time.perf_counter() < stop:
            with lock:
                if next(budget, None) is None:
                    return
            t = time.perf_counter()
            status, _ = get(conn, paths[j % len(paths)])
            lat[i].append(time.perf_counter() - t)
            errors[i] += status != 200
            j += threads

    t0 = time.perf_counter()
    pool = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    wall = time.perf_counter() - t0
    all_ = sorted(x for xs in lat for x in xs)
    n = len(all_)
    return {"requests": n, "rps": n / wall, "p50": all_[n // 2] * 1e3, "p99": all_[min(n - 1, int(n * 0.99))] * 1e3,
            "errors": sum(errors)}  # fmt: skip


def profile(db: Path, kind: str, paths: list[str], top: int = 22) -> None:
    """cProfile of the route's own function called in this process for each path (the server runs
    sync routes in a thread pool, out of reach of a profiler started in its main thread)."""
    import cProfile
    import pstats

    from starlette.routing import Match, Route

    from rasd.web.api import create_app, warm

    warm()
    app = create_app(db)
    calls = []
    for path in paths[:100]:
        url = urllib.parse.urlsplit(path)
        scope = {"type": "http", "path": urllib.parse.unquote(url.path), "method": "GET"}
        route = next(r for r in app.routes if isinstance(r, Route) and r.matches(scope)[0] is Match.FULL)
        params = dict(route.matches(scope)[1]["path_params"])
        params.update(urllib.parse.parse_qsl(url.query))
        calls.append((route.endpoint, params))
    for fn, params in calls[-3:]:  # first calls load dictionaries, indexes, templates: not per request
        fn(**params)
    prof = cProfile.Profile()
    t = time.process_time()
    prof.enable()
    for fn, params in calls:
        fn(**params)
    prof.disable()
    print(f"--- {kind}: {(time.process_time() - t) / len(calls) * 1e3:.1f} ms CPU per call (profiled)")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(top)


def serve(db: Path, port: int, cache: str) -> subprocess.Popen[bytes]:
    code = ("import sys, uvicorn; from rasd.web.api import create_app, warm; warm(); "
            "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning', "
            "access_log=False)")  # fmt: skip
    env = {**os.environ, "RASD_WEB_CACHE": cache}
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(port)], env=env)
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", default=[10_000])
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--max", type=int, default=20_000, help="at most this many requests per kind")
    ap.add_argument("--kinds", nargs="*", help="only these kinds (e.g. 'search json')")
    ap.add_argument("--cache", choices=("on", "off"), default="off",
                    help="on: the server's memo (web/memo.py) on, every target requested once before measuring")
    ap.add_argument("--profile", action="store_true", help="also profile each kind's route in this process")
    ap.add_argument("--forget-views", action="store_true", help="drop the events' kept views first")
    args = ap.parse_args()
    for n in args.n:
        db = store(n)
        if args.forget_views:
            from rasd.store import Store

            with Store(db) as s:
                s.forget_event_views()
        for kind in args.kinds or ["search json", "search html", "event json", "event html", "article json",
                                   "article html"]:  # fmt: skip
            port = free_port()
            proc = serve(db, port, args.cache)
            try:
                paths = targets(port, random.Random(7))[kind]
                load(port, paths, args.concurrency, min(1.0, args.seconds), 200)  # warm: first imports, dictionaries
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                cpu0 = cpu_seconds(proc.pid)
                for path in paths:  # first visits: events' views computed and kept; with the cache on, memoized
                    get(conn, path)
                first = (cpu_seconds(proc.pid) - cpu0) / len(paths) * 1e3
                cpu0 = cpu_seconds(proc.pid)
                r = load(port, paths, args.concurrency, args.seconds, args.max)
                cpu = (cpu_seconds(proc.pid) - cpu0) / max(1, r["requests"]) * 1e3
            finally:
                proc.send_signal(signal.SIGINT)
                proc.wait(timeout=60)
            print(f"n={n:>7} {kind:<13} cache {args.cache:<3} {r['rps']:7.0f} req/s  p50 {r['p50']:6.1f} ms"
                  f"  p99 {r['p99']:6.1f} ms  server CPU {cpu:5.1f} ms/req  ({r['requests']} requests,"
                  f" {r['errors']} not 200, {args.concurrency} clients; first visit {first:.1f} ms/req)",
                  flush=True)  # fmt: skip
            if args.profile:
                profile(db, kind, paths)


if __name__ == "__main__":
    main()
