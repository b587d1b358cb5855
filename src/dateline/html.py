"""HTML → main text and metadata (headline, authors, publication time, site).

The body comes from trafilatura, tuned for news: comments are dropped, the precision-
oriented extractor runs first and a recall-oriented pass is tried when the first result is
suspiciously short; a story body split into same-class blocks around ad slots is joined
back; a first paragraph repeating the headline is dropped; UTF-8 read as Latin-1 is
repaired; a page with no paragraph of prose (menus, labels) is rejected with E113.

The headline and the publication time are decided here from every
signal the page offers, because a news page states them several times over:

- headline: the visible ``<h1>`` when another source confirms it (``og:title``,
  JSON-LD ``headline``, ``<title>``…); otherwise the metadata title, then ``<title>``, with
  site-name segments (``" | Site"``, ``"Site - "``) removed when they name the site;
- publication time: htmldate's day (``original_date=True``, extensive search), refined to
  the full time and zone from structured metadata (JSON-LD ``datePublished``,
  ``article:published_time``…) when that agrees on the day. The time is tz-aware when the
  page gives a zone and naive otherwise; no zone is ever invented.
"""

from __future__ import annotations

import html as htmllib
import json
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import htmldate
import trafilatura
from lxml import etree
from lxml import html as lxml_html

from .errors import Errors, InputError

logger = logging.getLogger(__name__)

# A first result shorter than this many characters triggers the recall-oriented pass.
SHORT_TEXT = 600
# A body needs one paragraph of prose: this many words, or this many characters of a script
# written without spaces (Chinese, Japanese, Thai…).
MIN_PARAGRAPH_WORDS = 8
MIN_UNSPACED_CHARS = 30
# A sibling block of a split body is added when it holds this many new prose paragraphs.
MIN_SPLIT_PARAGRAPHS = 3
# htmldate settings used for the publication day (see ``_find_day``).
DATE_SETTINGS: dict[str, Any] = {"original_date": True, "extensive_search": True}

_SEPARATORS = re.compile(r"\s+(?:\||-{1,2}|–|—|·|•|»|::|/|\\|_)\s+|\s+[|»]|\s*\|\s*")
# The page is already text: parse its UTF-8 encoding, whatever charset its markup declares.
_PARSER = lxml_html.HTMLParser(encoding="utf-8")
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]")
_BODY_CLASS = re.compile(r"body|content|article|story|text|entry|post", re.IGNORECASE)
_OUTSIDE_BODY = frozenset({"aside", "nav", "header", "footer"})
_DANGLING = re.compile(r"\s*(?:[|\-–—·•»:_/\\]\s*)+$")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})
_ARTICLE_TYPES = {
    "newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
    "scholarlyarticle", "techarticle", "report", "webpage", "socialmediaposting",
}  # fmt: skip
_DATE_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "article.published", "published_time", "publish-date", "publish_date",
    "publishdate", "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dcterms.created", "dc.date", "date", "cxenseparse:recs:publishtime",
)  # fmt: skip
# In order of preference (Dublin Core first, as Readability does; then Open Graph, Twitter…).
_TITLE_META = (
    "dc:title", "dcterm:title", "og:title", "dc.title", "dcterms.title", "twitter:title",
    "parsely-title", "title", "headline",
)  # fmt: skip
_SITE_META = ("application-name", "publisher", "twitter:site")


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
    """Extract the article of an HTML page. Raises ``InputError`` (E113) when there is none.

    ``text`` holds the body paragraphs (no headline) separated by blank lines.
    """
    tree = _parse(html, source=source)
    result = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=True,
        include_comments=False,
        with_metadata=True,
        date_extraction_params=DATE_SETTINGS,
    )
    body = _paragraphs(getattr(result, "text", None))
    if len(body) < SHORT_TEXT:
        logger.debug("%s: short body (%d chars), trying the recall-oriented pass", source, len(body))
        second = trafilatura.extract(html, url=url, favor_recall=True, include_comments=False)
        fuller = _paragraphs(second)
        if len(fuller) > 2 * len(body):
            body = fuller
    if not body:
        raise InputError(Errors.E113, source=source, why="no main text found")
    if not any(_is_prose(p) for p in body.split("\n\n")):
        raise InputError(Errors.E113, source=source, why="only menus or labels, no paragraph of prose")

    body = _join_split_body(tree, body)
    meta = _Metadata(tree, url=url)
    site = meta.site() or getattr(result, "sitename", None) or None
    title = pick_headline(
        h1s=meta.h1s(),
        metas=meta.meta_titles(),
        title=meta.title_element(),
        site=site,
        url=url,
    ) or (getattr(result, "title", None) or None)
    body = _drop_leading_headline(body, title)
    published = pick_published(
        day=_find_day(html, url=url, hint=getattr(result, "date", None)),
        stamps=meta.published_stamps(),
    )
    authors = tuple(a.strip() for a in (getattr(result, "author", None) or "").split(";") if a.strip())
    return HtmlExtract(
        text=body,
        title=title,
        authors=authors,
        published=published,
        site=site,
        description=getattr(result, "description", None) or None,
        url=getattr(result, "url", None) or url,
    )


