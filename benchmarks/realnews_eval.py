"""Real-article event benchmark: WikiEvents documents and RAMS windows, scored in PLOVER types.

Run from the checkout (reads ../shared/data/corpora, or $DATELINE_SHARED/data/corpora)::

    .venv/bin/python benchmarks/realnews_eval.py                  # dev and test, every record
    .venv/bin/python benchmarks/realnews_eval.py --split dev --misses 40
    .venv/bin/python benchmarks/realnews_eval.py --split test --limit 300
    .venv/bin/python benchmarks/realnews_eval.py --set wikievents --json   # one set, as JSON

The dev splits are for reading misses and improving the event rules; the test splits are held
out (look at their figures, not at their sentences).

What runs: the real pipeline (``dateline.pipeline.Pipeline``: parse → nlp → actors → quotes →
events, spaCy sm by default) on each record's text, as an ``Article``. Offsets of our events
(``Event.evidence``, ``Event.support``: the sentences of the event and of the other reports merged
into it) are mapped back to that text with ``Document.raw_offset``.

The texts
* WikiEvents (``wikievents-dev-test/{dev,test}.jsonl``, 20 + 20 news documents): the file's
  ``text`` joins the sentences with no character between them ("…in SyriaThe desert…"), so the
  text is rebuilt from ``sentences``: each sentence's own text, joined by one space where the
  original had a one-character gap after a sentence that ends in . ! ? or a closing quote, or
  after a dateline dash ("LONDON —"), and by a blank line otherwise (headlines, standfirsts and
  wider gaps: paragraph breaks). A token's character offset is its offset inside its sentence
  (token start − the sentence's first token start, checked against every token) plus where the
  sentence sits in the rebuilt text. Publication time: the date in a VOA id, else 2019-01-01.
* RAMS (``rams-1.0-dev-test/{dev,test}.jsonlines``, 924 + 871 five-sentence windows of 2016
  news): the tokens are joined with the usual English spacing (no space before , . : ; ? ! ) ]
  % n't 's 're …, none after ( [ $ £ # and opening quotes, none around a hyphen token; straight
  quotes alternate open/close), the sentences by one space; each token keeps its character
  span. Publication time 2016-07-01.

Gold types and PLOVER (``WIKIEVENTS_MAP``, ``RAMS_MAP``: the first pattern that matches the gold
type wins; its first PLOVER type is the one the gold is filed under, the others are acceptable
alternatives where PLOVER genuinely overlaps):
* WikiEvents (KAIROS): Conflict.Attack.* → ASSAULT; Conflict.Demonstrate → PROTEST (with
  violence: or ASSAULT); Contact.Contact.Meet → CONSULT; Contact.RequestCommand.* → REQUEST
  (.Meet: or CONSULT); Contact.ThreatenCoerce.* → THREATEN or COERCE; Justice.ArrestJailDetain →
  COERCE or ASSAULT (armed groups "capture"; CAMEO 181 abduct); Justice.ReleaseParole → RETREAT
  (mode release) or CONCEDE; Justice.ChargeIndict → ACCUSE or COERCE (CAMEO 112 "charged with" is
  ACCUSE, 173 "indicted" is COERCE); Justice.InvestigateCrime → ACCUSE (mode investigate).
* RAMS (AIDA): conflict.attack.* → ASSAULT (.invade: or COERCE, CAMEO 192 occupy territory),
  except stealrobhijack (robbery: ordinary crime, not scored); conflict.demonstrate.* → PROTEST;
  conflict.yield.* → RETREAT or CONCEDE;
  contact.collaborate.meet, contact.discussion.*, contact.negotiate.* → CONSULT;
  contact.commandorder.*, contact.requestadvise.* → REQUEST (PLOVER's DEMAND is coded REQUEST by
  dateline, CAMEO 10); contact.threatencoerce.* → THREATEN or COERCE;
  contact.commitmentpromiseexpressintent.* → AGREE or THREATEN (PLOVER: intended cooperation is
  AGREE, intended force THREATEN); government.agreements.{acceptagreementcontractceasefire,n/a}
  → AGREE, or RETREAT (ceasefire) or COOPERATE; government.agreements.rejectnullify… → REJECT;
  *.embargosanction → SANCTION or PROTEST (a boycott is CAMEO 143, PLOVER PROTEST);
  *.giftgrantprovideaid → AID or COOPERATE; transaction.transaction.transfercontrol (seize,
  confiscate) → COERCE or ASSAULT; justice.arrestjaildetain.* and movement.*.preventexit (their
  triggers are arrests, captures, jailings) → COERCE or ASSAULT;
  justice.initiatejudicialprocess.chargeindict → ACCUSE or COERCE; justice.investigate.* →
  ACCUSE; justice.judicialconsequences.extradite → COERCE (CAMEO 174 deport).
* Not scored as gold (PLOVER has no such event type, or the AIDA class is mostly something
  else): Life.Die/Injure, Movement.Transportation, Disaster.*, Transaction.ExchangeBuySell,
  Cognitive.*, Contact.Contact.{Unspecified,Broadcast,Correspondence} (mostly "said"),
  Justice.{Sentence,Convict,TrialHearing}, GenericCrime, ArtifactExistence.*, Personnel.*,
  Control.*, Medical.*; in RAMS also contact.collaborate.{correspondence,n/a} (mostly Clinton's
  "emails"), contact.{prevarication,mediastatement,publicstatementinperson,funeralvigil},
  government.{legislate,vote,spy,formation}, inspection.*, other transaction and movement
  types, personnel.*, life.*, disaster.*, manufacture.*, artifactexistence.*,
  conflict.attack.stealrobhijack, justice.judicialconsequences.{convict,execute,n/a},
  justice.initiatejudicialprocess.{trialhearing,n/a}, government.agreements.violateagreement.

Matching (sentence level: events carry no trigger offset): a gold mention is matched by an
event of ours of an acceptable type when the gold trigger's first character lies inside the
event's evidence sentence or one of its support sentences. Negated and hypothetical events
count (the gold annotates mentions whatever their modality); events without a PLOVER type
(plain statements) never match.

Figures
* WikiEvents (every mention annotated, so both directions):
  - recall, per PLOVER type (the gold's first type) and overall: matched mapped gold mentions /
    mapped gold mentions;
  - precision, per our type and overall, over our *claims*: one claim per (event, sentence) for
    the evidence and each support sentence, for the event types the mapping covers
    (``PRECISION_SCOPE``: ASSAULT, PROTEST, CONSULT, REQUEST, THREATEN, COERCE; RETREAT only in
    mode release and ACCUSE only in mode investigate, because WikiEvents has no type for
    withdrawals or verbal accusations). A claim is correct when its sentence holds a gold
    mention for which the claim's type is acceptable, or a mention *compatible* with it
    (``COMPATIBLE``): for ASSAULT a Life.Die or Life.Injure mention from violence (no
    MedicalIssue argument and no Disaster/Medical mention in the same sentence: "kill" is
    PLOVER ASSAULT), ArtifactExistence damage/destroy (CAMEO 1712), GenericCrime (murder,
    terrorism); for COERCE and ACCUSE a Justice.Sentence/Convict/TrialHearing mention or
    GenericCrime (CAMEO 173 "legal action"); for COERCE a Control.ImpedeInterfereWith mention;
    for CONSULT a Contact.Contact.Correspondence mention (PLOVER CONSULT, mode phone). F1 is the
    harmonic mean of the two. WikiEvents does not annotate every PLOVER event ("called on the
    government to ...", "boycotting the election" are often unannotated), so precision is a
    lower bound;
  - document recall: of the (document, PLOVER type) pairs the gold holds, the share where we
    report some event of an acceptable type anywhere in the document (event data keeps one
    event per happening with coded parties, so this is the event-data view of recall);
  - argument agreement over matched gold mentions: a party argument of the gold (actor side:
    Attacker, Communicator, Demonstrator, Jailer, Prosecutor, Investigator, Participant…;
    recipient side: Target, Victim, Recipient, Detainee, Defendant, Participant…) agrees with
    a party of one of the matching events when they share a content word (lower-cased, stop
    words and pronouns dropped), our party read as its text plus its actor's name and aliases,
    the gold argument as the text of every mention in its coreference cluster. Figures: *any*
    (some party of ours agrees with some gold party), *actor* (our actor side with the gold
    actor side) and *recipient* (our recipient side, or for reciprocal events any of ours,
    with the gold recipient side), each over the matched mentions whose gold has such an
    argument.
* RAMS (one annotated trigger per window, so recall only): recall per PLOVER type and overall,
  window recall (the document recall above, a window being the document), argument agreement
  as above (RAMS roles, no coreference); beside it, on its own line, the
  recall of life.die.deathcausedbyviolentevents and life.injure.injurycausedbyviolentevents as
  ASSAULT (not part of the overall figure).

``evaluate(shared_data, ...)`` returns the figures as a dict; tests/test_gate_realnews.py
imports it. A full run (both sets, both splits) takes about two minutes on two cores, most of it
RAMS; ``--limit`` runs the first N records of each set and split.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dateline.ingest import article_from_text
from dateline.pipeline import Pipeline
from dateline.records import Actor, Event, EventActor, Extraction

Mapping = tuple[tuple[str, tuple[str, ...]], ...]

#: KAIROS type pattern → PLOVER types (the first is the gold's; the rest are acceptable too).
WIKIEVENTS_MAP: Mapping = (
    (r"Conflict\.Attack\.", ("ASSAULT",)),
    (r"Conflict\.Demonstrate\.DemonstrateWithViolence", ("PROTEST", "ASSAULT")),
    (r"Conflict\.Demonstrate\.", ("PROTEST",)),
    (r"Contact\.Contact\.Meet", ("CONSULT",)),
    (r"Contact\.RequestCommand\.Meet", ("REQUEST", "CONSULT")),
    (r"Contact\.RequestCommand\.", ("REQUEST",)),
    (r"Contact\.ThreatenCoerce\.", ("THREATEN", "COERCE")),
    (r"Justice\.ArrestJailDetain\.", ("COERCE", "ASSAULT")),
    (r"Justice\.ReleaseParole\.", ("RETREAT", "CONCEDE")),
    (r"Justice\.ChargeIndict\.", ("ACCUSE", "COERCE")),
    (r"Justice\.InvestigateCrime\.", ("ACCUSE",)),
)

#: AIDA type pattern → PLOVER types; an empty tuple keeps a type out of the scoring.
RAMS_MAP: Mapping = (
    (r"conflict\.attack\.stealrobhijack", ()),
    (r"conflict\.attack\.invade", ("ASSAULT", "COERCE")),
    (r"conflict\.attack\.", ("ASSAULT",)),
    (r"conflict\.demonstrate\.", ("PROTEST",)),
    (r"conflict\.yield\.", ("RETREAT", "CONCEDE")),
    (r"contact\.collaborate\.meet", ("CONSULT",)),
    (r"contact\.discussion\.", ("CONSULT",)),
    (r"contact\.negotiate\.", ("CONSULT",)),
    (r"contact\.commandorder\.", ("REQUEST",)),
    (r"contact\.requestadvise\.", ("REQUEST",)),
    (r"contact\.threatencoerce\.", ("THREATEN", "COERCE")),
    (r"contact\.commitmentpromiseexpressintent\.", ("AGREE", "THREATEN")),
    (
        r"government\.agreements\.(acceptagreementcontractceasefire|n/a)",
        ("AGREE", "RETREAT", "COOPERATE"),
    ),
    (r"government\.agreements\.rejectnullifyagreementcontractceasefire", ("REJECT",)),
    (r"transaction\.\w+\.embargosanction", ("SANCTION", "PROTEST")),
    (r"transaction\.\w+\.giftgrantprovideaid", ("AID", "COOPERATE")),
    (r"transaction\.transaction\.transfercontrol", ("COERCE", "ASSAULT")),
    (r"justice\.arrestjaildetain\.", ("COERCE", "ASSAULT")),
    (r"movement\.transport(person|artifact)\.preventexit", ("COERCE", "ASSAULT")),
    (r"justice\.initiatejudicialprocess\.chargeindict", ("ACCUSE", "COERCE")),
    (r"justice\.investigate\.", ("ACCUSE",)),
    (r"justice\.judicialconsequences\.extradite", ("COERCE",)),
)

#: RAMS types scored on their own line as ASSAULT (not in the overall recall).
RAMS_VIOLENT = (r"life\.die\.deathcausedbyviolentevents", r"life\.injure\.injurycausedbyviolentevents")

#: Our event types counted for WikiEvents precision; a set limits a type to those modes.
PRECISION_SCOPE: dict[str, frozenset[str] | None] = {
    "ASSAULT": None,
    "PROTEST": None,
    "CONSULT": None,
    "REQUEST": None,
    "THREATEN": None,
    "COERCE": None,
    "RETREAT": frozenset({"release"}),
    "ACCUSE": frozenset({"investigate"}),
}

#: Unscored KAIROS types whose mention in a sentence makes a claim of these types correct.
COMPATIBLE: tuple[tuple[str, frozenset[str]], ...] = (
    (r"Life\.(Die|Injure)\.", frozenset({"ASSAULT"})),  # only from violence, see _violent
    (r"ArtifactExistence\.DamageDestroyDisableDismantle\.(Damage|Destroy)", frozenset({"ASSAULT"})),
    (r"GenericCrime\.", frozenset({"ASSAULT", "ACCUSE", "COERCE"})),
    (r"Justice\.(Sentence|Convict|TrialHearing)\.", frozenset({"COERCE", "ACCUSE"})),
    (r"Control\.ImpedeInterfereWith\.", frozenset({"COERCE"})),
    (r"Contact\.Contact\.Correspondence", frozenset({"CONSULT"})),
)

#: Gold roles on the actor side and on the recipient side (lower case; RAMS prefixes removed).
ACTOR_ROLES = frozenset(
    {
        "attacker",
        "communicator",
        "demonstrator",
        "jailer",
        "prosecutor",
        "investigator",
        "participant",
        "killer",
        "injurer",
        "preventer",
        "yielder",
        "retreater",
        "surrenderer",
        "rejecternullifier",
        "extraditer",
        "judgecourt",
    }
)
RECIPIENT_ROLES = frozenset(
    {
        "target",
        "victim",
        "recipient",
        "detainee",
        "defendant",
        "participant",
        "otherparticipant",
        "passenger",
        "beneficiary",
    }
)
#: Per mapped PLOVER type, roles that move side (the giver of aid acts; the giver of a blocked
#: transaction is a target of the sanction; a prevented transporter is the detainee).
ROLE_SIDE: dict[str, dict[str, str]] = {
    "AID": {"giver": "actor"},
    "SANCTION": {"giver": "recipient"},
    "COERCE": {"transporter": "recipient", "giver": "recipient"},
}
RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})

_STOP = frozenset(
    "a an the of and or in on at to for by with from as its his her their our my your this that "
    "these those he she it they them him we us i you who which whom s mr mrs ms dr".split()
)

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared")) / "data"


def plover_types(gold_type: str, mapping: Mapping) -> tuple[str, ...]:
    """The PLOVER types a gold type maps to (first: the gold's own), () when not scored."""
    for pattern, types in mapping:
        if re.match(pattern, gold_type):
            return types
    return ()


def _compatible(gold_type: str) -> frozenset[str]:
    for pattern, types in COMPATIBLE:
        if re.match(pattern, gold_type):
            return types
    return frozenset()


@dataclass(frozen=True)
class Gold:
    """One gold event mention, with offsets into the text we built."""

    type: str
    trigger: str
    start: int
    end: int
    sentence: tuple[int, int]
    actor_args: tuple[frozenset[str], ...] = ()  # each argument: the words of its mentions
    recipient_args: tuple[frozenset[str], ...] = ()
    violent: bool = False  # Life.Die/Injure not from illness or a disaster


@dataclass
class Record:
    id: str
    text: str
    published: datetime
    golds: list[Gold] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# reading the corpora


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"\w+", text.lower()) if w not in _STOP)


