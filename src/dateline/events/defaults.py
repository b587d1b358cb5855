"""Default parties (the PLOVER and PETRARCH conventions): protests and crackdowns aimed at the
actor's own state, unattributed attacks on foreigners by the host country, purpose targets; and
the word tests the stage recodes by (troops, peacekeepers, protesters, weapons tests)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..eventroles import (
    RECIPROCAL_ROOTS,
    SUBJ,
    Context,
    Party,
    children,
    objects,
    preps,
)
from .draft import VIOLENT_ROOTS, Draft, ctx_parties
from .mood import infinitival_purpose

_TROOP_WORDS = ("troop", "soldier", "forces", "peacekeep", "marines", "paratroop", "battalion", "brigade")
_WAR_MACHINES = (
    "bomber", "warship", "warplane", "fighter jet", "submarine", "destroyer", "frigate", "gunboat",
    "aircraft carrier",
)  # fmt: skip


def troops(p: Party) -> bool:
    """Armed forces or their war machines ("two Russian warships"), which deploy, not visit."""
    low = p.text.lower()
    return (
        p.kind != "person"
        and p.sector in (None, "MIL")
        and any(w in low for w in _TROOP_WORDS + _WAR_MACHINES)
    )


def war_machines(p: Party) -> bool:
    low = p.text.lower()
    return any(w in low for w in _WAR_MACHINES) and not any(w in low for w in _TROOP_WORDS)


_MISSILES = frozenset({"missile", "rocket", "icbm", "satellite", "projectile"})
_AIMED = ("at", "on", "against", "upon", "into", "toward", "towards")
_NOWHERE = frozenset({"sea", "ocean", "water", "waters", "direction", "space", "orbit", "air", "sky"})
_HARM = frozenset({"kill", "wound", "injure", "hit", "destroy", "damage", "strike"})


def weapons_test(d: Draft) -> bool:
    """A missile or rocket fired or launched at no one ("fired a missile from Pyongyang into the
    sea", "launched a rocket over Japan") shows force (CAMEO 150, PLOVER MOBILIZE weapons); aimed
    at someone or harming anyone it is an attack."""
    tok = d.trigger
    if d.root != "19" or not d.verbal or tok.lemma_.lower() not in ("fire", "launch", "test"):
        return False
    heads = [tok, *objects(tok)]
    if not any(h.lemma_.lower().removesuffix("s") in _MISSILES for h in heads[1:]):
        return False
    aimed = any(
        p.lemma_.lower() not in _NOWHERE and p.ent_type_ not in ("DATE", "TIME")  # "on Friday"
        for h in heads
        for _l, p in preps(h, _AIMED)
    )
    harm = any(c.lemma_.lower() in _HARM for c in tok.children if c.dep_ in ("advcl", "conj", "xcomp"))
    return not aimed and not harm


def frames(d: Draft, in_sent: dict[int, Draft]) -> list[Draft]:
    """Nominal events that frame another in time ("held talks during a visit")."""
    heads = [d.trigger] + (objects(d.trigger) if d.verbal else [])
    return [
        in_sent[p.i] for h in heads for _l, p in preps(h, ("during", "amid"))
        if p.i in in_sent and in_sent[p.i] is not d
    ]  # fmt: skip


def person_at(ctx: Context, tok: Token) -> bool:
    mi = ctx.tok_mention[tok.i]
    if mi < 0:
        return False
    actor = ctx.actors.get(ctx.mentions[mi].actor or "")
    return actor is not None and actor.kind == "person"


def peacekeeping(d: Draft) -> bool:
    """A deployment of peacekeepers, or of troops on a peacekeeping mission (CAMEO 074)."""
    if any("peacekeep" in p.text.lower() for p in d.actors + d.recipients):
        return True
    subj = {t.i for s in children(d.trigger, SUBJ) for t in s.subtree}
    return any(t.lower_.startswith("peacekeep") for t in d.trigger.subtree if t.i not in subj)


def protester(p: Party) -> bool:
    low = p.text.lower()
    return p.sector == "OPP" or any(w in low for w in ("protest", "demonstrat", "rioter"))


def protest_aim(d: Draft, in_sent: dict[int, Draft], ctx: Context) -> None:
    """A protest with no target takes the one its sentence gives it: "began a hunger strike to
    protest against Sweden's decision", "a strike in protest at the government's refusal"."""
    if d.root != "14" or d.recipients:
        return
    own = {p.key for p in d.actors}
    for other in in_sent.values():
        if other is d or other.root != "14" or not other.recipients:
            continue
        if own and not own & {p.key for p in other.actors}:
            continue
        d.recipients = [replace(p) for p in other.recipients if p.key not in own]
        if d.recipients:
            return
    for tok in d.trigger.sent:
        if tok.lemma_.lower() != "protest" or tok.dep_ != "pobj" or tok.head.lower_ != "in":
            continue
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "at", "against", "over"):
                aims = ctx_parties(ctx, [x for x in c.children if x.dep_ == "pobj"])
                d.recipients = [p for p in aims if p.key not in own and (p.code or p.actor)]
                if d.recipients:
                    return


