"""``extract_quotes``: the stage that puts marks, cues, kinds and speakers together."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.tokens import Doc

from ..config import Config
from ..nlp import doc_text
from ..records import Actor, Document, Mention, Quote, Span, SpanRef
from .clauses import find_clauses, labelled_lines, title_case_lines
from .cues import load_cues
from .marks import MARKS, Group, find_segments
from .reader import (
    Draft,
    Reader,
    clip,
    copy_attribution,
    mostly_inside,
    mostly_quoted,
    paragraph_spans,
)
from .segments import (
    attribute_direct,
    drop_unattributed,
    embedding_clause,
    holding_clause,
    is_standalone,
)
from .speakers import (
    ActorLinker,
    find_addressees,
    inherit_speakers,
    link_display,
    outer_speakers,
    resolve_pronouns,
)

log = logging.getLogger(__name__)


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
    text = doc_text(doc)
    paragraphs = paragraph_spans(document)
    reader = Reader(doc, paragraphs)
    groups = [Group(g) for g in find_segments(text, [(p[0], p[1]) for p in paragraphs])]
    reader.mark_segments(groups)
    cues = load_cues()

    clauses = find_clauses(reader, cues)
    clauses.extend(labelled_lines(reader))
    clauses.extend(title_case_lines(reader, cues, clauses))
    drafts: list[Draft] = []
    used_clauses: set[int] = set()

    standalone = [is_standalone(reader, g) for g in groups]
    # mixed: embedded segments join the smallest clause that holds them
    for gi, group in enumerate(groups):
        if standalone[gi]:
            continue
        best = holding_clause(clauses, group, cues, text)
        if best >= 0:
            clauses[best].kind = "mixed"
            clauses[best].segments.extend(group.spans)
            clauses[best].end = max(clauses[best].end, group.end)
        else:
            draft = embedding_clause(reader, group)
            if draft is not None:
                clauses.append(draft)
    # direct: standalone segments, attributed to the cue beside them or the previous speaker
    for gi, group in enumerate(groups):
        if not standalone[gi]:
            continue
        draft = Draft(group.start, group.end, "direct", list(group.spans))
        draft.paragraph = reader.para_of(group.start)
        for ci, clause in enumerate(clauses):
            if ci in used_clauses or clause.kind == "mixed":
                continue
            if (
                clause.start <= group.end
                and group.start <= clause.end
                and mostly_inside(text, clause.start, clause.end, group.spans)
            ):
                used_clauses.add(ci)
                copy_attribution(draft, clause)
                if draft.speaker is None:
                    attribute_direct(reader, draft, group, cues)
                break
        else:
            attribute_direct(reader, draft, group, cues)
        drafts.append(draft)
    for ci, clause in enumerate(clauses):
        if ci in used_clauses:
            continue
        if clause.kind == "indirect" and mostly_quoted(text, clause, groups):
            continue
        drafts.append(clause)

    for draft in drafts:
        draft.speaker = clip(reader, draft.speaker)
        draft.addressee = clip(reader, draft.addressee)
    drafts.sort(key=lambda d: (d.start, d.end))
    outer_speakers(drafts, reader)
    inherit_speakers(drafts, text)
    drop_unattributed(drafts, text)
    linker = ActorLinker(mentions)
    for draft in drafts:
        if draft.speaker is not None:
            draft.speaker_actor = linker.actor_for(*draft.speaker)
    resolve_pronouns(drafts, text)
    find_addressees(drafts, text, linker)
    link_display(drafts, paragraphs, reader, text, linker)
    return tuple(_to_quote(i + 1, d, text) for i, d in enumerate(drafts))


def _to_quote(n: int, draft: Draft, text: str) -> Quote:
    segments = tuple(Span(s, e, text[s:e]) for s, e in sorted(set(draft.segments)))
    start, end = draft.start, draft.end
    if segments:
        start, end = min(start, segments[0].start), max(end, segments[-1].end)
        if draft.kind == "mixed":
            if end == segments[-1].end and end < len(text) and text[end] in MARKS:
                end += 1  # the closing mark belongs to the quoted words
            if start == segments[0].start and start > 0 and text[start - 1] in MARKS:
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
