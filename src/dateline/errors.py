"""The one exception tree of dateline, and its coded messages.

::

    DatelineError            base of everything dateline raises on purpose
    ├── InputError           an input cannot be read or is not an article (E1xx)
    ├── ConfigError          a setting, flag or config file is invalid (E2xx)
    ├── StageError           a pipeline stage failed on one document (E3xx)
    └── StoreError           the store cannot be opened, migrated or written (E4xx)

Every error carries a searchable ``code`` (``E102``), the ``stage`` it was raised in
and the ``source`` it is about (a path, URL, ``<stdin>``, ``file.jsonl:17``), so a
batch can quarantine the input with its reason and a person can find the fault.
Messages say what was expected, what arrived and where.
"""

from __future__ import annotations

from enum import Enum


class Errors(str, Enum):  # noqa: UP042 (str mix-in keeps .value formatting explicit)
    """Message templates, keyed by code. Format with keyword arguments."""

    # ingest: E1xx
    E100 = "No such file or directory: {path}."
    E101 = "The input is empty: {what}."
    E102 = "The input looks binary, not text ({why}); expected a text, HTML, JSONL, CSV or WARC file."
    E103 = "Could not decode the input as text in any common encoding ({why})."
    E104 = "The input is {size:,} bytes, over the size cap of {cap:,} bytes (setting `max_bytes`)."
    E105 = "Malformed JSON at line {line}: {why}."
    E106 = (
        "Line {line} has no article text: expected a `text` or `html` field "
        "(or news-please's `text`/`maintext`), found fields {fields}."
    )
    E107 = (
        "Unknown column layout {columns}: expected an article text column "
        "(`text`, `html`, `body`, `content` or news-please's `maintext`)."
    )
    E108 = "Could not fetch the URL: {why}."
    E109 = "The URL answered with content type {ctype!r}; expected HTML or plain text."
    E110 = "Unknown input format {fmt!r}; expected one of {choices}."
    E111 = "Could not read the WARC file: {why}."
    E112 = "No article files matched {pattern}."
    E113 = "Could not extract any article text from the HTML ({why})."
    E114 = "The field {field!r} has an invalid value {value!r}: {why}."
    E115 = "Could not read the input: {why}."
    E116 = "The input holds more than one article ({what}); expected exactly one."
    E117 = "The input is over the size cap of {cap:,} bytes (setting `max_bytes`); stopped reading."
    E118 = "Line {line} has {found} columns; the header row has {expected}."
    E130 = (
        "Could not import {path} into the knowledge base: {why}; expected a Peppercat CSV or a "
        "TSV/YAML actor file (see `dateline kb import --help`)."
    )

    # config: E2xx
    E200 = "Unknown setting {key!r} in {where}; known settings: {known}."
    E201 = "Invalid value for setting {key!r} in {where}: {why}."
    E202 = "Could not read the config file {path}: {why}."
    E203 = "Invalid date or time {value!r}: {why}."
    E204 = "Bad event pattern at {where}: {why}. See dateline/data/PATTERNS.md for the format."
    E220 = "The output file {path} exists already; pass --force to overwrite it."
    E221 = "Invalid dyad {value!r}: expected ACTOR:RECIPIENT codes, e.g. USA:PRK."
    E222 = "{what} needs the optional package {package!r}: pip install 'dateline[{extra}]' ({why})."
    E223 = (
        "Could not start or join Ray at {address}: {why}. For a cluster, run `ray start --head` "
        "and pass --address auto (on a node) or ray://HOST:10001."
    )

    # stages: E3xx
    E300 = "The {stage} stage failed: {why}."
    E301 = "Could not load the spaCy pipeline {name!r}: {why}."

    # store: E4xx
    E400 = "Could not open the store {path}: {why}."
    E401 = "The store {path} has schema version {found}, newer than this dateline knows ({known})."
    E402 = "Could not write to the store {path}: {why}."


class DatelineError(Exception):
    """Base of every error dateline raises on purpose."""

    stage = "dateline"

    def __init__(self, code: Errors, *, source: str | None = None, **fields: object) -> None:
        self.code = code.name
        self.source = source
        self.fields = fields
        self.detail = code.value.format(**fields)
        where = f"{source}: " if source else ""
        super().__init__(f"[{self.code}] {where}{self.detail}")

    def as_record(self) -> dict[str, str]:
        """The ``error`` object of the contract: code, message and stage."""
        where = f"{self.source}: " if self.source else ""
        return {"code": self.code, "message": where + self.detail, "stage": self.stage}


class InputError(DatelineError):
    """An input cannot be read, or is not an article."""

    stage = "ingest"


class ConfigError(DatelineError):
    """A setting, flag or config file is invalid."""

    stage = "config"


class StageError(DatelineError):
    """A pipeline stage failed on one document."""

    stage = "pipeline"

    def __init__(self, code: Errors, *, stage: str, source: str | None = None, **fields: object) -> None:
        self.stage = stage
        super().__init__(code, source=source, stage=stage, **fields)


class StoreError(DatelineError):
    """The store cannot be opened, migrated or written."""

    stage = "store"
