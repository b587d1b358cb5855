"""The actors stage: mentions of people, organisations, states and groups, resolved in-document
to canonical actors and coded to a country (ISO3, or UNO/EUR/IGO/NGO/IMG/MNC) and a PLOVER sector.

``extract_actors(doc, document=..., cfg=...)`` reads the one spaCy parse (entities, noun chunks,
dependencies) and the knowledge base (``kb.py``); it never runs spaCy again.

- Names: spaCy's PERSON/ORG/GPE/NORP/LOC/FAC entities, with fixes: a hyphenated given-name tail
  is kept ("Moon Jae-in"), a known name spaCy mislabels or misses is taken from the token scan.
- Titles: the words before a name ("US Secretary of State Mike Pompeo", "South Korea's President
  Moon Jae-in") code the person; a title without a country borrows the country of the titled
  name before it in the same sentence ("White House national security adviser John Bolton and
  chief of staff John Kelly").
- Coreference: a surname or partial name joins the full name's actor; a definite description
  ("the US Secretary of State", "the North Korean leader", "his top diplomat", "the secretary")
  joins the named person whose title or coding fits; he/she subjects join the last person named.
- Descriptions with no name ("One US official", "South Korea's presidential office", "North
  Korean officials") are actors of their own.
- States: a country's name, its capital used as an actor ("accused Washington") and "the North"/
  "the South" in a Korea story are one state actor per country; metonymy codes it GOV.
- The office-holder KB codes a bare name by the document's date ("Trump" in 2018 → USA GOV;
  after the last term → ELI).

``resolve(text, when=..., cfg=...)`` codes one description without spaCy.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from .config import Config
from .kb import KnowledgeBase, Org, Role, Term, historical_code, load_kb, normalize
from .records import Actor, Document, Mention

log = logging.getLogger(__name__)

_WORD = re.compile(r"[\w’'.-]+|[^\w\s]")
_PIECES = re.compile(r"[\W_]+")
LEADING = frozenset(
    {
        "a",
        "an",
        "the",
        "one",
        "two",
        "three",
        "four",
        "five",
        "several",
        "some",
        "many",
        "few",
        "members",
        "member",
        "group",
        "of",
        "his",
        "her",
        "its",
        "their",
        "our",
        "over",
        "dozen",
        "top",
        "senior",
        "then",
        "current",
        "prominent",
        "heavily",
        "armed",
        "large",
        "largest",
        "team",
        "most",
    }
)
ELITE = frozenset({"former", "ex", "retired", "disgraced", "exiled", "late"})
CIVIL = frozenset({"ordinary"})
PREPS = frozenset({"of", "to", "at", "in", "from", "for", "with", "on", "by", "near"})
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "to",
        "from",
        "into",
        "near",
        "toward",
        "towards",
        "via",
        "through",
        "across",
        "around",
        "outside",
        "inside",
        "within",
        "over",
        "between",
        "after",
        "before",
        "since",
        "during",
        "until",
    }
)
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person"}
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
SPEECH = frozenset(
    {
        "say",
        "tell",
        "add",
        "tweet",
        "declare",
        "pledge",
        "insist",
        "warn",
        "state",
        "announce",
        "note",
        "explain",
        "reply",
        "respond",
        "claim",
        "argue",
        "write",
        "ask",
        "urge",
        "accuse",
        "deny",
        "confirm",
        "vow",
        "promise",
        "offer",
    }
)
KOREA = frozenset({"PRK", "KOR"})
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "mx", "prof", "rev", "sheikh"}
)
_FUNCTION = frozenset(
    {
        "of",
        "the",
        "and",
        "s",
        "de",
        "la",
        "du",
        "al",
        "el",
        "for",
        "dos",
        "da",
        "do",
        "das",
        "van",
        "von",
        "der",
        "den",
        "bin",
        "ibn",
        "le",
        "di",
        "del",
    }
)
CONTRACT_CODES = frozenset({"UNO", "EUR", "IGO", "NGO", "IMG", "MNC"})
#: Adjectives between a preposition and its place ("of southern Serbia", "in the occupied West Bank").
_PLACE_ADJ = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "occupied",
        "neighbouring",
        "neighboring",
        "nearby",
        "rural",
        "remote",
    }
)
SPONSORED = frozenset(
    {
        "backed",
        "linked",
        "allied",
        "sponsored",
        "supported",
        "aligned",
        "funded",
        "affiliated",
        "inspired",
        "friendly",
        "leaning",
    }
)


# -------------------------------------------------------------------------------------------
# coding a description


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
    surface = [w for w in _WORD.findall(text) if w.strip()]
    norm: list[str] = []
    caps: list[int] = []
    kept: list[str] = []
    for w in surface:
        parts = normalize(w).split()
        # "al-Thani": a lower-case particle before a capitalised part is not capitalised;
        # "Jong-un" stays one capitalised name
        pieces = [x for x in _PIECES.split(w) if x]
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
            if w in _PLACE_ADJ and prep in ("of", "in"):
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
            caps[i] and caps[i + m - 1] and all(caps[j] or words[j] in _FUNCTION for j in range(i, i + m))
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
        if m == 1 and all_caps and single and not (caps[i] == 2 and len(key) <= 3):  # no acronyms
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
    kb = kb or _kb(cfg)
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


def _kb(cfg: Config) -> KnowledgeBase:
    return load_kb(cfg.kb or None, dictionaries=cfg.actor_dictionaries)


# -------------------------------------------------------------------------------------------
# in-document extraction


@dataclass(slots=True)
class _Ref:
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


def extract_actors(
    doc: Doc, *, document: Document, cfg: Config, kb: KnowledgeBase | None = None
) -> tuple[tuple[Mention, ...], tuple[Actor, ...]]:
    """The mentions and canonical actors of one document.

    ``doc`` is the spaCy parse of ``document.text``; offsets of the mentions point into it.
    The document's publication date dates the office-holder lookups (today when it has none).
    """
    kb = kb or _kb(cfg)
    when = document.published.date() if document.published else date.today()
    text = doc.text
    sent_of = _sentence_index(doc)
    toks = list(doc)  # one pass creates the Token objects every scan below reuses
    used = bytearray(len(doc))  # tokens already inside a mention or a title
    refs: list[_Ref] = []

    # 1. names from spaCy's entities, with their titles: people first, so a title's
    #    organisation or country ("White House national security adviser John Bolton") is
    #    read as part of the title rather than as a mention of its own
    ents = sorted(
        (e for e in doc.ents if e.label_ in NAME_LABELS), key=lambda e: (e.label_ != "PERSON", e.start)
    )
    for ent in ents:
        span = _fix_span(doc, ent)
        if any(used[t.i] for t in span):
            continue
        words, caps = _span_words(span)
        key = " ".join(words)
        if not key:
            continue
        label = ent.label_
        if (
            label == "PERSON"
            and key in kb.places
            # a lone country name is the country, though some senator's surname ("Jordan")
            and (not kb.has_person(key) or (len(words) == 1 and kb.places[key][1] == "country"))
            and (len(span) == 1 or kb.places[key][1] == "country")
            and not _is_person_key(key, refs)
        ):
            label = "GPE"  # "Labour chooses Manchester", "Sri Lanka has established ties"
        if label == "PERSON" and not kb.has_person(key) and _all_demonyms(words, kb):
            label = "ORG"  # "Bosnian Serbs demanded a truce": a people, coded by its words
        if label == "PERSON" or (
            label in ("GPE", "ORG")
            and key not in kb.places
            and (kb.has_person(key) or _is_person_key(key, refs))
        ):
            _add_person(doc, span, refs, used, kb, when, sent_of)
            continue
        _add_name(doc, span, words, caps, label, refs, used, kb, when, sent_of)

    # 2. known names spaCy missed (e.g. a surname at the start of a sentence)
    person_words = {w for r in refs if r.label == "person" for w in r.key.split()}
    for tok in toks:
        if used[tok.i] or not tok.text[:1].isupper() or not tok.is_alpha:
            continue
        low = normalize(tok.text)
        if low in person_words and tok.pos_ in ("PROPN", "NOUN", "ADJ", "VERB", "X"):
            _add_person(doc, doc[tok.i : tok.i + 1], refs, used, kb, when, sent_of)

    # 3. descriptions and metonymy from noun chunks, and possessors ("his top diplomat's")
    for chunk in doc.noun_chunks:
        _add_description(doc, chunk, refs, used, kb, when, sent_of)
    for tok in toks:
        if tok.dep_ == "poss" and tok.pos_ == "NOUN" and not used[tok.i] and normalize(tok.text) in kb.roles:
            _add_description(doc, doc[tok.left_edge.i : tok.i + 1], refs, used, kb, when, sent_of)
    _add_the_north(doc, toks, refs, used, sent_of)

    # 4. pronoun subjects
    for tok in toks:
        if tok.lower_ in ("he", "she") and tok.dep_ in ("nsubj", "nsubjpass") and not used[tok.i]:
            refs.append(_Ref(tok.idx, tok.idx + len(tok.text), "pronoun", sent=sent_of[tok.i], subject=True))
    refs.sort(key=lambda r: (r.start, r.end))
    return _link(refs, text, kb, when)


def _sentence_index(doc: Doc) -> list[int]:
    """Each token's sentence number."""
    out = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = n
    return out


