"""`rasd eval clustering`: events and stories scored against a gold file.

Gold is JSONL, one line per article: {"id", "event", "story"} (and optionally "copy_of", the
id of the article it copies, or null). The seeds' gold.json is read too (its "events" and
"story" keys). Scores are B-cubed and pairwise precision/recall/F1 and ARI (`rasd.eval.metrics`),
for events and for stories, over the gold articles found in the store; copy links are scored
as precision/recall of "article is a copy of something in its gold copy group".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.errors import InputError
from rasd.eval.metrics import ClusterScores, score
from rasd.store import Store


@dataclass(slots=True)
class ClusterGold:
    event: dict[str, str] = field(default_factory=dict)
    story: dict[str, str] = field(default_factory=dict)
    copy_of: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClusterReport:
    events: ClusterScores
    stories: ClusterScores
    missing: tuple[str, ...]
    copies: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        return {
            "events": self.events.as_dict(), "stories": self.stories.as_dict(),
            "missing": list(self.missing), "copies": self.copies,
        }  # fmt: skip


def _seeds_gold(data: dict[str, Any]) -> ClusterGold:
    gold = ClusterGold()
    story = "story"
    for aid in data.get("story", {}).get("articles", []):
        gold.story[aid] = story
    for eid, ev in data["events"].items():
        for aid in ev["articles"]:
            gold.event[aid] = eid
            gold.story.setdefault(aid, story)
            gold.copy_of.setdefault(aid, None)
    return gold


def read_gold(paths: list[Path]) -> ClusterGold:
    """Gold from JSONL files (or a seeds gold.json); several files are merged."""
    gold = ClusterGold()
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"cannot read gold file {path}: {e}") from e
        n = 0
        try:
            if path.suffix == ".json":
                part = _seeds_gold(json.loads(text))
                gold.event.update(part.event)
                gold.story.update(part.story)
                gold.copy_of.update(part.copy_of)
                continue
            for n, line in enumerate(text.splitlines(), start=1):  # noqa: B007 (n is used on error)
                if not line.strip():
                    continue
                row = json.loads(line)
                aid = str(row["id"])
                gold.event[aid] = str(row["event"])
                gold.story[aid] = str(row.get("story") or row["event"])
                gold.copy_of[aid] = row.get("copy_of")
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            where = f"{path}:{n}" if path.suffix != ".json" else str(path)
            raise InputError(f"bad gold file {where}: {e!r}; want JSONL lines with id, event, story") from e
    if not gold.event:
        raise InputError(f"no gold labels in {', '.join(map(str, paths))}")
    return gold


def _copy_scores(store: Store, gold: ClusterGold) -> dict[str, float]:
    """Precision/recall of "this article copies another" (exact and near links only)."""
    linked: set[str] = set()
    for link in store.links():
        if link.kind in ("exact", "near"):
            linked.update((link.article, link.other))
    want = {a for a, c in gold.copy_of.items() if c}
    want |= {c for c in gold.copy_of.values() if c}
    got = linked & set(gold.event)
    tp = len(got & want)
    return {
        "precision": tp / len(got) if got else 1.0,
        "recall": tp / len(want) if want else 1.0,
        "gold_articles": float(len(want)),
    }


def evaluate_clustering(store: Store, gold: ClusterGold) -> ClusterReport:
    placed = store.placements()
    missing = tuple(sorted(a for a in gold.event if a not in placed))
    pred_event = {a: e for a, (e, _s) in placed.items() if a in gold.event}
    pred_story = {a: s or e for a, (e, s) in placed.items() if a in gold.story}
    return ClusterReport(
        events=score(gold.event, pred_event),
        stories=score(gold.story, pred_story),
        missing=missing,
        copies=_copy_scores(store, gold),
    )
