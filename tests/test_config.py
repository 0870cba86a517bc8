"""Settings: defaults < file < NETAUDIT_* < flags, validated once, explained by `netaudit config`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from netaudit.config import load
from netaudit.errors import ConfigError


def test_precedence_and_origins(tmp_path: Path) -> None:
    (tmp_path / "netaudit.toml").write_text(
        'export = "data/export.zip"\n[model]\nwindow_days = 200\ndunbar_number = 120\n'
    )
    env = {"NETAUDIT_MODEL__WINDOW_DAYS": "100", "NETAUDIT_ME": "Mo Owner", "NETAUDIT_HOME": "/ignored"}
    loaded = load(tmp_path, env, {"model.window_days": 30, "me": None})
    s = loaded.settings
    assert s.model.window_days == 30 and s.model.dunbar_number == 120 and s.me == ["Mo Owner"]
    assert s.export == tmp_path / "data" / "export.zip"  # relative to the config file
    assert loaded.origins["model.window_days"] == "flag"
    assert loaded.origins["model.dunbar_number"] == str(tmp_path / "netaudit.toml")
    assert loaded.origins["me"] == "$NETAUDIT_ME"
    assert loaded.origins["followups.top"] == "default"


def test_pyproject_tool_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.netaudit.check]\nmin_two_way = 7\n')
    assert load(tmp_path, {}, {}).settings.check.min_two_way == 7


def test_every_problem_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "netaudit.toml").write_text(
        'colour = "blue"\n[model]\nwindow_days = 0\n[check]\nmin_two_way = "many"\n'
    )
    with pytest.raises(ConfigError) as info:
        load(tmp_path, {"NETAUDIT_FOLLOWUPS__TOP": "-1"}, {})
    lines = info.value.details
    assert len(lines) == 4
    file = tmp_path / "netaudit.toml"
    assert info.value.message == "4 settings are not valid:"
    assert f"{file}:1: colour: no such setting (examples/netaudit.toml shows every key)" in lines
    assert f"{file}:3: model.window_days = 0: out of range (give a whole number from 1 to 36500)" in lines
    assert (
        f'{file}:5: check.min_two_way = "many": not a whole number (give a whole number from 0 to 1000000000)' in lines
    )
    assert "$NETAUDIT_FOLLOWUPS__TOP=-1: out of range (give a whole number from 1 to 1000000000)" in lines
    assert "netaudit config" not in info.value.hint  # it would fail the same way


def test_broken_toml_and_missing_config(tmp_path: Path) -> None:
    (tmp_path / "netaudit.toml").write_text("window_days = [")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load(tmp_path, {}, {})
    with pytest.raises(ConfigError, match="no such file"):
        load(tmp_path, {}, {}, config=tmp_path / "nope.toml")


def test_cli_config_command_and_bad_settings_exit_2(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "netaudit.toml").write_text("[followups]\ntop = 3\n")
    monkeypatch.setenv("NETAUDIT_CHECK__MIN_TWO_WAY", "9")
    shown = {s["key"]: s for s in json.loads(cli("config", "-f", "json").stdout)["settings"]}
    assert shown["followups.top"]["value"] == 3 and shown["followups.top"]["origin"].endswith("netaudit.toml")
    assert shown["check.min_two_way"] == {
        "key": "check.min_two_way",
        "value": 9,
        "origin": "$NETAUDIT_CHECK__MIN_TWO_WAY",
    }
    monkeypatch.setenv("NETAUDIT_MODEL__WINDOW_DAYS", "soon")
    bad = cli("analyze", "x.csv")
    assert bad.exit_code == 2
    assert bad.stderr.splitlines() == [
        "error: $NETAUDIT_MODEL__WINDOW_DAYS=soon: not a whole number",
        "hint: give a whole number from 1 to 36500",
    ]
