"""Every input file has the same bytes and modification time after every command."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import EXAMPLES


def snapshot(root: Path) -> dict[Path, tuple[bytes, int, int]]:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    shutil.copytree(EXAMPLES, root)
    return root


COMMANDS = [
    ["analyze", "{export}", "-i", "{log}", "--as-of", "2026-11-20"],
    ["analyze", "{export}", "-i", "{log}", "-f", "json", "--people"],
    ["analyze", "{export}", "-f", "html", "-o", "{out}/r.html"],
    ["analyze", "{export}/Connections.csv", "-f", "markdown", "--strict"],
    ["followups", "{export}", "-i", "{log}", "--all", "--drafts", "-f", "csv", "-o", "{out}/f.csv"],
    ["followups", "--top", "3"],
    ["analyze", "{export}/messages.csv"],  # an error, which must not touch anything either
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:3]))
def test_commands_leave_inputs_alone(cli: Any, inputs: Path, tmp_path: Path, command: list[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(inputs)
    values = {"export": inputs / "linkedin-export", "log": inputs / "interactions.csv", "out": out}
    cli("analyze", inputs / "linkedin-export")  # so that `followups` without a path has a last run
    result = cli(*(part.format(**values) for part in command))
    assert result.exit_code in (0, 2)
    assert snapshot(inputs) == before
