"""Runs the actors and events stages on one invented sentence, for the events tests."""

from __future__ import annotations

from datetime import datetime

from spacy.language import Language

from dateline.actors import extract_actors
from dateline.config import Config
from dateline.events import extract_events
from dateline.records import Document, Event, Paragraph


def run_events(nlp: Language, cfg: Config, text: str, *, published: datetime) -> tuple[Event, ...]:
    """The events of ``text`` as one body paragraph published at ``published`` (no quotes)."""
    document = Document(id="t", text=text, paragraphs=(Paragraph(0, len(text), "body"),), published=published)
    doc = nlp(text)
    mentions, actors = extract_actors(doc, document=document, cfg=cfg)
    return extract_events(doc, document=document, mentions=mentions, actors=actors, quotes=(), cfg=cfg)