def _role_side(role: str, ptype: str) -> str | None:
    side = ROLE_SIDE.get(ptype, {}).get(role)
    if side is not None:
        return side
    if role in ACTOR_ROLES:
        return "actor"
    if role in RECIPIENT_ROLES:
        return "recipient"
    return None


Args = tuple[frozenset[str], ...]


def _split_args(args: Iterable[tuple[str, frozenset[str]]], ptype: str) -> tuple[Args, Args]:
    actors: list[frozenset[str]] = []
    recipients: list[frozenset[str]] = []
    for role, words in args:
        if not words:
            continue
        if role == "participant":  # reciprocal: either side
            actors.append(words)
            recipients.append(words)
            continue
        side = _role_side(role, ptype)
        if side == "actor":
            actors.append(words)
        elif side == "recipient":
            recipients.append(words)
    return tuple(actors), tuple(recipients)


_VOA_DATE = re.compile(r"(\d{4})\.(\d{2})\.(\d{2})")
_TERMINAL = (".", "!", "?", '"', "”", "'", "’")
_DASHES = ("—", "–", "-")


def wikievents_text(record: dict[str, Any]) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The document text rebuilt from its sentences, each token's and each sentence's span."""
    parts: list[str] = []
    tokens: list[tuple[int, int]] = []
    sentences: list[tuple[int, int]] = []
    offset = 0
    prev_end: int | None = None
    prev_text = ""
    for toks, sent_text in record["sentences"]:
        first = toks[0][1]
        if prev_end is not None:
            gap = first - prev_end
            tail = prev_text.rstrip()
            joined = (gap == 1 and tail.endswith(_TERMINAL)) or tail.endswith(_DASHES)
            sep = " " if joined else "\n\n"
            if joined and prev_text != tail:  # the sentence's own trailing space ("LONDON —\xa0")
                sep = ""
            parts.append(sep)
            offset += len(sep)
        for word, start, end in toks:
            a, b = offset + start - first, offset + end - first
            if sent_text[start - first : end - first] != word:
                raise ValueError(f"{record['doc_id']}: token {word!r} is not at its offset")
            tokens.append((a, b))
        sentences.append((offset, offset + len(sent_text)))
        parts.append(sent_text)
        offset += len(sent_text)
        prev_end = toks[-1][2]
        prev_text = sent_text
    return "".join(parts), tokens, sentences


def read_wikievents(corpora: Path, split: str) -> list[Record]:
    folder = corpora / "wikievents-dev-test"
    clusters: dict[str, list[str]] = {}
    for row in _read_jsonl(folder / "coref" / f"{split}.jsonlines"):
        for cluster in row["clusters"]:
            for ent in cluster:
                clusters[ent] = cluster
    out: list[Record] = []
    for raw in _read_jsonl(folder / f"{split}.jsonl"):
        text, tokens, sentences = wikievents_text(raw)
        words = {m["id"]: _words(m["text"]) for m in raw["entity_mentions"]}
        date = _VOA_DATE.search(raw["doc_id"])
        published = (
            datetime(int(date[1]), int(date[2]), int(date[3]), 12, tzinfo=UTC)
            if date
            else datetime(2019, 1, 1, 12, tzinfo=UTC)
        )
        mentions = raw["event_mentions"]
        sent_types: dict[int, set[str]] = {}
        for m in mentions:
            sent_types.setdefault(m["trigger"]["sent_idx"], set()).add(m["event_type"])
        rec = Record(raw["doc_id"], text, published)
        for m in mentions:
            etype = m["event_type"]
            trig = m["trigger"]
            start = tokens[trig["start"]][0]
            end = tokens[trig["end"] - 1][1]
            if "".join(text[start:end].split()) != "".join(trig["text"].split()):
                raise ValueError(f"{raw['doc_id']}: trigger {trig['text']!r} read {text[start:end]!r}")
            ptypes = plover_types(etype, WIKIEVENTS_MAP)
            args = []
            for a in m["arguments"]:
                group = clusters.get(a["entity_id"], [a["entity_id"]])
                ws = frozenset().union(*(words.get(e, frozenset()) for e in group)) | _words(a["text"])
                args.append((a["role"].lower(), ws))
            actor_args, recipient_args = _split_args(args, ptypes[0] if ptypes else "")
            roles = {a["role"] for a in m["arguments"]}
            violent = (
                etype.startswith(("Life.Die", "Life.Injure"))
                and not roles & {"MedicalIssue", "MedicalCondition", "Disease"}
                and not any(
                    t.startswith(("Disaster.", "Medical.")) for t in sent_types.get(trig["sent_idx"], ())
                )
            )
            rec.golds.append(
                Gold(
                    etype,
                    trig["text"],
                    start,
                    end,
                    sentences[trig["sent_idx"]],
                    actor_args,
                    recipient_args,
                    violent,
                )
            )
        out.append(rec)
    return out


_NO_SPACE_BEFORE = frozenset(
    {",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "...", "…", "”", "’"}
    | {p + s for p in ("'", "’") for s in ("s", "S", "re", "ve", "m", "ll", "d", "t")}
    | {"n't", "n’t", "N'T", "N’T"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "£", "€", "#", "“", "‘", "@"})


def rams_text(sentences: Sequence[Sequence[str]]) -> tuple[str, list[tuple[int, int]]]:
    """The window's tokens joined with English spacing, and each token's span."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    prev = ""
    open_quote = {'"': False, "'": False}
    for s_i, sentence in enumerate(sentences):
        for t_i, tok in enumerate(sentence):
            space = bool(out)
            if tok in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER or tok == "-" or prev == "-":
                space = False
            if tok in open_quote:
                if tok == "'" and not open_quote["'"] and prev[-1:] in ("s", "S"):
                    space = False  # the soldiers' kit
                elif open_quote[tok]:
                    space = False
                    open_quote[tok] = False
                else:
                    open_quote[tok] = True
            elif prev in open_quote and open_quote.get(prev, False):
                space = False  # just after an opening quote
            if s_i and not t_i:
                space = True  # a new sentence
            if space:
                out.append(" ")
                offset += 1
            spans.append((offset, offset + len(tok)))
            out.append(tok)
            offset += len(tok)
            prev = tok
    return "".join(out), spans


