"""Coding a description: its words (titles, roles, demonyms, places, organisations, names in
the dated office-holder KB) give a country, a PLOVER sector and a kind. ``resolve`` codes one
description without spaCy, for ``dateline resolve`` and for event parties."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ..config import Config
from ..kb import KnowledgeBase, Org, Role, Term, historical_code, load_kb, normalize
from ..records import Actor
from .vocab import (
    CIVIL,
    CONTRACT_CODES,
    ELITE,
    FUNCTION,
    GENERIC_PARTIES,
    INSTITUTIONS,
    LEADING,
    LOCATIVE,
    PIECES,
    PLACE_ADJ,
    PREPS,
    SPONSORED,
    WORD,
)


@dataclass(frozen=True, slots=True)
class Coding:
    """What a description says about an actor."""

    name: str
    kind: str
    code: str | None = None
    sector: str | None = None
    title: str | None = None
    person: str | None = None  # the KB's canonical name when a known person was matched
    tentative: bool = False  # coded from a KB term that starts after the date: text may overrule


@dataclass(slots=True)
class _Item:
    kind: str  # person | surname | org | place | role
    start: int
    end: int
    after_prep: str = ""
    terms: list[list[Term]] = field(default_factory=list)
    org: Org | None = None
    place: tuple[str, str] | None = None
    role: Role | None = None
    orgs: list[Org] = field(default_factory=list)


def _words(text: str) -> tuple[list[str], list[int], list[str]]:
    """Normalised words, whether each was capitalised, and the surface words."""
    surface = [w for w in WORD.findall(text) if w.strip()]
    norm: list[str] = []
    caps: list[int] = []
    kept: list[str] = []
    for w in surface:
        parts = normalize(w).split()
        # "al-Thani": a lower-case particle before a capitalised part is not capitalised;
        # "Jong-un" stays one capitalised name
        pieces = [x for x in PIECES.split(w) if x]
        if len(pieces) != len(parts) or w[:1].isupper():
            pieces = [w] * len(parts)
        for part, piece in zip(parts, pieces, strict=True):
            norm.append(part)
            caps.append(2 if w.isupper() and len(w) > 1 else int(piece[:1].isupper()))
            kept.append(w)
    return norm, caps, kept


def code_words(
    words: Sequence[str], caps: Sequence[int], *, when: date, kb: KnowledgeBase, text: str = ""
) -> Coding | None:
    """Code a description given as normalised words (``caps`` marks capitalised ones)."""
    n = len(words)
    i = 0
    elite = civil = False
    while i < n and (words[i] in LEADING or words[i].isdigit() or words[i] in ELITE or words[i] in CIVIL):
        elite = elite or words[i] in ELITE
        civil = civil or words[i] in CIVIL
        i += 1
    items: list[_Item] = []
    prep = ""
    ethnic = False
    unknown_names = 0
    first_unknown = ""
    while i < n:
        w = words[i]
        if w in ELITE:
            elite = True
            i += 1
            continue
        if w in CIVIL:
            civil = True
            i += 1
            continue
        given = first_unknown if unknown_names <= 2 else "?"
        # a bare surname is looked up alone or after a person's title ("President Mitterrand")
        single = n - i == 1 and all(
            it.kind == "role" and it.role is not None and it.role.kind == "person" for it in items
        )
        scope = prep == "of" and bool(items) and items[-1].kind in ("role", "org")
        item = _match(words, caps, i, kb, single=single, given=given, scope=scope)
        if (
            item is not None
            and ethnic
            and item.kind == "place"
            and item.place is not None
            and item.place[1] == "demonym"
        ):
            # "ethnic Albanians": a people, coded by where they live, not by the demonym
            item = _Item("role", item.start, item.end, role=Role("CVL", "group", 1))
        if item is None:
            if w in ("anti", "pro") and i + 1 < n:
                # "anti-Syria", "pro-government": a stance, not who they are
                aim = _match(words, caps, i + 1, kb, single=False)
                i = aim.end if aim is not None else i + 1
                continue
            if w in ("ethnic", "ethnically"):
                ethnic = True
            if w in PLACE_ADJ and prep in ("of", "in"):
                i += 1  # "of southern Serbia": the preposition still governs the place
                continue
            prep = w if w in PREPS else ("" if w not in ("the", "s", "a") else prep)
            if caps[i] and w not in PREPS and w not in LEADING and len(w) > 1:
                unknown_names += 1
                first_unknown = first_unknown or w
            i += 1
            continue
        item.after_prep = prep if items else ""
        items.append(item)
        prep = ""
        i = item.end
    # "Kremlin-backed separatists", "Al Qaeda-linked group": the backer is not the group
    items = [it for it in items if it.end >= n or words[it.end] not in SPONSORED or it is items[-1]]
    if not items:
        return None
    if unknown_names and all(
        it.kind == "place"
        and it.place
        and it.place[1] in ("city", "capital", "country-alias", "region", "province")
        for it in items
    ):
        return None  # "Douglas Paul James": a person's name that contains a town's
    for it in items:
        if it.orgs:
            it.org = _pick_org(it.orgs, when)
    for it in items:
        if (
            it.kind == "org"
            and it.orgs
            and " ".join(words[it.start : it.end]) in GENERIC_PARTIES
            and it.start > 0
            and caps[it.start - 1]
            and words[it.start - 1] not in LEADING
        ):
            # "Christian Democrats", "Kurdistan Democratic Party": another party of a name many
            # share, unless what comes before is the party's own country or house
            before = next((b for b in items if b.end == it.start), None)
            own_place = (
                before is not None
                and before.kind == "place"
                and before.place is not None
                and before.place[0] == it.orgs[0].code
            )
            own_house = (
                before is not None
                and before.kind == "role"
                and before.role is not None
                and before.role.sector in ("LEG", "GOV")
            )
            if not (own_place or own_house):
                return None
    coding = _combine(items, when=when, elite=elite, civil=civil, text=text, words=words, caps=caps)
    if coding is not None and coding.kind == "state" and unknown_names:
        coding = replace(coding, kind="org", sector=None)  # "British Chambers of Commerce"
    return coding


def _match(
    words: Sequence[str],
    caps: Sequence[int],
    i: int,
    kb: KnowledgeBase,
    *,
    single: bool,
    given: str = "",
    scope: bool = False,
) -> _Item | None:
    """The longest KB entry starting at word ``i``. ``scope``: the words follow a role and its
    "of" ("the government of Sindh"), so a province or town there is the role's place."""
    n = len(words)
    for m in range(min(kb.max_words, n - i), 0, -1):
        key = " ".join(words[i : i + m])
        all_caps = (
            caps[i] and caps[i + m - 1] and all(caps[j] or words[j] in FUNCTION for j in range(i, i + m))
        )
        if (
            m >= 2
            and all_caps
            and (i + m >= n or not caps[i + m])
            and not _names_a_role(words[i : i + m], kb)
        ):
            tiers = kb.person_tiers(key)  # a name must not run on into unknown capitals
            if tiers and not any(o.source == "dateline" for o in kb.org(key)):
                # (a curated organisation is no person: "Palestinian Authority")
                return _Item("person", i, i + m, terms=tiers)
        role = kb.roles.get(key)
        if role and (m >= 2 or not all_caps or not any(o.source == "dateline" for o in kb.org(key))):
            return _Item("role", i, i + m, role=role)  # "Parliament" is a role, not Congo's
        orgs = kb.org(key)
        if orgs and _names_a_role(words[i : i + m], kb):
            orgs = []  # "the US Secretary of State" is a title: country + role, not an org
        if orgs and m == 1 and len(key) <= 3 and caps[i] != 2:
            orgs = []  # "Un Certain Regard" is no UN: short names must be acronyms
        if orgs and (all_caps or m >= 2 or key in ("un", "eu")):
            return _Item("org", i, i + m, org=orgs[0], orgs=orgs)
        place = kb.places.get(key)
        if place is None and m == 1 and all_caps and key.endswith("s"):
            plural = kb.places.get(key[:-1])  # "Brazilians", "Two Russians"
            place = plural if plural and plural[1] == "demonym" else None
        if (
            place
            and place[1] in ("city", "region", "province")
            and i > 0
            and words[i - 1] not in LOCATIVE
            and not scope
        ):
            place = None  # a town's name inside a longer name ("Bank of ...") is not a place
        if place and (all_caps or key in ("us", "uk")):
            return _Item("place", i, i + m, place=place)
        if role:
            return _Item("role", i, i + m, role=role)
        if (
            m == 1
            and all_caps
            and single
            and not (caps[i] == 2 and len(key) <= 3)
            and key not in INSTITUTIONS
        ):
            tiers = kb.person_tiers(key, surname=True)
            if given:  # "Alexander Lukashenko" ~ "Aleksandr Lukashenko": same initial letters
                tiers = [
                    kept
                    for kept in ([t for t in tier if normalize(t.name)[:2] == given[:2]] for tier in tiers)
                    if kept
                ]
            if tiers:
                return _Item("surname", i, i + m, terms=tiers)
    return None


