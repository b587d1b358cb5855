"""Sources to articles: files, directories, glob patterns, stdin and URLs, each routed to
the reader for its format (given, by extension, or sniffed)."""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from ..config import Config
from ..errors import Errors, InputError
from ..records import Article
from .articles import article_from_html, article_from_text
from .decode import decode_bytes, digest
from .fetch import fetch
from .formats import (
    EXTENSIONS,
    GZIP_MAGIC,
    HTML_TYPES,
    SNIFF_BYTES,
    STDIN,
    URL_TYPES,
    format_from_name,
    is_url,
    json_kind,
    sniff,
)
from .jsonl import iter_jsonl
from .streams import PrefixedReader, os_why, read_capped, read_head
from .tables import iter_csv
from .warc import iter_warc


def iter_all(
    sources: Sequence[str], *, cfg: Config, fmt: str, published: datetime | None
) -> Iterator[Article | InputError]:
    for source in sources:
        for item in iter_source(source, cfg=cfg, fmt=fmt):
            if isinstance(item, Article) and published is not None and item.published is None:
                item = replace(item, published=published)
            yield item


def iter_source(source: str, *, cfg: Config, fmt: str) -> Iterator[Article | InputError]:
    source = os.fspath(source)  # a pathlib.Path is welcome too
    if source == "-":
        yield from _iter_stdin(cfg=cfg, fmt=fmt)
        return
    if is_url(source):
        yield from _iter_url(source, cfg=cfg, fmt=fmt)
        return
    path = Path(source)
    if path.is_dir():
        yield from _iter_dir(path, cfg=cfg, fmt=fmt)
        return
    if path.exists():
        yield from _iter_file(path, label=source, cfg=cfg, fmt=fmt)
        return
    if any(ch in source for ch in "*?["):
        yield from _iter_glob(source, cfg=cfg, fmt=fmt)
        return
    yield InputError(Errors.E100, source=source, path=source)


def _iter_glob(pattern: str, *, cfg: Config, fmt: str) -> Iterator[Article | InputError]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield InputError(Errors.E112, source=pattern, pattern=pattern)
        return
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from _iter_dir(path, cfg=cfg, fmt=fmt)
        else:
            yield from _iter_file(path, label=match, cfg=cfg, fmt=fmt)


def _iter_dir(root: Path, *, cfg: Config, fmt: str) -> Iterator[Article | InputError]:
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and format_from_name(name) is not None:
                found.append(Path(folder, name))
    if not found:
        extensions = " ".join(sorted(EXTENSIONS)) + " .warc .warc.gz"
        yield InputError(
            Errors.E112, source=str(root), pattern=f"{root}{os.sep} (article files: {extensions})"
        )
        return
    for path in sorted(found):
        yield from _iter_file(path, label=str(path), cfg=cfg, fmt=fmt)


def _iter_file(path: Path, *, label: str, cfg: Config, fmt: str) -> Iterator[Article | InputError]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputError(Errors.E115, source=label, why=os_why(exc))
        return
    if size == 0:
        yield InputError(Errors.E101, source=label, what="the file has no bytes")
        return
    named = format_from_name(path.name)
    gzipped = path.name.lower().endswith(".gz") and named != "warc"
    try:
        stream: io.BufferedIOBase = gzip.open(path, "rb") if gzipped else path.open("rb")
    except OSError as exc:
        yield InputError(Errors.E115, source=label, why=os_why(exc))
        return
    with stream:
        if fmt == "auto":
            if named is not None:
                fmt = named
            else:
                head = read_head(stream, label=label)
                if isinstance(head, InputError):
                    yield head
                    return
                fmt = sniff(head, complete=len(head) < SNIFF_BYTES)
        if fmt == "warc":
            yield from iter_warc(stream, label=label, cfg=cfg)
        elif fmt == "jsonl":
            yield from iter_jsonl(stream, label=label, cfg=cfg, whole=json_kind(path.name))
        elif fmt == "csv":
            tab = path.name.lower().endswith((".tsv", ".tsv.gz"))
            yield from iter_csv(stream, label=label, cfg=cfg, delimiter="\t" if tab else None)
        else:
            if not gzipped and size > cfg.max_bytes:
                yield InputError(Errors.E104, source=label, size=size, cap=cfg.max_bytes)
                return
            data = read_capped(stream, label=label, cfg=cfg)
            if isinstance(data, InputError):
                yield data
                return
            yield _single(data, fmt=fmt, label=label, ident=label, cfg=cfg)


