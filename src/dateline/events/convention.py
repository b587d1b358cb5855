"""PETRARCH-compatible coding (setting ``event_convention = "petrarch"``), for event data that is
merged with PETRARCH2 or Phoenix output.

dateline codes by PLOVER's definitions by default. PETRARCH2's coding differs in two places:

* A future act of cooperation that no one is reported as announcing is coded as the act: "will
  supply arms" is 072 (provide military aid), where PLOVER codes the intent, AGREE (0332). Here
  the act keeps its own code and is flagged ``hypothetical``.
* An agreement or pledge to act is coded as the act: "agreed to lift the sanctions" is 085,
  where PLOVER codes AGREE (0354); flagged ``hypothetical`` here too.
* A party's report of violence is one event, the accusation or the claim of responsibility:
  "Israel said a mortar was fired at it from Gaza" is 112 only, where dateline codes the
  accusation and the attack it reports. Here the reported attack is not an event of its own.
"""

from __future__ import annotations

from ..eventroles import speech_clause
from ..lexicon import Lexicon
from .draft import COOP_ROOTS, VIOLENT_ROOTS, Draft

REPORT_CODES = frozenset({"112", "015"})


def future_acts_as_acts(drafts: dict[int, Draft], lex: Lexicon) -> None:
    """ "will supply arms": the act (072, hypothetical), not an intent to act (0332). A stated
    intent stays one: "Israel announced it would free prisoners" is 0353 in PETRARCH2 too."""
    for d in drafts.values():
        if (
            d.future
            and not d.absorbed
            and d.root == "03"
            and d.base[:2] in COOP_ROOTS
            and not speech_clause(d.trigger, lex)
        ):
            d.code = d.base
            d.hypothetical = True


def agreed_acts_as_acts(drafts: dict[int, Draft]) -> None:
    """ "agreed to lift the sanctions": the lifting (085, hypothetical), not the agreement
    (0354)."""
    for d in drafts.values():
        if d.act is not None and d.root == "03" and not d.absorbed:
            d.code = d.base = d.act
            d.event = d.mode = None
            d.hypothetical = True


def reports_of_violence_once(drafts: dict[int, Draft], claims: list[tuple[Draft, Draft]]) -> None:
    """A reported attack is coded only as its accusation or claim of responsibility."""
    for d in drafts.values():
        if d.root not in VIOLENT_ROOTS or not d.verbal:
            continue
        clause = d.trigger
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        report = drafts.get(clause.head.i) if clause.dep_ == "ccomp" else None
        if report is not None and report.code in REPORT_CODES and report.trigger.i == clause.head.i:
            d.absorbed = True
    for _claim, attack in claims:
        attack.absorbed = True
