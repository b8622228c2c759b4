"""Entities named in a paragraph: gazetteer places and actors, institutions of a country, and people
introduced by a title ("وزير خارجية أذربيجان جيهون بيراموف", "المتحدثة باسم ... مورغان أورتاغوس").

No model: the gazetteer gives places, nisba adjectives and known actors; institutions are a
lexicon ("وزارة الدفاع", "الجيش", "السلطات") completed by a country (nisba, "في" + place, or a
genitive name); people are the name-like words after a title. A bare institution ("الجيش",
"الوزارة") takes the country of the last institution named before it in the article.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from rasd.extract.tokens import Tokens, norm_word, strip_clitic, tokenize
from rasd.extract.types import Mention
from rasd.extract.verbs import verb_form
from rasd.names.gazetteer import GazetteerHit, entries, entry, find_names

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
_BARE_NEEDS_CONTEXT = frozenset({"mod", "mfa", "moi", "moh", "army", "authorities", "government", "presidency",
                                 "parliament", "police", "civil_defence", "general_staff", "emergencies"})
_MINISTRY_WORD = norm_word("الوزارة")
_TYPES = {"COUNTRY": "GPE", "CITY": "GPE", "REGION": "LOC", "WATER": "LOC", "SITE": "LOC", "PER": "PER", "ORG": "ORG"}

TITLE_HEADS = frozenset(norm_word(w) for w in (
    "المتحدث", "المتحدثة", "متحدث", "الناطق", "الناطقة", "وزير", "وزيرة", "الوزير", "الرئيس", "رئيس", "رئيسة",
    "نائب", "السفير", "سفير", "قائد", "القائد", "المبعوث", "مبعوث", "الأمين", "مدير", "المدير", "محافظ",
    "حاكم", "العقيد", "اللواء", "العميد", "الجنرال", "الفريق", "المستشار", "مستشار", "زعيم", "الزعيم",
    "الملك", "الأمير", "الشيخ", "النائب", "عضو", "المفوض", "المنسق", "منسق", "ممثل", "الممثل", "المندوب",
    "مندوب", "مسؤول", "المسؤول", "رئيسة", "المرشح", "المرشحة", "عمدة", "المدعي", "قائدة",
))
_COMPLEMENT = frozenset(norm_word(w) for w in (
    "باسم", "خارجية", "دفاع", "داخلية", "وزراء", "جمهورية", "وزارة", "مجلس", "رئيس", "هيئة", "أركان", "عام",
    "شؤون", "لشؤون", "مكتب", "حكومة", "إدارة", "قوات", "جيش", "منظمة", "بعثة", "لجنة", "حزب", "حركة", "وكالة",
    "بلدية", "مدينة", "ولاية", "إقليم", "سلطة", "شرطة", "مفوضية", "صحة", "الصحفي", "الرسمي", "الإعلامي",
    "لمنظمة", "لوزارة", "للأمم", "لحركة", "لحزب", "لجيش", "لقوات", "مدير", "نائب", "وزير", "سابق", "السابق",
    "دولة", "للشؤون", "الأمن", "أمن", "مساعد", "لمجلس", "لرئيس", "المعترف", "بها", "من", "جانب", "واحد",
    "غير", "في", "لدى", "عن",
))
FUNCTION = frozenset(norm_word(w) for w in (
    "في", "من", "على", "عن", "إلى", "الى", "أن", "إن", "ان", "أنه", "أنها", "إنه", "إنها", "قد", "لقد", "كان",
    "كانت", "ما", "لا", "لم", "لن", "مع", "بعد", "قبل", "خلال", "عند", "حتى", "أو", "ثم", "بين", "هذا", "هذه",
    "ذلك", "تلك", "التي", "الذي", "الذين", "اليوم", "أمس", "غدا", "وقت", "بيان", "حيث", "كما", "أيضا", "منذ",
    "ضد", "نحو", "حول", "عبر", "لدى", "دون", "غير", "بها", "به", "لها", "له", "فيه", "فيها", "بأن", "وأن", "وإن",
    "يوم", "مساء", "صباح", "ليلة", "عبر", "إثر", "عقب", "وسط", "لكن", "لكنه", "بل", "كل", "جميع", "هناك", "هنا",
    "ارتفاع", "مواصلة", "استمرار", "وقف", "تدمير", "مقتل", "إصابة", "سقوط", "إسقاط", "عدد", "عن", "بشأن",
    "نظيره", "نظيرها", "نظيريه", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
    "إنّ", "أنّ", "بأنه", "بأنها",
))


_NAME_PREFIXES = frozenset(norm_word(w) for w in ("عبد", "أبو", "أبي", "بن", "ابن", "نور", "سيف", "شمس"))
# A named body the gazetteer does not know: a head noun, then its genitive chain ("المرصد السوري لحقوق
# الإنسان", "اللجنة الوطنية لإدارة الحالات الطارئة"). Keyed by its normalized words.
ORG_HEADS = frozenset(norm_word(w) for w in (
    "منظمة", "مركز", "مرصد", "لجنة", "هيئة", "مديرية", "قيادة", "مكتب", "وكالة", "جماعة", "حركة", "حزب",
    "مجلس", "جهاز", "دائرة", "مفوضية", "إدارة", "شبكة", "رابطة", "اتحاد", "جمعية", "مؤسسة", "جبهة", "تحالف",
    "القوات", "قوات", "البعثة", "بعثة", "الهلال", "الصليب", "نقابة", "محكمة", "النيابة", "بلدية", "غرفة",
))
GROUPS = {norm_word(k): v for k, v in (
    ("شهود عيان", "witnesses"), ("شاهد عيان", "witnesses"), ("ناشطون", "activists"), ("ناشطين", "activists"),
    ("سكان محليون", "residents"), ("السكان", "residents"), ("الناجون", "survivors"), ("مسعفون", "medics"),
)}
_MAX_ORG = 7


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


@dataclass(slots=True)
class Context:
    """What earlier paragraphs of the same article named (for bare institutions and surnames)."""

    last_country: dict[str, str] = field(default_factory=dict)  # institution -> country last seen with it
    last_any: str | None = None  # country of the last country-qualified institution
    surnames: dict[str, tuple[str, str]] = field(default_factory=dict)  # last name -> (key, display name)
    countries: Counter[str] = field(default_factory=Counter)  # countries named so far, for a bare "وزارة الصحة"


def institution_name(inst: str, country: str) -> str:
    e = entry(country)
    where = e.name_ar if e else country
    return f"{INSTITUTIONS[inst][0]} ({where})" if inst != "side" else where


def _after(t: Tokens, i: int, end: int) -> int:
    """Index of the first token at or after `end` (scanning from token i)."""
    while i < len(t) and t.starts[i] < end:
        i += 1
    return i


def _hit_starting(hits_at: dict[int, GazetteerHit], t: Tokens, i: int) -> GazetteerHit | None:
    return hits_at.get(t.starts[i]) if i < len(t) else None


def _country_after(t: Tokens, j: int, hits_at: dict[int, GazetteerHit]) -> tuple[str, int] | None:
    """The country (or region) named right after token j-1: a nisba, "في"/"ب" + place, or a genitive name.
    Returns (key, index after it)."""
    if j >= len(t) or t.punct_before[j].strip(" \"“”«»"):
        return None
    h = _hit_starting(hits_at, t, j)
    if h is None and t.norms[j] in ("في", "ب") and j + 1 < len(t):
        h = _hit_starting(hits_at, t, j + 1)
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


def _institution(t: Tokens, i: int, hits_at: dict[int, GazetteerHit]) -> tuple[str, int] | None:
    """An institution phrase starting at token i: (institution key, index after the phrase)."""
    first = strip_clitic(t.norms[i])
    for cand in (t.norms[i], first):
        for p in _phrases().get(cand, ()):
            n = len(p.tokens)
            if i + n > len(t):
                continue
            words = (cand, *t.norms[i + 1 : i + n])
            if words == p.tokens and not any(t.punct_before[k].strip() for k in range(i + 1, i + n)):
                if p.needs_country and _country_after(t, i + n, hits_at) is None:
                    continue
                return p.inst, i + n
    return None


def _name_like(t: Tokens, k: int) -> bool:
    w = t.norms[k]
    if k > 0 and t.norms[k - 1] in _NAME_PREFIXES and w.startswith("ال") and not t.punct_before[k].strip():
        return True  # "عبد الله", "أبو الفضل"
    return (len(w) >= 2 and not w.isdigit() and w not in FUNCTION and not w.startswith("ال")
            and strip_clitic(w) not in FUNCTION and strip_clitic(w) not in TITLE_HEADS and verb_form(w) is None
            and not (w[0] == "و" and strip_clitic(w).startswith("نظير")))


def _boundary(t: Tokens, k: int) -> bool:
    """Token k ends a phrase: punctuation or a function word or a verb follows, or the text ends."""
    return k + 1 >= len(t) or bool(t.punct_before[k + 1].strip()) or t.norms[k + 1] in FUNCTION \
        or verb_form(t.norms[k + 1]) is not None


def _family_name(t: Tokens, k: int, hits_at: dict[int, GazetteerHit]) -> bool:
    if k >= len(t) or t.punct_before[k].strip() or k in hits_at:
        return False
    w = t.norms[k]
    return (w.startswith("ال") and len(w) > 4 and w not in FUNCTION and t.starts[k] not in hits_at
            and _boundary(t, k))


def _person_after_title(t: Tokens, i: int, hits_at: dict[int, GazetteerHit]) -> tuple[int, int] | None:
    """Token range [a, b) of the name a title at token i introduces, if any."""
    k = i + 1
    steps = 0
    while k < len(t) and steps < 12 and not t.punct_before[k].strip():
        h = _hit_starting(hits_at, t, k)
        if h is not None and h.type == "PER":
            break
        w = t.norms[k]
        if h is not None or w.startswith(("ال", "لل", "بال")) or w in _COMPLEMENT:
            k += 1
            steps += 1
            if h is not None:
                while k < len(t) and t.starts[k] < h.end:
                    k += 1
            continue
        break
    if k >= len(t) or (k == i + 1 and t.punct_before[k].strip()):
        return None
    if t.punct_before[k].strip() and "،" not in t.punct_before[k] and "," not in t.punct_before[k]:
        return None
    h = _hit_starting(hits_at, t, k)
    if h is not None and h.type == "PER":
        end = k
        while end < len(t) and t.starts[end] < h.end:
            end += 1
        return k, end
    run = k
    while run < len(t) and run - k < 3 and _name_like(t, run) and (run == k or not t.punct_before[run].strip()):
        run += 1
    if run == k:
        return None
    if run - k < 3 and _family_name(t, run, hits_at):
        run += 1  # "عماد الطرابلسي": a family name with the article ends the name
    if run - k == 3 and run < len(t) and not t.punct_before[run].strip() and t.norms[run] not in FUNCTION:
        run -= 1  # a third word followed by more text is likely not part of the name
    return k, run


def find_mentions(text: str, base: int = 0, hits: list[GazetteerHit] | None = None,
                  ctx: Context | None = None) -> list[Mention]:
    """Entities named in one paragraph, in text order, with spans offset by `base`.

    >>> [(m.key, m.surface) for m in find_mentions("وأعلنت وزارة الدفاع الأرمينية مقتل 16 جنديا")]
    [('mod@AM', 'وزارة الدفاع الأرمينية')]
    """
    ctx = ctx if ctx is not None else Context()
    hits = find_names(text) if hits is None else hits
    hits_at = {h.start: h for h in hits}
    t = tokenize(text)
    out: list[Mention] = []
    covered_until = -1
    i = 0
    while i < len(t):
        if t.starts[i] < covered_until:
            i += 1
            continue
        m = _mention_at(t, i, hits_at, ctx)
        if m is None:
            i += 1
            continue
        mention, nxt = m
        out.append(Mention(mention.key, mention.type, mention.start + base, mention.end + base,
                           mention.surface, mention.name))
        covered_until = mention.end
        i = nxt
    return out


@cache
def _aliases() -> dict[str, str]:
    """"mfa@US" -> "state_department": an institution the gazetteer knows under its own key."""
    out: dict[str, str] = {}
    for e in entries().values():
        if e.type != "ORG" or not e.country:
            continue
        for v in e.variants:
            t = tokenize(v)
            if len(t) == 0:
                continue
            inst = _institution(t, 0, {})
            rest = t.norms[inst[1] :] if inst is not None else ()
            if inst is not None and (len(rest) == 1 or (len(rest) == 2 and rest[0] in ("في", "ب"))):
                out.setdefault(f"{inst[0]}@{e.country}", e.key)
    return out


def _mention_at(t: Tokens, i: int, hits_at: dict[int, GazetteerHit], ctx: Context) -> tuple[Mention, int] | None:
    text = t.text
    h = _hit_starting(hits_at, t, i)
    if h is not None and h.type == "ORG" and h.form == "name":
        e_ = entry(h.key)
        end = _after(t, i, h.end)
        inst = _institution(t, i, {})
        if inst is not None and h.country:
            ctx.last_country[inst[0]] = h.country
            ctx.last_any = h.country
        return Mention(h.key, "ORG", h.start, h.end, h.surface, e_.name_ar if e_ else h.surface), end
    inst = _institution(t, i, hits_at)
    if inst is not None:
        name, j = inst
        country = _country_after(t, j, hits_at)
        if country is not None:
            key, j = country
            ctx.last_country[name] = key
            ctx.last_any = key
        elif name in _BARE_NEEDS_CONTEXT and (name in ctx.last_country or ctx.last_any or ctx.countries):
            key = ctx.last_country.get(name) or ctx.last_any or ctx.countries.most_common(1)[0][0]
        else:
            return None
        s, e = t.starts[i], t.ends[j - 1]
        if name == "side":
            return Mention(key, "GPE", s, e, text[s:e], institution_name(name, key)), j
        full = f"{name}@{key}"
        alias = _aliases().get(full)
        if alias is not None:
            e_ = entry(alias)
            return Mention(alias, "ORG", s, e, text[s:e], e_.name_ar if e_ else text[s:e]), j
        return Mention(full, "ORG", s, e, text[s:e], institution_name(name, key)), j
    bare_ministry = t.norms[i] in (_MINISTRY_WORD, "و" + _MINISTRY_WORD)
    if bare_ministry and ctx.last_any:  # "الوزارة": the ministry named last
        last = next((k for k in ("mod", "mfa", "moi", "moh", "emergencies") if k in ctx.last_country), None)
        if last:
            key = ctx.last_country[last]
            s, e = t.starts[i], t.ends[i]
            return Mention(f"{last}@{key}", "ORG", s, e, text[s:e], institution_name(last, key)), i + 1
    org = _named_body(t, i, hits_at) if t.starts[i] not in hits_at else None  # the gazetteer knows better
    if org is not None:
        return org
    if strip_clitic(t.norms[i]) in TITLE_HEADS or t.norms[i] in TITLE_HEADS:
        rng = _person_after_title(t, i, hits_at)
        if rng is not None:
            return _person(t, rng, hits_at, ctx), rng[1]
    h = _hit_starting(hits_at, t, i)
    if h is not None and h.form == "name":
        e_ = entry(h.key)
        end = i
        while end < len(t) and t.starts[end] < h.end:
            end += 1
        if h.type == "PER":
            return _person(t, (i, end), hits_at, ctx), end
        if h.type == "COUNTRY":
            ctx.countries[h.key] += 1
        return Mention(h.key, _TYPES.get(h.type, "LOC"), h.start, h.end, h.surface,
                       e_.name_ar if e_ else h.surface), end
    sur = ctx.surnames.get(strip_clitic(t.norms[i])) or ctx.surnames.get(t.norms[i])
    if sur is not None:
        s, e = t.starts[i], t.ends[i]
        return Mention(sur[0], "PER", s, e, text[s:e], sur[1]), i + 1
    return None


def _named_body(t: Tokens, i: int, hits_at: dict[int, GazetteerHit]) -> tuple[Mention, int] | None:
    """An organisation the gazetteer does not know, or a group of witnesses, starting at token i."""
    w = t.norms[i]
    for n in (2, 1):
        phrase = " ".join(t.norms[i : i + n])
        if i + n <= len(t) and phrase in GROUPS and not any(t.punct_before[k].strip() for k in range(i + 1, i + n)):
            s, e = t.starts[i], t.ends[i + n - 1]
            return Mention("group:" + GROUPS[phrase], "ORG", s, e, t.text[s:e], t.text[s:e]), i + n
    base = strip_clitic(w)
    if base not in ORG_HEADS and base.removeprefix("ال") not in ORG_HEADS:
        return None
    j = i + 1
    while j < len(t) and j - i < _MAX_ORG and not t.punct_before[j].strip(" "):
        x = t.norms[j]
        if x in FUNCTION or verb_form(x) is not None or x in TITLE_HEADS:
            break
        if not (x.startswith(("ال", "لل", "بال")) or (j - i == 1 and not x.isdigit())):
            break
        j += 1
    if j - i < 2:
        return None
    words = (base.removeprefix("ال"), *t.norms[i + 1 : j])
    s, e = t.starts[i], t.ends[j - 1]
    return Mention("org:" + " ".join(words), "ORG", s, e, t.text[s:e], t.text[s:e]), j


def person_key(norm_tokens: tuple[str, ...]) -> str:
    return "per:" + " ".join(norm_tokens)


def _person(t: Tokens, rng: tuple[int, int], hits_at: dict[int, GazetteerHit], ctx: Context) -> Mention:
    a, b = rng
    s, e = t.starts[a], t.ends[b - 1]
    h = _hit_starting(hits_at, t, a)
    if h is not None and h.type == "PER":
        e_ = entry(h.key)
        key, name = h.key, (e_.name_ar if e_ else h.surface)
    else:
        key, name = person_key(t.norms[a:b]), t.text[s:e]
    if b - a >= 2:
        ctx.surnames[t.norms[b - 1]] = (key, name)
    return Mention(key, "PER", s, e, t.text[s:e], name)
