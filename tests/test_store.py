"""The SQLite store: idempotence, replacement, exact round-trip, FTS, migration, quarantine."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from _records import make_article, make_extraction
from dateline.errors import Errors, InputError, StageError, StoreError
from dateline.records import Extraction, to_json
from dateline.store import (
    SCHEMA_VERSION,
    EventFilter,
    QuoteFilter,
    Store,
    migrate,
    parse_day,
    parse_dyad,
    plover_records,
    schema_version,
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "test.db")


def _fill(store: Store) -> None:
    a = make_article("art-1", "Pompeo visits Pyongyang\nbody one", url="https://ex.org/1")
    b = make_article("art-2", "Moon hosts Pompeo in Seoul\nbody two", url="https://ex.org/2")
    c = make_article("art-3", "North rejects demands\nbody three", url="https://ex.org/3")
    store.add(make_extraction(a), article=a)
    store.add(
        make_extraction(b, speaker="Moon Jae-in", said="Peace needs patience", codes=("KOR", "USA")),
        article=b,
    )
    store.add(
        make_extraction(
            c,
            speaker="A spokesman",
            said="The demands are gangster-like",
            event="ACCUSE",
            cameo="112",
            goldstein=-2.0,
            day=date(2018, 11, 20),
            codes=("PRK", "USA"),
        ),
        article=c,
    )


def test_store_file_settings(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema_version(store.conn) == SCHEMA_VERSION


def test_store_idempotent_same_article_twice(store: Store) -> None:
    art = make_article("art-1", "Pompeo visits Pyongyang\nbody", url="https://ex.org/1")
    ext = make_extraction(art)
    assert store.add(ext, article=art) == "added"
    before = store.counts()
    assert store.add(ext, article=art) == "unchanged"
    assert store.counts() == before
    assert before["articles"] == 1 and before["events"] == 1 and before["quotes"] == 1
    assert before["mentions"] == 2 and before["actors"] == 2


@pytest.mark.parametrize(
    ("new_id", "new_url"),
    [("art-1", "https://ex.org/other"), ("renamed", "https://ex.org/1"), ("art-1", None)],
)
def test_store_replaces_changed_article(store: Store, new_id: str, new_url: str | None) -> None:
    old = make_article("art-1", "Pompeo visits Pyongyang\nbody", url="https://ex.org/1")
    store.add(make_extraction(old), article=old)
    new = make_article(new_id, "Pompeo visits Pyongyang again\nupdated body", url=new_url)
    ext = make_extraction(new, said="Talks went well", event="AGREE", cameo="030")
    assert store.add(ext, article=new) == "replaced"
    counts = store.counts()
    assert counts["articles"] == 1 and counts["events"] == 1 and counts["quotes"] == 1
    assert counts["mentions"] == 2
    assert store.article_ids() == [new_id]
    # the replaced version is not brought back by a rerun over the same inputs
    assert store.add(make_extraction(old), article=old) == "unchanged"
    assert store.article_ids() == [new_id]
    assert old.content_hash in store.known_hashes()
    assert [e["event"] for e in store.events()] == ["AGREE"]
    # the FTS index lost the old quote and has the new one
    assert list(store.quotes(QuoteFilter(search="good talks"))) == []
    assert [q["text"] for q in store.quotes(QuoteFilter(search="went well"))] == ["Talks went well"]


def test_store_round_trips_extraction_exactly(store: Store) -> None:
    art = make_article("art-1", "Pompeo visits Pyongyang\nbody", url="https://ex.org/1")
    ext = make_extraction(art)
    store.add(ext, article=art)
    back = store.get("art-1")
    assert back == ext
    assert to_json(back) == to_json(ext)
    assert list(store.extractions()) == [ext]


def test_store_round_trips_without_article(store: Store) -> None:
    ext = make_extraction(make_article("solo", "A headline\nbody"))
    assert store.add(ext) == "added"
    assert store.add(ext) == "unchanged"
    assert store.get("solo") == ext


def test_store_get_missing_raises_keyerror(store: Store) -> None:
    with pytest.raises(KeyError):
        store.get("nope")


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("good talks", ["We had good talks in Pyongyang"]),
        ("PATIENCE", ["Peace needs patience"]),
        ("gangster-like", ["The demands are gangster-like"]),
        ('"unbalanced quote', []),
        ("absent words", []),
    ],
)
def test_store_quote_fts_search(store: Store, search: str, expected: list[str]) -> None:
    _fill(store)
    assert [q["text"] for q in store.quotes(QuoteFilter(search=search))] == expected


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [("pompeo", ["art-1"]), ("Moon", ["art-2"]), ("spokesman", ["art-3"]), ("nobody", [])],
)
def test_store_quote_speaker_filter(store: Store, speaker: str, expected: list[str]) -> None:
    _fill(store)
    rows = list(store.quotes(QuoteFilter(speaker=speaker)))
    assert [q["article"]["id"] for q in rows] == expected
    for q in rows:
        assert q["speaker_actor"]["id"] == q["speaker"]["actor"]


def test_store_article_fts_search(store: Store) -> None:
    _fill(store)
    assert [a["id"] for a in store.search_articles("Seoul")] == ["art-2"]
    assert sorted(a["id"] for a in store.search_articles("Kim Jong-un")) == [
        "art-1",
        "art-2",
        "art-3",
    ]
    assert store.search_articles("notthere") == []


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(), ["art-1", "art-2", "art-3"]),
        (EventFilter(actor="PRK"), ["art-1", "art-3"]),
        (EventFilter(actor="PRKGOV"), ["art-1", "art-3"]),
        (EventFilter(actor="PRKMIL"), []),
        (EventFilter(dyad=("USA", "PRK")), ["art-1"]),
        (EventFilter(dyad=("PRK", "USA")), ["art-3"]),
        (EventFilter(event="accuse"), ["art-3"]),
        (EventFilter(event="04"), ["art-1", "art-2"]),
        (EventFilter(since=date(2018, 11, 1)), ["art-3"]),
        (EventFilter(until=date(2018, 10, 31)), ["art-1", "art-2"]),
    ],
)
def test_store_event_filters(store: Store, flt: EventFilter, expected: list[str]) -> None:
    _fill(store)
    rows = list(store.events(flt))
    assert [e["article"]["id"] for e in rows] == expected
    for e in rows:
        assert set(e["article"]) == {"id", "url", "published"}


def test_store_event_day_falls_back_to_publication(store: Store) -> None:
    art = make_article("undated", "An undated event\nbody")
    store.add(make_extraction(art, day=None), article=art)
    (row,) = store.events(EventFilter(since=date(2018, 10, 7), until=date(2018, 10, 7)))
    assert row["date"] is None
    assert row["article"]["published"].startswith("2018-10-07")


def test_store_stats_dyad_series(store: Store) -> None:
    _fill(store)
    stats = store.stats(period="month")
    assert stats["counts"]["events"] == 3
    assert stats["events_by_type"] == {"CONSULT": 2, "ACCUSE": 1}
    series = {(d["actor"], d["recipient"], d["period"]): d for d in stats["dyads"]}
    assert series[("USA", "PRK", "2018-10")]["events"] == 1
    assert series[("PRK", "USA", "2018-11")]["goldstein"] == -2.0
    weekly = store.stats(period="week")
    # 2018-10-07 was a Sunday: its week starts on Monday 2018-10-01
    assert {d["period"] for d in weekly["dyads"]} == {"2018-10-01", "2018-11-19"}


def test_store_actors_aggregate(store: Store) -> None:
    _fill(store)
    rows = {(r["name"], r["code"]): r for r in store.actors()}
    assert rows[("Kim Jong-un", "USA")]["articles"] == 2
    assert rows[("Kim Jong-un", "USA")]["mentions"] == 2
    assert rows[("Kim Jong-un", "PRK")]["articles"] == 1
    assert rows[("Mike Pompeo", "USA")]["kind"] == "person"
    assert [r["name"] for r in store.actors(code="KOR")] == ["Moon Jae-in"]


def test_store_plover_records_fields(store: Store) -> None:
    _fill(store)
    records = list(plover_records(store))
    assert len(records) == 3
    first = records[0]
    for key in ("id", "date", "actor", "recipient", "event", "event_loc", "quad_code", "mode"):
        assert key in first
    assert first["event"] == ["CONSULT"]
    assert first["mode"] == ["visit"]
    assert first["event_scale"] == 4  # PLOVER's score for CONSULT/visit
    assert first["actor"][0] == {
        "code": "USA",
        "sector": "GOV",
        "entity_text": "Mike Pompeo",
        "office": "Secretary of State",
    }
    assert first["event_loc"]["extracted_place"] == "Pyongyang"


def _v1_store(path: Path) -> None:
    """A store as schema version 1 left it (no FTS), with one quote and article in it."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    conn.execute(
        "INSERT INTO articles(pk, id, source, content_hash, stored) "
        "VALUES (1, 'old', 'old.txt', 'h', '2020-01-01')"
    )
    conn.execute(
        "INSERT INTO documents(article, headline, text, json) "
        "VALUES (1, 'Old headline', 'The archive text', '{}')"
    )
    conn.execute(
        'INSERT INTO quotes(article, seq, id, text, start, "end", kind, json) '
        "VALUES (1, 0, 'q1', 'an archived remark', 0, 18, 'direct', '{\"id\": \"q1\"}')"
    )
    conn.close()


