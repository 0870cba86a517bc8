"""What the environment can do to netaudit: odd arguments, a deleted working directory, odd
config files and variables. Each gets a clear message (exit 2) or just works; none is exit 3."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import EXAMPLES
from tests.hostile.nobody import is_root, run_as_nobody, shared_folder

EXPORT = EXAMPLES / "linkedin-export"
AS_OF = ("--as-of", "2026-11-20")


def _config(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str | bytes) -> Any:
    monkeypatch.chdir(tmp_path)
    data = text if isinstance(text, bytes) else text.encode()
    (tmp_path / "netaudit.toml").write_bytes(data)
    return cli("config", "-f", "json")


def test_a_toml_saved_with_a_bom_just_works(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _config(cli, tmp_path, monkeypatch, b"\xef\xbb\xbf[followups]\ntop = 3\n")
    assert result.exit_code == 0, result.stderr
    shown = {s["key"]: s["value"] for s in json.loads(result.stdout)["settings"]}
    assert shown["followups.top"] == 3


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 3000 + "]" * 3000,  # tomllib itself runs out of stack
        "a = " + "{ x = " * 3000 + "1" + " }" * 3000,
        "a = " + "[" * 50 + "]" * 50,  # tomllib copes; netaudit refuses before recursing
        "".join(f"[{'.'.join(['t'] * n)}]\n" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)),
    ],
    ids=["array-3000", "inline-table-3000", "array-50", "tables-10"],
)
def test_a_deeply_nested_toml_is_refused(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    result = _config(cli, tmp_path, monkeypatch, text)
    assert result.exit_code == 2
    assert "nested" in result.stderr and "internal error" not in result.stderr


def test_a_deeply_nested_environment_value_is_refused(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETAUDIT_FOLLOWUPS__NEVER_SUGGEST", "[" * 3000 + "]" * 3000)
    result = cli("config")
    assert result.exit_code == 2 and "$NETAUDIT_FOLLOWUPS__NEVER_SUGGEST: nested" in result.stderr  # 3.13's json copes


def test_an_unknown_user_in_a_config_path(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _config(cli, tmp_path, monkeypatch, 'export = "~no-such-user-here/export.zip"\n')
    assert result.exit_code == 2
    assert "there is no user 'no-such-user-here'" in result.stderr


def test_an_unknown_user_in_a_path_argument(cli: Any) -> None:
    result = cli("analyze", "~no-such-user-here/export.zip")
    assert result.exit_code == 2 and "no such file or folder" in result.stderr


@pytest.mark.parametrize("name", ["2026", "true", "null", "[1]", '"quoted"'])
def test_an_export_folder_named_like_json(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """NETAUDIT_EXPORT=2026 is a folder named 2026, not the number 2026."""
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(EXPORT / "Connections.csv", folder / "Connections.csv")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NETAUDIT_EXPORT", name)
    result = cli("analyze", *AS_OF, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["network"]["size"] == 1500


def test_me_from_the_environment_is_text(cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NETAUDIT_ME", "42")
    shown = {s["key"]: s["value"] for s in json.loads(cli("config", "-f", "json").stdout)["settings"]}
    assert shown["me"] == ["42"]


def test_interactions_from_the_environment_as_a_json_list(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETAUDIT_INTERACTIONS", '["a.csv", "b.csv"]')
    shown = {s["key"]: s["value"] for s in json.loads(cli("config", "-f", "json").stdout)["settings"]}
    assert shown["interactions"] == ["a.csv", "b.csv"]


def test_a_deleted_working_directory(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    for args in (("analyze", EXPORT, *AS_OF), ("config",), ("trend",)):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert "error: the current folder no longer exists" in result.stderr
    assert cli("--version").exit_code == 0


@pytest.mark.parametrize("columns", ["99999999999999999999", "١٢٠", "²", "12a", "", "-5", "0"])
def test_odd_columns(cli: Any, monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = cli("analyze", EXPORT, *AS_OF)
    assert result.exit_code == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 1000


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("analyze", EXPORT, "--me", "\udce9"), "--me '\\xe9'"),
        (("analyze", "caf\udce9.zip"), "PATH 'caf\\xe9.zip'"),
        (("analyze", EXPORT, "--state-dir", "/tmp/\udce9"), "--state-dir '/tmp/\\xe9'"),
        (("followups", EXPORT, "--snooze", "Ada \udce9"), "--snooze 'Ada \\xe9'"),
        (("log", "Ada \udce9", "-c", "call", "--force", "--file", "log.csv"), "NAME 'Ada \\xe9'"),
        (("log", "Ada", "-c", "call", "--note", "caf\udce9", "--force", "--file", "log.csv"), "--note 'caf\\xe9'"),
        (("log", "Ada", "-c", "call", "--date", "\udce9", "--force", "--file", "log.csv"), "--date '\\xe9'"),
        (("generate", "g\udce9n"), "FOLDER 'g\\xe9n'"),
    ],
)
def test_arguments_that_are_not_utf8(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], shown: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert result.exit_code == 2, result.stderr
    assert f"error: {shown} is not valid UTF-8 text" in result.stderr
    assert not (tmp_path / "log.csv").exists() and not list(tmp_path.glob("g*"))


def test_latin1_bytes_from_a_real_terminal(tmp_path: Path) -> None:
    """The same through a subprocess, with the raw byte \\xe9 as the operating system passes it."""
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"NETAUDIT_HOME": str(tmp_path / "state")}
    command = [os.fsencode(sys.executable), b"-m", b"netaudit", b"analyze", os.fsencode(EXPORT), b"--me", b"Ren\xe9"]
    done = subprocess.run(command, capture_output=True, check=False, env=env)
    assert done.returncode == 2
    assert b"error: --me 'Ren\\xe9' is not valid UTF-8 text" in done.stderr


@pytest.mark.skipif(not is_root(), reason="needs root to drop to nobody (root may look into any folder)")
def test_a_working_folder_nobody_may_look_into(tmp_path: Path) -> None:
    """A config lookup in a folder the user may not enter is an error naming it, not exit 3."""
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    with shared_folder() as public:
        source = public / "Connections.csv"
        source.write_bytes((EXPORT / "Connections.csv").read_bytes())
        done = run_as_nobody(["analyze", source, *AS_OF], public / "state", cwd=private)
    assert done.returncode == 2, done.stderr
    assert "netaudit.toml: cannot look for a config file here (Permission denied)" in done.stderr
    assert "hint: run netaudit from a folder you may read, or name the settings with --config FILE" in done.stderr
