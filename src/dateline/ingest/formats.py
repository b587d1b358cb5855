"""Input formats: their names, file extensions, record field names, and sniffing a
format from an input's first bytes."""

from __future__ import annotations

import codecs
import json
import os
import re
import zlib
from collections.abc import Mapping
from email.message import Message

from ..errors import Errors, InputError

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
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
URL_TYPES: Mapping[str, frozenset[str]] = {
    "auto": HTML_TYPES | _TEXT_TYPES,
    "html": HTML_TYPES,
    "text": _TEXT_TYPES | HTML_TYPES,
    "jsonl": frozenset(
        {"application/json", "application/x-ndjson", "application/jsonl", "application/jsonlines"}
    )
    | _TEXT_TYPES,
    "csv": frozenset({"text/csv", "application/csv"}) | _TEXT_TYPES,
    "warc": frozenset({"application/warc", "application/gzip", "application/octet-stream"}),
}
SNIFF_BYTES = 65_536
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
GZIP_MAGIC = b"\x1f\x8b"


def check_format(fmt: str) -> None:
    if fmt not in INPUT_FORMATS:
        raise InputError(Errors.E110, fmt=fmt, choices=", ".join(INPUT_FORMATS))


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def format_from_name(name: str) -> str | None:
    """The input format a file name's extension means, or ``None`` for an unknown one."""
    lower = name.lower()
    if lower.endswith((".warc", ".warc.gz")):
        return "warc"
    base = lower.removesuffix(".gz")
    return EXTENSIONS.get(os.path.splitext(base)[1])


def json_kind(name: str) -> bool | None:
    """Whether a file holds one JSON document (``.json``), JSON Lines (``.jsonl``,
    ``.ndjson``) or either (``None``: decided by a leading ``[``)."""
    lower = name.lower().removesuffix(".gz")
    if lower.endswith(".json"):
        return True
    if lower.endswith((".jsonl", ".ndjson")):
        return False
    return None


def sniff(head: bytes, *, complete: bool) -> str:
    """Guess the format of an input from its first bytes."""
    if head[:2] == GZIP_MAGIC:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
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
    for bom, encoding in BOMS:
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


def media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    message = Message()
    message["Content-Type"] = header
    return message.get_content_type(), message.get_content_charset()
