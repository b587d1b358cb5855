"""Composes the stages for one article: parse → nlp → actors → quotes → events.

A ``Pipeline`` loads the spaCy pipeline once (lazily, on first use) and runs every stage on
each article. ``extract_many`` parses a batch of articles, annotates their texts with one
``nlp.pipe`` call, and yields results in input order; a failing article yields its error
instead of stopping the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from .actors import extract_actors
from .config import Config, load_config
from .errors import DatelineError, Errors, StageError
from .events import extract_events
from .ingest import article_from_text
from .nlp import load_nlp, remember_text
from .parse import parse_article
from .quotes import extract_quotes
from .records import Article, Document, Extraction

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")
BATCH_SIZE = 32  # articles parsed and handed to the stages together
NLP_BATCH_SIZE = 2  # documents per spaCy batch: larger batches cost memory, not speed, on CPU


class Pipeline:
    """A configured pipeline; build one per process and reuse it for every article."""

    def __init__(self, cfg: Config | None = None) -> None:
        self.cfg = cfg if cfg is not None else load_config()
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline named by ``cfg.model``, loaded on first use."""
        if self._nlp is None:
            self._nlp = load_nlp(self.cfg.model)
        return self._nlp

    def extract(self, article: Article, *, published: datetime | None = None) -> Extraction:
        """Run every stage on one article. Raises ``InputError`` or ``StageError``.

        ``published`` is the publication time to use when the article gives none.
        """
        document = parse_article(article, cfg=self.cfg, published=published)
        doc = _run("nlp", article.id, self.nlp, document.text)
        return self._annotate(document, doc)

    def extract_many(
        self, articles: Iterable[Article | DatelineError], *, published: datetime | None = None
    ) -> Iterator[Extraction | DatelineError]:
        """Run every stage on each article in input order; a failure is yielded, not raised."""
        items = iter(articles)
        while batch := list(islice(items, BATCH_SIZE)):
            parsed: list[Document | DatelineError] = []
            for item in batch:
                if isinstance(item, DatelineError):
                    parsed.append(item)
                    continue
                try:
                    parsed.append(parse_article(item, cfg=self.cfg, published=published))
                except DatelineError as exc:
                    parsed.append(exc)
            documents = [d for d in parsed if isinstance(d, Document)]
            docs = iter(self.nlp.pipe((d.text for d in documents), batch_size=NLP_BATCH_SIZE))
            for entry in parsed:
                if isinstance(entry, DatelineError):
                    yield entry
                    continue
                try:
                    yield self._annotate(entry, next(docs))
                except DatelineError as exc:
                    yield exc

    def _annotate(self, document: Document, doc: Doc) -> Extraction:
        cfg = self.cfg
        remember_text(doc, document.text)  # the stages read the text without joining the tokens
        mentions, actors = _run("actors", document.id, extract_actors, doc, document=document, cfg=cfg)
        quotes = _run(
            "quotes",
            document.id,
            extract_quotes,
            doc,
            document=document,
            mentions=mentions,
            actors=actors,
            cfg=cfg,
        )
        events = _run(
            "events",
            document.id,
            extract_events,
            doc,
            document=document,
            mentions=mentions,
            actors=actors,
            quotes=quotes,
            cfg=cfg,
        )
        return Extraction(
            id=document.id,
            document=document,
            actors=tuple(actors),
            mentions=tuple(mentions),
            quotes=tuple(quotes),
            events=tuple(events),
        )


def _run(stage: str, ident: str, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
    """Run one stage, turning an unexpected failure into a ``StageError`` naming the article."""
    try:
        return fn(*args, **kwargs)
    except DatelineError:
        raise
    except Exception as exc:  # the boundary: any bug in a stage quarantines one article only
        raise StageError(Errors.E300, stage=stage, source=ident, why=f"{type(exc).__name__}: {exc}") from exc


_DEFAULT: Pipeline | None = None


def extract(
    text_or_article: str | Article, *, published: datetime | None = None, cfg: Config | None = None
) -> Extraction:
    """Extract one article, given as a string of plain text or an ``Article``.

    ``published`` sets the publication time when the article carries none.
    """
    global _DEFAULT
    if cfg is not None:
        pipeline = Pipeline(cfg)
    else:
        if _DEFAULT is None:
            _DEFAULT = Pipeline()
        pipeline = _DEFAULT
    if isinstance(text_or_article, Article):
        article = text_or_article
    else:
        article = article_from_text(text_or_article, source="<text>")
    return pipeline.extract(article, published=published)
