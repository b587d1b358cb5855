"""Quality gate for the events stage: benchmarks/events_eval.py on ../shared/data, with floors.

The floors sit a little under the figures measured when they were set (see the report in the
commit and CHANGELOG); lowering one needs a reason in the commit message. The throughput part
of the benchmark is not run here (it is a speed figure, not a quality floor). Runtime: about
30 seconds (78 + 322 sentences and the seed article through spaCy sm, actors and events).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from _bench import load_benchmark

# measured 2026-11-30 with spaCy sm and that day's actors stage: PETRARCH2 root F1 0.800, full F1
# 0.658, false positives 0.25; PLOVER type 0.814, actor 0.927, recipient 0.889; seed 14/14. The floors
# sit just under these (the seed must stay complete).
FLOORS = {
    "petrarch2_root_f1": 0.785,
    "petrarch2_full_f1": 0.645,
    "plover_event_type_accuracy": 0.81,  # measured 0.820 (lexicon, 2026-11-29)
    "plover_actor_country_accuracy": 0.915,  # measured 0.931 (actors/eventroles, 2026-11-30)
    "plover_recipient_country_accuracy": 0.875,  # measured 0.889
    "seed_found": 14,
    # with event_convention = "petrarch" (measured 2026-11-29: 0.852 on all 78, 0.899 on the 49):
    # issue 4's bars, F1 >= 0.85 on all 78 and within 0.05 of PETRARCH2's 0.92 on its 49
    "petrarch_convention_root_f1": 0.85,
    "petrarch_convention_sub49_root_f1": 0.87,
}
CEILINGS = {"petrarch2_false_positive_rate": 0.30}


def _load() -> ModuleType:
    return load_benchmark("events_eval")


@pytest.fixture(scope="module")
def figures(shared_data: Path) -> dict[str, Any]:
    bench = _load()
    result: dict[str, Any] = bench.evaluate(shared_data, throughput=False)
    return result


def test_gate_events_petrarch2(figures: dict[str, Any]) -> None:
    pet = figures["petrarch2"]
    assert pet["all78_root"]["f1"] >= FLOORS["petrarch2_root_f1"], pet["all78_root"]
    assert pet["all78_full"]["f1"] >= FLOORS["petrarch2_full_f1"], pet["all78_full"]
    assert pet["false_positive_rate"] <= CEILINGS["petrarch2_false_positive_rate"]
    assert pet["subset_size"] == 49 and pet["no_event_sentences"] == 12


def test_gate_events_petrarch2_convention(figures: dict[str, Any]) -> None:
    conv = figures["petrarch2_convention"]
    assert conv["all78_root"]["f1"] >= FLOORS["petrarch_convention_root_f1"], conv["all78_root"]
    assert conv["sub49_root"]["f1"] >= FLOORS["petrarch_convention_sub49_root_f1"], conv["sub49_root"]


def test_gate_events_plover(figures: dict[str, Any]) -> None:
    plo = figures["plover"]
    assert plo["records"] == 322
    assert plo["event_type_accuracy"] >= FLOORS["plover_event_type_accuracy"]
    assert plo["actor_country_accuracy"] >= FLOORS["plover_actor_country_accuracy"]
    assert plo["recipient_country_accuracy"] >= FLOORS["plover_recipient_country_accuracy"]


def test_gate_events_seed(figures: dict[str, Any]) -> None:
    seed = figures["seed"]
    missed = [r["expected"] for r in seed["results"] if not r["found"]]
    assert seed["found"] >= FLOORS["seed_found"], missed
