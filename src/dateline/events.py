"""The events stage: spaCy ``Doc`` + actors + quotes → coded, dated, placed ``Event`` records.

For every word that a pattern of the lexicon (``data/event_patterns.txt``) names, the stage
reads the event off the dependency parse:

* **code**: the most specific matching pattern gives the CAMEO code; quad class, Goldstein
  score and the PLOVER type and mode follow from ``cameo.tsv`` and ``cameo_plover.tsv``;
* **who and whom**: subject / passive agent → actor, object / passive subject / prepositional
  object ("met with", "demands on") → recipient, through coordination ("the US and Japan"),
  relative clauses, appositions, control ("agreed to arrange") and reported speech (the
  speaker is a party only when the clause says so; "I"/"we" inside a quote are the speaker);
  nouns ("Pompeo's visit to Pyongyang", "talks between", "the Trump-Kim summit") too;
* **mood**: negated events are kept and flagged; future and intended cooperation becomes
  AGREE (PLOVER), intended or threatened force THREATEN; conditional, hoped-for and purpose
  clauses are flagged ``hypothetical``; "refused to meet" is one REJECT event;
* **when**: the event's own temporal expression resolved against the publication time
  (``timexp``), else the reporting clause's ("…, officials said Wednesday"), else the
  publication date, with ``date_source`` = ``text`` | ``report`` | ``published``;
* **where**: the clause's place ("in Pyongyang", "talks there"), the destination of a visit,
  or where the actor was last placed in the article on that day, geocoded offline (``geo``);
* **one event per happening**: reports of the same happening (same type, same parties, same
  day) are merged; the clearest sentence is the evidence, the others are ``support``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .config import Config
from .eventroles import (
    PLACE_ENTS,
    RECIPROCAL_ROOTS,
    SUBJ,
    Context,
    Party,
    Reader,
    children,
    conjuncts,
    is_town,
    match_pattern,
    np_text,
    objects,
    preps,
    speech_clause,
    subject,
)
from .geo import geocode
from .lexicon import Code, Lexicon, Pattern, load_lexicon
from .records import Actor, Document, Event, Location, Mention, Quote, Span
from .timexp import resolve_timex

__all__ = ["event_triples", "extract_events"]

log = logging.getLogger(__name__)

_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts"}
)
_PLACE_NOUNS = frozenset(
    {"town", "city", "village", "district", "province", "region", "capital", "port", "suburb", "area"}
)
_TIME_ENTS = frozenset({"DATE", "TIME"})
_TIME_WORDS = frozenset({"today", "yesterday", "tomorrow", "overnight", "tonight"})
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "going"})
_COND_AUX = frozenset({"would", "could", "might", "may", "should", "'d", "must", "can"})
_CONSULT_PRIORITY = {"042": 0, "043": 1, "046": 2, "041": 3, "045": 4, "044": 5, "040": 6}

# intent / threat conversions (PLOVER: future cooperation is AGREE; threatened force is THREATEN)
_TO_AGREE = {
    "04": "036", "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313",
    "064": "0314", "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "08": "035", "081": "0351", "0841": "0353", "084": "0353", "085": "0354", "086": "0355",
    "087": "0356", "0871": "0356", "0874": "0356",
}  # fmt: skip
_TO_THREAT = {"15": "138", "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134",
              "17": "137", "172": "132", "173": "131", "18": "138", "19": "138", "20": "1383", "192": "1382",
              "191": "1381", "14": "133", "143": "1312", "144": "1312", "087": "136"}  # fmt: skip
_TO_REJECT = {"03": "120", "04": "125", "045": "126", "05": "120", "06": "121", "07": "122",
              "08": "124", "0841": "1243", "084": "1243", "085": "1244", "086": "1245",
              "087": "1246", "0871": "1246", "10": "120"}  # fmt: skip


def _convert(table: dict[str, str], code: str, default: str) -> str:
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return default


# ---------------------------------------------------------------------------------------------
# working records (internal)


@dataclass(slots=True)
class _Draft:
    trigger: Token
    code: str
    event: str | None
    mode: str | None
    actors: list[Party]
    recipients: list[Party]
    negated: bool = False
    hypothetical: bool = False
    verbal: bool = True
    date: date | None = None
    precision: str | None = None
    date_source: str | None = None
    location: Location | None = None
    loc_explicit: bool = False
    sentence: tuple[int, int] = (0, 0)
    in_quote: bool = False
    future: bool = False
    absorbed: bool = False
    base: str = ""
    kind: str = ""
    support: list[tuple[int, int]] = field(default_factory=list)

    @property
    def root(self) -> str:
        return self.code[:2]


# ---------------------------------------------------------------------------------------------
# mood


def _aux_words(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def negated(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ == "det" and c.lower_ == "no":
            return True
        if c.dep_ == "advmod" and c.lower_ in ("never",):
            return True
        if c.dep_ in ("dobj", "obj") and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children):
            return True  # "offered no details"
    return False


def _conditional(tok: Token) -> bool:
    t = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
            return True
        if t.head is t or t.dep_ in ("ROOT",):
            return False
        t = t.head
    return False


def _unless(tok: Token) -> bool:
    """Whether a clause of the word sets a condition on it ("... unless Baghdad complies")."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in tok.children
    )


def _infinitival_purpose(tok: Token) -> bool:
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


