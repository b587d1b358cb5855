"""In-document coreference: surnames and partial names join a full name, definite
descriptions join the named person whose title fits, he/she subjects join the last person
named; each group becomes one ``Actor``."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from ..kb import KnowledgeBase, normalize
from ..records import Actor, Mention
from .coding import Coding, person_at


@dataclass(slots=True)
class Ref:
    """A mention under construction."""

    start: int
    end: int
    label: str
    key: str = ""  # person name key, state code or description key
    coding: Coding | None = None
    sent: int = 0
    definite: bool = False
    group: int = -1
    subject: bool = False
    conj: bool = False
    owner: str = ""  # the person whose organisation this is ("the Trump administration")


@dataclass(slots=True)
class _Actor:
    key: str
    kind: str
    name: str
    coding: Coding | None = None
    refs: list[Ref] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


def link(
    refs: list[Ref], text: str, kb: KnowledgeBase, when: date
) -> tuple[tuple[Mention, ...], tuple[Actor, ...]]:
    actors: list[_Actor] = []
    by_key: dict[str, int] = {}
    # people: longest names first, then partial names join them
    people = [r for r in refs if r.label == "person"]
    for ref in sorted(people, key=lambda r: -len(r.key.split())):
        target = by_key.get(ref.key)
        if target is None and len(ref.key.split()) < 3:
            target = _partial_match(ref.key, actors)
        if target is None:
            target = len(actors)
            actors.append(_Actor(ref.key, "person", text[ref.start : ref.end]))
            by_key[ref.key] = target
        ref.group = target
        actors[target].refs.append(ref)
    # fill in person codings: titles in the text first, then the KB
    for n, ref in enumerate(refs):
        if (
            ref.label in ("person", "description")
            and ref.coding
            and ref.coding.code is None
            and ref.coding.sector
            and (ref.label == "person" or ref.conj)
            and not (ref.label == "person" and _known_country(ref.key, kb, when))
        ):  # "Russian President Putin and Prime Minister Medvedev", but not a known "President Xi"
            prev = next(
                (
                    r
                    for r in reversed(refs[:n])
                    if r.label == "person" and r.sent == ref.sent and r.coding and r.coding.code
                ),
                None,
            )
            if prev is not None and prev.coding is not None:
                ref.coding = replace(ref.coding, code=prev.coding.code)
    for actor in actors:
        actor.coding = _person_coding(actor, kb, when)
        if (
            len(actor.key.split()) == 1
            and actor.coding.code is None
            and actor.coding.sector is None
            and not any(r.subject for r in actor.refs)
        ):
            for r in actor.refs:  # "Rhine", "Twitter": spaCy's stray one-word PERSONs
                r.group = -1
                r.label = "dropped"
            actor.refs = []
    for ref in refs:
        if ref.owner and ref.coding is not None and ref.coding.code is None:
            owner = next((a for a in actors if ref.owner in a.key.split()), None)
            if owner is not None and owner.coding is not None and owner.coding.code:
                ref.coding = replace(
                    ref.coding, code=owner.coding.code, name=f"{owner.name} {ref.coding.name}"
                )
    # states, organisations, descriptions
    last_person: Ref | None = None
    last_subject: Ref | None = None
    for ref in refs:
        if ref.label == "dropped":
            continue
        if ref.label == "person":
            last_person = ref
            if ref.subject:
                last_subject = ref
            continue
        if ref.label == "pronoun":
            antecedent = (
                last_subject
                if last_subject is not None and (ref.sent - last_subject.sent <= 2)
                else last_person
            )
            if antecedent is not None and ref.sent - antecedent.sent <= 2:
                ref.group = antecedent.group
                actors[ref.group].refs.append(ref)
                last_subject = ref
            continue
        if ref.label in ("gpe",):
            key = "state:" + ref.key
        elif ref.label == "description" and ref.definite:
            target = _description_match(ref, actors, last_person)
            if target is None:
                target = _earlier_description(ref, refs, actors)
            if target is not None:
                ref.group = target
                actors[target].refs.append(ref)
                if actors[target].kind == "person":
                    last_person = ref
                    if ref.subject:
                        last_subject = ref
                continue
            key = "desc:" + ref.key
        elif ref.label == "org":
            key = "org:" + ref.key
        else:
            key = "desc:" + ref.key + f"@{ref.start}" if ref.label == "description" else "desc:" + ref.key
        target = by_key.get(key)
        if target is None:
            target = len(actors)
            coding = ref.coding
            actors.append(
                _Actor(key, coding.kind if coding else ref.label, text[ref.start : ref.end], coding=coding)
            )
            by_key[key] = target
        elif ref.coding and ref.coding.sector and actors[target].coding and not actors[target].coding.sector:  # type: ignore[union-attr]
            actors[target].coding = replace(
                actors[target].coding,  # type: ignore[type-var]
                sector=ref.coding.sector,
            )
        ref.group = target
        actors[target].refs.append(ref)
    # number actors by first mention
    order = sorted((a for a in actors if a.refs), key=lambda a: min(r.start for r in a.refs))
    ids = {id(a): f"a{n}" for n, a in enumerate(order, 1)}
    out_actors: list[Actor] = []
    for actor in order:
        coding = actor.coding
        surfaces = sorted({text[r.start : r.end] for r in actor.refs if r.label != "pronoun"})
        name = actor.name
        if actor.kind == "person":
            name = max(
                (text[r.start : r.end] for r in actor.refs if r.label == "person"),
                key=len,
                default=actor.name,
            )
        elif actor.key.startswith("state:") and coding is not None:
            # the country's own name ("US") over a capital that stood for it ("Washington")
            names = [
                text[r.start : r.end] for r in actor.refs if r.coding is not None and r.coding.sector is None
            ] or surfaces
            name = max(names, key=lambda s: (len(s.split()) > 1, len(s)))
        elif coding is not None and coding.name:
            name = coding.name
        out_actors.append(
            Actor(
                id=ids[id(actor)],
                name=name,
                kind=actor.kind if actor.kind != "group" or not coding else coding.kind,
                code=coding.code if coding else None,
                sector=coding.sector if coding else None,
                title=coding.title if coding else None,
                aliases=tuple(surfaces),
            )
        )
    mentions = tuple(
        Mention(
            r.start, r.end, text[r.start : r.end], ids[id(actors[r.group])] if r.group >= 0 else None, r.label
        )
        for r in refs
        if r.group >= 0 or r.label not in ("pronoun", "dropped")
    )
    return mentions, tuple(out_actors)


def _earlier_description(ref: Ref, refs: list[Ref], actors: list[_Actor]) -> int | None:
    """'The official' after 'One US official': the same unnamed actor."""
    root = ref.key.split()[-1] if ref.key else ""
    for other in reversed(refs):
        if other.start >= ref.start:
            continue
        if other.label == "description" and other.group >= 0 and other.key.split()[-1:] == [root]:
            if (
                ref.coding
                and other.coding
                and ref.coding.code
                and other.coding.code
                and ref.coding.code != other.coding.code
            ):
                continue
            return other.group
    return None


def _partial_match(key: str, actors: list[_Actor]) -> int | None:
    words = key.split()
    best: int | None = None
    for n, actor in enumerate(actors):
        if actor.kind != "person":
            continue
        names = actor.key.split()
        if len(names) > len(words) and all(w in names for w in words):
            if best is None or len(actor.refs) > len(actors[best].refs):
                best = n
    return best


def _known_country(key: str, kb: KnowledgeBase, when: date) -> bool:
    """Whether the knowledge base places the person named ``key`` in a country."""
    if kb.has_person(key):
        found = person_at(kb.person_tiers(key), when)
    elif len(key.split()) == 1:  # a surname the KB knows in office ("President Xi")
        tiers = kb.person_tiers(key, surname=True)
        found = person_at(tiers, when) if tiers else None
        found = found if found is not None and found[1] != "ELI" and found[0].rank <= 2 else None
    else:
        found = None
    return found is not None and bool(found[0].country)


def _person_coding(actor: _Actor, kb: KnowledgeBase, when: date) -> Coding:
    titled = [r.coding for r in actor.refs if r.coding is not None]
    full = next((c for c in titled if c.code and c.sector and c.sector != "ELI"), None)
    partial = next((c for c in titled if c.sector), None)
    found = person_at(kb.person_tiers(actor.key), when) if kb.has_person(actor.key) else None
    if found is None and len(actor.key.split()) == 1:
        tiers = kb.person_tiers(actor.key, surname=True)
        candidate = person_at(tiers, when) if tiers else None
        if candidate is not None and candidate[1] != "ELI" and candidate[0].rank <= 2:
            found = candidate
    if full is not None:
        return replace(full, kind="person", name=actor.name)
    if found is not None:
        term, sector = found
        before = term.start is not None and when < term.start
        title = (partial.title if partial else None) or (None if before else term.title) or None
        if partial and partial.sector and partial.sector != "ELI" and (sector != "ELI" or before):
            sector = partial.sector  # the text's title: "Vice-President Moody Awori" before his KB term
        return Coding(
            name=actor.name,
            kind="person",
            code=term.country,
            sector=sector,
            title=title,
            person=term.name,
            tentative=before and partial is None,
        )
    if partial is not None:
        return replace(partial, kind="person", name=actor.name)
    return Coding(name=actor.name, kind="person")


_ROLE_FIT = {
    "diplomat": (
        "secretary of state",
        "foreign minister",
        "foreign secretary",
        "minister of foreign affairs",
        "ambassador",
        "envoy",
    ),
    "leader": (
        "president",
        "leader",
        "chairman",
        "prime minister",
        "chancellor",
        "king",
        "premier",
        "supreme",
    ),
    "secretary": ("secretary",),
    "minister": ("minister",),
    "president": ("president",),
    "envoy": ("envoy", "ambassador"),
}


def _description_match(ref: Ref, actors: list[_Actor], last_person: Ref | None) -> int | None:
    coding = ref.coding
    if coding is None:
        return None
    role_words = [w for w in ref.key.split() if w in _ROLE_FIT]
    best: tuple[int, int] | None = None
    for n, actor in enumerate(actors):
        if actor.kind != "person" or actor.coding is None:
            continue
        ac = actor.coding
        if coding.code and ac.code and coding.code != ac.code:
            continue
        title = normalize(ac.title or "")
        fits = any(any(f in title for f in _ROLE_FIT[w]) for w in role_words)
        if not fits and "leader" in role_words and ac.sector == "GOV" and ac.code and coding.code == ac.code:
            fits = True
        if not fits:
            continue
        score = (len(actor.refs), -n)
        if best is None or score > best:
            best = (score[0], n)
    if (
        best is None
        and last_person is not None
        and ref.sent - last_person.sent <= 3
        and last_person.group >= 0
        and coding.code
        and coding.kind == "person"
    ):
        # "Mike Pompeo landed. The US Secretary of State said ...": an uncoded person named
        # just before takes the description's coding
        actor = actors[last_person.group]
        if actor.coding is None or actor.coding.code is None or actor.coding.tentative:
            actor.coding = replace(coding, name=actor.name, kind="person")
            return last_person.group
    return best[1] if best else None
