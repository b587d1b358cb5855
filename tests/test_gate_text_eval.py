"""Quality gate for plain-text parsing: the seed's fields and noise left in the Giveme5W1H texts.

Floors sit at what benchmarks/text_eval.py measured when they were set; lowering one needs a
reason in the commit that does it.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from _bench import load_benchmark

MAX_NOISE_LEFT = 1  # measured: 1 of 509 articles' lines (a body sentence that ends with "Reuters")


@pytest.fixture(scope="module")
def text_eval() -> ModuleType:
    return load_benchmark("text_eval")


def test_gate_text_eval_seed_fields(text_eval: ModuleType, shared_data: Path) -> None:
    result = text_eval.eval_seed(shared_data.parent)
    failed = [name for name, ok in result["checks"].items() if not ok]
    assert not failed, f"seed fields wrong: {failed} ({result['values']})"


def test_gate_text_eval_giveme_noise_left(text_eval: ModuleType, shared_data: Path) -> None:
    result = text_eval.eval_giveme(shared_data.parent)
    assert result["articles"] >= 500
    assert result["noise_left"] <= MAX_NOISE_LEFT, result["noise_left_lines"]
    assert result["removed_by_reason"].get("read-more", 0) >= 50
