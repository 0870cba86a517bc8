"""`netaudit check`: every exit code, breaches with metric, limit and actual, and the reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from netaudit.errors import ExitStatus
from netaudit.settings import Check
from netaudit.thresholds import evaluate
from tests.helpers import EXAMPLES

EXPORT, LOG = EXAMPLES / "linkedin-export", EXAMPLES / "interactions.csv"
RUN = (EXPORT, "-i", LOG, "--as-of", "2026-11-20")


def test_evaluate_min_max_and_missing_values() -> None:
    metrics = {"two_way": 10, "contacts_per_connection": None, "unanswered": 3, "layer_support": 2}
    result = evaluate(
        Check(min_two_way=10, max_contacts_per_connection=5, max_unanswered=2, min_layer_members={"support": 3}),
        metrics,
    )
    assert [(c.metric, c.passed) for c in result.checks] == [
        ("contacts_per_connection", False),
        ("two_way", True),
        ("unanswered", False),
        ("layer_support", False),
    ]
    assert not result.passed
    assert evaluate(Check(), metrics).passed  # nothing set, nothing breached


def test_exit_0_when_within_limits(cli: Any) -> None:
    result = cli("check", *RUN, "--min-two-way", "10", "--max-contacts-per-connection", "50")
    assert result.exit_code == ExitStatus.OK
    assert "passed" in result.stdout and result.stderr == ""


def test_exit_1_with_each_breach_on_stderr(cli: Any) -> None:
    result = cli(
        "check", *RUN, "--min-two-way", "1000", "--max-unanswered", "1", "--min-layer", "support=2", "-f", "json"
    )
    assert result.exit_code == ExitStatus.THRESHOLD_BREACHED
    report = json.loads(result.stdout)
    assert report["check"]["passed"] is False
    breached = {c["metric"]: c for c in report["check"]["checks"] if not c["passed"]}
    assert set(breached) == {"two_way", "unanswered"}
    assert breached["two_way"]["limit"] == 1000 and breached["two_way"]["actual"] == 138
    assert "breached: two_way is 138 (limit: min 1,000)" in result.stderr


def test_exit_zero_reports_without_failing(cli: Any) -> None:
    result = cli("check", *RUN, "--min-two-way", "1000", "--exit-zero", "-f", "markdown")
    assert result.exit_code == 0
    assert "# netaudit check: **breached**" in result.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("check", *RUN), 2),
        (("check", *RUN, "--min-layer", "support"), 2),
        (("check", "nope", "--min-two-way", "1"), 2),
    ],
)
def test_exit_2_for_usage_and_input(cli: Any, args: tuple[Any, ...], code: int) -> None:
    result = cli(*args)
    assert result.exit_code == code and result.stderr.startswith("error: ")


def test_exit_3_is_a_bug_and_debug_shows_the_traceback(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import netaudit.commands

    monkeypatch.setattr(netaudit.commands, "check", lambda *a: 1 / 0)
    result = cli("check", *RUN, "--min-two-way", "1")
    assert result.exit_code == ExitStatus.INTERNAL_ERROR
    assert result.stderr.startswith("internal error: ZeroDivisionError")
    with pytest.raises(ZeroDivisionError):
        cli("--debug", "check", *RUN, "--min-two-way", "1")


def test_the_check_is_part_of_json_and_markdown_reports(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "netaudit.toml").write_text("[check]\nmin_two_way = 1000\n")
    report = json.loads(cli("analyze", *RUN, "-f", "json").stdout)
    assert report["check"]["passed"] is False
    assert "## Check: **breached**" in cli("analyze", *RUN, "-f", "markdown").stdout


def test_github_step_summary_gets_the_markdown(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    cli("check", *RUN, "--min-two-way", "1")
    cli("analyze", *RUN, "-f", "json")
    text = summary.read_text()
    assert text.startswith("earlier step\n# netaudit check: passed")
    assert "# netaudit report" in text


def test_a_check_is_evaluated_once_and_the_report_built_once(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The check and the change since the last run are part of the report as it is built;
    nothing assigns them afterwards (a report model cannot be changed once made)."""
    from pydantic import ValidationError

    from netaudit import commands, thresholds
    from tests.helpers import EXAMPLES

    calls = []
    evaluate = thresholds.evaluate
    monkeypatch.setattr(thresholds, "evaluate", lambda *a: calls.append(a) or evaluate(*a))
    run = (EXAMPLES / "linkedin-export", "-i", EXAMPLES / "interactions.csv", "--min-two-way", "1", "-f", "json")
    assert cli("check", *run, "--as-of", "2026-11-01").exit_code == 0
    assert len(calls) == 1
    built = []
    analyze = commands.analyze
    monkeypatch.setattr(commands, "analyze", lambda *a, **k: built.append(analyze(*a, **k)) or built[-1])
    assert cli("check", *run, "--as-of", "2026-11-20").exit_code == 0
    report = built[-1].report
    assert report.check is not None and report.changes is not None and len(calls) == 2
    with pytest.raises(ValidationError, match="frozen"):
        report.changes = None
