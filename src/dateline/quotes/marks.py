"""Quote marks: pairing opening and closing marks of every common style into quoted passages.

A character scan, paragraph by paragraph (see the package docstring, step 1); never raises."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_DOUBLE, _SINGLE, _GUIL, _SGUIL = 0, 1, 2, 3

#: mark → (family, preferred role: +1 opens, -1 closes, 0 either)
MARKS: dict[str, tuple[int, int]] = {
    "“": (_DOUBLE, 1),
    "„": (_DOUBLE, 1),
    "”": (_DOUBLE, -1),
    '"': (_DOUBLE, 0),
    "‘": (_SINGLE, 1),
    "‚": (_SINGLE, 1),
    "’": (_SINGLE, -1),
    "'": (_SINGLE, 0),
    "«": (_GUIL, 1),
    "»": (_GUIL, -1),
    "‹": (_SGUIL, 1),
    "›": (_SGUIL, -1),
}

_MARK_RE = re.compile("''|``|[“„”\"‘‚’'«»‹›]")

_OPEN_BEFORE = set("([{<—–-/\u00a0")

_CLOSE_AFTER = set(".,;:!?)]}>—–-…/")

TERMINAL = set(".,!?…—–-:;")


@dataclass(slots=True)
class _Mark:
    start: int
    end: int
    family: int
    can_open: bool
    can_close: bool


@dataclass(slots=True)
class _Open:
    mark: _Mark
    group: list[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Group:
    """One quoted passage: its inner spans (one per paragraph it runs over)."""

    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def _classify(text: str, start: int, end: int, chars: str) -> _Mark | None:
    if chars in ("''", "``"):
        family, pref = _DOUBLE, (1 if chars == "``" else 0)
    else:
        family, pref = MARKS[chars]
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    b_space = before == "" or before.isspace()
    a_space = after == "" or after.isspace()
    b_mark = before in MARKS
    a_mark = after in MARKS
    left = not a_space and (b_space or before in _OPEN_BEFORE or b_mark)
    right = not b_space and (a_space or after in _CLOSE_AFTER or a_mark)
    if family == _SINGLE:
        if before.isalnum() and after.isalnum():
            return None  # it’s, don't: an apostrophe inside a word
        if left and after.isdigit():
            return None  # ’90s
    if left and right:
        if pref == 0:
            return _Mark(start, end, family, True, True)
        left, right = pref > 0, pref < 0
    elif not left and not right:
        if b_space and a_space:
            return None  # a mark standing alone between spaces
        # between two words or two punctuation marks: trust the glyph
        if pref == 0:
            return _Mark(start, end, family, True, True)
        left, right = pref > 0, pref < 0
    return _Mark(start, end, family, left, right)


def _possessive_skip(marks: list[_Mark], i: int, text: str) -> bool:
    """A single closing mark after an s that another closing mark follows: an apostrophe."""
    m = marks[i]
    if m.family != _SINGLE or m.can_open or m.start == 0 or text[m.start - 1] not in "sSzZ":
        return False
    for later in marks[i + 1 :]:
        if later.family != _SINGLE:
            continue
        if later.can_open and not later.can_close:
            return False
        if later.can_close:
            return True
    return False


def find_segments(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[tuple[int, int], ...]]:
    """The outermost quoted passages of ``text``: for each, its inner spans, marks excluded.

    A passage that runs over several paragraphs has one span per paragraph. Never raises:
    a mark that cannot be paired is ignored.
    """
    groups: list[tuple[tuple[int, int], ...]] = []
    carry: _Open | None = None
    for p_start, p_end in paragraphs:
        marks: list[_Mark] = []
        for m in _MARK_RE.finditer(text, p_start, p_end):
            mark = _classify(text, m.start(), m.end(), m.group())
            if mark is not None:
                marks.append(mark)
        stack: list[_Open] = []
        first = 0
        if carry is not None:
            lead = text[p_start : marks[0].start].strip() if marks else "x"
            if marks and not lead and marks[0].family == carry.mark.family and marks[0].can_open:
                stack.append(_Open(marks[0], carry.group))
                first = 1
            carry = None
        for i in range(first, len(marks)):
            mark = marks[i]
            match = -1
            if mark.can_close and not _possessive_skip(marks, i, text):
                for j in range(len(stack) - 1, -1, -1):
                    if stack[j].mark.family == mark.family:
                        match = j
                        break
            if match >= 0:
                opened = stack[match]
                del stack[match:]
                if match == 0 and mark.start > opened.mark.end:
                    opened.group.append((opened.mark.end, mark.start))
                    groups.append(tuple(opened.group))
                continue
            if mark.can_open:
                for j, entry in enumerate(stack):
                    if entry.mark.family == mark.family:
                        del stack[j:]  # same style cannot nest: the earlier mark was stray
                        break
                stack.append(_Open(mark, []))
        if stack:
            bottom = stack[0]
            end = p_end
            while end > bottom.mark.end and text[end - 1].isspace():
                end -= 1
            if end > bottom.mark.end:
                bottom.group.append((bottom.mark.end, end))
                carry = bottom
    groups.sort()
    return groups
