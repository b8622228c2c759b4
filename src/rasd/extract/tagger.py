"""The statistical entity tagger: a CRF over words (python-crfsuite) that the user trains locally.

No model ships with rasd. A model trained on a hand-tagged corpus such as NewsFANE (CC BY-SA 3.0)
is an adaptation of that corpus, so it stays on the user's machine: `rasd entities train` writes
it to `default_model_path()` (or `--out`), and rasd uses it only when asked (`--model PATH`, or
the environment variable `RASD_ENTITY_MODEL`); otherwise the rules and lists are the entities.

A model may come with word clusters learned from unlabelled news (`rasd.extract.tagger_clusters`,
`rasd entities train --unlabeled FILE`): they are written beside it and read with it.

Within an article the tagger's people teach it their surnames (`Memory`): a later word that is the last
word of a person the tagger found, and that it left untagged, is that person (NewsFANE's held-back part:
full names come first, then the surname alone, which a word-level model often misses).

With a model, the rules still run first: their mentions are features of the tagger, and a span
the tagger keeps that the rules also found keeps the rules' key and canonical name. Spans only
the tagger finds get a key from the gazetteer when it knows the name, else from their words
(per:/org:/loc:). Mentions that are not names (a bare "الجيش", a title standing for its holder,
groups of witnesses) are kept as the rules give them, whatever the tagger says. Claims are attributed
with the rules' mentions plus the tagger's new ones (`for_claims`), so a claimant keeps the rules' key.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rasd.errors import InputError
from rasd.extract.lexicon import FUNCTION, TITLE_HEADS
from rasd.extract.people import person_key
from rasd.extract.tagger_clusters import Clusters, clusters_path
from rasd.extract.tagger_features import FEATURES_VERSION
from rasd.extract.tagger_score import Scorer
from rasd.extract.tokens import Tokens, strip_clitic, tokenize
from rasd.extract.types import Mention
from rasd.names.gazetteer import GazetteerHit, canonical_key, entry
from rasd.names.given import given_names

ENV_VAR = "RASD_ENTITY_MODEL"
_TYPES = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
_RULE_COARSE = {"PER": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}


def default_model_path() -> Path:
    """Where `rasd entities train` writes by default: $RASD_ENTITY_MODEL, else the user's data folder."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "rasd" / "entities.crfsuite"


def model_from_env() -> Path | None:
    """The model named by $RASD_ENTITY_MODEL, if that is set (rasd never picks one up otherwise)."""
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else None


def meta_path(model: Path) -> Path:
    return model.with_name(model.name + ".json")


@dataclass(frozen=True, slots=True)
class Span:
    type: str  # PER, LOC or ORG
    first: int  # first and last+1 token
    end: int


@dataclass(slots=True)
class Memory:
    """What the tagger learned earlier in one article: the last words of its people (as written, normalized:
    a surname may begin with a letter that is also a clitic, فرحات)."""

    surnames: set[str] = field(default_factory=set)

    def learn_and_extend(self, t: Tokens, spans: list[Span]) -> list[Span]:
        """Learn the surnames of `spans`' people, then add a one-word person for each untagged word
        standing alone (its neighbours untagged) that is one of the surnames learned so far."""
        for sp in spans:
            last = t.norms[sp.end - 1]
            if sp.type == "PER" and len(last) >= 4 and last not in FUNCTION and last not in TITLE_HEADS:
                self.surnames.add(last)
        if not self.surnames:
            return spans
        used = {k for sp in spans for k in range(sp.first, sp.end)}
        names = self.surnames
        extra = [Span("PER", k, k + 1) for k, w in enumerate(t.norms)
                 if (w in names or strip_clitic(w) in names) and k not in used and k - 1 not in used
                 and k + 1 not in used]
        return sorted([*spans, *extra], key=lambda s: s.first) if extra else spans


class Tagger:
    """A trained model, opened once; `spans` tags one paragraph's tokens."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        if not path.is_file():
            raise InputError(f"no entity model at {path}: train one with `rasd entities train --conll FILE`")
        try:
            meta = json.loads(meta_path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise InputError(f"{path}: no readable {meta_path(path).name} beside it; train the model again") from None
        if meta.get("features") != FEATURES_VERSION:
            raise InputError(f"{path} was trained with features v{meta.get('features')}, this rasd computes "
                             f"v{FEATURES_VERSION}: train it again with `rasd entities train`")
        self.path = path
        self.meta = meta
        self.clusters = Clusters.load(clusters_path(path)) if meta.get("clusters") else None
        self._scorer: Scorer | None = None  # the same decoding, with each word scored once (built on first use)
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(path))
        except (OSError, ValueError) as e:
            raise InputError(f"{path}: not a CRF model ({e})") from None

    def labels(self, feats: list[list[str]]) -> list[str]:
        return list(self._tagger.tag(feats)) if feats else []

    def spans(self, t: Tokens, hits: Sequence[GazetteerHit], mentions: Sequence[Mention], base: int = 0,
              memory: Memory | None = None) -> list[Span]:
        """The spans of one paragraph; with `memory`, the article's surnames are added (see `Memory`)."""
        if self._scorer is None:
            self._scorer = Scorer.from_tagger(self._tagger, self.clusters)
        found = [Span(*x) for x in self._scorer.spans(t, hits, mentions, base)]
        return memory.learn_and_extend(t, found) if memory is not None else found


