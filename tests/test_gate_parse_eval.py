"""Quality gate: body text, headline and publication date against public gold (../shared/data).

Runs sections (b) and (c) of ``benchmarks/parse_eval.py`` in full (181 Zyte pages and the
four metadata sets, about two minutes on two cores) and checks the figures against floors a
little under the measured ones, and against the baselines measured in the same run
(trafilatura for the body and the title, htmldate for the date). Lowering a floor needs a
note in the commit saying why.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from _bench import load_benchmark

ROOT = Path(__file__).resolve().parent.parent
SLACK = 0.005  # ours may trail a baseline by this much before the gate fails

# Measured 2026-11-29: Zyte body P 0.969 R 0.968 F1 0.968 (trafilatura F1 0.953).
# (the benchmark's html_stage diagnostic row is skipped here to save time)
ZYTE_FLOORS = {"precision": 0.96, "recall": 0.96, "f1": 0.96}
# set → (title exact floor, date floor); measured: readability 0.795 / 0.939,
# trafilatura-eval 0.852 / 0.887, htmldate-mediacloud - / 0.897, newspaper4k 0.769 / 1.000.
METADATA_FLOORS: dict[str, tuple[float | None, float]] = {
    "readability": (0.76, 0.90),
    "trafilatura-eval": (0.83, 0.87),
    "htmldate-mediacloud": (None, 0.88),
    "newspaper4k": (0.75, 0.90),
}


def _load_benchmark() -> ModuleType:
    return load_benchmark("parse_eval")


@pytest.fixture(scope="module")
def benchmark() -> ModuleType:
    return _load_benchmark()


@pytest.mark.shared
def test_gate_parse_eval_zyte_body(shared_data: Path, benchmark: ModuleType) -> None:
    figures: dict[str, Any] = benchmark.eval_zyte(shared_data.parent, stage=False)
    ours, baseline = figures["dateline"], figures["trafilatura"]
    assert figures["pages"] == 181
    for key, floor in ZYTE_FLOORS.items():
        assert ours[key] >= floor, (key, ours[key], floor)
    assert ours["f1"] >= baseline["f1"] - SLACK, (ours, baseline)
    # a loose guard on speed (the measured ratio is about 1.6; timings on shared CI vary)
    assert figures["time_ratio"] < 4.0, figures["seconds"]


@pytest.mark.shared
def test_gate_parse_eval_title_and_date(shared_data: Path, benchmark: ModuleType) -> None:
    figures: dict[str, Any] = benchmark.eval_metadata(shared_data.parent)
    assert set(figures) == set(METADATA_FLOORS)
    for name, (title_floor, date_floor) in METADATA_FLOORS.items():
        m = figures[name]
        if title_floor is not None:
            assert m["title_exact"] >= title_floor, (name, m["title_exact"], title_floor)
            assert m["title_exact"] >= m["traf_title_exact"] - SLACK, (name, m)
        assert m["date"] >= date_floor, (name, m["date"], date_floor)
        assert m["date"] >= m["htmldate_date"] - SLACK, (name, m)
