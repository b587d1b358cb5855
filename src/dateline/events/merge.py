"""One event per happening: reports of the same happening are merged, the clearest sentence is
the evidence; the drafts become ``Event`` records; ``event_triples`` for benchmarks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import partial

from ..eventroles import (
    RECIPROCAL_ROOTS,
    Party,
)
from ..lexicon import Code, Lexicon
from ..records import Document, Event, Span
from .draft import CONSULT_PRIORITY, Draft
from .setting import finer


def _codes(parties: Sequence[Party]) -> set[str]:
    return {p.code for p in parties if p.code}


def _dates_fit(a: Draft, b: Draft, anchor: date | None) -> bool:
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    if a.date_source == "published" or b.date_source == "published":
        other = b if a.date_source == "published" else a
        return other.date_source == "published" or (other.date == anchor and other.precision == "day")
    if a.precision == b.precision:
        return a.date == b.date
    coarse, fine = (
        (a, b)
        if (a.precision, b.precision) in (("month", "day"), ("year", "day"), ("year", "month"))
        else (b, a)
    )
    assert coarse.date is not None and fine.date is not None  # narrowed above
    if coarse.precision == "year":
        return coarse.date.year == fine.date.year
    return (coarse.date.year, coarse.date.month) == (fine.date.year, fine.date.month)


def _same_happening(a: Draft, b: Draft, anchor: date | None) -> bool:
    kind_a = a.kind
    kind_b = b.kind
    if kind_a != kind_b or a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    if kind_a != "CONSULT" and (a.sentence == b.sentence or a.trigger.lemma_ != b.trigger.lemma_):
        return False
    if not _dates_fit(a, b, anchor):
        return False
    keys_a = {p.key for p in a.actors + a.recipients}
    keys_b = {p.key for p in b.actors + b.recipients}
    if len(keys_a & keys_b) >= 2:
        return True
    codes_a = _codes(a.actors + a.recipients)
    codes_b = _codes(b.actors + b.recipients)
    if not codes_a or not codes_b:
        return False
    if codes_a == codes_b:
        return bool(keys_a & keys_b) or len(codes_a) > 1
    if (codes_a < codes_b or codes_b < codes_a) and kind_a == "CONSULT":
        return bool(keys_a & keys_b)
    return False


def _conflict(a: Draft, b: Draft, anchor: date | None) -> bool:
    """Two reports that cannot be the same happening: other day, other counterpart state."""
    if not _dates_fit(a, b, anchor) or a.negated != b.negated or a.hypothetical != b.hypothetical:
        return True
    codes_a = _codes(a.actors + a.recipients)
    codes_b = _codes(b.actors + b.recipients)
    return len(codes_a) > 1 and len(codes_b) > 1 and codes_a != codes_b


def _clarity(d: Draft, headline_end: int) -> float:
    score = 0.0
    score += 2 if d.actors and d.recipients else 0
    score += 1 if d.verbal else 0
    score += 1 if d.date_source == "text" else 0
    score += 1 if d.loc_explicit else 0
    score -= 1 if d.in_quote else 0
    score -= 1.5 if d.sentence[0] < headline_end else 0
    return score - d.sentence[0] * 1e-7


def merge(drafts: list[Draft], anchor: date | None) -> list[list[Draft]]:
    groups: list[list[Draft]] = []
    for d in sorted(drafts, key=lambda d: d.trigger.idx):
        home = None
        best = 0
        for g in groups:
            if any(_conflict(d, other, anchor) for other in g):
                continue
            hits = sum(_same_happening(d, other, anchor) for other in g)
            if hits > best:
                home, best = g, hits
        if home is None:
            groups.append([d])
        else:
            home.append(d)
    return groups


def _distance(g: list[Draft], at: int) -> tuple[int, int]:
    """How far a group is from token ``at``: groups before it first, then after it."""
    before = [at - o.trigger.i for o in g if o.trigger.i < at]
    after = [o.trigger.i - at for o in g if o.trigger.i > at]
    return (0, min(before)) if before else (1, min(after, default=1 << 30))


def attach_echoes(groups: list[list[Draft]], partyless: Sequence[Draft], anchor: date | None) -> None:
    """ "Saturday's attack", "the bombings": a later (or earlier) mention of a reported happening
    that names no party of its own is one more sentence supporting that happening, not an event
    of its own. It joins the nearest group of its kind before it, else the nearest after it."""
    for d in partyless:
        if d.negated or d.hypothetical or d.absorbed:
            continue
        fits = [
            g for g in groups
            if g[0].kind == d.kind and not g[0].negated and not g[0].hypothetical
            and (d.date_source == "published" or all(_dates_fit(d, o, anchor) for o in g if not o.echo))
        ]  # fmt: skip  # an undated mention ("the attack") fits any date
        if not fits:
            continue
        d.echo = True
        min(fits, key=partial(_distance, at=d.trigger.i)).append(d)


def finish(groups: list[list[Draft]], lex: Lexicon, document: Document) -> tuple[Event, ...]:
    headline_end = 0
    for para in document.paragraphs:
        if para.role in ("headline", "standfirst"):
            headline_end = max(headline_end, para.end)
    text: str = document.text
    paragraphs = [(para.start, para.end) for para in document.paragraphs]
    made: list[tuple[int, Event]] = []
    for whole in groups:
        g = [d for d in whole if not d.echo]
        best = max(g, key=lambda d: _clarity(d, headline_end))
        code = best.code
        if best.root == "04":
            code = min((d.code for d in g if d.root == "04"), key=lambda c: CONSULT_PRIORITY.get(c, 9))
        actors = list(best.actors)
        recipients = list(best.recipients)
        seen = {p.key for p in actors + recipients}
        for d in g:
            for p in d.actors:
                if p.key not in seen:
                    seen.add(p.key)
                    actors.append(p)
            for p in d.recipients:
                if p.key not in seen:
                    seen.add(p.key)
                    recipients.append(p)
        directed = [d for d in g if d.recipients and d.code == code] or [d for d in g if d.recipients]
        if directed and len(g) > 1:
            lead = directed[0]
            host_codes = _codes(lead.recipients) - _codes(lead.actors)
            moved = [p for p in actors if p.code in host_codes]
            if moved and len(moved) < len(actors):
                actors = [p for p in actors if p not in moved]
                recipients = moved + [p for p in recipients if p not in moved]
        if (
            recipients
            and _codes(recipients) <= _codes(actors)
            and best.root in RECIPROCAL_ROOTS
            and all(p.kind == "place" for p in recipients)
        ):
            recipients = []
        recipients = [
            p
            for p in recipients
            if not (p.kind == "place" and p.code in _codes(actors) and len(recipients) > 1)
        ]
        dated = sorted(
            (d for d in g if d.date is not None),
            key=lambda d: (
                {"text": 0, "report": 1}.get(d.date_source or "", 2),
                {"day": 0, "month": 1}.get(d.precision or "", 2),
            ),
        )
        when = dated[0] if dated else best
        location = best.location
        for d in g:
            if d.location is not None and (
                location is None
                or finer(location, d.location)
                or (
                    d.loc_explicit
                    and not best.loc_explicit
                    and location is best.location
                    and not best.loc_explicit
                )
            ):
                location = d.location
        info: Code | None = lex.codes.get(code)
        event = best.event if best.event and code == best.base else (info.event if info else None)
        mode = best.mode if best.mode and code == best.base else (info.mode if info else None)
        evidence = _clip(best, paragraphs, text)
        start = evidence.start
        support: list[Span] = []
        for d in sorted(whole, key=lambda d: d.trigger.i):
            span = _clip(d, paragraphs, text)
            if span != evidence and span not in support:
                support.append(span)
        made.append(
            (
                start,
                Event(
                    id="",
                    event=event,
                    cameo=code,
                    mode=mode,
                    quad=info.quad if info else None,
                    goldstein=info.goldstein if info else None,
                    actor=tuple(p.out() for p in actors),
                    recipient=tuple(p.out() for p in recipients),
                    date=when.date,
                    date_precision=when.precision,
                    date_source=when.date_source,
                    location=location,
                    negated=best.negated,
                    hypothetical=best.hypothetical,
                    evidence=evidence,
                    support=tuple(support),
                ),
            )
        )
    made.sort(key=lambda x: x[0])
    return tuple(replace(e, id=f"e{n}") for n, (_s, e) in enumerate(made, start=1))


def _clip(d: Draft, paragraphs: Sequence[tuple[int, int]], text: str) -> Span:
    """The trigger's sentence, cut to its paragraph and stripped of surrounding space."""
    start, end = d.sentence
    at = d.trigger.idx
    for p_start, p_end in paragraphs:
        if p_start <= at < p_end:
            start, end = max(start, p_start), min(end, p_end)
            break
    blank = text.rfind("\n\n", start, at)
    if blank >= 0:
        start = blank + 2
    cut = text.find("\n\n", at, end)
    if cut >= 0:
        end = cut
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


_JOINT_ROOTS = frozenset({"03", "04", "06"})


def event_triples(event: Event) -> list[tuple[str, str, str]]:
    """(source country, target country, CAMEO code) triples of an event, PETRARCH style.

    Joint events with actors only (agreeing, meeting, cooperating: "India and Japan agreed to
    deepen ties") give every ordered pair of actors; other events with several actors and no
    recipient ("Britain and France opposed the resolution") give each actor with ``---``.
    As in PETRARCH, a pair with neither side coded is no triple (an event with no coded party
    gives none).
    """
    src = [(a.code or "---")[:3] for a in event.actor] or ["---"]
    tgt = [(a.code or "---")[:3] for a in event.recipient]
    out: list[tuple[str, str, str]] = []
    if tgt:
        for s in src:
            for t in tgt:
                out.append((s, t, event.cameo))
    elif len(src) > 1 and event.cameo[:2] in _JOINT_ROOTS:
        for s in src:
            for t in src:
                if s != t:
                    out.append((s, t, event.cameo))
    else:
        out.extend((s, "---", event.cameo) for s in src)
    return list(dict.fromkeys(t for t in out if t[0] != "---" or t[1] != "---"))