def bio_spans(labels: Sequence[str]) -> list[Span]:
    """Spans of a BIO label sequence (an I- after O or another type opens a span)."""
    out: list[Span] = []
    cur: list[object] | None = None  # [type, first]
    for k, lab in enumerate(labels):
        kind, typ = (lab[:1], lab[2:]) if lab != "O" else ("O", "")
        if cur is not None and (kind != "I" or typ != cur[0]):
            out.append(Span(str(cur[0]), int(str(cur[1])), k))
            cur = None
        if kind in ("B", "I") and cur is None and typ in _TYPES:
            cur = [typ, k]
    if cur is not None:
        out.append(Span(str(cur[0]), int(str(cur[1])), len(labels)))
    return out


def merge(t: Tokens, spans: Iterable[Span], rules: Sequence[Mention], base: int = 0) -> list[Mention]:
    """The tagger's spans as mentions (see the module's doc), in text order, offsets plus `base`."""
    out = [m for m in rules if not m.named or m.key.startswith("group:") or m.type not in _RULE_COARSE]
    named = [m for m in rules if m not in out]
    for sp in spans:
        s, e = t.starts[sp.first] + base, t.ends[sp.end - 1] + base
        same = next((m for m in named if m.end == e and s <= m.start < t.ends[sp.first] + base
                     and _RULE_COARSE[m.type] == sp.type), None)
        if same is not None:
            out.append(same)
            continue
        out.append(_new_mention(t, sp, s, e, base))
    return sorted(out, key=lambda m: (m.start, m.end))


def for_claims(tagged: Sequence[Mention], rules: Sequence[Mention]) -> list[Mention]:
    """The mentions claims are attributed with: every mention of the rules, plus the tagger's that overlap
    none of them. The rules' spans carry the keys attribution is judged by (وزارة الدفاع الأرمينية is
    mod@AM, where NewsFANE's convention tags a shorter span), so the tagger only adds speakers the rules
    missed (claimant accuracy with the tagger's spans alone fell from 0.97 to 0.63 on the seeds)."""
    added = [m for m in tagged if m.named and not any(r.start < m.end and m.start < r.end for r in rules)]
    return sorted([*rules, *added], key=lambda m: (m.start, m.end)) if added else list(rules)


def _new_mention(t: Tokens, sp: Span, s: int, e: int, base: int) -> Mention:
    words = [t.norms[k] for k in range(sp.first, sp.end)]
    first = strip_clitic(words[0])
    skip = len(words[0]) - len(first)
    raw_first = t.text[t.starts[sp.first] : t.ends[sp.first]]
    if sp.type == "PER" and skip > 0 and not first.startswith("ال") and _own_letter(words[0], first):
        first = words[0]  # كارلوس, لارسن: the letter is the name's, not a clitic
    elif 0 < skip < len(raw_first) and first.startswith("ال") and not words[0].startswith("لل"):
        s += skip  # بالقاهرة -> القاهرة (للأمم keeps its letters: the article's alef is gone)
    elif 0 < skip < len(raw_first) and not first.startswith("ال") and sp.type != "ORG":
        s += skip  # وإسرائيل -> إسرائيل
    words[0] = first
    surface = t.text[s - base : e - base]
    key = canonical_key(surface)
    ent = entry(key) if key else None
    if ent is not None and _RULE_COARSE.get("PER" if ent.type == "PER" else "ORG" if ent.type == "ORG" else "LOC")\
            == sp.type:
        typ = "GPE" if ent.type in ("COUNTRY", "CITY") else "LOC" if sp.type == "LOC" else sp.type
        return Mention(ent.key, typ, s, e, surface, ent.name_ar)
    prefix = {"PER": "per:", "ORG": "org:", "LOC": "loc:"}[sp.type]
    key = person_key(words) if sp.type == "PER" else prefix + " ".join(words)
    return Mention(key, "LOC" if sp.type == "LOC" else sp.type, s, e, surface, surface)


def _own_letter(word: str, bare: str) -> bool:
    """Whether a person's first word begins with a letter of its own (كارلوس, لارسن, فريد), not a clitic
    (لسامر, وبوتين): the word as written is a given name, or without the letter it is no name rasd knows
    and the letter is not the conjunction و."""
    names = given_names()
    if word in names:
        return True
    if bare in names or canonical_key(bare) is not None:
        return False
    return word[0] != "و"


def tag_paragraph(tagger: Tagger, text: str, hits: Sequence[GazetteerHit], rules: Sequence[Mention],
                  base: int = 0, memory: Memory | None = None, tokens: Tokens | None = None) -> list[Mention]:
    """The mentions of one paragraph with the tagger: `rules` are the rules' mentions of it (offsets + base);
    `memory` is the article's (one per article, paragraphs in order); `tokens`: `text` tokenized, if done."""
    t = tokens if tokens is not None else tokenize(text)
    return merge(t, tagger.spans(t, hits, rules, base, memory), rules, base)
