from __future__ import annotations

import dateline


def test_exported_members_all_resolve() -> None:
    for name in dateline.__all__:
        assert hasattr(dateline, name), name


def test_exported_members_public_names_are_listed() -> None:
    public = {n for n in vars(dateline) if not n.startswith("_") and n[0].isupper()}
    assert public <= set(dateline.__all__)


def test_exported_members_extract_on_text() -> None:
    extraction = dateline.extract("Kim met the envoy in Pyongyang on Sunday.")
    assert extraction.document.text == "Kim met the envoy in Pyongyang on Sunday."
    assert extraction.schema == "dateline/1"
