"""Given names that begin a person's name (``data/given_names.txt``), normalized.

`given_names()` maps each normalized name to whether it is weak: also a common word (سعيد، جمال),
so it begins a name only before another given name or a connector (بن، عبد).
"""

from __future__ import annotations

import functools
from importlib import resources

from rasd.arabic.normalize import normalize


@functools.lru_cache(maxsize=1)
def given_names() -> dict[str, bool]:
    """Normalized given name -> weak.

    >>> given_names()[normalize("أحمد")], given_names()[normalize("سعيد")]
    (False, True)
    """
    text = (resources.files("rasd.names") / "data" / "given_names.txt").read_text(encoding="utf-8")
    out: dict[str, bool] = {}
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        for word in line.split():  # names separated by spaces, each marked ~ on its own
            weak = word.startswith("~")
            name = normalize(word.lstrip("~"))
            if name:
                out[name] = out.get(name, False) or weak  # weak wherever marked so
    return out
