"""The CLI end to end through CliRunner: exit codes, streams, files, state."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netaudit import __version__
from netaudit.errors import ExitStatus
from netaudit.generate import PREAMBLE
from tests.helpers import CONNECTIONS_2023, EXAMPLES, csv_text, person

Cli = Callable[..., Any]
EXPORT = EXAMPLES / "linkedin-export"
LOG = EXAMPLES / "interactions.csv"
AS_OF = ("--as-of", "2026-11-20")


def test_version_and_help(cli: Cli) -> None:
    assert cli("--version").stdout == f"netaudit {__version__}\n"
    result = cli("--help")
    assert result.exit_code == 0
    for word in ("analyze", "followups", "check", "trend", "config", "log", "Exit codes", "3 internal error"):
        assert word in result.stdout
    for command in ("analyze", "followups", "check", "trend", "config", "log", "demo", "schema", "generate"):
        assert cli(command, "--help").exit_code == 0


def test_analyze_json_goes_to_stdout_and_nothing_else(cli: Cli) -> None:
    result = cli("analyze", EXPORT, "-i", LOG, *AS_OF, "--format", "json")
    assert result.exit_code == ExitStatus.OK
    report = json.loads(result.stdout)
    assert report["network"]["size"] == 1500
    assert report["interactions"]["matched"] > 0
    assert result.stderr == ""
    assert "people" not in report
    assert len(json.loads(cli("analyze", EXPORT, *AS_OF, "-f", "json", "--people").stdout)["people"]) == 1460


def test_analyze_table_has_the_verdict_and_notes(cli: Cli) -> None:
    result = cli("analyze", EXPORT / "Connections.csv", *AS_OF)
    assert result.exit_code == 0
    # honest with little data: it says what it cannot tell, never "none is two-way"
    assert "No interactions were read, so netaudit cannot tell yet which of your 1,500" in result.stdout
    assert "None of your" not in result.stdout
    assert "Only Connections.csv was read" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: plain text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("analyze", "nope.csv"), "error: nope.csv: no such file or folder"),
        (("analyze", EXPORT / "messages.csv"), "messages file, not Connections.csv"),
        (("analyze", EXPORT, "--as-of", "yesterday"), "--as-of 'yesterday' is not a date"),
        (("analyze", EXPORT, "-i", "missing.jsonl"), "missing.jsonl: no such file"),
        (("followups", EXPORT, "--reason", "bored"), "--reason bored: unknown reason"),
    ],
)
def test_input_errors_exit_2_with_one_line_and_a_hint(cli: Cli, args: tuple[Any, ...], message: str) -> None:
    result = cli(*args)
    assert result.exit_code == ExitStatus.USAGE_OR_INPUT_ERROR
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: ") and message in lines[0]
    assert lines[1].startswith("hint: ")
    assert "Traceback" not in result.output and result.stdout == ""


def test_usage_errors_exit_2(cli: Cli) -> None:
    assert cli("analyze").exit_code == 2
    assert cli("analyze", EXPORT, "--format", "pdf").exit_code == 2
    assert cli("followups", EXPORT, "--top", "0").exit_code == 2


def test_skipped_rows_warn_on_stderr_and_strict_fails(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(PREAMBLE + csv_text(CONNECTIONS_2023, [person("Ada", "Ex", "ada")]) + "\nbroken,row\n")
    result = cli("analyze", path, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: 1 row(s) could not be read")
    assert f"{path}:6: expected 7 fields, found 2" in result.stderr
    assert json.loads(result.stdout)["sources"][0]["skips"] == [{"line": 6, "reason": "expected 7 fields, found 2"}]
    strict = cli("analyze", path, "--strict")
    assert strict.exit_code == 2 and strict.stdout == ""


def test_output_file_is_written_only_when_the_run_succeeds(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    assert cli("analyze", EXPORT, *AS_OF, "-f", "html", "-o", target).exit_code == 0
    assert target.read_text().startswith("<!DOCTYPE html>")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".netaudit-")] == []
    failed = tmp_path / "failed.json"
    assert cli("analyze", "nope", "-f", "json", "-o", failed).exit_code == 2
    assert not failed.exists()
    assert cli("analyze", EXPORT / "Connections.csv", *AS_OF, "-f", "json", "-o", "-").stdout.startswith("{")


def test_followups_after_analyze_need_no_path(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    nothing = cli("followups", "--top", "10")
    assert nothing.exit_code == 2 and "netaudit analyze" in nothing.stderr
    assert cli("analyze", EXPORT, "-i", LOG, *AS_OF, "-f", "json").exit_code == 0
    top = cli("followups", "--top", "10", *AS_OF, "-f", "json")
    assert top.exit_code == 0, top.stderr
    every = json.loads(cli("followups", "--all", *AS_OF, "-f", "json").stdout)
    top10 = json.loads(top.stdout)
    assert len(top10["followups"]) == 10
    assert top10["followups"] == every["followups"][:10]
    assert top10["total"] == every["total"] == len(every["followups"])


def test_followups_find_an_export_in_the_working_directory(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Connections.csv").write_text(
        csv_text(CONNECTIONS_2023, [person("Ada", "Ex", "ada", day="19 Nov 2026")])
    )
    result = cli("followups", *AS_OF, "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("1,Ada Ex,https://www.linkedin.com/in/ada,thank_new,")


def test_followups_filters_formats_and_drafts(cli: Cli) -> None:
    result = cli("followups", EXPORT, "-i", LOG, *AS_OF, "--all", "--reason", "reconnect", "-f", "json", "--drafts")
    items = json.loads(result.stdout)["followups"]
    assert items and {f["reason"] for f in items} == {"reconnect"}
    assert all(f["draft"] for f in items)
    assert [f["rank"] for f in items] == list(range(1, len(items) + 1))
    for fmt in ("table", "markdown", "csv"):
        assert cli("followups", EXPORT, *AS_OF, "-f", fmt).exit_code == 0


def test_schema_command_prints_json_schemas(cli: Cli) -> None:
    for name in ("interactions", "report", "followups"):
        result = cli("schema", name)
        assert result.exit_code == 0
        assert json.loads(result.stdout)["type"] == "object"


def test_demo_runs_without_files(cli: Cli) -> None:
    result = cli("demo", "--connections", "200")
    assert result.exit_code == 0
    assert "connections" in result.stdout and "made-up data" in result.stderr
    assert "<demo>" in result.stdout and "/tmp" not in result.stdout


def test_generate_refuses_to_overwrite(cli: Cli, tmp_path: Path) -> None:
    assert cli("generate", tmp_path / "g", "--connections", "60").exit_code == 0
    assert (tmp_path / "g" / "Connections.csv").exists()
    again = cli("generate", tmp_path / "g")
    assert again.exit_code == 2 and "not empty" in again.stderr


def test_internal_errors_exit_3_not_1(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import netaudit.pipeline

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(netaudit.pipeline, "run", boom)
    result = cli("analyze", EXPORT)
    assert result.exit_code == ExitStatus.INTERNAL_ERROR
    assert result.stderr.startswith("internal error: RuntimeError: kaboom")
    assert "Traceback" not in result.output


def test_python_dash_m_and_the_installed_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "netaudit", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout == f"netaudit {__version__}\n"
