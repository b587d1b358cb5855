"""Gate: SIGKILL `dateline ingest` half way through the Giveme5W1H corpus, rerun, compare.

Runs benchmarks/crash_resume.py on a subset of ../shared/data (the first 40 lines of each
of the three files, ~110 articles, 2 workers) to keep CI time modest; the full corpus
figure comes from running the script itself.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from _bench import load_benchmark


def _load() -> ModuleType:
    return load_benchmark("crash_resume")


@pytest.mark.shared
def test_gate_crash_resume_identical_no_duplicates(shared_data: Path) -> None:
    figures = _load().run(shared_data, workers=2, fraction=0.5, limit=40)
    assert not figures["finished_before_kill"], "the kill must land mid-run"
    assert 0.2 <= figures["kill_fraction"] <= 0.9
    assert figures["articles_expected"] >= 100
    assert figures["all_identical"], figures["identical"]
    assert figures["duplicates"] == 0
    assert figures["orphan_workers"] == 0
    assert figures["runs_resumed"] == ["running", "done"]
    assert figures["rerun_exit"] == figures["clean_exit"]