# ---------------------------------------------------------------------------- body


def _parse(html: str, *, source: str) -> Any:
    if not html.strip():
        raise InputError(Errors.E113, source=source, why="the HTML is empty")
    try:
        return lxml_html.document_fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(Errors.E113, source=source, why=f"unparsable HTML: {exc}") from exc


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Latin-1 (``Trumpâ\x80\x99s`` → ``Trump’s``) when the whole string
    decodes cleanly that way; anything else is returned unchanged."""
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("latin-1", "cp1252"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


def _paragraphs(text: str | None) -> str:
    lines = (" ".join(repair_mojibake(line).split()) for line in (text or "").splitlines())
    return "\n\n".join(line for line in lines if line)


def _join_split_body(tree: Any, body: str) -> str:
    """Add the rest of a story body split into several blocks around ad slots.

    Many CMSs cut the body into sibling containers of one class (``<div class="article-body">``
    × n, with ad rows between them); the extractor may keep only one. When the container of
    the extracted paragraphs has a body-like class and holds two or more of them, the other
    elements of the same tag and class (outside ``aside``/``nav``/``header``/``footer``) that
    hold at least ``MIN_SPLIT_PARAGRAPHS`` new prose paragraphs are added in page order.
    """
    paragraphs = body.split("\n\n")
    known = set(paragraphs)
    texts = {el: " ".join(el.text_content().split()) for el in tree.iter("p")}
    anchor = next((el for el, text in texts.items() if text == paragraphs[-1]), None)
    if anchor is None:
        anchor = next((el for el, text in texts.items() if text == paragraphs[0]), None)
    container = anchor.getparent() if anchor is not None else None
    while container is not None and not container.get("class"):
        container = container.getparent()
    if container is None or not _BODY_CLASS.search(container.get("class", "")):
        return body
    if sum(1 for p in container.iter("p") if texts.get(p) in known) < 2:
        return body
    lineage = set(container.iterancestors())
    order = {el: i for i, el in enumerate(tree.iter())}
    before: list[str] = []
    after: list[str] = []
    for el in tree.iter(container.tag):
        if el is container or el.get("class") != container.get("class") or el in lineage:
            continue
        ancestors = list(el.iterancestors())
        if container in ancestors or any(a.tag in _OUTSIDE_BODY for a in ancestors):
            continue
        new = [texts.get(p) or "" for p in el.iter("p")]
        new = [t for t in new if t not in known and _is_prose(t)]
        if len(new) >= MIN_SPLIT_PARAGRAPHS:
            (before if order[el] < order[container] else after).extend(new)
            known.update(new)
    if before or after:
        logger.debug("joined %d paragraphs from split body blocks", len(before) + len(after))
    return "\n\n".join([*before, *paragraphs, *after])


def _is_prose(paragraph: str) -> bool:
    words = paragraph.split()
    unspaced = len(words) < 3 and len(paragraph) >= MIN_UNSPACED_CHARS
    return len(words) >= MIN_PARAGRAPH_WORDS or unspaced


def _drop_leading_headline(body: str, title: str | None) -> str:
    """Drop a first paragraph that only repeats the headline (the body never holds it)."""
    first, _, rest = body.partition("\n\n")
    if title and rest and normalise_title(first) == normalise_title(title):
        return rest
    return body


# ---------------------------------------------------------------------------- metadata


class _Metadata:
    """The metadata signals of one parsed page."""

    def __init__(self, tree: Any, *, url: str | None) -> None:
        self.tree = tree
        self.url = url
        self.metas: dict[str, list[str]] = {}
        for el in tree.iter("meta"):
            keys = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
            value = el.get("content")
            if value and value.strip():
                for key in keys.split():  # property="og:title twitter:title"
                    self.metas.setdefault(key, []).append(_clean(value))
        self.ld = list(_json_ld_objects(tree))

    def _meta(self, *keys: str) -> Iterator[str]:
        for key in keys:
            yield from self.metas.get(key, ())

    def site(self) -> str | None:
        """og:site_name, else the JSON-LD publisher's name, else other site metadata."""
        names = [*self._meta("og:site_name")]
        for obj in self.ld:
            publisher = obj.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                names.append(_clean(publisher["name"]))
        names.extend(self._meta(*_SITE_META))
        return next((n.lstrip("@") for n in names if n and not n.startswith("http")), None)

    def h1s(self) -> list[str]:
        texts = (_clean(el.text_content()).rstrip(" ¶#§") for el in self.tree.iter("h1"))
        return [t for t in texts if t]

    def title_element(self) -> str | None:
        for el in self.tree.iter("title"):
            text = _clean(el.text_content())
            if text:
                return text
        return None

    def meta_titles(self) -> list[str]:
        found = list(self._meta(*_TITLE_META))
        for obj in self.ld:
            for key in ("headline", "name"):
                value = obj.get(key)
                if isinstance(value, str) and value.strip() and _is_article(obj):
                    found.append(_clean(value))
                    break
        return found

    def published_stamps(self) -> list[datetime]:
        stamps: list[datetime] = []
        for obj in self.ld:
            if _is_article(obj):
                for key in ("datePublished", "dateCreated"):
                    value = obj.get(key)
                    if isinstance(value, str):
                        stamps.extend(_as_datetime(value))
        for value in self._meta(*_DATE_META):
            stamps.extend(_as_datetime(value))
        for el in self.tree.iter("time"):
            if el.get("itemprop", "").lower() == "datepublished" or el.get("pubdate") is not None:
                stamps.extend(_as_datetime(el.get("datetime") or ""))
        return stamps


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity", "itemListElement"))


