"""What a query selects (``EventFilter``, ``QuoteFilter``), a run's counts, and the parsing of
query values given on the command line: days, dyads and actor codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from ..errors import ConfigError, Errors


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What ``Store.events`` selects. ``actor`` matches any party by code (``PRK``) or
    code+sector (``PRKGOV``); ``dyad`` is (actor code, recipient code); ``event`` a PLOVER
    type or a CAMEO code prefix; ``since``/``until`` bound the event's day (its own date,
    else its article's publication date), both inclusive."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    event: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """What ``Store.quotes`` selects: ``speaker`` matches the speaker's resolved name or
    text (case-insensitive substring); ``search`` is a full-text query over quote text
    (every word must occur)."""

    speaker: str | None = None
    search: str | None = None


@dataclass(slots=True)
class RunCounts:
    """Tallies of one ingest run."""

    seen: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: int = 0
    quarantined: int = 0
    codes: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "seen": self.seen,
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "quarantined": self.quarantined,
            "codes": dict(sorted(self.codes.items())),
        }


def parse_day(value: str, *, what: str = "date") -> date:
    """A ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``: the first day) as a date.

    Raises ``ConfigError`` (E203) naming the value."""
    text = value.strip()
    try:
        if len(text) == 4 and text.isdigit():
            return date(int(text), 1, 1)
        if len(text) == 7:
            return date.fromisoformat(text + "-01")
        return date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ConfigError(Errors.E203, source=what, value=value, why=exc) from exc


def parse_dyad(value: str) -> tuple[str, str]:
    """``A:B`` as (actor code, recipient code). Raises ``ConfigError`` (E221)."""
    left, sep, right = value.partition(":")
    if not sep or not left.strip() or not right.strip():
        raise ConfigError(Errors.E221, source="--dyad", value=value)
    return left.strip().upper(), right.strip().upper()


def split_code(value: str) -> tuple[str, str | None]:
    text = value.strip().upper()
    if len(text) == 6 and text.isalpha():
        return text[:3], text[3:]
    return text, None


def iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def utc_now() -> str:
    """The current UTC time as stored: ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")
