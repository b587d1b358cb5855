"""Building ``Article`` records from plain text, HTML pages and JSONL/CSV records, and
reading their publication dates."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, cast

from ..errors import Errors, InputError
from ..html import extract_html
from ..records import Article
from .decode import check_control, digest, normalise_newlines
from .formats import (
    AUTHOR_FIELDS,
    DESCRIPTION_FIELDS,
    HTML_FIELDS,
    PUBLISHED_FIELDS,
    SITE_FIELDS,
    TEXT_FIELDS,
    TITLE_FIELDS,
    URL_FIELDS,
)

# Strings that stand for "no value" in exported data (str(None), pandas' NaN/NaT, …).
_NO_VALUE = frozenset({"", "none", "null", "nan", "nat", "n/a", "na", "-"})

_DATE_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "ru", "ar", "zh", "ja", "ko", "tr")


def article_from_text(
    text: str,
    *,
    source: str,
    id: str | None = None,
    published: datetime | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """Wrap plain text as an ``Article``; line ends become ``\\n``.

    The id defaults to the first 16 hex digits of the SHA-256 of the text. A ``title``
    that the text does not already start with is put before it, followed by a blank line.
    Raises ``InputError`` for an empty or binary-looking text.
    """
    body = normalise_newlines(text)
    if not body.strip():
        raise InputError(Errors.E101, source=source, what="the text is blank")
    check_control(body, source=source)
    clean_title = _clean_title(title)
    full = _with_title(clean_title, body)
    return Article(
        id=id if id is not None else digest(full.encode("utf-8")),
        text=full,
        source=source,
        url=url,
        title=clean_title,
        published=published,
        input_format="text",
    )


def _clean_title(title: str | None) -> str | None:
    if title is None:
        return None
    clean = " ".join(title.split())
    return clean or None


def _with_title(title: str | None, body: str) -> str:
    """The title, a blank line and the body; the body alone when its first line is the title."""
    if not title:
        return body
    first_line = body.lstrip().split("\n", 1)[0]
    if " ".join(first_line.split()) == title:
        return body
    return f"{title}\n\n{body}"


def article_from_html(
    html: str,
    *,
    source: str,
    url: str | None = None,
    id: str | None = None,
    title: str | None = None,
    published: datetime | None = None,
    authors: tuple[str, ...] = (),
    site: str | None = None,
    description: str | None = None,
) -> Article:
    """Extract the article of an HTML page (via ``dateline.html.extract_html``).

    ``Article.text`` is the page's title, a blank line, then the extracted body (or the body
    alone when there is no title or the body already starts with it). Fields the caller
    knows (from a JSONL record, say) override those extracted from the page. Raises
    ``InputError`` when the page is empty or has no article text.
    """
    markup = normalise_newlines(html)
    if not markup.strip():
        raise InputError(Errors.E101, source=source, what="the HTML is blank")
    try:
        extract = extract_html(markup, source=source, url=url)
    except (ValueError, TypeError, LookupError, RecursionError) as exc:
        raise InputError(Errors.E113, source=source, why=f"{type(exc).__name__}: {exc}") from exc
    body = normalise_newlines(extract.text)
    if not body.strip():
        raise InputError(Errors.E113, source=source, why="no main text found")
    head = _clean_title(title) or _clean_title(extract.title)
    return Article(
        id=id if id is not None else digest(markup.encode("utf-8")),
        text=_with_title(head, body),
        source=source,
        html=markup,
        url=url or extract.url,
        title=head,
        published=published or extract.published,
        authors=authors or tuple(extract.authors),
        site=site or extract.site,
        description=description or extract.description,
        input_format="html",
    )


def _field(record: Mapping[str, Any], names: Sequence[str], *, source: str) -> str | None:
    """The first non-blank string among ``names``; E114 for a value that is not a string."""
    for name in names:
        value = record.get(name)
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool) and name == "id":
            return str(value)
        if not isinstance(value, str):
            raise InputError(
                Errors.E114, source=source, field=name, value=_short(value), why="expected a string"
            )
        if value.strip():
            return value
    return None


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _authors(record: Mapping[str, Any], *, source: str) -> tuple[str, ...]:
    for name in AUTHOR_FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if isinstance(value, str):
            return tuple(a.strip() for a in re.split(r"[;|]", value) if a.strip())
        if isinstance(value, list) and all(isinstance(a, str) for a in value):
            return tuple(a.strip() for a in value if a.strip())
        raise InputError(
            Errors.E114,
            source=source,
            field=name,
            value=_short(value),
            why="expected a string or a list of strings",
        )
    return ()


def parse_published(value: object, *, source: str, field: str = "published") -> datetime | None:
    """A publication time from a record: ISO 8601, RFC 2822, a Unix timestamp, or a date
    dateparser reads as absolute with day, month and year. A time without a zone stays
    naive; blank and placeholder strings (``None``, ``null``, ``NaN``, ``NaT``, ``n/a``) mean
    no time. Raises ``InputError`` (E114) for anything else."""
    if value is None or (isinstance(value, str) and value.strip().lower() in _NO_VALUE):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise InputError(
                Errors.E114, source=source, field=field, value=_short(value), why=str(exc)
            ) from exc
    if not isinstance(value, str):
        raise InputError(
            Errors.E114, source=source, field=field, value=_short(value), why="expected a date string"
        )
    text = value.strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser(text, source=source, field=field)


def _dateparser(text: str, *, source: str, field: str) -> datetime:
    """An absolute date in words (``7 October 2018``, ``le 7 octobre 2018``): English first,
    then the common news languages; dateparser's detection across all its languages is
    slow on text that is no date, so it is never asked."""
    import dateparser

    settings = {
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    parsed: datetime | None = None
    if len(text) <= 80 and any(c.isdigit() for c in text):
        for languages in (["en"], list(_DATE_LANGUAGES)):
            parsed = cast(datetime | None, dateparser.parse(text, languages=languages, settings=settings))
            if parsed is not None:
                break
    if parsed is None:
        raise InputError(
            Errors.E114,
            source=source,
            field=field,
            value=_short(text),
            why="not a date and time (expected e.g. ISO 8601 2018-10-07T19:38:00+08:00)",
        )
    return parsed


def article_from_record(
    record: Mapping[str, Any], *, source: str, default_id: str, input_format: str, line: str
) -> Article:
    """One article from a JSONL object or CSV row (keys are matched case-insensitively).

    ``Article.input_format`` is the container's format (``jsonl``, ``csv``); an HTML
    record keeps its markup in ``Article.html``."""
    fields = {str(k).strip().lower(): v for k, v in record.items()}
    given_id = _field(fields, ("id",), source=source)
    try:
        article = _record_article(fields, record, ident=given_id or default_id, source=source, line=line)
    except InputError as exc:
        if given_id is not None:  # so a caller can report the failure under the input's id
            exc.fields.setdefault("id", given_id)
        raise
    return replace(article, input_format=input_format)


def _record_article(
    fields: Mapping[str, Any], record: Mapping[str, Any], *, ident: str, source: str, line: str
) -> Article:
    text = _field(fields, TEXT_FIELDS, source=source)
    html = _field(fields, HTML_FIELDS, source=source) if text is None else None
    title = _clean_title(_field(fields, TITLE_FIELDS, source=source))
    url = _field(fields, URL_FIELDS, source=source)
    published: datetime | None = None
    for name in PUBLISHED_FIELDS:
        if fields.get(name) not in (None, ""):
            published = parse_published(fields[name], source=source, field=name)
            break
    authors = _authors(fields, source=source)
    site = _field(fields, SITE_FIELDS, source=source)
    description = _field(fields, DESCRIPTION_FIELDS, source=source)
    if text is not None:
        article = article_from_text(text, source=source, id=ident, published=published, url=url, title=title)
        article = replace(article, authors=authors, site=site, description=description)
    elif html is not None:
        article = article_from_html(
            html,
            source=source,
            url=url,
            id=ident,
            title=title,
            published=published,
            authors=authors,
            site=site,
            description=description,
        )
    else:
        found = sorted(k for k, v in record.items() if v not in (None, ""))
        raise InputError(Errors.E106, source=source, line=line, fields=found or "none")
    return article