# ---------------------------------------------------------------------------------------------
# time and place


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
        or root.dep_ == "compound"
        or (
            root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in _PLACE_NOUNS
        )
    )
    if not where:
        return False
    loc = geocode(ent.text.removeprefix("the "))
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
            if (root.dep_ == "pobj" and head.lower_ in _PLACE_PREPS) or head.lower_ in _DIRECTIONS:
                out.append((head, ent.text.removeprefix("the ")))
    # "talks there": the last place named before it in the sentence
    places = [e for e in ents if e.label_ in PLACE_ENTS]
    for t in sent:
        if t.lower_ == "there" and t.dep_ == "advmod":
            before = [e for e in places if e.end <= t.i]
            if before:
                out.append((t, before[-1].text))
    return out


# ---------------------------------------------------------------------------------------------
# the stage


_RESOLVER: list[Callable[..., Actor | None] | None] = []


def _actor_resolver(cfg: Config, when: date | None) -> Callable[[str], Actor | None] | None:
    """``actors.resolve`` bound to the config and date, when the actors stage is installed."""
    if not _RESOLVER:
        try:
            from . import actors as actors_module
        except ImportError:
            log.debug("dateline.actors is not available: event parties come from mentions only")
            _RESOLVER.append(None)
        else:
            _RESOLVER.append(getattr(actors_module, "resolve", None))
    resolve = _RESOLVER[0]
    if resolve is None:
        return None

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
    drafts = _read_drafts(doc, reader)
    drafts = _absorb(drafts, lex)
    _reported_violence(drafts, reader)
    for d in drafts.values():
        if d.code.startswith("171") and any(_protester(p) for p in d.actors):
            d.code = "145"  # protesters wrecking property: a violent protest (CAMEO 145)
        if d.code == "042" and d.verbal and d.actors and all(_troops(p) for p in d.actors):
            # troops that arrive are deployed, not visiting: peacekeepers (074) or a force (154)
            d.code = "074" if any("peacekeep" in p.text.lower() for p in d.actors) else "154"
        if d.code == "154" and _peacekeeping(d):
            d.code = "074"  # "deploying 300 troops to the UN peacekeeping mission in Mali"
        info = lex.codes.get(d.code)
        d.kind = (d.event if d.event and d.code == d.base else (info.event if info else None)) or d.root
    claims = _claimed_attacks(drafts)
    _date_and_place(doc, drafts, ctx, document)
    for claim, attack in claims:
        if not claim.recipients:
            claim.recipients = [replace(p) for p in attack.recipients if p.code]
        if not claim.recipients and attack.location is not None and attack.loc_explicit:
            loc = attack.location
            claim.recipients = [Party(None, loc.country, None, loc.place, -1, "place")]
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
    merged = _merge(kept, anchor)
    return _finish(merged, lex, document)


def _accident(tok: Token, lex: Lexicon) -> bool:
    """Whether a killing is the work of an accident or a disaster ("caused the aircraft to crash,
    killing ten", "the earthquake killed 300"), not of an attacker."""
    words = lex.word_set("accident")
    heads = [tok] + ([tok.head] if tok.dep_ in ("advcl", "conj", "xcomp") else [])
    for h in heads:
        if h.lemma_.lower() in words and h is not tok:
            return True
        if any(s.lemma_.lower() in words for s in h.children if s.dep_ in ("nsubj", "nsubjpass")):
            return True
        if any(p.lemma_.lower() in words for _l, p in preps(h, ("in", "by", "after"))):
            return True
    if tok.tag_ == "VBG" and tok.dep_ == "advcl" and not children(tok, SUBJ):
        # "... caused the aircraft to crash in woods, killing ten": a consequence of the crash
        return any(t.lemma_.lower() in words - {"fire"} for t in tok.sent if t.i < tok.i)
    return False


def _existential(tok: Token) -> bool:
    """ "There were ten soldiers killed in Ukraine": a participle on the noun a "there is" introduces
    is the news of the sentence, not a description."""
    noun = tok.head
    be = noun.head
    return (
        tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and noun.dep_ in ("attr", "nsubj")
        and be.lemma_ == "be"
        and any(c.dep_ == "expl" for c in be.children)
    )


def _background(tok: Token, found: dict[int, tuple[Token, Pattern]], lex: Lexicon) -> bool:
    """Verbs that only give the background or the reason of another event.

    "jailed for helping militants" (a gerund after a preposition), "the mayor, jailed a year
    ago" (a participle describing a noun), "bombarded the city, killing eight", "held talks, offering
    support" (a participle that goes with another event).
    """
    if tok.dep_ == "pcomp":
        return _blamed(tok) is None
    if tok.lemma_ == "warn":  # "warned that small firms would suffer" is no threat
        complement = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
        return not any(t.i in found for c in complement for t in c.subtree)
    if (
        tok.dep_ == "relcl"
        and not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and _issuer(tok, lex) is None
    ):
        return True  # "the group that has seized parts of Iraq": a description, not the news
    if tok.lemma_ in ("help", "assist") and not any(c.dep_ in ("dobj", "dative") for c in tok.children):
        return True  # "helped to plan the killings": not aid
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return not _existential(tok)
    if tok.dep_ == "amod" and tok.head.dep_ != "conj":
        return True  # "an alleged Boko Haram leader", "wounded soldiers": a description
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.i in found


