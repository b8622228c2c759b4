"""The embedded SQLite store: schema, migrations, the only SQL, full-text search."""

from rasd.store.db import SearchHit, Store

__all__ = ["SearchHit", "Store"]