def _rams_role(role: str) -> str:
    return re.sub(r"^evt\d+arg\d+", "", role)


def read_rams(corpora: Path, split: str) -> list[Record]:
    out: list[Record] = []
    for raw in _read_jsonl(corpora / "rams-1.0-dev-test" / f"{split}.jsonlines"):
        text, spans = rams_text(raw["sentences"])
        bounds: list[tuple[int, int]] = []
        i = 0
        for sentence in raw["sentences"]:
            bounds.append((spans[i][0], spans[i + len(sentence) - 1][1]))
            i += len(sentence)
        sent_of = [k for k, s in enumerate(raw["sentences"]) for _ in s]
        rec = Record(raw["doc_key"], text, datetime(2016, 7, 1, 12, tzinfo=UTC))
        for t_start, t_end, labels in raw["evt_triggers"]:
            etype = labels[0][0]
            ptypes = plover_types(etype, RAMS_MAP)
            violent = any(re.match(p, etype) for p in RAMS_VIOLENT)
            args = [
                (_rams_role(role), _words(text[spans[a][0] : spans[b][1]]))
                for (ts, te), (a, b), role in raw["gold_evt_links"]
                if (ts, te) == (t_start, t_end)
            ]
            actor_args, recipient_args = _split_args(args, ptypes[0] if ptypes else "ASSAULT")
            start, end = spans[t_start][0], spans[t_end][1]
            rec.golds.append(
                Gold(
                    etype,
                    text[start:end],
                    start,
                    end,
                    bounds[sent_of[t_start]],
                    actor_args,
                    recipient_args,
                    violent,
                )
            )
        out.append(rec)
    return out