def _is_article(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds)


def _clean(text: str) -> str:
    text = repair_mojibake(htmllib.unescape(text)).translate(_INVISIBLE)
    return " ".join(text.split())


def _as_datetime(value: str) -> list[datetime]:
    text = value.strip()
    if not text:
        return []
    try:
        return [datetime.fromisoformat(text.replace(" ", "T", 1) if len(text) > 10 else text)]
    except ValueError:
        pass
    try:
        return [parsedate_to_datetime(text)]
    except (TypeError, ValueError, IndexError):
        return []


# ---------------------------------------------------------------------------- headline


def normalise_title(text: str | None) -> str:
    """Compare form of a title: entities, quotes, dashes, case and whitespace normalised."""
    text = unicodedata.normalize("NFKC", htmllib.unescape(text or "")).translate(_INVISIBLE)
    return " ".join(text.translate(_QUOTES).lower().split()).strip(" .")


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", normalise_title(text))


def _segments(title: str) -> list[str]:
    return [s.strip() for s in _SEPARATORS.split(title) if s.strip()]


def _names_site(segment: str, site: str | None, host: str) -> bool:
    squashed = _squash(segment)
    if not squashed:
        return False
    if site and (squashed == _squash(site) or _squash(site) in squashed):
        return True
    if not host or len(squashed) < 3:
        return False
    return host in squashed or (squashed in host and len(squashed) >= 0.6 * len(host))


