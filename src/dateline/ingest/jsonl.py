"""JSON Lines and JSON-array files: one ``Article`` or ``InputError`` per record, with the
physical line (or array index) in ``Article.source``."""

from __future__ import annotations

import codecs
import io
import json
import zlib
from collections.abc import Iterator

from ..config import Config
from ..errors import Errors, InputError
from ..records import Article
from .articles import article_from_record
from .decode import WIDE_BOMS, decode_bytes
from .streams import first_nonblank_byte, head_of, os_why, read_capped, skip_line


def iter_jsonl(
    stream: io.BufferedIOBase, *, label: str, cfg: Config, whole: bool | None
) -> Iterator[Article | InputError]:
    """JSON Lines, one article per line; or (``whole``/a leading ``[``) one JSON document."""
    if head_of(stream, 4).startswith(WIDE_BOMS):
        # UTF-16/32 cannot be split at b"\n": decode it whole (under the cap), go on in UTF-8
        data = read_capped(stream, label=label, cfg=cfg)
        if isinstance(data, InputError):
            yield data
            return
        try:
            text = decode_bytes(data, source=label)
        except InputError as exc:
            yield exc
            return
        stream = io.BytesIO(text.encode("utf-8"))
    if whole or (whole is None and first_nonblank_byte(stream) == b"["):
        document = _read_json_document(stream, label=label, cfg=cfg)
        if document is not None:
            yield from document
            return
    seen = 0
    line_no = 0
    while True:
        try:
            raw = stream.readline(cfg.max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(Errors.E115, source=f"{label}:{line_no + 1}", why=os_why(exc))
            return
        if not raw:
            break
        line_no += 1
        source = f"{label}:{line_no}"
        if len(raw) > cfg.max_bytes and not raw.endswith(b"\n"):
            yield InputError(Errors.E117, source=source, cap=cfg.max_bytes)
            skip_line(stream)
            seen += 1
            continue
        if line_no == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        seen += 1
        yield _jsonl_line(raw, source=source, line_no=line_no)
    if seen == 0:
        yield InputError(Errors.E101, source=label, what="no JSON lines")


def _jsonl_line(raw: bytes, *, source: str, line_no: int) -> Article | InputError:
    try:
        text = decode_bytes(raw, source=source)
    except InputError as exc:
        return exc
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return InputError(Errors.E105, source=source, line=line_no, why=f"{exc.msg} (column {exc.colno})")
    if not isinstance(obj, dict):
        return InputError(
            Errors.E105, source=source, line=line_no, why=f"expected a JSON object, got {_json_type(obj)}"
        )
    try:
        return article_from_record(
            obj, source=source, default_id=source, input_format="jsonl", line=str(line_no)
        )
    except InputError as exc:
        return exc


def _json_type(obj: object) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return "null" if obj is None else names.get(type(obj), type(obj).__name__)


def _read_json_document(
    stream: io.BufferedIOBase, *, label: str, cfg: Config
) -> list[Article | InputError] | None:
    """A whole JSON document (an object or an array of objects); ``None`` means "it is JSON
    Lines after all" (several values, one per line), so the caller reads it line by line."""
    data = read_capped(stream, label=label, cfg=cfg)
    if isinstance(data, InputError):
        return [data]
    try:
        text = decode_bytes(data, source=label)
    except InputError as exc:
        return [exc]
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and stream.seekable():
            stream.seek(0)
            return None
        return [InputError(Errors.E105, source=f"{label}:{exc.lineno}", line=exc.lineno, why=exc.msg)]
    if isinstance(obj, dict):
        items: list[tuple[str, str, object]] = [(label, "1", obj)]
    elif isinstance(obj, list):
        items = [(f"{label}[{i}]", f"[{i}]", item) for i, item in enumerate(obj)]
    else:
        return [
            InputError(
                Errors.E115, source=label, why=f"expected a JSON object or array, got {_json_type(obj)}"
            )
        ]
    if not items:
        return [InputError(Errors.E101, source=label, what="an empty JSON array")]
    out: list[Article | InputError] = []
    for source, line, item in items:
        if not isinstance(item, dict):
            out.append(
                InputError(Errors.E115, source=source, why=f"expected a JSON object, got {_json_type(item)}")
            )
            continue
        try:
            out.append(
                article_from_record(item, source=source, default_id=source, input_format="jsonl", line=line)
            )
        except InputError as exc:
            out.append(exc)
    return out