def test_store_migrates_older_schema(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _v1_store(path)
    conn = sqlite3.connect(path)
    assert schema_version(conn) == 1
    conn.close()
    with Store(path) as store:
        assert schema_version(store.conn) == SCHEMA_VERSION
        assert [q["id"] for q in store.quotes(QuoteFilter(search="archived"))] == ["q1"]
        assert [a["id"] for a in store.search_articles("archive")] == ["old"]


def test_store_refuses_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO schema_version VALUES (?, 'future')", (SCHEMA_VERSION + 1,))
    conn.close()
    with pytest.raises(StoreError) as info:
        Store(path)
    assert info.value.code == "E401"


def test_store_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert info.value.code == "E400"
    assert str(path) in str(info.value)


def test_store_quarantine_records_and_clears(store: Store) -> None:
    bad = InputError(Errors.E105, source="feed.jsonl:3", line=3, why="Expecting value")
    store.quarantine(bad, run=None)
    store.quarantine(bad, run=None)  # the same failure again updates, not duplicates
    stage = StageError(Errors.E300, stage="parse", source="x.html", why="boom")
    store.quarantine(stage, article="x")
    rows = store.quarantined()
    assert [(r["source"], r["stage"], r["code"]) for r in rows] == [
        ("feed.jsonl:3", "ingest", "E105"),
        ("x.html", "parse", "E300"),
    ]
    assert "line 3" in rows[0]["message"]
    # once the input is stored, its quarantine row goes
    art = dataclasses.replace(make_article("x", "Now fine\nbody"), source="x.html")
    store.add(make_extraction(art), article=art)
    assert [r["source"] for r in store.quarantined()] == ["feed.jsonl:3"]


def test_store_bad_extraction_rolls_back(store: Store) -> None:
    art = make_article("dup", "Duplicate ids\nbody")
    ext = make_extraction(art)
    broken = Extraction(id=ext.id, document=ext.document, events=ext.events + ext.events)
    with pytest.raises(StoreError) as info:
        store.add(broken, article=art)
    assert info.value.code == "E402"
    assert store.counts()["articles"] == 0
    assert store.add(ext, article=art) == "added"


def test_store_runs_recorded(store: Store) -> None:
    from dateline.store import RunCounts

    run = store.start_run("dateline ingest x")
    store.finish_run(run, RunCounts(seen=3, added=2, quarantined=1))
    (row,) = store.runs()
    assert row["status"] == "done" and row["counts"]["added"] == 2 and row["ended"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2018-10-07", date(2018, 10, 7)), ("2018-10", date(2018, 10, 1)), ("2018", date(2018, 1, 1))],
)
def test_store_parse_day(value: str, expected: date) -> None:
    assert parse_day(value) == expected


@pytest.mark.parametrize("value", ["USA", "USA:", ":PRK", ""])
def test_store_parse_dyad_rejects(value: str) -> None:
    from dateline.errors import ConfigError

    with pytest.raises(ConfigError) as info:
        parse_dyad(value)
    assert info.value.code == "E221"


def test_store_links_story_events_across_articles(store: Store) -> None:
    specs = [
        ("s1", date(2018, 10, 7), ("USA", "PRK")),
        ("s2", date(2018, 10, 8), ("USA", "PRK")),  # same happening, next day
        ("s3", date(2018, 10, 12), ("USA", "PRK")),  # too late: a new story
        ("s4", date(2018, 10, 7), ("USA", "KOR")),  # another dyad
    ]
    for ident, day, codes in specs:
        art = make_article(ident, f"Story {ident}\nbody", url=f"https://ex.org/{ident}")
        store.add(make_extraction(art, day=day, codes=codes), article=art)
    assert store.link_stories() == 1
    (story,) = store.stories()
    assert (story["event"], story["actor"], story["recipient"]) == ("CONSULT", "USA", "PRK")
    assert story["sources"] == 2 and story["first_day"] == "2018-10-07"
    assert [e["article"] for e in story["evidence"]] == ["s1", "s2"]
    assert all(e["text"].startswith("He met") for e in story["evidence"])
    rows = {e["article"]["id"]: e["story"] for e in store.events()}
    assert rows["s1"] == rows["s2"] == {"id": story["story"], "sources": 2}
    assert rows["s3"]["sources"] == 1 and rows["s4"]["sources"] == 1
    links = {r["id"].split(":")[0]: r["link"] for r in plover_records(store)}
    assert links["s1"] == links["s2"] != links["s3"]
    # rebuilding is idempotent
    assert store.link_stories() == 1
    assert store.counts()["stories"] == 3
