"""The event lexicon: CAMEO codes, the CAMEO→PLOVER crosswalk and the verb/noun patterns.

Three data files ship in ``dateline/data`` (documented in ``data/PATTERNS.md``, sources in
``data/SOURCES.md``): ``cameo.tsv`` (code, name, root, quad class, Goldstein score),
``cameo_plover.tsv`` (code → PLOVER event type and mode) and ``event_patterns.txt`` (which
words signal which code). ``load_lexicon(extra=[path, ...])`` reads them once and adds the
user's own pattern files, whose rows are tried before the packaged ones.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import ConfigError, Errors

__all__ = ["Code", "Lexicon", "Pattern", "load_lexicon"]

log = logging.getLogger(__name__)

_CONDITIONS = ("obj", "prep", "prt", "mod", "comp")


@dataclass(frozen=True, slots=True)
class Code:
    """One CAMEO code with its quad class, Goldstein score and PLOVER type and mode."""

    code: str
    name: str
    root: str
    quad: int
    goldstein: float
    event: str | None
    mode: str | None


@dataclass(frozen=True, slots=True)
class Pattern:
    """One row of a pattern file: a word, the code it signals, and the conditions it needs."""

    kind: str  # verb | noun | adj
    lemma: str
    code: str
    obj: frozenset[str] | None = None
    prep: frozenset[str] | None = None
    prt: frozenset[str] | None = None
    mod: frozenset[str] | None = None
    comp: frozenset[str] | None = None
    swap: bool = False
    mutual: bool = False
    intrans: bool = False
    trans: bool = False
    event: str | None = None
    mode: str | None = None
    source: str = ""
    user: bool = False

    @property
    def specificity(self) -> int:
        conditions = sum(getattr(self, name) is not None for name in _CONDITIONS) + self.intrans + self.trans
        return conditions + (10 if self.user else 0)


@dataclass(frozen=True)
class Lexicon:
    """Everything the events stage looks up, indexed for one dictionary lookup per token."""

    codes: dict[str, Code]
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    adjs: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    sets: dict[str, frozenset[str]] = field(default_factory=dict)

    def word_set(self, name: str) -> frozenset[str]:
        return self.sets.get(name, frozenset())


def _data_text(name: str) -> str:
    return resources.files("dateline").joinpath("data", name).read_text("utf-8")


def _rows(text: str) -> Iterable[tuple[int, list[str]]]:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if stripped:
            yield number, stripped.split("\t") if "\t" in stripped else stripped.split()


def _read_codes() -> dict[str, Code]:
    plover: dict[str, tuple[str | None, str | None]] = {}
    for _n, cols in _rows(_data_text("cameo_plover.tsv")):
        if cols[0] == "code":
            continue
        cols = cols + [""] * (3 - len(cols))
        plover[cols[0]] = (cols[1] or None, cols[2] or None)
    codes: dict[str, Code] = {}
    for _n, cols in _rows(_data_text("cameo.tsv")):
        if cols[0] == "code":
            continue
        code, name, root, quad, goldstein = cols[:5]
        event, mode = plover.get(code, (None, None))
        codes[code] = Code(code, name, root, int(quad), float(goldstein), event, mode)
    return codes


def _parse_patterns(
    text: str, *, where: str, codes: dict[str, Code], user: bool
) -> tuple[list[Pattern], dict[str, set[str]]]:
    patterns: list[Pattern] = []
    sets: dict[str, set[str]] = {}
    for number, cols in _rows(text):
        cols = " ".join(cols).split()
        kind = cols[0]
        if kind == "set" and len(cols) >= 2:
            sets.setdefault(cols[1], set()).update(w.lower() for w in cols[2:])
            continue
        if kind not in ("verb", "noun", "adj") or len(cols) < 3:
            raise ConfigError(
                Errors.E204,
                where=f"{where}:{number}",
                why="expected `verb|noun|adj LEMMA CODE ...` or `set NAME WORD ...`",
            )
        lemma, code = cols[1].lower(), cols[2]
        if code != "-" and code not in codes:
            raise ConfigError(Errors.E204, where=f"{where}:{number}", why=f"unknown CAMEO code {code!r}")
        kwargs: dict[str, object] = {}
        for cond in cols[3:]:
            if cond in ("swap", "mutual", "intrans", "trans"):
                kwargs[cond] = True
                continue
            key, _eq, value = cond.partition("=")
            if key in _CONDITIONS and value:
                kwargs[key] = frozenset(v.lower() for v in value.split("|"))
            elif key in ("event", "mode") and value:
                kwargs[key] = value
            else:
                raise ConfigError(Errors.E204, where=f"{where}:{number}", why=f"unknown condition {cond!r}")
        patterns.append(
            Pattern(kind, lemma, code, source=f"{where}:{number}", user=user, **kwargs)  # type: ignore[arg-type]
        )
    return patterns, sets


def _index(patterns: Sequence[Pattern], kind: str) -> dict[str, tuple[Pattern, ...]]:
    out: dict[str, list[Pattern]] = {}
    for p in patterns:
        if p.kind == kind:
            out.setdefault(p.lemma, []).append(p)
    return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in out.items()}


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Lexicon:
    codes = _read_codes()
    patterns, sets = _parse_patterns(
        _data_text("event_patterns.txt"), where="event_patterns.txt", codes=codes, user=False
    )
    for path in extra:
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(Errors.E202, path=path, why=exc) from exc
        more, more_sets = _parse_patterns(text, where=path, codes=codes, user=True)
        patterns.extend(more)
        for name, words in more_sets.items():
            sets.setdefault(name, set()).update(words)
    return Lexicon(
        codes=codes,
        verbs=_index(patterns, "verb"),
        nouns=_index(patterns, "noun"),
        adjs=_index(patterns, "adj"),
        sets={k: frozenset(v) for k, v in sets.items()},
    )


def load_lexicon(extra: Sequence[str | Path] = ()) -> Lexicon:
    """The packaged lexicon plus the user's pattern files in ``extra`` (loaded once, cached).

    Raises ``ConfigError`` (E202, E204) naming the file and line of a bad pattern.
    """
    return _load(tuple(str(p) for p in extra))
