"""``Store``: one SQLite file. Adds extractions idempotently by content hash, quarantines
failed inputs, records runs, answers the queries behind ``dateline events``, ``quotes``,
``actors`` and ``stats``, and links articles that report the same happening into stories."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from ..errors import DatelineError, Errors, StoreError
from ..records import Article, Event, Extraction, Quote, from_json, to_json
from .query import EventFilter, QuoteFilter, RunCounts, iso, split_code, utc_now
from .schema import migrate

logger = logging.getLogger(__name__)

DEFAULT_DB = "dateline.db"


AddStatus = Literal["added", "unchanged", "replaced"]


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
                "SELECT pk, id, content_hash FROM articles WHERE id = ? OR (url IS NOT NULL AND url = ?)",
                (ident, url),
            ).fetchall()
            self._write("SAVEPOINT add_article")
            try:
                for pk, old_id, old_hash in old:
                    self._write(
                        "INSERT OR IGNORE INTO superseded(content_hash, article_id, time) VALUES (?, ?, ?)",
                        (old_hash, old_id, utc_now()),
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
                iso(published),
                json.dumps(metadata, ensure_ascii=False),
                utc_now(),
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
                iso(doc.published),
                iso(doc.updated),
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
            [(pk, i, m.start, m.end, m.text, m.actor, m.label) for i, m in enumerate(extraction.mentions)],
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
                iso(ev.date),
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
                (cur.lastrowid, role, i, p.actor, p.code, p.sector, p.text) for i, p in enumerate(group)
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
                (source, article, stage, code, message, utc_now(), run),
            )

    def start_run(self, command: str) -> int:
        with self.transaction():
            cur = self._write("INSERT INTO runs(started, command) VALUES (?, ?)", (utc_now(), command))
        return int(cur.lastrowid or 0)

    def finish_run(self, run: int, counts: RunCounts, *, status: str = "done") -> None:
        with self.transaction():
            self._write(
                "UPDATE runs SET ended = ?, status = ?, counts = ? WHERE pk = ?",
                (utc_now(), status, _dumps(counts.as_dict()), run),
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
        rows = self.conn.execute("SELECT pk, started, ended, command, status, counts FROM runs ORDER BY pk")
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
            code, sector = split_code(flt.actor)
            sql = "EXISTS (SELECT 1 FROM event_parties p WHERE p.event = e.pk AND p.code = ?"
            params.append(code)
            if sector:
                sql += " AND p.sector = ?"
                params.append(sector)
            where.append(sql + ")")
        if flt.dyad:
            for role, value in zip(("actor", "recipient"), flt.dyad, strict=True):
                code, sector = split_code(value)
                sql = (
                    "EXISTS (SELECT 1 FROM event_parties p WHERE p.event = e.pk AND p.role = ? AND p.code = ?"
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
            c, s = split_code(code)
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


def _fts_query(text: str) -> str:
    words = [w for w in text.split() if w.strip('"')]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _extraction(doc_json: str, rest_json: str) -> Extraction:
    data = json.loads(rest_json)
    data["document"] = json.loads(doc_json)
    return from_json(Extraction, data)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