_BLAME_ADJS = frozenset({"guilty", "responsible", "culpable"})


def _blamed(tok: Token) -> Token | None:
    """The clause that blames its subject for an event: "X was guilty of violating the truce",
    "X is responsible for mass killings" (the event, with X as its actor, is asserted)."""
    prep = tok.head
    adj = prep.head
    if (
        tok.dep_ in ("pcomp", "pobj")
        and prep.lower_ in ("of", "for")
        and adj.lemma_.lower() in _BLAME_ADJS
        and adj.dep_ in ("acomp", "amod")
    ):
        return adj.head if adj.dep_ == "acomp" else None
    return None


def _stance(tok: Token, lex: Lexicon) -> Pattern | None:
    """An adjective row ("said it is skeptical of", "is optimistic about"): a predicate adjective
    of "be" whose subject is a party that holds the stance."""
    if tok.pos_ != "ADJ" or tok.dep_ != "acomp" or tok.head.lemma_ not in ("be", "remain"):
        return None
    rows = lex.adjs.get(tok.lemma_.lower()) or lex.adjs.get(tok.lower_)
    return match_pattern(rows, tok, verb=False) if rows else None


def _stance_holder(tok: Token, reader: Reader) -> list[Party]:
    """Who holds a stance: the subject of "be", or for "it"/"we"/"they" in a reported clause,
    the speaker ("The ministry said it was skeptical")."""
    be = tok.head
    subj = subject(be)[0]
    if subj and subj[0].tag_ == "PRP" and speech_clause(be, reader.lex):
        speaker = be
        while speaker.dep_ in ("ccomp", "parataxis", "conj") and speaker.head is not speaker:
            speaker = speaker.head
            if speaker.lemma_ in reader.lex.word_set("speech"):
                return reader.parties(subject(speaker)[0]) or reader.parties(subj)
    return reader.parties(subj)


def _issuer(tok: Token, lex: Lexicon) -> Token | None:
    """The verb that issued the document a clause describes: "issued a statement calling on X
    to ...", "in a report that urges ...", "sent a letter asking ..." (the issuer's subject is
    the actor of the appeal)."""
    noun = tok.head
    if tok.dep_ not in ("acl", "relcl") or noun.lemma_.lower() not in lex.word_set("document"):
        return None
    gov = noun.head
    if noun.dep_ == "pobj" and gov.dep_ == "prep":
        gov = gov.head
    elif noun.dep_ not in ("dobj", "obj"):
        return None
    return gov if gov.pos_ in ("VERB", "AUX") and gov is not noun else None


def _event_word(tok: Token, lex: Lexicon) -> bool:
    """Whether a word names a peaceful event ("talks", "the meeting"); an attack may stand for
    its attacker ("US drone strikes killed ...")."""
    if tok.pos_ != "NOUN":
        return False
    rows = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_) or ()
    return bool(rows) and all(p.code[:2] not in _FORCE_ROOTS and p.code[:2] != "14" for p in rows)


def _accusation_content(tok: Token, found: dict[int, tuple[Token, Pattern]]) -> bool:
    """A noun inside what someone is accused of ("accused Rwanda of making accusations", "by
    alleging ...", "alleged that X carried out killings") is the content of the accusation, not a
    second event."""
    t = tok
    for _ in range(6):
        if t.head is t:
            return False
        if t.dep_ == "pcomp" and t.head.lower_ in ("of", "by", "for"):
            gov = t.head.head
            return gov.i in found and found[gov.i][1].code[:2] == "11"
        if t.dep_ == "ccomp" and t.head.i in found and found[t.head.i][1].code[:2] == "11":
            return True  # "alleged that the army helped carry out killings"
        t = t.head
    return False


