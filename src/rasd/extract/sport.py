"""Clubs spelled like their city: in an article about sport, برشلونة and ليفربول are the clubs.

An article is about sport once a paragraph holds two of the words below; from then on a city that
names a club (and is not a listed place reading of something else) is read as the club.
"""

from __future__ import annotations

import functools

from rasd.extract.tokens import Tokens, norm_word, strip_clitic
from rasd.names.gazetteer import entry

_SPORT_WORDS = frozenset(norm_word(w) for w in (
    "مباراة", "المباراة", "مباراه", "الدوري", "دوري", "هدف", "هدفا", "أهداف", "الأهداف", "هدفين", "فريق", "الفريق",
    "نادي", "النادي", "المدرب", "مدرب", "لاعب", "اللاعب", "لاعبي", "لاعبا", "الملعب", "ملعب", "بطولة", "البطولة",
    "كأس", "الكأس", "تعادل", "التعادل", "فاز", "فوز", "الفوز", "هزيمة", "مهاجم", "المهاجم", "حارس", "الموسم",
    "المنتخب", "منتخب", "الشوط", "ركلة", "ركلات", "كرة", "الكرة", "الدقيقة", "التأهل", "نهائي", "النهائي",
))
_MIN_WORDS = 2
# A city's normalized spelling -> the club's gazetteer key.
CLUB_CITIES = {norm_word(k): v for k, v in (
    ("برشلونة", "fc_barcelona"), ("ليفربول", "liverpool_fc"), ("فالنسيا", "valencia_cf"), ("بلنسية", "valencia_cf"),
    ("ليون", "olympique_lyon"), ("ميلان", "ac_milan"), ("روما", "as_roma"), ("بورتو", "porto_fc"),
    ("إشبيلية", "sevilla_fc"), ("اشبيلية", "sevilla_fc"), ("نابولي", "napoli"), ("مرسيليا", "olympique_marseille"),
    ("بيلباو", "athletic_bilbao"), ("دورتموند", "dortmund"),
    ("فولهام", "fulham"), ("تشارلتون", "charlton"), ("ميدلسبره", "middlesbrough"), ("ميدلزبره", "middlesbrough"),
    ("ميدلسبرة", "middlesbrough"), ("بولتون", "bolton"), ("بلاكبيرن", "blackburn"), ("ويغان", "wigan"),
    ("ويجان", "wigan"), ("بورتسموث", "portsmouth"), ("ريدينغ", "reading_fc"), ("واتفورد", "watford"),
    ("ساوثهامبتون", "southampton"), ("ساوثمبتون", "southampton"), ("هامبورغ", "hamburg_sv"),
    ("هامبورج", "hamburg_sv"), ("ليفركوزن", "leverkusen"), ("شتوتغارت", "stuttgart_vfb"),
    ("شتوتجارت", "stuttgart_vfb"), ("فولفسبورغ", "wolfsburg"), ("فولفسبورج", "wolfsburg"), ("بارما", "parma"),
    ("باليرمو", "palermo"), ("فياريال", "villarreal"), ("خيتافي", "getafe"), ("بوردو", "bordeaux"),
    ("الوكرة", "al_wakrah"), ("الرمثا", "al_ramtha"), ("السالمية", "al_salmiya"), ("المحرق", "al_muharraq"),
)}


@functools.lru_cache(maxsize=1 << 16)
def _is_sport(w: str) -> bool:
    return w in _SPORT_WORDS or strip_clitic(w) in _SPORT_WORDS


def about_sport(t: Tokens) -> bool:
    """Whether a paragraph reads as sport: two sports words or more."""
    n = 0
    for w in t.norms:
        if _is_sport(w):
            n += 1
            if n >= _MIN_WORDS:
                return True
    return False


def club_at(t: Tokens, i: int) -> tuple[str, str, int] | None:
    """(club key, display name, clitic length) when token i is a city that names a club."""
    w = t.norms[i]
    for word, skip in ((w, 0), (strip_clitic(w), len(w) - len(strip_clitic(w)))):
        key = CLUB_CITIES.get(word)
        if key is not None:
            e = entry(key)
            return key, e.name_ar if e else t.text[t.starts[i] + skip : t.ends[i]], skip
    return None
