"""Temporal expressions → calendar dates, resolved against an anchor (the publication date).

``resolve_timex("last month", anchor=date(2018, 10, 7))`` gives ``2018-09-01`` with precision
``month``. Precision is ``day``, ``month`` (the date is the first of the month) or ``year``
(the first of January). Expressions this module does not understand give ``None``; it never
guesses a date from a bare number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Timex", "resolve_timex"]


@dataclass(frozen=True, slots=True)
class Timex:
    """A resolved temporal expression."""

    date: date
    precision: str  # day | month | year


MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "several": 3, "few": 3, "a few": 3,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_PREFIX = (
    r"^(?:(?:on|in|since|by|from|during|until|till|through|of|at|before|after"
    r"|early|late|mid-?|the|earlier|later)\s+)*"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(_PREFIX + pattern + r"(?:'s)?$"))
    for name, pattern in (
        ("iso", r"(?P<year>\d{4})-(?P<mnum>\d\d)-(?P<day>\d\d)"),
        ("month_day_year", _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR),
        ("day_month_year", _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR),
        ("month_day", _MONTH + r"\s+" + _DAY),
        ("day_month", _DAY + r"\s+(?:of\s+)?" + _MONTH),
        ("month_year", _MONTH + r",?\s+(?:of\s+)?" + _YEAR),
        ("month", r"(?:(?P<rel>last|this|next)\s+)?" + _MONTH),
        ("year", r"(?:the\s+year\s+)?" + _YEAR),
        ("weekday", r"(?:(?P<rel>last|this|next|past)\s+)?" + _WEEKDAY
         + r"(?:\s+(?:morning|afternoon|evening|night|noon))?"),
        ("relunit", r"(?P<rel>last|this|next|past|previous|coming)\s+(?P<unit>week|month|year|weekend)"),
        ("ago", r"(?P<num>\d+|[a-z]+(?: few)?)\s+(?P<unit>day|week|month|year)s?\s+(?:ago|earlier)"),
        ("today", r"(?P<word>today|tonight|this\s+(?:morning|afternoon|evening)|overnight|now"
         r"|yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night"
         r"|tomorrow(?:\s+(?:morning|afternoon|evening))?)"),
    )
)  # fmt: skip


def _nearest_year(month: int, day: int, anchor: date) -> date | None:
    """The date with this month and day closest to the anchor (last, this or next year)."""
    best: date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - anchor).days) < abs((best - anchor).days):
            best = cand
    return best


def _shift_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def resolve_timex(text: str, *, anchor: date, ahead: bool = False) -> Timex | None:
    """Resolve one temporal expression against ``anchor``; ``None`` if it is not understood.

    Weekdays resolve to the latest such day on or before the anchor ("on Sunday" published on
    a Sunday is that day) unless marked ``next``; a month without a year is its latest
    occurrence not after the anchor's month; a month and day without a year is the nearest
    such date. With ``ahead`` (a planned or announced event: "plans to visit in November",
    "will meet on Friday") weekdays and months resolve to their next occurrence instead.
    """
    norm = " ".join(text.lower().replace("’", "'").split()).strip(" ,.;:")
    norm = norm.replace("the end of ", "").replace("the beginning of ", "")
    for name, pattern in _PATTERNS:
        m = pattern.match(norm)
        if m is None:
            continue
        g = m.groupdict()
        if name == "iso":
            try:
                return Timex(date(int(g["year"]), int(g["mnum"]), int(g["day"])), "day")
            except ValueError:
                return None
        if name in ("month_day_year", "day_month_year"):
            try:
                return Timex(date(int(g["year"]), MONTHS[g["month"]], int(g["day"])), "day")
            except ValueError:
                return None
        if name in ("month_day", "day_month"):
            found = _nearest_year(MONTHS[g["month"]], int(g["day"]), anchor)
            return Timex(found, "day") if found else None
        if name == "month_year":
            return Timex(date(int(g["year"]), MONTHS[g["month"]], 1), "month")
        if name == "month":
            if norm == "may":
                return None  # more likely the modal verb
            month = MONTHS[g["month"]]
            year = anchor.year
            if g.get("rel") == "next":
                year += 1 if month <= anchor.month else 0
            elif g.get("rel") == "this":
                pass
            elif ahead:
                year += 1 if month < anchor.month else 0
            elif month > anchor.month:
                year -= 1
            return Timex(date(year, month, 1), "month")
        if name == "year":
            return Timex(date(int(g["year"]), 1, 1), "year")
        if name == "weekday":
            wd = WEEKDAYS[g["weekday"]]
            if g.get("rel") == "next":
                delta = (wd - anchor.weekday()) % 7 or 7
                return Timex(anchor + timedelta(days=delta), "day")
            if ahead and g.get("rel") not in ("last", "past"):
                return Timex(anchor + timedelta(days=(wd - anchor.weekday()) % 7), "day")
            back = (anchor.weekday() - wd) % 7
            if g.get("rel") in ("last", "past") and back == 0:
                back = 7
            return Timex(anchor - timedelta(days=back), "day")
        if name == "relunit":
            step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[g["rel"]]
            unit = g["unit"]
            if unit in ("week", "weekend"):
                return Timex(_shift_months(anchor + timedelta(days=7 * step), 0), "month")
            if unit == "month":
                return Timex(_shift_months(anchor, step), "month")
            return Timex(date(anchor.year + step, 1, 1), "year")
        if name == "ago":
            raw = g["num"]
            num = int(raw) if raw.isdigit() else NUMBERS.get(raw)
            if num is None:
                return None
            unit = g["unit"]
            if unit == "day":
                return Timex(anchor - timedelta(days=num), "day")
            if unit == "week":
                return Timex(_shift_months(anchor - timedelta(days=7 * num), 0), "month")
            if unit == "month":
                return Timex(_shift_months(anchor, -num), "month")
            return Timex(date(anchor.year - num, 1, 1), "year")
        if name == "today":
            word = g["word"]
            if word.startswith("yesterday") or word == "last night":
                return Timex(anchor - timedelta(days=1), "day")
            if word.startswith("tomorrow"):
                return Timex(anchor + timedelta(days=1), "day")
            return Timex(anchor, "day")
    return None
