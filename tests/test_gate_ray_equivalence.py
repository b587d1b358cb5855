"""Gate: the Ray engine stores exactly what the local engine stores on real articles.

Runs benchmarks/ray_equivalence.py on the first 20 articles of
giveme5w1h-news/news_cluster.jsonl (the script's default is 100) to keep CI time modest.
Skipped when Ray is not installed (pip install 'dateline[ray]').
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from _bench import load_benchmark

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("ray") is None,
        reason="ray is not installed (pip install 'dateline[ray]'); the Ray engine is not tested",
    ),
    # Ray's own modules warn about their deprecated settings; that is not our code
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*"),
    pytest.mark.filterwarnings("ignore::FutureWarning:ray.*"),
]


def _load() -> ModuleType:
    return load_benchmark("ray_equivalence")


@pytest.mark.shared
def test_gate_ray_equivalence_stores_identical(shared_data: Path) -> None:
    figures = _load().evaluate(shared_data, n=20, workers=2)
    assert figures["articles_in"] == 20
    assert figures["local_stored"] == figures["ray_stored"] == 20
    assert figures["events"] > 0 and figures["quotes"] > 0
    assert figures["identical"], figures
