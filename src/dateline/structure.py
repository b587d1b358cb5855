"""Paragraph splitting and line-level noise classification for scraped news text.

``split_blocks`` turns raw text into paragraphs that remember where each character came
from; ``classify_noise`` names the kind of non-story line a paragraph is (a "Read more:"
link, a photo caption or credit, an advertisement, a share or newsletter prompt) or
returns None for story text.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from .records import Piece

LINE = re.compile(r"[^\n]*")
TERMINAL_END = re.compile(r"[.!?…:;,]['’\"”»)\]]*$")


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the raw text: its stripped text and where its characters came from.

    ``pieces`` have ``start`` relative to ``text`` and ``raw_start`` absolute in the raw text.
    """

    raw_start: int
    raw_end: int
    text: str
    pieces: tuple[Piece, ...]

    def pieces_from(self, cut: int) -> tuple[Piece, ...]:
        """The pieces of ``text[cut:]``, re-based to start at 0."""
        out: list[Piece] = []
        for p in self.pieces:
            end = p.start + p.length
            if end <= cut:
                continue
            skip = max(0, cut - p.start)
            out.append(Piece(p.start + skip - cut, p.raw_start + skip, p.length - skip))
        return tuple(out)


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their start offsets, stripped (offsets adjusted), or '' for blanks."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        out.append((pos + lead, stripped))
        pos += len(line) + 1
    return out


def split_blocks(text: str) -> list[Block]:
    """Split raw text into paragraphs.

    A blank line always ends a paragraph. Inside a run of lines without blank lines, each
    line is its own paragraph, unless the run is hard-wrapped prose (long lines that mostly
    end mid-sentence), whose lines are joined with a space.
    """
    runs: list[list[tuple[int, str]]] = [[]]
    for start, line in _lines(text):
        if line:
            runs[-1].append((start, line))
        elif runs[-1]:
            runs.append([])
    blocks: list[Block] = []
    for run in runs:
        if not run:
            continue
        if len(run) > 1 and _is_wrapped(run):
            blocks.append(_join(run))
        else:
            blocks.extend(Block(s, s + len(line), line, (Piece(0, s, len(line)),)) for s, line in run)
    return blocks


def _is_wrapped(run: list[tuple[int, str]]) -> bool:
    lines = [line for _, line in run]
    if statistics.median(len(line) for line in lines[:-1]) < 55:
        return False
    open_ends = sum(1 for line in lines[:-1] if not TERMINAL_END.search(line))
    lower_next = sum(1 for line in lines[1:] if line[:1].islower())
    return open_ends >= 0.6 * (len(lines) - 1) or lower_next >= 0.3 * (len(lines) - 1)


def _join(run: list[tuple[int, str]]) -> Block:
    pieces: list[Piece] = []
    chunks: list[str] = []
    offset = 0
    for start, line in run:
        if chunks:
            chunks.append(" ")
            offset += 1
        pieces.append(Piece(offset, start, len(line)))
        chunks.append(line)
        offset += len(line)
    last_start, last_line = run[-1]
    return Block(run[0][0], last_start + len(last_line), "".join(chunks), tuple(pieces))


# ---------------------------------------------------------------------------------------
# noise

