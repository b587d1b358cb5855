"""Ingest: the only module that reads input. Every source becomes an ``Article``.

Sources: plain-text and HTML files (any common encoding, optionally gzipped), JSONL/JSON
and CSV files of articles (the contract's ``{id, text|html, published, url, title}`` and
news-please's fields), WARC files, directories (recursive, by extension, sorted, hidden
files skipped), glob patterns, ``-`` (stdin) and http(s) URLs.

``iter_articles`` yields an ``Article`` or an ``InputError`` per article, in input order, and
never raises for a bad input, so a batch quarantines the error and goes on.

Identity of what is yielded:

====================  =================================  ===============================
input                 ``Article.id``                     ``Article.source``
====================  =================================  ===============================
text/HTML file        the path as given                  the path as given
JSONL line / CSV row  the ``id`` field, else the source  ``file.jsonl:17`` (physical line)
JSON array item       the ``id`` field, else the source  ``file.json[3]`` (0-based index)
WARC record           its ``WARC-Target-URI``            ``crawl.warc.gz:<target URI>``
URL                   the URL as given                   the URL as given
stdin, strings        first 16 hex digits of SHA-256     ``<stdin>`` / the caller's name
====================  =================================  ===============================

Text is decoded (BOM, then UTF-8, then a declared charset, then detection with
charset-normalizer, preferring Windows-1252 when it reads cleanly) and its line ends are
normalised to ``\\n``; ``Article.text`` is exactly that text, so offsets map back to it.
When an article has a title that its text does not start with, ``Article.text`` is the
title, a blank line, then the text. ``Article.input_format`` names the input the article came
from: ``text``, ``html``, or the container (``jsonl``, ``csv``, ``warc``); an HTML article
keeps its markup in ``Article.html`` whatever its container.

Modules: ``sources`` (files, directories, globs, stdin, URLs → the format readers),
``formats`` (format names, extensions, record fields, sniffing), ``decode`` (bytes → text),
``streams`` (bounded reads of byte streams), ``articles`` (text, HTML and records →
``Article``), ``jsonl``, ``tables`` (CSV/TSV), ``warc`` and ``fetch`` (HTTP GET).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from ..config import Config
from ..errors import Errors, InputError
from ..records import Article
from .articles import article_from_html, article_from_text, parse_published
from .decode import decode_bytes
from .formats import INPUT_FORMATS, check_format, format_from_name
from .sources import iter_all, iter_source, plural_hint

__all__ = [
    "INPUT_FORMATS",
    "article_from_html",
    "article_from_text",
    "decode_bytes",
    "format_from_name",
    "iter_articles",
    "parse_published",
    "read_article",
]


def iter_articles(
    sources: Sequence[str],
    *,
    cfg: Config,
    input_format: str = "auto",
    published: datetime | None = None,
) -> Iterator[Article | InputError]:
    """Yield every article of every source, in order; a bad input yields its ``InputError``.

    ``input_format`` forces a format for every source (``auto`` detects it by extension,
    then by content). ``published`` sets ``Article.published`` where the input gives none.
    Raises ``InputError`` (E110) at once for an unknown ``input_format``; never for a bad
    input.
    """
    check_format(input_format)
    return iter_all(sources, cfg=cfg, fmt=input_format, published=published)


def read_article(source: str, *, cfg: Config, input_format: str = "auto") -> Article:
    """Read exactly one article. Raises ``InputError`` when the source holds none, is
    unreadable, or holds more than one article (E116)."""
    check_format(input_format)
    items = iter_source(source, cfg=cfg, fmt=input_format)
    first = next(items, None)
    if first is None:
        raise InputError(Errors.E101, source=source, what="no article found")
    if isinstance(first, InputError):
        raise first
    if next(items, None) is not None:
        raise InputError(Errors.E116, source=source, what=plural_hint(source))
    return first
