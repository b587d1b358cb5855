from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from dateline.config import load_config
from dateline.parse import parse_article
from dateline.records import Article, Document
from dateline.structure import classify_noise, split_blocks

CFG = load_config(environ={})
HKT = load_config(environ={}, overrides={"default_timezone": "Asia/Hong_Kong"})


def parse(text: str, **fields: object) -> Document:
    return parse_article(Article(id="t", text=text, source="<test>", **fields), cfg=CFG)  # type: ignore[arg-type]


def assert_maps_back(document: Document, raw: str) -> None:
    for p in document.paragraphs:
        start = document.raw_offset(p.start)
        piece = document.text[p.start : p.end]
        if " " not in piece or raw[start : start + len(piece)] == piece:
            assert raw[start : start + len(piece)] == piece


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Read more: Duisburg – Three Travel Tips", "read-more"),
        ("READ MORE", "read-more"),
        ("Related: What the new tax law means for you", "read-more"),
        ("Also read: Five things we learned from the summit", "read-more"),
        ("Advertisement", "advertisement"),
        ("Advertisement Continue reading the main story", "advertisement"),
        ("Sign up for our morning briefing newsletter", "newsletter"),
        ("Share this article", "share"),
        ("Follow Jane Doe on Twitter: @janedoe", "share"),
        ("Photo", "caption"),
        ("Image copyright Reuters Image caption Rescue teams at the site on Monday", "caption"),
        ("FILE - In this June 3, 2019 file photo, the minister speaks in parliament.", "caption"),
        ("Reuters Soldiers patrol the border crossing near the town", "caption"),
        ("Lee Jin-man/AP", "credit"),
        ("(Maria Lopez / The Daily Ledger)", "credit"),
        ("Getty Images", "credit"),
        ("Crowds gather outside the court in the capital Ana Torres/Reuters", "caption"),
        ("___", "boilerplate"),
    ],
)
def test_parse_noise_lines_are_classified(line: str, reason: str) -> None:
    assert classify_noise(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Reuters reported on Monday that the talks had stalled.",
        "Related issues were raised by the delegation from Kenya.",
        "Photographs of the meeting were released by state media on Tuesday.",
        "The minister said the sanctions would remain in place.",
        "Subscribers to the service were told on Friday that it would close.",
        "Videos circulating online showed crowds in the square.",
        "AP News and other outlets were barred from the briefing.",
    ],
)
def test_parse_story_sentences_are_not_noise(line: str) -> None:
    assert classify_noise(line) is None


SEED_SHAPED = """World

Minister vows ‘no retreat’ as strike enters second week

The transport minister says the government will not reopen talks until the unions call off the stoppage

PUBLISHED : Monday, 04 March, 2019, 8:05am
UPDATED : Monday, 04 March, 2019, 10:12am

The transport minister said on Monday that the government would not return to talks while the strike went on.

“We will not negotiate under pressure,” she told reporters in the capital.

Rail unions vow to widen the strike to ports and airports

Union leaders said they would meet on Wednesday to decide their next step, and accused the government of refusing to listen.
"""


def test_parse_seed_shaped_header_and_noise() -> None:
    document = parse(SEED_SHAPED)
    assert document.section == "World"
    assert document.headline == "Minister vows ‘no retreat’ as strike enters second week"
    assert document.standfirst is not None and document.standfirst.startswith("The transport minister says")
    assert document.published == datetime(2019, 3, 4, 8, 5)
    assert document.updated == datetime(2019, 3, 4, 10, 12)
    assert document.published_tz is None  # no zone given, none configured: naive, not invented
    reasons = {r.text: r.reason for r in document.removed}
    assert reasons["Rail unions vow to widen the strike to ports and airports"] == "related-link"
    assert [p.role for p in document.paragraphs] == ["headline", "standfirst", "body", "body", "body"]
    assert "PUBLISHED" not in document.text and "World\n" not in document.text
    assert_maps_back(document, SEED_SHAPED)


def test_parse_assumed_zone_is_recorded() -> None:
    document = parse_article(Article(id="t", text=SEED_SHAPED, source="<test>"), cfg=HKT)
    assert document.published == datetime(2019, 3, 4, 8, 5, tzinfo=document.published.tzinfo)
    assert document.published is not None and document.published.utcoffset() == timedelta(hours=8)
    assert document.published_tz == "assumed"
    assert document.assumed_tz == "Asia/Hong_Kong"


