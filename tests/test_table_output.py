"""The table output of every command that has one, end to end through the CLI, at 80 and 120
columns and piped (no COLUMNS: 100): golden files, no line ending in spaces, no line wider than
the terminal, and no name cut in the middle of a word."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer

from netaudit.cli import app
from tests.helpers import ROOT

Cli = Callable[..., Any]
GOLDEN = Path(__file__).parent / "golden" / "cli"
UPDATE = os.environ.get("NETAUDIT_UPDATE_GOLDEN") == "1"
EXAMPLE = ("examples/linkedin-export", "-i", "examples/interactions.csv", "--as-of", "2026-11-20")
#: How to get each command's table output on the bundled example (paths relative to the clone).
SCENARIOS: dict[str, tuple[str, ...]] = {
    "analyze": ("analyze", *EXAMPLE),
    "analyze-people": ("analyze", *EXAMPLE, "--people"),
    "followups": ("followups", *EXAMPLE, "--drafts"),
    "check": ("check", *EXAMPLE, "--min-two-way", "50", "--max-unanswered", "5", "--min-layer", "sympathy=30"),
    "trend": ("trend",),
    "config": ("config", "--config", "examples/netaudit.toml"),
    "demo": ("demo", "--connections", "300"),
}
WIDTHS = {"80": "80", "120": "120", "piped": None}


def _table_commands() -> set[str]:
    """Every command of the app with a `--format` that offers `table`."""
    group = typer.main.get_command(app)
    found = set()
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            choices = getattr(param.type_descriptor, "choices", None) if hasattr(param, "type_descriptor") else None
            if "--format" in param.opts and choices and "table" in [str(getattr(c, "value", c)) for c in choices]:
                found.add(name)
    return found


def test_every_command_with_table_output_has_a_scenario() -> None:
    assert _table_commands() == {s.split("-")[0] for s in SCENARIOS}


@pytest.fixture
def run(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    monkeypatch.chdir(ROOT)
    # trend needs runs: two analyze runs a month apart in this test's own history
    for day in ("2026-10-20", "2026-11-20"):
        assert cli("analyze", *EXAMPLE[:-1], day, "-f", "json").exit_code == 0

    def _run(args: tuple[str, ...], columns: str | None) -> Any:
        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", columns)
        return cli(*args)

    return _run


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_table_output(run: Callable[..., Any], scenario: str, width: str) -> None:
    result = run(SCENARIOS[scenario], WIDTHS[width])
    assert result.exit_code == (1 if scenario == "check" else 0), result.stderr  # two thresholds breached
    text = result.stdout
    lines = text.splitlines()
    columns = int(WIDTHS[width] or 100)
    assert [n for n, line in enumerate(lines, 1) if line != line.rstrip()] == [], "lines end in spaces"
    assert [n for n, line in enumerate(lines, 1) if len(line) > columns] == [], f"lines wider than {columns}"
    if scenario == "analyze-people":  # 1,460 people: the head of the list is enough to pin it
        start = next(n for n, line in enumerate(lines) if line.startswith("People ("))
        text = "\n".join(lines[start : start + 25]) + "\n"
    path = GOLDEN / f"{scenario}.{width}.txt"
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} changed; NETAUDIT_UPDATE_GOLDEN=1 to accept"


def _whole(name: str, lines: list[str]) -> bool:
    """The name on one line, whole or shortened with an ellipsis at a character, never folded."""
    return any(name in line for line in lines) or any(
        name[:k] + "…" in line for k in range(4, len(name)) for line in lines
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("scenario", "key"), [("followups", "followups"), ("analyze-people", "people")])
def test_names_are_never_cut_across_lines(
    cli: Cli, run: Callable[..., Any], scenario: str, key: str, width: str
) -> None:
    args = SCENARIOS[scenario]
    names = [item["name"] for item in json.loads(cli(*args, "-f", "json").stdout)[key]][:40]
    lines = run(args, WIDTHS[width]).stdout.splitlines()
    assert names and all(_whole(name, lines) for name in names), [n for n in names if not _whole(n, lines)]


@pytest.mark.parametrize("width", [80, 120])
def test_colour_output_has_no_trailing_spaces_either(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from netaudit import pipeline
    from netaudit.render import Options, render
    from tests.helpers import audit

    monkeypatch.chdir(ROOT)
    example = audit(Path("examples/linkedin-export"), [Path("examples/interactions.csv")], people=True)
    options = Options(width=width, color=True)
    for text in (
        render(example.report, "table", options),
        render(pipeline.followups(example, 10, [], True), "table", options),
    ):
        assert "\x1b[" in text
        assert [line for line in text.splitlines() if re.search(r"[ \t](?:\x1b\[[0-9;]*m)*$", line)] == []
