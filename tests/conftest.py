"""Shared fixtures: the third-party data in ../shared, the spaCy pipeline (loaded once), settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from spacy.language import Language

from dateline.config import Config, load_config

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
TEST_DATA = Path(__file__).resolve().parent / "data"


def _shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is missing: the acceptance tests read ../shared beside the checkout"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + " (CI=true: a missing ../shared is an error, not a skip)")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data; skips when absent, fails under CI=true."""
    return _shared_path("data")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article the product was specified from."""
    return _shared_path("seeds", "000_4f61d9991371ad21.txt")


@pytest.fixture(scope="session")
def test_data() -> Path:
    return TEST_DATA


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The sm spaCy pipeline, loaded once per test session."""
    from dateline.nlp import load_nlp

    return load_nlp("sm")


@pytest.fixture(scope="session")
def cfg() -> Config:
    """The packaged settings, with no DATELINE_* variables from the environment."""
    return load_config(environ={})
