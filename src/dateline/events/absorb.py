"""Events inside other events: "agreed to meet" is one AGREE, "refused to meet" one REJECT,
"threatened to attack" one THREATEN; the outer word's parties fill the inner event's."""

from __future__ import annotations

from spacy.tokens import Token

from ..eventroles import (
    objects,
    preps,
)
from ..lexicon import Lexicon
from .draft import (
    COOP_ROOTS,
    FORCE_ROOTS,
    TO_AGREE,
    TO_REJECT,
    TO_THREAT,
    VIOLENT_ROOTS,
    Draft,
    convert,
)
from .mood import infinitival_purpose, negated, unless


def _depth(tok: Token) -> int:
    n = 0
    while tok.head is not tok and n < 50:
        tok = tok.head
        n += 1
    return n


def _fill(outer: Draft, inner: Draft) -> None:
    if not outer.actors:
        outer.actors = inner.actors
    if not outer.recipients:
        keys = {p.key for p in outer.actors}
        outer.recipients = [p for p in inner.recipients if p.key not in keys]


def absorb(drafts: dict[int, Draft], lex: Lexicon) -> dict[int, Draft]:
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
        if sd is not None and not sd.absorbed and sd.verbal and {sd.root, d.root} <= VIOLENT_ROOTS:
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
        if (
            tok.dep_ == "xcomp"
            and gov.lemma_.lower() in ("help", "assist")
            and gov.i not in drafts
            and gov.dep_ in ("xcomp", "advcl")
        ):
            gov = gov.head  # "asked the bank to help finance the link": what helping is for
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
                    gd.code = convert(TO_REJECT, d.code, gd.code)
                _fill(gd, d)
                d.absorbed = True
            else:
                d.negated = True
            continue
        if g_lemma in threat and gd is not None and gd.root == "13":
            gd.code = convert(TO_THREAT, d.code, gd.code)
            _fill(gd, d)
            d.absorbed = True
            continue
        if (
            (g_lemma in intent or g_lemma in intent_adj)
            and tok.dep_ == "pobj"
            and tok.head.lower_ == "of"
            and gov.pos_ in ("NOUN", "PROPN")
            and gd is None
        ):
            continue  # "the aim of the attacks was to cause damage": the attacks, not an aim
        if g_lemma in intent or g_lemma in intent_adj:
            if gd is not None and gd.root == "03":
                if d.root in FORCE_ROOTS or d.root in ("10", "11", "12", "13", "14"):
                    d.hypothetical = True
                    if not d.actors:
                        d.actors = gd.actors
                    d.negated = d.negated or gd.negated
                    gd.absorbed = True
                else:
                    gd.code = convert(TO_AGREE, d.code, d.code if d.root == "03" else gd.code)
                    gd.act = d.code if d.root in COOP_ROOTS else None
                    gd.negated = gd.negated or d.negated
                    _fill(gd, d)
                    d.absorbed = True
                continue
            if d.root in COOP_ROOTS:
                d.code = convert(TO_AGREE, d.code, d.code)
                d.hypothetical = False
                d.future = False
            elif (d.root in FORCE_ROOTS or d.root == "14") and (
                g_lemma in ("want", "plan", "intend", "prepare", "aim", "vow", "swear")
                or g_lemma in intent_adj
            ):
                d.code = convert(TO_THREAT, d.code, d.code)
                d.hypothetical = False
            else:
                d.hypothetical = True
            d.negated = d.negated or neg_gov
            continue
        if gd is not None and tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "obj"):
            _fill(gd, d)  # "gave permission to Russia to help Israel": the content of the object
            d.absorbed = True
            continue
        if gd is not None and d.verbal and infinitival_purpose(tok):
            _fill(gd, d)  # "gave permission to Russia to help Israel": what it is for, not an event
            d.absorbed = True
            continue
        if g_lemma in hypo:
            d.hypothetical = True
            d.future = False
            d.negated = d.negated or neg_gov
            continue
        if gd is not None and gd.root == d.root == "17" and tok.dep_ in ("xcomp", "ccomp"):
            _fill(gd, d)  # "a court ordered the journalist detained": one detention, by the court
            d.absorbed = True
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
            and d.root not in FORCE_ROOTS
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
        if d.future and not d.absorbed and not d.negated and unless(d.trigger):
            # "will withdraw its force unless the president arranges a ceasefire": a threat
            d.code = convert(TO_THREAT, d.code, "130")
            d.hypothetical = False
        elif d.future and not d.absorbed and d.root in COOP_ROOTS:
            d.code = convert(TO_AGREE, d.code, d.code)
            d.hypothetical = False
        elif (
            d.future
            and not d.absorbed
            and d.root in ("14", "15", "17", "18", "19", "20")
            and not d.negated
            and not d.forecast  # "Tillerson said North Korea will attack": no threat by the North
        ):
            # an announced blockade, boycott, curfew or attack is a threat (PLOVER THREATEN)
            d.code = convert(TO_THREAT, d.code, "130")
            d.hypothetical = False
        if d.negated and d.root == "03":
            # "said he would not provide support": a refusal (PLOVER REJECT), not a negated promise
            d.code = convert(TO_REJECT, d.base, "120")
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
