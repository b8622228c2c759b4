"""Attributed claims in one paragraph: reporting verb, claimant, quoted spans, polarity, and the
numeric facts the claim carries.

The claimant of a verb is the entity named right after it ("وأعلنت وزارة الدفاع الأرمينية"), or
right before it in the same sentence ("وكانت وزارة الدفاع في أذربيجان أعلنت"); a verb with no
named subject ("وأضافت"، "مشيرا إلى") continues the last claimant. "بحسب/وفقا لـ X" attributes
its whole sentence to X. A fact outside every claim is stated by the outlet itself (claimant None).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from rasd.extract.lexicon import TITLE_HEADS
from rasd.extract.tokens import Tokens, norm_word, strip_clitic
from rasd.extract.types import ASSERTS, DENIES, Claim, Fact, Mention
from rasd.extract.verbs import ATTRIBUTION, MASDAR, VERB, VerbForm, verb_form
from rasd.names.gazetteer import entry

_SENTENCE_END = re.compile(r"[.!?؟]+(?=\s|$)")
_QUOTES = {"“": "”", "«": "»", '"': '"', "„": "“"}
_OPENING = re.compile("[" + re.escape("".join(_QUOTES)) + "]")
_SKIP_AFTER_VERB = frozenset({"فيه", "فيها", "بدورها", "بدوره", "ايضا", "كذلك", "عن", "من"})
# "قالت منظمة أطباء بلا حدود": the mention is the name after its kind word (entities leave the kind out).
_KIND_BEFORE_NAME = frozenset(norm_word(w) for w in ("منظمة", "هيئة"))
_OWN_SIDE_INSTITUTIONS = ("mod@", "army@", "general_staff@")
_OWN_LOSSES = ("killed", "wounded", "casualties", "captured", "missing")
_OBJECT_VERBS = frozenset({"دعا", "حث", "أبلغ", "طالب", "حذر", "اتهم", "أدان"})
_GROUP_HEADS = frozenset(norm_word(w) for w in (
    "أعضاء", "مسؤولو", "مسؤولون", "مسؤول", "مصادر", "مصدر", "قادة", "خبراء", "ممثلو", "عناصر", "بيان", "البيان",
))
# "بيان نشرته وكالة X": the body that published a statement (with the statement's pronoun).
_PUBLISHED = frozenset(norm_word(w) for w in (
    "نشرته", "نشرتها", "نشره", "نشرها", "بثته", "بثتها", "بثه", "بثها", "أصدرته", "أصدرتها", "أصدره", "أصدرها",
    "وزعته", "وزعتها",
))
# An unnamed source stays anonymous whatever body or country qualifies it ("مصدر في وزارة الدفاع").
_ANONYMOUS_HEADS = frozenset(norm_word(w) for w in ("مصدر", "مصادر", "مسؤول", "مسؤولون", "مسؤولين"))
_CLAUSE_WORDS = frozenset(norm_word(w) for w in ("أن", "إن", "أنه", "إنه", "أنها", "إنها", "بأن", "ان", "انه"))
_CONTINUE_WORDS = frozenset(norm_word(w) for w in (
    "أن", "إن", "أنه", "أنها", "إنه", "إنها", "أنّ", "إنّ", "بأن", "بأنه", "بأنها", "عن", "إلى", "على", "في", "أيضا",
    "كذلك", "ان", "انه", "انها", "خلال", "اليوم", "أمس", "لاحقا", "مجددا",
))


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who spoke last: continues to verbs with no named subject ("وأضاف")."""

    key: str | None
    text: str | None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted stretches: “…”, «…», "…" (the marks included)."""
    out: list[tuple[int, int]] = []
    m = _OPENING.search(text)
    while m is not None:
        i = m.start()
        j = text.find(_QUOTES[text[i]], i + 1)
        if j < 0:
            break
        out.append((i, j + 1))
        m = _OPENING.search(text, j + 1)
    return out


def _sentences(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if any(a < m.start() < b for a, b in quotes):
            continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(text) and text[start:].strip():
        out.append((start, len(text)))
    return out


def _token_start(t: Tokens, pos: int) -> int:
    """The start of the token that holds raw offset `pos` (pos itself between tokens)."""
    k = bisect_right(t.starts, pos) - 1
    return t.starts[k] if k >= 0 and pos < t.ends[k] else pos


def _claimant_key(m: Mention) -> str:
    """A city speaking for its state ("أعلنت باكو") is the state."""
    e = entry(m.key)
    if e is not None and e.type == "CITY" and e.country:
        return e.country
    return m.key


@dataclass(slots=True)
class _Verb:
    i: int  # token index
    form: VerbForm
    start: int
    end: int
    sentence: tuple[int, int]
    claimant: Mention | None = None
    subject_start: int | None = None
    anonymous: bool = False  # a subject is named but not one we can resolve


def _subject_start_ok(t: Tokens, k: int) -> bool:
    return k < len(t) and not t.punct_before[k].strip(" ")


def _after_verb(t: Tokens, i: int, v: VerbForm, by_start: dict[int, Mention]) -> tuple[Mention | None, str]:
    """Who the verb at token i names as its subject: (mention, "named"), or (None, "continue") when it
    has no named subject (a pronoun: "وأضافت أن"), or (None, "unknown") for a subject we cannot name."""
    k = i + 1
    if k >= len(t) or t.punct_before[k].strip(" \"“”«»"):
        return None, "continue"
    w = t.norms[k]
    m = by_start.get(t.starts[k])
    if m is None and (w in _SKIP_AFTER_VERB or w in _KIND_BEFORE_NAME) and k + 1 < len(t):
        k += 1
        w = t.norms[k]
        m = by_start.get(t.starts[k])
    if m is not None and m.type in ("ORG", "GPE", "PER"):
        side = norm_word(m.surface).startswith("الجانب")
        if m.type == "GPE" and v.role == VERB and not side and not _feminine(t.norms[i]):
            return None, "continue"  # "ودعا باكو": a masculine verb; the state is its object
        return m, "named"
    if w in TITLE_HEADS or strip_clitic(w) in TITLE_HEADS or w in _GROUP_HEADS:
        window = [x for x in by_start.values() if t.starts[k] < x.start and x.type in ("ORG", "PER", "GPE")]
        limit = t.ends[min(len(t) - 1, k + 14)]
        stop = next((t.starts[j] for j in range(k + 1, len(t))  # the subject ends where its clause does
                     if verb_form(t.norms[j]) is not None or t.norms[j] in _CLAUSE_WORDS), len(t.text))
        near = sorted((x for x in window if x.start < min(limit, stop)), key=lambda x: x.start)
        person = next((x for x in near if x.type == "PER"), None)
        if person is None and w in _ANONYMOUS_HEADS:
            return None, "unknown"  # "مصدر في وزارة الدفاع", "مسؤول أفغاني": an unnamed source
        if person is not None or near:
            return person or near[0], "named"
        return None, "unknown"
    if w in _CONTINUE_WORDS or verb_form(w) is not None:
        return None, "continue"
    if w in ("بيان", "البيان"):
        return None, "continue"
    if v.lemma in _OBJECT_VERBS:
        return None, "continue"
    return None, "unknown"


def _after_attribution(t: Tokens, i: int) -> bool:
    """"بحسب ما أعلنه الرئيس", "وفق حصيلة أعلنها الوزير": the verb attributes its whole sentence."""
    for k in range(max(0, i - 3), i):
        vf = verb_form(t.norms[k])
        if vf is not None and vf.role == ATTRIBUTION:
            return True
    return False


def _feminine(norm: str) -> bool:
    w = norm[1:] if len(norm) > 3 and norm[0] in "وف" else norm
    return w.endswith("ت") or w.startswith("ت")


def _before_verb(t: Tokens, i: int, mentions: list[Mention], sentence: tuple[int, int]) -> tuple[Mention, int] | None:
    """A subject named just before the verb ("وكانت وزارة الدفاع في أذربيجان أعلنت"): (mention, gap in tokens)."""
    start = t.starts[i]
    before = [m for m in mentions if sentence[0] <= m.start and m.end <= start and m.type in ("ORG", "GPE", "PER")]
    if not before:
        return None
    m = before[-1]
    between = [k for k in range(i) if m.end <= t.starts[k]]
    if len(between) > 2:
        return None
    punct = any(t.punct_before[k].strip(" ") for k in [*between, i])
    if punct:
        lead = sum(1 for k in range(i) if sentence[0] <= t.starts[k] < m.start)
        if lead > 5 or any(c in t.punct_before[i] for c in "\"“”«».:()-–—"):  # "(CNN) -- قالت": a credit
            return None
    if any(t.norms[k] in ("في", "مع", "الى", "على", "من", "ضد", "بين") for k in between):
        return None
    return m, len(between) + (1 if punct else 0)


def _find_verbs(t: Tokens, mentions: list[Mention], quotes: list[tuple[int, int]],
                sentences: list[tuple[int, int]]) -> list[_Verb]:
    by_start = {_token_start(t, m.start): m for m in mentions}  # "وإسرائيل": the mention starts inside its word
    verbs: list[_Verb] = []
    for i, norm in enumerate(t.norms):
        vf = verb_form(norm)
        if vf is None or any(a < t.starts[i] < b for a, b in quotes):
            continue
        s = next((x for x in sentences if x[0] <= t.starts[i] < x[1]), (0, len(t.text)))
        v = _Verb(i, vf, t.starts[i], t.ends[i], s)
        after, mode = _after_verb(t, i, vf, by_start)
        if vf.role in (MASDAR, ATTRIBUTION) and after is None:
            continue
        before = _before_verb(t, i, mentions, s) if vf.role == VERB else None
        if before is not None and (after is None or before[1] == 0):
            v.claimant, v.subject_start = before[0], before[0].start
        elif after is not None:
            v.claimant = after
        elif mode == "unknown" and vf.role == VERB:
            v.anonymous = True
        verbs.append(v)
    return verbs


def _resolve_subject(f: Fact, claimant: str | None, forces: list[Mention]) -> Fact:
    """Whose losses: the speaker's own when the text says so ("لديها") or when a military reports
    casualties with no side named; the forces named just before ("مع القوات الأرمينية ... من عناصر
    هذه القوات") when those are another side's."""
    if f.subject is not None or claimant is None or "@" not in claimant:
        return f
    country = claimant.split("@", 1)[1]
    if f.side == "own":
        return replace(f, subject=country)
    if f.kind in _OWN_LOSSES:
        other = [m.key.split("@", 1)[1] for m in forces if m.end <= f.start and m.key.startswith("army@")]
        if other and other[-1] != country:
            return replace(f, subject=other[-1])
        if claimant.startswith(_OWN_SIDE_INSTITUTIONS):
            return replace(f, subject=country)
    return f


def _publisher(t: Tokens, mentions: list[Mention], v: _Verb) -> Mention | None:
    """Who published what a verb with no named subject reports, named earlier in its sentence: "في بيان
    نشرته وكالة X التي ...، وذكر أن": X speaks through its statement."""
    for k in range(v.i - 1, -1, -1):
        if t.starts[k] < v.sentence[0]:
            break
        if t.norms[k] in _PUBLISHED and k + 1 < v.i:
            at = _token_start(t, t.starts[k + 1])
            return next((m for m in mentions if _token_start(t, m.start) == at and m.type in ("ORG", "PER")), None)
    return None


def attribute(t: Tokens, mentions: list[Mention], facts: list[Fact], last: Speaker) -> tuple[list[Claim], Speaker]:
    """Claims of one paragraph (offsets into `t.text`) and who spoke last after it."""
    text = t.text
    quotes = quote_spans(text)
    sentences = _sentences(text, quotes)
    verbs = _find_verbs(t, mentions, quotes, sentences)
    claims: list[tuple[Claim, bool]] = []  # (claim, spans the whole sentence)
    for n, v in enumerate(verbs):
        if v.claimant is not None:
            key, ctext = _claimant_key(v.claimant), v.claimant.surface
        elif v.anonymous:
            key, ctext = None, None
        else:
            prev = next((c for c, _ in reversed(claims) if c.start >= v.sentence[0] and c.claimant), None)
            pub = _publisher(t, mentions, v) if prev is None else None
            key, ctext = ((prev.claimant, prev.claimant_text) if prev else
                          (_claimant_key(pub), pub.surface) if pub else (last.key, last.text))
        whole = v.form.role == ATTRIBUTION or _after_attribution(t, v.i)
        start = v.sentence[0] if whole else min(v.start, v.subject_start if v.subject_start is not None else v.start)
        nxt = next((w for w in verbs[n + 1 :] if w.form.role != ATTRIBUTION), None)
        end = v.sentence[1]
        if not whole and nxt is not None and nxt.sentence == v.sentence:
            end = nxt.subject_start if nxt.subject_start is not None else nxt.start
        claim = Claim(start, max(end, v.end), text[v.start : v.end], v.start, v.end, key, ctext,
                      DENIES if v.form.denies else ASSERTS,
                      tuple(q for q in quotes if start <= q[0] < end))
        claims.append((claim, whole))
        if key is not None:
            last = Speaker(key, ctext)
    return _with_facts(text, claims, facts, sentences, mentions), last


_AMONG = re.compile(r"(?:من\s+)?(?:بينهم|بينها|منهم|منها)\s*$")


def _among(text: str, f: Fact) -> Fact:
    """"25 قتيلا، بينهم مدنيان": the 2 are part of the 25, not another figure (side "among")."""
    if not f.side and _AMONG.search(text, max(0, f.start - 16), f.start):
        return replace(f, side="among")
    return f


def _owner(f: Fact, claims: list[tuple[Claim, bool]]) -> int | None:
    best: int | None = None
    for k, (c, whole) in enumerate(claims):
        if c.start <= f.start < c.end and not whole and (best is None or c.start >= claims[best][0].start):
            best = k
    if best is None:
        best = next((k for k, (c, whole) in enumerate(claims) if whole and c.start <= f.start < c.end), None)
    return best


def _with_facts(text: str, claims: list[tuple[Claim, bool]], facts: list[Fact],
                sentences: list[tuple[int, int]], mentions: list[Mention]) -> list[Claim]:
    attached: dict[int, list[Fact]] = {}
    loose: dict[tuple[int, int], list[Fact]] = {}
    for f in facts:
        k = _owner(f, claims)
        if k is None:
            s = next((x for x in sentences if x[0] <= f.start < x[1]), (0, len(text)))
            loose.setdefault(s, []).append(f)
        else:
            attached.setdefault(k, []).append(f)
    out: list[Claim] = []
    for k, (c, _) in enumerate(claims):
        forces = [m for m in mentions if c.start <= m.start < c.end]
        fs = tuple(_among(text, _resolve_subject(f, c.claimant, forces)) for f in attached.get(k, ()))
        out.append(replace(c, facts=fs))
    for (a, b), loose_facts in loose.items():
        out.append(Claim(a, b, None, None, None, None, None, ASSERTS, (), tuple(_among(text, f) for f in loose_facts)))
    out.sort(key=lambda c: (c.start, c.verb_start or 0))
    return out
