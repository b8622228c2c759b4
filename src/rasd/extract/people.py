"""Where a person's name runs in a paragraph, and the names an article or a corpus has taught.

A name is a run of name-like words: given names (`rasd.names.given`), connectors with the word
they bind (حمد بن جاسم، عبد الله، أبو مازن، آل ثاني), plain words (a family name in
transliteration: أنان، بوش), and at most one family name with the article, which ends it
(فؤاد السنيورة). A name never ends on a connector, so حمد بن جاسم is never cut to حمد بن, and a
connector is never remembered as a surname.

`People` is what has been learned: full names (two words or more) found after a title or a given
name, and their surnames. Surnames are kept per article (`for_article`); full names are kept across
the corpus, so a name once seen with a title is a person in later articles that give no title.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rasd.extract.lexicon import FUNCTION, TITLE_HEADS
from rasd.extract.name_shape import not_a_name
from rasd.extract.tokens import Tokens, norm_word, strip_clitic
from rasd.extract.verbs import verb_form
from rasd.names.gazetteer import GazetteerHit, entry
from rasd.names.given import given_names

CONNECTORS = frozenset(norm_word(w) for w in ("بن", "ابن", "بنت", "عبد", "أبو", "أبي", "أم", "آل", "ولد", "أبا"))
# Nouns that follow a name without being part of it ("حمد بن خليفة آل ثاني أمير قطر").
_ROLES = frozenset(norm_word(w) for w in (
    "أمير", "ملك", "عاهل", "رئيس", "وزير", "ولي", "سمو", "نائب", "سفير", "مبعوث", "مستشار", "عضو", "مدير",
    "قائد", "زعيم", "مدرب", "لاعب", "نجم", "مهاجم", "حارس", "مدافع", "كاتب", "شاعر", "فنان", "ممثل", "مؤسس",
    "صاحب", "رئيسة", "وزيرة", "الذي", "التي", "نفسه", "نفسها", "شخصيا", "بدوره", "بدورها", "حفظه",
))
# Media words a name is told to ("قال فلان لوكالة..."), never part of it.
_MEDIA = frozenset(norm_word(w) for w in (
    "وكالة", "صحيفة", "جريدة", "قناة", "مجلة", "موقع", "شبكة", "وسائل", "إذاعة", "تلفزيون", "التلفزيون", "مراسل",
))
# A monarch's or pope's ordinal ends a name of one given name (عبد الله الثاني، تشارلز الأول).
_ORDINALS = frozenset(norm_word(w) for w in (
    "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر",
))
_TEENS = frozenset(norm_word(w) for w in ("عشر", "عشرة"))
_MAX_PLAIN = 2  # plain (not given, not bound) words in one name
_MAX_WORDS = 8
_FAMILY = norm_word("آل")
_CORPUS_SURNAME = 2  # full mentions of one person before their surname alone is theirs in any article


_ABD = norm_word("عبد")
_IBN = norm_word("ابن")
NAME_OPENERS = frozenset(norm_word(w) for w in ("عبد", "أبو", "ابن"))  # a name may begin with them


def person_key(norm_tokens: tuple[str, ...] | list[str]) -> str:
    """The key of a person known by name: "per:" and the normalized words, عبد joined to the word it
    binds, the way it is written half the time (عبد الستار and عبدالستار are one name)."""
    words: list[str] = []
    for w in norm_tokens:
        if words and words[-1] == _ABD:
            words[-1] += w
        else:
            words.append(w)
    return "per:" + " ".join(words)


def given(t: Tokens, k: int) -> tuple[bool, int] | None:
    """(weak, clitic length) when token k is a given name, bare or after the conjunction و."""
    w = t.norms[k]
    names = given_names()
    for word, skip in ((w, 0), (w[1:], 1) if len(w) > 3 and w[0] == "و" else ("", 0)):
        weak = names.get(word)
        if weak is None:
            continue
        if word == "علي" and t.text[t.ends[k] - 1] == "ى":
            return None  # على "on", spelled with alef maqsura
        return weak, skip
    return None


def _plain(t: Tokens, k: int) -> bool:
    w = t.norms[k]
    return (len(w) >= 2 and not w.isdigit() and not w.startswith(("ال", "بال", "لل", "وال", "فال", "كال"))
            and w not in FUNCTION
            and strip_clitic(w) not in FUNCTION and w not in TITLE_HEADS and strip_clitic(w) not in TITLE_HEADS
            and w not in _ROLES and strip_clitic(w) not in _ROLES and w not in CONNECTORS and verb_form(w) is None
            and w not in _MEDIA and strip_clitic(w) not in _MEDIA
            and w.isalpha() and not not_a_name(w))


def _ordinal_number(t: Tokens, k: int) -> bool:
    """Token k makes the ordinal before it a rank (الثاني عشر) or is a figure."""
    return k < len(t) and not t.punct_before[k].strip() and (t.norms[k] in _TEENS or t.norms[k].isdigit())


def _family(t: Tokens, k: int) -> bool:
    """A family name with the article (السنيورة، المالكي): not a function word, a title or a verb."""
    w = t.norms[k]
    return (w.startswith("ال") and len(w) > 4 and w not in FUNCTION and w not in TITLE_HEADS
            and verb_form(w) is None and w.isalpha() and not not_a_name(w)
            and not (len(w) >= 7 and w.endswith("ات")))


def _minor_city(h: GazetteerHit) -> bool:
    """A one-word GeoNames city, which inside a name is more likely a family name (فرانكلين روزفلت)."""
    e = entry(h.key)
    return e is not None and not e.anchor and h.type == "CITY" and " " not in h.surface


def _bound(t: Tokens, k: int) -> bool:
    """Token k can be the word a connector binds (بن علي، عبد الله، أبو مازن)."""
    w = t.norms[k]
    if w == "علي":
        return t.text[t.ends[k] - 1] != "ى"
    return w not in FUNCTION and not w.isdigit() and w.isalpha()


def _boundary(t: Tokens, k: int) -> bool:
    """Token k cannot continue a name: the text ends, punctuation, a function word, a verb, a title."""
    if k >= len(t) or t.punct_before[k].strip():
        return True
    w = t.norms[k]
    return (w in FUNCTION or verb_form(w) is not None or w in TITLE_HEADS or w in _ROLES or w.isdigit()
            or strip_clitic(w) in FUNCTION or not_a_name(w))


def name_end(t: Tokens, k: int, hits_at: dict[int, GazetteerHit]) -> int:
    """End (exclusive token index) of the name whose first word is token k (k itself when none).

    The first word is taken as given; later words must join without punctuation.
    """
    j = k + 2 if t.norms[k] in CONNECTORS and k + 1 < len(t) and not t.punct_before[k + 1].strip() else k + 1
    plain = 0
    names = given_names()
    while j < len(t) and j - k < _MAX_WORDS and not t.punct_before[j].strip():
        x = t.norms[j]
        h = hits_at.get(t.starts[j])
        if x in CONNECTORS:
            if j + 1 < len(t) and not t.punct_before[j + 1].strip() and _bound(t, j + 1):
                j += 2
                plain = 0
                if x == _FAMILY:
                    break  # آل ثاني ends the name
                continue
            break
        if h is not None and h.type != "PER" and not _minor_city(h):
            break
        if x in names and not (x == "علي" and t.text[t.ends[j] - 1] == "ى"):
            j += 1
            continue
        if x[:1] == "و" and len(x) >= 4 and x[1:2] != "و":
            break  # "فتحي عبد الوهاب وجومانا مراد": a second name, not this one's next word
        if _plain(t, j):
            if plain == _MAX_PLAIN:
                j -= 1  # a fourth plain word: the third was likely not part of the name either
                break
            plain += 1
            j += 1
            continue
        if x in _ORDINALS:
            j += 1 if plain == 0 and not _ordinal_number(t, j + 1) else 0  # عبد الله الثاني, not a rank
        elif _family(t, j):
            j += 1  # the family name with the article ends the name
        break
    while j > k + 1 and t.norms[j - 1] in CONNECTORS:
        j -= 1
    return j


def given_name_run(t: Tokens, i: int, hits_at: dict[int, GazetteerHit]) -> tuple[int, int] | None:
    """(clitic length, end token) of a name that starts with a given name at token i, if two words or more.

    A weak given name (سعيد) starts a name only before another given name or a connector.
    """
    g = given(t, i)
    if g is None and i + 1 < len(t) and not t.punct_before[i + 1].strip():
        g = _kunya(t, i)
    if g is None or i + 1 >= len(t) or t.punct_before[i + 1].strip():
        return None
    weak, skip = g
    nxt = t.norms[i + 1]
    if weak and nxt not in given_names() and nxt not in CONNECTORS:
        return None
    end = name_end(t, i, hits_at)
    return (skip, end) if end - i >= 2 else None


def _kunya(t: Tokens, i: int) -> tuple[bool, int] | None:
    """(strong, clitic length) when token i is عبد, أبو or ابن opening a name (عبد الحليم، أبو مازن، ابن
    خلدون): the word it binds is no common word, and after ابن no word with the article (ابن الرئيس)."""
    w = t.norms[i]
    skip = 1 if len(w) > 3 and w[0] == "و" and w[1:] in NAME_OPENERS else 0
    if w[skip:] not in NAME_OPENERS:
        return None
    nxt = t.norms[i + 1]
    if not _bound(t, i + 1) or not_a_name(nxt) or nxt in CONNECTORS or len(nxt) < 2:
        return None
    if w[skip:] == _IBN and nxt.startswith("ال"):
        return None
    return False, skip


@dataclass(slots=True)
class People:
    """Names learned so far: full names across a corpus, surnames within one article."""

    full: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)  # words -> (key, name)
    surnames: dict[str, tuple[str, str]] = field(default_factory=dict)  # this article's
    corpus_surnames: dict[str, tuple[str, str]] = field(default_factory=dict)  # distinctive ones, any article
    _seen: Counter[tuple[str, str]] = field(default_factory=Counter)  # (surname, key) -> full mentions
    _firsts: set[str] = field(default_factory=set)  # first words of `full` (most tokens start none)

    def for_article(self) -> People:
        """The same corpus memory with no surnames of this article yet."""
        return People(self.full, {}, self.corpus_surnames, self._seen, self._firsts)

    def surname(self, w: str) -> tuple[str, str] | None:
        """Whose surname `w` (normalized) is: this article's holder first, else the corpus's."""
        return self.surnames.get(w) or self.corpus_surnames.get(w)

    def learn(self, words: tuple[str, ...], key: str, name: str) -> None:
        """Remember a person named by `words` (normalized, clitic-free first word)."""
        words = tuple(w for w in words if w)
        if len(words) < 2:
            return
        self.full.setdefault(words, (key, name))
        self._firsts.add(words[0])
        last = words[-1]
        if (last not in CONNECTORS and len(last) >= 3 and last not in FUNCTION and last not in given_names()
                and not not_a_name(last)):
            self.surnames[last] = (key, name)
            self._seen[last, key] += 1
            if self._seen[last, key] >= _CORPUS_SURNAME and len(last) >= 4 and not last.startswith("ال"):
                self.corpus_surnames.setdefault(last, (key, name))

    def may_start(self, w: str, bare: str) -> bool:
        """Whether a word (normalized; `bare`: without its clitic) can begin a learned name or be a surname."""
        return (w in self._firsts or w in self.surnames or w in self.corpus_surnames or bare in self.surnames
                or bare in self.corpus_surnames or (len(w) > 3 and w[0] == "و" and w[1:] in self._firsts))

    def full_at(self, t: Tokens, i: int) -> tuple[int, int, tuple[str, str]] | None:
        """(clitic length, end token, (key, name)) of a learned full name starting at token i."""
        first = t.norms[i]
        if first not in self._firsts and not (first[:1] == "و" and first[1:] in self._firsts):
            return None  # most words begin no learned name
        for skip, w in ((0, first), (1, first[1:]) if len(first) > 3 and first[0] == "و" else (0, "")):
            if not w or w not in self._firsts:
                continue
            for n in (4, 3, 2):
                if i + n > len(t) or any(t.punct_before[k].strip() for k in range(i + 1, i + n)):
                    continue
                found = self.full.get((w, *t.norms[i + 1 : i + n]))
                if found is not None:
                    return skip, i + n, found
        return None
