"""CI gate: NGEC actor cases and the seed's people, from benchmarks/actors_eval.py."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from _bench import load_benchmark


def _load() -> ModuleType:
    return load_benchmark("actors_eval")


@pytest.mark.shared
def test_gate_actors_ngec_and_seed(shared_data: Path) -> None:
    # packaged KB only (the Peppercat import takes ~20 s and is reported by the script itself)
    figures = _load().evaluate(shared_data, peppercat=False, articles=0)
    packaged = figures["packaged"]
    assert packaged["country"] >= 0.87  # measured 0.881
    assert packaged["sector"] >= 0.84  # measured 0.856
    assert packaged["country_nowiki"] >= 0.925  # measured 0.939
    assert packaged["sector_nowiki"] >= 0.915  # measured 0.931
    assert all(r["right"] for r in figures["seed"].values()), figures["seed"]