def _fix_span(doc: Doc, ent: Span) -> Span:
    start, end = ent.start, ent.end
    while end - start > 1 and doc[end - 1].text in ("’s", "'s", "’", "'"):
        end -= 1
    # "Moon Jae" + "-in": keep a hyphenated lower-case tail of a name
    if (
        ent.label_ == "PERSON"
        and end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_lower
    ):
        end += 2
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    return doc[start:end]


def _span_words(span: Span) -> tuple[list[str], list[int]]:
    words: list[str] = []
    caps: list[int] = []
    for tok in span:
        for part in normalize(tok.text).split():
            words.append(part)
            caps.append(2 if tok.text.isupper() and len(tok.text) > 1 else int(tok.text[:1].isupper()))
    return words, caps


def _all_demonyms(words: Sequence[str], kb: KnowledgeBase) -> bool:
    """Whether every word is a nationality word, singular or plural ("Bosnian Serbs")."""

    def demonym(w: str) -> bool:
        place = kb.places.get(w) or (kb.places.get(w[:-1]) if w.endswith("s") else None)
        return place is not None and place[1] == "demonym"

    return bool(words) and all(demonym(w) for w in words)


def _is_person_key(key: str, refs: list[_Ref]) -> bool:
    return any(r.label == "person" and key in r.key.split() for r in refs)


