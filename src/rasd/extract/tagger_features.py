"""Features of each word of a paragraph for the statistical entity tagger (`rasd.extract.tagger`).

A word is one token of `rasd.extract.tokens` (clitics still attached: بالقاهرة is one word). Its
features are strings ("w=القاهره", "rule=B-GPE"): the normalized word and its clitic-free form,
prefixes and suffixes, shape (length, digits, Latin letters, the article), what the lists say
(given name, connector, title, function word, reporting verb), the gazetteer hit it lies in and
what the rules found there (their mentions are features, so the tagger learns when to trust
them), the punctuation around it, and the same for its neighbours. With word clusters learned from
unlabelled news (`rasd.extract.tagger_clusters`), a word's coarse, middle and fine cluster too, and its
neighbours' (unknown words: "c=none"), and the pair of middle clusters of a word and the one before
it. Changing what is computed here changes what a trained model means: bump `FEATURES_VERSION`, and
older model files are refused (features a model has no weights for are ignored: adding some is safe).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from rasd.extract.lexicon import COMPLEMENT, FUNCTION, TITLE_HEADS
from rasd.extract.people import CONNECTORS
from rasd.extract.tagger_clusters import Clusters
from rasd.extract.tokens import Tokens, strip_clitic
from rasd.extract.types import Mention
from rasd.extract.verbs import verb_form
from rasd.names.gazetteer import GazetteerHit, entry
from rasd.names.given import given_names

FEATURES_VERSION = 1
COARSE = {"PER": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}


def cover(t: Tokens, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """For each token, "B-X"/"I-X" when a span of label X covers it (begins in it: B), else ""."""
    out = [""] * len(t)
    k = 0
    for s, e, label in sorted(spans):
        while k < len(t) and t.ends[k] <= s:
            k += 1
        j = k
        first = True
        while j < len(t) and t.starts[j] < e:
            if not out[j]:
                out[j] = ("B-" if first else "I-") + label
            first = False
            j += 1
    return out


def hit_label(h: GazetteerHit) -> str:
    e = entry(h.key)
    extra = "" if e is None or e.anchor else "x"  # extraction-only lists (media, clubs, GeoNames cities)
    return f"{h.type}{extra}{'n' if h.form == 'nisba' else ''}"


def mention_label(m: Mention) -> str:
    kind = "per" if m.key.startswith("per:") else "org" if m.key.startswith("org:") else "k"
    return f"{m.type}{'' if m.named else 'u'}{kind}"


@functools.lru_cache(maxsize=1 << 16)
def lexical(w: str, digit: bool, ascii_: bool, clusters: Clusters | None = None
            ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """What a word's features owe to the word alone (cached: news repeats its words): its own features,
    and the ones it gives its neighbours at -2, -1, +1, +2 (gazetteer and rules labels come per token)."""
    s = strip_clitic(w)
    names = given_names()
    g = names.get(w) if w in names else names.get(w[1:]) if len(w) > 3 and w[0] == "و" and w[1:] in names else None
    head = ("w=" + w, "s=" + s, "p2=" + s[:2], "p3=" + s[:3], "x2=" + s[-2:], "x3=" + s[-3:],
            "cl=" + w[: len(w) - len(s)] if len(s) < len(w) else "cl=", "len=" + str(min(len(s), 8)))
    flags: list[str] = []
    if s.startswith("ال"):
        flags.append("al")
    if digit or w.isdigit():
        flags.append("digit")
    elif ascii_:
        flags.append("latin")
    if g is not None:
        flags.append("given=" + ("weak" if g else "strong"))
    if w in CONNECTORS:
        flags.append("conn")
    if w in TITLE_HEADS or s in TITLE_HEADS:
        flags.append("title")
    if w in COMPLEMENT or s in COMPLEMENT:
        flags.append("compl")
    if w in FUNCTION or s in FUNCTION:
        flags.append("func")
    if verb_form(w) is not None:
        flags.append("verb")
    near = tuple(
        (f"{d}:{head[0]}", f"{d}:{head[1]}",
         *((*(f"{d}:{x}" for x in flags if "=" not in x or x.startswith("given")), f"{d}:{head[5]}")
           if abs(d) == 1 else ()))
        for d in OFFSETS)
    if clusters is not None:
        c = clusters.of(s)
        own = (f"c1={c[0]}", f"c2={c[1]}", f"c3={c[2]}") if c is not None else ("c=none",)
        near = tuple((*x, *(_near_clusters(d, c))) for x, d in zip(near, OFFSETS, strict=True))
        head = (*head, *own)
    return head, tuple(flags), near


OFFSETS = (-2, -1, 1, 2)


def cluster_pair(prev: str, own: str, clusters: Clusters) -> str:
    """The middle clusters of a word and the word before it ("s=" forms given), as one feature."""
    a, b = clusters.of(prev[2:]), clusters.of(own[2:])
    return f"cb={a[1] if a else '-'}|{b[1] if b else '-'}"


def _near_clusters(d: int, c: tuple[str, str, str] | None) -> tuple[str, ...]:
    """The clusters a word gives its neighbour at offset `d`: middle and fine at +-1, coarse at +-2."""
    if c is None:
        return (f"{d}:c=none",)
    return (f"{d}:c2={c[1]}", f"{d}:c3={c[2]}") if abs(d) == 1 else (f"{d}:c1={c[0]}",)


def sentence_features(t: Tokens, hits: Sequence[GazetteerHit], mentions: Sequence[Mention], base: int = 0,
                      clusters: Clusters | None = None) -> list[list[str]]:
    """Features of every token of `t`; `hits` index `t.text`, `mentions` index it plus `base`."""
    n = len(t)
    gaz = cover(t, [(h.start, h.end, hit_label(h)) for h in hits])
    rules = cover(t, [(m.start - base, m.end - base, mention_label(m)) for m in mentions
                       if m.type in COARSE])
    lex = []
    for k in range(n):
        raw = t.text[t.starts[k] : t.ends[k]]
        lex.append(lexical(t.norms[k], raw.isdigit(), raw.isascii(), clusters))
    labels = [("g=" + gaz[k], "r=" + rules[k]) for k in range(n)]
    out: list[list[str]] = []
    for k in range(n):
        head, flags, _ = lex[k]
        f = [*head, *labels[k], *flags]
        p = t.punct_before[k].strip()
        if p:
            f.append("pb=" + p[-1])
        nxt = t.punct_before[k + 1].strip() if k + 1 < n else "$"
        if nxt:
            f.append("pa=" + nxt[0])
        if k == 0:
            f.append("first")
        for i, d in enumerate(OFFSETS):
            j = k + d
            if not 0 <= j < n:
                f.append(f"{d}:none")
                continue
            f.extend(lex[j][2][i])
            g, r = labels[j]
            f.append(f"{d}:{g}")
            f.append(f"{d}:{r}")
        if k > 0:
            f.append(f"bi={lex[k - 1][0][1]}|{head[1]}")
            if clusters is not None:
                f.append(cluster_pair(lex[k - 1][0][1], head[1], clusters))
        out.append(f)
    return out
