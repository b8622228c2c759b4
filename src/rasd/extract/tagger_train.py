"""Training the entity tagger (`rasd.extract.tagger`) on hand-tagged text, on the user's machine.

Input: documents as text (one sentence a line) with gold spans (type PER/LOC/ORG, start, end),
as `rasd.eval.conll.read_conll` gives them. Each word is labelled B-X where a gold span begins in
it (بالقاهرة is B-LOC for the span القاهرة), I-X inside, O elsewhere; the rules run on the same
text with the same people memory as at tagging time, so their mentions are the same features.
The model (a CRF trained by L-BFGS with L1 and L2 penalties) is written to `out`, with a JSON note
beside it saying what it was trained on and under which licence its weights are. Given word clusters
(`rasd.extract.tagger_clusters`, learned from unlabelled news), they are features too, and are written
beside the model.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from rasd.errors import InputError
from rasd.extract.entities import Context, find_mentions
from rasd.extract.people import People
from rasd.extract.tagger import meta_path
from rasd.extract.tagger_clusters import Clusters, clusters_path
from rasd.extract.tagger_features import FEATURES_VERSION, sentence_features
from rasd.extract.tokens import Tokens, tokenize
from rasd.names.gazetteer import find_names

GoldSpans = Sequence[tuple[str, int, int]]


def token_labels(t: Tokens, spans: GoldSpans, base: int = 0) -> list[str]:
    """BIO label of every token of `t` for gold spans (offsets into the text `t` starts at `base` of)."""
    labels = ["O"] * len(t)
    for typ, s, e in sorted(spans, key=lambda x: x[1]):
        s, e = s - base, e - base
        if e <= 0 or s >= len(t.text):
            continue
        first = True
        for k in range(len(t)):
            if t.ends[k] <= s or t.starts[k] >= e:
                continue
            if labels[k] == "O":
                labels[k] = ("B-" if first else "I-") + typ
            first = False
    return labels


def sequences(docs: Sequence[tuple[str, GoldSpans]], clusters: Clusters | None = None
              ) -> Iterator[tuple[list[list[str]], list[str]]]:
    """(features, labels) of every non-empty line of every document, the rules learning people as they go."""
    people = People()
    for text, spans in docs:
        ctx = Context(people=people.for_article())
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                hits = find_names(line)
                rules = find_mentions(line, pos, hits, ctx)
                t = tokenize(line)
                if len(t):
                    inside = [(x, s, e) for x, s, e in spans if pos <= s < pos + len(line)]
                    yield sentence_features(t, hits, rules, pos, clusters), token_labels(t, inside, pos)
            pos += len(line) + 1


def train(docs: Sequence[tuple[str, GoldSpans]], out: Path, source: str = "", c1: float = 0.05,
          c2: float = 0.01, iterations: int = 150, clusters: Clusters | None = None,
          clusters_from: str = "") -> dict[str, object]:
    """Train on `docs` (with `clusters`, learned from `clusters_from`) and write the model to `out` (and its
    note beside it, and the clusters); returns the note."""
    import pycrfsuite

    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    n = tokens = 0
    for feats, labels in sequences(docs, clusters):
        trainer.append(feats, labels)
        n += 1
        tokens += len(labels)
    if not n:
        raise InputError("no tagged sentences to train on")
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"cannot create {out.parent}: {e}") from None
    trainer.train(str(out))
    if clusters is not None:
        clusters.save(clusters_path(out))
    else:
        clusters_path(out).unlink(missing_ok=True)  # an older model's, at the same path
    note: dict[str, object] = {
        "features": FEATURES_VERSION, "trained_on": source, "documents": len(docs), "sentences": n,
        "tokens": tokens, "c1": c1, "c2": c2, "iterations": iterations,
        "seconds": round(time.perf_counter() - started, 1),
        "licence": "weights adapted from the training corpus: for NewsFANE, CC BY-SA 3.0 (attribution: "
                   "Alotaibi & Lee, COLING 2014); keep them local, do not ship them with rasd",
    }
    if clusters is not None:
        note["clusters"] = {"file": clusters_path(out).name, "words": len(clusters), "learned_from": clusters_from,
                            "licence": "adapted from the unlabelled texts (SaudiNewsNet: CC BY-NC-SA 4.0; ANT: "
                                       "cite it); keep them local with the model"}
    meta_path(out).write_text(json.dumps(note, ensure_ascii=False, indent=1), encoding="utf-8")
    return note
