"""Features of each word of a paragraph for the statistical entity tagger (`rasd.extract.tagger`).

A word is one token of `rasd.extract.tokens` (clitics still attached: بالقاهرة is one word). Its
features are strings ("w=القاهره", "rule=B-GPE"): the normalized word and its clitic-free form,
prefixes and suffixes, shape (length, digits, Latin letters, the article), what the lists say
(given name, connector, title, function word, reporting verb), the gazetteer hit it lies in and
what the rules found there (their mentions are features, so the tagger learns when to trust
them), the punctuation around it, and the same for its neighbours. Changing what is computed here
changes what a trained model means: bump `FEATURES_VERSION`, and older model files are refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from rasd.extract.lexicon import COMPLEMENT, FUNCTION, TITLE_HEADS
from rasd.extract.people import CONNECTORS
from rasd.extract.tokens import Tokens, strip_clitic
from rasd.extract.types import Mention
from rasd.extract.verbs import verb_form
from rasd.names.gazetteer import GazetteerHit, entry
from rasd.names.given import given_names

FEATURES_VERSION = 1
_COARSE = {"PER": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}


def _cover(t: Tokens, spans: Sequence[tuple[int, int, str]]) -> list[str]:
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


def _hit_label(h: GazetteerHit) -> str:
    e = entry(h.key)
    extra = "" if e is None or e.anchor else "x"  # extraction-only lists (media, clubs, GeoNames cities)
    return f"{h.type}{extra}{'n' if h.form == 'nisba' else ''}"


def _mention_label(m: Mention) -> str:
    kind = "per" if m.key.startswith("per:") else "org" if m.key.startswith("org:") else "k"
    return f"{m.type}{'' if m.named else 'u'}{kind}"


def _word_feats(t: Tokens, k: int, gaz: list[str], rules: list[str]) -> list[str]:
    w = t.norms[k]
    s = strip_clitic(w)
    names = given_names()
    g = names.get(w) if w in names else names.get(w[1:]) if len(w) > 3 and w[0] == "و" and w[1:] in names else None
    raw = t.text[t.starts[k] : t.ends[k]]
    f = [
        "w=" + w, "s=" + s, "p2=" + s[:2], "p3=" + s[:3], "x2=" + s[-2:], "x3=" + s[-3:],
        "cl=" + w[: len(w) - len(s)] if len(s) < len(w) else "cl=",
        "len=" + str(min(len(s), 8)),
        "g=" + gaz[k], "r=" + rules[k],
    ]
    if s.startswith("ال"):
        f.append("al")
    if raw.isdigit() or w.isdigit():
        f.append("digit")
    elif raw.isascii():
        f.append("latin")
    if g is not None:
        f.append("given=" + ("weak" if g else "strong"))
    if w in CONNECTORS:
        f.append("conn")
    if w in TITLE_HEADS or s in TITLE_HEADS:
        f.append("title")
    if w in COMPLEMENT or s in COMPLEMENT:
        f.append("compl")
    if w in FUNCTION or s in FUNCTION:
        f.append("func")
    if verb_form(w) is not None:
        f.append("verb")
    return f


def sentence_features(t: Tokens, hits: Sequence[GazetteerHit], mentions: Sequence[Mention], base: int = 0
                      ) -> list[list[str]]:
    """Features of every token of `t`; `hits` index `t.text`, `mentions` index it plus `base`."""
    n = len(t)
    gaz = _cover(t, [(h.start, h.end, _hit_label(h)) for h in hits])
    rules = _cover(t, [(m.start - base, m.end - base, _mention_label(m)) for m in mentions
                       if m.type in _COARSE])
    own = [_word_feats(t, k, gaz, rules) for k in range(n)]
    out: list[list[str]] = []
    for k in range(n):
        f = list(own[k])
        p = t.punct_before[k].strip()
        if p:
            f.append("pb=" + p[-1])
        nxt = t.punct_before[k + 1].strip() if k + 1 < n else "$"
        if nxt:
            f.append("pa=" + nxt[0])
        if k == 0:
            f.append("first")
        for d in (-2, -1, 1, 2):
            j = k + d
            if not 0 <= j < n:
                f.append(f"{d}:none")
                continue
            o = own[j]
            f.extend((f"{d}:{o[0]}", f"{d}:{o[1]}", f"{d}:{o[8]}", f"{d}:{o[9]}"))
            if abs(d) == 1:
                f.extend(f"{d}:{x}" for x in o[10:] if "=" not in x or x.startswith("given"))
                f.append(f"{d}:{o[5]}")
        if k > 0:
            f.append(f"bi={own[k - 1][1]}|{own[k][1]}")
        out.append(f)
    return out
