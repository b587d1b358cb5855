"""The store: Extractions → rows of one SQLite file, and the queries and exports over it.

SQLite is the embedded default: one file (``./dateline.db`` unless told otherwise), WAL
journal, foreign keys on, FTS5 full-text indexes over quote text and article text. The
schema carries a version (table ``schema_version``) and is brought up to date by the
numbered migrations in ``MIGRATIONS`` when a store is opened.

::

    articles ─┬─ documents      (Document JSON + text; FTS5 documents_fts)
              ├─ extractions    (the Extraction JSON minus the document: exact round-trip)
              ├─ actors, mentions
              ├─ quotes         (FTS5 quotes_fts)
              └─ events ── event_parties (one row per actor/recipient: dyad queries)
    stories ── story_events (one happening reported by several articles; rebuilt by
                            ``link_stories`` after each ingest)
    quarantine  (inputs that failed: source, stage, code, message, time, run)
    runs        (one row per ingest: start, end, counts, command)

Storing is idempotent by content hash: the same article twice adds nothing; an article
whose id or URL is stored with another hash is replaced (old rows deleted, new rows
written) in one transaction. Only this module writes: rows to the store, and query
results to export files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any, Literal

from .errors import ConfigError, DatelineError, Errors, StoreError
from .records import Article, Event, Extraction, Quote, from_json, to_json

logger = logging.getLogger(__name__)

DEFAULT_DB = "dateline.db"

AddStatus = Literal["added", "unchanged", "replaced"]

# ---------------------------------------------------------------------------------------
# Schema and migrations

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
        now = _now()
        script = (
            "BEGIN IMMEDIATE;\n"
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, applied TEXT NOT NULL);\n"
            f"{MIGRATIONS[version]}\n"
            f"INSERT INTO schema_version(version, applied) VALUES ({version}, '{now}');\n"
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


# ---------------------------------------------------------------------------------------
# Query filters


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What ``Store.events`` selects. ``actor`` matches any party by code (``PRK``) or
    code+sector (``PRKGOV``); ``dyad`` is (actor code, recipient code); ``event`` a PLOVER
    type or a CAMEO code prefix; ``since``/``until`` bound the event's day (its own date,
    else its article's publication date), both inclusive."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    event: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """What ``Store.quotes`` selects: ``speaker`` matches the speaker's resolved name or
    text (case-insensitive substring); ``search`` is a full-text query over quote text
    (every word must occur)."""

    speaker: str | None = None
    search: str | None = None


@dataclass(slots=True)
class RunCounts:
    """Tallies of one ingest run."""

    seen: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: int = 0
    quarantined: int = 0
    codes: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "seen": self.seen,
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "quarantined": self.quarantined,
            "codes": dict(sorted(self.codes.items())),
        }


# ---------------------------------------------------------------------------------------
# The store


class Store:
    """One SQLite store. Open it, use it, close it (or use it as a context manager).

    Raises ``StoreError`` when the file cannot be opened, is not a dateline store, or has a
    newer schema than this dateline knows.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, timeout: float = 30.0) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(Errors.E400, source=self.path, path=self.path, why=exc) from exc
        self._depth = 0
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            migrate(self.conn, path=self.path)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(Errors.E400, source=self.path, path=self.path, why=exc) from exc
        except StoreError:
            self.conn.close()
            raise

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested uses join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._write("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self._write("COMMIT")

    def _write(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.OperationalError as exc:
            raise StoreError(Errors.E402, source=self.path, path=self.path, why=exc) from exc

    # -- writing ---------------------------------------------------------------------

    def has_hash(self, content_hash: str) -> bool:
        """Whether an article with this content is stored, or was replaced by a newer version."""
        row = self.conn.execute(
            "SELECT 1 FROM articles WHERE content_hash = ? "
            "UNION ALL SELECT 1 FROM superseded WHERE content_hash = ? LIMIT 1",
            (content_hash, content_hash),
        ).fetchone()
        return row is not None

    def known_hashes(self) -> set[str]:
        """Content hashes a resumed ingest skips: every stored article's, and every replaced
        version's (so a rerun does not bring an old version back)."""
        rows = self.conn.execute(
            "SELECT content_hash FROM articles UNION SELECT content_hash FROM superseded"
        )
        return {r[0] for r in rows}

    def add(
        self, extraction: Extraction, *, article: Article | None = None, run: int | None = None
    ) -> AddStatus:
        """Store one extraction (and the article it came from) in one transaction.

        Returns ``"unchanged"`` when an article with the same content hash is stored already
        (or was stored and then replaced by a newer version); ``"replaced"`` when an article
        with the same id or URL but other content was stored (its rows are deleted first);
        else ``"added"``. Raises ``StoreError`` when the extraction cannot be stored (its
        changes are rolled back).
        """
        doc = extraction.document
        if article is not None:
            content_hash, source = article.content_hash, article.source
            url, title, published = article.url, article.title, article.published
            metadata = {
                "authors": list(article.authors),
                "site": article.site,
                "description": article.description,
                "input_format": article.input_format,
            }
        else:
            content_hash = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
            source, url, title, published = "", doc.url, doc.headline, doc.published
            metadata = {"site": doc.site}
        ident = extraction.id
        with self.transaction():
            if self.has_hash(content_hash):
                return "unchanged"
            old = self.conn.execute(
                "SELECT pk, id, content_hash FROM articles "
                "WHERE id = ? OR (url IS NOT NULL AND url = ?)",
                (ident, url),
            ).fetchall()
            self._write("SAVEPOINT add_article")
            try:
                for pk, old_id, old_hash in old:
                    self._write(
                        "INSERT OR IGNORE INTO superseded(content_hash, article_id, time) "
                        "VALUES (?, ?, ?)",
                        (old_hash, old_id, _now()),
                    )
                    self._write("DELETE FROM articles WHERE pk = ?", (pk,))
                self._insert(
                    extraction,
                    source=source,
                    url=url,
                    content_hash=content_hash,
                    title=title,
                    published=published,
                    metadata=metadata,
                    run=run,
                )
            except sqlite3.IntegrityError as exc:
                self._write("ROLLBACK TO add_article")
                self._write("RELEASE add_article")
                why = f"the extraction of article {ident!r} does not fit the store ({exc})"
                raise StoreError(Errors.E402, source=source or ident, path=self.path, why=why) from exc
            self._write("RELEASE add_article")
            if source:
                self._write("DELETE FROM quarantine WHERE source = ?", (source,))
        return "replaced" if old else "added"

    def _insert(
        self,
        extraction: Extraction,
        *,
        source: str,
        url: str | None,
        content_hash: str,
        title: str | None,
        published: datetime | None,
        metadata: dict[str, Any],
        run: int | None,
    ) -> None:
        doc = extraction.document
        cur = self._write(
            "INSERT INTO articles(id, source, url, content_hash, title, published, metadata, "
            "stored, run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                extraction.id,
                source,
                url,
                content_hash,
                title,
                _iso(published),
                json.dumps(metadata, ensure_ascii=False),
                _now(),
                run,
            ),
        )
        pk = cur.lastrowid
        doc_json = to_json(doc)
        self._write(
            "INSERT INTO documents(article, headline, standfirst, section, byline, dateline, "
            "published, updated, text, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pk,
                doc.headline,
                doc.standfirst,
                doc.section,
                doc.byline,
                doc.dateline,
                _iso(doc.published),
                _iso(doc.updated),
                doc.text,
                _dumps(doc_json),
            ),
        )
        rest = to_json(extraction)
        del rest["document"]
        self._write(
            "INSERT INTO extractions(article, schema, json) VALUES (?, ?, ?)",
            (pk, extraction.schema, _dumps(rest)),
        )
        names = {a.id: a.name for a in extraction.actors}
        self.conn.executemany(
            "INSERT INTO actors(article, id, name, kind, code, sector, title, aliases) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (pk, a.id, a.name, a.kind, a.code, a.sector, a.title, _dumps(list(a.aliases)))
                for a in extraction.actors
            ],
        )
        self.conn.executemany(
            'INSERT INTO mentions(article, seq, start, "end", text, actor, label) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (pk, i, m.start, m.end, m.text, m.actor, m.label)
                for i, m in enumerate(extraction.mentions)
            ],
        )
        for i, q in enumerate(extraction.quotes):
            self._insert_quote(pk, i, q, names)
        when = doc.published or published
        fallback_day = when.date().isoformat() if when is not None else None
        for i, ev in enumerate(extraction.events):
            self._insert_event(pk, i, ev, fallback_day)

    def _insert_quote(self, pk: int | None, seq: int, q: Quote, names: dict[str, str]) -> None:
        speaker = q.speaker
        speaker_name = None
        if speaker is not None:
            speaker_name = names.get(speaker.actor or "", None) or speaker.text
        self._write(
            'INSERT INTO quotes(article, seq, id, text, start, "end", kind, speaker_actor, '
            "speaker_text, speaker_name, cue, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pk,
                seq,
                q.id,
                q.text,
                q.start,
                q.end,
                q.kind,
                speaker.actor if speaker else None,
                speaker.text if speaker else None,
                speaker_name,
                q.cue,
                _dumps(to_json(q)),
            ),
        )

    def _insert_event(self, pk: int | None, seq: int, ev: Event, fallback_day: str | None) -> None:
        loc, evid = ev.location, ev.evidence
        day = ev.date.isoformat() if ev.date is not None else fallback_day
        cur = self._write(
            "INSERT INTO events(article, seq, id, event, mode, cameo, quad, goldstein, date, day, "
            "date_precision, place, country, lat, lon, negated, hypothetical, evidence_start, "
            "evidence_end, evidence_text, support, json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pk,
                seq,
                ev.id,
                ev.event,
                ev.mode,
                ev.cameo,
                ev.quad,
                ev.goldstein,
                _iso(ev.date),
                day,
                ev.date_precision,
                loc.place if loc else None,
                loc.country if loc else None,
                loc.lat if loc else None,
                loc.lon if loc else None,
                int(ev.negated),
                int(ev.hypothetical),
                evid.start if evid else None,
                evid.end if evid else None,
                evid.text if evid else None,
                _dumps(to_json(ev.support)),
                _dumps(to_json(ev)),
            ),
        )
        parties: list[tuple[Any, ...]] = []
        for role, group in (("actor", ev.actor), ("recipient", ev.recipient)):
            parties.extend(
                (cur.lastrowid, role, i, p.actor, p.code, p.sector, p.text)
                for i, p in enumerate(group)
            )
        self.conn.executemany(
            "INSERT INTO event_parties(event, role, seq, actor, code, sector, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            parties,
        )

    def quarantine(
        self,
        error: DatelineError,
        *,
        source: str | None = None,
        article: str | None = None,
        run: int | None = None,
    ) -> None:
        """Record an input that failed. The same input failing the same way again updates
        its row rather than adding one."""
        where = source or error.source or article or "?"
        record = error.as_record()
        self.quarantine_record(
            source=where,
            stage=record["stage"],
            code=record["code"],
            message=record["message"],
            article=article,
            run=run,
        )

    def quarantine_record(
        self,
        *,
        source: str,
        stage: str,
        code: str,
        message: str,
        article: str | None = None,
        run: int | None = None,
    ) -> None:
        """``quarantine`` for a failure already reduced to its fields (e.g. in a worker)."""
        with self.transaction():
            self._write(
                "INSERT INTO quarantine(source, article, stage, code, message, time, run) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source, stage, code) DO UPDATE SET "
                "article = excluded.article, message = excluded.message, time = excluded.time, "
                "run = excluded.run",
                (source, article, stage, code, message, _now(), run),
            )

    def start_run(self, command: str) -> int:
        with self.transaction():
            cur = self._write("INSERT INTO runs(started, command) VALUES (?, ?)", (_now(), command))
        return int(cur.lastrowid or 0)

    def finish_run(self, run: int, counts: RunCounts, *, status: str = "done") -> None:
        with self.transaction():
            self._write(
                "UPDATE runs SET ended = ?, status = ?, counts = ? WHERE pk = ?",
                (_now(), status, _dumps(counts.as_dict()), run),
            )

    # -- reading ---------------------------------------------------------------------

    def get(self, article_id: str) -> Extraction:
        """The stored Extraction of one article, exactly as it was stored.

        Raises ``KeyError`` when no article has that id.
        """
        row = self.conn.execute(
            "SELECT d.json, x.json FROM articles a JOIN documents d ON d.article = a.pk "
            "JOIN extractions x ON x.article = a.pk WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        return _extraction(row[0], row[1])

    def extractions(self) -> Iterator[Extraction]:
        """Every stored Extraction, in storing order."""
        rows = self.conn.execute(
            "SELECT d.json, x.json FROM articles a JOIN documents d ON d.article = a.pk "
            "JOIN extractions x ON x.article = a.pk ORDER BY a.pk"
        )
        for doc_json, rest_json in rows:
            yield _extraction(doc_json, rest_json)

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY pk")]

    def quarantined(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT source, article, stage, code, message, time, run FROM quarantine ORDER BY pk"
        )
        keys = ("source", "article", "stage", "code", "message", "time", "run")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def runs(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT pk, started, ended, command, status, counts FROM runs ORDER BY pk"
        )
        return [
            {
                "run": r[0],
                "started": r[1],
                "ended": r[2],
                "command": r[3],
                "status": r[4],
                "counts": json.loads(r[5]),
            }
            for r in rows
        ]

    def events(self, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Events matching ``flt``, each the contract's event object plus
        ``"article": {"id", "url", "published"}`` and ``"story": {"id", "sources"}`` (the
        story event it belongs to, after ``link_stories``; else null), ordered by day,
        article, position."""
        flt = flt or EventFilter()
        where: list[str] = []
        params: list[Any] = []
        if flt.actor:
            code, sector = _split_code(flt.actor)
            sql = "EXISTS (SELECT 1 FROM event_parties p WHERE p.event = e.pk AND p.code = ?"
            params.append(code)
            if sector:
                sql += " AND p.sector = ?"
                params.append(sector)
            where.append(sql + ")")
        if flt.dyad:
            for role, value in zip(("actor", "recipient"), flt.dyad, strict=True):
                code, sector = _split_code(value)
                sql = (
                    "EXISTS (SELECT 1 FROM event_parties p WHERE p.event = e.pk "
                    "AND p.role = ? AND p.code = ?"
                )
                params += [role, code]
                if sector:
                    sql += " AND p.sector = ?"
                    params.append(sector)
                where.append(sql + ")")
        if flt.event:
            if flt.event.isdigit():
                where.append("e.cameo LIKE ?")
                params.append(flt.event + "%")
            else:
                where.append("e.event = ?")
                params.append(flt.event.upper())
        if flt.since:
            where.append("e.day >= ?")
            params.append(flt.since.isoformat())
        if flt.until:
            where.append("e.day <= ?")
            params.append(flt.until.isoformat())
        sql = (
            "SELECT e.json, a.id, a.url, COALESCE(d.published, a.published), s.pk, s.sources "
            "FROM events e JOIN articles a ON a.pk = e.article "
            "LEFT JOIN documents d ON d.article = a.pk "
            "LEFT JOIN story_events se ON se.event = e.pk LEFT JOIN stories s ON s.pk = se.story"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.day IS NULL, e.day, a.pk, e.seq"
        for ev_json, art_id, url, published, story, sources in self.conn.execute(sql, params):
            obj = json.loads(ev_json)
            obj["article"] = {"id": art_id, "url": url, "published": published}
            obj["story"] = None if story is None else {"id": story, "sources": sources}
            yield obj

    def quotes(self, flt: QuoteFilter | None = None) -> Iterator[dict[str, Any]]:
        """Quotes matching ``flt``: the quote object plus its resolved ``"speaker_actor"``
        (the actor object, or null) and ``"article": {"id", "url", "published"}``."""
        flt = flt or QuoteFilter()
        where: list[str] = []
        params: list[Any] = []
        joins = ""
        if flt.search:
            query = _fts_query(flt.search)
            if not query:
                return
            joins = "JOIN quotes_fts f ON f.rowid = q.pk "
            where.append("quotes_fts MATCH ?")
            params.append(query)
        if flt.speaker:
            where.append("(q.speaker_name LIKE ? OR q.speaker_text LIKE ?)")
            pattern = "%" + flt.speaker.replace("%", "").replace("_", "") + "%"
            params += [pattern, pattern]
        sql = (
            "SELECT q.json, a.id, a.url, COALESCE(d.published, a.published), "
            "ac.id, ac.name, ac.kind, ac.code, ac.sector, ac.title, ac.aliases "
            "FROM quotes q " + joins + "JOIN articles a ON a.pk = q.article "
            "LEFT JOIN documents d ON d.article = a.pk "
            "LEFT JOIN actors ac ON ac.article = q.article AND ac.id = q.speaker_actor"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.pk, q.seq"
        for row in self.conn.execute(sql, params):
            obj = json.loads(row[0])
            obj["speaker_actor"] = (
                None
                if row[4] is None
                else {
                    "id": row[4],
                    "name": row[5],
                    "kind": row[6],
                    "code": row[7],
                    "sector": row[8],
                    "title": row[9],
                    "aliases": json.loads(row[10]),
                }
            )
            obj["article"] = {"id": row[1], "url": row[2], "published": row[3]}
            yield obj

    def search_articles(self, text: str, *, limit: int = 50) -> list[dict[str, Any]]:
        """Articles whose headline or text contain every word of ``text``, best first."""
        query = _fts_query(text)
        if not query:
            return []
        rows = self.conn.execute(
            "SELECT a.id, a.url, d.headline, COALESCE(d.published, a.published) "
            "FROM documents_fts f JOIN documents d ON d.article = f.rowid "
            "JOIN articles a ON a.pk = d.article WHERE documents_fts MATCH ? "
            "ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [{"id": r[0], "url": r[1], "headline": r[2], "published": r[3]} for r in rows]

    def actors(self, *, code: str | None = None) -> Iterator[dict[str, Any]]:
        """Actors across articles, grouped by name, code, sector and kind, most cited first."""
        sql = (
            "SELECT ac.name, ac.kind, ac.code, ac.sector, COUNT(DISTINCT ac.article), "
            "(SELECT COUNT(*) FROM mentions m JOIN actors b ON b.article = m.article "
            " AND b.id = m.actor WHERE b.name = ac.name AND b.kind = ac.kind "
            " AND b.code IS ac.code AND b.sector IS ac.sector) "
            "FROM actors ac"
        )
        params: list[Any] = []
        if code:
            c, s = _split_code(code)
            sql += " WHERE ac.code = ?"
            params.append(c)
            if s:
                sql += " AND ac.sector = ?"
                params.append(s)
        sql += " GROUP BY ac.name, ac.kind, ac.code, ac.sector ORDER BY 5 DESC, ac.name"
        for name, kind, c, s, n_articles, n_mentions in self.conn.execute(sql, params):
            yield {
                "name": name,
                "kind": kind,
                "code": c,
                "sector": s,
                "articles": n_articles,
                "mentions": n_mentions,
            }

    def link_stories(self, *, window_days: int = 1) -> int:
        """Group the events of all articles into story events and return how many stories
        link two or more articles.

        Two events belong to one story when they have the same type (PLOVER type, else the
        CAMEO root), the same actor codes and the same recipient codes, and days at most
        ``window_days`` apart (counted from the story's first day). Negated and hypothetical
        events, events without a day and events without an actor code are left out. The
        story tables are rebuilt whole, in one transaction.
        """
        parties: dict[int, tuple[set[str], set[str]]] = {}
        for ev, role, code in self.conn.execute(
            "SELECT event, role, code FROM event_parties WHERE code IS NOT NULL"
        ):
            sides = parties.setdefault(ev, (set(), set()))
            sides[0 if role == "actor" else 1].add(code)
        groups: dict[tuple[str, str, str], list[tuple[date, int, int]]] = {}
        for pk, article, event, cameo, day in self.conn.execute(
            "SELECT pk, article, event, cameo, day FROM events "
            "WHERE negated = 0 AND hypothetical = 0 AND day IS NOT NULL"
        ):
            actors, recipients = parties.get(pk, (set(), set()))
            if not actors:
                continue
            key = (
                event or f"cameo:{cameo[:2]}",
                "+".join(sorted(actors)),
                "+".join(sorted(recipients)),
            )
            groups.setdefault(key, []).append((date.fromisoformat(day[:10]), article, pk))
        linked = 0
        with self.transaction():
            self._write("DELETE FROM stories")
            for (event, actor, recipient), items in sorted(groups.items()):
                items.sort()
                story: list[tuple[date, int, int]] = []
                for item in [*items, None]:
                    if item is not None and (not story or (item[0] - story[0][0]).days <= window_days):
                        story.append(item)
                        continue
                    sources = len({a for _, a, _ in story})
                    linked += sources > 1
                    cur = self._write(
                        "INSERT INTO stories(event, actor, recipient, first_day, last_day, sources, "
                        "events) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (event, actor, recipient, story[0][0].isoformat(),
                         story[-1][0].isoformat(), sources, len(story)),
                    )  # fmt: skip
                    self.conn.executemany(
                        "INSERT INTO story_events(event, story) VALUES (?, ?)",
                        [(pk, cur.lastrowid) for _, _, pk in story],
                    )
                    story = [item] if item is not None else []
        return linked

    def stories(self, *, min_sources: int = 2) -> Iterator[dict[str, Any]]:
        """Story events reported by at least ``min_sources`` articles, most reported first,
        each with every evidence sentence and its article."""
        rows = self.conn.execute(
            "SELECT pk, event, actor, recipient, first_day, last_day, sources, events "
            "FROM stories WHERE sources >= ? ORDER BY sources DESC, first_day, pk",
            (min_sources,),
        ).fetchall()
        for pk, event, actor, recipient, first, last, sources, n in rows:
            evidence = [
                {"article": a, "url": u, "event": e, "text": t}
                for a, u, e, t in self.conn.execute(
                    "SELECT a.id, a.url, e.id, e.evidence_text FROM story_events se "
                    "JOIN events e ON e.pk = se.event JOIN articles a ON a.pk = e.article "
                    "WHERE se.story = ? ORDER BY a.pk, e.seq",
                    (pk,),
                )
            ]
            yield {"story": pk, "event": event, "actor": actor, "recipient": recipient,
                   "first_day": first, "last_day": last, "sources": sources, "events": n,
                   "evidence": evidence}  # fmt: skip

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for table in (
            "articles",
            "documents",
            "actors",
            "mentions",
            "quotes",
            "events",
            "quarantine",
            "runs",
            "stories",
        ):
            out[table] = int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        return out

    def stats(self, *, period: Literal["week", "month"] = "month") -> dict[str, Any]:
        """Counts, events per type, and the dyad time series: per (actor code, recipient
        code) and per ``period`` (weeks start on Monday; months as ``YYYY-MM``), the number
        of events and their summed Goldstein score. Compound parties count once per pair."""
        if period == "week":
            bucket = "date(e.day, '-' || ((CAST(strftime('%w', e.day) AS INTEGER) + 6) % 7) || ' days')"
        else:
            bucket = "substr(e.day, 1, 7)"
        by_type = {
            (r[0] or f"cameo:{r[1]}"): r[2]
            for r in self.conn.execute(
                "SELECT event, CASE WHEN event IS NULL THEN substr(cameo, 1, 2) END, COUNT(*) "
                "FROM events GROUP BY 1, 2 ORDER BY 3 DESC, 1"
            )
        }
        series = [
            {
                "period": r[0],
                "actor": r[1],
                "recipient": r[2],
                "events": r[3],
                "goldstein": round(r[4], 3) if r[4] is not None else None,
            }
            for r in self.conn.execute(
                f"SELECT {bucket} AS period, pa, pr, COUNT(*), SUM(e.goldstein) FROM ("
                "  SELECT DISTINCT p.event AS ev, p.code AS pa, r.code AS pr "
                "  FROM event_parties p JOIN event_parties r ON r.event = p.event "
                "  WHERE p.role = 'actor' AND r.role = 'recipient' "
                "  AND p.code IS NOT NULL AND r.code IS NOT NULL"
                ") x JOIN events e ON e.pk = x.ev WHERE e.day IS NOT NULL "
                "GROUP BY period, pa, pr ORDER BY pa, pr, period"
            )
        ]
        span = self.conn.execute("SELECT MIN(day), MAX(day) FROM events").fetchone()
        return {
            "counts": self.counts(),
            "events_by_type": by_type,
            "days": {"first": span[0], "last": span[1]},
            "period": period,
            "dyads": series,
        }


# ---------------------------------------------------------------------------------------
# Flat rows, PLOVER records and writers

EVENT_COLUMNS: tuple[str, ...] = (
    "article_id",
    "url",
    "published",
    "event_id",
    "event",
    "mode",
    "cameo",
    "quad",
    "goldstein",
    "actor_code",
    "actor_sector",
    "actor_text",
    "recipient_code",
    "recipient_sector",
    "recipient_text",
    "date",
    "date_precision",
    "place",
    "country",
    "lat",
    "lon",
    "negated",
    "hypothetical",
    "evidence_start",
    "evidence_end",
    "evidence_text",
)

QUOTE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "url",
    "published",
    "quote_id",
    "kind",
    "speaker",
    "speaker_code",
    "speaker_sector",
    "cue",
    "start",
    "end",
    "text",
)

ACTOR_COLUMNS: tuple[str, ...] = ("name", "kind", "code", "sector", "articles", "mentions")

_PARQUET_TYPES: dict[str, str] = {
    "quad": "int64",
    "goldstein": "float64",
    "lat": "float64",
    "lon": "float64",
    "negated": "bool_",
    "hypothetical": "bool_",
    "evidence_start": "int64",
    "evidence_end": "int64",
    "start": "int64",
    "end": "int64",
    "articles": "int64",
    "mentions": "int64",
}


def _join(parties: list[dict[str, Any]], key: str) -> str | None:
    values = [p.get(key) or "" for p in parties]
    return ";".join(values) if any(values) else None


def event_row(obj: dict[str, Any]) -> dict[str, Any]:
    """One event object (as ``Store.events`` yields) as a flat row of ``EVENT_COLUMNS``.
    Compound parties are joined with ``;``."""
    art = obj.get("article") or {}
    loc = obj.get("location") or {}
    evid = obj.get("evidence") or {}
    return {
        "article_id": art.get("id"),
        "url": art.get("url"),
        "published": art.get("published"),
        "event_id": obj["id"],
        "event": obj.get("event"),
        "mode": obj.get("mode"),
        "cameo": obj.get("cameo"),
        "quad": obj.get("quad"),
        "goldstein": obj.get("goldstein"),
        "actor_code": _join(obj.get("actor") or [], "code"),
        "actor_sector": _join(obj.get("actor") or [], "sector"),
        "actor_text": _join(obj.get("actor") or [], "text"),
        "recipient_code": _join(obj.get("recipient") or [], "code"),
        "recipient_sector": _join(obj.get("recipient") or [], "sector"),
        "recipient_text": _join(obj.get("recipient") or [], "text"),
        "date": obj.get("date"),
        "date_precision": obj.get("date_precision"),
        "place": loc.get("place"),
        "country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "negated": bool(obj.get("negated")),
        "hypothetical": bool(obj.get("hypothetical")),
        "evidence_start": evid.get("start"),
        "evidence_end": evid.get("end"),
        "evidence_text": evid.get("text"),
    }


def quote_row(obj: dict[str, Any]) -> dict[str, Any]:
    """One quote object (as ``Store.quotes`` yields) as a flat row of ``QUOTE_COLUMNS``."""
    art = obj.get("article") or {}
    speaker = obj.get("speaker") or {}
    actor = obj.get("speaker_actor") or {}
    return {
        "article_id": art.get("id"),
        "url": art.get("url"),
        "published": art.get("published"),
        "quote_id": obj["id"],
        "kind": obj.get("kind"),
        "speaker": actor.get("name") or speaker.get("text"),
        "speaker_code": actor.get("code"),
        "speaker_sector": actor.get("sector"),
        "cue": obj.get("cue"),
        "start": obj.get("start"),
        "end": obj.get("end"),
        "text": obj.get("text"),
    }


# PLOVER scores (event_scale), by type and by mode, from the PLOVER manual (facts).
PLOVER_SCORES: dict[str, float] = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10,
    "RETREAT": 6.5, "REQUEST": 0, "ACCUSE": -3, "REJECT": -2, "THREATEN": -3.5,
    "PROTEST": -5, "SANCTION": -6, "MOBILIZE": -5.5, "COERCE": -7, "ASSAULT": -9,
}  # fmt: skip
PLOVER_MODE_SCORES: dict[tuple[str, str], float] = {
    ("CONSULT", "visit"): 4, ("CONSULT", "third-party"): 1, ("CONSULT", "multilateral"): 4,
    ("CONSULT", "phone"): 1.5,
    ("RETREAT", "withdraw"): 8, ("RETREAT", "release"): 6.5, ("RETREAT", "disarm"): 10,
    ("RETREAT", "ceasefire"): 7.5, ("RETREAT", "access"): 6.5, ("RETREAT", "resign"): 4.5,
    ("REQUEST", "assist"): 0.5, ("REQUEST", "change"): -1, ("REQUEST", "yield"): -1,
    ("REQUEST", "meet"): 0,
    ("ACCUSE", "disapprove"): -2, ("ACCUSE", "investigate"): -3.5, ("ACCUSE", "allege"): -3.5,
    ("REJECT", "assist"): -1.5, ("REJECT", "change"): -2, ("REJECT", "yield"): -2,
    ("REJECT", "meet"): -2,
    ("THREATEN", "restrict"): -3, ("THREATEN", "arrest"): -3.5, ("THREATEN", "relations"): -3.5,
    ("THREATEN", "expel"): -3.5, ("THREATEN", "territory"): -4, ("THREATEN", "violence"): -3.5,
    ("PROTEST", "demo"): -5, ("PROTEST", "riot"): -7, ("PROTEST", "strike"): -5,
    ("PROTEST", "hunger"): -4.5, ("PROTEST", "boycott"): -4.5, ("PROTEST", "obstruct"): -4.5,
    ("SANCTION", "convict"): -6, ("SANCTION", "expel"): -5.5, ("SANCTION", "withdraw"): -6,
    ("SANCTION", "discontinue"): -6,
    ("MOBILIZE", "troops"): -6.5, ("MOBILIZE", "weapons"): -6.5, ("MOBILIZE", "police"): -5.5,
    ("MOBILIZE", "militia"): -6,
    ("COERCE", "seize"): -7, ("COERCE", "restrict"): -7, ("COERCE", "censor"): -6.5,
    ("COERCE", "curfew"): -6.5, ("COERCE", "martial-law"): -7.5, ("COERCE", "arrest"): -7,
    ("COERCE", "deport"): -7, ("COERCE", "withhold"): -7, ("COERCE", "misinformation"): -6.5,
    ("COERCE", "cyber"): -7,
    ("ASSAULT", "abduct"): -8.5, ("ASSAULT", "beat"): -7.5, ("ASSAULT", "torture"): -8.5,
    ("ASSAULT", "sexual"): -8.5, ("ASSAULT", "targeted"): -9.5, ("ASSAULT", "destroy"): -8.5,
    ("ASSAULT", "primitive"): -8, ("ASSAULT", "firearms"): -9, ("ASSAULT", "explosives"): -9,
    ("ASSAULT", "suicide-attack"): -9.5, ("ASSAULT", "aerial"): -9.5, ("ASSAULT", "drone"): -9.5,
    ("ASSAULT", "heavy-weapons"): -9.5, ("ASSAULT", "crowd-control"): -7.5,
    ("ASSAULT", "unconventional"): -10,
}  # fmt: skip


def _plover_entity(p: dict[str, Any], titles: dict[str, str | None]) -> dict[str, Any]:
    return {
        "code": p.get("code"),
        "sector": p.get("sector"),
        "entity_text": p.get("text"),
        "office": titles.get(p.get("actor") or ""),
    }


def plover_record(obj: dict[str, Any], *, coded: datetime | None = None) -> dict[str, Any]:
    """One event object (as ``Store.events`` yields) as a PLOVER JSON record, with PLOVER's
    field names. dateline's own ``cameo`` and ``goldstein`` ride along as extra fields;
    negated and hypothetical events get PLOVER's auxiliary modes ``negation``/``hypothetical``.
    """
    art = obj.get("article") or {}
    titles: dict[str, str | None] = obj.get("_titles") or {}
    event = obj.get("event")
    modes = [obj["mode"]] if obj.get("mode") else []
    if obj.get("negated"):
        modes.append("negation")
    if obj.get("hypothetical"):
        modes.append("hypothetical")
    scale: float | None = None
    if event:
        scale = PLOVER_MODE_SCORES.get((event, obj.get("mode") or ""), PLOVER_SCORES.get(event))
    loc = obj.get("location")
    evid = obj.get("evidence") or {}
    published = art.get("published")
    stamp = coded or datetime.now(UTC)
    record: dict[str, Any] = {
        "id": f"{art.get('id')}:{obj['id']}",
        "has_event": event is not None,
        "date": obj.get("date") or (published[:10] if published else None),
        "actor": [_plover_entity(p, titles) for p in obj.get("actor") or []],
        "recipient": [_plover_entity(p, titles) for p in obj.get("recipient") or []],
        "event": [event] if event else [],
        "event_loc": None
        if not loc
        else {
            "extracted_place": loc.get("place"),
            "lat": loc.get("lat"),
            "lon": loc.get("lon"),
            "country_code": loc.get("country"),
        },
        "event_text": [evid["text"]] if evid.get("text") else [],
        "quad_code": obj.get("quad"),
        "event_scale": scale,
        "mode": modes,
        "context": [],
        "link": f"story-{obj['story']['id']}" if obj.get("story") else None,
        "text": evid.get("text"),
        "text_info": {"start": evid.get("start"), "end": evid.get("end")} if evid else None,
        "cite_info": {"url": art.get("url"), "citation": art.get("id")},
        "coder": "dateline",
        "coded_date": stamp.date().isoformat(),
        "coded_time": stamp.time().replace(microsecond=0).isoformat(),
        "cameo": obj.get("cameo"),
        "goldstein": obj.get("goldstein"),
    }
    return record


def plover_records(store: Store, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Every (matching) event of ``store`` as a PLOVER record, entity ``office`` filled from
    the actor's title."""
    titles: dict[tuple[str, str], str | None] = {
        (r[0], r[1]): r[2]
        for r in store.conn.execute(
            "SELECT a.id, ac.id, ac.title FROM actors ac JOIN articles a ON a.pk = ac.article "
            "WHERE ac.title IS NOT NULL"
        )
    }
    stamp = datetime.now(UTC)
    for obj in store.events(flt):
        art_id = obj["article"]["id"]
        ids = {p.get("actor") for p in (obj.get("actor") or []) + (obj.get("recipient") or [])}
        obj["_titles"] = {i: titles.get((art_id, i)) for i in ids if i}
        yield plover_record(obj, coded=stamp)


def open_output(path: str | Path, *, force: bool = False) -> Path:
    """Check that ``path`` may be written: it must not exist unless ``force``.

    Raises ``ConfigError`` (E220) naming the file.
    """
    out = Path(path)
    if out.exists() and not force:
        raise ConfigError(Errors.E220, source=str(out), path=str(out))
    return out


def write_jsonl(rows: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    n = 0
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict[str, Any]], stream: IO[str], *, columns: Sequence[str]) -> int:
    writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def write_parquet(
    rows: Iterable[dict[str, Any]], path: str | Path, *, columns: Sequence[str]
) -> int:
    """Write flat rows to one Parquet file. Needs pyarrow (``pip install 'dateline[parquet]'``);
    raises ``ConfigError`` (E222) without it."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]
        import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as exc:
        raise ConfigError(
            Errors.E222, source=str(path), what="Parquet output", package="pyarrow", extra="parquet", why=exc
        ) from exc
    data = list(rows)
    schema = pa.schema(
        [(c, getattr(pa, _PARQUET_TYPES.get(c, "string"))()) for c in columns]
    )
    table = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in data], schema=schema)
    pq.write_table(table, str(path))
    return len(data)


def format_table(
    rows: Iterable[dict[str, Any]], *, columns: Sequence[str], widths: dict[str, int] | None = None
) -> str:
    """Rows as an aligned plain-text table (long cells cut to ``widths[column]``)."""
    widths = widths or {}
    cells: list[list[str]] = []
    for row in rows:
        line = []
        for c in columns:
            value = row.get(c)
            text = "" if value is None else str(value).replace("\n", " ")
            cap = widths.get(c, 40)
            if len(text) > cap:
                text = text[: cap - 1] + "…"
            line.append(text)
        cells.append(line)
    sizes = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    out = io.StringIO()
    out.write("  ".join(c.ljust(sizes[i]) for i, c in enumerate(columns)).rstrip() + "\n")
    for r in cells:
        out.write("  ".join(v.ljust(sizes[i]) for i, v in enumerate(r)).rstrip() + "\n")
    return out.getvalue()


EVENT_TABLE: dict[str, int] = {
    "date": 10, "event": 9, "cameo": 5, "actor_code": 12, "recipient_code": 14,
    "goldstein": 9, "place": 16, "evidence_text": 60,
}  # fmt: skip
QUOTE_TABLE: dict[str, int] = {"published": 25, "speaker": 22, "kind": 8, "text": 80}
ACTOR_TABLE: dict[str, int] = {c: 40 for c in ACTOR_COLUMNS}

TEXT_FORMATS = ("table", "csv", "jsonl")


def write_output(
    objects: Iterable[dict[str, Any]],
    *,
    fmt: str,
    output: str | Path | None,
    columns: Sequence[str],
    flatten: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    table: dict[str, int] | None = None,
    force: bool = False,
    stdout: IO[str] | None = None,
) -> int:
    """Write query results as ``table``, ``csv``, ``jsonl`` or ``parquet`` to ``output``
    (a path; ``None`` or ``-`` is ``stdout``). ``jsonl`` writes the objects whole; the other
    formats write them through ``flatten`` as rows of ``columns`` (``table`` shows the
    columns of ``table`` with their widths). Returns the number of records written.

    Raises ``ConfigError``: E220 when ``output`` exists and not ``force``; E222 when Parquet
    is asked for without pyarrow; E201 when Parquet is asked for on stdout.
    """
    to_stdout = output is None or str(output) == "-"
    if not to_stdout:
        open_output(output, force=force)  # type: ignore[arg-type]
    rows = (flatten(o) for o in objects) if flatten is not None else iter(objects)
    if fmt == "parquet":
        if to_stdout:
            raise ConfigError(
                Errors.E201, source="--output", key="output", where="the command line",
                why="Parquet is binary: give a file with --output PATH",
            )
        return write_parquet(rows, str(output), columns=columns)
    if to_stdout:
        return _write_text(iter(objects) if fmt == "jsonl" else rows, fmt, stdout or sys.stdout,
                           columns=columns, table=table)
    with open(str(output), "w", encoding="utf-8", newline="") as fh:
        return _write_text(iter(objects) if fmt == "jsonl" else rows, fmt, fh,
                           columns=columns, table=table)


def _write_text(
    rows: Iterator[dict[str, Any]],
    fmt: str,
    stream: IO[str],
    *,
    columns: Sequence[str],
    table: dict[str, int] | None,
) -> int:
    if fmt == "jsonl":
        return write_jsonl(rows, stream)
    if fmt == "csv":
        return write_csv(rows, stream, columns=columns)
    if fmt == "table":
        data = list(rows)
        cols = list(table) if table else list(columns)
        stream.write(format_table(data, columns=cols, widths=table))
        return len(data)
    raise ConfigError(
        Errors.E201, source="--format", key="format", where="the command line",
        why=f"unknown output format {fmt!r}",
    )


def format_stats(stats: dict[str, Any], *, top: int = 20) -> str:
    """``Store.stats`` as plain text: counts, events per type, and the dyad series."""
    out = io.StringIO()
    counts = stats["counts"]
    out.write("counts: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + "\n")
    days = stats["days"]
    if days["first"]:
        out.write(f"event days: {days['first']} .. {days['last']}\n")
    if stats["events_by_type"]:
        out.write("events by type: ")
        out.write(", ".join(f"{k} {v}" for k, v in stats["events_by_type"].items()) + "\n")
    dyads = stats["dyads"]
    if dyads:
        totals: dict[tuple[str, str], int] = {}
        for d in dyads:
            totals[(d["actor"], d["recipient"])] = totals.get((d["actor"], d["recipient"]), 0) + d["events"]
        keep = {k for k, _ in sorted(totals.items(), key=lambda kv: -kv[1])[:top]}
        out.write(f"\ndyad series per {stats['period']} (top {len(keep)} dyads by events):\n")
        rows = [d for d in dyads if (d["actor"], d["recipient"]) in keep]
        out.write(format_table(rows, columns=("actor", "recipient", "period", "events", "goldstein")))
    return out.getvalue()


# ---------------------------------------------------------------------------------------
# Helpers


def parse_day(value: str, *, what: str = "date") -> date:
    """A ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``: the first day) as a date.

    Raises ``ConfigError`` (E203) naming the value."""
    text = value.strip()
    try:
        if len(text) == 4 and text.isdigit():
            return date(int(text), 1, 1)
        if len(text) == 7:
            return date.fromisoformat(text + "-01")
        return date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ConfigError(Errors.E203, source=what, value=value, why=exc) from exc


def parse_dyad(value: str) -> tuple[str, str]:
    """``A:B`` as (actor code, recipient code). Raises ``ConfigError`` (E221)."""
    left, sep, right = value.partition(":")
    if not sep or not left.strip() or not right.strip():
        raise ConfigError(Errors.E221, source="--dyad", value=value)
    return left.strip().upper(), right.strip().upper()


def _split_code(value: str) -> tuple[str, str | None]:
    text = value.strip().upper()
    if len(text) == 6 and text.isalpha():
        return text[:3], text[3:]
    return text, None


def _fts_query(text: str) -> str:
    words = [w for w in text.split() if w.strip('"')]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _extraction(doc_json: str, rest_json: str) -> Extraction:
    data = json.loads(rest_json)
    data["document"] = json.loads(doc_json)
    return from_json(Extraction, data)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


__all__ = [
    "DEFAULT_DB",
    "EVENT_COLUMNS",
    "MIGRATIONS",
    "QUOTE_COLUMNS",
    "SCHEMA_VERSION",
    "EventFilter",
    "QuoteFilter",
    "RunCounts",
    "Store",
    "event_row",
    "format_stats",
    "format_table",
    "migrate",
    "open_output",
    "parse_day",
    "parse_dyad",
    "plover_record",
    "plover_records",
    "quote_row",
    "schema_version",
    "write_csv",
    "write_jsonl",
    "write_output",
    "write_parquet",
]
