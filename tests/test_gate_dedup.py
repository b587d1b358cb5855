"""Gate: story-event linking across articles, scored on Giveme5W1H's same-event clusters.

Runs benchmarks/dedup_eval.py on a subset (the first 120 articles of
giveme5w1h-news/news_cluster.jsonl) to keep CI time modest; the full figure (383 articles)
comes from running the script itself. Floors sit a little under the measured subset figures.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from _bench import load_benchmark

# measured on the 120-article subset (2026-11-29): 13 predicted pairs, precision 0.923,
# recall 0.095 (full corpus: 105 pairs, precision 0.857, recall 0.070)
PAIRS_FLOOR = 8
PRECISION_FLOOR = 0.75
RECALL_FLOOR = 0.06


def _load() -> ModuleType:
    return load_benchmark("dedup_eval")


@pytest.mark.shared
def test_gate_dedup_story_linking(shared_data: Path) -> None:
    figures = _load().evaluate(shared_data, limit=120, workers=2)
    assert figures["articles"] == 120
    assert figures["predicted_pairs"] >= PAIRS_FLOOR
    assert figures["precision"] >= PRECISION_FLOOR
    assert figures["recall"] >= RECALL_FLOOR