def test_parse_source_zone_wins_over_default() -> None:
    text = "Headline of the story here\n\nPublished 7:38 PM EDT Oct 7, 2018\n\nThe body sentence one.\n\nAnd two."
    document = parse_article(Article(id="t", text=text, source="<test>"), cfg=HKT)
    assert document.published is not None
    assert document.published.utcoffset() == timedelta(hours=-4)
    assert document.published_tz == "source"


@pytest.mark.parametrize(
    ("first", "place", "rest"),
    [
        ("SEOUL (Reuters) - North Korea said on Monday it would resume talks.", "Seoul", "North Korea"),
        ("PYONGYANG, Oct 7 (AP) — Kim met the envoy at a guest house.", "Pyongyang", "Kim met"),
        ("WASHINGTON — The president signed the bill on Friday.", "Washington", "The president"),
        ("UNITED NATIONS (AFP) - The council voted on Tuesday.", "United Nations", "The council"),
        ("BEIJING -- China on Friday said it opposes the launches.", "Beijing", "China on"),
        ("MELBOURNE, Fla. — Can you feel it?", "Melbourne", "Can you"),
        ("SEOUL, South Korea — North Korea fired three missiles.", "Seoul", "North Korea fired"),
        ("GAZA CITY, Palestinian Territories — Four children were hurt.", "Gaza City", "Four children"),
    ],
)
def test_parse_dateline(first: str, place: str, rest: str) -> None:
    text = f"A headline for the story at hand\n\n{first}\n\nA second paragraph follows here."
    document = parse(text)
    assert document.dateline == place
    body = [document.text[p.start : p.end] for p in document.paragraphs if p.role == "body"]
    assert body[0].startswith(rest)
    assert any(r.reason == "dateline" for r in document.removed)
    assert_maps_back(document, text)


@pytest.mark.parametrize(
    "first",
    [
        "Washington said on Monday it would respond.",
        "US officials - speaking anonymously - said the plan was final.",
        "The UN - which has 193 members - met on Monday.",
        "Iran, Iraq and Syria - the three neighbours - met on Monday.",
    ],
)
def test_parse_no_false_dateline(first: str) -> None:
    document = parse(f"A headline for the story at hand\n\n{first}\n\nMore text.")
    assert document.dateline is None
    assert first in document.text


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Jane Smith and John Doe", ["Jane Smith", "John Doe"]),
        ("By Hyonhee Shin, Reuters", ["Hyonhee Shin"]),
        ("Daksha Rangan, CTVNews.ca", ["Daksha Rangan"]),
        ("Matthew Lee, Associated Press", ["Matthew Lee"]),
    ],
)
def test_parse_byline(line: str, authors: list[str]) -> None:
    text = f"A headline about the summit talks\n\n{line}\n\nThe talks began on Monday.\n\nThey ended Tuesday."
    document = parse(text)
    assert list(document.authors) == authors
    assert document.byline == line
    assert line not in document.text


def test_parse_single_paragraph_is_all_body() -> None:
    document = parse("Kim met Pompeo in Pyongyang on Sunday")
    assert document.headline is None
    assert [p.role for p in document.paragraphs] == ["body"]


def test_parse_title_from_metadata_marks_headline() -> None:
    text = "Rhine cruise ship hits bridge\n\nThe accident happened late on Tuesday.\n\nFour were hurt."
    document = parse(text, title="Rhine cruise ship hits bridge")
    assert document.headline == "Rhine cruise ship hits bridge"
    assert document.body.startswith("The accident")


def test_parse_hard_wrapped_text_is_joined_and_maps_back() -> None:
    raw = (
        "Talks resume in Geneva\n\n"
        "Delegations from both sides met in Geneva on Monday for the first round of talks\n"
        "since the ceasefire collapsed in the spring, diplomats said, adding that the\n"
        "meeting had been arranged by the United Nations envoy.\n\n"
        "A second round is planned for next month, officials said on condition of anonymity.\n"
    )
    document = parse(raw)
    body = [p for p in document.paragraphs if p.role == "body"]
    assert len(body) == 2
    first = document.text[body[0].start : body[0].end]
    assert "talks since the ceasefire" in first
    offset = first.index("since")
    raw_offset = document.raw_offset(body[0].start + offset)
    assert raw[raw_offset : raw_offset + 5] == "since"


