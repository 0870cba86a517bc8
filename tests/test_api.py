"""The Python API: the CLI's pipeline and report, its facts as DataFrames, its errors, no writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import netaudit
from netaudit import errors
from netaudit.api import FOLLOWUP_COLUMNS, INTERACTION_COLUMNS, PEOPLE_COLUMNS, NetworkAudit
from netaudit.report_models import Reason, RelationshipClass
from tests.helpers import EXAMPLES, ROOT

Cli = Callable[..., Any]
EXPORT = EXAMPLES / "linkedin-export"
LOG = EXAMPLES / "interactions.csv"
AS_OF = "2026-11-20"


@pytest.fixture(scope="module")
def example() -> NetworkAudit:
    return netaudit.analyze(EXPORT, interactions=[LOG], as_of=AS_OF)


@pytest.fixture(scope="module")
def cli_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`netaudit analyze --people -f json` and `netaudit followups --all -f json` on the examples."""
    from typer.testing import CliRunner

    from netaudit.cli import app

    env = {"NETAUDIT_HOME": str(tmp_path_factory.mktemp("state")), "CI": "", "COLUMNS": "100"}
    runner = CliRunner(env=env)
    args = [str(EXPORT), "-i", str(LOG), "--as-of", AS_OF, "-f", "json"]
    analysis = runner.invoke(app, ["analyze", *args, "--people"], catch_exceptions=False)
    followups = runner.invoke(app, ["followups", *args, "--all"], catch_exceptions=False)
    assert analysis.exit_code == 0 and followups.exit_code == 0, analysis.stderr + followups.stderr
    return {"analysis": json.loads(analysis.stdout), "followups": json.loads(followups.stdout)}


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as the JSON output writes them: ISO dates, null for missing values."""
    out = frame.copy()
    for column in out.columns:
        if str(out[column].dtype).startswith("datetime64"):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    rows = out.astype(object).to_dict("records")
    return [{k: (None if v is None or v != v else v) for k, v in row.items()} for row in rows]


def test_the_report_is_the_one_the_json_output_is_made_of(example: NetworkAudit, cli_json: dict[str, Any]) -> None:
    assert example.report.model_dump(mode="json", by_alias=True) == cli_json["analysis"]
    assert repr(example) == f"<NetworkAudit as of {AS_OF}: {cli_json['analysis']['verdict']}>"


def test_people_match_the_json_report_row_for_row(example: NetworkAudit, cli_json: dict[str, Any]) -> None:
    people, report = example.people, cli_json["analysis"]
    assert list(people.columns) == PEOPLE_COLUMNS and set(PEOPLE_COLUMNS) == set(report["people"][0])
    assert records(people) == report["people"]
    assert len(people) == report["network"]["people"]
    counts = people["class"].value_counts().to_dict()
    for label in RelationshipClass:
        hidden = report["network"]["hidden_profiles"] if label is RelationshipClass.NEVER else 0
        assert counts.get(label.value, 0) + hidden == report["relationships"][label.value]
    ties = {(p["name"], p["profile_url"]): p["tie_strength"] for p in report["people"]}
    assert (
        dict(zip(zip(people["name"], people["profile_url"], strict=True), people["tie_strength"], strict=True)) == ties
    )
    assert str(people["last_interaction"].dtype).startswith("datetime64")
    assert str(people["days_since"].dtype) == "Int64"


def test_interactions_are_every_attributed_interaction(example: NetworkAudit, cli_json: dict[str, Any]) -> None:
    rows, report = example.interactions, cli_json["analysis"]
    assert list(rows.columns) == INTERACTION_COLUMNS
    assert len(rows) == report["interactions"]["matched"]
    assert set(rows["source"]) <= {s["path"] for s in report["sources"]}
    by_source = rows.groupby("source", observed=True).size().to_dict()
    assert by_source[str(LOG)] > 0 and by_source[str(EXPORT / "messages.csv")] > 0
    assert set(rows.loc[rows["source"] == str(EXPORT / "Invitations.csv"), "channel"]) == {"invitation"}
    assert rows["date"].is_monotonic_increasing and rows["date"].max() <= pd.Timestamp(AS_OF)
    # in the window, each person's interactions add up to the report's in/out/mutual and touch days
    start = pd.Timestamp(AS_OF) - pd.Timedelta(days=report["window_days"])
    window = rows[rows["date"] >= start]
    per = window.groupby(["person", "profile_url", "direction"], observed=True).size().unstack(fill_value=0)
    days = window.groupby(["person", "profile_url"])["date"].nunique()
    for person in report["people"]:
        key = (person["name"], person["profile_url"])
        counted = per.loc[key].to_dict() if key in per.index else {}
        assert counted.get("in", 0) == person["inbound"], key
        assert counted.get("out", 0) == person["outbound"], key
        assert counted.get("mutual", 0) == person["mutual"], key
        assert days.get(key, 0) == person["touch_days"], key


def test_followups_are_the_cli_suggestions(example: NetworkAudit, cli_json: dict[str, Any]) -> None:
    every = cli_json["followups"]["followups"]
    assert list(example.followups(top=None).columns) == FOLLOWUP_COLUMNS
    assert records(example.followups(top=None)) == every
    assert records(example.followups(top=10)) == every[:10]
    assert records(example.followups()) == every[:10]
    reconnect = example.followups(top=3, reasons=["reconnect"])
    assert list(reconnect["reason"]) == ["reconnect"] * 3 and list(reconnect["rank"]) == [1, 2, 3]
    assert records(example.followups(top=3, reasons="reconnect")) == records(reconnect)
    assert records(example.followups(top=3, reasons=[Reason.RECONNECT])) == records(reconnect)
    assert example.followups(top=2, drafts=True)["draft"].map(bool).all()
    assert example.followup_report(top=None).total == cli_json["followups"]["total"]


def test_errors_are_the_netaudit_hierarchy_with_a_hint(tmp_path: Path, example: NetworkAudit) -> None:
    with pytest.raises(netaudit.InputError) as missing:
        netaudit.analyze(tmp_path / "nothing-here.zip")
    assert missing.value.message and missing.value.hint
    with pytest.raises(netaudit.InputError, match="not a date"):
        netaudit.analyze(EXPORT, as_of="20/11/2026")
    with pytest.raises(netaudit.ConfigError, match="window_days"):
        netaudit.analyze(EXPORT, window_days=0)
    with pytest.raises(netaudit.ConfigError, match="no such file"):
        netaudit.analyze(EXPORT, config=tmp_path / "missing.toml")
    with pytest.raises(netaudit.InputError, match="not a reason") as reason:
        example.followups(reasons=["gossip"])
    assert "reconnect" in reason.value.hint
    with pytest.raises(netaudit.InputError, match="at least 1"):
        example.followups(top=0)
    assert netaudit.NetauditError is errors.NetauditError and issubclass(netaudit.StateError, netaudit.NetauditError)


def test_settings_come_from_the_config_file_or_the_arguments(tmp_path: Path) -> None:
    config = tmp_path / "netaudit.toml"
    config.write_text(f'interactions = ["{LOG.as_posix()}"]\n[model]\nwindow_days = 180\n')
    from_file = netaudit.analyze(EXPORT, config=config, as_of=AS_OF)
    from_args = netaudit.analyze(EXPORT, interactions=[LOG], window_days=180, as_of=AS_OF)
    assert from_file.report.window_days == 180
    assert from_file.report.model_dump() == from_args.report.model_dump()


def test_paths_and_days_as_a_notebook_user_writes_them(monkeypatch: pytest.MonkeyPatch, example: NetworkAudit) -> None:
    from datetime import date, datetime

    monkeypatch.setenv("HOME", str(EXAMPLES))
    one = netaudit.analyze("~/linkedin-export", interactions="~/interactions.csv", as_of=datetime(2026, 11, 20, 23, 59))
    assert one.report.as_of == date(2026, 11, 20)
    assert one.report.relationships == example.report.relationships
    assert {s.path for s in one.report.sources} == {s.path for s in example.report.sources}


def test_nothing_is_written_unless_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("NETAUDIT_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    netaudit.analyze(EXPORT, interactions=[LOG], as_of=AS_OF).followups()
    assert sorted(tmp_path.rglob("*")) == before and not home.exists()

    first = netaudit.analyze(EXPORT, interactions=[LOG], as_of=AS_OF, record=True, state_dir=tmp_path / "state")
    again = netaudit.analyze(EXPORT, interactions=[LOG], as_of=AS_OF, record=True, state_dir=tmp_path / "state")
    assert first.report.changes is None and again.report.changes is not None
    trend = cli("trend", "--state-dir", tmp_path / "state", "-f", "json")
    assert [r["command"] for r in json.loads(trend.stdout)["runs"]] == ["analyze", "analyze"]
    assert (tmp_path / "state" / "cache").is_dir() and not home.exists()


def test_snoozed_people_are_left_out_of_recorded_runs(tmp_path: Path, cli: Cli, example: NetworkAudit) -> None:
    state = tmp_path / "state"
    first = example.followups(top=1)["profile_url"].iloc[0]
    snoozed = cli("followups", EXPORT, "--state-dir", state, "--snooze", first, "--days", "30", "--as-of", AS_OF)
    assert snoozed.exit_code == 0, snoozed.stderr
    recorded = netaudit.analyze(EXPORT, interactions=[LOG], as_of=AS_OF, record=True, state_dir=state)
    assert first not in set(recorded.followups(top=None)["profile_url"])
    assert first in set(netaudit.analyze(EXPORT, interactions=[LOG], as_of=AS_OF).followups(top=None)["profile_url"])


def test_redacted_audits_show_no_names(example: NetworkAudit) -> None:
    redacted = netaudit.analyze(EXPORT, interactions=[LOG], as_of=AS_OF, redact=True)
    names = set(example.people["name"])
    assert redacted.report.redacted
    assert not names & set(redacted.people["name"]) and set(redacted.people["profile_url"]) == {""}
    assert not names & set(redacted.interactions["person"]) and set(redacted.interactions["profile_url"]) == {""}
    assert not names & set(redacted.followups()["name"])
    assert len(redacted.interactions) == len(example.interactions)


def test_an_export_without_interactions_gives_empty_frames(tmp_path: Path) -> None:
    only = netaudit.analyze(EXPORT / "Connections.csv", as_of=AS_OF)
    assert len(only.interactions) == 0 and list(only.interactions.columns) == INTERACTION_COLUMNS
    assert set(only.people["class"]) == {"never"}
    assert only.followups().empty or set(only.followups()["reason"]) <= {"thank_new"}


def run_python(code: str, cwd: Path = ROOT) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETAUDIT_")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_import_netaudit_stays_light() -> None:
    heavy = ("pandas", "pyarrow", "numpy", "pydantic", "typer", "rich")
    code = f"import sys, netaudit; netaudit.__version__; print([m for m in {heavy!r} if m in sys.modules])"
    assert run_python(code).strip() == "[]"
    assert "analyze" in run_python("import netaudit; print(dir(netaudit))")
    with pytest.raises(AttributeError):
        netaudit.nothing_here  # noqa: B018


def test_the_cli_never_imports_pandas(tmp_path: Path) -> None:
    """Through the real entry point (its exit skips the interpreter's teardown: ask before it)."""
    code = (
        "import os, sys\n"
        "from netaudit import cli\n"
        "real = os._exit\n"
        "def leave(code):\n"
        "    sys.stderr.write('PANDAS' if 'pandas' in sys.modules else 'NO-PANDAS')\n"
        "    sys.stderr.flush(); real(code)\n"
        "os._exit = leave\n"
        f"sys.argv = ['netaudit', 'analyze', {str(EXPORT)!r}, '-i', {str(LOG)!r}, '--people', '-f', 'json',\n"
        f"            '--state-dir', {str(tmp_path)!r}]\n"
        "cli.main()\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETAUDIT_")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["people"]
    assert result.stderr.endswith("NO-PANDAS")


def test_the_notebook_example_runs(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETAUDIT_")} | {"NETAUDIT_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "notebook.py")],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "138 of your 1,500 connections are two-way relationships" in result.stdout
    assert "Lena Pretend" in result.stdout
    assert list(tmp_path.iterdir()) == []  # the API wrote nothing
