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
    # 3: entities with their spellings, mentions, claims (one row per claim and numeric fact)
    """
    CREATE TABLE entities (
        key TEXT PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        variants TEXT NOT NULL,
        mentions INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE entity_aliases (
        alias TEXT PRIMARY KEY,
        key TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE mentions (
        article TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        key TEXT NOT NULL,
        surface TEXT NOT NULL,
        PRIMARY KEY (article, span_start)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_key ON mentions(key);
    CREATE TABLE claims (
        article TEXT NOT NULL,
        seq INTEGER NOT NULL,
        claim INTEGER NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        verb TEXT,
        verb_start INTEGER,
        verb_end INTEGER,
        claimant TEXT,
        claimant_text TEXT,
        polarity TEXT NOT NULL,
        quotes TEXT NOT NULL,
        time TEXT,
        kind TEXT,
        value INTEGER,
        value_max INTEGER,
        qualifier TEXT,
        action TEXT,
        subject TEXT,
        side TEXT,
        fact_start INTEGER,
        fact_end INTEGER,
        surface TEXT,
        PRIMARY KEY (article, seq)
    ) WITHOUT ROWID;
    CREATE INDEX claims_claimant ON claims(claimant);
    CREATE TABLE extracted (
        article TEXT PRIMARY KEY,
        version INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
    # 4: the word vocabulary behind spelling variants of names (store/spelling.py); filled from the
    # search index when an older store is migrated
    """
    CREATE TABLE search_words (
        word TEXT PRIMARY KEY,
        skel TEXT NOT NULL,
        docs INTEGER NOT NULL,
        al INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX search_words_skel ON search_words(skel);
    """,
    # 5: computed views of events (store/views.py): cited summary and source ledger as JSON
    """
    CREATE TABLE IF NOT EXISTS event_views (
        event TEXT PRIMARY KEY,
        summary TEXT NOT NULL,
        ledger TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 6: the copies index as it stands (copies/past.py): each placed article's document number, length,
    # date stamp and MinHash signature, and every posting key -> document; an older store's are
    # filled from its texts by the first run that adds to it (events/corpus.py)
    """
    CREATE TABLE IF NOT EXISTS copy_docs (
        doc INTEGER PRIMARY KEY,
        article TEXT NOT NULL,
        length INTEGER NOT NULL,
        stamp REAL,
        sig BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS copy_docs_article ON copy_docs(article);
    CREATE TABLE IF NOT EXISTS copy_keys (
        key INTEGER NOT NULL,
        doc INTEGER NOT NULL,
        PRIMARY KEY (key, doc)
    ) WITHOUT ROWID;
    """,
    # 7: event titles by id without reading the event's row (a long clustering state overflows its page,
    # and SQLite reads all of it to compare keys in a WITHOUT ROWID table): search results read them
    """
    CREATE INDEX IF NOT EXISTS events_title ON events(id, title);
    """,
    # 8: the version of the summarizer and ledger that computed each kept event view (tell/summary.py
    # VIEWS_VERSION): a view of another version is computed again (views kept before: 0)
    """
    ALTER TABLE event_views ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
    """,
)
