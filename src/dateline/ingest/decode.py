"""Bytes to text: byte-order marks, UTF-8, declared charsets, detection; binary input is
refused (E102) and undecodable input named (E103)."""

from __future__ import annotations

import codecs
import hashlib
import re

from ..errors import Errors, InputError
from .formats import BOMS

ENCODING_SAMPLE = 1_048_576

_CONTROL_RATIO = 0.05
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_WESTERN = "cp1252"
_WESTERN_MIN_SHARE = 0.8
_TYPOGRAPHY = frozenset("“”‘’‚„—–…€•«»‹›°£¥§©®™·†‡¢¶")
WIDE_BOMS = tuple(bom for bom, encoding in BOMS if encoding in ("utf-16", "utf-32"))
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
)


def decode_bytes(data: bytes, *, source: str, declared: str | None = None, html: bool = False) -> str:
    """Decode an input to text with line ends normalised to ``\\n``.

    Order: a byte-order mark; UTF-8; the declared charset (HTTP header or, for HTML, a
    ``<meta charset>``); then detection with charset-normalizer, preferring Windows-1252
    (a superset of Latin-1 for text) when it reads cleanly. Raises ``InputError`` for
    binary data (E102) or data no common encoding fits (E103).
    """
    text = _decode(data, source=source, declared=declared, html=html)
    check_control(text, source=source)
    return normalise_newlines(text)


def _decode(data: bytes, *, source: str, declared: str | None, html: bool) -> str:
    for bom, encoding in BOMS:
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
    """Decode bytes that are not UTF-8 with the encoding ``guess_encoding`` picks."""
    encoding = guess_encoding(data)
    if encoding is None:
        raise InputError(
            Errors.E103, source=source, why="it is not UTF-8 and charset-normalizer found no fit"
        )
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:  # a guess from a sample that the whole input breaks
        raise InputError(Errors.E103, source=source, why=f"invalid {encoding}: {exc}") from exc


def guess_encoding(data: bytes) -> str | None:
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


def check_control(text: str, *, source: str) -> None:
    if not text:
        return
    count = len(_CONTROL_RE.findall(text))
    if count and count / len(text) > _CONTROL_RATIO:
        raise InputError(
            Errors.E102,
            source=source,
            why=f"{count} of {len(text)} characters are control characters",
        )


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]
