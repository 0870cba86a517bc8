"""The README shows what netaudit prints: its quick-start command is run as written, and each
excerpt of output must appear, line by line, in what the command prints at 80 columns."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]
ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    return README[start : README.index("\n## ", start + 1)]


def _run(cli: Cli, monkeypatch: pytest.MonkeyPatch, command: str) -> list[str]:
    monkeypatch.chdir(ROOT)  # the README's paths are relative to the clone
    monkeypatch.setenv("COLUMNS", "80")
    argv = shlex.split(command[command.index("netaudit ") :])
    result = cli(*argv[1:])
    assert result.exit_code == 0, result.stderr
    return [line.rstrip() for line in result.stdout.splitlines()]


def _appears(excerpt: str, printed: list[str]) -> None:
    """Every line of the excerpt is printed, in order (an excerpt may skip lines, not change them)."""
    at = 0
    for line in excerpt.splitlines():
        assert line.rstrip() in printed[at:], f"not printed (in this order): {line!r}"
        at = printed.index(line.rstrip(), at) + 1


def test_the_quick_start_prints_what_the_readme_shows(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = BLOCK.findall(_section("Quick start"))
    command = next(text for lang, text in blocks if lang == "sh" and "netaudit analyze" in text)
    assert "--as-of" in command  # without it the output changes every day
    excerpt = next(text for lang, text in blocks if lang == "")
    assert len(excerpt.splitlines()) >= 10
    _appears(excerpt, _run(cli, monkeypatch, command.strip()))


def test_the_report_excerpt_is_what_analyze_prints(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    section = _section("What the report says")
    assert "`--as-of 2026-11-20`, 80 columns" in section
    excerpt = next(text for lang, text in BLOCK.findall(section) if lang == "")
    printed = _run(
        cli, monkeypatch, "netaudit analyze examples/linkedin-export -i examples/interactions.csv --as-of 2026-11-20"
    )
    _appears(excerpt, printed)


def test_the_performance_notes_for_developers_live_in_benchmarks() -> None:
    performance = _section("Performance")
    assert len(performance.splitlines()) < 25 and "benchmarks/README.md" in performance
    notes = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    assert "Tried and dropped" in notes and "python benchmarks/run.py" in notes
