"""The key action of a headline, where one story runs through a series of like happenings:
what keeps two events of one story apart when they share every actor, place and most words.

Marks are read from the title alone (a lead retells the series so far):
- an ordinal of the happening ("أول طائرة إغاثة", "الطائرة الثانية", "الملء الرابع"): the first
  and the second of a series are two happenings, a day or an hour apart. "لأول مرة" (for the first
  time) and ordinals in names ("عبدالله الثاني", "تشرين الأول") are not counted;
- "again": the title says the happening is another one ("هجوم جديد", "انفجار جديد", "من جديد",
  "مجددا", "غداة هجمات الكنائس": the day after). A new parliament or a new truce is no new
  happening: جديد counts after a happening noun (attack, blast, clash, strike, quake) only;
- the phase of an election: the voting ("يدلون بأصواتهم", "بدء التصويت", "إغلاق مراكز الاقتراع",
  "نسبة المشاركة", "إقبال ضعيف") against its results ("نتائج", "فوز", "الفائزين", "مقاعد",
  "يتقدم"), read only in a title about a vote (انتخابات, الاقتراع, البرلمان, الرئاسيات...): polling
  day and the results a day or two later are two happenings of one story. A title that names the
  results is a results title even when it names the vote ("فوز ... في الاقتراع"), but not when it
  awaits them ("وترقب للنتائج"). A parliament electing a president ("البرلمان ينتخب") is no
  polling day: the singular ينتخب is no mark.

`conflict` says whether an article's marks exclude those of an event's core: the article says
"again" and no core title does (it is the next attack, not a report of the last), or both name
ordinals and none is shared, or both name an election phase and none is shared. A title with
no mark never conflicts, so a reaction or a retelling in other words still joins on wording alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rasd.arabic.normalize import normalize, strip_marks

# Normalized word forms (clitics stripped), written for rasd.
_ORDINALS = {
    "اول": 1, "الاول": 1, "الاولي": 1, "اولي": 1, "ثاني": 2, "الثاني": 2, "الثانيه": 2, "ثانيه": 2,
    "ثالث": 3, "الثالث": 3, "الثالثه": 3, "ثالثه": 3, "رابع": 4, "الرابع": 4, "الرابعه": 4, "رابعه": 4,
    "خامس": 5, "الخامس": 5, "الخامسه": 5, "خامسه": 5,
}  # fmt: skip
# Words next to which an ordinal is not the happening's: a time ("لأول مرة"), a month, a name.
_NOT_ORDINAL = frozenset(["مره", "المره", "مرات", "كانون", "تشرين", "ربيع", "جمادي", "عبدالله", "الله", "الملك"])
# "Another" happening: a happening noun with جديد ("هجوم جديد"), or مجددا, "من جديد", غداة (the day after).
_HAPPENINGS = frozenset([
    "هجوم", "هجمات", "تفجير", "تفجيرات", "انفجار", "انفجارات", "اشتباك", "اشتباكات", "قصف", "غاره", "غارات",
    "زلزال", "هزه", "اعتداء",
])  # fmt: skip
_NEW = frozenset(["جديد", "جديده"])
_AGAIN = frozenset(["مجددا", "غداه"])
# Election phases (normalized forms, after one clitic is stripped): a title about a vote ...
_ELECTION = frozenset([
    "انتخابات", "الانتخابات", "انتخابيه", "الانتخابيه", "انتخابي", "الانتخابي", "الرياسيات", "رياسيات",
    "التشريعيات", "البلديات", "الاستفتاء", "استفتاء", "الاقتراع", "اقتراع", "البرلمان", "برلمان",
    "البرلمانيه", "النيابيه", "الناخبون", "الناخبين", "ناخب", "ينتخبون", "يقترعون", "يقترع",
])  # fmt: skip
# ... names its polling day ...
_VOTING = frozenset([
    "يصوت", "يصوتون", "تصوت", "التصويت", "تصويت", "يدلون", "يدلي", "تدلي", "اصواتهم", "صوته", "صوتها",
    "الاقتراع", "اقتراع", "يقترعون", "يقترع", "ينتخبون", "الاقبال", "اقبال", "المشاركه",
])  # fmt: skip
# ... or its results (not when it awaits them: "ترقب للنتائج").
_RESULTS = frozenset([
    "نتايج", "النتايج", "نتيجه", "النتيجه", "فوز", "فوزه", "فوزها", "فوزا", "يفوز", "تفوز", "فاز", "فازت",
    "الفايز", "الفايزين", "الفايزون", "فايز", "مقاعد", "المقاعد", "مقاعده", "مقاعدها", "مقعدا", "مقعد",
    "يتقدم", "تتقدم", "تقدم", "يكتسح", "اكتساح",
])  # fmt: skip
_AWAIT = frozenset(["ترقب", "ترقبا", "انتظار", "بانتظار", "انتظارا"])
_CLITICS = ("وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "و", "ف", "ب", "ل")
_GROUPS = ("ord:", "phase:")  # marks of one group exclude one another
# A title that asks or explains heads an analysis, a profile or a backgrounder: about a happening, not
# a report of it ("ماذا بعد قرار ترامب؟", "أهم 10 محطات", "حقائق وأرقام"). It opens its own event.
ANALYSIS = "kind:analysis"
_ASKING = frozenset(["ماذا", "لماذا", "كيف", "هل", "متي"])
_ASKING_PAIRS = frozenset([("ما", "هي"), ("ما", "هو"), ("ما", "الذي"), ("من", "هو"), ("من", "هي"), ("ما", "بعد")])
_EXPLAINING = frozenset(["تحليل", "حقايق", "محطات", "سيناريوهات", "بالارقام", "تداعيات", "بروفايل"])
# A clause headed by a listing superlative is a list about a happening: "أبرز العقوبات ...", "أهم بنود الاتفاق".
_LISTING = frozenset(["ابرز", "اهم"])
_CLAUSE = re.compile(r"\.\.|:|-|؛|،")
_WORD = re.compile(r"[^\W\d_]+")


def _forms(word: str) -> tuple[str, ...]:
    """The word and its readings without one leading clitic (وللثانية: للثانية, الثانية...)."""
    out = [word]
    for p in _CLITICS:
        if word.startswith(p) and len(word) - len(p) >= 3:
            out.append(word[len(p) :])
    return tuple(out)


def title_actions(title: str | None) -> tuple[str, ...]:
    """The marks of a title, sorted: "ord:N" for each ordinal of the happening it names, "again",
    and "phase:vote" or "phase:results" for an election's polling day or its results."""
    if not title:
        return ()
    norm = normalize(strip_marks(title))
    toks = _WORD.findall(norm)
    marks: set[str] = set(_phase(toks))
    if _analysis(norm, toks):
        marks.add(ANALYSIS)
    for i, tok in enumerate(toks):
        forms = _forms(tok)
        prev = set(_forms(toks[i - 1])) if i else set()
        if any(f in _AGAIN for f in forms) or (tok in _NEW and prev & (_HAPPENINGS | {"من"})):
            marks.add("again")
        n = next((_ORDINALS[f] for f in forms if f in _ORDINALS), None)
        if n is None:
            continue
        near = set(_forms(toks[i - 1])) if i else set()
        if i + 1 < len(toks):
            near.update(_forms(toks[i + 1]))
        if not near & _NOT_ORDINAL:
            marks.add(f"ord:{n}")
    return tuple(sorted(marks))


