from __future__ import annotations

import pytest

from dateline.errors import (
    ConfigError,
    DatelineError,
    Errors,
    InputError,
    StageError,
    StoreError,
)


@pytest.mark.parametrize("cls", [InputError, ConfigError, StageError, StoreError])
def test_errors_share_one_base(cls: type[DatelineError]) -> None:
    assert issubclass(cls, DatelineError)


def test_errors_message_names_code_and_source() -> None:
    exc = InputError(Errors.E105, source="articles.jsonl:17", line=17, why="Expecting ','")
    assert str(exc).startswith("[E105] articles.jsonl:17: Malformed JSON at line 17")
    assert exc.as_record() == {
        "code": "E105",
        "message": "articles.jsonl:17: Malformed JSON at line 17: Expecting ','.",
        "stage": "ingest",
    }


def test_errors_stage_error_carries_its_stage() -> None:
    exc = StageError(Errors.E300, stage="quotes", source="a1", why="boom")
    assert exc.stage == "quotes"
    assert exc.as_record()["stage"] == "quotes"


def test_errors_every_code_is_unique_and_numbered() -> None:
    names = [e.name for e in Errors]
    assert len(names) == len(set(names))
    assert all(n[0] == "E" and n[1:].isdigit() for n in names)
