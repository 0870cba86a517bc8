"""The example GitHub workflow parses, and every netaudit command it runs exists."""

from __future__ import annotations

import shlex
from typing import Any

import yaml

from netaudit.cli import app
from tests.helpers import EXAMPLES

WORKFLOW = EXAMPLES / "github-actions" / "netaudit.yml"


def test_workflow_is_a_weekly_job_that_restores_and_saves_state() -> None:
    flow: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text())
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads `on` as true
    assert triggers["schedule"][0]["cron"]
    steps = flow["jobs"]["audit"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/cache/restore") for u in uses) and any(
        u.startswith("actions/cache/save") for u in uses
    )
    assert "NETAUDIT_HOME" in flow["jobs"]["audit"]["env"]


def test_every_command_in_the_workflow_exists(cli: Any) -> None:
    flow = yaml.safe_load(WORKFLOW.read_text())
    runs = [s["run"] for s in flow["jobs"]["audit"]["steps"] if "run" in s]
    commands = [shlex.split(line) for run in runs for line in run.splitlines() if line.strip().startswith("netaudit ")]
    assert len(commands) >= 3
    known = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    for argv in commands:
        assert argv[1] in known
        assert cli(*argv[1:2], "--help").exit_code == 0
        assert all(not a.startswith("--") or a.split("=")[0] in cli(argv[1], "--help").stdout for a in argv[2:])
