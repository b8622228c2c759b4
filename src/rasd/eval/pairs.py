"""`rasd eval pairs`: stream precision judged blind.

`draw` picks N pairs uniformly from all same-event pairs of a stored run (an event of k articles
holds k(k-1)/2 pairs; pairs are drawn without replacement) and writes them for a judge: titles,
leads and times only, the run, event and article ids hidden (they go to a separate key file).
The judge fills each line's `judgement` with `same_event`, `same_story` or `unrelated`; `score`
reads the judged file and gives the shares.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from rasd.errors import InputError
from rasd.model import Article
from rasd.store import Store

JUDGEMENTS = ("same_event", "same_story", "unrelated")
LEAD_CHARS = 400


def _side(a: Article) -> dict[str, Any]:
    """What the judge sees: outlet, title, the time the input gave (feed or crawl) or rasd's
    published date, and the lead."""
    when = a.seen.value.isoformat(timespec="minutes") if a.seen else (a.published.iso() if a.published else None)
    return {"source": a.source, "title": a.title, "time": when, "lead": a.text[:LEAD_CHARS]}


def draw(store: Store, n: int, seed: int = 0) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """N same-event pairs drawn uniformly: (lines for the judge, key lines with the ids)."""
    if n < 1:
        raise InputError("--n must be at least 1")
    members: dict[str, list[str]] = defaultdict(list)
    for aid, (event, _story) in sorted(store.placements().items()):
        members[event].append(aid)
    events = sorted((e, m) for e, m in members.items() if len(m) > 1)
    weights = [len(m) * (len(m) - 1) // 2 for _, m in events]
    total = sum(weights)
    if total == 0:
        raise InputError("the store has no event with two articles: nothing to draw")
    rng = random.Random(seed)
    picks = sorted(rng.sample(range(total), min(n, total)))
    out: list[tuple[str, str, str]] = []
    base = 0
    it = iter(picks)
    nxt = next(it, None)
    for (event, m), w in zip(events, weights, strict=True):
        while nxt is not None and nxt < base + w:
            i, j = _unrank(nxt - base, len(m))
            out.append((event, m[i], m[j]))
            nxt = next(it, None)
        base += w
    rng.shuffle(out)
    lines, keys = [], []
    for k, (event, a, b) in enumerate(out, start=1):
        pair = [a, b] if rng.random() < 0.5 else [b, a]
        lines.append({"pair": k, "a": _side(store.get(pair[0])), "b": _side(store.get(pair[1])), "judgement": None})
        keys.append({"pair": k, "a": pair[0], "b": pair[1], "event": event})
    return lines, keys


def _unrank(r: int, k: int) -> tuple[int, int]:
    """The r-th pair (i < j) of k items in row order."""
    i = 0
    while r >= k - 1 - i:
        r -= k - 1 - i
        i += 1
    return i, i + 1 + r


def write(lines: list[dict[str, Any]], keys: list[dict[str, Any]], out: Path) -> Path:
    key_path = out.with_name(out.stem + ".key.jsonl")
    try:
        out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
        key_path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in keys), encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot write {out}: {e}") from e
    return key_path


def score(path: Path) -> dict[str, Any]:
    """Shares of same event / same story / unrelated in a judged file (unjudged lines counted apart)."""
    try:
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    except (OSError, ValueError) as e:
        raise InputError(f"cannot read judged pairs {path}: {e}") from e
    counts = dict.fromkeys(JUDGEMENTS, 0)
    unjudged = 0
    for n, r in enumerate(rows, start=1):
        j = r.get("judgement") if isinstance(r, dict) else None
        if j is None:
            unjudged += 1
        elif j in counts:
            counts[j] += 1
        else:
            raise InputError(f"{path}:{n}: judgement {j!r} is not one of {', '.join(JUDGEMENTS)}")
    judged = sum(counts.values())
    return {"pairs": len(rows), "judged": judged, "unjudged": unjudged,
            **{k: (v / judged if judged else 0.0) for k, v in counts.items()}}
