"""Whether a word can be part of a person's name, by its shape and by a list of common words.

Arabic has no capital letters, so a name's run of words is ended by words that cannot be names:
a verb (يتحدث، اتفق), an adverb in the accusative (حاليا، شخصيا), a word with a pronoun suffix
(قوله، لدعمهما), a word with a proclitic whose stem is a common word (بسبب، لدعم، وقال), or a common
noun news writes right after a name (زيارة، عقوبة). The common words are `data/common_words.txt`
(written for rasd); a word that is also a given name or a known name is never common.
"""

from __future__ import annotations

import functools
from importlib import resources

from rasd.arabic.normalize import normalize

_PRONOUN_ENDINGS = ("هما", "ها", "هم", "هن", "كم", "كما", "تهم", "تها", "ته")
_PRESENT_STEMS = ("يت", "تت", "يست", "تست", "ينت", "تنت", "نت", "نست")


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Normalized common words (verbs, nouns, adverbs) that never continue a person's name."""
    text = (resources.files("rasd.names") / "data" / "common_words.txt").read_text(encoding="utf-8")
    out: set[str] = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        out.update(normalize(w) for w in line.split())
    out.discard("")
    return frozenset(out)


@functools.lru_cache(maxsize=1 << 16)
def not_a_name(w: str) -> bool:
    """True when the normalized word `w` is no part of a person's name (its shape or the list says so).

    >>> not_a_name("حاليا"), not_a_name("لدعمهما"), not_a_name("يتحدث"), not_a_name("شيراك")
    (True, True, True, False)
    """
    common = common_words()
    if w in common:
        return True
    for suffix in ("ه", "ها", "هم"):  # قوله، عمه: a common word with a pronoun
        if w.endswith(suffix) and w[: -len(suffix)] in common:
            return True
    if len(w) >= 5 and w.endswith("يا"):  # رسميا، شخصيا: an adverb, not a name
        return True
    if len(w) >= 4 and w.endswith("ا") and w[-2] not in "اويه" and w[0] == "م":
        return True  # مبكرا، متضامنا: a participle in the accusative
    if len(w) >= 5 and w.endswith(_PRONOUN_ENDINGS[:6]):
        return True
    if len(w) >= 5 and w.startswith(_PRESENT_STEMS):
        return True
    if len(w) >= 5 and w[0] in "يت" and w.endswith(("ون", "ان")) and w[1] != "ا":
        return True  # يواصلان، يطالبون
    if len(w) >= 4 and w[0] in "وفبلك":
        rest = w[1:]
        if rest in common or (len(rest) >= 4 and rest.endswith(_PRONOUN_ENDINGS[:6])):
            return True
        if w[:2] in ("وب", "ول", "فب", "فل", "وك") and w[2:] in common:
            return True
    return False