def _title_before(doc: Doc, start: int, sent_of: list[int]) -> int:
    """Where the title in front of a name starts ("US Secretary of State", "South Korea's
    President", "White House national security adviser")."""
    i = start
    limit = max(0, start - 9)
    sent_start = start
    while sent_start > limit and sent_of[sent_start - 1] == sent_of[start]:
        sent_start -= 1
    while i > max(limit, sent_start):
        tok = doc[i - 1]
        if (
            tok.text in ("’s", "'s")
            or tok.lower_ == "of"
            or (tok.pos_ in ("PROPN", "NOUN", "ADJ") and tok.ent_type_ not in ("DATE", "TIME", "PERSON"))
        ):
            i -= 1
            continue
        if (
            tok.lower_ == "and"
            and i - 2 >= limit
            and doc[i - 2].text[:1].isupper()
            and doc[i].text[:1].isupper()
        ):
            i -= 1  # "Trade and Industry Secretary Patricia Hewitt"
            continue
        if tok.text == "-" and i - 2 >= limit and doc[i - 2].lower_ == "then":
            i -= 2
            continue
        break
    while i < start and (doc[i].lower_ == "of" or doc[i].text in ("’s", "'s")):
        i += 1
    return i


def _add_person(
    doc: Doc, span: Span, refs: list[_Ref], used: bytearray, kb: KnowledgeBase, when: date, sent_of: list[int]
) -> None:
    words, _caps = _span_words(span)
    while len(words) > 1 and words[0] in HONORIFICS:  # "Ms Hewitt" is Patricia Hewitt
        words = words[1:]
    title_start = _title_before(doc, span.start, sent_of)
    coding: Coding | None = None
    if title_start < span.start:
        tw, tc = _span_words(doc[title_start : span.start])
        coding = code_words(tw, tc, when=when, kb=kb, text=doc[title_start : span.start].text)
        if coding is not None and (coding.sector in (None, "UNK") or coding.kind == "state"):
            coding = None
        if coding is not None and doc[title_start].lower_ == "then":
            coding = replace(coding, sector="ELI" if coding.sector else None)
        for t in range(title_start, span.start):
            used[t] = 1
    for t in range(span.start, span.end):
        used[t] = 1
    home = _of_country(doc, span.end, kb)
    if (
        home is not None
        and (coding is None or coding.code in (None, home[0]))
        and (coding is not None or title_start < span.start)
    ):
        # "King Hassan of Morocco", "Queen Elizabeth of Britain": the title's country
        coding = (
            replace(coding, code=home[0])
            if coding is not None
            else Coding(name=span.text, kind="person", code=home[0])
        )
        for t in range(span.end, home[1]):
            used[t] = 1
    refs.append(
        _Ref(
            span.start_char,
            span.end_char,
            "person",
            key=" ".join(words),
            coding=coding,
            sent=sent_of[span.start],
            subject=span.root.dep_ in ("nsubj", "nsubjpass"),
        )
    )