# ---------------------------------------------------------------------------------------------
# running and scoring


def run(pipeline: Pipeline, records: Sequence[Record]) -> list[Extraction]:
    """The pipeline over the records' texts, in order."""
    articles = [article_from_text(r.text, source=r.id, id=r.id, published=r.published) for r in records]
    out: list[Extraction] = []
    for rec, result in zip(records, pipeline.extract_many(articles), strict=True):
        if not isinstance(result, Extraction):
            raise RuntimeError(f"{rec.id}: {result}")
        out.append(result)
    return out


@dataclass(frozen=True)
class Claim:
    """One event of ours in one of its sentences (raw offsets)."""

    event: Event
    start: int
    end: int


def claims(extraction: Extraction) -> list[Claim]:
    doc = extraction.document
    out: list[Claim] = []
    for e in extraction.events:
        if e.event is None:
            continue
        spans = ([e.evidence] if e.evidence is not None else []) + list(e.support)
        seen: set[tuple[int, int]] = set()
        for s in spans:
            a, b = doc.raw_offset(s.start), doc.raw_offset(s.end)
            if (a, b) not in seen:
                seen.add((a, b))
                out.append(Claim(e, a, b))
    return out


def _party_words(party: EventActor, actors: dict[str, Actor]) -> frozenset[str]:
    words = set(_words(party.text))
    actor = actors.get(party.actor or "")
    if actor is not None:
        for name in (actor.name, *actor.aliases):
            words |= _words(name)
    return frozenset(words)


