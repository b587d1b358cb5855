"""Ingest: the only module that reads input. Every source becomes an ``Article``.

Sources: plain-text and HTML files (any common encoding, optionally gzipped), JSONL/JSON
and CSV files of articles (the contract's ``{id, text|html, published, url, title}`` and
news-please's fields), WARC files, directories (recursive, by extension, sorted, hidden
files skipped), glob patterns, ``-`` (stdin) and http(s) URLs.

``iter_articles`` yields an ``Article`` or an ``InputError`` per article, in input order, and
never raises for a bad input, so a batch quarantines the error and goes on.

Identity of what is yielded:

====================  =================================  ===============================
input                 ``Article.id``                     ``Article.source``
====================  =================================  ===============================
text/HTML file        the path as given                  the path as given
JSONL line / CSV row  the ``id`` field, else the source  ``file.jsonl:17`` (physical line)
JSON array item       the ``id`` field, else the source  ``file.json[3]`` (0-based index)
WARC record           its ``WARC-Target-URI``            ``crawl.warc.gz:<target URI>``
URL                   the URL as given                   the URL as given
stdin, strings        first 16 hex digits of SHA-256     ``<stdin>`` / the caller's name
====================  =================================  ===============================

Text is decoded (BOM, then UTF-8, then a declared charset, then detection with
charset-normalizer, preferring Windows-1252 when it reads cleanly) and its line ends are
normalised to ``\\n``; ``Article.text`` is exactly that text, so offsets map back to it.
When an article has a title that its text does not start with, ``Article.text`` is the
title, a blank line, then the text. ``Article.input_format`` names the input the article came
from: ``text``, ``html``, or the container (``jsonl``, ``csv``, ``warc``); an HTML article
keeps its markup in ``Article.html`` whatever its container.
"""

from __future__ import annotations

import codecs
import csv
import glob
import gzip
import hashlib
import http.client
import io
import json
import logging
import os
import re
import sys
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any, cast

from .config import Config
from .errors import Errors, InputError
from .html import extract_html
from .records import Article

__all__ = [
    "INPUT_FORMATS",
    "article_from_html",
    "article_from_text",
    "decode_bytes",
    "format_from_name",
    "iter_articles",
    "parse_published",
    "read_article",
]

logger = logging.getLogger(__name__)

INPUT_FORMATS = ("auto", "text", "html", "jsonl", "csv", "warc")

STDIN = "<stdin>"

# File extensions (after an optional ``.gz``) and the format each one means.
EXTENSIONS: Mapping[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}

# Record fields, in order of preference (JSONL keys and CSV columns, case-insensitive).
TEXT_FIELDS = ("text", "maintext", "body", "content")
HTML_FIELDS = ("html", "raw_html")
PUBLISHED_FIELDS = ("published", "date_publish", "publish_date", "published_at", "date")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
AUTHOR_FIELDS = ("authors", "author", "byline")
SITE_FIELDS = ("site", "sitename", "source_domain")
DESCRIPTION_FIELDS = ("description", "summary")

# Media types a URL may answer with, per requested input format.
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_URL_TYPES: Mapping[str, frozenset[str]] = {
    "auto": _HTML_TYPES | _TEXT_TYPES,
    "html": _HTML_TYPES,
    "text": _TEXT_TYPES | _HTML_TYPES,
    "jsonl": frozenset(
        {"application/json", "application/x-ndjson", "application/jsonl", "application/jsonlines"}
    )
    | _TEXT_TYPES,
    "csv": frozenset({"text/csv", "application/csv"}) | _TEXT_TYPES,
    "warc": frozenset({"application/warc", "application/gzip", "application/octet-stream"}),
}

_SNIFF_BYTES = 65_536
_ENCODING_SAMPLE = 1_048_576
# Strings that stand for "no value" in exported data (str(None), pandas' NaN/NaT, …).
_NO_VALUE = frozenset({"", "none", "null", "nan", "nat", "n/a", "na", "-"})
_DATE_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "ru", "ar", "zh", "ja", "ko", "tr")
_CHUNK = 65_536
_CONTROL_RATIO = 0.05
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_WESTERN = "cp1252"
_WESTERN_MIN_SHARE = 0.8
_TYPOGRAPHY = frozenset("“”‘’‚„—–…€•«»‹›°£¥§©®™·†‡¢¶")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GZIP_MAGIC = b"\x1f\x8b"
_WIDE_BOMS = tuple(bom for bom, encoding in _BOMS if encoding in ("utf-16", "utf-32"))
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
)


