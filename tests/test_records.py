from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from dateline.records import (
    Actor,
    Document,
    Event,
    EventActor,
    Extraction,
    Location,
    Mention,
    Paragraph,
    Piece,
    Quote,
    Removed,
    Span,
    SpanRef,
    from_json,
    to_json,
)

texts = st.text(max_size=40)
small = st.integers(min_value=0, max_value=10_000)
opt_text = st.none() | texts
zones = st.sampled_from([None, UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-4))])
datetimes = st.builds(lambda d, z: d.replace(tzinfo=z), st.datetimes(min_value=datetime(1900, 1, 1)), zones)
spans = st.builds(Span, small, small, texts)
refs = st.builds(SpanRef, small, small, texts, opt_text)
event_actors = st.builds(EventActor, opt_text, opt_text, opt_text, texts)
documents = st.builds(
    Document,
    id=texts,
    text=texts,
    paragraphs=st.lists(st.builds(Paragraph, small, small, st.sampled_from(["headline", "body"]))).map(tuple),
    headline=opt_text,
    published=st.none() | datetimes,
    updated=st.none() | datetimes,
    removed=st.lists(st.builds(Removed, texts, texts, small, small)).map(tuple),
    pieces=st.lists(st.builds(Piece, small, small, small)).map(tuple),
    authors=st.lists(texts).map(tuple),
)
events = st.builds(
    Event,
    id=texts,
    event=opt_text,
    cameo=texts,
    quad=st.none() | st.integers(1, 4),
    goldstein=st.none() | st.floats(-10, 10, allow_nan=False),
    actor=st.lists(event_actors, max_size=2).map(tuple),
    recipient=st.lists(event_actors, max_size=2).map(tuple),
    date=st.none() | st.dates(min_value=date(1900, 1, 1)),
    location=st.none() | st.builds(Location, texts, opt_text, st.none() | st.floats(-90, 90), st.none()),
    negated=st.booleans(),
    evidence=st.none() | spans,
    support=st.lists(spans, max_size=2).map(tuple),
)
extractions = st.builds(
    Extraction,
    id=texts,
    document=documents,
    actors=st.lists(
        st.builds(Actor, texts, texts, texts, opt_text, opt_text, opt_text, st.lists(texts).map(tuple))
    ).map(tuple),
    mentions=st.lists(st.builds(Mention, small, small, texts, opt_text, opt_text)).map(tuple),
    quotes=st.lists(
        st.builds(
            Quote,
            texts,
            texts,
            small,
            small,
            texts,
            st.lists(spans).map(tuple),
            st.none() | refs,
            opt_text,
            st.none() | refs,
        )
    ).map(tuple),
    events=st.lists(events, max_size=3).map(tuple),
)


@given(extractions)
def test_records_extraction_round_trips_through_json(extraction: Extraction) -> None:
    data = json.loads(json.dumps(to_json(extraction)))
    assert from_json(Extraction, data) == extraction


def test_records_extraction_json_has_contract_keys() -> None:
    extraction = Extraction(id="x", document=Document(id="x", text="Hi."))
    data = to_json(extraction)
    assert data["schema"] == "dateline/1"
    assert list(data)[:2] == ["schema", "id"]
    for key in ("document", "actors", "mentions", "quotes", "events"):
        assert key in data
    for key in (
        "headline",
        "standfirst",
        "section",
        "byline",
        "dateline",
        "published",
        "updated",
        "text",
        "paragraphs",
        "removed",
    ):
        assert key in data["document"]


def test_records_document_raw_offset_between_pieces() -> None:
    document = Document(id="d", text="Title\n\nBody.", pieces=(Piece(0, 10, 5), Piece(7, 30, 5)))
    assert document.raw_offset(0) == 10
    assert document.raw_offset(7) == 30
    assert document.raw_offset(6) == 15  # the inserted blank line maps to the end of the title