def _names_a_role(words: Sequence[str], kb: KnowledgeBase) -> bool:
    for k in range(1, min(4, len(words) - 1) + 1):
        role = kb.roles.get(" ".join(words[-k:]))
        if role is not None and role.kind == "person" and role.strength >= 2:
            return True
    return False


def _pick_org(orgs: list[Org], when: date) -> Org:
    """The organisation entry valid on ``when`` (the Taliban before and after August 2021)."""
    for org in orgs:
        if (org.start is None or org.start <= when) and (org.end is None or when <= org.end):
            return org
    return orgs[0]


#: Sectors of titles that do not name an office holder ("Pope", "Archbishop", "Professor").
_NONSTATE_TITLES = frozenset({"REL", "EDU", "MED", "JRN", "BUS", "CVL", "SOC", "LAB", "REB", "CRM"})


#: Days between two terms of the same office-holder in the KB's sources that count as no break
#: (one source's coverage ends, another's begins a few months later).
_TERM_GAP = 366


def person_at(tiers: list[list[Term]], when: date) -> tuple[Term, str] | None:
    """The term a person held on ``when`` (from the strongest layer that knows), with the
    sector; a person whose terms have all ended is coded ELI."""
    for tier in tiers:
        covering = [t for t in tier if (t.start or t.end) and t.covers(when)]
        if covering:
            best = min(covering, key=lambda t: (t.rank, t.sector != "GOV", t.soft))
            return best, best.sector
    every = [t for tier in tiers for t in tier]
    past = [t for t in every if t.end and t.end < when]
    if past:
        last = max(past, key=lambda t: (t.end or when, -t.rank))
        resumed = [t for t in every if t.start and when < t.start and t.country == last.country
                   and t.sector == last.sector and last.end is not None
                   and (t.start - last.end).days <= _TERM_GAP]  # fmt: skip
        if resumed:  # a few months between two sources' terms: still in office (Le Drian, 2015)
            return last, last.sector
        return last, "ELI"
    undated = [t for t in every if not t.start and not t.end]
    if undated:
        return undated[0], undated[0].sector
    future = [t for t in every if t.start and when < t.start]
    if future:  # Moody Awori in 2000, three years before his first term: a Kenyan all the same
        first = min(future, key=lambda t: (t.start or when, t.rank))
        if first.soft and first.start is not None and (first.start - when).days <= _TERM_GAP:
            return first, first.sector  # a snapshot's guessed start: a month early is in office
        return first, "ELI"
    return None