# ---------------------------------------------------------------------------------------
# Public API


def iter_articles(
    sources: Sequence[str],
    *,
    cfg: Config,
    input_format: str = "auto",
    published: datetime | None = None,
) -> Iterator[Article | InputError]:
    """Yield every article of every source, in order; a bad input yields its ``InputError``.

    ``input_format`` forces a format for every source (``auto`` detects it by extension,
    then by content). ``published`` sets ``Article.published`` where the input gives none.
    Raises ``InputError`` (E110) at once for an unknown ``input_format``; never for a bad
    input.
    """
    _check_format(input_format)
    return _iter_all(sources, cfg=cfg, fmt=input_format, published=published)


def read_article(source: str, *, cfg: Config, input_format: str = "auto") -> Article:
    """Read exactly one article. Raises ``InputError`` when the source holds none, is
    unreadable, or holds more than one article (E116)."""
    _check_format(input_format)
    items = _iter_source(source, cfg=cfg, fmt=input_format)
    first = next(items, None)
    if first is None:
        raise InputError(Errors.E101, source=source, what="no article found")
    if isinstance(first, InputError):
        raise first
    if next(items, None) is not None:
        raise InputError(Errors.E116, source=source, what=_plural_hint(source))
    return first


def article_from_text(
    text: str,
    *,
    source: str,
    id: str | None = None,
    published: datetime | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """Wrap plain text as an ``Article``; line ends become ``\\n``.

    The id defaults to the first 16 hex digits of the SHA-256 of the text. A ``title``
    that the text does not already start with is put before it, followed by a blank line.
    Raises ``InputError`` for an empty or binary-looking text.
    """
    body = _normalise_newlines(text)
    if not body.strip():
        raise InputError(Errors.E101, source=source, what="the text is blank")
    _check_control(body, source=source)
    clean_title = _clean_title(title)
    full = _with_title(clean_title, body)
    return Article(
        id=id if id is not None else _digest(full.encode("utf-8")),
        text=full,
        source=source,
        url=url,
        title=clean_title,
        published=published,
        input_format="text",
    )


def article_from_html(html: str, *, source: str, url: str | None = None, id: str | None = None) -> Article:
    """Extract the article of an HTML page (via ``dateline.html.extract_html``).

    ``Article.text`` is the page's title, a blank line, then the extracted body (or the body
    alone when there is no title or the body already starts with it). Raises ``InputError``
    when the page is empty or has no article text.
    """
    return _article_from_html(html, source=source, url=url, id=id)


# ---------------------------------------------------------------------------------------
# Sources


def _check_format(fmt: str) -> None:
    if fmt not in INPUT_FORMATS:
        raise InputError(Errors.E110, fmt=fmt, choices=", ".join(INPUT_FORMATS))


def _iter_all(
    sources: Sequence[str], *, cfg: Config, fmt: str, published: datetime | None
) -> Iterator[Article | InputError]:
    for source in sources:
        for item in _iter_source(source, cfg=cfg, fmt=fmt):
            if isinstance(item, Article) and published is not None and item.published is None:
                item = replace(item, published=published)
            yield item


def _iter_source(source: str, *, cfg: Config, fmt: str) -> Iterator[Article | InputError]:
    source = os.fspath(source)  # a pathlib.Path is welcome too
    if source == "-":
        yield from _iter_stdin(cfg=cfg, fmt=fmt)
        return
    if _is_url(source):
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


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


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


def format_from_name(name: str) -> str | None:
    """The input format a file name's extension means, or ``None`` for an unknown one."""
    lower = name.lower()
    if lower.endswith((".warc", ".warc.gz")):
        return "warc"
    base = lower.removesuffix(".gz")
    return EXTENSIONS.get(os.path.splitext(base)[1])


def _iter_file(path: Path, *, label: str, cfg: Config, fmt: str) -> Iterator[Article | InputError]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputError(Errors.E115, source=label, why=_os_why(exc))
        return
    if size == 0:
        yield InputError(Errors.E101, source=label, what="the file has no bytes")
        return
    named = format_from_name(path.name)
    gzipped = path.name.lower().endswith(".gz") and named != "warc"
    try:
        stream: io.BufferedIOBase = gzip.open(path, "rb") if gzipped else path.open("rb")
    except OSError as exc:
        yield InputError(Errors.E115, source=label, why=_os_why(exc))
        return
    with stream:
        if fmt == "auto":
            if named is not None:
                fmt = named
            else:
                head = _read_head(stream, label=label)
                if isinstance(head, InputError):
                    yield head
                    return
                fmt = _sniff(head, complete=len(head) < _SNIFF_BYTES)
        if fmt == "warc":
            yield from _iter_warc(stream, label=label, cfg=cfg)
        elif fmt == "jsonl":
            yield from _iter_jsonl(stream, label=label, cfg=cfg, whole=_json_kind(path.name))
        elif fmt == "csv":
            tab = path.name.lower().endswith((".tsv", ".tsv.gz"))
            yield from _iter_csv(stream, label=label, cfg=cfg, delimiter="\t" if tab else None)
        else:
            if not gzipped and size > cfg.max_bytes:
                yield InputError(Errors.E104, source=label, size=size, cap=cfg.max_bytes)
                return
            data = _read_capped(stream, label=label, cfg=cfg)
            if isinstance(data, InputError):
                yield data
                return
            yield _single(data, fmt=fmt, label=label, ident=label, cfg=cfg)


def _json_kind(name: str) -> bool | None:
    """Whether a file holds one JSON document (``.json``), JSON Lines (``.jsonl``,
    ``.ndjson``) or either (``None``: decided by a leading ``[``)."""
    lower = name.lower().removesuffix(".gz")
    if lower.endswith(".json"):
        return True
    if lower.endswith((".jsonl", ".ndjson")):
        return False
    return None


def _read_head(stream: io.BufferedIOBase, *, label: str) -> bytes | InputError:
    try:
        head = stream.read(_SNIFF_BYTES)
        stream.seek(0)
    except (OSError, EOFError, zlib.error) as exc:
        return InputError(Errors.E115, source=label, why=_os_why(exc))
    return head


def _read_capped(stream: io.BufferedIOBase, *, label: str, cfg: Config) -> bytes | InputError:
    try:
        data = stream.read(cfg.max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        return InputError(Errors.E115, source=label, why=_os_why(exc))
    if len(data) > cfg.max_bytes:
        return InputError(Errors.E117, source=label, cap=cfg.max_bytes)
    if not data.strip():
        return InputError(Errors.E101, source=label, what="no text")
    return data


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
            return _article_from_html(html, source=label, url=url, id=ident)
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
        fmt = _sniff(data[:_SNIFF_BYTES], complete=len(data) <= _SNIFF_BYTES)
    if fmt in ("jsonl", "csv", "warc"):
        yield from _iter_stream(io.BytesIO(data), fmt=fmt, label=label, cfg=cfg)
    else:
        yield _single(data, fmt=fmt, label=label, ident=ident, cfg=cfg, url=url, charset=charset)


def _iter_stream(
    stream: io.BufferedIOBase, *, fmt: str, label: str, cfg: Config
) -> Iterator[Article | InputError]:
    if fmt == "warc":
        yield from _iter_warc(stream, label=label, cfg=cfg)
    elif fmt == "csv":
        yield from _iter_csv(stream, label=label, cfg=cfg, delimiter=None)
    else:
        yield from _iter_jsonl(stream, label=label, cfg=cfg, whole=None)


def _iter_stdin(*, cfg: Config, fmt: str) -> Iterator[Article | InputError]:
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:
        yield InputError(Errors.E115, source=STDIN, why="there is no standard input to read")
        return
    try:
        head = raw.read(_SNIFF_BYTES)
    except OSError as exc:
        yield InputError(Errors.E115, source=STDIN, why=_os_why(exc))
        return
    if not head.strip():
        yield InputError(Errors.E101, source=STDIN, what="nothing arrived on standard input")
        return
    stream = io.BufferedReader(_PrefixedReader(head, raw))
    if head[:2] == _GZIP_MAGIC and fmt != "warc" and _sniff(head, complete=False) != "warc":
        # gzipped text, HTML, JSONL or CSV: read on through the decompressor
        unzipped = gzip.GzipFile(fileobj=stream, mode="rb")
        stream = io.BufferedReader(_PrefixedReader(b"", unzipped), buffer_size=_SNIFF_BYTES)
        try:
            head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(Errors.E115, source=STDIN, why=f"broken gzip data: {_os_why(exc)}")
            return
    if fmt == "auto":
        fmt = _sniff(head, complete=len(head) < _SNIFF_BYTES)
    if fmt in ("jsonl", "csv", "warc"):
        yield from _iter_stream(stream, fmt=fmt, label=STDIN, cfg=cfg)
        return
    data = _read_capped(stream, label=STDIN, cfg=cfg)
    if isinstance(data, InputError):
        yield data
        return
    yield _single(data, fmt=fmt, label=STDIN, ident=_digest(data), cfg=cfg)


class _PrefixedReader(io.RawIOBase):
    """A byte stream, never seekable, that replays ``head`` and then reads on from ``rest``
    (stdin after its first bytes were sniffed; a decompressor over it)."""

    def __init__(self, head: bytes, rest: IO[bytes] | io.BufferedIOBase) -> None:
        super().__init__()
        self._head = head
        self._pos = 0
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._pos < len(self._head):
            n = min(len(view), len(self._head) - self._pos)
            view[:n] = self._head[self._pos : self._pos + n]
            self._pos += n
            return n
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)


# ---------------------------------------------------------------------------------------
# Format sniffing and decoding


def _sniff(head: bytes, *, complete: bool) -> str:
    """Guess the format of an input from its first bytes."""
    if head[:2] == _GZIP_MAGIC:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _SNIFF_BYTES)
        except zlib.error:
            return "text"
        if head.lstrip().startswith(b"WARC/"):
            return "warc"
    text = _loose_decode(head).lstrip("\ufeff \t\r\n")
    if text.startswith("WARC/"):
        return "warc"
    start = text[:2048].lower()
    if text.startswith("<") or "<html" in start or "<!doctype html" in start:
        return "html"
    lines = text.splitlines()
    if not complete and len(lines) > 1:
        lines = lines[:-1]
    nonblank = [line for line in lines[:5] if line.strip()]
    if nonblank and all(_is_json_object(line) for line in nonblank):
        return "jsonl"
    if text.startswith("{") or re.match(r"\[\s*\{", text):
        return "jsonl"
    if nonblank and _looks_like_csv_header(nonblank[0]):
        return "csv"
    return "text"


