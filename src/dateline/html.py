"""HTML → main text and metadata (title, authors, publication date, site), via trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import trafilatura

from .errors import Errors, InputError


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    """What an HTML page gave: body paragraphs separated by blank lines, and metadata."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    site: str | None = None
    description: str | None = None
    url: str | None = None


def extract_html(html: str, *, source: str, url: str | None = None) -> HtmlExtract:
    """Extract the article of an HTML page. Raises ``InputError`` when there is none."""
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if result is None or not (result.text or "").strip():
        raise InputError(Errors.E113, source=source, why="no main text found")
    text = "\n\n".join(line.strip() for line in result.text.splitlines() if line.strip())
    published = None
    if result.date:
        published = datetime.fromisoformat(result.date)
    authors = tuple(a.strip() for a in (result.author or "").split(";") if a.strip())
    return HtmlExtract(
        text=text,
        title=result.title or None,
        authors=authors,
        published=published,
        site=result.sitename or None,
        description=result.description or None,
        url=result.url or url,
    )
