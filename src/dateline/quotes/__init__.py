"""The quotes stage: who said what, from quote marks and reported speech.

``extract_quotes(doc, document=..., mentions=..., actors=..., cfg=...)`` returns the document's
``Quote`` records in text order (ids ``q1``, ``q2``, ...), every offset into ``document.text``
(which is ``doc.text``).

How it reads a document:

1. **Quote marks.** A character scan pairs opening and closing marks of every common style
   (“ ” ‘ ’ " ' « » „ “ ‹ ›, and the typewriter ``''``) paragraph by paragraph. Whether a mark
   opens or closes is read from its neighbours (space before and a word after opens, a word
   before and space or punctuation after closes); an apostrophe between letters (it’s) or a
   possessive one (workers' union, states’) is not a mark. Quotes nest by alternating styles;
   only the outermost pair is a quoted segment. A paragraph that ends inside a quote continues
   when the next paragraph reopens it (the newspaper convention for long quotes); any other
   unclosed mark is dropped on its own, so it never costs the document its other quotes.
2. **Cues.** Verbs of saying, writing, believing and stance (``data/quote_cues.tsv``) and
   "according to" in the parse, outside quoted segments; each cue's content is the dependant
   the table names (a clause, an infinitive, an object, a preposition's object, an object with
   its "as" predicate), cut before the writer's asides, the occasion of the statement, the next
   attribution and the speaker's own further actions, and never across a line break; its
   speaker is its subject (inherited through conjunctions and "by saying", "by X" for a
   passive, a relative pronoun standing for its antecedent, the noun a participle describes:
   "a group supporting the bill"). Also: parenthetical and as-clauses ("The talks, she said,
   went well", "As the paper reported, ..."), passives with a predicate ("the bill is expected
   to pass", nobody named unless "by X"), verbs of seeming ("X seems to ...", the writer's
   judgement, no speaker), nouns of saying and stance with their content ("Trump's claim that
   ...", "fears that ...", "her attacks on X"), a poll or view put in front of a clause ("In a
   new poll, ..."), labelled lines ("Elizabeth Warren: Trump is a ‘proven failure’",
   transcripts) and title-case headlines whose verb the parser reads as a name.
3. **Kinds.** A quoted segment that stands on its own (bounded by the paragraph, a colon, a
   comma or a sentence end, and not grammatically embedded) is a **direct** quote, attributed to
   the cue beside it ("..." Moon said / Moon said: "...") or, failing one, to the speaker of the
   quote just before it. A segment inside a cue's content makes the innermost speech clause
   holding it a **mixed** quote; a quoted phrase no cue governs is attributed to the subject of
   the verb above it when that subject is a person or a longer quotation (short labels with a
   common-noun subject, titles and cue-less scare quotes are not quotes). A cue's content
   without marks is an **indirect** quote.
4. **Speakers and addressees.** The speaker span is linked to an actor through the mention it
   overlaps. "told X" names the addressee; a reply ("Pompeo replied") is addressed to the
   previous quote's speaker; a direct quote that speaks to "you" is addressed to the speaker of
   the neighbouring quote. Quotes in the headline and standfirst without a resolved speaker are
   linked to the body quote with the same words and take its speaker.

Modules: ``marks`` (pairing quote marks into segments), ``cues`` (the cue lexicon), ``reader``
(the token view and draft records the rules share), ``content`` (where a cue's content stops),
``speakers`` (subjects, bylines, nested statements, addressees), ``clauses`` (cue clauses: verbs,
passives, nouns of saying, "according to", labelled lines), ``segments`` (direct or mixed, and
the cue beside a direct quote) and ``extract`` (the stage itself).
"""

from __future__ import annotations

from .cues import Cue, load_cues
from .extract import extract_quotes
from .marks import find_segments

__all__ = ["Cue", "extract_quotes", "find_segments", "load_cues"]
