"""When and where: the event's own temporal expression and place, the reporting clause's, the
actor's last known whereabouts, resolved against the publication time and geocoded."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..eventroles import (
    PLACE_ENTS,
    Context,
    np_text,
    objects,
    preps,
    subject,
)
from ..geo import geocode
from ..records import Document, Location
from ..timexp import resolve_timex
from .defaults import (
    default_attacker,
    default_recipient,
    domestic_actor,
    domestic_target,
    frames,
    person_at,
    protest_aim,
    purpose_target,
)
from .draft import Draft, ctx_parties

_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts"}
)
_PLACE_NOUNS = frozenset(
    {"town", "city", "village", "district", "province", "region", "capital", "port", "suburb", "area"}
)
_TIME_ENTS = frozenset({"DATE", "TIME"})
_TIME_WORDS = frozenset({"today", "yesterday", "tomorrow", "overnight", "tonight"})


def _walk_to_trigger(
    tok: Token, triggers: dict[int, Any], limit: int = 8, *, stop: frozenset[int] = frozenset()
) -> tuple[int | None, int]:
    t = tok
    for dist in range(limit):
        if t.i in triggers and t is not tok:
            return t.i, dist
        if t.i in stop:
            return None, dist
        if t is not tok and t.pos_ in ("VERB", "AUX"):
            for c in t.children:
                if c.dep_ in ("dobj", "obj") and c.i in triggers:
                    return c.i, dist + 1
        if t.head is t:
            return None, dist
        t = t.head
    return None, limit


def _timexes(sent: SpacySpan, ents: Sequence[SpacySpan]) -> list[tuple[Token, str]]:
    out: list[tuple[Token, str]] = []
    covered: set[int] = set()
    for ent in ents:
        if ent.label_ in _TIME_ENTS:
            out.append((ent.root, ent.text))
            covered.update(range(ent.start, ent.end))
    for t in sent:
        if t.lower_ in _TIME_WORDS and t.i not in covered:
            out.append((t, t.text))
    return out


def _misread_town(ent: SpacySpan) -> bool:
    """A town the small model labels a people or an organisation ("near Samarra", "the Nice
    attack"): a proper name right after a place preposition or before an event noun that the
    gazetteer places on the map."""
    root = ent.root
    if ent.label_ not in ("NORP", "ORG", "PERSON") or root.pos_ != "PROPN" or len(ent) > 3:
        return False
    where = (
        (root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS)
        or (root.dep_ == "compound" and ent.label_ != "PERSON")  # "the Bush administration"
        or (
            root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in _PLACE_NOUNS
        )
    )
    if not where:
        return False
    name = ent.text.removeprefix("the ")
    if name.isupper() and len(name) <= 4:
        return False  # "after the UN sanctions": an acronym, not the town of Un
    loc = geocode(name)
    return loc is not None and loc.lat is not None


def _places(sent: SpacySpan, ents: Sequence[SpacySpan]) -> list[tuple[Token, str]]:
    out: list[tuple[Token, str]] = []
    for ent in ents:
        if ent.label_ in PLACE_ENTS or _misread_town(ent):
            root = ent.root
            head = root.head
            if root.dep_ == "poss" and head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS:
                root, head = head, head.head  # "at a mall in Kenya's capital"
            elif root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _DIRECTIONS:
                root, head = head.head, head.head  # "a target southwest of Baghdad"
            elif (
                root.dep_ == "pobj"
                and head.lower_ == "of"
                and head.head.lemma_.lower() in _PLACE_NOUNS
                and head.head.dep_ == "pobj"
                and head.head.head.lower_ in _PLACE_PREPS
            ):
                root, head = head.head, head.head.head  # "near the town of Samarra"
            elif root.dep_ == "compound" and head.pos_ == "NOUN":
                loc = geocode(ent.text.removeprefix("the "))
                if loc is not None and loc.lat is not None:  # a town, not "US air strikes"
                    out.append((root, ent.text.removeprefix("the ")))  # "the Nice attack"
                continue
            # a direction word, not a place named like one ("between the North and the US")
            direction = head.lower_ in _DIRECTIONS and not head.ent_type_ and root.dep_ != "conj"
            if (root.dep_ == "pobj" and head.lower_ in _PLACE_PREPS) or direction:
                out.append((head, ent.text.removeprefix("the ")))
    # "talks there": the last place named before it in the sentence
    places = [e for e in ents if e.label_ in PLACE_ENTS]
    for t in sent:
        if t.lower_ == "there" and t.dep_ == "advmod":
            before = [e for e in places if e.end <= t.i]
            if before:
                out.append((t, before[-1].text))
    return out


def finer(a: Location | None, b: Location | None) -> bool:
    """Whether ``b`` is a finer place than ``a`` inside the same country."""
    if b is None:
        return False
    if a is None:
        return True
    return a.lat is None and b.lat is not None and a.country == b.country


def date_and_place(doc: Doc, drafts: dict[int, Draft], ctx: Context, document: Document) -> None:
    anchor = ctx.anchor
    lex = ctx.lex
    move = lex.word_set("move")
    carry: dict[str, tuple[Location, date | None, int]] = {}
    dateline_loc = geocode(document.dateline) if document.dateline else None
    all_ents = list(doc.ents)
    for s_index, sent in enumerate(doc.sents):
        ents = [e for e in all_ents if sent.start <= e.start < sent.end]
        in_sent = {i: d for i, d in drafts.items() if sent.start <= i < sent.end}
        # time: each expression goes to the nearest event word above it
        own: dict[int, list[str]] = {}
        report: list[str] = []
        for tok, text in _timexes(sent, ents):
            target, _dist = _walk_to_trigger(tok, in_sent)
            if target is None:
                report.append(text)
            else:
                own.setdefault(target, []).append(text)
        for i, d in in_sent.items():
            for source, texts in (("text", own.get(i, [])), ("report", report)):
                best = None
                for text in texts:
                    resolved = _resolve(text, anchor, ahead=_ahead(d))
                    if resolved is not None and (
                        best is None or (best.precision != "day" and resolved.precision == "day")
                    ):
                        best = resolved
                if best is not None:
                    d.date, d.precision, d.date_source = best.date, best.precision, source
                    break
            if d.date is None and anchor is not None:
                d.date, d.precision, d.date_source = anchor, "day", "published"
        # place: "in X" attached to the event, or the destination of a visit; not the post of a
        # person named as the subject ("the US commander in Iraq held talks in Beirut")
        posts = frozenset(
            t.i for t in sent
            if t.dep_ in ("nsubj", "nsubjpass") and person_at(ctx, t)
        )  # fmt: skip
        best_place: dict[int, tuple[int, str]] = {}
        for tok, text in _places(sent, ents):
            target, dist = _walk_to_trigger(tok, in_sent, stop=posts)
            if target is not None and (target not in best_place or dist < best_place[target][0]):
                best_place[target] = (dist, text)
        for i, d in in_sent.items():
            loc = None
            if i in best_place:
                loc = geocode(best_place[i][1])
            if loc is None and d.code in ("042",):
                for _l, p in preps(d.trigger, ("to", "in", "at")) + [
                    (o.lower_, o) for o in objects(d.trigger)
                ]:
                    if p.ent_type_ in PLACE_ENTS:
                        loc = geocode(np_text(p)[0].removeprefix("the "))
                        if loc is not None:
                            break
            if loc is not None:
                d.location, d.loc_explicit = loc, True
        # "held talks with X during a visit to Beirut on Wednesday": the frame's date and place;
        # a visit that frames the talks of its visitor is the same happening, told once
        for d in in_sent.values():
            for frame in frames(d, in_sent):
                if d.date_source != "text" and frame.date_source == "text":
                    d.date, d.precision, d.date_source = frame.date, frame.precision, "text"
                if not d.loc_explicit and frame.loc_explicit:
                    d.location, d.loc_explicit = frame.location, True
                if frame.kind == d.kind and {p.key for p in frame.actors} & {p.key for p in d.actors}:
                    frame.absorbed = True
        # where the actors are now: placed events, then movement verbs, which win ("Arriving in
        # Seoul after ... his fourth trip to North Korea": in Seoul)
        for d in in_sent.values():
            if d.location is not None and d.loc_explicit:
                for party in d.actors:
                    _set_carry(
                        carry,
                        party.key,
                        d.location,
                        d.date if d.date_source != "published" else anchor,
                        s_index,
                    )
        for tok in sent:
            if tok.lemma_.lower() in move and tok.pos_ == "VERB":
                for _l, p in preps(tok, ("in", "to", "at")):
                    if p.ent_type_ in PLACE_ENTS:
                        loc = geocode(np_text(p)[0].removeprefix("the "))
                        subj, _passive = subject(tok)
                        if loc is not None:
                            for party in ctx_parties(ctx, subj):
                                _set_carry(carry, party.key, loc, anchor, s_index)
        for d in in_sent.values():
            if d.location is not None:
                continue
            for party in d.actors:
                held = carry.get(party.key)
                if held is not None and s_index - held[2] <= 8 and (held[1] is None or held[1] == d.date):
                    d.location = held[0]
                    break
            if d.location is None and dateline_loc is not None and d.date == anchor:
                d.location = dateline_loc
        for d in in_sent.values():
            protest_aim(d, in_sent, ctx)
            purpose_target(d, ctx)
            default_recipient(d)
            default_attacker(d)
            domestic_target(d)
            domestic_actor(d)


def _set_carry(
    carry: dict[str, tuple[Location, date | None, int]],
    key: str,
    loc: Location,
    when: date | None,
    s_index: int,
) -> None:
    held = carry.get(key)
    if held is not None and held[1] == when and loc.lat is None and held[0].country == loc.country:
        carry[key] = (held[0], when, s_index)  # "South Korea" after "Seoul": keep the city
        return
    carry[key] = (loc, when, s_index)


def _ahead(d: Draft) -> bool:
    """Whether an event lies ahead of the report ("will meet on Friday", "plans to visit in
    November"), so its weekdays and months are the coming ones."""
    tok = d.trigger
    if not d.verbal:
        return d.hypothetical and not d.negated  # "the upcoming summit in June"
    return d.future or (tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))


def _resolve(text: str, anchor: date | None, *, ahead: bool = False) -> Any:
    if anchor is None:
        if not re.search(r"\b(1[89]|20)\d\d\b", text):
            return None
        return resolve_timex(text, anchor=date(int(re.findall(r"\b((?:1[89]|20)\d\d)\b", text)[0]), 12, 31))
    return resolve_timex(text, anchor=anchor, ahead=ahead)
