"""The real stream behind `rasd eval realdev`: every article of the labelled days, read from the
shared JSONL files and ingested into a store, with the feed or crawl times given or removed.

`stream.json` (in the labels folder) names the files and days:
    {"sets": [{"file": "ant-2018-dev.jsonl.gz", "time": "published", "days": ["2018-05-06", ...]}, ...]}
`time` is the field whose first ten characters give an article's day (the feed time of ANT, the
crawl time `fetched` of SaudiNewsNet). Articles are fed in the order of that time (then id), as a
crawler meets them. "text" mode removes `published` and `fetched` from every line; "times" mode
keeps both as given (the JSONL reader takes ANT's `published` as the published date and as `seen`
from the feed, SaudiNewsNet's `fetched` as `seen` from the crawl, never as a publication date).
"""

from __future__ import annotations

import gzip
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasd.config import settings
from rasd.errors import InputError
from rasd.pipeline import run as run_pipeline
from rasd.store import Store

MODES = ("text", "times")
TIME_FIELDS = ("published", "fetched")


@dataclass(frozen=True, slots=True)
class StreamSet:
    file: str
    time: str
    days: tuple[str, ...]


def read_spec(labels: Path) -> list[StreamSet]:
    path = labels / "stream.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [StreamSet(str(s["file"]), str(s["time"]), tuple(str(d) for d in s["days"])) for s in data["sets"]]
    except OSError as e:
        raise InputError(f"cannot read {path}: {e}") from e
    except (ValueError, KeyError, TypeError) as e:
        raise InputError(f"bad stream spec {path}: {e!r}; want {{'sets': [{{file, time, days}}]}}") from e


def read_stream(data: Path, spec: list[StreamSet]) -> list[dict[str, Any]]:
    """Every article of the spec's days, as JSON objects, in time order."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    for s in spec:
        path = data / s.file
        if not path.exists():
            raise InputError(f"no shared data file at {path} (set --data to the folder of the shared sets)")
        days = set(s.days)
        try:
            with gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(
                    encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip():
                        continue
                    obj = json.loads(line)
                    when = str(obj.get(s.time) or "")
                    if when[:10] in days:
                        out.append((when[:19].replace(" ", "T"), str(obj.get("id")), obj))
        except (OSError, ValueError, EOFError) as e:
            raise InputError(f"cannot read {path}: {e}") from e
    out.sort(key=lambda t: (t[0], t[1]))
    return [o for _, _, o in out]


def write_stream(docs: list[dict[str, Any]], path: Path, mode: str) -> None:
    if mode not in MODES:
        raise InputError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            row = dict(d) if mode == "times" else {k: v for k, v in d.items() if k not in TIME_FIELDS}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def ingest(docs: list[dict[str, Any]], store: Store, mode: str, entity_model: Path | None = None) -> None:
    """Run the whole pipeline over the stream (one JSONL file, in stream order) into `store`."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"stream-{mode}.jsonl"
        write_stream(docs, path, mode)
        run_pipeline([path], store, config=settings(entity_model=entity_model))
