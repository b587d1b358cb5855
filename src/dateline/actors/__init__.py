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

Modules: ``vocab`` (the word lists the rules read), ``coding`` (a description's words → country,
sector and kind; ``resolve``), ``mentions`` (finding mentions in the parse: names, titles,
descriptions, "the North") and ``linking`` (in-document coreference of mentions into actors).
"""

from __future__ import annotations

from .coding import Coding, resolve, resolve_json
from .mentions import extract_actors

__all__ = ["Coding", "extract_actors", "resolve", "resolve_json"]