def _analysis(norm: str, toks: list[str]) -> bool:
    """Does the title ask or explain? An explaining word anywhere, a clause that lists ("أبرز ...",
    "أهم ..."), or a question heading it: the first
    clause, or the second after a short label ("فرنسا: ما الذي نعرفه"); not a report with a question
    after it ("تطلق سراح 3 أمريكيين.. لماذا احتجزتهم؟")."""
    if any(f in _EXPLAINING for t in toks for f in _forms(t)):
        return True
    clauses = [c for c in (_WORD.findall(c) for c in _CLAUSE.split(norm)) if c]
    if any(c[0] in _LISTING and len(c) > 1 for c in clauses):
        return True
    if clauses and len(clauses[0]) <= 2 and len(clauses) > 1:
        clauses = clauses[1:]
    head = clauses[0] if clauses else []
    asks = bool(head) and (head[0] in _ASKING or tuple(head[:2]) in _ASKING_PAIRS)
    return asks or (len(clauses) == 1 and norm.rstrip().endswith(("؟", "?")))


def _phase(toks: list[str]) -> tuple[str, ...]:
    """The election phase a title names (its tokens, normalized): polling day or results, or none."""
    forms = [_forms(t) for t in toks]
    words = {f for fs in forms for f in fs}
    if not words & _ELECTION and not any(f.startswith(("انتخاب", "الانتخاب")) for f in words):
        return ()
    for i, fs in enumerate(forms):
        if any(f in _RESULTS for f in fs) and not (i and set(forms[i - 1]) & _AWAIT):
            return ("phase:results",)
    if words & _VOTING:
        return ("phase:vote",)
    return ()


def conflict(doc: Iterable[str], event: Mapping[str, int]) -> bool:
    """Do an article's marks exclude those of an event's core (counts of its members' marks)?"""
    mine = set(doc)
    theirs = {m for m, n in event.items() if n > 0}
    if ANALYSIS in mine or ANALYSIS in theirs:
        return True  # an analysis is about a happening: its own event, in the happening's story
    if "again" in mine and "again" not in theirs:
        return True
    for group in _GROUPS:
        a = {m for m in mine if m.startswith(group)}
        b = {m for m in theirs if m.startswith(group)}
        if a and b and not a & b:
            return True
    return False
