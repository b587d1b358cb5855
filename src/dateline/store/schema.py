"""The store's schema: the SQL of each numbered migration, and bringing a SQLite file up to
the current version (``migrate``) inside one transaction per step."""

from __future__ import annotations

import logging
import sqlite3

from ..errors import Errors, StoreError
from .query import utc_now

logger = logging.getLogger(__name__)

_V1 = """
CREATE TABLE articles (
    pk           INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    source       TEXT NOT NULL,
    url          TEXT,
    content_hash TEXT NOT NULL,
    title        TEXT,
    published    TEXT,
    metadata     TEXT NOT NULL DEFAULT '{}',
    stored       TEXT NOT NULL,
    run          INTEGER REFERENCES runs(pk) ON DELETE SET NULL
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_hash ON articles(content_hash);

-- content hashes of article versions that a newer version (same id or URL) replaced:
-- a rerun skips them, so the newest version stays
CREATE TABLE superseded (
    content_hash TEXT PRIMARY KEY,
    article_id   TEXT NOT NULL,
    time         TEXT NOT NULL
);

CREATE TABLE documents (
    article    INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
    headline   TEXT,
    standfirst TEXT,
    section    TEXT,
    byline     TEXT,
    dateline   TEXT,
    published  TEXT,
    updated    TEXT,
    text       TEXT NOT NULL,
    json       TEXT NOT NULL
);

CREATE TABLE extractions (
    article INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
    schema  TEXT NOT NULL,
    json    TEXT NOT NULL
);

CREATE TABLE actors (
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    id      TEXT NOT NULL,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    code    TEXT,
    sector  TEXT,
    title   TEXT,
    aliases TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (article, id)
);
CREATE INDEX actors_code ON actors(code, sector);

CREATE TABLE mentions (
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    text    TEXT NOT NULL,
    actor   TEXT,
    label   TEXT,
    PRIMARY KEY (article, seq)
);

CREATE TABLE quotes (
    pk            INTEGER PRIMARY KEY,
    article       INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    id            TEXT NOT NULL,
    text          TEXT NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    speaker_actor TEXT,
    speaker_text  TEXT,
    speaker_name  TEXT,
    cue           TEXT,
    json          TEXT NOT NULL,
    UNIQUE (article, id)
);
CREATE INDEX quotes_speaker ON quotes(speaker_name);

CREATE TABLE events (
    pk             INTEGER PRIMARY KEY,
    article        INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    id             TEXT NOT NULL,
    event          TEXT,
    mode           TEXT,
    cameo          TEXT NOT NULL,
    quad           INTEGER,
    goldstein      REAL,
    date           TEXT,
    day            TEXT,
    date_precision TEXT,
    place          TEXT,
    country        TEXT,
    lat            REAL,
    lon            REAL,
    negated        INTEGER NOT NULL,
    hypothetical   INTEGER NOT NULL,
    evidence_start INTEGER,
    evidence_end   INTEGER,
    evidence_text  TEXT,
    support        TEXT NOT NULL DEFAULT '[]',
    json           TEXT NOT NULL,
    UNIQUE (article, id)
);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_type ON events(event, cameo);

CREATE TABLE event_parties (
    event  INTEGER NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    role   TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    seq    INTEGER NOT NULL,
    actor  TEXT,
    code   TEXT,
    sector TEXT,
    text   TEXT NOT NULL,
    PRIMARY KEY (event, role, seq)
);
CREATE INDEX event_parties_code ON event_parties(code, role);

CREATE TABLE quarantine (
    pk      INTEGER PRIMARY KEY,
    source  TEXT NOT NULL,
    article TEXT,
    stage   TEXT NOT NULL,
    code    TEXT NOT NULL,
    message TEXT NOT NULL,
    time    TEXT NOT NULL,
    run     INTEGER REFERENCES runs(pk) ON DELETE SET NULL,
    UNIQUE (source, stage, code)
);

CREATE TABLE runs (
    pk      INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    ended   TEXT,
    command TEXT NOT NULL,
    status  TEXT NOT NULL DEFAULT 'running',
    counts  TEXT NOT NULL DEFAULT '{}'
);
"""

_V2 = """
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_text, speaker_name, content='quotes', content_rowid='pk'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker_text, speaker_name)
    VALUES (new.pk, new.text, new.speaker_text, new.speaker_name);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_text, speaker_name)
    VALUES ('delete', old.pk, old.text, old.speaker_text, old.speaker_name);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_text, speaker_name)
    VALUES ('delete', old.pk, old.text, old.speaker_text, old.speaker_name);
    INSERT INTO quotes_fts(rowid, text, speaker_text, speaker_name)
    VALUES (new.pk, new.text, new.speaker_text, new.speaker_name);
END;
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE documents_fts USING fts5(
    headline, text, content='documents', content_rowid='article'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, headline, text) VALUES (new.article, new.headline, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, headline, text)
    VALUES ('delete', old.article, old.headline, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, headline, text)
    VALUES ('delete', old.article, old.headline, old.text);
    INSERT INTO documents_fts(rowid, headline, text) VALUES (new.article, new.headline, new.text);
END;
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
"""

_V3 = """
CREATE TABLE stories (
    pk        INTEGER PRIMARY KEY,
    event     TEXT NOT NULL,
    actor     TEXT NOT NULL,
    recipient TEXT NOT NULL,
    first_day TEXT NOT NULL,
    last_day  TEXT NOT NULL,
    sources   INTEGER NOT NULL,
    events    INTEGER NOT NULL
);
CREATE TABLE story_events (
    event INTEGER PRIMARY KEY REFERENCES events(pk) ON DELETE CASCADE,
    story INTEGER NOT NULL REFERENCES stories(pk) ON DELETE CASCADE
);
CREATE INDEX story_events_story ON story_events(story);
CREATE INDEX stories_sources ON stories(sources);
"""

MIGRATIONS: dict[int, str] = {
    1: _V1,  # the tables
    2: _V2,  # FTS5 over quotes and article text, back-filled from existing rows
    3: _V3,  # story events: one happening reported by several articles
}

SCHEMA_VERSION = max(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open store (0 for an empty file)."""
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if row is None:
        return 0
    found = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(found[0] or 0)


def migrate(conn: sqlite3.Connection, *, target: int = SCHEMA_VERSION, path: str = "") -> int:
    """Bring the schema of ``conn`` up to version ``target``, one migration per transaction.

    Returns the version reached. Raises ``StoreError`` when the store is newer than this
    dateline, or when a migration fails (the failed step is rolled back).
    """
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(Errors.E401, source=path, path=path, found=current, known=SCHEMA_VERSION)
    for version in range(current + 1, target + 1):
        applied = utc_now()
        script = (
            "BEGIN IMMEDIATE;\n"
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, applied TEXT NOT NULL);\n"
            f"{MIGRATIONS[version]}\n"
            f"INSERT INTO schema_version(version, applied) VALUES ({version}, '{applied}');\n"
            "COMMIT;"
        )
        try:
            conn.executescript(script)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            why = f"migration to schema version {version} failed: {exc}"
            raise StoreError(Errors.E400, source=path, path=path, why=why) from exc
        logger.info("store %s migrated to schema version %d", path, version)
    return max(current, target)
