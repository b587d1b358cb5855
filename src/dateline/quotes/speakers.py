"""Speakers and addressees: a cue's subject (through conjunctions, clauses and relative
pronouns), names by a quote, nested statements, replies, pronouns and headline quotes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Token

from ..nlp import doc_text
from ..records import Mention
from .cues import Cue, cue_lemma, load_cues
from .marks import MARKS
from .reader import NOMINAL, WORD_RE, Draft, Reader, noun_span, same_line, trim

_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)


def subject_of(token: Token) -> Token | None:
    """The speaker head of a cue: its subject, inherited through conjunctions and clauses,
    never from another paragraph."""
    subject = _parse_subject(token)
    return subject if subject is not None and same_line(subject, token) else None


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
                if up.dep_ == "ccomp" and cue_lemma(up.head) in load_cues():
                    current = up.head
        else:
            return None
    return None


_NO_SPEAKER = frozenset({"there", "this", "what"})


def speaker_head_of(subject: Token) -> Token | None:
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


def subject_or_near(token: Token) -> Token | None:
    """The cue's subject, or, when the parse lost it ("..., Marcel Lazar, 44, said that"),
    the name just before the cue."""
    subject = subject_of(token)
    if subject is not None or token.dep_ not in ("ROOT", "parataxis", "ccomp"):
        return subject
    sent_start = token.sent.start
    for i in range(token.i - 1, max(sent_start, token.i - 8) - 1, -1):
        t = token.doc[i]
        if not same_line(t, token):
            return None
        if t.pos_ in ("PROPN", "PRON") and t.dep_ not in ("pobj", "poss"):
            while t.dep_ in ("compound", "flat") and t.head.i > t.i:
                t = t.head
            return t
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "mark":
            return None
    return None


def addressee_of(token: Token, cue: Cue) -> Token | None:
    if not cue.addressee:
        return None
    for child in token.children:
        if child.dep_ in ("dative", "dobj") and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child
    return None


_BYLINE_RE = re.compile(
    r"[ \t\u00a0]*(?:[―—–]|--?)[ \t\u00a0]*([A-Z][^\n,;()]{1,60}?)[ \t\u00a0.]*(?=[,;(\n]|$)"
)


def dash_byline(reader: Reader, q_end: int, p_end: int) -> tuple[int, int] | None:
    """A name after a dash that ends the line behind a quote ("...” ― Sonya Herridge")."""
    text = reader.text
    j = q_end
    while j < p_end and (text[j] in MARKS or text[j] in ".,!?"):
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


def window_speaker(window: Sequence[Token]) -> tuple[int, int] | None:
    """The first noun phrase of a short stretch of tokens, kept inside the stretch."""
    if not window:
        return None
    lo, hi = window[0].idx, window[-1].idx + len(window[-1])
    ids = {t.i for t in window}
    first = next((t for t in window if t.pos_ in NOMINAL), None)
    if first is None:
        return None
    head = first
    while (
        head.head.i in ids
        and head.head.pos_ in NOMINAL
        and head.dep_ in ("compound", "flat", "amod", "det", "poss", "nmod", "nummod", "case")
    ):
        head = head.head
    start, end = noun_span(head)
    start, end = max(start, lo), min(end, hi)
    return trim(doc_text(window[0].doc), start, end) if end > start else None


def inherit_speakers(drafts: list[Draft], text: str) -> None:
    """A direct quote with no cue of its own continues the previous quote's speaker."""
    last: Draft | None = None
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


def outer_speakers(drafts: list[Draft], reader: Reader) -> None:
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
        outer: Draft | None = None
        up = doc[draft.cue_index]
        for _ in range(8):  # a cue whose clause holds this one in the parse
            if up.head.i == up.i or not same_line(up.head, doc[draft.cue_index]):
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


class ActorLinker:
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


def resolve_pronouns(drafts: list[Draft], text: str) -> None:
    """A pronoun speaker the actors stage left unlinked takes the previous speaker's actor."""
    last_actor: str | None = None
    for draft in drafts:
        if draft.speaker is not None and draft.speaker_actor is None:
            surface = text[draft.speaker[0] : draft.speaker[1]].lower()
            if surface in ("he", "she") and last_actor is not None:
                draft.speaker_actor = last_actor
        if draft.speaker_actor is not None:
            last_actor = draft.speaker_actor


def find_addressees(drafts: list[Draft], text: str, linker: ActorLinker) -> None:
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


def _neighbour(drafts: list[Draft], i: int, step: int) -> Draft | None:
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


def _different(a: Draft, b: Draft) -> bool:
    if a.speaker_actor is not None and b.speaker_actor is not None:
        return a.speaker_actor != b.speaker_actor
    return a.speaker != b.speaker and a.cue_index != b.cue_index


def link_display(
    drafts: list[Draft],
    paragraphs: Sequence[tuple[int, int, str]],
    reader: Reader,
    text: str,
    linker: ActorLinker,
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
        words = [" ".join(WORD_RE.findall(text[s:e].lower())) for s, e in draft.segments]
        match: Draft | None = None
        for other in body:
            other_words = " ".join(WORD_RE.findall(text[other.start : other.end].lower()))
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
