"""Fuzz rasd's readers and per-article stages with generated bad inputs.

    python bench/fuzz.py [--n 100000] [--seed 1] [--batch 500] [--fresh-every 10]

Each input is one file (text, HTML, JSONL, WARC or gzipped WARC) built from a seed article
(../shared/seeds, read at run time) and then damaged: random bytes, cuts, lone surrogates, NULs,
direction marks and tatweel, rich markup, deep nesting, wrong encodings, broken JSON, lying
Content-Lengths, truncated gzip. Containers (JSONL, WARC) also hold one good article beside the
bad records. Every input is read and every article it yields is processed (clean, describe,
time) alone, timed in CPU seconds; then every `--batch` inputs go together through one whole
`run()` into a store
(extraction, copies, events, SQLite; a fresh store every `--fresh-every` batches). Prints inputs,
uncaught exceptions, hangs (over 5 s of CPU for an input under 1 MB) and
good articles lost (a container's good article that did not come out).
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import random
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rasd.model import RawDoc
from rasd.pipeline import process, run
from rasd.read import read_file_any
from rasd.store import Store
from rasd.text.language import get_detector

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
HANG_SECONDS = 5.0

NASTY = ["\ud800", "\udfff", "\x00", "\x1b[31m", "\u200f", "\u200e", "\u202e", "\u2066", "ـــــ", "\u2028",
         "\r", "\ufeff", "[/b]", "[/]", "[red]", "[link=x]", ":fire:", "<div>" * 50, "</p>", "&#xd800;",
         "اليوم 20 سبتمبر 2023", "12/13/2023", "قال", "«", "»", "\\", '"', "{", "}", "\n\n\n", " " * 300,
         "٠١٢٣", "ﻻ", "😀", "9" * 40, "2023-02-30", "السبت 31 فبراير 2024"]


class Hang(Exception):
    pass


def _alarm(*_: object) -> None:
    raise Hang


def mutate_text(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(text) + 1)
        op = rng.random()
        if op < 0.5:
            text = text[:at] + rng.choice(NASTY) + text[at:]
        elif op < 0.7:
            text = text[:at] + text[at + rng.randint(1, 200):]
        elif op < 0.8:
            text = text[:at] + text[at:at + rng.randint(1, 400)] * rng.randint(2, 20) + text[at:]
        elif op < 0.9:
            text = text.replace("\n", rng.choice(["", " ", "\r\n", "\u2029"]))
        else:
            text = "".join(chr(rng.randint(1, 0x10FFFF)) if rng.random() < 0.02 else c for c in text)
    return text


def encode(rng: random.Random, text: str) -> bytes:
    choice = rng.random()
    if choice < 0.75:
        return text.encode("utf-8", "surrogatepass")
    if choice < 0.85:
        return text.encode("cp1256", "replace")
    if choice < 0.92:
        return text.encode("utf-16", "surrogatepass")
    return text.encode("utf-8", "surrogatepass")[: rng.randrange(1, max(2, len(text)))]


def flip(rng: random.Random, data: bytes) -> bytes:
    if not data or rng.random() < 0.5:
        return data
    b = bytearray(data)
    for _ in range(rng.randint(1, 10)):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def html_page(rng: random.Random, text: str) -> str:
    depth = rng.choice([0, 0, 1, 30, 300, 3000])
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    junk = rng.choice(["", "<script>var x = '</p>';</script>", "<!--", "<![CDATA[", "<table><tr><td>", "</html>"])
    return (f"<html><head><title>{rng.choice(NASTY)}</title></head><body>" + "<div>" * depth + paras + junk
            + "</div>" * depth + "</body></html>")


def warc(pages: list[bytes], gz: bool) -> tuple[bytes, int]:
    """The WARC of `pages`, and where its first record ends (measured in this very file: a
    gzipped record's length varies with its random record id and date)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    first = 0
    for i, page in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"http://example.org/{i}", "response", payload=io.BytesIO(page),
                                            http_headers=headers))
        first = first or buf.tell()
    return buf.getvalue(), first


