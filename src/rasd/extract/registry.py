"""Entities across articles: one stable id per entity, its canonical name and every spelling seen.

Gazetteer and institution keys are already canonical ("AM", "mod@AM", "ilham_aliyev"). People
found only by a title ("per:<normalized name>") are merged across articles when their names are
near-identical transliterations: "ستيفن بيغون" / "ستيفن بيجون", "فغرام" / "فهرام بوغوسيان"
(rapidfuzz ratio on the normalized name, and on the family name, above thresholds).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from rasd.extract.article import Extraction
from rasd.extract.types import Mention

NAME_RATIO = 85.0  # whole normalized name
FAMILY_RATIO = 80.0  # last word


def entity_id(key: str) -> str:
    """A short stable id for an entity key."""
    return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


@dataclass(slots=True)
class EntityState:
    key: str
    type: str
    name: str
    variants: Counter[str] = field(default_factory=Counter)
    mentions: int = 0

    @property
    def id(self) -> str:
        return entity_id(self.key)


class EntityRegistry:
    """Canonical entities, fed one extraction at a time; `take_dirty` gives what changed."""

    def __init__(self, entities: Iterable[EntityState] = (), aliases: Iterable[tuple[str, str]] = ()) -> None:
        self.entities: dict[str, EntityState] = {e.key: e for e in entities}
        self.aliases: dict[str, str] = dict(aliases)
        self._people: dict[int, list[str]] = {}  # token count -> names of per: keys
        for key in self.entities:
            self._index_person(key)
        self._dirty: set[str] = set()
        self._new_aliases: dict[str, str] = {}

    def _index_person(self, key: str) -> None:
        if key.startswith("per:"):
            name = key[4:]
            self._people.setdefault(name.count(" ") + 1, []).append(name)

    def canonical(self, key: str) -> str:
        """The key an entity is stored under (merging transliteration variants of people)."""
        if key in self.entities:
            return key
        if key in self.aliases:
            return self.aliases[key]
        if not key.startswith("per:"):
            return key
        name = key[4:]
        pool = self._people.get(name.count(" ") + 1, [])
        best = process.extractOne(name, pool, scorer=fuzz.ratio, score_cutoff=NAME_RATIO) if pool else None
        if best is not None and fuzz.ratio(name.split()[-1], best[0].split()[-1]) >= FAMILY_RATIO:
            target = "per:" + best[0]
            self.aliases[key] = target
            self._new_aliases[key] = target
            return target
        return key

    def _note(self, m: Mention, key: str) -> None:
        e = self.entities.get(key)
        if e is None:
            e = EntityState(key, m.type, m.name)
            self.entities[key] = e
            self._index_person(key)
        e.variants[m.surface.strip()] += 1
        e.mentions += 1
        self._dirty.add(key)

    def add(self, ex: Extraction) -> Extraction:
        """The extraction with canonical keys; the entities it names are recorded."""
        mentions = []
        for m in ex.mentions:
            key = self.canonical(m.key)
            self._note(m, key)
            mentions.append(m if key == m.key else replace(m, key=key, name=self.entities[key].name))
        claims = tuple(
            c if c.claimant is None or self.canonical(c.claimant) == c.claimant
            else replace(c, claimant=self.canonical(c.claimant))
            for c in ex.claims
        )
        return Extraction(ex.article, tuple(mentions), claims)

    def name_of(self, key: str | None) -> str | None:
        if key is None:
            return None
        e = self.entities.get(self.canonical(key))
        return e.name if e else None

    def take_dirty(self) -> tuple[list[EntityState], dict[str, str]]:
        """Entities changed and aliases learned since the last call."""
        out = [self.entities[k] for k in sorted(self._dirty)]
        aliases, self._new_aliases = self._new_aliases, {}
        self._dirty = set()
        return out, aliases
