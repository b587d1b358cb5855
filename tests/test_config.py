from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from dateline.config import load_config, parse_timezone
from dateline.errors import ConfigError


def test_config_packaged_defaults() -> None:
    cfg = load_config(environ={})
    assert cfg.model == "sm"
    assert cfg.default_timezone == ""
    assert cfg.max_bytes > 0


def test_config_layers_in_order(tmp_path: Path) -> None:
    user = tmp_path / "config.toml"
    user.write_text('model = "md"\nmax_bytes = 1000\n[source_timezones]\n"example.com" = "+02:00"\n')
    cfg = load_config(user, environ={"DATELINE_MAX_BYTES": "2000"}, overrides={"model": "lg"})
    assert cfg.model == "lg"  # flag beats file
    assert cfg.max_bytes == 2000  # env beats file
    assert cfg.source_timezones["example.com"] == "+02:00"
    assert "scmp.com" in cfg.source_timezones  # the file overrides only the keys it sets


def test_config_env_names_the_file(tmp_path: Path) -> None:
    user = tmp_path / "c.toml"
    user.write_text('default_timezone = "Asia/Hong_Kong"\n')
    cfg = load_config(environ={"DATELINE_CONFIG": str(user)})
    assert cfg.default_timezone == "Asia/Hong_Kong"


@pytest.mark.parametrize(
    ("content", "code", "needle"),
    [
        ("modle = 'sm'\n", "E200", "modle"),
        ("max_bytes = -5\n", "E201", "max_bytes"),
        ("default_timezone = 'Mars/Olympus'\n", "E201", "default_timezone"),
        ("event_convention = 'cameo'\n", "E201", "event_convention"),
        ("model = \n", "E202", "config.toml"),
    ],
)
def test_config_bad_file_names_the_key(tmp_path: Path, content: str, code: str, needle: str) -> None:
    user = tmp_path / "config.toml"
    user.write_text(content)
    with pytest.raises(ConfigError) as info:
        load_config(user, environ={})
    assert info.value.code == code
    assert needle in str(info.value)


def test_config_unknown_env_var_is_an_error() -> None:
    with pytest.raises(ConfigError, match="DATELINE_COLOUR"):
        load_config(environ={"DATELINE_COLOUR": "red"})


@pytest.mark.parametrize(
    ("value", "offset"),
    [("+08:00", timedelta(hours=8)), ("-0500", timedelta(hours=-5)), ("UTC", timedelta(0))],
)
def test_config_parse_timezone_offsets(value: str, offset: timedelta) -> None:
    assert parse_timezone(value).utcoffset(None) == offset


def test_config_timezone_for_source() -> None:
    cfg = load_config(environ={}, overrides={"default_timezone": "+03:00"})
    assert cfg.timezone_for(url="https://www.scmp.com/news/asia/article/1") == "Asia/Hong_Kong"
    assert cfg.timezone_for(url="https://edition.scmp.com/x") == "Asia/Hong_Kong"
    assert cfg.timezone_for(url="https://example.org/x") == "+03:00"
