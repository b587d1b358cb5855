"""``extract_events``: the events stage from the parse to the finished records, in order: detect,
absorb, reported violence, date and place, one event per happening."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime

from spacy.tokens import Doc

from ..actors import resolve
from ..config import Config
from ..eventroles import (
    Context,
    Party,
    Reader,
)
from ..lexicon import Lexicon, load_lexicon
from ..records import Actor, Document, Event, Mention, Quote
from .absorb import absorb
from .convention import agreed_acts_as_acts, future_acts_as_acts, reports_of_violence_once
from .defaults import peacekeeping, protester, troops, war_machines, weapons_test
from .detect import claimed_attacks, read_drafts, reported_violence
from .merge import attach_echoes, finish, merge
from .setting import date_and_place


def _actor_resolver(cfg: Config, when: date | None) -> Callable[[str], Actor | None]:
    """``actors.resolve`` bound to the config and date, memoised across documents."""

    def bound(text: str) -> Actor | None:
        key = (text, when, id(cfg))
        if key not in _RESOLVED:
            if len(_RESOLVED) > 20_000:
                _RESOLVED.clear()
            _RESOLVED[key] = resolve(text, when=when, cfg=cfg)
        return _RESOLVED[key]

    return bound


_RESOLVED: dict[tuple[str, date | None, int], Actor | None] = {}


def extract_events(
    doc: Doc,
    *,
    document: Document,
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    quotes: Sequence[Quote],
    cfg: Config,
    lexicon: Lexicon | None = None,
) -> tuple[Event, ...]:
    """The events of one document, coded, dated and placed, one per happening (ids e1, e2…).

    ``doc`` is the parsed ``document.text``; ``mentions``/``actors`` come from the actors
    stage and ``quotes`` from the quotes stage (speakers of "I"/"we" inside quotes).
    ``lexicon`` defaults to the packaged patterns plus the files of setting ``event_patterns``.
    """
    lex = lexicon if lexicon is not None else load_lexicon(cfg.event_patterns)
    published: datetime | None = document.published
    anchor = published.date() if published is not None else None
    ctx = Context(
        doc, mentions=mentions, actors=actors, quotes=quotes, lex=lex, published=published,
        resolver=_actor_resolver(cfg, anchor),
    )  # fmt: skip
    reader = Reader(ctx)
    drafts = read_drafts(doc, reader)
    drafts = absorb(drafts, lex)
    reported_violence(drafts, reader)
    if cfg.event_convention == "petrarch":
        future_acts_as_acts(drafts, lex)
        agreed_acts_as_acts(drafts)
    for d in drafts.values():
        if d.code.startswith("171") and any(protester(p) for p in d.actors):
            d.code = "145"  # protesters wrecking property: a violent protest (CAMEO 145)
        if d.code == "042" and d.verbal and d.actors and all(troops(p) for p in d.actors):
            # troops that arrive are deployed, not visiting: peacekeepers (074) or a force (154)
            d.code = "074" if any("peacekeep" in p.text.lower() for p in d.actors) else "154"
            if d.code == "154" and all(war_machines(p) for p in d.actors):
                d.base, d.event, d.mode = "154", "MOBILIZE", "weapons"  # ships, bombers: weapons
        if weapons_test(d):
            d.code = d.base = "150"
            d.event, d.mode = "MOBILIZE", "weapons"
        if d.code == "154" and peacekeeping(d):
            d.code = "074"  # "deploying 300 troops to the UN peacekeeping mission in Mali"
        info = lex.codes.get(d.code)
        d.kind = (d.event if d.event and d.code == d.base else (info.event if info else None)) or d.root
    claims = claimed_attacks(drafts)
    date_and_place(doc, drafts, ctx, document)
    for claim, attack in claims:
        if not claim.recipients:
            claim.recipients = [replace(p) for p in attack.recipients if p.code]
        if not claim.recipients and attack.location is not None and attack.loc_explicit:
            loc = attack.location
            claim.recipients = [Party(None, loc.country, None, loc.place, -1, "place")]
    if cfg.event_convention == "petrarch":
        reports_of_violence_once(drafts, claims)
    # an event needs a coded party; "three soldiers were killed" has a recipient but no actor
    kept = [
        d for d in drafts.values()
        if not d.absorbed and (
            (d.actors and any(p.code or p.sector or p.actor for p in d.actors + d.recipients))
            or (
                not d.actors and any(p.code for p in d.recipients) and not d.hypothetical and not d.negated
                and d.root in ("08", "09", "11", "17", "18", "19", "20")
            )
        )
    ]  # fmt: skip
    merged = merge(kept, anchor)
    chosen = {id(d) for d in kept}
    attach_echoes(merged, [d for d in drafts.values() if id(d) not in chosen], anchor)
    return finish(merged, lex, document)
