"""Schema migrations, applied in order; `PRAGMA user_version` records the last one applied."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, their full-text index, dropped inputs, learned furniture lines
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        source TEXT,
        url TEXT,
        origin TEXT NOT NULL,
        fmt TEXT NOT NULL,
        title TEXT,
        published TEXT,
        published_precision TEXT,
        language TEXT NOT NULL,
        record TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_source ON articles(source);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize = 'trigram');
    CREATE TABLE dropped (
        origin TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL,
        seen_at TEXT NOT NULL
    );
    CREATE TABLE furniture_lines (
        source TEXT NOT NULL,
        line_hash TEXT NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (source, line_hash, article_id)
    ) WITHOUT ROWID;
    """,
    # 2: copies, events, stories, and the clustering state that lets a rerun continue
    """
    CREATE TABLE copy_links (
        article TEXT NOT NULL,
        other TEXT NOT NULL,
        kind TEXT NOT NULL,
        score REAL NOT NULL,
        spans TEXT NOT NULL,
        PRIMARY KEY (article, other, kind)
    ) WITHOUT ROWID;
    CREATE INDEX copy_links_other ON copy_links(other);
    CREATE TABLE assignments (
        article TEXT PRIMARY KEY,
        event TEXT NOT NULL,
        score REAL NOT NULL,
        new INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX assignments_event ON assignments(event);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        story TEXT,
        title TEXT,
        first TEXT,
        last TEXT,
        articles INTEGER NOT NULL,
        state TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX events_story ON events(story);
    CREATE INDEX events_last ON events(last);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        first TEXT,
        last TEXT,
        articles INTEGER NOT NULL,
        events INTEGER NOT NULL,
        state TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE corpus_state (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
    ) WITHOUT ROWID;
    """,
)
