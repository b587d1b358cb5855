"""dateline: news articles to event data, every record traced to the characters that support it."""

from __future__ import annotations

import logging

from .config import Config, load_config
from .errors import ConfigError, DatelineError, InputError, StageError, StoreError
from .ingest import iter_articles, read_article
from .pipeline import Pipeline, extract
from .records import (
    SCHEMA,
    Actor,
    Article,
    Document,
    Event,
    EventActor,
    Extraction,
    Location,
    Mention,
    Paragraph,
    Quote,
    Removed,
    Span,
    SpanRef,
    from_json,
    to_json,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Actor",
    "Article",
    "Config",
    "ConfigError",
    "DatelineError",
    "Document",
    "Event",
    "EventActor",
    "Extraction",
    "InputError",
    "Location",
    "Mention",
    "Paragraph",
    "Pipeline",
    "Quote",
    "Removed",
    "Span",
    "SpanRef",
    "StageError",
    "StoreError",
    "__version__",
    "extract",
    "from_json",
    "iter_articles",
    "load_config",
    "read_article",
    "to_json",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
