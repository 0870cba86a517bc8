"""`netaudit review`: keys in, screen out; in-process (CliRunner) and in a real terminal (tmux)."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netaudit.cli import app, review
from tests.helpers import EXAMPLES

INPUTS = (EXAMPLES / "linkedin-export", "-i", EXAMPLES / "interactions.csv")
AS_OF = ("--as-of", "2026-11-20")


def test_without_a_terminal_it_names_the_commands_to_use(cli: Any) -> None:
    result = cli("review", *INPUTS, *AS_OF)
    assert result.exit_code == 2
    assert "review needs a terminal on stdin" in result.stderr
    assert "netaudit done N" in result.stderr and "netaudit snooze N --days 30" in result.stderr


def test_each_key_acts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NETAUDIT_HOME", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(review, "has_terminal", lambda: True)
    keys = [
        "o",  # 1: the URL, then ask again
        "l", "bestie", "l", "close",  # a bad label is asked again; labelling does not move on
        "d", "",  # done, default channel
        "s", "x", "s", "",  # snooze: a bad number, then the default 30 days
        "i",  # 3: ignore
        "k",  # 4: skip
        "?", "q",  # 5: an unknown key explains the keys; quit
    ]  # fmt: skip
    runner = CliRunner()
    result = runner.invoke(app, ["review", *map(str, INPUTS), *AS_OF, "--top", "5"], input="\n".join(keys) + "\n")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "#1 of 5  Lena Pretend (Designer at Acme)" in out
    assert "  “Thanks for the intro, really appreciated." in out  # the message waiting for a reply
    assert "  https://www.linkedin.com/in/lena-pretend-3f8" in out
    assert "label: one of close, friend" in out and "labelled Lena Pretend (Designer at Acme) close" in out
    assert "done: message with Lena Pretend" in out
    assert "days: a whole number" in out and "snoozed Ximena Øster (Recruiter at Umbrella Fictional) for 30 days" in out
    assert "will not be suggested again" in out and "keys: [d]one" in out and "#5 of 5" in out
    assert (
        "2026-11-20,Lena Pretend,https://www.linkedin.com/in/lena-pretend-3f8,,message,out,"
        in (tmp_path / "interactions.csv").read_text()
    )
    decisions = [json.loads(line) for line in (tmp_path / "decisions.jsonl").read_text().splitlines()]
    assert [d["action"] for d in decisions] == ["label", "snooze", "ignore"]


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_review_in_a_real_terminal(tmp_path: Path) -> None:
    """Keys typed into tmux, the screen read back: what a person over SSH would see."""
    socket = f"netaudit-test-{os.getpid()}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    command = " ".join(
        shlex.quote(str(a)) for a in [sys.executable, "-m", "netaudit", "review", *INPUTS, *AS_OF, "--top", "2"]
    )
    env = {**os.environ, "NETAUDIT_HOME": str(tmp_path), "NO_COLOR": "1"}
    env.pop("CI", None)
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "40", f"{command}; sleep 30"], env=env, check=True)
    try:

        def screen_has(text: str) -> str:
            for _ in range(150):
                screen = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout
                if text in screen:
                    return screen
                time.sleep(0.1)
            raise AssertionError(f"{text!r} not on the screen:\n{screen}")

        screen_has("[d]one")
        subprocess.run([*tmux, "send-keys", "d", "Enter"], check=True)
        screen_has("channel [message]:")
        subprocess.run([*tmux, "send-keys", "coffee", "Enter"], check=True)
        screen_has("done: coffee with Lena Pretend")
        subprocess.run([*tmux, "send-keys", "q", "Enter"], check=True)
        screen = screen_has("Done reviewing.")
        assert "#2 of 2  Ximena Øster" in screen
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    assert ",coffee,mutual," in (tmp_path / "interactions.csv").read_text()