def purpose_target(d: Draft, ctx: Context) -> None:
    """A force used with no target takes the object of its purpose ("opened fire to disperse
    demonstrators"); troops mobilised take the enemy they are mobilised against ("mobilised
    reservists for a war against Iraq")."""
    own = {p.key for p in d.actors}
    codes = {p.code for p in d.actors if p.code}
    if d.root in ("15", "18", "19", "20") and not d.recipients:
        for c in d.trigger.children:
            if infinitival_purpose(c):
                aims = [p for p in ctx_parties(ctx, objects(c)) if p.key not in own]
                if aims:
                    d.recipients = aims
                    return
    if d.root == "15" and d.recipients and all(p.code is None or p.code in codes for p in d.recipients):
        for tok in d.trigger.subtree:
            if tok.dep_ == "prep" and tok.lower_ == "against":
                enemy = [
                    p
                    for p in ctx_parties(ctx, [x for x in tok.children if x.dep_ == "pobj"])
                    if p.code and p.code not in codes
                ]
                if enemy:
                    d.recipients = enemy
                    return


def domestic_target(d: Draft) -> None:
    """An uncoded target of coercion or force by a state organ is of the state's own country
    (a government closing an opposition paper, police dispersing demonstrators), unless the
    event is placed elsewhere."""
    if d.root not in ("17", "18", "19", "20"):
        return
    state = [p.code for p in d.actors if p.code and p.sector in _STATE_SECTORS]
    if not state or (d.root != "17" and not any(p.sector == "COP" for p in d.actors)):
        return
    if d.location is not None and d.loc_explicit and d.location.country not in (None, state[0]):
        return
    for victim in d.recipients:
        if victim.code is None and victim.kind != "place":
            victim.code = state[0]


_DOMESTIC_ROOTS = frozenset({"08", "14", "15", "17"})
_STATE_SECTORS = frozenset({"GOV", "JUD", "COP", "LEG", "MIL"})


def domestic_actor(d: Draft) -> None:
    """A state organ of unknown country acting on its own ground: a judge opening an inquiry
    into Chilean officials, a president imposing a curfew in Algiers, is of that country."""
    if d.root not in ("08", "09", "13", "17"):
        return
    place = d.location.country if d.location is not None and d.loc_explicit else None
    targets = [p.code for p in d.recipients if p.code]
    country = place or (targets[0] if targets else None)
    if country is None:
        return
    for p in d.actors:
        if p.code is None and p.sector in _STATE_SECTORS:
            p.code = country


def default_recipient(d: Draft) -> None:
    """Recipients the text leaves implicit, by the PLOVER and PETRARCH coding conventions.

    An uncoded victim or crowd takes the country where the event happened ("four children were
    killed in Gaza", "prisoners rioted at a jail in Dili"); an event with no recipient takes the
    state where it happened ("protested in Beijing"), and a domestic protest, crackdown,
    concession or mobilisation with no place named is aimed at the actor's own state.
    """
    placed = d.location is not None and d.location.country and d.loc_explicit
    own = {p.code for p in d.actors if p.code}
    if (
        placed
        and d.recipients
        and own
        and all(r.code in own and r.text.lower().startswith(("its ", "their ")) for r in d.recipients)
    ):
        assert d.location is not None and d.location.country is not None  # narrowed above
        if d.location.country not in own:  # "withdraw its troops from Lebanon": Lebanon's
            d.recipients = [Party(None, d.location.country, None, d.location.place, -1, "place")]
    if placed:
        assert d.location is not None and d.location.country is not None  # narrowed above
        for victim in d.recipients:
            if victim.code is None and (
                victim.actor is None
                or victim.sector in _STATE_SECTORS
                or (victim.kind == "group" and victim.sector == "CVL")  # "killed 12 people"
            ):
                victim.code = d.location.country
        if d.root == "14":
            for crowd in d.actors:
                if crowd.code is None and crowd.actor is None:
                    crowd.code = d.location.country
    if d.recipients or not d.actors or (d.root in RECIPROCAL_ROOTS and len(d.actors) > 1):
        return
    if placed and d.root not in ("01", "03", "02", "10", "11", "12", "13"):
        assert d.location is not None
        country = d.location.country
        if country not in {p.code for p in d.actors} or d.root in _DOMESTIC_ROOTS:
            d.recipients = [Party(None, country, None, d.location.place, -1, "place")]
            return
    if d.root in _DOMESTIC_ROOTS and not d.hypothetical:
        codes = [p.code for p in d.actors if p.code]
        if codes and d.kind in ("PROTEST", "COERCE", "CONCEDE", "MOBILIZE"):
            sector = "GOV" if d.kind == "PROTEST" else None
            d.recipients = [Party(None, codes[0], sector, codes[0], -1, "place")]


def default_attacker(d: Draft) -> None:
    """An attack with no named attacker on foreigners takes the country where it happened, as
    PLOVER and PETRARCH code it ("three US servicemen were killed by a roadside bomb near
    Basra": IRQ; "ten Russian soldiers killed in Ukraine": UKR). Victims of the place's own
    country give no such default ("four children were killed in Gaza")."""
    if d.actors or d.root not in VIOLENT_ROOTS or d.location is None or not d.loc_explicit:
        return
    country = d.location.country
    victims = {p.code for p in d.recipients if p.code and p.kind != "place"}
    if country and victims and country not in victims:
        d.actors = [Party(None, country, None, d.location.place, -1, "place")]
