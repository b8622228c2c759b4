"""Reporting verbs and attribution words: how Arabic news says who said what.

Each form is written as it appears in text and normalized at load; the lemma is the form a
reader knows (قال، أعلن، نفى). Participles (مؤكدا، مشيرة) continue the claimant of their sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from rasd.extract.tokens import norm_word

VERB, PARTICIPLE, MASDAR, ATTRIBUTION = "verb", "participle", "masdar", "attribution"

_ASSERT_VERBS: dict[str, str] = {
    "قال": "قال قالت قالوا قالا يقول تقول يقولون",
    "أعلن": "أعلن أعلنت أعلنوا أعلنا يعلن تعلن",
    "أكد": "أكد أكدت أكّد أكّدت أكدوا يؤكد تؤكد",
    "أفاد": "أفاد أفادت أفادوا يفيد تفيد",
    "أشار": "أشار أشارت أشاروا يشير تشير",
    "أضاف": "أضاف أضافت أضافوا يضيف تضيف",
    "ذكر": "ذكر ذكرت ذكروا تذكر",
    "أوضح": "أوضح أوضحت أوضحوا يوضح توضح",
    "صرح": "صرح صرحت صرّح صرّحت صرحوا يصرح تصرح",
    "كشف": "كشف كشفت كشفوا يكشف تكشف",
    "نقل": "نقلت",
    "دعا": "دعا دعت دعوا يدعو تدعو",
    "حث": "حث حثت حثّ حثّت يحث تحث",
    "حذر": "حذر حذرت حذّر حذّرت حذروا يحذر تحذر",
    "زعم": "زعم زعمت زعموا يزعم تزعم",
    "اتهم": "اتهم اتهمت اتهموا يتهم تتهم",
    "أقر": "أقر أقرت أقرّ أقرّت",
    "شدد": "شدد شددت شدّد شدّدت يشدد تشدد",
    "لفت": "لفت لفتت",
    "أبلغ": "أبلغ أبلغت",
    "اعتبر": "اعتبر اعتبرت يعتبر تعتبر",
    "تابع": "تابع تابعت",
    "ادعى": "ادعى ادعت ادّعى ادّعت يدعي تدعي",
    "أعرب": "أعرب أعربت",
    "أورد": "أورد أوردت",
    "رجح": "رجح رجحت رجّح رجّحت",
    "أحصى": "أحصى أحصت",
    "سجل": "سجلت",
    "وثق": "وثق وثقت وثّق وثّقت",
    "أدان": "أدان أدانت",
    "طالب": "طالب طالبت",
}
_DENY_VERBS: dict[str, str] = {
    "نفى": "نفى نفت نفوا ينفي تنفي",
    "كذب": "كذّب كذّبت كذبت",
    "دحض": "دحض دحضت",
}
_PARTICIPLES: dict[str, str] = {
    "أكد": "مؤكدا مؤكدة مؤكدين مؤكّدا مؤكّدة مؤكّدين مؤكداً",
    "أشار": "مشيرا مشيرة مشيرين مشيراً",
    "أضاف": "مضيفا مضيفة مضيفين مضيفاً",
    "لفت": "لافتا لافتة لافتين لافتاً",
    "دعا": "داعيا داعية داعين داعياً",
    "اعتبر": "معتبرا معتبرة معتبرين معتبراً",
    "حذر": "محذرا محذرة محذّرا محذّرة محذراً",
    "أوضح": "موضحا موضحة موضحاً",
    "شدد": "مشددا مشددة مشدّدا مشدّدة",
    "أعرب": "معربا معربة",
    "طالب": "مطالبا مطالبة",
}
_DENY_PARTICIPLES = {"نفى": "نافيا نافية نافين نافياً"}
_MASDARS = {"أعلن": "إعلان", "نفى": "نفي", "أكد": "تأكيد"}
_ATTRIBUTION = {"بحسب": "بحسب حسب وفقا وفقاً وفق طبقا نقلا استنادا"}


@dataclass(frozen=True, slots=True)
class VerbForm:
    lemma: str
    role: str  # VERB, PARTICIPLE, MASDAR or ATTRIBUTION
    denies: bool


@cache
def forms() -> dict[str, VerbForm]:
    """Normalized written form (no clitic) -> what it is."""
    out: dict[str, VerbForm] = {}
    for table, role, denies in (
        (_ASSERT_VERBS, VERB, False), (_DENY_VERBS, VERB, True), (_PARTICIPLES, PARTICIPLE, False),
        (_DENY_PARTICIPLES, PARTICIPLE, True), (_MASDARS, MASDAR, False), (_ATTRIBUTION, ATTRIBUTION, False),
    ):  # fmt: skip
        for lemma, written in table.items():
            for w in written.split():
                out.setdefault(norm_word(w), VerbForm(lemma, role, denies or (role == MASDAR and lemma == "نفى")))
    return out


@lru_cache(maxsize=1 << 16)
def verb_form(norm: str) -> VerbForm | None:
    """The reporting verb a normalized token is, with a conjunction "و"/"ف" allowed in front."""
    f = forms()
    hit = f.get(norm)
    if hit is None and len(norm) > 3 and norm[0] in "وف":
        hit = f.get(norm[1:])
    if hit is None and len(norm) > 3 and norm[0] == "ل" and norm[1:] in f and f[norm[1:]].role == MASDAR:
        hit = f[norm[1:]]
    if hit is None and len(norm) > 4 and norm.endswith(("ه", "ها")):  # "ما أعلنه", "حصيلة أعلنتها"
        base = norm[:-2] if norm.endswith("ها") else norm[:-1]
        for w in (base, base[1:] if base[0] in "وف" else base):
            got = f.get(w)
            if got is not None and got.role == VERB:
                return got
    return hit