def _read_drafts(doc: Doc, reader: Reader) -> dict[int, _Draft]:
    lex = reader.lex
    found: dict[int, tuple[Token, Pattern]] = {}
    for tok in doc:
        pattern = reader.match(tok) or _stance(tok, lex)
        if pattern is not None:
            found[tok.i] = (tok, pattern)
    # nouns that a verb pattern consumed as its object ("impose sanctions", "arrange a summit")
    for tok, pattern in list(found.values()):
        if pattern.kind == "verb" and pattern.obj is not None:
            for c in tok.children:
                if c.dep_ in ("dobj", "obj", "nsubjpass", "attr") or c.dep_ == "prep":
                    for o in [c] if c.dep_ != "prep" else [p for p in c.children if p.dep_ == "pobj"]:
                        for x in conjuncts(o):
                            if (
                                x.i in found
                                and found[x.i][1].kind == "noun"
                                and bool({x.lemma_.lower(), x.lower_} & pattern.obj)
                            ):
                                del found[x.i]
    drafts: dict[int, _Draft] = {}
    for i, (tok, pattern) in found.items():
        code = pattern.code
        if code == "019" and (
            children(tok, "xcomp") or any(p.lower_ in ("on", "to") for p in children(tok, "prep"))
        ):
            code = "030"  # "agreed with Iran to hold talks / on a ceasefire": an agreement, not accord
        verbal = pattern.kind == "verb"
        if verbal and _background(tok, found, lex):
            head = drafts.get(tok.head.i)
            if tok.dep_ == "advcl" and head is not None and not head.recipients and head.root == code[:2]:
                keys = {p.key for p in head.actors}  # "opened fire, killing ten soldiers": whom
                head.recipients = [p for p in reader.parties(objects(tok)) if p.key not in keys]
            continue
        if verbal and code[:2] in _VIOLENT_ROOTS and _accident(tok, lex):
            continue
        if not verbal and _accusation_content(tok, found):
            continue
        if not verbal and tok.dep_ == "compound":
            continue  # "the attack capability", "arrest warrants": a modifier, not an event
        if pattern.kind == "adj":
            sources, targets = _stance_holder(tok, reader), []
        elif verbal and _existential(tok):  # a reduced passive: the noun is the patient
            sources = reader.parties([p for _l, p in preps(tok, ("by",))])
            targets = reader.parties([tok.head])
        elif verbal:
            sources, targets = reader.verb_roles(tok, pattern)
            issuer = _issuer(tok, lex) if not sources else None
            if issuer is not None:
                sources = reader.parties(subject(issuer)[0])
            if not sources and (code[:2] in _VIOLENT_ROOTS or code in _EXPULSIONS):
                sources = _passive_attacker(tok, reader)
        else:
            sources, targets = reader.noun_roles(tok, pattern)
        blamer = _blamed(tok) if not sources else None
        if blamer is not None:  # "X was guilty of violating ...", "X is responsible for killings"
            sources = reader.parties(subject(blamer)[0])
        # an event word is no actor ("after talks there with Japan's prime minister during which
        # he pledged ... would coordinate", mis-read with "talks" as the subject of "coordinate")
        subj_toks = subject(tok)[0] if verbal and not children(tok, "auxpass") else []
        if any(_event_word(t, lex) for t in subj_toks):
            sources = []
        elif (
            subj_toks
            and subj_toks[0].i in found
            and found[subj_toks[0].i][1].kind == "noun"
            and {code[:2], found[subj_toks[0].i][1].code[:2]} <= _VIOLENT_ROOTS
        ):
            # "US air strikes killed ten militants", "the Nice attack killed 86": the attack's own
            # attacker (none for a place), not the attack read as a party
            attack = subj_toks[0]
            sources = reader.noun_roles(attack, found[attack.i][1])[0] or (
                [] if any(is_town(m) for m in attack.subtree if m.i != attack.i) else sources
            )
        # a party on both sides is reciprocal, not a target of itself
        keys = {p.key for p in sources}
        targets = [p for p in targets if p.key not in keys]
        sent = tok.sent
        d = _Draft(
            trigger=tok,
            code=code,
            event=pattern.event,
            mode=pattern.mode,
            actors=sources,
            recipients=targets,
            verbal=verbal,
            sentence=(sent.start_char, sent.end_char),
            in_quote=reader.ctx.tok_quote[tok.i] >= 0,
            base=code,
        )
        d.negated = negated(tok) or (pattern.kind == "adj" and negated(tok.head))
        up = tok
        for _ in range(2):
            if up.dep_ not in ("acl", "relcl", "xcomp", "dobj", "obj"):
                break
            up = up.head
            if up.pos_ in ("VERB", "AUX") and negated(up) and up.i not in found:
                d.negated = True
                break
        if verbal:
            aux = _aux_words(tok)
            speech = speech_clause(tok, lex)
            if aux & _FUTURE_AUX or (speech and "would" in aux) or (aux & {"can", "ca"} and d.negated):
                d.hypothetical = True  # "cannot accept more refugees": a refusal, like "will not"
                d.future = True
            elif aux & _COND_AUX or _conditional(tok) or _infinitival_purpose(tok):
                d.hypothetical = True
        else:
            mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}
            if mods & lex.word_set("hypo_mod"):
                d.hypothetical = True
        drafts[i] = d
    _must_requests(doc, reader, drafts)
    _wishes(reader, drafts)
    return drafts


_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_EXPULSIONS = frozenset(
    {"166", "1661", "1662", "1663", "174"}
)  # "two inspectors were expelled from N. Korea"


def _force_word(tok: Token, reader: Reader) -> bool:
    """Whether a word names an attack ("shelling", "air strike", "fire")."""
    if tok.pos_ not in ("NOUN", "VERB"):
        return False
    table = reader.lex.nouns if tok.pos_ == "NOUN" else reader.lex.verbs
    rows = table.get(tok.lemma_.lower()) or table.get(tok.lower_) or ()
    return any(p.code[:2] in _VIOLENT_ROOTS for p in rows) or tok.lemma_.lower() in ("fire", "shelling")