def test_parse_body_sentences_never_removed() -> None:
    paragraphs = [
        "The president arrived in the capital on Monday for two days of talks.",
        "Officials said the visit would focus on trade and security.",
        "The two leaders are expected to sign several agreements",
        "Opposition parties said they would boycott the state dinner.",
    ]
    document = parse("Leaders meet in the capital\n\n" + "\n\n".join(paragraphs))
    for sentence in paragraphs[:2] + paragraphs[3:]:
        assert sentence in document.text


def test_parse_offsets_map_back(test_data: Path) -> None:
    raw = (test_data.parent.parent / "examples" / "article.txt").read_text("utf-8")
    document = parse(raw)
    assert_maps_back(document, raw)
    with pytest.raises(ValueError, match="outside"):
        document.raw_offset(len(document.text) + 1)


def test_parse_split_blocks_keeps_offsets() -> None:
    raw = "  One line here  \r\nTwo\n\n\n   Three   "
    raw = raw.replace("\r\n", "\n")
    for block in split_blocks(raw):
        for piece in block.pieces:
            assert (
                raw[piece.raw_start : piece.raw_start + piece.length]
                == block.text[piece.start : piece.start + piece.length]
            )


def test_parse_iso_stamp_with_zone() -> None:
    document = parse("A headline about the summit\n\n2018-10-07T19:38:00+08:00\n\nBody text here.\n\nMore.")
    assert document.published == datetime(2018, 10, 7, 19, 38, tzinfo=timezone(timedelta(hours=8)))
    assert document.published_tz == "source"


def test_parse_fallback_published() -> None:
    when = datetime(2020, 1, 2, tzinfo=UTC)
    document = parse_article(Article(id="t", text="Just one sentence.", source="x"), cfg=CFG, published=when)
    assert document.published == when


#: Where the seed's parts stand among its blank-line-separated blocks (the text itself is read
#: from ../shared at run time, never copied here): section, headline, standfirst, stamps, then
#: the body with two inline related-article headlines.
SEED_HEADLINE_BLOCK, SEED_STANDFIRST_BLOCK, SEED_RELATED_BLOCKS = 1, 2, (14, 19)


def test_parse_seed_every_field(seed_path: Path) -> None:
    raw = seed_path.read_text("utf-8")
    raw_paragraphs = [p.strip() for p in raw.split("\n\n") if p.strip()]
    headline = raw_paragraphs[SEED_HEADLINE_BLOCK]
    related_expected = tuple(raw_paragraphs[i] for i in SEED_RELATED_BLOCKS)
    document = parse_article(Article(id="seed", text=raw, source=str(seed_path)), cfg=HKT)
    assert document.section == "North Korea"
    assert document.headline == headline
    assert document.standfirst == raw_paragraphs[SEED_STANDFIRST_BLOCK]
    hkt = timezone(timedelta(hours=8))
    assert document.published == datetime(2018, 10, 7, 19, 38, tzinfo=hkt)
    assert document.updated == datetime(2018, 10, 7, 23, 21, tzinfo=hkt)
    assert (document.published_tz, document.assumed_tz) == ("assumed", "Asia/Hong_Kong")
    related = [r.text for r in document.removed if r.reason == "related-link"]
    assert tuple(related) == related_expected
    # Every body paragraph of the raw text is kept whole; nothing else is in the body.
    body_raw = [p for p in raw_paragraphs[4:] if p not in related_expected]
    body = [document.text[p.start : p.end] for p in document.paragraphs if p.role == "body"]
    assert body == body_raw
    for needle in ("PUBLISHED", "UPDATED", *related_expected):
        assert needle not in document.body
    assert document.text.startswith(headline + "\n\n" + document.standfirst + "\n\n")
    assert_maps_back(document, raw)


def test_parse_seed_without_default_zone_stays_naive(seed_path: Path) -> None:
    raw = seed_path.read_text("utf-8")
    document = parse_article(Article(id="seed", text=raw, source="seed"), cfg=CFG)
    assert document.published == datetime(2018, 10, 7, 19, 38)
    assert document.published_tz is None and document.assumed_tz is None
