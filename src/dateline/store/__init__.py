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
written) in one transaction. Only this package writes: rows to the store, and query
results to export files.

Modules: ``schema`` (tables and numbered migrations), ``database`` (``Store``: writes,
queries, story linking, stats), ``query`` (filters and the parsing of query values),
``export`` (flat rows, tables and the JSONL/CSV/Parquet writers) and ``plover`` (PLOVER
records).
"""

from __future__ import annotations

from .database import DEFAULT_DB, AddStatus, Store
from .export import (
    ACTOR_COLUMNS,
    ACTOR_TABLE,
    EVENT_COLUMNS,
    EVENT_TABLE,
    QUOTE_COLUMNS,
    QUOTE_TABLE,
    event_row,
    format_stats,
    format_table,
    open_output,
    quote_row,
    write_csv,
    write_jsonl,
    write_output,
    write_parquet,
)
from .plover import plover_record, plover_records
from .query import EventFilter, QuoteFilter, RunCounts, parse_day, parse_dyad
from .schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version

__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_TABLE",
    "DEFAULT_DB",
    "EVENT_COLUMNS",
    "EVENT_TABLE",
    "MIGRATIONS",
    "QUOTE_COLUMNS",
    "QUOTE_TABLE",
    "SCHEMA_VERSION",
    "AddStatus",
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