def _combine(
    items: list[_Item],
    *,
    when: date,
    elite: bool,
    civil: bool,
    text: str,
    words: Sequence[str],
    caps: Sequence[int],
) -> Coding | None:
    heads = [it for it in items if it.kind in ("org", "role") and not it.after_prep] or [
        it for it in items if it.kind in ("org", "role")
    ]
    people = [it for it in items if it.kind in ("person", "surname")]
    places = [it for it in items if it.kind == "place"]
    country: str | None = None
    sector: str | None = None
    kind = "group"
    name = text
    person_name: str | None = None
    title: str | None = None
    future = False

    if (
        not heads
        and not people
        and len(places) > 1
        and places[0].place is not None
        and places[0].place[1] == "demonym"
    ):
        # "the Albanians of southern Serbia": a people coded by where they live
        home = next(
            (
                it
                for it in places[1:]
                if it.after_prep == "of" and it.place is not None and it.place[1] != "demonym"
            ),
            None,
        )
        if home is not None:
            places = [home]
    for it in places:
        if it.after_prep == "to" and any(
            h.kind == "role" and h.role and h.role.kind == "person" for h in heads
        ):
            continue  # "ambassador to Poland": the host, not the envoy's country
        if it.place:
            country = it.place[0]
            break
    if people:
        person = people[0]
        found = person_at(person.terms, when)
        if person.kind == "surname" and (
            found is None or found[0].rank > 2 or (found[1] == "ELI" and found[0].rank > 1)
        ):
            found = None  # a bare surname names only a sitting official or a former leader
        titles = [
            h.role for h in items if h.kind == "role" and h.role is not None and h.role.kind == "person"
        ]
        if (
            person.kind == "surname"
            and found is not None
            and titles
            and all(r.sector in _NONSTATE_TITLES for r in titles)
        ):
            found = None  # "Pope Francis" is no minister named Francis
        if found is None and person.kind == "surname":
            people = []
        elif found is not None:
            term, psector = found
            country = country or term.country
            sector = psector
            # before the person's first known term, a title in the text gives the sector
            future = term.start is not None and when < term.start
            person_name = term.name
            title = None if future else term.title or None
            kind = "person"
    head: _Item | None = None
    if heads:
        # an organisation with a sector of its own codes its members ("Boko Haram gunmen");
        # otherwise the most specific role, the last (the noun phrase's head) on a tie
        head = max(
            heads,
            key=lambda h: (
                4
                if h.kind == "org" and h.org is not None and h.org.sector
                else h.role.strength
                if h.role
                else 0,
                h.start,
            ),
        )
        person_role = next(
            (h for h in heads if h.kind == "role" and h.role and h.role.kind == "person"), None
        )
        if person_role is not None:
            title = " ".join(  # as written: "Secretary of State", "foreign minister"
                words[j].upper() if caps[j] == 2 else words[j].capitalize() if caps[j] else words[j]
                for j in range(person_role.start, person_role.end)
            )
        if head.kind == "org" and head.org is not None:
            org = head.org
            if org.code in CONTRACT_CODES or not country:
                country = org.code or country
            sector = org.sector or sector
            if not org.sector:
                role_heads = [h for h in heads if h.role is not None]
                if role_heads and role_heads[-1].role is not None:  # "EU legislators"
                    sector = role_heads[-1].role.sector
            kind = "org" if org.kind in ("igo", "org") else "group"
            if not people:
                name = org.name
        elif head.role is not None:
            if not (people and sector == "ELI" and head.role.sector == "GOV" and not future):
                sector = head.role.sector
            kind = "person" if head.role.kind == "person" else head.role.kind
            if words[head.start] in ("leader", "leaders") and not people:
                # "Muslim leaders", "a Jewish community leader": leaders of their community
                led = [h.role.sector for h in heads if h is not head and h.role is not None
                       and h.start < head.start and h.role.sector != head.role.sector]  # fmt: skip
                sector = led[-1] if led else sector
        last = heads[-1]
        if last.role is not None and last.role.kind == "person" and last is not head:
            kind = "person"  # "a police spokesperson": a person, coded by the police
        for it in items:  # a scope after "of"/"at"/"in" gives the country when none came before
            if country is None and it is not head and it.kind in ("org", "place"):
                country = (it.org.code if it.org else it.place[0] if it.place else None) or None
    if people and person_name:
        kind = "person"
        name = person_name
    if not heads and not people and places:
        _code, pkind = places[0].place or ("", "")
        if (
            len(items) == 1
            and pkind == "capital"
            and words[items[0].start : items[0].end] == list(words[-(items[0].end - items[0].start) :])
            and historical_code(_code, when) == _code
        ):
            sector = "GOV"  # "Tehran", "CANBERRA": the seat of power as its government
        kind = "state"
        if pkind == "pre":
            sector = "PRE"
    if elite:
        sector = "ELI"
    elif civil and sector in (None, "GOV"):
        sector = "CVL"
    country = historical_code(country or None, when)
    return Coding(
        name=name.strip(), kind=kind, code=country, sector=sector or None, title=title, person=person_name
    )