def _agrees(ours: Sequence[frozenset[str]], gold: Sequence[frozenset[str]]) -> bool:
    return any(o & g for o in ours for g in gold)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def score(
    records: Sequence[Record],
    extractions: Sequence[Extraction],
    *,
    mapping: Mapping,
    precision: bool,
) -> dict[str, Any]:
    """Recall (and precision) of the records' gold against our events; see the docstring."""
    rec_n: Counter[str] = Counter()
    rec_ok: Counter[str] = Counter()
    prec_n: Counter[str] = Counter()
    prec_ok: Counter[str] = Counter()
    arg = Counter[str]()
    violent_n = violent_ok = 0
    misses: list[dict[str, Any]] = []
    false_pos: list[dict[str, Any]] = []
    doc_n = doc_ok = 0
    for rec, ex in zip(records, extractions, strict=True):
        cl = claims(ex)
        actors = {a.id: a for a in ex.actors}
        ours = {e.event for e in ex.events if e.event}
        wanted: dict[str, bool] = {}
        for g in rec.golds:
            ptypes = plover_types(g.type, mapping)
            if ptypes:
                wanted[ptypes[0]] = wanted.get(ptypes[0], False) or bool(ours & set(ptypes))
        doc_n += len(wanted)
        doc_ok += sum(wanted.values())
        for g in rec.golds:
            ptypes = plover_types(g.type, mapping)
            hits = [c for c in cl if c.start <= g.start < c.end]
            if not ptypes:
                if g.violent and not precision:
                    violent_n += 1
                    violent_ok += any(c.event.event == "ASSAULT" for c in hits)
                continue
            matched = [c.event for c in hits if c.event.event in ptypes]
            rec_n[ptypes[0]] += 1
            if not matched:
                misses.append(
                    {
                        "id": rec.id,
                        "gold": g.type,
                        "plover": ptypes[0],
                        "trigger": g.trigger,
                        "ours": sorted({f"{c.event.event}/{c.event.cameo}" for c in hits}),
                        "sentence": rec.text[g.sentence[0] : g.sentence[1]],
                    }
                )
                continue
            rec_ok[ptypes[0]] += 1
            our_act = [_party_words(p, actors) for e in matched for p in e.actor]
            our_rec = [_party_words(p, actors) for e in matched for p in e.recipient]
            if g.actor_args or g.recipient_args:
                arg["any_n"] += 1
                arg["any_ok"] += _agrees(our_act + our_rec, g.actor_args + g.recipient_args)
            if g.actor_args:
                arg["actor_n"] += 1
                arg["actor_ok"] += _agrees(our_act, g.actor_args)
            if g.recipient_args:
                arg["recipient_n"] += 1
                reciprocal = ptypes[0] in RECIPROCAL
                arg["recipient_ok"] += _agrees(our_rec + (our_act if reciprocal else []), g.recipient_args)
        if not precision:
            continue
        for c in cl:
            etype = c.event.event or ""
            if etype not in PRECISION_SCOPE:
                continue
            modes = PRECISION_SCOPE[etype]
            if modes is not None and c.event.mode not in modes:
                continue
            inside = [g for g in rec.golds if c.start <= g.start < c.end]
            ok = any(etype in plover_types(g.type, mapping) for g in inside) or any(
                etype in _compatible(g.type) and (g.violent or not g.type.startswith("Life.")) for g in inside
            )
            prec_n[etype] += 1
            prec_ok[etype] += ok
            if not ok:
                false_pos.append(
                    {
                        "id": rec.id,
                        "ours": f"{etype}/{c.event.mode or '-'}/{c.event.cameo}",
                        "gold": sorted({g.type for g in inside}),
                        "sentence": rec.text[c.start : c.end],
                    }
                )
    out: dict[str, Any] = {
        "records": len(records),
        "gold": sum(rec_n.values()),
        "recall": _ratio(sum(rec_ok.values()), sum(rec_n.values())),
        "doc_recall": _ratio(doc_ok, doc_n),
        "recall_per_type": {t: {"n": rec_n[t], "recall": _ratio(rec_ok[t], rec_n[t])} for t in sorted(rec_n)},
        "args_any": _ratio(arg["any_ok"], arg["any_n"]),
        "args_actor": _ratio(arg["actor_ok"], arg["actor_n"]),
        "args_recipient": _ratio(arg["recipient_ok"], arg["recipient_n"]),
        "args_scored": {k: arg[f"{k}_n"] for k in ("any", "actor", "recipient")},
        "misses": misses,
    }
    if precision:
        p = _ratio(sum(prec_ok.values()), sum(prec_n.values()))
        out.update(
            {
                "claims": sum(prec_n.values()),
                "precision": p,
                "f1": _f1(p, out["recall"]),
                "precision_per_type": {
                    t: {"n": prec_n[t], "precision": _ratio(prec_ok[t], prec_n[t])} for t in sorted(prec_n)
                },
                "false_positives": false_pos,
            }
        )
    else:
        out["violent_death_injury"] = {"n": violent_n, "recall": _ratio(violent_ok, violent_n)}
    return out


