"""The token-level view of one document that the rules read, the draft quote they build, and
small helpers on spans (noun phrases, trimming, paragraphs and line breaks)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from spacy.tokens import Doc, Token

from ..nlp import doc_text
from ..records import Document
from .marks import Group

WORD_RE = re.compile(r"[^\W_]+")
_NEWLINE = re.compile("\n")
_ALNUM = re.compile(r"[^\W_]")  # one letter or digit: what str.isalnum() accepts


def paragraph_spans(document: Document) -> list[tuple[int, int, str]]:
    """The document's paragraphs, each line of a paragraph on its own (many sources break
    paragraphs with a single newline); spans cover the whole text in order."""
    text = document.text
    paragraphs: list[tuple[int, int, str]] = []
    pos = 0
    for p in sorted(document.paragraphs, key=lambda p: p.start):
        start, end = max(p.start, pos), min(p.end, len(text))
        if start > pos:
            paragraphs.append((pos, start, "body"))  # text the paragraphs leave out
        if end > start:
            paragraphs.append((start, end, p.role))
            pos = end
    if pos < len(text):
        paragraphs.append((pos, len(text), "body"))
    out: list[tuple[int, int, str]] = []
    for start, end, role in paragraphs:
        for m in re.finditer(r"[^\n]+", text[start:end]):
            if m.group().strip():
                out.append((start + m.start(), start + m.end(), role))
    return out or [(0, len(text), "body")]


SUBJ = ("nsubj", "nsubjpass", "csubj")


@dataclass(slots=True)
class Draft:
    start: int
    end: int
    kind: str
    segments: list[tuple[int, int]] = field(default_factory=list)
    speaker: tuple[int, int] | None = None
    cue: str | None = None
    addressee: tuple[int, int] | None = None
    addressee_actor: str | None = None
    reply: bool = False
    cue_index: int = -1
    paragraph: int = 0
    speaker_actor: str | None = None


class Reader:
    """The token-level view of one document that the rules read."""

    def __init__(self, doc: Doc, paragraphs: Sequence[tuple[int, int, str]]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.starts: list[int] = doc.to_array("IDX").tolist()  # each token's offset, without making Tokens
        self.para_starts = [p[0] for p in paragraphs]
        self.paragraphs = paragraphs
        self.seg_of = [-1] * len(doc)

    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def mark_segments(self, groups: Sequence[Group]) -> None:
        for gi, group in enumerate(groups):
            for s, e in group.spans:
                i = bisect.bisect_left(self.starts, s)
                while i < len(self.doc) and self.starts[i] < e:
                    self.seg_of[i] = gi
                    i += 1
        self.doc.user_data["dateline.seg_of"] = self.seg_of


def quoted(token: Token) -> bool:
    """Whether a token lies inside a quoted segment (as marked for the current document)."""
    seg_of = token.doc.user_data.get("dateline.seg_of")
    return seg_of is not None and token.i < len(seg_of) and cast(list[int], seg_of)[token.i] >= 0


def subtree_span(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right)


def noun_span(token: Token) -> tuple[int, int]:
    """The noun phrase a head token stands for, without relative clauses or appositions."""
    start = token.left_edge
    end = token
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "nummod", "amod") or (
            child.dep_ == "prep" and child.lower_ == "of"
        ):
            end = child.right_edge
        else:
            break
    while start.i < token.i and (start.is_punct or start.dep_ in ("cc", "punct")):
        start = start.doc[start.i + 1]
    return start.idx, end.idx + len(end)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-("):
        end -= 1
    while start < end and (text[start].isspace() or text[start] in ",;:—–-)"):
        start += 1
    return start, end


def _newlines(doc: Doc) -> list[int]:
    """The offsets of the line breaks in ``doc.text``, computed once per doc."""
    cached = doc.user_data.get("dateline.newlines")
    if cached is None:
        cached = [m.start() for m in _NEWLINE.finditer(doc_text(doc))]
        doc.user_data["dateline.newlines"] = cached
    return cast(list[int], cached)


def same_line(a: Token, b: Token) -> bool:
    """Whether no line break separates two tokens (parses run across paragraphs)."""
    lo, hi = (a, b) if a.i < b.i else (b, a)
    newlines = _newlines(a.doc)
    i = bisect.bisect_left(newlines, lo.idx)
    return i == len(newlines) or newlines[i] >= hi.idx


def clip(reader: Reader, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A span cut to the paragraph its last character is in (parses run across paragraphs)."""
    if span is None:
        return None
    p_start, p_end, _ = reader.paragraphs[reader.para_of(max(span[0], span[1] - 1))]
    start, end = trim(reader.text, max(span[0], p_start), min(span[1], p_end))
    return (start, end) if end > start else None


def mostly_inside(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether at least 80% of the letters and digits of ``text[start:end]`` lie in ``spans``."""
    total = len(_ALNUM.findall(text, start, end))
    inside = 0
    covered = start  # spans may overlap: count each character once
    for s, e in sorted(spans):
        s, e = max(s, covered), min(e, end)
        if s < e:
            inside += len(_ALNUM.findall(text, s, e))
            covered = e
    return total > 0 and inside >= 0.8 * total


def mostly_quoted(text: str, clause: Draft, groups: Sequence[Group]) -> bool:
    spans = [span for g in groups for span in g.spans if span[0] < clause.end and clause.start < span[1]]
    return bool(spans) and mostly_inside(text, clause.start, clause.end, spans)


def copy_attribution(draft: Draft, clause: Draft) -> None:
    draft.speaker = clause.speaker
    draft.cue = clause.cue
    draft.addressee = clause.addressee
    draft.reply = clause.reply
    draft.cue_index = clause.cue_index


NOMINAL = frozenset({"PROPN", "NOUN", "PRON"})