def resolve(
    text: str, *, when: date | None = None, cfg: Config, kb: KnowledgeBase | None = None
) -> Actor | None:
    """The coded actor one description names, or None when it names none.

    ``when`` is the date the text speaks of (default: today); ``kb`` defaults to the packaged KB
    plus the local KB and the user's dictionaries.
    """
    kb = kb or knowledge_base(cfg)
    words, caps, _surface = _words(text)
    coding = code_words(words, caps, when=when or date.today(), kb=kb, text=text.strip())
    if coding is None:
        return None
    return Actor(
        id="a1",
        name=coding.name,
        kind=coding.kind,
        code=coding.code,
        sector=coding.sector,
        title=coding.title,
    )


def resolve_json(text: str, *, when: date | None = None, cfg: Config) -> dict[str, Any] | None:
    """``resolve`` as the JSON object ``dateline resolve`` prints: name, code, sector, kind,
    title (None when the text names no actor)."""
    actor = resolve(text, when=when, cfg=cfg)
    if actor is None:
        return None
    return {
        "name": actor.name,
        "code": actor.code,
        "sector": actor.sector,
        "kind": actor.kind,
        "title": actor.title,
    }


def knowledge_base(cfg: Config) -> KnowledgeBase:
    return load_kb(cfg.kb or None, dictionaries=cfg.actor_dictionaries)
