"""The corpus commands (ingest, events, quotes, actors, export, stats) through CliRunner."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from _records import make_article, make_extraction
from dateline.cli import main
from dateline.store import EVENT_COLUMNS, Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    with Store(path) as store:
        specs = [
            ("art-1", "Pompeo visits Pyongyang", {}),
            (
                "art-2",
                "Moon hosts Pompeo",
                {"speaker": "Moon Jae-in", "said": "Peace needs patience", "codes": ("KOR", "USA")},
            ),
            (
                "art-3",
                "North rejects demands",
                {
                    "speaker": "A spokesman",
                    "said": "The demands are gangster-like",
                    "event": "ACCUSE",
                    "cameo": "112",
                    "goldstein": -2.0,
                    "day": date(2018, 11, 20),
                    "codes": ("PRK", "USA"),
                },
            ),
        ]
        for ident, headline, kw in specs:
            art = make_article(ident, headline + "\nbody", url=f"https://ex.org/{ident}")
            store.add(make_extraction(art, **kw), article=art)  # type: ignore[arg-type]
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "expected_ids"),
    [
        ([], ["art-1", "art-2", "art-3"]),
        (["--actor", "PRK"], ["art-1", "art-3"]),
        (["--dyad", "USA:PRK"], ["art-1"]),
        (["--dyad", "prk:usa"], ["art-3"]),
        (["--event", "CONSULT"], ["art-1", "art-2"]),
        (["--since", "2018-11"], ["art-3"]),
        (["--until", "2018-10-31"], ["art-1", "art-2"]),
    ],
)
def test_cli_store_events_jsonl(db: Path, args: list[str], expected_ids: list[str]) -> None:
    code, out, _ = _run("events", "--db", str(db), "--format", "jsonl", *args)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["article"]["id"] for r in rows] == expected_ids
    for r in rows:
        assert set(r["article"]) == {"id", "url", "published"}
        assert {"id", "event", "cameo", "actor", "recipient", "evidence"} <= set(r)


def test_cli_store_events_table_and_csv(db: Path, tmp_path: Path) -> None:
    code, out, _ = _run("events", "--db", str(db))
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["date", "event", "cameo"]
    assert "ACCUSE" in out and "gangster" not in out.splitlines()[0]
    target = tmp_path / "events.csv"
    code, _, _ = _run("events", "--db", str(db), "--format", "csv", "--output", str(target))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(EVENT_COLUMNS)
    assert [r["event"] for r in rows] == ["CONSULT", "CONSULT", "ACCUSE"]
    assert rows[2]["actor_code"] == "PRK" and rows[2]["recipient_code"] == "USA"


def test_cli_store_never_overwrites_without_force(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = _run("events", "--db", str(db), "--format", "jsonl", "--output", str(target))
    assert code == 2
    assert "E220" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _, _ = _run("events", "--db", str(db), "--format", "jsonl", "--output", str(target), "--force")
    assert code == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.parametrize(
    "args",
    [
        ["events", "--dyad", "USA"],
        ["events", "--since", "yesterday-ish"],
        ["events", "--format", "xml"],
        ["export"],
        ["stats", "--period", "day"],
    ],
)
def test_cli_store_usage_errors_exit_2(db: Path, args: list[str]) -> None:
    code, _, _ = _run(*args, "--db", str(db))
    assert code == 2


def test_cli_store_missing_db_is_usage_error(tmp_path: Path) -> None:
    code, _, err = _run("events", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "no store" in err
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--search", "good talks"], ["We had good talks in Pyongyang"]),
        (["--speaker", "moon"], ["Peace needs patience"]),
        (["--speaker", "spokesman", "--search", "demands"], ["The demands are gangster-like"]),
        (["--search", "nothing like this"], []),
    ],
)
def test_cli_store_quotes_jsonl(db: Path, args: list[str], expected: list[str]) -> None:
    code, out, _ = _run("quotes", "--db", str(db), "--format", "jsonl", *args)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["text"] for r in rows] == expected
    for r in rows:
        assert r["speaker_actor"]["name"] in ("Mike Pompeo", "Moon Jae-in", "A spokesman")
        assert r["article"]["url"].startswith("https://ex.org/")


def test_cli_store_actors_csv(db: Path) -> None:
    code, out, _ = _run("actors", "--db", str(db), "--format", "csv", "--code", "USA")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["name"] for r in rows} == {"Mike Pompeo", "Kim Jong-un"}
    assert all(r["code"] == "USA" for r in rows)


def test_cli_store_export_plover_loads_in_pandas(db: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    target = tmp_path / "events.plover.jsonl"
    code, _, _ = _run("export", "--db", str(db), "--format", "plover-jsonl", "-o", str(target))
    assert code == 0
    frame = pd.read_json(target, lines=True)
    assert len(frame) == 3
    for name in ("id", "date", "actor", "recipient", "event", "event_loc", "quad_code", "mode"):
        assert name in frame.columns
    assert frame["event"].tolist() == [["CONSULT"], ["CONSULT"], ["ACCUSE"]]
    assert frame["actor"][2][0]["code"] == "PRK"


def test_cli_store_export_parquet(db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "events.parquet"
    code, _, _ = _run("export", "--db", str(db), "--format", "parquet", "--output", str(target))
    assert code == 0
    table = pq.read_table(target)
    assert table.num_rows == 3
    assert table.column_names == list(EVENT_COLUMNS)
    assert table.column("goldstein").to_pylist() == [1.9, 1.9, -2.0]
    code, _, err = _run("events", "--db", str(db), "--format", "parquet")
    assert code == 2 and "--output" in err


def test_cli_store_stats_json(db: Path) -> None:
    code, out, _ = _run("stats", "--db", str(db), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["counts"]["events"] == 3 and data["counts"]["quotes"] == 3
    assert data["events_by_type"] == {"CONSULT": 2, "ACCUSE": 1}
    series = {(d["actor"], d["recipient"], d["period"]): d for d in data["dyads"]}
    assert series[("PRK", "USA", "2018-11")] == {
        "period": "2018-11",
        "actor": "PRK",
        "recipient": "USA",
        "events": 1,
        "goldstein": -2.0,
    }
    code, out, _ = _run("stats", "--db", str(db), "--period", "week")
    assert code == 0 and "dyad series per week" in out and "2018-11-19" in out


def test_cli_store_ingest_quarantines_and_exits_1(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Talks in Oslo\n\nNegotiators met in Oslo on Monday.", "utf-8")
    (src / "b.txt").write_text("Strike ends\n\nThe port strike ended on Friday.", "utf-8")
    (src / "bad.txt").write_bytes(b"\x00\xff\x00binary" * 50)
    db = tmp_path / "i.db"
    code, _, err = _run("ingest", str(src), "--db", str(db), "--workers", "1")
    assert code == 1
    assert "stored 2 new" in err and "quarantined 1" in err
    code, _, err = _run("ingest", str(src), "--db", str(db), "--workers", "1")
    assert code == 1 and "skipped 2 already stored" in err
    with Store(db) as store:
        assert store.counts()["articles"] == 2
        (row,) = store.quarantined()
        assert row["source"].endswith("bad.txt") and row["code"].startswith("E1")


def test_cli_store_ingest_clean_exits_0(tmp_path: Path) -> None:
    src = tmp_path / "one.txt"
    src.write_text("Talks in Oslo\n\nNegotiators met in Oslo on Monday.", "utf-8")
    code, _, err = _run("ingest", str(src), "--db", str(tmp_path / "o.db"), "--no-progress")
    assert code == 0 and "stored 1 new" in err


def test_cli_store_ingest_bad_workers_exit_2(tmp_path: Path) -> None:
    code, _, _ = _run("ingest", str(tmp_path), "--workers", "0", "--db", str(tmp_path / "x.db"))
    assert code == 2


def test_cli_store_ingest_ray_engine_unavailable_is_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    src = tmp_path / "one.txt"
    src.write_text("Talks in Oslo\n\nNegotiators met in Oslo on Monday.", "utf-8")
    code, _, err = _run("ingest", str(src), "--db", str(tmp_path / "r.db"), "--engine", "ray")
    assert code == 2 and "E222" in err and "dateline[ray]" in err
