"""Quality gate: events on real articles, WikiEvents and RAMS (benchmarks/realnews_eval.py).

The dev splits are where the event rules are improved; the test splits are held out. The gate
runs WikiEvents dev and test in full (20 + 20 documents), RAMS test in full (871 windows) and
the first 300 RAMS dev windows, about 90 seconds on two cores (the whole of RAMS dev would add
another 30 or so). Floors sit about 0.02 under the figures measured when they were set, or one
item under where a figure rests on fewer than about 50 items (argument agreement, document
recall); lowering one needs a reason in the commit message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from _bench import load_benchmark

pytestmark = pytest.mark.shared

RAMS_DEV_WINDOWS = 300

# measured 2026-11-30 (spaCy sm; set, split: figures), after the real-news lexicon work
#   wikievents test: P 0.539, R 0.658, F1 0.593, doc R 0.692, args any 0.529
#   wikievents dev:  P 0.728, R 0.636, F1 0.679, doc R 0.795, args any 0.408 (of 49)
#   rams test:       R 0.311, doc R 0.378, args any 0.804
#   rams dev[:300]:  R 0.331, doc R 0.444, args any 0.683
FLOORS = {
    ("wikievents", "test", "precision"): 0.52,
    ("wikievents", "test", "recall"): 0.63,
    ("wikievents", "test", "f1"): 0.57,
    ("wikievents", "test", "doc_recall"): 0.69,
    # args_any is a share of the matched mentions; it fell when recall rose (0.25 -> 0.66 on test)
    # because the new matches include partyless mentions ("the attack") scored against the parties
    # of the event they support. Agreeing mentions rose: test 21 -> 37, dev 14 -> 20 (2026-11-29).
    ("wikievents", "test", "args_any"): 0.50,
    ("wikievents", "dev", "precision"): 0.70,
    ("wikievents", "dev", "recall"): 0.61,
    ("wikievents", "dev", "f1"): 0.65,
    ("wikievents", "dev", "doc_recall"): 0.77,
    ("wikievents", "dev", "args_any"): 0.38,
    ("rams", "test", "recall"): 0.29,
    ("rams", "test", "doc_recall"): 0.36,
    ("rams", "test", "args_any"): 0.78,
    ("rams", "dev", "recall"): 0.31,
    ("rams", "dev", "doc_recall"): 0.42,
    ("rams", "dev", "args_any"): 0.67,
}

#: Records read and gold mentions the PLOVER mapping scores: a changed corpus or mapping shows here.
SIZES = {
    ("wikievents", "test"): (20, 158),
    ("wikievents", "dev"): (20, 165),
    ("rams", "test"): (871, 347),
    ("rams", "dev"): (RAMS_DEV_WINDOWS, 133),
}


@pytest.fixture(scope="module")
def figures(shared_data: Path) -> dict[str, Any]:
    bench = load_benchmark("realnews_eval")
    from dateline.pipeline import Pipeline

    pipeline = Pipeline()
    test: dict[str, Any] = bench.evaluate(shared_data, split="test", pipeline=pipeline)
    dev: dict[str, Any] = bench.evaluate(
        shared_data, split="dev", rams_limit=RAMS_DEV_WINDOWS, pipeline=pipeline
    )
    return {name: {**test[name], **dev[name]} for name in ("wikievents", "rams")}


@pytest.mark.parametrize(
    ("key", "floor"), sorted(FLOORS.items()), ids=lambda v: "-".join(v) if isinstance(v, tuple) else None
)
def test_gate_realnews_floor(figures: dict[str, Any], key: tuple[str, str, str], floor: float) -> None:
    name, split, figure = key
    got = figures[name][split][figure]
    assert got >= floor, f"{name} {split} {figure} = {got} fell under its floor {floor}"


@pytest.mark.parametrize(("key", "size"), sorted(SIZES.items()))
def test_gate_realnews_sizes(figures: dict[str, Any], key: tuple[str, str], size: tuple[int, int]) -> None:
    name, split = key
    f = figures[name][split]
    assert (f["records"], f["gold"]) == size
