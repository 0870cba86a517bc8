"""`netaudit init`: a netaudit.toml from what is in the folder; an existing file is never replaced."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import EXAMPLES


def test_init_writes_what_it_finds_and_prints_it(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES / "linkedin-export", tmp_path / "my export")
    result = cli("init")
    assert result.exit_code == 0, result.stderr
    written = (tmp_path / "netaudit.toml").read_text()
    assert result.stdout == written and f"wrote {tmp_path / 'netaudit.toml'}" in result.stderr
    settings = tomllib.loads(written)
    assert settings == {
        "export": "my export",
        "log": str(tmp_path / "state" / "interactions.csv"),
        "me": "Robin Owner-Example",
    }
    config = cli("config", "-f", "json")
    assert config.exit_code == 0 and '"Robin Owner-Example"' in config.stdout  # netaudit reads what it wrote


def test_init_never_replaces_a_file(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "netaudit.toml").write_text("# mine\n")
    result = cli("init")
    assert result.exit_code == 2 and "already exists; netaudit init never replaces a file" in result.stderr
    assert (tmp_path / "netaudit.toml").read_text() == "# mine\n"


def test_init_without_an_export_leaves_a_comment(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("init").exit_code == 0
    settings = tomllib.loads((tmp_path / "netaudit.toml").read_text())
    assert list(settings) == ["log"]
