"""Composes the stages for one article: ingest → parse → (nlp → actors → quotes → events)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import datetime

from .config import Config, load_config
from .errors import DatelineError
from .parse import parse_article
from .records import Article, Extraction


class Pipeline:
    """A configured pipeline; build one per process and reuse it for every article."""

    def __init__(self, cfg: Config | None = None) -> None:
        self.cfg = cfg if cfg is not None else load_config()

    def extract(self, article: Article, *, published: datetime | None = None) -> Extraction:
        """Run every stage on one article. Raises ``InputError`` or ``StageError``.

        ``published`` is the publication time to use when the article gives none.
        """
        document = parse_article(article, cfg=self.cfg, published=published)
        return Extraction(id=article.id, document=document)

    def extract_many(
        self, articles: Iterable[Article | DatelineError], *, published: datetime | None = None
    ) -> Iterator[Extraction | DatelineError]:
        """Run every stage on each article in order; a failure is yielded, not raised."""
        for item in articles:
            if isinstance(item, DatelineError):
                yield item
                continue
            try:
                yield self.extract(item, published=published)
            except DatelineError as exc:
                yield exc


def make_article(
    text: str, *, published: datetime | None = None, id: str | None = None, source: str = "<text>"
) -> Article:
    """Wrap a plain string as an Article (the id defaults to a hash of the text)."""
    ident = id or hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Article(id=ident, text=text, source=source, published=published)


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
        article = make_article(text_or_article)
    return pipeline.extract(article, published=published)
