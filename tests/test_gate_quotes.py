"""Quality gate: quote attribution on PolNeAR dev and the seed, against pinned floors.

Runs ``benchmarks/quotes_eval.py`` (the README's matching rule) on ../shared/data. The floors
sit a little under the figures measured when they were set; lowering one needs a reason in
the commit message. About 30 s on two cores (84 articles parsed once, textacy beside).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from spacy.language import Language

from _bench import load_benchmark

#: PolNeAR dev floors; measured when set (2026-11-29, content extent, nouns and verbs of stance
#: and mention with their prepositions, "show" with an object): direct+mixed R 0.902 P 0.954,
#: direct R 0.964 P 0.983, mixed R 0.823 P 0.899, speaker (direct+mixed) 0.919, indirect R 0.603
#: P 0.866 (the indirect precision floor went from 0.87 to 0.855 with recall past issue 3's bar
#: of 0.60; PolNeAR train[:200] precision 0.853)
FLOORS_DEV = {
    "R_direct+mixed": 0.885,
    "P_direct+mixed": 0.94,
    "R_direct": 0.94,
    "P_direct": 0.97,
    "R_mixed": 0.81,
    "P_mixed": 0.875,
    "speaker_accuracy_direct+mixed": 0.90,
    "speaker_accuracy_mixed": 0.85,
    "speaker_accuracy": 0.885,
    "R_indirect": 0.595,
    "P_indirect": 0.855,
}
SEED_FLOORS = {"found": 17, "speaker_span_ok": 17, "addressee_ok": 7, "speaker_actor_resolved": 16}


def _load() -> ModuleType:
    return load_benchmark("quotes_eval")


@pytest.fixture(scope="module")
def figures(shared_data: Path, nlp: Language) -> dict[str, Any]:
    result: dict[str, Any] = _load().evaluate(shared_data, splits=("dev",), nlp=nlp)
    return result


@pytest.mark.shared
@pytest.mark.parametrize(("name", "floor"), sorted(FLOORS_DEV.items()))
def test_gate_quotes_polnear_dev(figures: dict[str, Any], name: str, floor: float) -> None:
    got = figures["polnear_dev"]["dateline"][name]
    assert got >= floor, f"{name} = {got} fell under its floor {floor}"


@pytest.mark.shared
def test_gate_quotes_beats_textacy(figures: dict[str, Any]) -> None:
    ours = figures["polnear_dev"]["dateline"]
    base = figures["polnear_dev"]["textacy"]
    assert ours["R_direct+mixed"] > base["R_direct+mixed"] + 0.3


@pytest.mark.shared
@pytest.mark.parametrize(("name", "floor"), sorted(SEED_FLOORS.items()))
def test_gate_quotes_seed(figures: dict[str, Any], name: str, floor: int) -> None:
    assert figures["seed"][name] >= floor, figures["seed"]["rows"]