def _passive_attacker(tok: Token, reader: Reader) -> list[Party]:
    """The attacker of a passive attack with no ``by`` agent, when the clause names it otherwise.

    "a mortar bomb was fired at it from the Gaza Strip": the place it came from ("expelled from
    North Korea": the state that expels); "killed in
    Israeli tank shelling" (read by the small model as "in Israeli tank" + "shelling"): the
    country modifying the weapon.
    """
    _subj, passive = subject(tok)
    if not (passive or any(c.dep_ == "auxpass" for c in tok.children)):
        return []
    for _l, p in preps(tok, ("from",)):
        if p.ent_type_ in PLACE_ENTS:
            loc = geocode(np_text(p)[0].removeprefix("the "))
            if loc is not None and loc.country:
                return [Party(None, loc.country, None, np_text(p)[0], p.idx, "place")]
    doc = tok.doc
    for _l, p in preps(tok, ("in", "by")):
        after = doc[p.i + 1] if p.i + 1 < len(doc) else None
        if after is None or not _force_word(after, reader) or p.pos_ != "NOUN":
            continue
        mods = [c for c in p.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")]
        found = [x for x in reader.parties(mods) if x.code]
        if found:
            return found
    return []


def _reported_violence(drafts: dict[int, _Draft], reader: Reader) -> None:
    """A party's own report of violence is news of its own (the PETRARCH and CAMEO reading).

    "Israel said a mortar bomb was fired at it from the Gaza Strip", "the US claimed that ISIL had
    attacked Iraq": the speaker accuses the attacker (CAMEO 112); "the US claimed that they had
    attacked Iraq": it claims responsibility (CAMEO 015). Only a fronted report by a party ("X
    said Y attacked Z"), not a trailing source ("Y attacked Z, X said") or the media's report.
    The reported attack itself stays an event.
    """
    lex = reader.lex
    accusing = lex.word_set("accuse_speech")
    owning = lex.word_set("claim_own")
    media = lex.word_set("media")
    for d in sorted(drafts.values(), key=lambda d: d.trigger.i):
        if d.root not in _VIOLENT_ROOTS or d.negated or d.hypothetical or not d.verbal:
            continue
        clause = d.trigger
        while clause.dep_ == "conj" and clause.head is not clause:
            clause = clause.head
        gov = clause.head
        lemma = gov.lemma_.lower()
        if (
            clause.dep_ != "ccomp"
            or gov.i > d.trigger.i
            or gov.i in drafts
            or lemma not in accusing | owning
            or negated(gov)
            or any(c.dep_ == "aux" and c.lower_ in _COND_AUX | _FUTURE_AUX for c in clause.children)
        ):
            continue
        who, passive = subject(gov)
        speakers = [
            p for p in (reader.parties(who) if not passive else [])
            if (p.code or p.actor) and p.kind not in ("group", "place", None)
            and not set(p.text.lower().split()) & media
        ]  # fmt: skip  # a named party, not "officials and witnesses" or the media
        if not speakers:
            continue
        keys = {p.key for p in speakers}
        own = {p.code for p in speakers if p.code}
        doers = [p for p in d.actors if p.key not in keys and not (p.code and p.code in own)]
        if doers:
            code, recipients = "112", [replace(p) for p in doers]
        elif d.actors and lemma in owning:
            code, recipients = "015", [replace(p) for p in d.recipients]
        else:
            continue
        sent = gov.sent
        drafts[gov.i] = _Draft(
            trigger=gov,
            code=code,
            event=None,
            mode=None,
            actors=speakers,
            recipients=recipients,
            sentence=(sent.start_char, sent.end_char),
            in_quote=reader.ctx.tok_quote[gov.i] >= 0,
            base=code,
        )


def _claimed_attacks(drafts: dict[int, _Draft]) -> list[tuple[_Draft, _Draft]]:
    """ "al-Shabab claimed responsibility for the attack on a mall in Kenya": whoever claims an
    attack is its attacker, and the claim is aimed at the attack's victims (else the country
    where it happened, as PETRARCH codes a claim)."""
    out: list[tuple[_Draft, _Draft]] = []
    for d in drafts.values():
        if d.code != "015":
            continue
        for o in objects(d.trigger):
            for _l, p in preps(o, ("for",)):
                attack = drafts.get(p.i)
                if attack is None or attack.root not in _VIOLENT_ROOTS:
                    continue
                if not attack.actors:
                    attack.actors = [replace(x) for x in d.actors]
                out.append((d, attack))
    return out


_TO_APPEAL = {"04": "026", "05": "022", "06": "021", "07": "023", "08": "025", "045": "028"}


def _wishes(reader: Reader, drafts: dict[int, _Draft]) -> None:
    """ "Obama wants Putin to attack Switzerland": wanting another party to act is an appeal to
    it (CAMEO 02, PLOVER REQUEST); what is wanted is not an event (yet)."""
    wish = reader.lex.word_set("wish")
    for d in sorted(drafts.values(), key=lambda d: d.trigger.i):
        tok = d.trigger
        gov = tok.head
        if (
            not d.verbal
            or tok.dep_ not in ("ccomp", "xcomp")
            or gov.lemma_.lower() not in wish
            or gov.i in drafts
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            continue
        doer = children(tok, SUBJ) or (objects(gov) if tok.dep_ == "xcomp" else [])
        who, passive = subject(gov)
        if not doer or passive or not who:
            continue
        wanters = reader.parties(who)
        keys = {p.key for p in wanters}
        asked = [p for p in reader.parties(doer) if p.key not in keys]
        if not wanters or not asked:
            continue
        d.absorbed = True
        code = _convert(_TO_APPEAL, d.code, "020")
        sent = gov.sent
        drafts[gov.i] = _Draft(
            trigger=gov,
            code=code,
            event=None,
            mode=None,
            actors=wanters,
            recipients=asked,
            negated=negated(gov),
            sentence=(sent.start_char, sent.end_char),
            in_quote=reader.ctx.tok_quote[gov.i] >= 0,
            base=code,
        )


def _must_requests(doc: Doc, reader: Reader, drafts: dict[int, _Draft]) -> None:
    """ "Russia said Sudan must return the helicopter": a demand by the speaker (PLOVER REQUEST)."""
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("ccomp", "acl", "relcl"):
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children):
            continue
        gov = tok.head
        if gov.pos_ in ("NOUN", "PROPN"):
            gov = gov.head
        if gov is tok or gov.pos_ not in ("VERB", "AUX") or gov.i in drafts:
            continue
        who, passive = subject(gov)
        if passive or not who:
            continue
        sources = reader.parties(who)
        targets = reader.parties(children(tok, SUBJ))
        if not sources or not targets:
            continue
        if tok.i in drafts:
            drafts[tok.i].absorbed = True
        sent = gov.sent
        drafts[gov.i] = _Draft(
            trigger=gov,
            code="100",
            event=None,
            mode=None,
            actors=sources,
            recipients=[p for p in targets if p.key not in {q.key for q in sources}],
            sentence=(sent.start_char, sent.end_char),
            in_quote=reader.ctx.tok_quote[gov.i] >= 0,
            base="100",
        )


_COOP_ROOTS = frozenset({"04", "05", "06", "07", "08"})
_FORCE_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})


