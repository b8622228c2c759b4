"""The extraction stage as the pipeline runs it: extract each article, merge its entities into the
store's registry, and hand back the rows to save with the batch."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from rasd.extract.article import Extraction, extract
from rasd.extract.people import People
from rasd.extract.registry import EntityRegistry, EntityState
from rasd.extract.tagger import Tagger
from rasd.model import Article
from rasd.store import Store
from rasd.store.extract import ExtractRows


class ExtractStage:
    """Entities, claims and facts for a stream of articles, with entity ids stable across runs."""

    def __init__(self, registry: EntityRegistry | None = None, tagger: Tagger | None = None) -> None:
        self.registry = registry or EntityRegistry()
        self.tagger = tagger  # the local entity model, when the user gave one
        self.people = People()  # full names learned so far: a name once seen with a title is a person anywhere
        for key, e in self.registry.entities.items():
            if key.startswith("per:"):
                self.people.learn(tuple(key[4:].split()), key, e.name)

    @classmethod
    def load(cls, store: Store, tagger: Tagger | None = None) -> ExtractStage:
        states = (EntityState(r.key, r.type, r.name, Counter(r.variants), r.mentions) for r in store.entity_rows())
        return cls(EntityRegistry(states, store.entity_aliases()), tagger)

    def add(self, article: Article) -> Extraction:
        return self.registry.add(extract(article, people=self.people, tagger=self.tagger))

    def rows(self, articles: Sequence[Article]) -> ExtractRows:
        """Extract a batch; the rows include every entity it changed."""
        rows = ExtractRows()
        for a in articles:
            rows.add(self.add(a))
        changed, aliases = self.registry.take_dirty()
        rows.entities = [(e.key, e.id, e.type, e.name, json.dumps(dict(e.variants), ensure_ascii=False), e.mentions)
                         for e in changed]
        rows.aliases = sorted(aliases.items())
        return rows