def evaluate(
    shared_data: Path = SHARED,
    *,
    split: str = "both",
    limit: int | None = None,
    rams_limit: int | None = None,
    sets: Sequence[str] = ("wikievents", "rams"),
    pipeline: Pipeline | None = None,
) -> dict[str, Any]:
    """Figures per set and split: ``{"wikievents": {"dev": {...}, ...}, "rams": {...}}``.

    ``limit`` keeps the first N records of each set and split; ``rams_limit`` overrides it for RAMS.
    """
    pipe = pipeline if pipeline is not None else Pipeline()
    corpora = shared_data / "corpora"
    splits = ("dev", "test") if split == "both" else (split,)
    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    for name in sets:
        for sp in splits:
            if name == "wikievents":
                records = read_wikievents(corpora, sp)[:limit]
                mapping, precision = WIKIEVENTS_MAP, True
            else:
                n = rams_limit if rams_limit is not None else limit
                records = read_rams(corpora, sp)[:n]
                mapping, precision = RAMS_MAP, False
            t1 = time.perf_counter()
            figures = score(records, run(pipe, records), mapping=mapping, precision=precision)
            figures["seconds"] = round(time.perf_counter() - t1, 1)
            out.setdefault(name, {})[sp] = figures
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


# ---------------------------------------------------------------------------------------------
# printing


