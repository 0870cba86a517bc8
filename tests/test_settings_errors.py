"""Invalid settings in the user's words: the flag, key or variable as written, where it came from
(flag, `file:line`, `$NETAUDIT_…`), what is accepted and "did you mean"; never pydantic's wording."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netaudit.config import load
from netaudit.errors import ConfigError, ExitStatus
from netaudit.settings_errors import _line_of
from tests.helpers import EXAMPLES

Cli = Callable[..., Any]
EXPORT = EXAMPLES / "linkedin-export"
PYDANTIC = ("Input should", "Extra inputs", "[key]", "validation error", "type=")


def _said(cli: Cli, *args: Any) -> list[str]:
    result = cli(*args)
    assert result.exit_code == ExitStatus.USAGE_OR_INPUT_ERROR
    assert result.stdout == ""
    assert not any(word in result.stderr for word in PYDANTIC), result.stderr
    lines: list[str] = result.stderr.splitlines()
    return lines


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("toml", "error", "hint"),
    [
        ("[model]\nwindow = 30\n", ":2: model.window: no such setting", "hint: did you mean model.window_days?"),
        ("[model]\n# a comment\nwindow_days = 0\n", ":3: model.window_days = 0: out of range", "from 1 to 36500"),
        ('redact = "alway"\n', ':1: redact = "alway": not one of the choices', "did you mean always? choose from auto"),
        (
            "[check.min_layer_members]\nsympathetic = 3\n",
            ":2: check.min_layer_members: no Dunbar layer 'sympathetic'",
            "hint: did you mean sympathy? the layers are support, sympathy, affinity, active",
        ),
        ("check.min_two_way = 1.5\n", ":1: check.min_two_way = 1.5: not a whole number", "from 0 to"),
        ("model = 3\n", ":1: model = 3: must be a table of settings", "examples/netaudit.toml"),
    ],
)
def test_a_bad_config_file_names_the_key_file_and_line(cli: Cli, here: Path, toml: str, error: str, hint: str) -> None:
    (here / "netaudit.toml").write_text(toml)
    lines = _said(cli, "config")
    assert len(lines) == 2
    assert lines[0] == f"error: {here / 'netaudit.toml'}{error}"
    assert hint in lines[1] and "netaudit config" not in lines[1]  # config would fail the same way


def test_the_line_in_pyproject_counts_from_the_top_of_the_file(cli: Cli, here: Path) -> None:
    (here / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.netaudit.model]\ndunbar_number = -1\n')
    assert _said(cli, "analyze", EXPORT)[0] == (
        f"error: {here / 'pyproject.toml'}:5: model.dunbar_number = -1: out of range"
    )


@pytest.mark.parametrize(
    ("args", "error", "hint"),
    [
        (("analyze", EXPORT, "--window", "0"), "error: --window 0: out of range", "from 1 to 36500"),
        (("check", EXPORT, "--max-fading", "-1"), "error: --max-fading -1: out of range", "from 0 to 1000000000"),
        (
            ("check", EXPORT, "--min-layer", "sympathetic=3"),
            "error: --min-layer sympathetic: no Dunbar layer 'sympathetic'",
            "hint: did you mean sympathy?",
        ),
        (
            ("check", EXPORT, "--min-layer", "sympathy=x"),
            "error: --min-layer sympathy=x: not a whole number",
            "members",
        ),
    ],
)
def test_a_bad_flag_is_named_as_the_flag(cli: Cli, here: Path, args: tuple[Any, ...], error: str, hint: str) -> None:
    lines = _said(cli, *args)
    assert lines[0] == error and hint in lines[1] and len(lines) == 2


def test_a_bad_variable_is_named_with_its_value(cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETAUDIT_WINDOW_DAYS", "30")
    assert _said(cli, "config") == [
        "error: $NETAUDIT_WINDOW_DAYS: no such setting",
        "hint: did you mean $NETAUDIT_MODEL__WINDOW_DAYS?",
    ]
    monkeypatch.delenv("NETAUDIT_WINDOW_DAYS")
    monkeypatch.setenv("NETAUDIT_REDACT", "nevr")
    assert _said(cli, "config") == [
        "error: $NETAUDIT_REDACT=nevr: not one of the choices",
        "hint: did you mean never? choose from auto, always, never",
    ]


def test_several_problems_are_one_line_each_with_their_own_hint(cli: Cli, here: Path) -> None:
    (here / "netaudit.toml").write_text("colour = 1\n[followups]\ntop = 0\n")
    file = here / "netaudit.toml"
    assert _said(cli, "followups", EXPORT) == [
        "error: 2 settings are not valid:",
        f"  {file}:3: followups.top = 0: out of range (give a whole number from 1 to 1000000000)",
        f"  {file}:1: colour: no such setting (examples/netaudit.toml shows every key)",
        f"hint: fix {file}; examples/netaudit.toml shows every key",
    ]


def test_broken_toml_does_not_send_the_user_to_netaudit_config(cli: Cli, here: Path) -> None:
    (here / "netaudit.toml").write_text("window_days = [")
    lines = _said(cli, "config")
    assert lines[0].startswith(f"error: {here / 'netaudit.toml'}: not valid TOML")
    assert "netaudit config" not in lines[1]


def test_the_python_api_names_its_own_argument(tmp_path: Path) -> None:
    import netaudit

    with pytest.raises(ConfigError) as info:
        netaudit.analyze(EXPORT, window_days=0)
    assert info.value.message == "window_days 0: out of range"


def test_without_flag_names_a_flag_is_named_by_its_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load(None, {}, {"model.window_days": 0})
    assert info.value.message == "model.window_days 0: out of range"


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("[model]\nwindow_days = 1\n", "model.window_days", 2),
        ("model.window_days = 1\n", "model.window_days", 1),
        ('[ "model" ]\n"window_days" = 1\n', "model.window_days", 2),
        ("[check]\nmin_layer_members = { sympathetic = 1 }\n", "check.min_layer_members", 2),
        ("[check.min_layer_members]  # layers\n", "check.min_layer_members", 1),
        ("[model]\nwindow_days = 1\n", "window_days", None),
    ],
)
def test_the_line_of_a_key(text: str, key: str, line: int | None) -> None:
    assert _line_of(text, key) == line


@pytest.mark.parametrize(
    ("args", "error", "hint"),
    [
        (("-c", "coffe"), "error: --channel coffe: not a channel", "hint: did you mean coffee? choose from message,"),
        (("-c", "call", "-d", "sideways"), "error: --direction sideways: not a direction", "out, in, mutual"),
        (("-c", "message"), "error: cannot log that: channel message needs a direction", "add --direction"),
        (("-c", "call", "--date", "2026-13-01"), "error: --date 2026-13-01: not a date", "YYYY-MM-DD"),
    ],
)
def test_log_names_the_flag_and_the_choices(cli: Cli, here: Path, args: tuple[str, ...], error: str, hint: str) -> None:
    lines = _said(cli, "log", "Ada", *args, "--force", "--file", here / "log.csv")
    assert lines[0].startswith(error) and hint in lines[1] and len(lines) == 2
    assert not (here / "log.csv").exists()


def test_channels_in_the_hint_are_all_of_them(cli: Cli, here: Path) -> None:
    from netaudit.evidence import Channel

    hint = _said(cli, "log", "Ada", "-c", "zzz", "--force", "--file", here / "log.csv")[1]
    assert hint == "hint: choose from " + ", ".join(c.value for c in Channel)


def test_a_mistyped_reason_gets_did_you_mean(cli: Cli, here: Path) -> None:
    assert _said(cli, "followups", EXPORT, "--reason", "fadng")[1].startswith("hint: did you mean fading? choose")