def _host_label(url: str | None) -> str:
    if not url:
        return ""
    host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    parts = [p for p in host.split(".") if p not in ("www", "m", "edition", "amp")]
    if len(parts) >= 2:
        parts = parts[:-1]
        if len(parts) >= 2 and parts[-1] in ("co", "com", "org", "net", "ac", "gov"):
            parts = parts[:-1]
    return re.sub(r"[\W_]+", "", parts[-1]) if parts else ""


def strip_site_name(title: str, *, site: str | None, url: str | None) -> str:
    """Remove the segments that name the site: ``"X | The Times | World"`` → X,
    ``"The Times - X"`` → X. Segments are cut at separators (``|``, `` - ``, ``—``, ``»``…)."""
    host = _host_label(url)
    cuts = list(_SEPARATORS.finditer(title))
    # a trailing segment naming the site: keep what comes before it
    for i, cut in enumerate(cuts):
        end = cuts[i + 1].start() if i + 1 < len(cuts) else len(title)
        head = title[: cut.start()].strip()
        if head and _names_site(title[cut.end() : end], site, host):
            return strip_site_name(head, site=site, url=url)
    # a leading one: keep what follows it
    if cuts and _names_site(title[: cuts[0].start()], site, host):
        tail = title[cuts[0].end() :].strip()
        if tail:
            return strip_site_name(tail, site=site, url=url)
    return title


def _confirmation(h1: str, others: list[str]) -> int:
    """3: ``h1`` equals one of ``others``; 2: the start of one, up to a separator; 1: the end
    of one, after a separator, with a shorter lead before it; 0: none of these."""
    key = normalise_title(h1)
    score = 0
    for other in others:
        if normalise_title(other) == key:
            return 3
        cuts = list(_SEPARATORS.finditer(other))
        if any(normalise_title(other[: c.start()]) == key for c in cuts):
            score = max(score, 2)
        elif any(
            normalise_title(other[c.end() :]) == key and len(other[: c.start()]) < len(h1) for c in cuts
        ):
            score = max(score, 1)
    return score


def pick_headline(
    *,
    h1s: list[str],
    metas: list[str],
    title: str | None,
    site: str | None = None,
    url: str | None = None,
) -> str | None:
    """Choose the headline among a page's ``<h1>``s, metadata titles and ``<title>``.

    1. an ``<h1>`` that another source confirms and that does not name the site: best one
       equal to a whole metadata title or ``<title>``, then one equal to their start
       (``"<h1> | Site"``), then one equal to their end (``"Site | <h1>"``) when what precedes
       it is shorter than the ``<h1>`` (a longer lead is the headline, the ``<h1>`` a banner);
    2. else the first metadata title, then the ``<title>``, with site-name segments removed;
    3. else the first ``<h1>``.
    """
    others = [*metas, *([title] if title else [])]
    host = _host_label(url)
    best: tuple[int, int, str] | None = None
    for index, h1 in enumerate(h1s):
        score = _confirmation(h1, others)
        if score and len(_squash(h1)) > 1 and not _names_site(h1, site, host):
            if best is None or (score, -index) > best[:2]:
                best = (score, -index, h1)
    if best is not None:
        return best[2]
    for other in others:
        if other.endswith(("...", "…")):
            continue  # a truncated copy
        stripped = _DANGLING.sub("", strip_site_name(other, site=site, url=url))
        if _squash(stripped):
            return stripped
    return h1s[0] if h1s else None


# ---------------------------------------------------------------------------- date


def _find_day(html: str, *, url: str | None, hint: str | None) -> date | None:
    """The publication day as htmldate finds it with ``DATE_SETTINGS``.

    ``hint`` is trafilatura's date, found with the same settings during extraction.
    """
    found = hint or htmldate.find_date(html, url=url, **DATE_SETTINGS)
    if not found:
        return None
    try:
        return date.fromisoformat(found[:10])
    except ValueError:
        return None


def pick_published(*, day: date | None, stamps: list[datetime]) -> datetime | None:
    """The publication time: a structured stamp that agrees with ``day`` (keeping its time
    and zone), else ``day`` at midnight (naive), else the first structured stamp."""
    if day is None:
        return stamps[0] if stamps else None
    for stamp in stamps:
        if stamp.date() == day:
            return stamp
    return datetime(day.year, day.month, day.day)
