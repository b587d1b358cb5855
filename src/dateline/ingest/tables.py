"""CSV and TSV files of articles: one ``Article`` or ``InputError`` per row, by header."""

from __future__ import annotations

import codecs
import csv
import io
import zlib
from collections.abc import Iterator
from typing import IO, cast

from ..config import Config
from ..errors import Errors, InputError
from ..records import Article
from .articles import article_from_record
from .decode import ENCODING_SAMPLE, guess_encoding, normalise_newlines
from .formats import BOMS, HTML_FIELDS, TEXT_FIELDS
from .streams import head_of, os_why


def _stream_encoding(head: bytes) -> str:
    """The encoding of a streamed input, judged from its first bytes."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return guess_encoding(head) or "utf-8"
    return "utf-8"


def iter_csv(
    stream: io.BufferedIOBase, *, label: str, cfg: Config, delimiter: str | None
) -> Iterator[Article | InputError]:
    """CSV (or TSV) with a header row naming the columns; one article per row."""
    try:
        head = head_of(stream, ENCODING_SAMPLE)
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(Errors.E115, source=label, why=os_why(exc))
        return
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield InputError(Errors.E102, source=label, why="NUL bytes in a CSV file")
        return
    csv.field_size_limit(max(csv.field_size_limit(), cfg.max_bytes))
    text_stream = io.TextIOWrapper(cast(IO[bytes], stream), encoding=_stream_encoding(head), newline="")
    try:
        yield from _csv_rows(text_stream, label=label, delimiter=delimiter)
    finally:
        text_stream.detach()


def _csv_rows(text_stream: IO[str], *, label: str, delimiter: str | None) -> Iterator[Article | InputError]:
    try:
        header_line = text_stream.readline()
    except UnicodeDecodeError as exc:
        yield InputError(Errors.E103, source=f"{label}:1", why=str(exc))
        return
    if not header_line.strip():
        yield InputError(Errors.E101, source=label, what="no header row")
        return
    if delimiter is None:
        delimiter = max((",", "\t", ";"), key=header_line.count)
    header = next(csv.reader([header_line], delimiter=delimiter))
    columns = [c.strip().lstrip("\ufeff").lower() for c in header]
    known = set(TEXT_FIELDS) | set(HTML_FIELDS)
    if not known.intersection(columns):
        yield InputError(Errors.E107, source=label, columns=header)
        return
    reader = csv.reader(text_stream, delimiter=delimiter)
    line_no = 1
    rows = 0
    while True:
        start = line_no + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            yield InputError(Errors.E115, source=f"{label}:{start}", why=f"malformed CSV: {exc}")
            return
        except UnicodeDecodeError as exc:
            yield InputError(Errors.E103, source=f"{label}:{start}", why=str(exc))
            return
        if row is None:
            break
        line_no = 1 + reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        source = f"{label}:{start}"
        if len(row) != len(columns):
            yield InputError(Errors.E118, source=source, line=start, found=len(row), expected=len(columns))
            continue
        record = {
            name: normalise_newlines(cell) for name, cell in zip(columns, row, strict=True) if cell.strip()
        }
        try:
            yield article_from_record(
                record, source=source, default_id=source, input_format="csv", line=str(start)
            )
        except InputError as exc:
            yield exc
    if rows == 0:
        yield InputError(Errors.E101, source=label, what="a header row and no data rows")
