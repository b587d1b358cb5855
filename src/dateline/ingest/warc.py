"""WARC files: the HTML responses of a crawl, one ``Article`` per record."""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ..config import Config
from ..errors import Errors, InputError
from ..records import Article
from .articles import article_from_html
from .decode import decode_bytes
from .formats import HTML_TYPES, media_type
from .streams import head_of, os_why

logger = logging.getLogger(__name__)


def iter_warc(stream: io.BufferedIOBase, *, label: str, cfg: Config) -> Iterator[Article | InputError]:
    """The HTML response records of a WARC file (gzipped or not)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        head = head_of(stream, 64)
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(Errors.E111, source=label, why=os_why(exc))
        return
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error as exc:
            yield InputError(Errors.E111, source=label, why=f"broken gzip data: {exc}")
            return
    if head and not head.lstrip().startswith((b"WARC/", b"filedesc://")):
        yield InputError(Errors.E111, source=label, why=f"it starts with {head[:16]!r}, not WARC/1.x")
        return
    records = iter(ArchiveIterator(stream))
    total = 0
    html_records = 0
    while True:
        try:
            record = next(records, None)
        except (ArchiveLoadFailed, *_WARC_ERRORS) as exc:
            yield InputError(Errors.E111, source=label, why=f"{type(exc).__name__}: {exc}")
            return
        if record is None:
            break
        total += 1
        media, charset = _warc_media_type(record)
        if record.rec_type != "response" or media not in HTML_TYPES:
            continue
        status = record.http_headers.get_statuscode() if record.http_headers else ""
        if not str(status).startswith("2"):
            continue
        html_records += 1
        uri = record.rec_headers.get_header("WARC-Target-URI") or f"{label}#{total}"
        yield _warc_article(record, uri=uri, label=label, charset=charset, cfg=cfg)
    if html_records == 0:
        what = f"no HTML response records among the {total} records of the WARC file"
        yield InputError(Errors.E101, source=label, what=what)
    else:
        logger.debug("%s: %d HTML responses of %d WARC records", label, html_records, total)


# What warcio raises on malformed records, besides its own ArchiveLoadFailed.
_WARC_ERRORS = (OSError, EOFError, zlib.error, ValueError, AttributeError, TypeError, IndexError)


def _warc_media_type(record: Any) -> tuple[str, str | None]:
    if record.http_headers is None:
        return "", None
    return media_type(record.http_headers.get_header("Content-Type"))


def _warc_article(
    record: Any, *, uri: str, label: str, charset: str | None, cfg: Config
) -> Article | InputError:
    source = f"{label}:{uri}"
    try:
        data = record.content_stream().read(cfg.max_bytes + 1)
    except _WARC_ERRORS as exc:
        return InputError(Errors.E111, source=source, id=uri, why=f"{type(exc).__name__}: {exc}")
    if len(data) > cfg.max_bytes:
        return InputError(Errors.E117, source=source, id=uri, cap=cfg.max_bytes)
    if not data.strip():
        return InputError(Errors.E101, source=source, id=uri, what="the response has no body")
    try:
        html = decode_bytes(data, source=source, declared=charset, html=True)
        article = article_from_html(html, source=source, url=uri, id=uri)
    except InputError as exc:
        exc.fields.setdefault("id", uri)
        return exc
    return replace(article, input_format="warc")
