"""The store's word vocabulary, for names written with or without a medial long vowel (ترامب/ترمب,
زيلينسكي/زيلنسكي, بوتين/بوتن) that the gazetteer does not list.

Every stored article adds its words to `search_words`, each without the article ال and the clitics
before it (والـ، بالـ، للـ...; other clitics stay: a name may begin with ب or و), with the number of
articles it occurs in and in how many it carried ال. A query word (as typed without ال, and its
clitic-free core) is then matched with every stored word of the same skeleton (first letter,
consonants, last letter: the medial ا و ي dropped) when both look like foreign names, by what the
gazetteer and the vocabulary itself say about them:
- a given name (names/data/given_names.txt) is written one way (محمد/محمود, سلمان/سليمان,
  صالح/صلاح are different names), and a function word (كانت) is no name;
- a name is no known stem (in 2 articles or more) with a clitic or an ending: وتطرق is و+تطرق,
  ابنه is ابن+ه, توصلت is توصل+ت, عملا is عمل+ا;
- the skeleton keeps three consonants or more (ايران/ايرين/ارون, skeleton ارن, are different names);
- the two differ by one or two long vowels added, never one vowel for another (دريان is not دوران),
  nor one just before a final ا or ه (دعما/دعموا, قدمه/قدموه are endings);
- a name hardly ever takes ال (in at most 1 of 20 articles that have it: الترامب never occurs,
  الكتاب does);
- a name takes no suffix: no stored word is it plus ه/ها/هم/ات/ون/ين/وا (كاتب has كاتبه, قال قاله);
- a name is not a present-tense verb: a word beginning with ي or ت whose other-prefix twin is
  stored (يعني/تعني, تقوم/يقوم) is a verb.
Without those tests the skeleton alone joins كتاب, كاتب and كتب. The vocabulary only grows: a
replaced article's old words stay counted (an expansion to a word no article has finds nothing).
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from rasd.extract.lexicon import FUNCTION
from rasd.names.given import given_names
from rasd.store.query import MIN_TERM, core

_WORD = re.compile(r"[\u0621-\u064a]+")
_LONG = re.compile("[اوي]")
_AL = re.compile("^(?:[وف]?[بكل]?ال|[وف]?لل)")
SUFFIXES = ("ه", "ها", "هم", "ات", "ون", "ين", "وا")
# an Arabic word is a known stem with one of these: وتطرق, ابنه, توصلت, عملا, بشعبيه
STEM_PREFIXES = ("و", "ف", "ب", "ل", "ك", "س", "وب", "ول", "وس", "فب", "فل")
STEM_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "كم", "نا", "ني", "ات", "ون", "ين", "ان", "وا", "ا", "ت", "تم",
                 "ي", "يه", "يا", "اه", "ما")
MIN_STEM_DOCS = 2
MAX_AL_SHARE = 0.05  # a name carries ال in at most this share of the articles that have it
MAX_VARIANTS = 8
MIN_CONSONANTS = 3


def vowels_apart(a: str, b: str, most: int = 2) -> bool:
    """`b` is `a` with 1..`most` medial long vowels added, or the other way round (ترمب/ترامب yes;
    دريان/دوران, one vowel for another, no)."""
    short, long_ = sorted((a, b), key=len)
    extra = len(long_) - len(short)
    if not 1 <= extra <= most or short[0] != long_[0] or short[-1] != long_[-1]:
        return False
    if long_[-1] in "اه" and long_[-2] in "اوي" and short[-2] != long_[-2]:
        return False  # دعما/دعموا, قدمه/قدموه: an ending, not a spelling
    i = 0
    for ch in long_:
        if i < len(short) and ch == short[i]:
            i += 1
        elif ch not in "اوي":
            return False
    return i == len(short)


def skeleton(word: str) -> str:
    """The word without its medial long vowels (first and last letters kept)."""
    return word[0] + _LONG.sub("", word[1:-1]) + word[-1] if len(word) > 2 else word


@lru_cache(maxsize=200_000)
def _entry(token: str) -> tuple[str, bool]:
    """The token without ال and the clitics before it, and whether it had ال."""
    m = _AL.match(token)
    if m and len(token) - m.end() >= MIN_TERM:
        return token[m.end():], True
    return token, False


def vocabulary(texts: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """Article counts of each word core in normalized `texts` (one text per article), and of it with ال."""
    docs: Counter[str] = Counter()
    al: Counter[str] = Counter()
    for text in texts:
        seen = {_entry(t) for t in set(_WORD.findall(text)) if len(t) >= MIN_TERM}
        docs.update({c for c, _ in seen if len(c) >= MIN_TERM})
        al.update({c for c, a in seen if a and len(c) >= MIN_TERM})
    return docs, al


class SpellingTables:
    _db: sqlite3.Connection

    def _put_words(self, texts: Iterable[str]) -> None:
        docs, al = vocabulary(texts)
        self._db.executemany(
            "INSERT INTO search_words(word, skel, docs, al) VALUES (?,?,?,?) ON CONFLICT(word) DO UPDATE SET"
            " docs = docs + excluded.docs, al = al + excluded.al",
            [(w, skeleton(w), n, al[w]) for w, n in docs.items()],
        )

    def _backfill_words(self) -> None:
        """Fill the vocabulary from the search index of a store written before it existed."""
        cur = self._db.execute("SELECT title, body FROM articles_fts")
        while rows := cur.fetchmany(2000):
            self._put_words(f"{t}\n{b}" for t, b in rows)

    def _known(self, words: list[str]) -> set[str]:
        if not words:
            return set()
        marks = ",".join("?" * len(words))
        return {r[0] for r in self._db.execute(f"SELECT word FROM search_words WHERE word IN ({marks})", words)}

    def _name_like(self, word: str, docs: int | None, al: int | None) -> bool:
        if word in FUNCTION or len(_LONG.sub("", skeleton(word))) < MIN_CONSONANTS:
            return False
        if docs and (al or 0) > MAX_AL_SHARE * docs:
            return False
        probes = [word + s for s in SUFFIXES]
        if word[0] in "يت":
            probes.append(("ت" if word[0] == "ي" else "ي") + word[1:])
        if self._known(probes):
            return False
        stems = [word[len(p):] for p in STEM_PREFIXES if word.startswith(p)]
        stems += [word[: -len(x)] for x in STEM_SUFFIXES if word.endswith(x)]
        stems = [t for t in stems if len(t) >= MIN_TERM]
        if not stems:
            return True
        marks = ",".join("?" * len(stems))
        return not self._db.execute(
            f"SELECT 1 FROM search_words WHERE word IN ({marks}) AND docs >= ? LIMIT 1", (*stems, MIN_STEM_DOCS)
        ).fetchone()

    def spelling_variants(self, word: str) -> tuple[str, ...]:
        """Stored words that are `word` (normalized, as typed) with a medial long vowel more or less,
        when both look like foreign names (module doc); the most frequent first."""
        out: dict[str, int] = {}
        key = _entry(word)[0]
        keys = [key]
        if not self._known([key]) and core(word) != key:  # typed with a clitic: وبوتن -> بوتن
            keys.append(core(word))
        given = given_names()
        for key in keys:
            if len(key) < MIN_TERM + 1 or not _WORD.fullmatch(key):
                continue
            rows = self._db.execute(
                "SELECT word, docs, al FROM search_words WHERE skel = ? ORDER BY docs DESC LIMIT 50", (skeleton(key),)
            ).fetchall()
            mine = next(((d, a) for w, d, a in rows if w == key), (None, None))
            if key in given or not self._name_like(key, *mine):
                continue
            out.update((w, d) for w, d, a in rows
                       if vowels_apart(w, key) and self._name_like(w, d, a))  # fmt: skip
        return tuple(sorted(out, key=lambda w: -out[w]))[:MAX_VARIANTS]
