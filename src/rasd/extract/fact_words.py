"""The words numeric facts are made of: counted nouns (people, equipment, places, election terms),
event and action words, and the small word sets `rasd.extract.facts` reads around a figure.

Data plus the look-ups that allow clitics and pronoun suffixes on a word."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rasd.arabic.normalize import normalize
from rasd.extract.types import EQUIPMENT_KINDS, PEOPLE_KINDS


@dataclass(frozen=True, slots=True)
class Noun:
    cat: str  # "people", "equipment", "place", "election"
    kind: str  # the fact kind; for people the kind the noun itself says (قتيل: killed) or ""
    plural: bool
    bare: bool = False  # counts only with an action nearby (مسيرة is also "a march")


# kind:forms, ";" between kinds ("*" plural, "~" needs an action). People also get an accusative singular (جنديا).
PEOPLE = """
killed:قتيل|قتلى*|شهيد|شهداء*|ضحية|ضحايا*|جثة|جثث* ; wounded:جريح|جرحى*|مصاب|مصابين*|مصابون*|إصابة|إصابات*
captured:أسير|أسرى* ; arrested:معتقل|معتقلين*|معتقلون*|موقوف|موقوفين* ; missing:مفقود|مفقودين*|مفقودون*
displaced:نازح|نازحين*|نازحون*|لاجئ|لاجئين*|لاجئون*|مشرد|مشردين* ; others:آخرين*|آخرون*|آخران*
casualties:قتيل وجريح|قتيلا وجريحا|بين قتيل وجريح|قتلى وجرحى*|بين قتلى وجرحى*
:جندي|جنود*|عسكري|عسكريين*|عسكريون*|مدني|مدنيين*|مدنيون*|شخص|أشخاص*|مواطن|مواطنين*|مواطنون*|مقاتل|مقاتلين*
:مقاتلون*|عنصر|عناصر*|طفل|أطفال*|امرأة|نساء*|ساكن|سكان*|ضابط|ضباط*|فرد|أفراد*|مسلح|مسلحين*
:مسلحون*|شرطي|شرطيين*|صحفي|صحفيين*|مهاجر|مهاجرين*|رجل|رجال*|عامل|عمال*|طالب|طلاب*|مسعف|مسعفين*|متظاهر|متظاهرين*|مشتبه
:مدرس|مدرسين*|معلم|معلمين*|طبيب|أطباء*|ممرض|ممرضين*|موظف|موظفين*|ناشط|ناشطين*|معارض|معارضين*|سجين|سجناء*
:لاعب|لاعبين*|صياد|صيادين*|حاج|حجاج*|مسافر|مسافرين*|راكب|ركاب*|تلميذ|تلاميذ*|مهندس|مهندسين*|مزارع|مزارعين*
:زائر|زوار*|مصل|مصلين*|شاب|شبان*|مستوطن|مستوطنين*|متشدد|متشددين*|قيادي|قياديين*|عضو|أعضاء*|جثمان
"""
THINGS = """
tank:دبابة|دبابات* ; missile:صاروخ|صواريخ*|صاروخا ; seats:مقعد|مقاعد*|مقعدا ; votes:صوت|أصوات*|صوتا
helicopter:مروحية|مروحيات*|هليكوبتر|هليكوبترات*|طائرة مروحية|طائرات مروحية*|طائرة هليكوبتر|طائرات هليكوبتر*
drone:طائرة مسيرة|طائرات مسيرة*|طائرة بدون طيار|طائرات بدون طيار*|طائرة من دون طيار|طائرات من دون طيار*
drone:طائرة بلا طيار|طائرات بلا طيار*|درون|درونات*|مسيرة~|مسيرات*~
aircraft:طائرة|طائرات*|طائرة حربية|طائرات حربية*|مقاتلة|مقاتلات* ; vehicle:مركبة|مركبات*|عربة|عربات*|آلية|آليات*
air_defence:منظومة|منظومات*|منظومة دفاع جوي|منظومات دفاع جوي*|نظام دفاع جوي|أنظمة دفاع جوي*|منظومة مضادة للطائرات
air_defence:منظومات مضادة للطائرات*|مجموعة مضادة للطائرات|مجموعات مضادة للطائرات*|بطارية دفاع جوي|بطاريات دفاع جوي*
armoured_vehicle:مدرعة|مدرعات*|ناقلة جند|ناقلات جند*|ناقلة جنود|ناقلات جنود*|عربة مدرعة|عربات مدرعة*
armoured_vehicle:مركبة مدرعة|مركبات مدرعة*|آلية مدرعة|آليات مدرعة*
artillery:مدفع|مدافع*|مدفعا|راجمة|راجمات*|قطعة مدفعية|قطع مدفعية* ; ship:سفينة|سفن*|زورق|زوارق*|زورقا|بارجة|فرقاطة
position:موقع|مواقع*|موقعا|نقطة عسكرية|نقاط عسكرية*|حاجز|حواجز*|حاجزا|ثكنة|ثكنات*
settlement:قرية|قرى*|بلدة|بلدات*|مدينة|مدن*|تجمع سكني|تجمعات سكنية*
building:منزل|منازل*|منزلا|مبنى|مباني*|مبان*|بيت|بيوت*|بيتا|مسكن|مساكن*|بناية|بنايات*|وحدة سكنية|وحدات سكنية*
"""
EVENTS = """
killed:مقتل|قتل|قتلوا|قتلا|قتلت|يقتل|تقتل|حيد|حيدت|تحييد|مصرع|وفاة|وفيات|توفي|توفوا|توفيا|حتفه|حتفهم|بحياة|أرواح|استشهاد|استشهد|استشهدوا|إعدام
wounded:جرح|جرحوا|جرحت|يجرح|جرحا|إصابة|أصيب|أصيبوا|أصيبت|أصيبا|يصاب|إصابات|أصاب|أصابت|أصابوا
captured:أسر|أسروا|أسرت ; missing:فقدان|فقد|فقدوا|اختفاء
arrested:اعتقال|اعتقل|اعتقلت|اعتقلوا|اعتقلا|توقيف|أوقفت|قبض|احتجاز|احتجزت ; evacuated:إجلاء|أجلت|أجلى|إخلاء
displaced:نزوح|نزح|نزحوا|تهجير|تشريد|شرد ; rescued:إنقاذ|أنقذت|أنقذ
"""
ACTIONS = """
destroyed:تدمير|دمر|دمرت|دمروا|يدمر|تحييد|حيد|حيدت|دمار|انهيار|انهار|انهارت|هدم|هدمت|تهدم|تهدمت
damaged:تضرر|تضررت|أضرار|أضرارا|إعطاب|أعطبت ; downed:إسقاط|أسقط|أسقطت|أسقطوا|يسقط ; launched:إطلاق|أطلقت|أطلق|أطلقوا
lost:فقدان|فقد|فقدت|خسرت|خسر|خسارة|خسائر|تخسر ; captured:استيلاء|استولت|استولى|استولوا|غنم|غنمت|اغتنام|اغتنمت
taken:سيطرت|سيطر|سيطرة|سيطروا|تحرير|حررت|حرر|استعادة|استعادت|استعاد
"""
CATS = dict.fromkeys(EQUIPMENT_KINDS, "equipment") | dict.fromkeys(("position", "settlement", "building"), "place")
CATS |= dict.fromkeys(("seats", "votes", "turnout"), "election")


def table(spec: str) -> list[tuple[str, str]]:
    return [(k, f) for e in re.split(r" ; |\n", spec.strip()) for k, forms in [e.split(":")] for f in forms.split("|")]


Phrases = dict[str, list[tuple[tuple[str, ...], Noun]]]


def build() -> tuple[Phrases, dict[str, Noun], frozenset[str], dict[str, str]]:
    """Noun phrases by first word; one-word singulars (for duals); their sound-plural look-alikes; people kinds."""
    phrases: Phrases = {}
    singles: dict[str, Noun] = {}  # one-word singulars, for duals
    for spec, people in ((PEOPLE, True), (THINGS, False)):
        for kind, form in table(spec):
            plural, bare = "*" in form, "~" in form
            words = tuple(normalize(form.strip("*~")).split())
            noun = Noun("people" if people else CATS[kind], kind, plural, bare)
            forms = [words]
            if len(words) == 1 and not plural:
                singles[words[0]] = noun
                if people and not words[0].endswith("ه"):
                    forms.append((words[0] + "ا",))
            for w in forms:
                phrases.setdefault(w[0], []).append((w, noun))
    for v in phrases.values():
        v.sort(key=lambda p: -len(p[0]))
    # Singulars whose sound plural is spelled like their oblique dual (مدنيين): no dual reading.
    ambiguous = frozenset(s for s in singles if s + "ين" in phrases)
    kinds = {w[0]: n.kind for v in phrases.values() for w, n in v if len(w) == 1 and n.kind in PEOPLE_KINDS}
    return phrases, singles, ambiguous, kinds


PHRASES, SINGLES, AMBIGUOUS_DUAL, INTRINSIC = build()
EVENT = {normalize(f): k for k, f in table(EVENTS)}
ACTION = {normalize(f): k for k, f in table(ACTIONS)}
POST_VERBS = normalize("قتلوا قتل قتلا لقوا لقي لقيا قضوا قضيا توفوا توفيا أصيبوا أصيب أصيبا جرحوا جرحا فقدوا "
                       "اعتقلوا اعتقلا أسروا نزحوا لجأوا فروا").split()  # fmt: skip
TABLES = {"event": {**INTRINSIC, **EVENT}, "pair": EVENT, "action": ACTION}  # "pair": مقتل وجرح
POST_KIND = {w: EVENT.get(w, "killed" if w.startswith(("لق", "قض")) else "displaced") for w in POST_VERBS}
STOP = frozenset(".؛;!?؟:")
FILLERS = frozenset(normalize("تابعة تابع تابعين من في صفوف قوات جيش سلاح جو جوي جوية عسكرية عسكري عسكريين حربية "
                               "بحرية برية حرس دفاع مسلحة نظامية").split())  # fmt: skip
DENY = frozenset(normalize("نفت نفى ينفي تنفي نفي نافية نافيا كذبت كذب").split())
OWN = frozenset(normalize("لديها لدينا صفوفها صفوفنا").split())
DUAL_ADJ = {normalize("مروحية"): "helicopter", normalize("مسيرة"): "drone", normalize("مدرعة"): "armoured_vehicle"}
TURNOUT = frozenset(normalize("مشاركة إقبال تصويت").split())
TOLL = frozenset(normalize("عدد حصيلة").split())
AFTER_BARE = frozenset(normalize("في من بين بينهم بجروح بجراح على خلال جراء إثر بعد أمس اليوم").split())
TOWARDS = normalize("إلى")  # "يصل عدد القتلى ... إلى 157"


@functools.lru_cache(maxsize=1 << 15)
def cores(word: str, conj: bool = True) -> tuple[str, ...]:
    """The word and its readings without proclitics: و ف (when `conj`), then ب ل ك (لل), then ال."""
    out = [word, word[1:]] if conj and word[:1] in ("و", "ف") and len(word) > 3 else [word]
    for w in list(out):
        if w.startswith("لل") and len(w) > 4:
            out.append(w[2:])
        elif w[:1] in ("ب", "ل", "ك") and len(w) > 3:
            out.append(w[1:])
    out += [w[2:] for w in out if w.startswith("ال") and len(w) > 3]
    return tuple(dict.fromkeys(out))


@functools.lru_cache(maxsize=1 << 15)
def lookup(word: str, table: str) -> str | None:
    """The event (people) or action (things) a word says, allowing clitics and a pronoun suffix."""
    lex = TABLES[table]
    for c in cores(word):
        for w in (c, *(c[: -len(s)] for s in ("ها", "هم", "هما", "نا") if c.endswith(s) and len(c) > len(s) + 2)):
            if w in lex:
                return lex[w]
    return None


@functools.lru_cache(maxsize=1 << 15)
def heads(word: str, conj: bool) -> tuple[tuple[str, bool], ...]:
    """Readings of a word that start a known noun phrase, and whether a possessive ها/نا came off (جنودها)."""
    out = []
    for core in cores(word, conj):
        out.append((core, False))
        for suffix, own in (("ها", True), ("نا", True), ("هم", False), ("ه", False)):
            if core.endswith(suffix) and len(core) > len(suffix) + 2:  # مقاتليها -> مقاتلين
                out += [(core[: -len(suffix)] + e, own) for e in ("", "ن")]
    return tuple(r for r in out if r[0] in PHRASES)
