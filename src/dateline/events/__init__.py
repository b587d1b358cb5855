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
  day) are merged; the clearest sentence is the evidence, the others are ``support``, with
  later partyless mentions of it ("the attack");
* **convention**: PLOVER's by default; ``event_convention = "petrarch"`` codes future acts and
  reports of violence as PETRARCH2 does (``convention``).

Modules: ``detect`` (pattern matches → draft events with parties and mood; reported violence),
``mood`` (negation, conditionals, future), ``absorb`` (events inside other events: "agreed to
meet", "refused to meet"), ``setting`` (when and where), ``defaults`` (default parties by the
PLOVER/PETRARCH conventions), ``merge`` (one event per happening, the ``Event`` records),
``convention`` (PETRARCH-compatible coding), ``draft`` (the working record and shared code
tables) and ``stage`` (``extract_events``).
"""

from __future__ import annotations

from .merge import event_triples
from .stage import extract_events

__all__ = ["event_triples", "extract_events"]
