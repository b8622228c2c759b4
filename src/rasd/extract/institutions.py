"""Institutions of a country: a lexicon of phrases ("وزارة الدفاع", "الجيش", "السلطات") completed by a
country named right after them (a nisba, "في"/"ب" + place, or a genitive name), keyed "mod@AM"."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rasd.extract.tokens import Tokens, norm_word, strip_clitic, tokenize
from rasd.names.gazetteer import GazetteerHit, entries, entry

# institution key -> (display name, spellings; a trailing * means: only with a country after it)
INSTITUTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "mod": ("وزارة الدفاع", ("وزارة الدفاع", "وزارة دفاع", "الدفاع*")),
    "mfa": ("وزارة الخارجية", ("وزارة الخارجية", "وزارة خارجية", "الخارجية*")),
    "moi": ("وزارة الداخلية", ("وزارة الداخلية", "وزارة داخلية", "الداخلية*")),
    "moh": ("وزارة الصحة", ("وزارة الصحة", "وزارة صحة", "الصحة*")),
    "emergencies": ("وزارة الطوارئ", ("وزارة الطوارئ", "وزارة الطوارئ والكوارث")),
    "army": ("الجيش", ("الجيش", "جيش", "القوات المسلحة", "قوات مسلحة", "القوات*")),
    "general_staff": ("هيئة الأركان", ("هيئة الأركان", "هيئة الأركان العامة", "رئاسة الأركان", "الأركان العامة")),
    "authorities": ("السلطات", ("السلطات", "سلطات", "السلطات المحلية")),
    "government": ("الحكومة", ("الحكومة", "حكومة")),
    "presidency": ("الرئاسة", ("الرئاسة", "رئاسة الجمهورية", "مكتب الرئيس")),
    "parliament": ("البرلمان", ("البرلمان", "برلمان", "مجلس النواب", "مجلس الشعب")),
    "police": ("الشرطة", ("الشرطة", "الشرطة المحلية")),
    "civil_defence": ("الدفاع المدني", ("الدفاع المدني", "جهاز الدفاع المدني", "مديرية الدفاع المدني")),
    "elections": ("لجنة الانتخابات", (
        "لجنة الانتخابات", "اللجنة العليا للانتخابات", "المفوضية العليا المستقلة للانتخابات",
        "الهيئة العليا المستقلة للانتخابات", "الهيئة الوطنية للانتخابات", "المفوضية الوطنية للانتخابات",
        "اللجنة المركزية للانتخابات", "الهيئة العليا للانتخابات", "مفوضية الانتخابات",
    )),
    "side": ("الجانب", ("الجانب",)),
}
BARE_NEEDS_CONTEXT = frozenset({"mod", "mfa", "moi", "moh", "army", "authorities", "government", "presidency",
                                 "parliament", "police", "civil_defence", "general_staff", "emergencies"})
MINISTRY_WORD = norm_word("الوزارة")
@dataclass(frozen=True, slots=True)
class _Phrase:
    inst: str
    tokens: tuple[str, ...]
    needs_country: bool


@cache
def _phrases() -> dict[str, tuple[_Phrase, ...]]:
    """First normalized token -> institution phrases starting with it, longest first."""
    by_first: dict[str, list[_Phrase]] = {}
    for inst, (_name, spellings) in INSTITUTIONS.items():
        for s in spellings:
            needs = s.endswith("*")
            toks = tuple(norm_word(w) for w in s.rstrip("*").split())
            by_first.setdefault(toks[0], []).append(_Phrase(inst, toks, needs))
    return {k: tuple(sorted(v, key=lambda p: -len(p.tokens))) for k, v in by_first.items()}


def phrase_firsts() -> frozenset[str]:
    """The words an institution phrase can begin with (normalized, no clitic)."""
    return frozenset(_phrases())


def institution_name(inst: str, country: str) -> str:
    e = entry(country)
    where = e.name_ar if e else country
    return f"{INSTITUTIONS[inst][0]} ({where})" if inst != "side" else where


def after(t: Tokens, i: int, end: int) -> int:
    """Index of the first token at or after `end` (scanning from token i)."""
    while i < len(t) and t.starts[i] < end:
        i += 1
    return i


def hit_starting(hits_at: dict[int, GazetteerHit], t: Tokens, i: int) -> GazetteerHit | None:
    return hits_at.get(t.starts[i]) if i < len(t) else None


def country_after(t: Tokens, j: int, hits_at: dict[int, GazetteerHit]) -> tuple[str, int] | None:
    """The country (or region) named right after token j-1: a nisba, "في"/"ب" + place, or a genitive name.
    Returns (key, index after it)."""
    if j >= len(t) or t.punct_before[j].strip(" \"“”«»"):
        return None
    h = hit_starting(hits_at, t, j)
    if h is None and t.norms[j] in ("في", "ب") and j + 1 < len(t):
        h = hit_starting(hits_at, t, j + 1)
        if h is not None and h.form != "name":
            h = None
    if h is None:
        return None
    if h.type in ("PER", "ORG"):
        return None
    key = h.key if h.type in ("COUNTRY", "REGION") else (h.country or h.key)
    end = j
    while end < len(t) and t.starts[end] < h.end:
        end += 1
    return key, end


def institution(t: Tokens, i: int, hits_at: dict[int, GazetteerHit]) -> tuple[str, int] | None:
    """An institution phrase starting at token i: (institution key, index after the phrase)."""
    first = strip_clitic(t.norms[i])
    for cand in (t.norms[i], first):
        for p in _phrases().get(cand, ()):
            n = len(p.tokens)
            if i + n > len(t):
                continue
            words = (cand, *t.norms[i + 1 : i + n])
            if words == p.tokens and not any(t.punct_before[k].strip() for k in range(i + 1, i + n)):
                if p.needs_country and country_after(t, i + n, hits_at) is None:
                    continue
                return p.inst, i + n
    return None


@cache
def aliases() -> dict[str, str]:
    """"mfa@US" -> "state_department": an institution the gazetteer knows under its own key."""
    out: dict[str, str] = {}
    for e in entries().values():
        if e.type != "ORG" or not e.country:
            continue
        for v in e.variants:
            t = tokenize(v)
            if len(t) == 0:
                continue
            inst = institution(t, 0, {})
            rest = t.norms[inst[1] :] if inst is not None else ()
            if inst is not None and (len(rest) == 1 or (len(rest) == 2 and rest[0] in ("في", "ب"))):
                out.setdefault(f"{inst[0]}@{e.country}", e.key)
    return out
