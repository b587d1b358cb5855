"""Who did it to whom: the parties of an event, read off the dependency parse.

Used by ``dateline.events``. ``Reader.verb_roles``/``Reader.noun_roles`` give the source and
recipient parties of an event word; ``Reader.party`` turns one token into a party: the actors
stage's mention covering it, a pronoun resolved in the document (``I``/``we`` in a quote → the
speaker; ``he``/``his`` → the clause subject or the last person named; ``it`` → the last state
or organisation), a description coded through ``dateline.actors.resolve``, or a place geocoded
to its country. ``match_pattern`` picks the most specific lexicon pattern for a word.

Modules: ``syntax`` (dependency-parse helpers and the word lists they read, and
``match_pattern``), ``parties`` (``Party`` and the per-document ``Context``) and ``reader``
(``Reader``: parties of a token, of a verb, of a noun).
"""

from __future__ import annotations

from .parties import Context, Party
from .reader import Reader
from .syntax import (
    PLACE_ENTS,
    RECIPROCAL_ROOTS,
    SUBJ,
    children,
    conjuncts,
    is_town,
    match_pattern,
    np_text,
    objects,
    preps,
    speech_clause,
    speech_verb,
    subject,
)

__all__ = [
    "PLACE_ENTS",
    "RECIPROCAL_ROOTS",
    "SUBJ",
    "Context",
    "Party",
    "Reader",
    "children",
    "conjuncts",
    "is_town",
    "match_pattern",
    "np_text",
    "objects",
    "preps",
    "speech_clause",
    "speech_verb",
    "subject",
]