def _depth(tok: Token) -> int:
    n = 0
    while tok.head is not tok and n < 50:
        tok = tok.head
        n += 1
    return n


def _fill(outer: _Draft, inner: _Draft) -> None:
    if not outer.actors:
        outer.actors = inner.actors
    if not outer.recipients:
        keys = {p.key for p in outer.actors}
        outer.recipients = [p for p in inner.recipients if p.key not in keys]


def _absorb(drafts: dict[int, _Draft], lex: Lexicon) -> dict[int, _Draft]:
    """Fold "refused to meet", "agreed to lift", "threatened to attack" into one event each."""
    intent = lex.word_set("intent")
    intent_adj = lex.word_set("intent_adj")
    hypo = lex.word_set("hypo")
    threat = lex.word_set("threat")
    refuse = lex.word_set("refuse")
    for d in sorted(drafts.values(), key=lambda d: -_depth(d.trigger)):
        if d.absorbed:
            continue
        tok = d.trigger
        sd = drafts.get(tok.head.i) if tok.dep_ == "nsubj" and not d.verbal else None
        if sd is not None and not sd.absorbed and sd.verbal and {sd.root, d.root} <= _VIOLENT_ROOTS:
            # "US air strikes killed ten militants": one attack, as specific as the noun says
            if sd.code == sd.root + "0":
                sd.code, sd.base, sd.event, sd.mode = d.code, d.base, d.event, d.mode
            if not sd.actors:
                sd.actors = d.actors
            d.absorbed = True
            continue
        if tok.dep_ not in ("xcomp", "ccomp", "dobj", "obj", "pobj", "nsubjpass", "advcl", "conj", "acl"):
            continue
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        if tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "obj") and tok.head.i not in drafts:
            gov = tok.head.head
        if tok.dep_ == "conj":  # "agreed to compile and turn over": the first conjunct's governor
            first = tok.head
            if first.dep_ not in ("xcomp", "ccomp"):
                continue
            gov = first.head
        if gov is tok or (tok.dep_ == "ccomp" and tok.i < gov.i):
            continue
        if gov.pos_ == "ADJ" and gov.dep_ == "acomp":
            g_lemma = gov.lemma_.lower()
            gd = None
        else:
            g_lemma = gov.lemma_.lower()
            gd = drafts.get(gov.i)
        if gd is not None and gd.absorbed:
            gd = None
        neg_gov = negated(gov)
        if g_lemma in refuse:
            if gd is not None:
                if gd.root == "12":
                    gd.code = _convert(_TO_REJECT, d.code, gd.code)
                _fill(gd, d)
                d.absorbed = True
            else:
                d.negated = True
            continue
        if g_lemma in threat and gd is not None and gd.root == "13":
            gd.code = _convert(_TO_THREAT, d.code, gd.code)
            _fill(gd, d)
            d.absorbed = True
            continue
        if g_lemma in intent or g_lemma in intent_adj:
            if gd is not None and gd.root == "03":
                if d.root in _FORCE_ROOTS or d.root in ("10", "11", "12", "13", "14"):
                    d.hypothetical = True
                    if not d.actors:
                        d.actors = gd.actors
                    d.negated = d.negated or gd.negated
                    gd.absorbed = True
                else:
                    gd.code = _convert(_TO_AGREE, d.code, d.code if d.root == "03" else gd.code)
                    gd.negated = gd.negated or d.negated
                    _fill(gd, d)
                    d.absorbed = True
                continue
            if d.root in _COOP_ROOTS:
                d.code = _convert(_TO_AGREE, d.code, d.code)
                d.hypothetical = False
                d.future = False
            elif (d.root in _FORCE_ROOTS or d.root == "14") and (
                g_lemma in ("want", "plan", "intend", "prepare", "aim", "vow", "swear")
                or g_lemma in intent_adj
            ):
                d.code = _convert(_TO_THREAT, d.code, d.code)
                d.hypothetical = False
            else:
                d.hypothetical = True
            d.negated = d.negated or neg_gov
            continue
        if gd is not None and tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "obj"):
            _fill(gd, d)  # "gave permission to Russia to help Israel": the content of the object
            d.absorbed = True
            continue
        if gd is not None and d.verbal and _infinitival_purpose(tok):
            _fill(gd, d)  # "gave permission to Russia to help Israel": what it is for, not an event
            d.absorbed = True
            continue
        if g_lemma in hypo:
            d.hypothetical = True
            d.future = False
            d.negated = d.negated or neg_gov
            continue
        if gd is not None and gd.root in ("02", "10") and tok.dep_ in ("xcomp", "ccomp", "acl", "advcl"):
            _fill(gd, d)  # what is asked for is not (yet) an event: "asking Obama to help Iran"
            d.absorbed = True
            continue
        if (
            gd is not None
            and not d.verbal
            and tok.dep_ == "pobj"
            and tok.head.lower_ in ("in", "by", "with")
            and (gd.event or gd.root) == (d.event or d.root)
        ):
            if not gd.actors:  # "were killed in Israeli tank shelling"
                gd.actors = d.actors
            d.absorbed = True
            continue
        if (
            gd is not None
            and not d.verbal
            and (tok.dep_ in ("dobj", "obj") or (tok.dep_ == "pobj" and tok.head.lower_ == "as"))
            and (gd.root in ("11", "12") or gd.code == "016")
            and d.root not in _FORCE_ROOTS
        ):
            # "condemned as unacceptable allegations by Rwanda": the condemnation is aimed at
            # the allegations' author; the allegations were news before (violence stays news)
            if not gd.recipients:
                keys = {p.key for p in gd.actors}
                gd.recipients = [p for p in d.actors if p.key not in keys]
            d.absorbed = True
            continue
        if (
            gd is not None
            and not d.verbal
            and tok.dep_ in ("dobj", "obj")
            and not any(c.dep_ == "poss" for c in tok.children)
        ):
            if not preps(tok, ("by",)):
                d.absorbed = True  # "condemned the attack": the object, not a second report
                continue
    for d in drafts.values():
        if d.future and not d.absorbed and not d.negated and _unless(d.trigger):
            # "will withdraw its force unless the president arranges a ceasefire": a threat
            d.code = _convert(_TO_THREAT, d.code, "130")
            d.hypothetical = False
        elif d.future and not d.absorbed and d.root in _COOP_ROOTS:
            d.code = _convert(_TO_AGREE, d.code, d.code)
            d.hypothetical = False
        elif d.future and not d.absorbed and d.root in ("14", "15", "17", "18", "19", "20") and not d.negated:
            # an announced blockade, boycott, curfew or attack is a threat (PLOVER THREATEN)
            d.code = _convert(_TO_THREAT, d.code, "130")
            d.hypothetical = False
        if d.negated and d.root == "03":
            # "said he would not provide support": a refusal (PLOVER REJECT), not a negated promise
            d.code = _convert(_TO_REJECT, d.base, "120")
            d.negated = False
            d.hypothetical = d.hypothetical and not d.future  # "will not accept": refused now
    kept = {i: d for i, d in drafts.items() if not d.absorbed}
    # "the North has rejected that": the recipients are whoever made the demand just before
    ordered = sorted(kept.values(), key=lambda d: d.trigger.i)
    for n, d in enumerate(ordered):
        if d.root == "12" and not d.recipients:
            if any(o.lower_ in ("that", "it", "this", "them") for o in objects(d.trigger)):
                for prev in reversed(ordered[:n]):
                    if prev.root in ("10", "02") and d.trigger.i - prev.trigger.i < 80:
                        keys = {p.key for p in d.actors}
                        d.recipients = [p for p in prev.actors if p.key not in keys]
                        break
    return kept