def make_input(rng: random.Random, seeds: list[str], n: int) -> tuple[str, bytes, str | None]:
    """(file suffix, bytes, id of the good article it holds or None)."""
    base = rng.choice(seeds)
    start = rng.randrange(max(1, len(base) - 700))
    text = base[start:start + rng.randint(0, 700)]
    bad = mutate_text(rng, text)
    good_text = rng.choice(seeds)[:400]
    good_id = f"good-{n}"
    kind = rng.random()
    if kind < 0.15:
        return ".txt", bytes(rng.randrange(256) for _ in range(rng.randint(0, 400))), None
    if kind < 0.35:
        return ".txt", encode(rng, bad), None
    if kind < 0.5:
        return ".html", flip(rng, encode(rng, html_page(rng, bad))), None
    if kind < 0.8:
        lines = [json.dumps({"id": good_id, "text": good_text}, ensure_ascii=rng.random() < 0.5).encode()]
        for _ in range(rng.randint(1, 4)):
            row: dict[str, object] = {"id": rng.choice([bad[:30], 7, None, [], "x" * 5]),
                                      rng.choice(["text", "html", "title"]): bad,
                                      "published": rng.choice([None, bad[:20], "2023-13-45", 5])}
            line = json.dumps(row, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
            if rng.random() < 0.3:
                line = flip(rng, line)[: rng.randrange(1, len(line) + 1)]
            lines.insert(rng.randrange(len(lines) + 1), line.replace(b"\n", b" "))
        return ".jsonl", b"\n".join(lines) + rng.choice([b"\n", b""]), good_id
    gz = rng.random() < 0.4
    good_page = f"<html><body><p>{good_text}</p><p>{good_id}</p></body></html>".encode()
    bad_page = flip(rng, encode(rng, html_page(rng, bad)))
    data, cut = warc([good_page, bad_page], gz)
    if rng.random() < 0.5:  # the bad record damaged or cut short; the good one before it intact
        tail = flip(rng, data[cut:])[: rng.randrange(0, len(data) - cut + 1)]
        data = data[:cut] + tail
    return (".warc.gz" if gz else ".warc"), data, f"{good_id}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=500, help="inputs per whole run() into the store")
    ap.add_argument("--fresh-every", type=int, default=10, help="batches into one store before a fresh one")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    errors: collections.Counter[str] = collections.Counter()
    example: dict[str, str] = {}
    hangs = lost = articles = big = batches = 0
    slowest = 0.0
    signal.signal(signal.SIGALRM, _alarm)
    t0 = time.perf_counter()
    out = ROOT / "bench" / "out"
    detector = get_detector()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = Store(folder / "fuzz0.db")
        warm = folder / "warm.txt"
        warm.write_text(seeds[0], encoding="utf-8")
        run([warm], store)  # loads the gazetteer, the language model and the compiled loops: not a hang
        inbox = folder / "batch"
        inbox.mkdir()
        files: list[tuple[Path, int]] = []  # this batch's inputs and their numbers
        goods: dict[str, Path] = {}  # id of each good article the readers gave -> its input

        def keep(path: Path, why: str) -> None:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"fuzz-{why}-{path.name}").write_bytes(path.read_bytes())

        def whole_run() -> None:
            """The batch's inputs through one run() (extraction, copies, events, SQLite); when it
            raises, each input alone, to name the ones that do."""
            nonlocal store, batches, lost
            try:
                run([p for p, _ in files], store)
            except Exception:
                for path, n in files:
                    try:
                        run([path], store)
                    except Exception as e:  # what the fuzzer is looking for
                        key = f"run: {type(e).__name__}: {str(e)[:80]}"
                        errors[key] += 1
                        example.setdefault(key, f"input {n} ({path.name})")
                        keep(path, "error")
            kept = store.known_hashes()
            for gid, path in goods.items():
                if gid not in kept:
                    lost += 1
                    example.setdefault("lost", f"{path.name} (read, then not stored)")
                    keep(path, "lost")
            for path, _ in files:
                path.unlink()
            files.clear()
            goods.clear()
            batches += 1
            if batches % args.fresh_every == 0:  # a growing store would slow every later batch
                store.close()
                store = Store(folder / f"fuzz{batches}.db")

        for n in range(args.n):
            suffix, data, good = make_input(rng, seeds, n)
            path = inbox / f"in{n:06d}{suffix}"
            path.write_bytes(data)
            files.append((path, n))
            big += len(data) >= 1_000_000
            started = time.process_time()  # CPU time: a loaded machine does not make a hang
            signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS * 4)  # stop a runaway input, counted below
            try:
                ids: list[str] = []
                for item in read_file_any(path):
                    if isinstance(item, RawDoc):
                        if good is not None and (item.id == good or good in item.raw):
                            ids.append(item.id)
                        process(item, None, detector)
                if good is not None:  # the readers must give the container's good article
                    if ids:
                        goods[ids[0]] = path
                    else:
                        lost += 1
                        example.setdefault("lost", f"input {n} ({path.name}, not read)")
                        keep(path, "lost")
            except Hang:
                hangs += 1
                example.setdefault("hang", f"input {n} ({path.name}, stopped after {HANG_SECONDS * 4:g} s)")
                keep(path, "hang")
            except Exception as e:  # what the fuzzer is looking for
                key = f"{type(e).__name__}: {str(e)[:80]}"
                errors[key] += 1
                example.setdefault(key, f"input {n} ({path.name})")
                keep(path, "error")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            took = time.process_time() - started
            slowest = max(slowest, took)
            if took > HANG_SECONDS and len(data) < 1_000_000:
                hangs += 1
                sys.stderr.write(f"slow: input {n} ({path.name}, {len(data):,} bytes) {took:.1f} s\n")
                keep(path, "slow")
                example.setdefault("hang", f"input {n} ({path.name}, {len(data):,} bytes, {took:.1f} s)")
            if len(files) >= args.batch:
                whole_run()
            if (n + 1) % 1_000 == 0:
                _line(n + 1, errors, hangs, lost, time.perf_counter() - t0, sys.stderr.write)
        if files:
            whole_run()
        articles = store.count()
        store.close()
    print(f"inputs {args.n:,} (seed {args.seed}) · whole runs {batches} (every input) · "
          f"articles in the last store {articles:,} · "
          f"uncaught exceptions {sum(errors.values())} · hangs (> {HANG_SECONDS:g} s CPU, input < 1 MB) {hangs} · "
          f"good articles lost {lost} · inputs over 1 MB {big} · slowest input {slowest:.2f} s CPU · "
          f"{time.perf_counter() - t0:.0f} s")
    for key, count in errors.most_common(10):
        print(f"  {count} x {key}  (first: {example[key]})")
    for key in ("hang", "lost"):
        if key in example:
            print(f"  first {key}: {example[key]}")


def _line(n: int, errors: collections.Counter[str], hangs: int, lost: int, secs: float,
          write: Callable[[str], object]) -> None:
    write(f"{n:,} inputs · {sum(errors.values())} exceptions · {hangs} hangs · {lost} lost · {secs:.0f} s\n")


if __name__ == "__main__":
    main()