def _short(text: str, n: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _print(figures: dict[str, Any], *, misses: int) -> None:
    print("== Real-news events in PLOVER types (sentence-level match; see the module docstring)")
    print(
        f"  {'set':10} {'split':5} {'records':>7} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6} {'doc R':>6}"
        f"   {'args any':>8} {'actor':>6} {'recip':>6} {'seconds':>8}"
    )
    for name in ("wikievents", "rams"):
        for sp, f in figures.get(name, {}).items():
            p = f"{f['precision']:.3f}" if "precision" in f else "-"
            f1 = f"{f['f1']:.3f}" if "f1" in f else "-"
            print(
                f"  {name:10} {sp:5} {f['records']:7d} {f['gold']:5d} {p:>6} {f['recall']:6.3f} {f1:>6} "
                f"{f['doc_recall']:6.3f}   {f['args_any']:8.3f} {f['args_actor']:6.3f} "
                f"{f['args_recipient']:6.3f} {f['seconds']:8.1f}"
            )
    for name in ("wikievents", "rams"):
        for sp, f in figures.get(name, {}).items():
            _print_details(name, sp, f, misses=misses)
    print(f"== run time {figures['seconds']:.1f} s")


def _print_details(name: str, split: str, f: dict[str, Any], *, misses: int) -> None:
    print(f"-- {name} {split}: recall per type (gold n)")
    per_type = f["recall_per_type"].items()
    print("   " + ", ".join(f"{t} {v['recall']:.2f} ({v['n']})" for t, v in per_type))
    if "precision_per_type" in f:
        print(f"   precision per type over {f['claims']} claims (n)")
        per_type = f["precision_per_type"].items()
        print("   " + ", ".join(f"{t} {v['precision']:.2f} ({v['n']})" for t, v in per_type))
    if "violent_death_injury" in f:
        v = f["violent_death_injury"]
        print(f"   violent death/injury as ASSAULT (not in the overall): {v['recall']:.3f} ({v['n']})")
    print(f"   argument agreement scored on: {f['args_scored']}")
    if not misses:
        return
    counts = Counter(m["gold"] for m in f["misses"])
    print(f"   missed gold by type: {dict(counts.most_common())}")
    for m in f["misses"][:misses]:
        print(f"   MISS {m['id']} {m['gold']} '{m['trigger']}' ours {m['ours']}: {_short(m['sentence'])}")
    if "false_positives" in f:
        fp_counts = Counter(x["ours"] for x in f["false_positives"])
        print(f"   unmatched claims by code: {dict(fp_counts.most_common())}")
        for x in f["false_positives"][:misses]:
            print(f"   FP {x['id']} {x['ours']} gold {x['gold']}: {_short(x['sentence'])}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="first N records of each set")
    parser.add_argument("--set", choices=("wikievents", "rams", "both"), default="both")
    parser.add_argument("--misses", type=int, default=0, help="print N missed gold and unmatched claims")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not (SHARED / "corpora").is_dir():
        print(f"no shared data at {SHARED}: set DATELINE_SHARED", file=sys.stderr)
        return 2
    sets = ("wikievents", "rams") if args.set == "both" else (args.set,)
    figures = evaluate(SHARED, split=args.split, limit=args.limit, sets=sets)
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        _print(figures, misses=args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
