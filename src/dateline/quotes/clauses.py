"""The quotes stage: who said what, from quote marks and reported speech.

``extract_quotes(doc, document=..., mentions=..., actors=..., cfg=...)`` returns the document's
``Quote`` records in text order (ids ``q1``, ``q2``, ...), every offset into ``document.text``
(which is ``doc.text``).

How it reads a document:

1. **Quote marks.** A character scan pairs opening and closing marks of every common style
   (“ ” ‘ ’ " ' « » „ “ ‹ ›, and the typewriter ``''``) paragraph by paragraph. Whether a mark
   opens or closes is read from its neighbours (space before and a word after opens, a word
   before and space or punctuation after closes); an apostrophe between letters (it’s) or a
   possessive one (workers' union, states’) is not a mark. Quotes nest by alternating styles;
   only the outermost pair is a quoted segment. A paragraph that ends inside a quote continues
   when the next paragraph reopens it (the newspaper convention for long quotes); any other
   unclosed mark is dropped on its own, so it never costs the document its other quotes.
2. **Cues.** Speech, writing and belief verbs (``data/quote_cues.tsv``) and "according to" in
   the parse, outside quoted segments; each cue's content is the dependant the table names
   (a clause, an infinitive, an object, a preposition's object), cut before the writer's
   asides and the speaker's own further actions, and never across a line break; its speaker
   is its subject (inherited through conjunctions and "by saying", "by X" for a passive, a
   relative pronoun standing for its antecedent). Also: parenthetical cues ("The talks, she
   said, went well"), possessed nouns of saying ("Trump's claim that ..."), and labelled
   lines ("Elizabeth Warren: Trump is a ‘proven failure’", transcripts).
3. **Kinds.** A quoted segment that stands on its own (bounded by the paragraph, a colon, a
   comma or a sentence end, and not grammatically embedded) is a **direct** quote, attributed to
   the cue beside it ("..." Moon said / Moon said: "...") or, failing one, to the speaker of the
   quote just before it. A segment inside a cue's content makes the innermost speech clause
   holding it a **mixed** quote; a quoted phrase no cue governs is attributed to the subject of
   the verb above it when that subject is a person or a longer quotation (short labels with a
   common-noun subject, titles and cue-less scare quotes are not quotes). A cue's content
   without marks is an **indirect** quote.
4. **Speakers and addressees.** The speaker span is linked to an actor through the mention it
   overlaps. "told X" names the addressee; a reply ("Pompeo replied") is addressed to the
   previous quote's speaker; a direct quote that speaks to "you" is addressed to the speaker of
   the neighbouring quote. Quotes in the headline and standfirst without a resolved speaker are
   linked to the body quote with the same words and take its speaker.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import cast

from spacy.tokens import Doc, Token

from .config import Config
from .records import Actor, Document, Mention, Quote, Span, SpanRef

log = logging.getLogger(__name__)

__all__ = ["Cue", "extract_quotes", "find_segments", "load_cues"]

# ---------------------------------------------------------------------------------------
# Quote marks

_DOUBLE, _SINGLE, _GUIL, _SGUIL = 0, 1, 2, 3
#: mark → (family, preferred role: +1 opens, -1 closes, 0 either)
_MARKS: dict[str, tuple[int, int]] = {
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
_TERMINAL = set(".,!?…—–-:;")
_WORD_RE = re.compile(r"[^\W_]+")


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
class _Group:
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
        family, pref = _MARKS[chars]
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    b_space = before == "" or before.isspace()
    a_space = after == "" or after.isspace()
    b_mark = before in _MARKS
    a_mark = after in _MARKS
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


def _paragraph_spans(document: Document) -> list[tuple[int, int, str]]:
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


# ---------------------------------------------------------------------------------------
# Cues


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue verb: which dependants carry its content, and how it names an addressee."""

    lemma: str
    deps: frozenset[str]
    preps: frozenset[str]
    addressee: bool = False
    reply: bool = False
    direct: bool = False


@lru_cache(maxsize=1)
def load_cues() -> dict[str, Cue]:
    """The packaged cue table (``data/quote_cues.tsv``), loaded once."""
    text = resources.files("dateline").joinpath("data/quote_cues.tsv").read_text("utf-8")
    cues: dict[str, Cue] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        lemma = parts[0].strip()
        comps = [c.strip() for c in parts[1].split(",")] if len(parts) > 1 else []
        flags = {f.strip() for f in parts[2].split(",")} if len(parts) > 2 else set()
        deps = frozenset(c for c in comps if not c.startswith("prep:"))
        preps = frozenset(c[5:] for c in comps if c.startswith("prep:"))
        cues[lemma] = Cue(lemma, deps, preps, "a" in flags, "r" in flags, "d" in flags)
    return cues


_SUBJ = ("nsubj", "nsubjpass", "csubj")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)


@dataclass(slots=True)
class _Draft:
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


class _Reader:
    """The token-level view of one document that the rules read."""

    def __init__(self, doc: Doc, paragraphs: Sequence[tuple[int, int, str]]) -> None:
        self.doc = doc
        self.text = doc.text
        self.starts = [t.idx for t in doc]
        self.para_starts = [p[0] for p in paragraphs]
        self.paragraphs = paragraphs
        self.seg_of = [-1] * len(doc)

    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def mark_segments(self, groups: Sequence[_Group]) -> None:
        for gi, group in enumerate(groups):
            for s, e in group.spans:
                i = bisect.bisect_left(self.starts, s)
                while i < len(self.doc) and self.starts[i] < e:
                    self.seg_of[i] = gi
                    i += 1
        self.doc.user_data["dateline.seg_of"] = self.seg_of


def _quoted(token: Token) -> bool:
    """Whether a token lies inside a quoted segment (as marked for the current document)."""
    seg_of = token.doc.user_data.get("dateline.seg_of")
    return seg_of is not None and token.i < len(seg_of) and cast(list[int], seg_of)[token.i] >= 0


def _subtree_span(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right)


