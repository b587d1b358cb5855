"""The Ray engine stores exactly what the local engine stores (skipped without Ray)."""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.batch import ingest_sources
from dateline.config import load_config
from dateline.records import to_json
from dateline.store import Store

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("ray") is None,
        reason="ray is not installed (pip install 'dateline[ray]'); the Ray engine is not tested",
    ),
    # Ray's own modules warn about their deprecated settings; that is not our code
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*"),
    pytest.mark.filterwarnings("ignore::FutureWarning:ray.*"),
]

ARTICLES = [
    "Ministers meet in Lisbon\n\nThe foreign ministers of Spain and Portugal met in Lisbon on "
    "Monday to talk about fishing rights, a spokesman said.",
    "Port workers strike\n\nDock workers in Rotterdam walked out on Tuesday over pay. "
    '"We will not go back until we are paid fairly," the union leader Jan de Vries said.',
    "Aid convoy arrives\n\nA United Nations convoy carrying food and medicine reached Aleppo on "
    "Wednesday, relief officials said.",
    "China criticises missile test\n\nChina on Friday said it opposes the ballistic missile "
    "launch by North Korea and urged restraint from all parties.",
    "Police arrest protesters\n\nPolice in Nairobi arrested dozens of protesters on Thursday "
    "after clashes near parliament, witnesses said.",
    "Leaders sign trade deal\n\nThe presidents of Brazil and Argentina signed a trade agreement "
    "in Buenos Aires on Saturday.",
    "Minister resigns\n\nFrance's interior minister resigned on Sunday. "
    '"I take full responsibility," he told reporters in Paris.',
    "Rebels attack base\n\nRebels attacked an army base in northern Mali overnight, killing "
    "several soldiers, the defence ministry said.",
    "Talks on nuclear deal\n\nIran and the European Union will hold talks in Vienna next week "
    "on the nuclear agreement, diplomats said.",
    "Sanctions announced\n\nThe United States imposed new sanctions on Russian banks on "
    "Monday, the Treasury Department said.",
    "",  # quarantined by ingest (empty text): both engines must record it the same way
]


def _jsonl(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(ARTICLES):
            row = {"id": f"ray-{i}", "text": text, "published": "2021-03-0" + str(1 + i % 9)}
            fh.write(json.dumps(row) + "\n")
    return path


def _strip(rows: Iterator[dict[str, Any]], drop: set[str]) -> list[str]:
    return sorted(
        json.dumps({k: v for k, v in row.items() if k not in drop}, sort_keys=True, default=str)
        for row in rows
    )


def store_dump(store: Store) -> dict[str, Any]:
    """What a run stored, without store-local keys (row ids, run numbers, timestamps)."""
    local = {"run", "pk", "id_", "rowid", "created", "stored", "at", "article_pk"}
    return {
        "articles": store.article_ids(),
        "extractions": sorted(json.dumps(to_json(e), sort_keys=True) for e in store.extractions()),
        "events": _strip(store.events(), local),
        "quotes": _strip(store.quotes(), local),
        "quarantine": _strip(iter(store.quarantined()), local | {"id", "time"}),
        "counts": {k: v for k, v in store.counts().items() if k != "runs"},
    }


@pytest.fixture(scope="module")
def ray_local() -> Iterator[None]:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_engine_store_equals_local(tmp_path: Path, ray_local: None) -> None:
    src = _jsonl(tmp_path / "a.jsonl")
    cfg = load_config()
    dumps = []
    for engine in ("local", "ray"):
        with Store(tmp_path / f"{engine}.db") as store:
            report = ingest_sources([str(src)], store=store, cfg=cfg, workers=2, engine=engine, chunk_size=3)
            assert report.counts.added == len(ARTICLES) - 1
            assert report.counts.quarantined == 1 and report.exit_code == 1
            dumps.append(store_dump(store))
    local, ray_ = dumps
    assert local["events"] and local["quotes"]  # the table exercises events and quotes
    for key in local:
        assert ray_[key] == local[key], key


def test_ray_engine_rerun_skips_stored(tmp_path: Path, ray_local: None) -> None:
    src = _jsonl(tmp_path / "a.jsonl")
    with Store(tmp_path / "r.db") as store:
        first = ingest_sources([str(src)], store=store, cfg=load_config(), workers=2, engine="ray")
        again = ingest_sources([str(src)], store=store, cfg=load_config(), workers=2, engine="ray")
    assert first.counts.added == len(ARTICLES) - 1
    assert again.counts.added == 0 and again.counts.skipped == len(ARTICLES) - 1


def test_ray_engine_cli_ingest(tmp_path: Path, ray_local: None) -> None:
    from click.testing import CliRunner

    from dateline.cli import main

    src = _jsonl(tmp_path / "a.jsonl")
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(
        main, ["ingest", str(src), "--db", str(db), "--engine", "ray", "--workers", "2"]
    )
    assert result.exit_code == 1, result.output  # 1: the empty line is quarantined
    with Store(db) as store:
        assert len(store.article_ids()) == len(ARTICLES) - 1
