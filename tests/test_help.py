"""`--help` of every command the app has (found by walking the app, never listed by hand): names
for values, not Python types; help for every option; the exit codes each command can return; the
whole command list; and usage errors in the `error:`/`hint:` form with exit 2."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
import typer

from netaudit.cli import CHANNELS, app
from netaudit.cli.usage import Command, exit_codes, metavar
from netaudit.errors import ExitStatus
from netaudit.evidence import Channel

Cli = Callable[..., Any]
GROUP = typer.main.get_command(app)
COMMANDS: dict[str, Any] = GROUP.commands  # type: ignore[attr-defined]
TYPE_NAME = re.compile(r"<[^>]*>|\{[^}]*\}|\b(?:list|str|int|float|path)\[")


def test_the_scan_sees_every_command() -> None:
    assert {"analyze", "followups", "check", "log", "schema"} <= COMMANDS.keys()
    for name, command in COMMANDS.items():
        assert isinstance(command, Command), f"{name} is not registered with @app.command"


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_help_names_values_and_fits(cli: Cli, monkeypatch: pytest.MonkeyPatch, name: str, columns: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = cli(*name.split(), "--help")
    assert result.exit_code == 0 and result.stderr == ""
    text = result.stdout
    assert not TYPE_NAME.search(text), TYPE_NAME.search(text)
    assert "<" not in text and ">" not in text and "{" not in text and "}" not in text
    assert "x>=" not in text and "<=x" not in text
    assert all(len(line) <= columns for line in text.splitlines())
    assert all(line == line.rstrip() for line in text.splitlines())


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_and_argument_has_help_and_a_name(name: str) -> None:
    for param in COMMANDS[name].params:
        assert (param.help or "").strip(), f"{name}: {param.name} has no help"
        if not getattr(param, "is_flag", False):
            assert param.metavar and param.metavar.upper() == param.metavar, (name, param.name, param.metavar)


def test_metavars_say_what_the_value_is() -> None:
    by_option = {max(p.opts, key=len): p.metavar for c in COMMANDS.values() for p in c.params}
    assert by_option["--as-of"] == "DATE" and by_option["--window"] == "DAYS" and by_option["--top"] == "N"
    assert by_option["--interactions"] == "FILE" and by_option["--state-dir"] == "FOLDER"
    assert by_option["--format"] == "FORMAT" and by_option["--min-layer"] == "LAYER=N"
    assert by_option["path"] == "PATH" and by_option["--me"] == "NAME"
    text = next(p for p in COMMANDS["log"].params if p.name == "note")
    assert metavar(text) == "TEXT"


@pytest.mark.parametrize("name", COMMANDS)
def test_each_epilog_lists_the_exit_codes_that_command_can_return(name: str) -> None:
    epilog = COMMANDS[name].epilog
    for code in ("0 fine", "2 usage, config or input error", "3 internal error"):
        assert code in epilog
    breaches = {"check"}  # the one command that returns 1
    assert ("1 a threshold was breached" in epilog) == (name in breaches)
    assert epilog == exit_codes(*([ExitStatus.THRESHOLD_BREACHED] if name in breaches else []))


def test_the_command_list_is_not_cut_off_at_120_columns(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    text = " ".join(cli("--help").stdout.split())
    assert "..." not in text.partition("Commands:")[2]
    for command in COMMANDS.values():
        first = " ".join((command.help or "").split("\n\n")[0].split())
        assert first in text
    assert "1 a threshold was breached (check)" in text


def test_channels_and_choices_are_listed_in_full(cli: Cli) -> None:
    assert tuple(c.value for c in Channel) == CHANNELS
    text = " ".join(cli("log", "--help").stdout.split())
    assert all(channel in text for channel in CHANNELS) and "…" not in text
    assert "One of: table, json, markdown, csv." in " ".join(cli("followups", "--help").stdout.split())


def _usage_error(result: Any) -> tuple[str, str]:
    assert result.exit_code == ExitStatus.USAGE_OR_INPUT_ERROR
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("error: ") and lines[1].startswith("hint: "), lines
    return lines[0], lines[1]


def test_a_mistyped_command_gets_did_you_mean(cli: Cli) -> None:
    assert _usage_error(cli("analyse")) == (
        "error: netaudit has no command 'analyse'",
        "hint: did you mean `netaudit analyze`?",
    )
    error, hint = _usage_error(cli("zzzz"))
    assert error == "error: netaudit has no command 'zzzz'" and "analyze, followups, check" in hint


@pytest.mark.parametrize(
    ("args", "error", "hint"),
    [
        (("followups", "--top", "0"), "error: --top 0 is out of range", "hint: give a number of at least 1"),
        (("followups", "--days", "0"), "error: --days 0 is out of range", "hint: give a number from 1 to 36500"),
        (("analyze", "--window", "soon"), "error: --window soon is not a whole number", "netaudit analyze --help"),
        (
            ("analyze", "--format", "jsno"),
            "error: --format jsno is not one of table, json, markdown, html",
            "hint: did you mean json?",
        ),
        (("schema", "reprot"), "error: NAME reprot is not one of interactions, report", "did you mean report?"),
        (("log",), "error: netaudit log needs NAME", "hint: see `netaudit log --help`"),
        (("log", "Ada"), "error: netaudit log needs --channel CHANNEL", "hint: see `netaudit log --help`"),
        (("analyze", "--peple"), "error: netaudit analyze has no option --peple", "hint: did you mean --people?"),
        (("--bogus",), "error: netaudit has no option --bogus", "hint: see `netaudit --help`"),
        (("analyze", "a", "b"), "error: got unexpected extra argument", "hint: see `netaudit analyze --help`"),
        (("followups", "--top"), "error: option '--top' requires an argument", "netaudit followups --help"),
    ],
)
def test_usage_errors_are_one_line_and_a_hint(cli: Cli, args: tuple[str, ...], error: str, hint: str) -> None:
    shown = _usage_error(cli(*args))
    assert shown[0].startswith(error), shown
    assert hint in shown[1], shown


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_says_an_unknown_option_the_same_way(cli: Cli, name: str) -> None:
    error, hint = _usage_error(cli(name, "--no-such-option"))
    assert error == f"error: netaudit {name} has no option --no-such-option"
    assert f"`netaudit {name} --help`" in hint


def test_no_arguments_still_shows_the_help(cli: Cli) -> None:
    result = cli()
    assert result.exit_code == ExitStatus.USAGE_OR_INPUT_ERROR
    assert "Commands:" in result.output and "error:" not in result.output