def _single(
    data: bytes,
    *,
    fmt: str,
    label: str,
    ident: str,
    cfg: Config,
    url: str | None = None,
    charset: str | None = None,
) -> Article | InputError:
    """One text or HTML article from bytes."""
    try:
        if fmt == "html":
            html = decode_bytes(data, source=label, declared=charset, html=True)
            return article_from_html(html, source=label, url=url, id=ident)
        text = decode_bytes(data, source=label, declared=charset)
        return article_from_text(text, source=label, id=ident, url=url)
    except InputError as exc:
        return exc


def _iter_bytes(
    data: bytes,
    *,
    fmt: str,
    label: str,
    ident: str,
    cfg: Config,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Article | InputError]:
    """The articles of an in-memory input (stdin, a fetched URL)."""
    if fmt == "auto":
        fmt = sniff(data[:SNIFF_BYTES], complete=len(data) <= SNIFF_BYTES)
    if fmt in ("jsonl", "csv", "warc"):
        yield from _iter_stream(io.BytesIO(data), fmt=fmt, label=label, cfg=cfg)
    else:
        yield _single(data, fmt=fmt, label=label, ident=ident, cfg=cfg, url=url, charset=charset)


def _iter_stream(
    stream: io.BufferedIOBase, *, fmt: str, label: str, cfg: Config
) -> Iterator[Article | InputError]:
    if fmt == "warc":
        yield from iter_warc(stream, label=label, cfg=cfg)
    elif fmt == "csv":
        yield from iter_csv(stream, label=label, cfg=cfg, delimiter=None)
    else:
        yield from iter_jsonl(stream, label=label, cfg=cfg, whole=None)


def _iter_stdin(*, cfg: Config, fmt: str) -> Iterator[Article | InputError]:
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:
        yield InputError(Errors.E115, source=STDIN, why="there is no standard input to read")
        return
    try:
        head = raw.read(SNIFF_BYTES)
    except OSError as exc:
        yield InputError(Errors.E115, source=STDIN, why=os_why(exc))
        return
    if not head.strip():
        yield InputError(Errors.E101, source=STDIN, what="nothing arrived on standard input")
        return
    stream = io.BufferedReader(PrefixedReader(head, raw))
    if head[:2] == GZIP_MAGIC and fmt != "warc" and sniff(head, complete=False) != "warc":
        # gzipped text, HTML, JSONL or CSV: read on through the decompressor
        unzipped = gzip.GzipFile(fileobj=stream, mode="rb")
        stream = io.BufferedReader(PrefixedReader(b"", unzipped), buffer_size=SNIFF_BYTES)
        try:
            head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(Errors.E115, source=STDIN, why=f"broken gzip data: {os_why(exc)}")
            return
    if fmt == "auto":
        fmt = sniff(head, complete=len(head) < SNIFF_BYTES)
    if fmt in ("jsonl", "csv", "warc"):
        yield from _iter_stream(stream, fmt=fmt, label=STDIN, cfg=cfg)
        return
    data = read_capped(stream, label=STDIN, cfg=cfg)
    if isinstance(data, InputError):
        yield data
        return
    yield _single(data, fmt=fmt, label=STDIN, ident=digest(data), cfg=cfg)


def plural_hint(source: str) -> str:
    fmt = format_from_name(source)
    if fmt in ("jsonl", "csv", "warc"):
        return f"a {fmt.upper()} file with several records"
    if Path(source).is_dir():
        return "a directory with several article files"
    return "several records"


def _iter_url(url: str, *, cfg: Config, fmt: str) -> Iterator[Article | InputError]:
    try:
        data, media, charset, final = fetch(url, cfg=cfg, accept=URL_TYPES[fmt])
    except InputError as exc:
        yield exc
        return
    if fmt == "auto":
        fmt = "html" if media in HTML_TYPES else "text"
    yield from _iter_bytes(data, fmt=fmt, label=url, ident=url, cfg=cfg, url=final, charset=charset)
