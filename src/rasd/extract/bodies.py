"""Named bodies the gazetteer does not know: a head noun and its genitive chain ("المرصد السوري لحقوق
الإنسان"، "وزارة الطاقة الأمريكية"، "جامعة القاهرة"), and groups of witnesses that speak (شهود عيان).

A definite head takes no genitive after it ("المنظمة تحتفي" is no name), and with one descriptive
adjective ("اللجنة المنظمة"، "الجهاز الفني"، "القوات الخاصة") it is the body a story is about, not its
name; a rank ("المركز الثاني") and "belonging to" (التابعة) end the chain; الهلال and الصليب are bodies
only as الهلال الأحمر and الصليب الأحمر.
"""

from __future__ import annotations

from rasd.extract.institutions import after, hit_starting
from rasd.extract.lexicon import FUNCTION, TITLE_HEADS
from rasd.extract.tokens import Tokens, norm_word, strip_clitic
from rasd.extract.types import Mention
from rasd.extract.verbs import verb_form
from rasd.names.gazetteer import GazetteerHit

# A named body the gazetteer does not know: a head noun, then its genitive chain ("المرصد السوري لحقوق
# الإنسان", "اللجنة الوطنية لإدارة الحالات الطارئة"). Keyed by its normalized words.
ORG_HEADS = frozenset(norm_word(w) for w in (
    "منظمة", "مركز", "مرصد", "لجنة", "هيئة", "مديرية", "قيادة", "مكتب", "وكالة", "جماعة", "حركة", "حزب",
    "مجلس", "جهاز", "دائرة", "مفوضية", "إدارة", "شبكة", "رابطة", "اتحاد", "جمعية", "مؤسسة", "جبهة", "تحالف",
    "القوات", "قوات", "البعثة", "بعثة", "الهلال", "الصليب", "نقابة", "محكمة", "النيابة", "بلدية", "غرفة",
    "وزارة", "جامعة", "كلية", "معهد", "مدرسة", "مستشفى", "صندوق", "بنك", "مصرف", "ديوان", "أكاديمية", "كتلة",
    "ائتلاف", "منتدى",
))
GROUPS = {norm_word(k): v for k, v in (
    ("شهود عيان", "witnesses"), ("شاهد عيان", "witnesses"), ("ناشطون", "activists"), ("ناشطين", "activists"),
    ("سكان محليون", "residents"), ("السكان", "residents"), ("الناجون", "survivors"), ("مسعفون", "medics"),
)}
GROUP_FIRSTS = frozenset(k.split()[0] for k in GROUPS)  # a token that starts no group phrase is not looked up
_MAX_ORG = 7
_RED = frozenset(norm_word(w) for w in ("هلال", "صليب"))
_RED_WORD = norm_word("الأحمر")
# "المركز الثاني" is a rank, not a body.
_RANKS = frozenset(norm_word(w) for w in (
    "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر", "الأخير",
))
# Adjectives that make a definite head a description, not a name ("القوات الخاصة", "المنظمة الدولية").
_GENERIC = frozenset(norm_word(w) for w in (
    "المنظمة", "المنظم", "الفني", "الفنية", "المعنية", "المعني", "المختصة", "المختص", "المسؤولة", "المحلية",
    "الدولية", "الدولي", "المشتركة", "الخاصة", "الحالية", "الحالي", "الجديدة", "الجديد", "السابقة", "السابق",
    "المقبلة", "الأمنية", "الحكومية", "الرسمية", "الأجنبية", "الحكيمة", "الرشيدة", "العنكبوتية", "الأصولية",
    "الإقليمية", "الإرهابية", "الحقوقية", "القضائية", "الجماعية", "المحيطة", "الأكاديمية", "المالية", "الإسلامية",
    "العالمية", "الاقتصادي", "الاقتصادية", "المسلحة", "المتطرفة", "الكبرى", "الأخرى", "نفسها", "ذاتها",
))
# "قوات حفظ السلام التابعة للأمم المتحدة": the chain of a named body stops before "belonging to".
_BELONGS = frozenset(norm_word(w) for w in ("التابعة", "التابع", "التابعين", "التابعون"))


def named_body(t: Tokens, i: int, hits_at: dict[int, GazetteerHit]) -> tuple[Mention, int] | None:
    """An organisation the gazetteer does not know, or a group of witnesses, starting at token i."""
    w = t.norms[i]
    for n in (2, 1) if w in GROUP_FIRSTS else ():
        phrase = " ".join(t.norms[i : i + n])
        if i + n <= len(t) and phrase in GROUPS and not any(t.punct_before[k].strip() for k in range(i + 1, i + n)):
            s, e = t.starts[i], t.ends[i + n - 1]
            return Mention("group:" + GROUPS[phrase], "ORG", s, e, t.text[s:e], t.text[s:e]), i + n
    base = w if w in ORG_HEADS else strip_clitic(w)  # وكالة is not و + كالة
    if base not in ORG_HEADS and base.removeprefix("ال") not in ORG_HEADS:
        return None
    if base.removeprefix("ال") in _RED and (i + 1 >= len(t) or t.norms[i + 1] != _RED_WORD):
        return None  # الهلال is the crescent, الهلال الأحمر the society
    definite = base.startswith("ال")  # "المنظمة تحتفي": a definite head takes no genitive after it
    j = i + 1
    while j < len(t) and j - i < _MAX_ORG and not t.punct_before[j].strip(" "):
        x = t.norms[j]
        if x in FUNCTION or x in _BELONGS or verb_form(x) is not None or x in TITLE_HEADS or x in _RANKS:
            break
        if not (x.startswith(("ال", "لل", "بال")) or (j - i == 1 and not x.isdigit() and not definite)
                or (x[:1] == "ل" and len(x) > 3 and x not in FUNCTION and j + 1 < len(t)
                    and t.norms[j + 1].startswith("ال") and not t.punct_before[j + 1].strip())):
            break
        j += 1
    if j - i < 2:
        return None
    if base.startswith("ال") and j - i == 2 and t.norms[i + 1] in _GENERIC:
        return None  # "اللجنة المنظمة", "الجهاز الفني": the body the story is about, not its name
    inner = hit_starting(hits_at, t, i + 1)
    if inner is not None and inner.type == "ORG" and after(t, i + 1, inner.end) >= j:
        return None  # "جماعة الجنجويد": the gazetteer knows the body after the head
    words = (base.removeprefix("ال"), *t.norms[i + 1 : j])
    s, e = t.starts[i], t.ends[j - 1]
    return Mention("org:" + " ".join(words), "ORG", s, e, t.text[s:e], t.text[s:e]), j
