"""Store query results as flat rows, plain-text tables, and JSONL, CSV and Parquet files.
Writing a file never overwrites one without ``force``."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from ..errors import ConfigError, Errors

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


def write_parquet(rows: Iterable[dict[str, Any]], path: str | Path, *, columns: Sequence[str]) -> int:
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
    schema = pa.schema([(c, getattr(pa, _PARQUET_TYPES.get(c, "string"))()) for c in columns])
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
                Errors.E201,
                source="--output",
                key="output",
                where="the command line",
                why="Parquet is binary: give a file with --output PATH",
            )
        return write_parquet(rows, str(output), columns=columns)
    if to_stdout:
        return _write_text(
            iter(objects) if fmt == "jsonl" else rows, fmt, stdout or sys.stdout, columns=columns, table=table
        )
    with open(str(output), "w", encoding="utf-8", newline="") as fh:
        return _write_text(iter(objects) if fmt == "jsonl" else rows, fmt, fh, columns=columns, table=table)


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
        Errors.E201,
        source="--format",
        key="format",
        where="the command line",
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
