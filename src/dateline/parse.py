"""Article → Document: the story's structure, its metadata, and the noise around it.

Scraped news text comes in many shapes. This stage splits it into paragraphs, reads the
header (section label, headline, standfirst, byline, publication and update stamps), finds
the dateline at the start of the body ("SEOUL (Reuters) -"), and removes what is not the
story (inline related-article headlines, "Read more:" lines, photo captions and credits,
advertisements, share and newsletter prompts), keeping each removed piece with its reason.

``Document.text`` holds the headline, standfirst and body paragraphs, separated by blank
lines; ``Document.pieces`` maps every character of it back to ``Article.text``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from .config import Config, parse_timezone
from .records import Article, Document, Paragraph, Piece, Removed
from .structure import Block, classify_noise, split_blocks

logger = logging.getLogger(__name__)

# "PUBLISHED : Sunday, 07 October, 2018, 7:38pm", "Updated: …", "Xinhua | Updated: 2017-09-15 17:52",
# "Published 7:38 PM EDT Oct 7, 2018", "First published on Sun 7 Oct 2018 12.38 BST".
STAMP = re.compile(
    r"^(?:[\w .&'-]{1,40}\s*[|•·]\s*)?"
    r"(?P<kind>(?:first\s+)?published|updated|last\s+updated|last\s+modified|modified|posted|"
    r"date)(?:\s+on)?\s*[:|-]?\s*(?P<when>.{6,80})$",
    re.IGNORECASE,
)
ISO_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
BYLINE = re.compile(
    r"^(?:by|words by|written by|reporting by)\s+(?P<names>[^\d]{3,120}?)"
    r"(?:\s*[,|/]\s*(?P<outlet>[A-Z][\w.&' -]{1,40}))?\.?$",
    re.IGNORECASE,
)
NAME = r"[A-Z][a-zA-Z'’.-]+(?:\s+(?:[A-Z][a-zA-Z'’.-]+|de|van|von|bin|al|da|del|la|le))*"
NAME_OUTLET = re.compile(
    rf"^(?P<names>{NAME}(?:\s*(?:,|and|&)\s*{NAME})*)\s*[,|/]\s*"
    r"(?P<outlet>(?:Reuters|AP|AFP|Associated Press|Agence France-Presse|Bloomberg|CNN|BBC(?: News)?|"
    r"Xinhua|Yonhap|Kyodo|dpa|UPI|[A-Z][\w-]*\.(?:com|ca|co\.uk|org|net)|"
    r"[A-Z][A-Za-z]+ (?:News|Times|Post)))$"
)
AGENCIES = (
    r"Reuters|AP|AFP|Associated Press|CNN|BBC|Xinhua|Yonhap|Kyodo|dpa|UPI|Bloomberg|"
    r"Agence France-Presse|ANI|PTI|IANS|KCNA|TASS|RIA Novosti|Al Jazeera"
)
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{2,40}?|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    r"(?P<detail>,\s*[A-Z][a-zA-Z.]*\.?(?:\s+[A-Z][a-zA-Z.]*){0,2}(?:\s+\d{1,2})?(?:,\s*\d{4})?)?"
    rf"\s*(?:\((?:{AGENCIES})\))?\s*(?:--|[-—–])\s+(?=\S)"
)
AGENCY_ONLY_DATELINE = re.compile(rf"^\((?:{AGENCIES})\)\s*(?:--|[-—–])\s+(?=\S)")
TERMINAL = re.compile(r"[.!?…:;,]['’\"”»)\]]*$|[.!?…]\s*['’\"”»]+\s*\S{0,3}$")
CLOSING_QUOTE_END = re.compile(r"['’\"”»]$")
LIST_HEADING = re.compile(r"^\(?\d{1,3}[.):]\s")


@dataclass(frozen=True, slots=True)
class _Stamp:
    kind: str
    when: datetime


def parse_article(article: Article, *, cfg: Config, published: datetime | None = None) -> Document:
    """Read the structure of one article. ``published`` is used when the article has no date.

    Never raises on odd text: what it cannot place becomes body.
    """
    blocks = split_blocks(article.text)
    removed: list[Removed] = []
    stamps: list[_Stamp] = []
    byline: str | None = None
    authors: list[str] = list(article.authors)

    # 1. Noise anywhere: stamps, bylines, read-more lines, captions, ads.
    kept: list[Block] = []
    header_end: int | None = None  # where the header ends: the first stamp or byline, if early
    for index, block in enumerate(blocks):
        stamp = _read_stamp(block.text, header=index < 8)
        if stamp is not None:
            stamps.append(stamp)
            removed.append(_removed(block, "stamp"))
            if header_end is None and index < 6:
                header_end = block.raw_start
            continue
        found = _read_byline(block.text) if index < 8 or index >= len(blocks) - 2 else None
        if found is not None:
            if header_end is None and index < 6:
                header_end = block.raw_start
            byline = byline or block.text
            authors.extend(a for a in found if a not in authors)
            removed.append(_removed(block, "byline"))
            continue
        reason = classify_noise(block.text)
        if reason is not None:
            removed.append(_removed(block, reason))
            continue
        kept.append(block)

    # 2. Header: section label, headline, standfirst.
    section, headline, standfirst, body = _split_header(kept, article, header_end=header_end)
    if section is not None:
        removed.append(_removed(section, "section"))

    # 3. Inline related-article headlines between body paragraphs.
    body, dropped = _drop_related_headlines(body)
    removed.extend(_removed(b, reason) for b, reason in dropped)

    # 4. The dateline at the start of the body.
    dateline: str | None = None
    if body:
        body[0], dateline, cut = _strip_dateline(body[0])
        if cut is not None:
            removed.append(cut)

    # 5. Assemble the text and its map back to the raw input.
    parts: list[tuple[Block, str]] = []
    if headline is not None:
        parts.append((headline, "headline"))
    if standfirst is not None:
        parts.append((standfirst, "standfirst"))
    parts.extend((b, "body") for b in body)
    text, paragraphs, pieces = _assemble(parts)

    when, updated, tz_origin, assumed = _publication_times(article, stamps, cfg=cfg, fallback=published)
    removed.sort(key=lambda r: r.raw_start)
    return Document(
        id=article.id,
        text=text,
        paragraphs=tuple(paragraphs),
        headline=headline.text if headline else None,
        standfirst=standfirst.text if standfirst else None,
        section=section.text if section else None,
        byline=byline,
        authors=tuple(authors),
        dateline=dateline,
        published=when,
        updated=updated,
        published_tz=tz_origin,
        assumed_tz=assumed,
        url=article.url,
        site=article.site,
        removed=tuple(removed),
        pieces=tuple(pieces),
    )


# ---------------------------------------------------------------------------------------
# header


def _split_header(
    kept: list[Block], article: Article, *, header_end: int | None
) -> tuple[Block | None, Block | None, Block | None, list[Block]]:
    """Find the section label, headline and standfirst among the leading blocks.

    ``header_end`` is the raw offset of the first stamp or byline near the top, if any.
    """
    if len(kept) < 2:
        return None, None, None, kept

    section: Block | None = None
    headline: Block | None = None
    standfirst: Block | None = None
    i = 0
    title = _norm(article.title) if article.title else None
    if title is not None:
        for j, block in enumerate(kept[:4]):
            norm = _norm(block.text)
            if norm == title or (len(title) > 20 and norm.startswith(title) and len(norm) < len(title) + 40):
                if j == 1 and _is_label(kept[0].text):
                    section = kept[0]
                elif j > 0:
                    break
                headline, i = block, j + 1
                break
    if headline is None and title is None:
        if len(kept) >= 3 and _is_label(kept[0].text) and _is_headline(kept[1].text):
            section, headline, i = kept[0], kept[1], 2
        elif _is_headline(kept[0].text) and (header_end is not None or len(kept) >= 3):
            headline, i = kept[0], 1
    if headline is not None and i < len(kept) - 1:
        candidate = kept[i]
        description = _norm(article.description) if article.description else None
        before_meta = header_end is not None and candidate.raw_start < header_end
        # A paragraph that repeats the description is a standfirst only when it reads like one
        # (no closing full stop); pages often repeat their lede as the description.
        is_dek = description and _norm(candidate.text) == description and not TERMINAL.search(candidate.text)
        if is_dek or (before_meta and len(candidate.text.split()) >= 8):
            standfirst, i = candidate, i + 1
    return section, headline, standfirst, kept[i:]


def _is_label(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 4 and len(text) <= 40 and not TERMINAL.search(text) and text[0].isupper()


def _is_headline(text: str) -> bool:
    words = text.split()
    if not 3 <= len(words) <= 30 or (not text[0].isupper() and text[0] not in "‘'\"“"):
        return False
    return not text.rstrip("'’\"”»)").endswith(".") or text.endswith("...")


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[‘’“”\"'`]", "", text or "")).strip().lower()


# ---------------------------------------------------------------------------------------
# related-article headlines


def _drop_related_headlines(body: list[Block]) -> tuple[list[Block], list[tuple[Block, str]]]:
    """Remove headline-like lines that sit between body paragraphs and end no sentence.

    Short ones are inline related-article headlines; long unpunctuated sentences between
    paragraphs are photo captions. A run of such lines at the top of the body is a list of
    summary bullets and stays.
    """
    if len(body) < 3:
        return body, []
    last = len(body) - 1
    flags = [
        (0 < i < last or (i == last and len(body) > 3)) and _is_related_headline(b.text, body, i)
        for i, b in enumerate(body)
    ]
    kept: list[Block] = []
    dropped: list[tuple[Block, str]] = []
    for i, block in enumerate(body):
        bullets = i < 5 and ((i > 0 and flags[i - 1]) or (i + 1 < len(body) and flags[i + 1]))
        if flags[i] and not bullets:
            dropped.append((block, "related-link" if len(block.text.split()) <= 14 else "caption"))
        else:
            kept.append(block)
    return kept, dropped


def _is_related_headline(text: str, body: list[Block], i: int) -> bool:
    words = text.split()
    if not 5 <= len(words) <= 22 or TERMINAL.search(text) or CLOSING_QUOTE_END.search(text):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "‘'\"“"):
        return False
    if LIST_HEADING.match(text):  # "2. Don't forget to drink water": a list item's heading
        return False
    if text.endswith(("-", "—", "–")):
        return False
    # A paragraph that ends no sentence but is followed by a lower-case continuation is a
    # broken sentence, not a headline.
    nxt = body[i + 1].text if i + 1 < len(body) else ""
    if nxt[:1].islower():
        return False
    # Surrounding paragraphs are prose: long and punctuated.
    neighbours = [body[j].text for j in (i - 1, i + 1) if 0 <= j < len(body)]
    return any(len(n.split()) >= 12 and TERMINAL.search(n) for n in neighbours)


# ---------------------------------------------------------------------------------------
# stamps, bylines, datelines


def _read_stamp(text: str, *, header: bool) -> _Stamp | None:
    if len(text) > 120:
        return None
    match = STAMP.match(text.strip())
    if match is not None:
        when = _parse_when(match["when"])
        if when is not None:
            kind = "updated" if re.search(r"updated|modified", match["kind"], re.I) else "published"
            return _Stamp(kind, when)
        return None
    if header and ISO_STAMP.match(text.strip()):
        when = _parse_when(text.strip())
        return _Stamp("published", when) if when is not None else None
    return None


@lru_cache(maxsize=1)
def _dateparser() -> Any:
    import dateparser

    return dateparser


def _parse_when(text: str) -> datetime | None:
    text = text.strip().rstrip(".")
    text = re.sub(r"(?<=\d)\.(?=\d{2}\b)", ":", text)  # "12.38 BST" -> "12:38 BST"
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    if not re.search(r"\d", text):
        return None
    parsed = _dateparser().parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if not isinstance(parsed, datetime):
        return None
    offset = parsed.utcoffset()
    if offset is not None:  # a fixed offset serialises cleanly, unlike dateparser's own tzinfo
        return parsed.replace(tzinfo=timezone(offset))
    return parsed


def _read_byline(text: str) -> list[str] | None:
    """The authors of a byline line, or None when the line is no byline."""
    if len(text) > 140 or len(text.split()) > 16:
        return None
    match = BYLINE.match(text) or NAME_OUTLET.match(text)
    if match is None:
        return None
    names = match["names"].strip()
    if BYLINE.match(text) and not re.match(rf"^{NAME}", names):
        return None
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", names)
    authors = [p.strip(" .") for p in parts if p.strip(" .")]
    if not authors or any(len(a.split()) > 4 for a in authors):
        return None
    return authors


def _strip_dateline(block: Block) -> tuple[Block, str | None, Removed | None]:
    """Split "SEOUL (Reuters) - " off the first body paragraph."""
    match = DATELINE.match(block.text) or AGENCY_ONLY_DATELINE.match(block.text)
    if match is None:
        return block, None, None
    place_raw = match.groupdict().get("place")
    if place_raw is not None:
        # A title-case "place" must be a single proper name, and all-caps ones must be
        # mostly letters: "SEOUL", "UNITED NATIONS", "Washington".
        if not place_raw.isupper() and len(place_raw.split()) > 2:
            return block, None, None
        if place_raw.isupper() and len(re.sub(r"[^A-Z]", "", place_raw)) < 3:
            return block, None, None
    cut = match.end()
    rest = block.text[cut:]
    if not rest[:1].isupper() and rest[:1] not in "‘'\"“(0123456789":
        return block, None, None
    place = _place_name(place_raw) if place_raw else None
    removed = Removed(block.text[:cut].strip(), "dateline", block.raw_start, block.raw_start + cut)
    return (
        Block(block.raw_start + cut, block.raw_end, rest, block.pieces_from(cut)),
        place,
        removed,
    )


def _place_name(raw: str) -> str:
    raw = raw.strip(" ,")
    if raw.isupper():
        return " ".join(w.capitalize() if len(w) > 2 else w for w in raw.split())
    return raw


# ---------------------------------------------------------------------------------------
# times


def _publication_times(
    article: Article, stamps: list[_Stamp], *, cfg: Config, fallback: datetime | None
) -> tuple[datetime | None, datetime | None, str | None, str | None]:
    published = next((s.when for s in stamps if s.kind == "published"), None)
    updated = next((s.when for s in stamps if s.kind == "updated"), None)
    if published is None:
        published = article.published or (updated if updated is not None else None) or fallback
        if published is updated:
            updated = None
    if published is None:
        return None, updated, None, None
    if published.tzinfo is not None:
        if updated is not None and updated.tzinfo is None:
            updated = updated.replace(tzinfo=published.tzinfo)
        return published, updated, "source", None
    zone_name = cfg.timezone_for(url=article.url, site=article.site)
    if not zone_name:
        return published, updated, None, None
    zone = parse_timezone(zone_name)
    published = published.replace(tzinfo=zone)
    if updated is not None and updated.tzinfo is None:
        updated = updated.replace(tzinfo=zone)
    return published, updated, "assumed", zone_name


# ---------------------------------------------------------------------------------------
# assembly


def _removed(block: Block, reason: str) -> Removed:
    return Removed(block.text, reason, block.raw_start, block.raw_end)


def _assemble(parts: list[tuple[Block, str]]) -> tuple[str, list[Paragraph], list[Piece]]:
    chunks: list[str] = []
    paragraphs: list[Paragraph] = []
    pieces: list[Piece] = []
    offset = 0
    for block, role in parts:
        if chunks:
            chunks.append("\n\n")
            offset += 2
        chunks.append(block.text)
        paragraphs.append(Paragraph(offset, offset + len(block.text), role))
        pieces.extend(replace(p, start=p.start + offset) for p in block.pieces)
        offset += len(block.text)
    return "".join(chunks), paragraphs, pieces