def _noun_span(token: Token) -> tuple[int, int]:
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


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-("):
        end -= 1
    while start < end and (text[start].isspace() or text[start] in ",;:—–-)"):
        start += 1
    return start, end


def _doc_text(doc: Doc) -> str:
    """``doc.text``, read once per doc: spaCy joins every token on each access."""
    cached = doc.user_data.get("dateline.text")
    if cached is None:
        cached = doc.user_data["dateline.text"] = doc.text
    return cast(str, cached)


def _newlines(doc: Doc) -> list[int]:
    """The offsets of the line breaks in ``doc.text``, computed once per doc."""
    cached = doc.user_data.get("dateline.newlines")
    if cached is None:
        cached = [i for i, char in enumerate(_doc_text(doc)) if char == "\n"]
        doc.user_data["dateline.newlines"] = cached
    return cast(list[int], cached)


def _same_line(a: Token, b: Token) -> bool:
    """Whether no line break separates two tokens (parses run across paragraphs)."""
    lo, hi = (a, b) if a.i < b.i else (b, a)
    newlines = _newlines(a.doc)
    i = bisect.bisect_left(newlines, lo.idx)
    return i == len(newlines) or newlines[i] >= hi.idx


def _subject(token: Token) -> Token | None:
    """The speaker head of a cue: its subject, inherited through conjunctions and clauses,
    never from another paragraph."""
    subject = _parse_subject(token)
    return subject if subject is not None and _same_line(subject, token) else None


def _parse_subject(token: Token) -> Token | None:
    current: Token | None = token
    for _ in range(4):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        if (
            current.dep_ == "acl"
            and current.head.pos_ in ("NOUN", "PROPN")
            and current.head.dep_
            in (
                "dobj",
                "attr",
            )
        ):
            current = current.head.head  # "issued a statement saying that ..."
        elif current.dep_ in ("conj", "xcomp", "advcl", "dep", "acl") and current.head.i != current.i:
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head  # "by tweeting that ...", "after hinting that ..."
            if current.head.dep_ != "ROOT" or current.dep_ == "ccomp":
                # "X said the deal ... before claiming ...": the speaker of the clause above
                up = current
                while up.dep_ not in ("ccomp", "ROOT") and up.head.i != up.i:
                    up = up.head
                if up.dep_ == "ccomp" and _lemma(up.head) in load_cues():
                    current = up.head
        else:
            return None
    return None


_NO_SPEAKER = frozenset({"there", "this", "what"})


def _speaker_head(subject: Token) -> Token | None:
    """A usable speaker head: a relative pronoun stands for its antecedent ("the group,
    which said ..."); an expletive or empty subject is no speaker."""
    low = subject.lower_
    if subject.dep_ == "expl" or low in _NO_SPEAKER:
        return None
    if low in ("who", "which", "that") and subject.head.dep_ == "relcl":
        return subject.head.head
    if low == "it" and subject.head.lemma_ == "be":
        return None
    return subject


def _subject_or_near(token: Token) -> Token | None:
    """The cue's subject, or, when the parse lost it ("..., Marcel Lazar, 44, said that"),
    the name just before the cue."""
    subject = _subject(token)
    if subject is not None or token.dep_ not in ("ROOT", "parataxis", "ccomp"):
        return subject
    sent_start = token.sent.start
    for i in range(token.i - 1, max(sent_start, token.i - 8) - 1, -1):
        t = token.doc[i]
        if not _same_line(t, token):
            return None
        if t.pos_ in ("PROPN", "PRON") and t.dep_ not in ("pobj", "poss"):
            while t.dep_ in ("compound", "flat") and t.head.i > t.i:
                t = t.head
            return t
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "mark":
            return None
    return None


def _addressee(token: Token, cue: Cue) -> Token | None:
    if not cue.addressee:
        return None
    for child in token.children:
        if child.dep_ in ("dative", "dobj") and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child
    return None


#: lemmas the small English pipeline gets wrong, by the form's first letters
_LEMMA_FIXES = {
    "hop": ("hope", "hope"),
    "tweete": ("tweet", "tweet"),
    "retweete": ("retweet", "retweet"),
    "rat": ("rate", "rate"),
}


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    fix = _LEMMA_FIXES.get(lemma)
    if fix is not None and token.lower_.startswith(fix[0]):
        return fix[1]
    return lemma


def _is_cue_token(token: Token, cues: dict[str, Cue]) -> Cue | None:
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN"):
        return None
    return cues.get(_lemma(token))


_ASIDE = frozenset({",", "—", "–", "--", "-"})
#: conjunctions of a clause that sets the time of a statement ("... after prosecutors found")
_FRAME_MARKS = frozenset({"after", "before", "when", "once", "since", "until"})


#: how many levels down the right edge of a content subtree a cut is looked for
_CUT_DEPTH = 10


def _that_start(head: Token) -> Token:
    """Where a that-clause starts: at its "that" when the parse hung words before it ("told
    customers at the diner that ...": the addressee is not what was said); an infinitive
    starts at its "to" ("urged the voters to wait": the voters are the addressee)."""
    left = head.left_edge
    if head.dep_ == "advcl" and left.dep_ == "mark" and left.lower_ == "for" and left.head.i == head.i:
        return head.doc[left.i + 1]  # "called for [the state to pay]"
    if head.dep_ == "xcomp" and left.i < head.i:
        to = next((c for c in head.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if to is not None and any(c.dep_ in _SUBJ and c.i < to.i for c in head.children):
            return to
        return left
    if head.dep_ != "ccomp":
        return left
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is not None and mark.i > left.i and mark.i > head.head.i > left.i - 1:
        return mark
    return left


def _content_span(head: Token) -> tuple[int, int]:
    """A content subtree, cut before a trailing clause that is the speaker's own action.

    "said he would offer a prayer but did not suggest ..." / "insisted that ..., claiming ..."
    / "..., while Sanders suggests ...": a subjectless conjunct, a participle clause or another
    speech verb at the right edge is not part of what was said. The cut is looked for along
    the right edge, a few levels down ("says he's “excited” as he faces ...").
    """
    right = head.right_edge
    node = head
    for _ in range(_CUT_DEPTH):
        cut = _right_cut(node)
        if cut is not None:
            right = cut
            break
        last = next((c for c in reversed(list(node.rights)) if c.dep_ != "punct"), None)
        if last is None or last.right_edge.i < node.right_edge.i - 1:
            break  # only a closing mark may follow the next level down
        node = last
    while right.i > head.i and (right.dep_ == "cc" or right.text in (",", ";")):
        right = right.doc[right.i - 1]  # "the mayor is honest, and [half said ...]"
    left = _that_start(head)
    return left.idx, right.idx + len(right)


def _right_cut(head: Token) -> Token | None:
    """The last token to keep when ``head``'s last right dependant is not what was said."""
    for child in reversed(list(head.rights)):
        if child.dep_ == "punct":
            continue
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        before = child.left_edge.i - 1
        while before > head.i and head.doc[before].text in _MARKS:
            before -= 1  # “Spanish,” which ...: the comma inside the closing mark
        after_comma = head.doc[before].text in _ASIDE
        if (
            _lemma(child) in load_cues()
            and "that" not in marks
            and (
                child.dep_ in ("conj", "parataxis")
                or (child.dep_ == "advcl" and (child.tag_ == "VBG" or marks & {"while", "whereas"}))
            )
        ):
            cut_here = True
        elif child.dep_ in ("appos", "npadvmod", "relcl") and after_comma and not _quoted(child):
            cut_here = True  # "..., a swipe at the recent disturbances": the writer's aside
        elif child.dep_ == "prep" and child.lower_ == "according":
            cut_here = True  # "..., according to exit polls": the next attribution
        elif head.pos_ in ("NOUN", "PROPN") and (
            (child.dep_ == "prep" and child.lower_ == "during")
            or (child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"))
        ):
            cut_here = True  # "... as a “crazy system” during a campaign stop": when it was said
        elif (
            child.dep_ == "advcl"
            and marks & _FRAME_MARKS
            and _lemma(child) in load_cues()
            and any(c.dep_ in _SUBJ for c in child.children)
        ):
            cut_here = True  # "... after prosecutors determined ...": someone else's statement
        elif child.dep_ == "advcl" and marks & {"though", "although", "while", "whereas", "as"}:
            cut_here = True  # "... as he faces a critical test": the writer's frame
        elif child.dep_ == "advcl" and child.tag_ == "VBG" and after_comma and not marks:
            cut_here = True  # "..., sparking a firestorm of speculation": the writer's gloss
        elif (
            child.dep_ == "prep"
            and child.lower_ in ("before", "after")
            and any(c.dep_ == "pcomp" and _lemma(c) in load_cues() for c in child.children)
        ):
            cut_here = True  # "... before claiming that ...": the speaker's next statement
        elif child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
            # "would offer a prayer but did not suggest": its own auxiliary (not a modal: "that
            # she opposes it and would repeal it" is all reported), no subject;
            # "calling for her firing and carrying signs": a verb joined to a noun;
            # "vowed to keep it legal and celebrated the ruling": a finite verb joined to an
            # infinitive is the speaker's next act
            deps = {c.dep_ for c in child.children}
            infinitive = head.tag_ == "VB" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in head.children
            )
            cut_here = (
                (
                    not deps & set(_SUBJ)
                    and bool(deps & {"aux", "neg"})
                    and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in child.children)
                )
                or head.pos_ in ("NOUN", "PROPN")
                or (infinitive and child.tag_ in ("VBD", "VBZ") and not deps & set(_SUBJ))
            )
        elif (
            child.dep_ == "prep"
            and child.lower_ == "with"
            and any(t.pos_ == "VERB" and t.tag_ == "VBG" and _lemma(t) in load_cues() for t in child.subtree)
        ):
            cut_here = True  # "..., with three in ten saying they are liberal": other speakers
        else:
            cut_here = False
        if not cut_here:
            return None
        cut = child.left_edge.i - 1
        while cut > head.i and head.doc[cut].dep_ in ("cc", "punct", "mark"):
            cut -= 1
        return head.doc[cut] if cut >= head.i else head
    return None


def extract_quotes(
    doc: Doc,
    *,
    document: Document,
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    cfg: Config,
) -> tuple[Quote, ...]:
    """The quotes of ``document`` (parsed as ``doc``) with speakers, cues and addressees.

    ``mentions``/``actors`` come from the actors stage; a speaker span is linked to the actor
    of the mention it overlaps. Ids are ``q1``, ``q2``, ... in text order. Never raises on
    unbalanced or odd quote marks.
    """
    del cfg  # no settings yet: kept for the stage signature
    text = doc.text
    paragraphs = _paragraph_spans(document)
    reader = _Reader(doc, paragraphs)
    groups = [_Group(g) for g in find_segments(text, [(p[0], p[1]) for p in paragraphs])]
    reader.mark_segments(groups)
    cues = load_cues()

    clauses = _find_clauses(reader, cues)
    clauses.extend(_labelled_lines(reader))
    clauses.extend(_title_case_lines(reader, cues, clauses))
    drafts: list[_Draft] = []
    used_clauses: set[int] = set()

    standalone = [_is_standalone(reader, g) for g in groups]
    # mixed: embedded segments join the smallest clause that holds them
    for gi, group in enumerate(groups):
        if standalone[gi]:
            continue
        best = _holding_clause(clauses, group, cues, text)
        if best >= 0:
            clauses[best].kind = "mixed"
            clauses[best].segments.extend(group.spans)
            clauses[best].end = max(clauses[best].end, group.end)
        else:
            draft = _embedding_clause(reader, group)
            if draft is not None:
                clauses.append(draft)
    # direct: standalone segments, attributed to the cue beside them or the previous speaker
    for gi, group in enumerate(groups):
        if not standalone[gi]:
            continue
        draft = _Draft(group.start, group.end, "direct", list(group.spans))
        draft.paragraph = reader.para_of(group.start)
        for ci, clause in enumerate(clauses):
            if ci in used_clauses or clause.kind == "mixed":
                continue
            if (
                clause.start <= group.end
                and group.start <= clause.end
                and _mostly_inside(text, clause.start, clause.end, group.spans)
            ):
                used_clauses.add(ci)
                _copy_attribution(draft, clause)
                if draft.speaker is None:
                    _attribute_direct(reader, draft, group, cues)
                break
        else:
            _attribute_direct(reader, draft, group, cues)
        drafts.append(draft)
    for ci, clause in enumerate(clauses):
        if ci in used_clauses:
            continue
        if clause.kind == "indirect" and _mostly_quoted(text, clause, groups):
            continue
        drafts.append(clause)

    for draft in drafts:
        draft.speaker = _clip(reader, draft.speaker)
        draft.addressee = _clip(reader, draft.addressee)
    drafts.sort(key=lambda d: (d.start, d.end))
    _outer_speakers(drafts, reader)
    _inherit_speakers(drafts, text)
    _drop_unattributed(drafts, text)
    linker = _ActorLinker(mentions)
    for draft in drafts:
        if draft.speaker is not None:
            draft.speaker_actor = linker.actor_for(*draft.speaker)
    _resolve_pronouns(drafts, text)
    _find_addressees(drafts, text, linker)
    _link_display(drafts, paragraphs, reader, text, linker)
    return tuple(_to_quote(i + 1, d, text) for i, d in enumerate(drafts))


# ---------------------------------------------------------------------------------------
# Rules


_LABEL_RE = re.compile(r"([A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*){0,4}):[ \u00a0]+(?=\S)")
_NOT_SPEAKERS = frozenset(
    "update updated photo photos video source sources note editor watch read related correction "
    "advertisement breaking exclusive live analysis opinion comment editorial transcript q a "
    "first second third next last today yesterday tomorrow".split()
)


def _labelled_lines(reader: _Reader) -> list[_Draft]:
    """ "Elizabeth Warren: Trump is a ‘proven failure’" and transcript lines ("PENCE: ...")."""
    doc, text = reader.doc, reader.text
    out: list[_Draft] = []
    for p_start, p_end, _ in reader.paragraphs:
        m = _LABEL_RE.match(text, p_start, p_end)
        if m is None:
            continue
        name = m.group(1)
        if any(w.lower().strip(".") in _NOT_SPEAKERS for w in name.split()):
            continue
        first, last = reader.token_at(m.start(1)), reader.token_at(m.end(1) - 1)
        if any(t.pos_ not in ("PROPN", "NOUN") for t in doc[first : last + 1]):
            continue
        start, end = _trim(text, m.end(), p_end)
        if len(_WORD_RE.findall(text[start:end])) < 3:
            continue
        draft = _Draft(start, end, "indirect", cue=None)
        draft.paragraph = reader.para_of(start)
        draft.speaker = (m.start(1), m.end(1))
        draft.cue_index = first
        out.append(draft)
    return out


def _title_case_lines(reader: _Reader, cues: dict[str, Cue], clauses: Sequence[_Draft]) -> list[_Draft]:
    """ "Senator Smith Slams Budget As ‘Reckless’": a headline in title case, whose verb the
    parser reads as a name. The words before a capitalised cue verb are the speaker, the rest
    of the line what was said."""
    doc, text = reader.doc, reader.text
    out: list[_Draft] = []
    taken = {c.cue_index for c in clauses}
    for p_start, p_end, _ in reader.paragraphs:
        words = _WORD_RE.findall(text[p_start:p_end])
        long_words = [w for w in words if len(w) > 3]
        if len(words) < 4 or len(words) > 25 or not long_words:
            continue
        if sum(w[0].isupper() for w in long_words) < 0.8 * len(long_words):
            continue
        first = reader.token_at(p_start)
        for t in doc[first : reader.token_at(p_end - 1) + 1]:
            if t.idx >= p_end or t.i == first or not t.text[:1].isupper() or reader.seg_of[t.i] >= 0:
                continue
            if t.i in taken or t.pos_ in ("VERB", "AUX"):
                break  # the parser found the verb: the usual rules read this line
            cue = cues.get(_headline_lemma(t.lower_, cues))
            if cue is None or cue.lemma in _NOUN_CUES:
                continue
            speaker = _trim(text, doc[first].idx, t.idx)
            start, end = _trim(text, t.idx + len(t), p_end)
            while end > start and text[end - 1] in ".!?":
                end -= 1
            n_speaker = len(_WORD_RE.findall(text[speaker[0] : speaker[1]]))
            if not 1 <= n_speaker <= 6 or len(_WORD_RE.findall(text[start:end])) < 2:
                break
            draft = _Draft(start, end, "indirect", cue=cue.lemma, cue_index=t.i)
            draft.paragraph = reader.para_of(start)
            draft.speaker = speaker
            out.append(draft)
            break
    return out


def _headline_lemma(form: str, cues: dict[str, Cue]) -> str:
    """The cue lemma of a headline verb form ("slams", "endorses", "says", "tweeted")."""
    if form in ("says", "said"):
        return "say"
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e")):
        if form.endswith(suffix) and form[: len(form) - len(suffix)] + repl in cues:
            return form[: len(form) - len(suffix)] + repl
    return ""


_PRONOUN_SPEAKERS = frozenset({"he", "she", "they", "i", "we", "it", "you"})


def _holding_clause(clauses: Sequence[_Draft], group: _Group, cues: dict[str, Cue], text: str) -> int:
    """The clause a quoted phrase belongs to: the innermost speech clause that holds it, else
    the smallest clause of any cue ("X said he expects them to “act”" is X's words)."""
    holding = [
        ci for ci, clause in enumerate(clauses) if clause.start <= group.start and group.end <= clause.end + 1
    ]
    if not holding:
        return -1
    speech = [ci for ci in holding if clauses[ci].cue in cues and cues[str(clauses[ci].cue)].direct]
    if speech:
        # innermost first; a pronoun speaker ("X said he would tell them “...”") is usually the
        # outer speaker again, so the outer clause, which names them, is the better owner
        speech.sort(key=lambda ci: clauses[ci].end - clauses[ci].start)
        for ci in speech:
            sp = clauses[ci].speaker
            if sp is not None and text[sp[0] : sp[1]].lower() not in _PRONOUN_SPEAKERS:
                return ci
        return speech[-1]
    return min(holding, key=lambda ci: clauses[ci].end - clauses[ci].start)


def _clip(reader: _Reader, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A span cut to the paragraph its last character is in (parses run across paragraphs)."""
    if span is None:
        return None
    p_start, p_end, _ = reader.paragraphs[reader.para_of(max(span[0], span[1] - 1))]
    start, end = _trim(reader.text, max(span[0], p_start), min(span[1], p_end))
    return (start, end) if end > start else None


def _find_clauses(reader: _Reader, cues: dict[str, Cue]) -> list[_Draft]:
    """Every cue with content: (cue, speaker, content span) as indirect drafts."""
    doc, text = reader.doc, reader.text
    out: list[_Draft] = []
    for token in doc:
        if reader.seg_of[token.i] >= 0:
            continue
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            draft = _according_to(reader, token)
            if draft is not None:
                out.append(draft)
            continue
        if token.lower_ == "in" and token.dep_ == "prep":
            draft = _in_source(reader, token)
            if draft is not None:
                out.append(draft)
            continue
        if token.pos_ == "NOUN":
            draft = _noun_cue(reader, token)
            if draft is not None:
                out.append(draft)
            continue
        if token.pos_ in ("VERB", "AUX") and _lemma(token) in _RAISING:
            draft = _raising_clause(reader, token)
            if draft is not None:
                out.append(draft)
            continue
        cue = _is_cue_token(token, cues)
        if cue is None:
            continue
        passive = _passive_clause(reader, token)
        if passive is not None:
            out.append(passive)
            continue
        content: list[Token] = []
        p_start, p_end, _ = reader.paragraphs[reader.para_of(token.idx)]
        for child in token.children:
            if not p_start <= child.idx < p_end:
                continue  # an arc across paragraphs is a parse error
            dep = child.dep_
            if dep in cue.deps and dep in ("ccomp", "xcomp", "dobj", "oprd"):
                content.append(child)
            elif dep == "xcomp" and "ccomp" in cue.deps and child.tag_ == "VBG" and child.i > token.i:
                content.append(child)  # "said [seeing the nurses there] was a relief": a gerund subject
            elif dep == "prep" and child.lower_ in cue.preps:
                content.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
            elif dep == "advcl" and child.i > token.i and _marked_by(child, cue.preps):
                content.append(child)  # "called for the party to unite": for + infinitive
        if len(content) > 1:
            # "voters said Clinton is honest, and three-quarters said the same of Sanders": a
            # second clause with its own speech verb and subject is its own statement
            content = [
                c
                for c in content
                if c is content[0]
                or not (_is_cue_token(c, cues) and any(g.dep_ in _SUBJ for g in c.children))
            ]
        if any(c.dep_ == "dobj" for c in content):
            obj = next(c for c in content if c.dep_ == "dobj")
            nxt = obj.right_edge.i + 1
            if (
                nxt < len(doc)
                and doc[nxt].head.i == token.i
                and doc[nxt].dep_ == "prep"
                and doc[nxt].lower_ not in _FRAME_PREPS
            ):
                content.append(doc[nxt])
        as_phrase = "as" in cue.preps and any(c.head.lower_ == "as" for c in content)
        if ("oprd" in cue.deps and any(c.dep_ == "oprd" for c in content)) or as_phrase:
            # "called the deal a disaster", "sees the vote as a test": object and predicate
            content.extend(c for c in token.children if c.dep_ == "dobj" and c not in content)
        start_end: tuple[int, int] | None = None
        if content:
            spans = [_content_span(c) for c in content]
            start_end = (min(s for s, _ in spans), max(e for _, e in spans))
            if start_end[0] < token.idx < start_end[1]:
                right = [c for c in content if c.i > token.i]
                spans = [_content_span(c) for c in right]
                start_end = (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None
        elif _as_clause(token, cue):
            # "As the paper reported, the talks failed": the clause the as-clause stands in
            head = token.head
            first = token.right_edge.i + 1
            if first <= head.right_edge.i:
                start_end = (doc[first].idx, head.right_edge.idx + len(head.right_edge))
        elif (
            cue.direct
            and "ccomp" in cue.deps
            and not any(c.dep_ in ("xcomp", "ccomp", "dobj") for c in token.children)
            and (
                (
                    token.dep_ in ("parataxis", "ccomp", "advcl")
                    and token.i > token.head.i
                    and token.tag_ != "VBG"  # "..., noting that": the speaker's next statement
                )
                or (token.dep_ == "parataxis" and token.head.pos_ in ("VERB", "AUX"))
            )
            and _subject(token) is not None
        ):
            # "The talks went well, officials said." / "The talks, she said, went well."
            head = token.head
            left = head.left_edge
            last = doc[token.left_edge.i - 1] if token.left_edge.i > left.i else None
            if token.i < head.i:
                last = head.right_edge
            if last is not None and head.sent.start <= left.i:
                if head.right_edge.i > token.right_edge.i:
                    last = head.right_edge
                start_end = (left.idx, last.idx + len(last))
        if start_end is None:
            continue
        start, end = _trim(text, max(p_start, start_end[0]), min(p_end, start_end[1]))
        if not content and not p_start <= token.head.idx < p_end:
            continue
        words = len(_WORD_RE.findall(text[start:end]))
        if words < 1 or (
            words < 2
            and not any(c.dep_ == "dobj" or (c.dep_ == "pobj" and c.pos_ != "PRON") for c in content)
        ):
            continue
        subject = _subject_or_near(token)
        if subject is None and token.dep_ == "acl" and token.tag_ == "VBG" and token.i > token.head.i:
            if token.head.pos_ in ("NOUN", "PROPN"):
                subject = token.head  # "a group supporting the bill": the group's stance
        clausal = any(c.dep_ == "ccomp" for c in content)
        unnamed = token.tag_ == "VBN" and (
            any(c.dep_ == "auxpass" for c in token.children)
            or (token.dep_ == "advcl" and not any(c.dep_ == "aux" for c in token.children))
        )  # "she was asked about the speeches", "Asked about the vote, ...": nobody named
        if subject is None and not clausal and not unnamed:
            continue  # "was not authorised to discuss the negotiations": nobody's statement
        if unnamed and subject is not None and subject.dep_ != "pobj":
            subject = None  # "Asked about the delay, the mayor ...": the mayor was asked
        draft = _Draft(start, end, "indirect", cue=cue.lemma, cue_index=token.i)
        draft.paragraph = reader.para_of(start)
        speaker_head = _speaker_head(subject) if subject is not None else None
        if speaker_head is not None:
            draft.speaker = _noun_span(speaker_head)
        addressee = _addressee(token, cue)
        if addressee is not None:
            draft.addressee = _noun_span(addressee)
        draft.reply = cue.reply
        out.append(draft)
    return out


def _marked_by(clause: Token, words: frozenset[str]) -> bool:
    """Whether a clause opens with one of ``words`` as its marker ("for the party to unite")."""
    return any(c.dep_ == "mark" and c.lower_ in words and c.i == clause.left_edge.i for c in clause.children)


def _as_clause(token: Token, cue: Cue) -> bool:
    """ "As the paper reported, ...": a cue with a subject and no content of its own, in an
    as-clause ahead of the clause it reports."""
    if token.dep_ != "advcl" or token.i > token.head.i or "ccomp" not in cue.deps:
        return False
    marks = [c for c in token.children if c.dep_ == "mark"]
    if len(marks) != 1 or marks[0].lower_ != "as" or marks[0].i != token.left_edge.i:
        return False
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in token.children):
        return False
    return _subject(token) is not None


#: verbs of seeming: "X seems to ...", "it appears that ..." (the writer's judgement, which
#: PolNeAR counts as an attribution without a source)
_RAISING = frozenset({"seem", "appear"})


def _raising_clause(reader: _Reader, token: Token) -> _Draft | None:
    """ "Clinton seems not to have found her voice": the whole clause, subject included; after
    an expletive ("it seems the party has too many delegates") only what follows the verb."""
    text = reader.text
    comps = [
        c
        for c in token.rights
        if c.dep_ in ("xcomp", "ccomp", "acomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "like")
    ]
    if not comps or any(c.dep_ == "xcomp" and _lemma(c) in load_cues() for c in comps):
        return None  # "Obama seemed to recognize ...": the inner verb reports it
    subject = next((c for c in token.lefts if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or subject.lower_ in ("that", "what"):
        return None
    if subject.dep_ == "expl" or subject.lower_ == "it":
        start = comps[0].left_edge.idx
    else:
        start = subject.left_edge.idx
    end = max(_content_span(c)[1] for c in comps)
    p_start, p_end, _ = reader.paragraphs[reader.para_of(token.idx)]
    start, end = _trim(text, max(p_start, start), min(p_end, end))
    if len(_WORD_RE.findall(text[start:end])) < 3:
        return None
    draft = _Draft(start, end, "indirect", cue=_lemma(token), cue_index=token.i)
    draft.paragraph = reader.para_of(start)
    return draft


def _passive_clause(reader: _Reader, token: Token) -> _Draft | None:
    """ "The bill is expected to pass", "a year expected to bring record turnout", "the plan,
    seen by many as a gamble": a passive cue with a predicate says something about its subject
    on someone's behalf (the "by" phrase's, or nobody named); the whole clause is the content."""
    if token.tag_ != "VBN":
        return None
    if _lemma(token) == "name":
        return None  # "a group named Friends of Abe": a name, not a view
    finite = any(c.dep_ == "auxpass" for c in token.children)
    reduced = token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN") and token.i > token.head.i
    if not finite and not reduced:
        return None
    comps = [
        c for c in token.rights if c.dep_ in ("xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "as")
    ]
    if not comps:
        return None
    if finite:
        subject = next((c for c in token.lefts if c.dep_ == "nsubjpass"), None)
        if subject is None or subject.lower_ in ("that", "what", "it"):
            return None
        start = subject.left_edge
    else:
        start = token.head.left_edge
    text = reader.text
    end = max(_content_span(c)[1] for c in comps)
    p_start, p_end, _ = reader.paragraphs[reader.para_of(token.idx)]
    lo, hi = _trim(text, max(p_start, start.idx), min(p_end, end))
    if len(_WORD_RE.findall(text[lo:hi])) < 3:
        return None
    draft = _Draft(lo, hi, "indirect", cue=_lemma(token), cue_index=token.i)
    draft.paragraph = reader.para_of(lo)
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if source is not None:
        draft.speaker = _noun_span(source)
    return draft


#: prepositions that set the scene of a statement (when, where, by what means), not its content
_FRAME_PREPS = frozenset({"at", "in", "on", "during", "after", "before", "since", "via", "through"})

_OBJECT_DEPS = frozenset({"dobj", "prep", "ccomp", "xcomp", "oprd", "attr", "acomp", "dative"})


def _embedding_clause(reader: _Reader, group: _Group) -> _Draft | None:
    """A quoted phrase inside a clause no cue governs: the clause's subject is its source.

    "Trump summed up Clinton as “terrible”": the phrase is attributed to the subject of the
    nearest verb above it, and the verb's object part is the quote's content.
    """
    doc, text = reader.doc, reader.text
    if len(group.spans) > 1 or _looks_like_title(text[group.start : group.end]):
        return None
    first = reader.token_at(group.start)
    tokens = [t for t in doc[first : reader.token_at(max(group.start, group.end - 1)) + 1]]
    tops = [t for t in tokens if reader.seg_of[t.head.i] < 0 or t.head.i == t.i]
    if not tops:
        return None
    p_start, p_end, _ = reader.paragraphs[reader.para_of(group.start)]
    node = tops[0]
    child = node
    found = False
    for _ in range(6):
        if node.head.i == node.i or not p_start <= node.head.idx < p_end:
            break
        child, node = node, node.head
        if reader.seg_of[node.i] >= 0:
            continue
        if node.pos_ == "VERB":
            found = True
            break
    if not found:
        return _nearby_cue(reader, group)
    if child.dep_ in _SUBJ or child.i < node.i:
        return None
    subject = _subject(node)
    if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    common = subject.pos_ == "NOUN" and not subject.text[:1].isupper()
    if common and len(_WORD_RE.findall(text[group.start : group.end])) <= 3:
        return None  # "the company's “sharing economy” model": a label, not a quotation
    if subject.lower_ in ("it", "there", "that", "this", "which", "what"):
        return None
    parts = [c for c in node.rights if c.dep_ in _OBJECT_DEPS and c.i <= child.i] or [child]
    start = min(_subtree_span(c)[0] for c in parts)
    end = max(_content_span(child)[1], group.end)
    start, end = _trim(text, max(p_start, min(start, group.start)), min(p_end, end))
    draft = _Draft(start, end, "mixed", list(group.spans), cue=_lemma(node), cue_index=node.i)
    draft.paragraph = reader.para_of(start)
    draft.speaker = _noun_span(subject)
    return draft


def _nearby_cue(reader: _Reader, group: _Group) -> _Draft | None:
    """A cue just before a phrase the parse did not attach: "sources warn of a ‘long haul’"."""
    doc, text = reader.doc, reader.text
    p_start = reader.paragraphs[reader.para_of(group.start)][0]
    cues = load_cues()
    i = reader.token_at(group.start) - 1
    for _ in range(8):
        if i < 0 or doc[i].idx < p_start or reader.seg_of[i] >= 0 or doc[i].text in (".", "!", "?"):
            return None
        token = doc[i]
        cue = _is_cue_token(token, cues)
        if cue is not None and cue.direct:
            subject = _subject(token)
            if subject is None or subject.lower_ in ("it", "there", "that", "this", "which"):
                return None
            start, end = _trim(text, token.idx + len(token), group.end)
            draft = _Draft(start, end, "mixed", list(group.spans), cue=cue.lemma, cue_index=i)
            draft.paragraph = reader.para_of(start)
            draft.speaker = _noun_span(subject)
            return draft
        i -= 1
    return None


def _looks_like_title(inner: str) -> bool:
    """“Meet the Press”, “The Art of the Deal”: a name of a work, not words someone said."""
    words = _WORD_RE.findall(inner)
    if not words or len(words) > 8:
        return False
    capital = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capital >= max(1, (2 * len(words) + 2) // 3)


#: nouns of saying, thinking and stance, and what introduces their content: a that-clause
#: ("the claim that ..."), an infinitive ("his promise to ...") or a preposition ("her support
#: for the bill", "his criticism of the deal")
_NOUN_CUES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        "claim statement assertion argument warning suggestion accusation allegation insistence "
        "belief view announcement remark admission denial assurance prediction hope fear concern "
        "contention conclusion message idea notion doubt assumption speculation consensus sense "
        "understanding opinion suspicion perception impression expectation recognition "
        "realization acknowledgment acknowledgement feeling conviction theory rumor rumour "
        "insinuation implication assessment estimate point complaint worry anxiety confidence "
        "report".split(),
        frozenset({"that"}),
    ),
    **dict.fromkeys(
        "promise pledge vow threat demand request proposal plan decision refusal offer bid "
        "intention desire wish reluctance order invitation appeal".split(),
        frozenset({"that", "to"}),
    ),
    "support": frozenset({"for"}),
    "criticism": frozenset({"of"}),
    "attack": frozenset({"on", "against"}),
    "vote": frozenset({"for", "against"}),
    "question": frozenset({"about", "of"}),
    "concern": frozenset({"that", "about", "over"}),
    "complaint": frozenset({"that", "about"}),
    "fear": frozenset({"that", "of"}),
    "warning": frozenset({"that", "about", "of"}),
    "call": frozenset({"for", "to"}),
    "opposition": frozenset({"to"}),
    "praise": frozenset({"for"}),
    "endorsement": frozenset({"of"}),
}


def _noun_content(token: Token, intros: frozenset[str]) -> Token | None:
    """The dependant of a noun of saying that holds what was said, thought or stood for."""
    for child in token.rights:
        dep = child.dep_
        if dep in ("acl", "ccomp", "relcl", "appos") and child.pos_ in ("VERB", "AUX"):
            marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
            if "that" in intros and "that" in marks:
                return child
            is_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            if "to" in intros and dep == "acl" and is_inf and child.i == token.i + 2:
                return child  # "his promise to cut taxes"
            if "that" in intros and dep in ("acl", "ccomp") and not marks and not is_inf:
                has_subject = any(c.dep_ in _SUBJ for c in child.children)
                if has_subject and child.left_edge.i == token.i + 1:
                    return child  # "fears the virus will spread"
        elif dep == "prep" and child.lower_ in intros:
            return next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
    return None


def _noun_owner(token: Token) -> Token | None:
    """Whose statement a noun of saying is: its possessor ("Trump's claim"), the "by"/"from"
    phrase after it ("a warning from the agency"), or the subject of the verb that takes it
    ("the agency issued a warning that ...", "she pushed the idea that ...", "they marched in
    the hope that ...")."""
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ in _NOMINAL:
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i > token.i:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("PROPN", "NOUN", "PRON"):
                return pobj
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif token.dep_ != "dobj":
        return None
    if verb.pos_ not in ("VERB", "AUX") or verb.i == token.i:
        return None
    return _subject(verb)


def _noun_cue(reader: _Reader, token: Token) -> _Draft | None:
    """A noun of saying with its content: "Trump's claim that the vote was rigged", "fears
    that the virus will spread", "her support for the bill"."""
    intros = _NOUN_CUES.get(token.lemma_.lower())
    if intros is None:
        return None
    content = _noun_content(token, intros)
    if content is None:
        return None
    owner = _noun_owner(token)
    if owner is None and content.dep_ == "pobj":
        return None  # "support for the bill" with nobody's name on it: a topic, not a stance
    p_start, p_end, _ = reader.paragraphs[reader.para_of(token.idx)]
    start, end = _content_span(content)
    start, end = _trim(reader.text, max(p_start, start), min(p_end, end))
    words = len(_WORD_RE.findall(reader.text[start:end]))
    if words < 1 or (words < 2 and content.pos_ != "PROPN"):
        return None  # "his attacks on Curiel" names its target; "his support for it" does not
    draft = _Draft(start, end, "indirect", cue=token.lemma_.lower(), cue_index=token.i)
    draft.paragraph = reader.para_of(start)
    speaker = _speaker_head(owner) if owner is not None else None
    if speaker is not None and speaker.lower_ in ("his", "her", "their", "its"):
        draft.speaker = (owner.idx, owner.idx + len(owner)) if owner is not None else None
    elif speaker is not None:
        draft.speaker = _noun_span(speaker)
    return draft


def _according_to(reader: _Reader, token: Token) -> _Draft | None:
    """ "According to the ministry, the talks will resume": the rest of the sentence."""
    to = reader.doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    return _sourced_sentence(reader, token, source, "according to")


#: what "in ..." can name as the source of the clause it frames ("In a new poll, ...", "in
#: Bolton's view", "in their eyes")
_IN_SOURCES = frozenset(
    "poll polls survey surveys study report analysis view opinion estimate estimation eyes "
    "judgment judgement assessment".split()
)


def _in_source(reader: _Reader, token: Token) -> _Draft | None:
    """ "In the latest poll, Kasich was at 25 percent": a poll, view or report put in front of a
    clause that has no speech verb of its own."""
    source = next((c for c in token.children if c.dep_ == "pobj"), None)
    if source is None or source.lower_ not in _IN_SOURCES:
        return None
    head = token.head
    if head.pos_ not in ("VERB", "AUX") or _lemma(head) in load_cues() or token.i > head.i:
        return None  # "he leads in the polls": a measure, not a source; only a fronted frame
    if not any(c.dep_ in _SUBJ for c in head.children):
        return None
    return _sourced_sentence(reader, token, source, "in", scope=(head.left_edge.i, head.right_edge.i))


def _sourced_sentence(
    reader: _Reader, first: Token, source: Token, cue: str, *, scope: tuple[int, int] | None = None
) -> _Draft | None:
    """The content of a source phrase (``first`` .. ``source``'s subtree): the longer part of
    its sentence (or of the ``scope`` clause), before or after it (after a comma that closes
    a longer source phrase)."""
    doc, text = reader.doc, reader.text
    phrase = (first.i, source.right_edge.i)
    sent = first.sent
    lo_i, hi_i = scope if scope is not None else (sent.start, sent.end - 1)
    before = (lo_i, phrase[0] - 1)
    after = (phrase[1] + 1, hi_i)
    if phrase[0] == lo_i or (phrase[0] == lo_i + 1 and doc[lo_i].is_punct):
        # "According to a poll out Thursday, ...": the phrase runs to its comma
        for k in range(after[0], min(after[1], after[0] + 4) + 1):
            if doc[k].text == ",":
                after = (k + 1, after[1])
                break
            if doc[k].pos_ in ("VERB", "AUX"):
                break
    n_before = before[1] - before[0] + 1
    n_after = after[1] - after[0] + 1
    lo, hi = before if n_before >= n_after else after
    if hi < lo:
        return None
    start, end = _trim(text, doc[lo].idx, doc[hi].idx + len(doc[hi]))
    while end > start and text[end - 1] in ".!?":
        end -= 1
    if len(_WORD_RE.findall(text[start:end])) < 3:
        return None
    draft = _Draft(start, end, "indirect", cue=cue, cue_index=first.i)
    draft.paragraph = reader.para_of(start)
    draft.speaker = _noun_span(source)
    return draft


def _is_standalone(reader: _Reader, group: _Group) -> bool:
    """A quoted passage that is not a piece of a larger clause: a direct quote."""
    text = reader.text
    s, _ = group.spans[0]
    _, e = group.spans[-1]
    p_start = reader.paragraphs[reader.para_of(s)][0]
    i = s - 1
    while i >= p_start and (text[i] in _MARKS or text[i] in "`" or text[i].isspace()):
        i -= 1
    before = text[i] if i >= p_start else ""
    inner = text[s:e].strip()
    if not inner:
        return False
    first = inner[0]
    cues = load_cues()
    if before in ":," and i > p_start:
        prev = reader.doc[reader.token_at(i - 1)]
        if prev.lemma_.lower() in cues and len(_WORD_RE.findall(inner)) >= 2:
            return True  # 'he tweeted, "Thank you Indiana!" on Friday'
    if before == "" or before in ":([—–":
        bounded = True
    elif before in ".!?":
        bounded = True
    elif before == ",":
        bounded = first.isupper() or first.isdigit() or first in "…."
    else:
        tok = reader.doc[reader.token_at(i)]
        words = len(_WORD_RE.findall(inner))
        bounded = bool(
            (first.isupper() or first == "…")
            and tok.lemma_.lower() in load_cues()
            and (words >= 3 or (words == 2 and inner[-1] in "!?"))
        )  # 'a man yelled “Stay there!”'

    if not bounded:
        return False
    p_end = reader.paragraphs[reader.para_of(e)][1]
    j = e
    while j < p_end and (text[j] in _MARKS or text[j] == "`"):
        j += 1
    while j < p_end and text[j].isspace():
        j += 1
    after = text[j] if j < p_end else ""
    last = inner.rstrip("".join(_MARKS) + " ")[-1:]  # "... super predator,’”": the nested mark
    if inner[-1] in _TERMINAL or last in _TERMINAL or after in ("", *".!?;:)—–,"):
        return True
    # a word follows: direct only if it starts the attribution ("..." Moon said)
    k = reader.token_at(j)
    window = reader.doc[k : k + 4]
    return any(t.lemma_.lower() in load_cues() for t in window) and len(_WORD_RE.findall(inner)) >= 3


def _mostly_inside(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    total = inside = 0
    for k in range(start, end):
        if text[k].isalnum():
            total += 1
            if any(s <= k < e for s, e in spans):
                inside += 1
    return total > 0 and inside >= 0.8 * total


def _mostly_quoted(text: str, clause: _Draft, groups: Sequence[_Group]) -> bool:
    spans = [span for g in groups for span in g.spans if span[0] < clause.end and clause.start < span[1]]
    return bool(spans) and _mostly_inside(text, clause.start, clause.end, spans)


def _copy_attribution(draft: _Draft, clause: _Draft) -> None:
    draft.speaker = clause.speaker
    draft.cue = clause.cue
    draft.addressee = clause.addressee
    draft.reply = clause.reply
    draft.cue_index = clause.cue_index


def _attribute_direct(reader: _Reader, draft: _Draft, group: _Group, cues: dict[str, Cue]) -> None:
    """Find the cue beside a direct quote: after it ("..." X said) or before it (X said: "...")."""
    doc = reader.doc
    p_end = reader.paragraphs[reader.para_of(group.end)][1]
    k = reader.token_at(group.end)
    while k < len(doc) and doc[k].idx < group.end:
        k += 1
    after: list[Token] = []
    for t in doc[k : min(len(doc), k + 14)]:
        if t.idx >= p_end or reader.seg_of[t.i] >= 0 or t.text in (".", "!", "?"):
            break
        after.append(t)
    chosen = _pick_cue(after, cues)
    window: list[Token] = []
    if chosen is None:
        byline = _dash_byline(reader, group.end, p_end)
        if byline is not None:
            draft.speaker = byline  # "...” ― Sonya Herridge": the name signs the quote
            return
    if chosen is not None:
        window = [t for t in after if t.i < chosen[0].i]
    else:
        back = _back_window(reader, group.start)
        chosen = _pick_cue(back, cues)
        if chosen is None:
            chosen = _colon_verb(reader, group.start, back)
    if chosen is None:
        return
    token, cue = chosen
    draft.cue = cue
    draft.cue_index = token.i
    if cue == "according to":
        source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
        draft.speaker = _noun_span(source) if source is not None else None
        return
    speaker = _window_speaker(window) if window else None
    if speaker is None:
        subject = _subject_or_near(token)
        head = _speaker_head(subject) if subject is not None else None
        if head is not None and reader.seg_of[head.i] < 0:
            speaker = _noun_span(head)
        elif token in after:
            # "..." said Moon: the noun phrase right after the cue
            speaker = _window_speaker([t for t in after if t.i > token.i][:8])
    draft.speaker = speaker
    cue_rec = cues.get(cue)
    if cue_rec is None:
        return
    addressee = _addressee(token, cue_rec)
    if addressee is not None:
        draft.addressee = _noun_span(addressee)
    draft.reply = cue_rec.reply


_NOMINAL = frozenset({"PROPN", "NOUN", "PRON"})
_BYLINE_RE = re.compile(
    r"[ \t\u00a0]*(?:[―—–]|--?)[ \t\u00a0]*([A-Z][^\n,;()]{1,60}?)[ \t\u00a0.]*(?=[,;(\n]|$)"
)


def _dash_byline(reader: _Reader, q_end: int, p_end: int) -> tuple[int, int] | None:
    """A name after a dash that ends the line behind a quote ("...” ― Sonya Herridge")."""
    text = reader.text
    j = q_end
    while j < p_end and (text[j] in _MARKS or text[j] in ".,!?"):
        j += 1
    m = _BYLINE_RE.match(text, j, p_end)
    if m is None:
        return None
    start, end = m.span(1)
    tokens = reader.doc[reader.token_at(start) : reader.token_at(end - 1) + 1]
    if not tokens or not any(t.pos_ == "PROPN" for t in tokens) or len(tokens) > 8:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return None
    return start, end


def _window_speaker(window: Sequence[Token]) -> tuple[int, int] | None:
    """The first noun phrase of a short stretch of tokens, kept inside the stretch."""
    if not window:
        return None
    lo, hi = window[0].idx, window[-1].idx + len(window[-1])
    ids = {t.i for t in window}
    first = next((t for t in window if t.pos_ in _NOMINAL), None)
    if first is None:
        return None
    head = first
    while (
        head.head.i in ids
        and head.head.pos_ in _NOMINAL
        and head.dep_ in ("compound", "flat", "amod", "det", "poss", "nmod", "nummod", "case")
    ):
        head = head.head
    start, end = _noun_span(head)
    start, end = max(start, lo), min(end, hi)
    return _trim(_doc_text(window[0].doc), start, end) if end > start else None


def _back_window(reader: _Reader, q_start: int) -> list[Token]:
    """The tokens before a quote in its sentence, nearest first (or, when the quote opens
    its paragraph and the previous one ends with a colon, that paragraph's last sentence)."""
    doc = reader.doc
    para = reader.para_of(q_start)
    p_first = reader.paragraphs[para][0]
    floor = p_first
    i = reader.token_at(q_start) - 1
    if _ends_with_colon(reader, q_start, p_first):
        floor = reader.paragraphs[para - 1][0]
        i = reader.token_at(p_first) - 1
        while i >= 0 and doc[i].idx >= p_first:
            i -= 1
    back: list[Token] = []
    while i >= 0 and len(back) < 25:
        t = doc[i]
        if t.idx < floor or reader.seg_of[t.i] >= 0 or t.text in (".", "!", "?"):
            break
        back.append(t)
        i -= 1
    return back


def _colon_verb(reader: _Reader, q_start: int, back: Sequence[Token]) -> tuple[Token, str] | None:
    """ "X issued a statement: ..." — any verb before a colon that introduces the quote."""
    if not back or back[0].text != ":":
        return None
    for t in back[1:]:
        if t.pos_ == "VERB" and _subject(t) is not None:
            return t, _lemma(t)
    return None


def _ends_with_colon(reader: _Reader, q_start: int, p_first: int) -> bool:
    """Whether the quote opens its paragraph and the previous paragraph ends with a colon."""
    if reader.text[p_first:q_start].strip(" \t\n\"'“‘«„") != "":
        return False
    prev = reader.para_of(q_start) - 1
    if prev < 0:
        return False
    return reader.text[reader.paragraphs[prev][0] : reader.paragraphs[prev][1]].rstrip().endswith(":")


def _pick_cue(tokens: Sequence[Token], cues: dict[str, Cue]) -> tuple[Token, str] | None:
    for t in tokens:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            return t, "according to"
        cue = _is_cue_token(t, cues)
        if cue is not None and cue.direct:
            return t, cue.lemma
    return None


def _inherit_speakers(drafts: list[_Draft], text: str) -> None:
    """A direct quote with no cue of its own continues the previous quote's speaker."""
    last: _Draft | None = None
    for draft in drafts:
        if draft.kind == "direct" and draft.cue is None and draft.speaker is None and last is not None:
            if draft.paragraph - last.paragraph <= 1 and last.speaker is not None:
                draft.speaker = last.speaker
                draft.cue = last.cue
                draft.cue_index = last.cue_index
                draft.addressee = last.addressee
                draft.reply = last.reply
        if draft.speaker is not None:
            last = draft


def _outer_speakers(drafts: list[_Draft], reader: _Reader) -> None:
    """A statement reported inside another one is the outer speaker's ("a source said Clinton
    told police that she ...": the source's): nested clauses take the outermost speaker."""
    doc = reader.doc
    spans = [
        (d.start, d.end, d)
        for d in drafts
        if d.kind != "direct" and d.speaker is not None and d.cue_index >= 0
    ]
    if len(spans) < 2:
        return
    by_cue = {d.cue_index: d for _, _, d in spans if d.cue is not None}
    for draft in drafts:
        if draft.kind == "direct" or draft.cue_index < 0 or draft.cue_index >= len(doc):
            continue
        at = doc[draft.cue_index].idx
        outer: _Draft | None = None
        up = doc[draft.cue_index]
        for _ in range(8):  # a cue whose clause holds this one in the parse
            if up.head.i == up.i or not _same_line(up.head, doc[draft.cue_index]):
                break
            step, up = up.dep_, up.head
            other_at = by_cue.get(up.i)
            if other_at is not None and other_at is not draft and step in ("ccomp", "xcomp"):
                outer = other_at
        for start, end, other in spans:
            if other is draft or not start <= at < end or other.start > draft.start:
                continue
            if draft.end > end + 1:
                continue
            if outer is None or (start <= outer.start and outer.end <= end):
                outer = other
        if outer is not None and outer.speaker is not None:
            draft.speaker = outer.speaker
            draft.speaker_actor = None


def _drop_unattributed(drafts: list[_Draft], text: str) -> None:
    """Short quoted phrases with no cue are scare quotes or titles, not quotes."""
    keep = [
        d
        for d in drafts
        if d.cue is not None or d.speaker is not None or len(_WORD_RE.findall(text[d.start : d.end])) >= 4
    ]
    drafts[:] = keep


class _ActorLinker:
    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = sorted((m for m in mentions if m.actor), key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.mentions]

    def actor_for(self, start: int, end: int) -> str | None:
        """The actor of the mention that best overlaps [start, end): the one ending last."""
        i = bisect.bisect_left(self.starts, end)
        best: Mention | None = None
        for m in reversed(self.mentions[max(0, i - 12) : i]):
            if m.end > start and m.start < end and (best is None or m.end > best.end):
                best = m
        return best.actor if best is not None else None

    def mention_of(self, actor: str, start: int, end: int) -> Mention | None:
        for m in self.mentions:
            if m.actor == actor and start <= m.start and m.end <= end:
                return m
        return None


def _resolve_pronouns(drafts: list[_Draft], text: str) -> None:
    """A pronoun speaker the actors stage left unlinked takes the previous speaker's actor."""
    last_actor: str | None = None
    for draft in drafts:
        if draft.speaker is not None and draft.speaker_actor is None:
            surface = text[draft.speaker[0] : draft.speaker[1]].lower()
            if surface in ("he", "she") and last_actor is not None:
                draft.speaker_actor = last_actor
        if draft.speaker_actor is not None:
            last_actor = draft.speaker_actor


def _find_addressees(drafts: list[_Draft], text: str, linker: _ActorLinker) -> None:
    """Replies answer the previous speaker; a quote that says "you" speaks to its neighbour."""
    for i, draft in enumerate(drafts):
        if draft.addressee is not None:
            if draft.addressee_actor is None:
                draft.addressee_actor = linker.actor_for(*draft.addressee)
            continue
        if draft.kind != "direct" or draft.speaker is None:
            continue
        if draft.reply:
            prev = _neighbour(drafts, i, -1)
            if prev is not None and prev.speaker is not None:
                draft.addressee, draft.addressee_actor = prev.speaker, prev.speaker_actor
            continue
    # a statement spoken to "you": the other party of the neighbouring quote
    for i, draft in enumerate(drafts):
        if draft.addressee is not None or draft.kind != "direct" or draft.speaker is None:
            continue
        if not _SECOND_PERSON.search(text[draft.start : draft.end]):
            continue
        for step in (-1, 1):
            other = _neighbour(drafts, i, step)
            near = other is not None and abs(other.paragraph - draft.paragraph) <= 3
            if other is not None and other.speaker is not None and near:
                draft.addressee, draft.addressee_actor = other.speaker, other.speaker_actor
                break
    # the rest of one statement (same cue) shares its addressee
    for draft in drafts:
        if draft.addressee is not None or draft.cue_index < 0:
            continue
        for other in drafts:
            if other is not draft and other.cue_index == draft.cue_index and other.addressee is not None:
                draft.addressee, draft.addressee_actor = other.addressee, other.addressee_actor
                break


def _neighbour(drafts: list[_Draft], i: int, step: int) -> _Draft | None:
    """The nearest direct quote before/after ``drafts[i]`` by a different speaker."""
    me = drafts[i]
    j = i + step
    while 0 <= j < len(drafts):
        other = drafts[j]
        if other.kind == "direct" and other.speaker is not None:
            if _different(me, other):
                return other
            if step < 0:
                return None  # the same speaker spoke last: no second party in view
        j += step
    return None


def _different(a: _Draft, b: _Draft) -> bool:
    if a.speaker_actor is not None and b.speaker_actor is not None:
        return a.speaker_actor != b.speaker_actor
    return a.speaker != b.speaker and a.cue_index != b.cue_index


def _link_display(
    drafts: list[_Draft],
    paragraphs: Sequence[tuple[int, int, str]],
    reader: _Reader,
    text: str,
    linker: _ActorLinker,
) -> None:
    """Headline and standfirst quotes take the speaker of the body quote with the same words."""
    display = [(s, e) for s, e, role in paragraphs if role in ("headline", "standfirst")]
    if not display:
        return
    body = [d for d in drafts if not any(s <= d.start < e for s, e in display) and d.segments]
    for draft in drafts:
        where = next(((s, e) for s, e in display if s <= draft.start < e), None)
        if where is None or draft.speaker_actor is not None or not draft.segments:
            continue
        words = [" ".join(_WORD_RE.findall(text[s:e].lower())) for s, e in draft.segments]
        match: _Draft | None = None
        for other in body:
            other_words = " ".join(_WORD_RE.findall(text[other.start : other.end].lower()))
            if other.speaker is not None and all(w and w in other_words for w in words):
                match = other
                break
        if match is None or match.speaker is None:
            continue
        draft.speaker_actor = match.speaker_actor
        if draft.cue is None:
            draft.cue = match.cue
        if draft.speaker is not None:
            continue
        mention = linker.mention_of(match.speaker_actor, *where) if match.speaker_actor else None
        if mention is not None:
            draft.speaker = (mention.start, mention.end)
            continue
        name = text[match.speaker[0] : match.speaker[1]]
        for candidate in (name, name.split()[-1] if name.split() else name):
            found = text.find(candidate, where[0], where[1]) if candidate else -1
            if found >= 0 and not any(s <= found < e for s, e in draft.segments):
                draft.speaker = (found, found + len(candidate))
                break
        else:
            draft.speaker = match.speaker


def _to_quote(n: int, draft: _Draft, text: str) -> Quote:
    segments = tuple(Span(s, e, text[s:e]) for s, e in sorted(set(draft.segments)))
    start, end = draft.start, draft.end
    if segments:
        start, end = min(start, segments[0].start), max(end, segments[-1].end)
        if draft.kind == "mixed":
            if end == segments[-1].end and end < len(text) and text[end] in _MARKS:
                end += 1  # the closing mark belongs to the quoted words
            if start == segments[0].start and start > 0 and text[start - 1] in _MARKS:
                start -= 1
    speaker = None
    if draft.speaker is not None:
        s, e = draft.speaker
        speaker = SpanRef(s, e, text[s:e], draft.speaker_actor)
    addressee = None
    if draft.addressee is not None:
        s, e = draft.addressee
        addressee = SpanRef(s, e, text[s:e], draft.addressee_actor)
    return Quote(
        id=f"q{n}",
        text=text[start:end],
        start=start,
        end=end,
        kind=draft.kind,
        segments=segments,
        speaker=speaker,
        cue=draft.cue,
        addressee=addressee,
    )
