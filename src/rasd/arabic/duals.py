"""Dual nouns: the singulars a word could be the dual of ("مروحيتين" -> "مروحيه")."""

from __future__ import annotations

import functools

from rasd.arabic.normalize import normalize

_DUAL_SUFFIXES = (("تان", "ه"), ("تين", "ه"), ("تا", "ه"), ("ان", ""), ("ين", ""), ("ا", ""))
_NOUN_CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")


@functools.lru_cache(maxsize=8192)
def dual_singulars(word: str) -> tuple[str, ...]:
    """Normalized singulars a word could be the dual of (مروحيتين -> مروحيه, ...); () when none.

    Proclitics و ب ل ك and the article are tried off; only candidates are proposed, the caller
    checks them against its nouns. The construct dual ("مروحيتا") is included.
    """
    w = normalize(word).strip()
    forms = [w, *(w[len(c) :] for c in _NOUN_CLITICS if w.startswith(c))]
    forms += [f[2:] for f in forms if f.startswith("ال")]
    forms += [f[1:] for f in forms if f.startswith("لل")]
    cands = (f[: -len(s)] + add for f in forms for s, add in _DUAL_SUFFIXES if f.endswith(s) and len(f) - len(s) >= 2)
    return tuple(dict.fromkeys(cands))