def _finer(a: Location | None, b: Location | None) -> bool:
    """Whether ``b`` is a finer place than ``a`` inside the same country."""
    if b is None:
        return False
    if a is None:
        return True
    return a.lat is None and b.lat is not None and a.country == b.country


def _date_and_place(doc: Doc, drafts: dict[int, _Draft], ctx: Context, document: Document) -> None:
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
            if t.dep_ in ("nsubj", "nsubjpass") and _person_at(ctx, t)
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
            for frame in _frames(d, in_sent):
                if d.date_source != "text" and frame.date_source == "text":
                    d.date, d.precision, d.date_source = frame.date, frame.precision, "text"
                if not d.loc_explicit and frame.loc_explicit:
                    d.location, d.loc_explicit = frame.location, True
                if frame.kind == d.kind and {p.key for p in frame.actors} & {p.key for p in d.actors}:
                    frame.absorbed = True
        # where the actors are now: movement verbs and placed events
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
            if d.location is not None and d.loc_explicit:
                for party in d.actors:
                    _set_carry(
                        carry,
                        party.key,
                        d.location,
                        d.date if d.date_source != "published" else anchor,
                        s_index,
                    )
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
            _protest_aim(d, in_sent, ctx)
            _purpose_target(d, ctx)
            _default_recipient(d)
            _default_attacker(d)
            _domestic_target(d)
            _domestic_actor(d)


_TROOP_WORDS = ("troop", "soldier", "forces", "peacekeep", "marines", "paratroop", "battalion", "brigade")


def _troops(p: Party) -> bool:
    low = p.text.lower()
    return p.kind != "person" and p.sector in (None, "MIL") and any(w in low for w in _TROOP_WORDS)


