"""Settings, validated once into a frozen object and passed down.

Layers, lowest first: the packaged defaults (``data/defaults.toml``); a user file
(``--config PATH``, ``$DATELINE_CONFIG`` or ``~/.config/dateline/config.toml``) that
overrides only the keys it sets; environment variables ``DATELINE_<KEY>``; and the
overrides a caller (the CLI) passes. Unknown keys are errors.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from datetime import UTC, timedelta, timezone, tzinfo
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError, Errors

ENV_PREFIX = "DATELINE_"
USER_FILE = Path("~/.config/dateline/config.toml")


class Config(BaseModel):
    """dateline's settings. See ``data/defaults.toml`` for what each one means."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = "sm"
    default_timezone: str = ""
    max_bytes: int = Field(default=20_000_000, gt=0)
    http_timeout: float = Field(default=20.0, gt=0)
    http_max_redirects: int = Field(default=5, ge=0)
    http_user_agent: str = "dateline"
    source_timezones: dict[str, str] = Field(default_factory=dict)
    kb: str = ""
    actor_dictionaries: list[str] = Field(default_factory=list)
    event_patterns: list[str] = Field(default_factory=list)
    event_convention: Literal["plover", "petrarch"] = "plover"

    @field_validator("default_timezone")
    @classmethod
    def _check_default_timezone(cls, value: str) -> str:
        if value:
            parse_timezone(value)
        return value

    @field_validator("source_timezones")
    @classmethod
    def _check_source_timezones(cls, value: dict[str, str]) -> dict[str, str]:
        for zone in value.values():
            parse_timezone(zone)
        return {k.lower(): v for k, v in value.items()}

    def timezone_for(self, *, url: str | None = None, site: str | None = None) -> str | None:
        """The zone to assume for an article from this URL or site, if one is configured."""
        for key in (_host(url), (site or "").lower()):
            while key:
                if key in self.source_timezones:
                    return self.source_timezones[key]
                key = key.partition(".")[2] if key.count(".") > 1 else ""
        return self.default_timezone or None


def parse_timezone(value: str) -> tzinfo:
    """An IANA zone name or a UTC offset (``+08:00``, ``-0500``, ``UTC``) as a tzinfo."""
    text = value.strip()
    if text.upper() in ("UTC", "Z", "GMT"):
        return UTC
    if text[:1] in "+-" and text[1:].replace(":", "").isdigit():
        digits = text[1:].replace(":", "")
        if len(digits) in (2, 4):
            hours, minutes = int(digits[:2]), int(digits[2:] or 0)
            if hours < 24 and minutes < 60:
                sign = -1 if text[0] == "-" else 1
                return timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"{value!r} is neither an IANA time zone nor a UTC offset") from exc


def _host(url: str | None) -> str:
    if not url:
        return ""
    rest = url.split("://", 1)[-1]
    host = rest.split("/", 1)[0].split(":", 1)[0].lower()
    return host.removeprefix("www.")


@lru_cache(maxsize=1)
def packaged_defaults() -> Mapping[str, Any]:
    text = resources.files("dateline").joinpath("data/defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _read_user_file(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(Errors.E202, path=str(path), why=exc) from exc


def _from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    known = Config.model_fields
    out: dict[str, Any] = {}
    for key, value in environ.items():
        if not key.startswith(ENV_PREFIX) or key == ENV_PREFIX + "CONFIG":
            continue
        name = key[len(ENV_PREFIX) :].lower()
        if name not in known:
            raise ConfigError(Errors.E200, key=key, where="the environment", known=sorted(known))
        out[name] = value
    return out


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(dict(merged[key]), value)
        else:
            merged[key] = value
    return merged


def load_config(
    path: str | Path | None = None,
    *,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """Build the settings from every layer. Raises ``ConfigError`` naming the bad key."""
    env = os.environ if environ is None else environ
    layers: list[tuple[str, Mapping[str, Any]]] = [("the packaged defaults", packaged_defaults())]
    named = path or env.get(ENV_PREFIX + "CONFIG")
    user = Path(named) if named else None
    if user is None and USER_FILE.expanduser().is_file():
        user = USER_FILE.expanduser()
    if user is not None:
        layers.append((str(user), _read_user_file(user)))
    layers.append(("the environment", _from_env(env)))
    layers.append(("the command line", {k: v for k, v in (overrides or {}).items() if v is not None}))

    values: dict[str, Any] = {}
    for where, layer in layers:
        for key in layer:
            if key not in Config.model_fields:
                raise ConfigError(Errors.E200, key=key, where=where, known=sorted(Config.model_fields))
        values = _merge(values, layer)
        try:
            Config.model_validate(values)
        except ValidationError as exc:
            err = exc.errors()[0]
            key = ".".join(str(p) for p in err["loc"]) or "?"
            raise ConfigError(Errors.E201, key=key, where=where, why=err["msg"]) from exc
    return Config.model_validate(values)