def _of_country(doc: Doc, end: int, kb: KnowledgeBase) -> tuple[str, int] | None:
    """The country of an "of <Country>" right after a name, with the token after it."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return None
    ent = next((e for e in doc.ents if e.start == end + 1 and e.label_ == "GPE"), None)
    if ent is None:
        return None
    place = kb.places.get(normalize(ent.text).removeprefix("the "))
    if place is None or place[1] not in ("country", "country-alias", "pre"):
        return None
    return place[0], ent.end


def _add_name(
    doc: Doc,
    span: Span,
    words: list[str],
    caps: list[int],
    label: str,
    refs: list[_Ref],
    used: bytearray,
    kb: KnowledgeBase,
    when: date,
    sent_of: list[int],
) -> None:
    key = " ".join(words)
    place = kb.places.get(key)
    if label in ("GPE", "LOC", "NORP") or place:
        if place is None:
            return
        code, pkind = place
        if pkind == "demonym" or label == "NORP":
            return  # a demonym describes; the noun chunk around it is the mention
        if _inside_larger_np(doc, span):
            return
        if pkind in ("capital", "city", "region", "province"):
            head = span.root.head
            if span.root.dep_ == "pobj" and head.lower_ in LOCATIVE:
                return  # "in Pyongyang": a place, not an actor
            if pkind != "capital" or span.root.dep_ in ("compound", "amod", "nmod"):
                return
            then = historical_code(code, when) or code
            # a seat of power as its government, unless the state did not exist yet
            coding = Coding(name=span.text, kind="state", code=then, sector="GOV" if then == code else None)
            code = then
        else:
            if span.root.dep_ == "pobj" and span.root.head.lower_ in LOCATIVE:
                return
            coding = Coding(name=span.text, kind="state", code=code, sector=None)
        for t in span:
            used[t.i] = 1
        refs.append(
            _Ref(span.start_char, span.end_char, "gpe", key=code, coding=coding, sent=sent_of[span.start])
        )
        return
    named = code_words(words, caps, when=when, kb=kb, text=span.text)
    if (
        named is None
        or (named.code is None and named.sector is None)
        or (named.kind == "person" and not named.person)
    ):
        return  # "General Election", "National Executive Committee": not people
    coding = named
    for t in span:
        used[t.i] = 1
    refs.append(
        _Ref(
            span.start_char,
            span.end_char,
            "org",
            key=normalize(coding.name),
            coding=coding,
            sent=sent_of[span.start],
        )
    )


def _inside_larger_np(doc: Doc, span: Span) -> bool:
    """A country name used as a modifier ("the US position", "US-North Korea summit")."""
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.pos_ in ("NOUN", "PROPN")


def _add_description(
    doc: Doc,
    chunk: Span,
    refs: list[_Ref],
    used: bytearray,
    kb: KnowledgeBase,
    when: date,
    sent_of: list[int],
) -> None:
    root = chunk.root
    if used[root.i] or root.pos_ not in ("NOUN", "PROPN"):
        return
    if not _ends_in_role(doc, root, kb):
        return
    if root.head.lower_ == "as" and root.dep_ == "pobj":
        return  # "as secretary of state": a role held, not a mention
    start = chunk.start
    while start < root.i and doc[start].pos_ in ("CCONJ", "PUNCT"):
        start += 1
    # "South Korea's presidential office": the possessor is part of the description
    while start < root.i and used[start] and doc[start].ent_type_ in ("GPE", "NORP", "ORG"):
        start += 1
    span = doc[start : root.i + 1]
    # keep "of State"/"of the UN" after the root when it is part of a title
    end = root.i + 1
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].text[:1].isupper():
        end += 2
        span = doc[start:end]
    owner = ""
    if any(used[t.i] for t in span):
        last_used = max(t.i for t in span if used[t.i])
        if doc[last_used].ent_type_ == "PERSON":  # "the Trump administration"
            owner = normalize(doc[last_used].text)
        span = doc[last_used + 1 : end] if not used[end - 1] else span
        if not len(span) or any(used[t.i] for t in span):
            return
    spaces = [t.i for t in span if t.is_space or "\n" in t.text]
    if spaces:  # a chunk never runs across a paragraph break
        span = doc[spaces[-1] + 1 : span.end]
        if not len(span):
            return
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in LOCATIVE | {"on", "aboard"}
        and normalize(root.text) in kb.roles
        and kb.roles[normalize(root.text)].kind == "org"
    ):
        return  # "taken to hospital", "on board": a place
    conj = root.dep_ == "conj"
    while len(span) > 1 and span[0].pos_ in ("CCONJ", "PUNCT"):
        conj = conj or span[0].pos_ == "CCONJ"
        span = span[1:]
    words, caps = _span_words(span)
    coding = code_words(words, caps, when=when, kb=kb, text=span.text)
    if coding is None or coding.sector in (None, "UNK") or coding.person:
        return
    # the possessor before the chunk ("South Korea's") gives the country
    if coding.code is None and span.start > chunk.start:
        possessor = doc[chunk.start : span.start]
        place = kb.places.get(normalize(possessor.text))
        if place and possessor.root.ent_type_ in ("GPE", "NORP"):
            coding = replace(coding, code=place[0])
    if coding.code is None and coding.kind != "person" and doc[span.start].lower_ in ("its", "their"):
        # "Syria says it will withdraw its troops": the owner named before in the sentence
        owners = [
            r
            for r in refs
            if r.sent == sent_of[span.start]
            and r.end <= span.start_char
            and r.label in ("gpe", "org", "group")
            and r.coding is not None
            and r.coding.code
        ]
        if owners:
            owner_coding = max(owners, key=lambda r: r.start).coding
            if owner_coding is not None:
                coding = replace(coding, code=owner_coding.code)
    subject = root.dep_ in ("nsubj", "nsubjpass")
    definite = doc[span.start].lower_ in ("the", "his", "her", "its", "their") or (
        span.start > 0 and doc[span.start - 1].lower_ in ("the", "his", "her", "its", "their")
    )
    label = "description" if coding.kind == "person" else "group" if coding.kind == "group" else "org"
    for t in span:
        used[t.i] = 1
    refs.append(
        _Ref(
            span.start_char,
            span.end_char,
            label,
            key=normalize(span.text),
            coding=coding,
            sent=sent_of[span.start],
            definite=definite,
            subject=subject,
            conj=conj,
            owner=owner,
        )
    )


def _ends_in_role(doc: Doc, root: Token, kb: KnowledgeBase) -> bool:
    """Whether the words ending at ``root`` name a role ("officials", "presidential office")."""
    if normalize(root.text) in kb.roles or normalize(root.lemma_) in kb.roles:
        return True
    words = normalize(root.text)
    for i in range(root.i - 1, max(-1, root.i - 3), -1):
        words = normalize(doc[i].text) + " " + words
        if words in kb.roles:
            return True
    return False


def _add_the_north(
    doc: Doc, toks: list[Token], refs: list[_Ref], used: bytearray, sent_of: list[int]
) -> None:
    """'the North' / 'the South' in a Korea story is that Korea's state."""
    if not any(r.coding and r.coding.code in KOREA for r in refs):
        return
    for tok in toks:
        if (
            tok.text in ("North", "South")
            and not used[tok.i]
            and tok.i > 0
            and doc[tok.i - 1].lower_ == "the"
            and (tok.i + 1 >= len(doc) or not (doc[tok.i + 1].text[:1].isupper() and doc[tok.i + 1].is_alpha))
        ):
            if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE:
                continue
            code = "PRK" if tok.text == "North" else "KOR"
            used[tok.i] = 1
            refs.append(
                _Ref(
                    tok.idx,
                    tok.idx + len(tok.text),
                    "gpe",
                    key=code,
                    coding=Coding(name=tok.text, kind="state", code=code, sector="GOV"),
                    sent=sent_of[tok.i],
                )
            )


# -------------------------------------------------------------------------------------------
# linking mentions into actors


@dataclass(slots=True)
class _Actor:
    key: str
    kind: str
    name: str
    coding: Coding | None = None
    refs: list[_Ref] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


def _link(
    refs: list[_Ref], text: str, kb: KnowledgeBase, when: date
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
        ):
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
    last_person: _Ref | None = None
    last_subject: _Ref | None = None
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


def _earlier_description(ref: _Ref, refs: list[_Ref], actors: list[_Actor]) -> int | None:
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


def _description_match(ref: _Ref, actors: list[_Actor], last_person: _Ref | None) -> int | None:
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