def _frames(d: _Draft, in_sent: dict[int, _Draft]) -> list[_Draft]:
    """Nominal events that frame another in time ("held talks during a visit")."""
    heads = [d.trigger] + (objects(d.trigger) if d.verbal else [])
    return [
        in_sent[p.i] for h in heads for _l, p in preps(h, ("during", "amid"))
        if p.i in in_sent and in_sent[p.i] is not d
    ]  # fmt: skip


def _person_at(ctx: Context, tok: Token) -> bool:
    mi = ctx.tok_mention[tok.i]
    if mi < 0:
        return False
    actor = ctx.actors.get(ctx.mentions[mi].actor or "")
    return actor is not None and actor.kind == "person"


def _peacekeeping(d: _Draft) -> bool:
    """A deployment of peacekeepers, or of troops on a peacekeeping mission (CAMEO 074)."""
    if any("peacekeep" in p.text.lower() for p in d.actors + d.recipients):
        return True
    subj = {t.i for s in children(d.trigger, SUBJ) for t in s.subtree}
    return any(t.lower_.startswith("peacekeep") for t in d.trigger.subtree if t.i not in subj)


def _protester(p: Party) -> bool:
    low = p.text.lower()
    return p.sector == "OPP" or any(w in low for w in ("protest", "demonstrat", "rioter"))


def _protest_aim(d: _Draft, in_sent: dict[int, _Draft], ctx: Context) -> None:
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


def _purpose_target(d: _Draft, ctx: Context) -> None:
    """A force used with no target takes the object of its purpose ("opened fire to disperse
    demonstrators"); troops mobilised take the enemy they are mobilised against ("mobilised
    reservists for a war against Iraq")."""
    own = {p.key for p in d.actors}
    codes = {p.code for p in d.actors if p.code}
    if d.root in ("15", "18", "19", "20") and not d.recipients:
        for c in d.trigger.children:
            if _infinitival_purpose(c):
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


def _domestic_target(d: _Draft) -> None:
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


def _domestic_actor(d: _Draft) -> None:
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


def _default_recipient(d: _Draft) -> None:
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
            if victim.code is None and (victim.actor is None or victim.sector in _STATE_SECTORS):
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


def _default_attacker(d: _Draft) -> None:
    """An attack with no named attacker on foreigners takes the country where it happened, as
    PLOVER and PETRARCH code it ("three US servicemen were killed by a roadside bomb near
    Basra": IRQ; "ten Russian soldiers killed in Ukraine": UKR). Victims of the place's own
    country give no such default ("four children were killed in Gaza")."""
    if d.actors or d.root not in _VIOLENT_ROOTS or d.location is None or not d.loc_explicit:
        return
    country = d.location.country
    victims = {p.code for p in d.recipients if p.code and p.kind != "place"}
    if country and victims and country not in victims:
        d.actors = [Party(None, country, None, d.location.place, -1, "place")]


def ctx_parties(ctx: Context, toks: Sequence[Token]) -> list[Party]:
    return Reader(ctx).parties(toks)


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


def _ahead(d: _Draft) -> bool:
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


# ---------------------------------------------------------------------------------------------
# one event per happening


def _codes(parties: Sequence[Party]) -> set[str]:
    return {p.code for p in parties if p.code}


def _dates_fit(a: _Draft, b: _Draft, anchor: date | None) -> bool:
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


def _same_happening(a: _Draft, b: _Draft, anchor: date | None) -> bool:
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


def _conflict(a: _Draft, b: _Draft, anchor: date | None) -> bool:
    """Two reports that cannot be the same happening: other day, other counterpart state."""
    if not _dates_fit(a, b, anchor) or a.negated != b.negated or a.hypothetical != b.hypothetical:
        return True
    codes_a = _codes(a.actors + a.recipients)
    codes_b = _codes(b.actors + b.recipients)
    return len(codes_a) > 1 and len(codes_b) > 1 and codes_a != codes_b


def _clarity(d: _Draft, headline_end: int) -> float:
    score = 0.0
    score += 2 if d.actors and d.recipients else 0
    score += 1 if d.verbal else 0
    score += 1 if d.date_source == "text" else 0
    score += 1 if d.loc_explicit else 0
    score -= 1 if d.in_quote else 0
    score -= 1.5 if d.sentence[0] < headline_end else 0
    return score - d.sentence[0] * 1e-7


def _merge(drafts: list[_Draft], anchor: date | None) -> list[list[_Draft]]:
    groups: list[list[_Draft]] = []
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


def _finish(groups: list[list[_Draft]], lex: Lexicon, document: Document) -> tuple[Event, ...]:
    headline_end = 0
    for para in document.paragraphs:
        if para.role in ("headline", "standfirst"):
            headline_end = max(headline_end, para.end)
    text: str = document.text
    paragraphs = [(para.start, para.end) for para in document.paragraphs]
    made: list[tuple[int, Event]] = []
    for g in groups:
        best = max(g, key=lambda d: _clarity(d, headline_end))
        code = best.code
        if best.root == "04":
            code = min((d.code for d in g if d.root == "04"), key=lambda c: _CONSULT_PRIORITY.get(c, 9))
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
                or _finer(location, d.location)
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
        for d in g:
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


def _clip(d: _Draft, paragraphs: Sequence[tuple[int, int]], text: str) -> Span:
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
