"""The records that flow between stages: frozen, slotted dataclasses.

``Article`` (what ingest read) → ``Document`` (the cleaned story and its metadata) →
``Mention``/``Actor``/``Quote``/``Event`` → ``Extraction`` (the contract's JSON object).
Every span holds ``start``/``end`` code-point offsets into ``Document.text`` plus its
surface string; ``Document.raw_offset`` maps an offset back to ``Article.text``.

``to_json``/``from_json`` convert any record to plain JSON values and back without loss;
the JSON shape of an ``Extraction`` is the public contract (schema ``dateline/1``).
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar, Union

SCHEMA = "dateline/1"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Article:
    """One input article as ingest read it: raw text or HTML plus what the source said of it.

    ``text`` is the article's plain text (for HTML, the main text extracted from it);
    ``html`` keeps the markup when the input was HTML. ``published`` is the source's own
    publication time, when it gave one. ``source`` names where it came from: a path, a URL,
    ``<stdin>``, or ``file.jsonl:17``.
    """

    id: str
    text: str
    source: str
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    site: str | None = None
    description: str | None = None
    input_format: str = "text"

    @property
    def content_hash(self) -> str:
        """SHA-256 of the article's content, for idempotent storage."""
        payload = self.html if self.html is not None else self.text
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of ``Document.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of ``Document.text`` with its role: headline, standfirst or body."""

    start: int
    end: int
    role: str


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the input that is not the story, kept with the reason it was removed.

    Reasons: related-link, read-more, caption, credit, advertisement, share, newsletter,
    stamp, byline, section, boilerplate.
    """

    text: str
    reason: str
    raw_start: int = -1
    raw_end: int = -1


@dataclass(frozen=True, slots=True)
class Piece:
    """One run of characters copied verbatim from the raw input into ``Document.text``."""

    start: int
    raw_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Document:
    """The cleaned story: headline, standfirst and body in ``text``, with its metadata.

    ``published_tz`` says where the publication time's zone came from: ``"source"`` (the
    input gave it), ``"assumed"`` (a configured default zone was applied, see
    ``assumed_tz``) or ``None`` (no zone known: the times are naive).
    """

    id: str
    text: str
    paragraphs: tuple[Paragraph, ...] = ()
    headline: str | None = None
    standfirst: str | None = None
    section: str | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    dateline: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    published_tz: str | None = None
    assumed_tz: str | None = None
    url: str | None = None
    site: str | None = None
    removed: tuple[Removed, ...] = ()
    pieces: tuple[Piece, ...] = ()

    @property
    def body(self) -> str:
        """The body paragraphs alone, separated by blank lines."""
        return "\n\n".join(self.text[p.start : p.end] for p in self.paragraphs if p.role == "body")

    def raw_offset(self, offset: int) -> int:
        """Map a code-point offset in ``text`` back to the raw input (``Article.text``).

        Offsets between pieces (the blank lines this document inserted) map to the end of the
        preceding piece. Raises ``ValueError`` for an offset outside ``text``.
        """
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} is outside the document text (0..{len(self.text)})")
        starts = [p.start for p in self.pieces]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return self.pieces[0].raw_start if self.pieces else offset
        piece = self.pieces[i]
        return piece.raw_start + min(offset - piece.start, piece.length)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that refers to an actor."""

    start: int
    end: int
    text: str
    actor: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """One canonical actor of a document: a person, organisation, state or group."""

    id: str
    name: str
    kind: str
    code: str | None = None
    sector: str | None = None
    title: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SpanRef:
    """A span that stands for an actor: a quote's speaker or addressee, an event's party."""

    start: int
    end: int
    text: str
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """An attributed statement. ``kind`` is direct, mixed or indirect."""

    id: str
    text: str
    start: int
    end: int
    kind: str
    segments: tuple[Span, ...] = ()
    speaker: SpanRef | None = None
    cue: str | None = None
    addressee: SpanRef | None = None


@dataclass(frozen=True, slots=True)
class EventActor:
    """One party of an event, with the actor's code and sector copied for convenience."""

    actor: str | None
    code: str | None
    sector: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Location:
    place: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event: PLOVER type and mode, CAMEO code, quad class and Goldstein score."""

    id: str
    event: str | None
    cameo: str
    mode: str | None = None
    quad: int | None = None
    goldstein: float | None = None
    actor: tuple[EventActor, ...] = ()
    recipient: tuple[EventActor, ...] = ()
    date: date | None = None
    date_precision: str | None = None
    date_source: str | None = None
    location: Location | None = None
    negated: bool = False
    hypothetical: bool = False
    evidence: Span | None = None
    support: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything dateline read from one article: the contract's JSON object."""

    id: str
    document: Document
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    schema: str = SCHEMA


# ---------------------------------------------------------------------------------------
# JSON conversion


def to_json(record: Any) -> Any:
    """Convert a record (or a tuple/list/dict of them) to plain JSON values."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        out: dict[str, Any] = {}
        if isinstance(record, Extraction):
            out["schema"] = record.schema
        for f in dataclasses.fields(record):
            if f.name in out:
                continue
            out[f.name] = to_json(getattr(record, f.name))
        return out
    if isinstance(record, datetime):
        return record.isoformat()
    if isinstance(record, date):
        return record.isoformat()
    if isinstance(record, (tuple, list)):
        return [to_json(x) for x in record]
    if isinstance(record, Mapping):
        return {str(k): to_json(v) for k, v in record.items()}
    return record


def from_json(cls: type[T], data: Any) -> T:
    """Build a record of type ``cls`` from the JSON values ``to_json`` made.

    Raises ``TypeError``/``ValueError`` when the data does not fit the record.
    """
    return typing.cast(T, _convert(cls, data))


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _convert(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value)
    if origin is tuple:
        (item, *_rest) = typing.get_args(tp)
        if not isinstance(value, list):
            raise TypeError(f"expected a list for {tp}, got {type(value).__name__}")
        return tuple(_convert(item, v) for v in value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, Mapping):
            raise TypeError(f"expected an object for {tp.__name__}, got {type(value).__name__}")
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        kwargs = {k: _convert(hints[k], v) for k, v in value.items() if k in names}
        return tp(**kwargs)
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value)
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value
