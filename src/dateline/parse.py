"""Article → Document: structure, metadata and noise removal (being written)."""

from __future__ import annotations

from .config import Config
from .records import Article, Document, Paragraph, Piece


def parse_article(article: Article, *, cfg: Config) -> Document:
    text = article.text.strip()
    return Document(
        id=article.id,
        text=text,
        paragraphs=(Paragraph(0, len(text), "body"),),
        pieces=(Piece(0, article.text.find(text), len(text)),),
        published=article.published,
        url=article.url,
    )