def _loose_decode(head: bytes) -> str:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head.decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="replace")


def _is_json_object(line: str) -> bool:
    if not line.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def _looks_like_csv_header(line: str) -> bool:
    for delimiter in (",", "\t", ";"):
        names = [n.strip().strip('"').lower() for n in line.split(delimiter)]
        if len(names) >= 2 and all(re.fullmatch(r"[a-z_][a-z0-9_ -]{0,40}", n) for n in names):
            if any(n in TEXT_FIELDS or n in HTML_FIELDS for n in names):
                return True
    return False


def decode_bytes(data: bytes, *, source: str, declared: str | None = None, html: bool = False) -> str:
    """Decode an input to text with line ends normalised to ``\\n``.

    Order: a byte-order mark; UTF-8; the declared charset (HTTP header or, for HTML, a
    ``<meta charset>``); then detection with charset-normalizer, preferring Windows-1252
    (a superset of Latin-1 for text) when it reads cleanly. Raises ``InputError`` for
    binary data (E102) or data no common encoding fits (E103).
    """
    text = _decode(data, source=source, declared=declared, html=html)
    _check_control(text, source=source)
    return _normalise_newlines(text)


def _decode(data: bytes, *, source: str, declared: str | None, html: bool) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(Errors.E103, source=source, why=f"invalid {encoding}: {exc.reason}") from exc
    declared_codec = _codec(declared)
    if declared_codec is not None and declared_codec.startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
        try:
            return data.decode(declared_codec)
        except UnicodeDecodeError:
            declared_codec = None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(Errors.E102, source=source, why=f"it starts like {what}")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError(Errors.E102, source=source, why=f"NUL byte at offset {offset}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates: list[str | None] = [declared_codec]
    if html:
        match = _META_CHARSET_RE.search(data[:4096])
        if match:
            candidates.append(_codec(match.group(1).decode("ascii", "ignore")))
    for candidate in candidates:
        if candidate is None or candidate == "utf-8":
            continue
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    return _detect(data, source=source)


def _codec(name: str | None) -> str | None:
    """The Python codec for a declared charset; Latin-1 and ASCII mean Windows-1252, as
    browsers read them (pages that say ISO-8859-1 routinely hold curly quotes)."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    return _WESTERN if codec in ("iso8859-1", "ascii") else codec


def _detect(data: bytes, *, source: str) -> str:
    """Decode bytes that are not UTF-8 with the encoding ``_guess_encoding`` picks."""
    encoding = _guess_encoding(data)
    if encoding is None:
        raise InputError(
            Errors.E103, source=source, why="it is not UTF-8 and charset-normalizer found no fit"
        )
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:  # a guess from a sample that the whole input breaks
        raise InputError(Errors.E103, source=source, why=f"invalid {encoding}: {exc}") from exc


def _guess_encoding(data: bytes) -> str | None:
    """Windows-1252 when the bytes read as Western text in it, else charset-normalizer's
    best guess (never BOM-less UTF-16/32: such text would hold NULs), else Windows-1252 if
    it decodes at all."""
    import charset_normalizer

    try:
        western = data.decode(_WESTERN)
    except UnicodeDecodeError:
        western = None
    if western is not None and _western_share(western) >= _WESTERN_MIN_SHARE:
        return _WESTERN
    for match in charset_normalizer.from_bytes(data):
        if not match.encoding.startswith(("utf_16", "utf_32")):
            return str(match.encoding)
    return _WESTERN if western is not None else None


def _western_share(text: str) -> float:
    """The share of non-ASCII characters that look right in Western text: typographic
    punctuation, or Latin letters in words that also hold ASCII letters (``café``, not the
    ``Ïóòèí`` that Cyrillic bytes become in Windows-1252)."""
    foreign = plausible = 0
    for word in text.split():
        if word.isascii():
            continue
        has_ascii_letter = any(c.isascii() and c.isalpha() for c in word)
        for char in word:
            if char.isascii():
                continue
            foreign += 1
            if char in _TYPOGRAPHY or (has_ascii_letter and char.isalpha() and ord(char) < 0x250):
                plausible += 1
    return 1.0 if foreign == 0 else plausible / foreign


def _check_control(text: str, *, source: str) -> None:
    if not text:
        return
    count = len(_CONTROL_RE.findall(text))
    if count and count / len(text) > _CONTROL_RATIO:
        raise InputError(
            Errors.E102,
            source=source,
            why=f"{count} of {len(text)} characters are control characters",
        )


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _os_why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _plural_hint(source: str) -> str:
    fmt = format_from_name(source)
    if fmt in ("jsonl", "csv", "warc"):
        return f"a {fmt.upper()} file with several records"
    if Path(source).is_dir():
        return "a directory with several article files"
    return "several records"


# ---------------------------------------------------------------------------------------
# HTML and records


def _clean_title(title: str | None) -> str | None:
    if title is None:
        return None
    clean = " ".join(title.split())
    return clean or None


def _with_title(title: str | None, body: str) -> str:
    """The title, a blank line and the body; the body alone when its first line is the title."""
    if not title:
        return body
    first_line = body.lstrip().split("\n", 1)[0]
    if " ".join(first_line.split()) == title:
        return body
    return f"{title}\n\n{body}"


def _article_from_html(
    html: str,
    *,
    source: str,
    url: str | None = None,
    id: str | None = None,
    title: str | None = None,
    published: datetime | None = None,
    authors: tuple[str, ...] = (),
    site: str | None = None,
    description: str | None = None,
) -> Article:
    """The HTML article, with fields the caller knows overriding those extracted."""
    markup = _normalise_newlines(html)
    if not markup.strip():
        raise InputError(Errors.E101, source=source, what="the HTML is blank")
    try:
        extract = extract_html(markup, source=source, url=url)
    except (ValueError, TypeError, LookupError, RecursionError) as exc:
        raise InputError(Errors.E113, source=source, why=f"{type(exc).__name__}: {exc}") from exc
    body = _normalise_newlines(extract.text)
    if not body.strip():
        raise InputError(Errors.E113, source=source, why="no main text found")
    head = _clean_title(title) or _clean_title(extract.title)
    return Article(
        id=id if id is not None else _digest(markup.encode("utf-8")),
        text=_with_title(head, body),
        source=source,
        html=markup,
        url=url or extract.url,
        title=head,
        published=published or extract.published,
        authors=authors or tuple(extract.authors),
        site=site or extract.site,
        description=description or extract.description,
        input_format="html",
    )


def _field(record: Mapping[str, Any], names: Sequence[str], *, source: str) -> str | None:
    """The first non-blank string among ``names``; E114 for a value that is not a string."""
    for name in names:
        value = record.get(name)
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool) and name == "id":
            return str(value)
        if not isinstance(value, str):
            raise InputError(
                Errors.E114, source=source, field=name, value=_short(value), why="expected a string"
            )
        if value.strip():
            return value
    return None


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _authors(record: Mapping[str, Any], *, source: str) -> tuple[str, ...]:
    for name in AUTHOR_FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if isinstance(value, str):
            return tuple(a.strip() for a in re.split(r"[;|]", value) if a.strip())
        if isinstance(value, list) and all(isinstance(a, str) for a in value):
            return tuple(a.strip() for a in value if a.strip())
        raise InputError(
            Errors.E114,
            source=source,
            field=name,
            value=_short(value),
            why="expected a string or a list of strings",
        )
    return ()


def parse_published(value: object, *, source: str, field: str = "published") -> datetime | None:
    """A publication time from a record: ISO 8601, RFC 2822, a Unix timestamp, or a date
    dateparser reads as absolute with day, month and year. A time without a zone stays
    naive; blank and placeholder strings (``None``, ``null``, ``NaN``, ``NaT``, ``n/a``) mean
    no time. Raises ``InputError`` (E114) for anything else."""
    if value is None or (isinstance(value, str) and value.strip().lower() in _NO_VALUE):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise InputError(
                Errors.E114, source=source, field=field, value=_short(value), why=str(exc)
            ) from exc
    if not isinstance(value, str):
        raise InputError(
            Errors.E114, source=source, field=field, value=_short(value), why="expected a date string"
        )
    text = value.strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser(text, source=source, field=field)


def _dateparser(text: str, *, source: str, field: str) -> datetime:
    """An absolute date in words (``7 October 2018``, ``le 7 octobre 2018``): English first,
    then the common news languages; dateparser's detection across all its languages is
    slow on text that is no date, so it is never asked."""
    import dateparser

    settings = {
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    parsed: datetime | None = None
    if len(text) <= 80 and any(c.isdigit() for c in text):
        for languages in (["en"], list(_DATE_LANGUAGES)):
            parsed = cast(datetime | None, dateparser.parse(text, languages=languages, settings=settings))
            if parsed is not None:
                break
    if parsed is None:
        raise InputError(
            Errors.E114,
            source=source,
            field=field,
            value=_short(text),
            why="not a date and time (expected e.g. ISO 8601 2018-10-07T19:38:00+08:00)",
        )
    return parsed


def _article_from_record(
    record: Mapping[str, Any], *, source: str, default_id: str, input_format: str, line: str
) -> Article:
    """One article from a JSONL object or CSV row (keys are matched case-insensitively).

    ``Article.input_format`` is the container's format (``jsonl``, ``csv``); an HTML
    record keeps its markup in ``Article.html``."""
    fields = {str(k).strip().lower(): v for k, v in record.items()}
    given_id = _field(fields, ("id",), source=source)
    try:
        article = _record_article(fields, record, ident=given_id or default_id, source=source, line=line)
    except InputError as exc:
        if given_id is not None:  # so a caller can report the failure under the input's id
            exc.fields.setdefault("id", given_id)
        raise
    return replace(article, input_format=input_format)


def _record_article(
    fields: Mapping[str, Any], record: Mapping[str, Any], *, ident: str, source: str, line: str
) -> Article:
    text = _field(fields, TEXT_FIELDS, source=source)
    html = _field(fields, HTML_FIELDS, source=source) if text is None else None
    title = _clean_title(_field(fields, TITLE_FIELDS, source=source))
    url = _field(fields, URL_FIELDS, source=source)
    published: datetime | None = None
    for name in PUBLISHED_FIELDS:
        if fields.get(name) not in (None, ""):
            published = parse_published(fields[name], source=source, field=name)
            break
    authors = _authors(fields, source=source)
    site = _field(fields, SITE_FIELDS, source=source)
    description = _field(fields, DESCRIPTION_FIELDS, source=source)
    if text is not None:
        article = article_from_text(text, source=source, id=ident, published=published, url=url, title=title)
        article = replace(article, authors=authors, site=site, description=description)
    elif html is not None:
        article = _article_from_html(
            html,
            source=source,
            url=url,
            id=ident,
            title=title,
            published=published,
            authors=authors,
            site=site,
            description=description,
        )
    else:
        found = sorted(k for k, v in record.items() if v not in (None, ""))
        raise InputError(Errors.E106, source=source, line=line, fields=found or "none")
    return article


def _iter_jsonl(
    stream: io.BufferedIOBase, *, label: str, cfg: Config, whole: bool | None
) -> Iterator[Article | InputError]:
    """JSON Lines, one article per line; or (``whole``/a leading ``[``) one JSON document."""
    if _head_of(stream, 4).startswith(_WIDE_BOMS):
        # UTF-16/32 cannot be split at b"\n": decode it whole (under the cap), go on in UTF-8
        data = _read_capped(stream, label=label, cfg=cfg)
        if isinstance(data, InputError):
            yield data
            return
        try:
            text = decode_bytes(data, source=label)
        except InputError as exc:
            yield exc
            return
        stream = io.BytesIO(text.encode("utf-8"))
    if whole or (whole is None and _first_nonblank_byte(stream) == b"["):
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
            yield InputError(Errors.E115, source=f"{label}:{line_no + 1}", why=_os_why(exc))
            return
        if not raw:
            break
        line_no += 1
        source = f"{label}:{line_no}"
        if len(raw) > cfg.max_bytes and not raw.endswith(b"\n"):
            yield InputError(Errors.E117, source=source, cap=cfg.max_bytes)
            _skip_line(stream)
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
        return _article_from_record(
            obj, source=source, default_id=source, input_format="jsonl", line=str(line_no)
        )
    except InputError as exc:
        return exc


def _json_type(obj: object) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return "null" if obj is None else names.get(type(obj), type(obj).__name__)


def _first_nonblank_byte(stream: io.BufferedIOBase) -> bytes:
    if not stream.seekable():
        return b""
    head = stream.read(4096)
    stream.seek(0)
    stripped = head.removeprefix(codecs.BOM_UTF8).lstrip()
    return stripped[:1]


def _skip_line(stream: io.BufferedIOBase) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _read_json_document(
    stream: io.BufferedIOBase, *, label: str, cfg: Config
) -> list[Article | InputError] | None:
    """A whole JSON document (an object or an array of objects); ``None`` means "it is JSON
    Lines after all" (several values, one per line), so the caller reads it line by line."""
    data = _read_capped(stream, label=label, cfg=cfg)
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
                _article_from_record(item, source=source, default_id=source, input_format="jsonl", line=line)
            )
        except InputError as exc:
            out.append(exc)
    return out


# ---------------------------------------------------------------------------------------
# CSV


def _stream_encoding(head: bytes) -> str:
    """The encoding of a streamed input, judged from its first bytes."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return _guess_encoding(head) or "utf-8"
    return "utf-8"


def _iter_csv(
    stream: io.BufferedIOBase, *, label: str, cfg: Config, delimiter: str | None
) -> Iterator[Article | InputError]:
    """CSV (or TSV) with a header row naming the columns; one article per row."""
    try:
        head = _head_of(stream, _ENCODING_SAMPLE)
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(Errors.E115, source=label, why=_os_why(exc))
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


def _head_of(stream: io.BufferedIOBase, size: int) -> bytes:
    """The first bytes of a stream, leaving it where it was (at its start)."""
    if stream.seekable():
        head = stream.read(size)
        stream.seek(0)
        return head
    if isinstance(stream, io.BufferedReader):
        return stream.peek(size)[:size]
    return b""


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
            name: _normalise_newlines(cell) for name, cell in zip(columns, row, strict=True) if cell.strip()
        }
        try:
            yield _article_from_record(
                record, source=source, default_id=source, input_format="csv", line=str(start)
            )
        except InputError as exc:
            yield exc
    if rows == 0:
        yield InputError(Errors.E101, source=label, what="a header row and no data rows")


# ---------------------------------------------------------------------------------------
# WARC


def _iter_warc(stream: io.BufferedIOBase, *, label: str, cfg: Config) -> Iterator[Article | InputError]:
    """The HTML response records of a WARC file (gzipped or not)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        head = _head_of(stream, 64)
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(Errors.E111, source=label, why=_os_why(exc))
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
        if record.rec_type != "response" or media not in _HTML_TYPES:
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
    return _media_type(record.http_headers.get_header("Content-Type"))


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    message = Message()
    message["Content-Type"] = header
    return message.get_content_type(), message.get_content_charset()


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
        article = _article_from_html(html, source=source, url=uri, id=uri)
    except InputError as exc:
        exc.fields.setdefault("id", uri)
        return exc
    return replace(article, input_format="warc")


# ---------------------------------------------------------------------------------------
# URLs


class _BoundedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``limit`` redirects, and only to http(s) URLs."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not _is_url(newurl):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-HTTP URL {newurl!r}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _iter_url(url: str, *, cfg: Config, fmt: str) -> Iterator[Article | InputError]:
    try:
        data, media, charset, final = _fetch(url, cfg=cfg, accept=_URL_TYPES[fmt])
    except InputError as exc:
        yield exc
        return
    if fmt == "auto":
        fmt = "html" if media in _HTML_TYPES else "text"
    yield from _iter_bytes(data, fmt=fmt, label=url, ident=url, cfg=cfg, url=final, charset=charset)


def _fetch(url: str, *, cfg: Config, accept: frozenset[str]) -> tuple[bytes, str, str | None, str]:
    """GET a URL: (body, media type, charset, final URL). Raises ``InputError``."""
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": cfg.http_user_agent,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        },
    )
    limit = cfg.http_max_redirects
    handler = type("_Redirects", (_BoundedRedirects,), {"max_redirections": limit, "max_repeats": limit})
    opener = urllib.request.build_opener(handler())
    deadline = time.monotonic() + cfg.http_timeout
    try:
        response = opener.open(request, timeout=cfg.http_timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if 300 <= exc.code < 400 and "infinite loop" in str(exc.reason):
            why = (
                f"HTTP {exc.code}: too many redirects (at most {cfg.http_max_redirects}, "
                "setting `http_max_redirects`)"
            )
        elif 300 <= exc.code < 400:
            why = f"HTTP {exc.code}: redirect not followed ({exc.reason})"
        else:
            why = f"HTTP {exc.code} {exc.reason}"
        raise InputError(Errors.E108, source=url, why=why) from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        why = _timeout_why(cfg) if isinstance(reason, TimeoutError) else str(reason)
        raise InputError(Errors.E108, source=url, why=why) from exc
    except TimeoutError as exc:
        raise InputError(Errors.E108, source=url, why=_timeout_why(cfg)) from exc
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise InputError(Errors.E108, source=url, why=str(exc) or type(exc).__name__) from exc
    with response:
        header = response.headers.get("Content-Type")
        media, charset = _media_type(header)
        if header is None:
            media = ""
        if media and media not in accept:
            raise InputError(Errors.E109, source=url, ctype=header)
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > cfg.max_bytes:
            raise InputError(Errors.E104, source=url, size=int(length), cap=cfg.max_bytes)
        data = _read_body(response, url=url, cfg=cfg, deadline=deadline)
        final = response.geturl()
    if not media:
        media = "text/html" if _sniff(data[:_SNIFF_BYTES], complete=True) == "html" else "text/plain"
    if not data.strip():
        raise InputError(Errors.E101, source=url, what="the response has no body")
    return data, media, charset, final


def _read_body(response: Any, *, url: str, cfg: Config, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        try:
            chunk = response.read1(_CHUNK)  # what has arrived, so the deadline is checked
        except TimeoutError as exc:
            raise InputError(Errors.E108, source=url, why=_timeout_why(cfg)) from exc
        except (http.client.HTTPException, OSError, ValueError) as exc:
            raise InputError(Errors.E108, source=url, why=str(exc) or type(exc).__name__) from exc
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > cfg.max_bytes:
            raise InputError(Errors.E117, source=url, cap=cfg.max_bytes)
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise InputError(Errors.E108, source=url, why=_timeout_why(cfg))


def _timeout_why(cfg: Config) -> str:
    return f"timed out after {cfg.http_timeout:g} s (setting `http_timeout`)"