_CREDIT_SOURCES = (
    r"Getty Images|Getty|Reuters|AP|AFP|EPA|EPA-EFE|PA|PA Wire|Bloomberg|Xinhua|Yonhap|Kyodo|"
    r"Shutterstock|Alamy|Corbis|NurPhoto|SOPA Images|Anadolu Agency|Sipa|Zuma Press|dpa|"
    r"AP Photo|AFP Photo|Reuters Photo|The [A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?"
)
_AGENCY_WORDS = r"Reuters|AP|AFP|EPA|Getty Images|Getty|PA|Bloomberg|Xinhua|Yonhap|Kyodo|Alamy"
_PERSON = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:\s*/\s*[A-Z][\w.'’-]+)*"

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "read-more",
        re.compile(
            r"^(?:read more|read also|also read|see also|related(?: articles?| stories| coverage"
            r"| content| links?| reading)?\s*[:>»|–—-]|more from [^.!?]{1,50}:?|more on (?:this|that)"
            r"(?: story)?\s*[:>»]|recommended(?: reading| for you)?\s*[:>»]|most read\b|watch\s*:|"
            r"listen\s*:|click here\b|scroll down for (?:video|more)|continue reading\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "advertisement",
        re.compile(
            r"^(?:advertisement|advert|sponsored(?: content)?|story continues below(?: advertisement)?"
            r"|continue reading the main story)(?:\s+continue reading the main story)?\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "share",
        re.compile(
            r"^(?:(?:save)+|share(?: this)?(?: article| story| on \w+)?|tweet|e-?mail|print|"
            r"share this with\b.*|click to share\b.*|follow (?:us|@?[\w. ]{1,40}) on "
            r"(?:twitter|facebook|instagram|x)\b.*|copy link|comments?(?: \(\d+\))?)\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "newsletter",
        re.compile(
            r"^(?=.{0,240}$)(?:sign up\b|subscribe\b|get (?:our|the) [^.]{0,60}newsletter|"
            r"thanks? (?:you )?for (?:signing up|subscribing)|newsletter\b|"
            r"get [^.]{0,60}(?:in|to) your inbox|enter your email\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "credit",
        re.compile(
            rf"^\(?(?:(?:photo|picture|image|credit)s?\s*:?\s*)?(?:{_PERSON}\s*/\s*(?:{_CREDIT_SOURCES})"
            rf"|(?:{_AGENCY_WORDS}|AP Photo|AFP Photo))(?: via [A-Z][\w ]+)?\)?$"
        ),
    ),
    (
        "caption",
        re.compile(
            r"^(?:photos?|images?|video|gallery|image copyright\b.*|image caption\b.*|"
            r"(?:photos?|pictures?|video|image|gallery|watch)\s*:.*|file\s*[-–—]\s*(?:in )?this\b.*|"
            r"\(photo\s*:.*\)|media playback is unsupported.*|"
            rf"(?-i:(?:{_AGENCY_WORDS})\s+(?:[-–—]\s+)?(?:File\s+)?[A-Z][a-z].*)|"
            rf"(?:{_AGENCY_WORDS})(?:\s*[-/|]\s*(?:{_AGENCY_WORDS}))+)\s*$",
            re.IGNORECASE,
        ),
    ),
    ("boilerplate", re.compile(r"^(?:_{2,}|-{3,}|\*{3,}|\.{3}|…|next|prev(?:ious)?|loading\.*)$", re.I)),
)

# A caption that ends with its photographer's credit: "… after the launch Dado Ruvic/Reuters".
_TRAILING_CREDIT = re.compile(rf"[a-z”\"’'\s]\s*{_PERSON}\s*/\s*(?:{_CREDIT_SOURCES})\s*$")


# Credits at the end of a caption: "(Hayoung Jeon/EPA)", "(Photo: Evan Vucci, AP)",
# "©Boris Horvat (AFP)", "Photograph: Getty Images", "(Image: Reuters)".
_CREDIT_TAIL = re.compile(
    r"(?:\((?:photo|image|picture)s?(?: by)?\s*:?[^()]{0,80}\)|\([^()]{0,60}/[^()]{0,60}\)"
    r"|©[^©]{1,60}|\bphotograph:\s*[^.]{1,60}|\bORG XMIT\b.*)\s*$",
    re.IGNORECASE,
)
# A bare agency at the end: "... in Nice, France. Reuters", "... (Feb. 4) AP", "(Reuters)".
_AGENCY_TAIL = re.compile(rf"(?:[.)]\s*|\()(?:{_AGENCY_WORDS}|Associated Press)\)?\s*$")
_PHOTO_WORDS = re.compile(
    r"\b(?:is|are) seen\b|\b(?:poses?|pictured|stands?|sits?|gestures?|waves?|looks? on|"
    r"arrives?|walks?|holds?|attends?|addresses|speaks|takes? (?:a|their|his|her) (?:picture|position)s?|"
    r"lifts? off|shows?|helps?|carr(?:y|ies)|reacts?|celebrates?|mourns?|lays?|pays? tribute)\b|"
    r"\((?:left|right|front|center|centre|l|r|c)\)",
    re.IGNORECASE,
)
_WIDGETS = re.compile(r"^(?:facebook twitter pinterest|close)\s", re.IGNORECASE)
_NEWSLETTER_WORDS = re.compile(r"newsletter|subscrib|sign up|inbox|e-?mail", re.IGNORECASE)


def classify_noise(text: str) -> str | None:
    """The reason a paragraph is not story text, or None when it is (or may be) story."""
    for reason, pattern in _RULES:
        if pattern.match(text):
            if reason == "read-more" and len(text.split()) > 40:
                return None
            if reason == "caption" and _looks_like_sentence_with_agency(text):
                continue
            return reason
    if len(text) > 1000:
        return None
    if _TRAILING_CREDIT.search(text) and not TERMINAL_END.search(text):
        return "caption"
    if _CREDIT_TAIL.search(text) or _WIDGETS.match(text):
        return "caption"
    if _AGENCY_TAIL.search(text) and _PHOTO_WORDS.search(text):
        return "caption"
    if len({m.lower()[:5] for m in _NEWSLETTER_WORDS.findall(text)}) >= 3:
        return "newsletter"
    return None


def _looks_like_sentence_with_agency(text: str) -> bool:
    """ "AP reported on Sunday that …" is story text, not a caption that opens with a credit."""
    second = text.split(maxsplit=2)[1:2]
    return bool(second) and second[0].lower() in {
        "reported",
        "reports",
        "said",
        "says",
        "cited",
        "quoted",
        "news",
        "has",
        "had",
        "was",
        "is",
        "could",
        "and",
        "also",
        "learned",
        "understands",
        "contributed",
    }
