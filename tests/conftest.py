"""Fixtures: files written on demand, an export folder factory, and an in-process CLI."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netaudit.cli import app
from netaudit.generate import PREAMBLE
from tests.helpers import CONNECTIONS_2023, MESSAGES_2024, csv_text


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write("Connections.csv", text) -> path; bytes are written as they are."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode(encoding)
        path.write_bytes(data)
        return path

    return _write


@pytest.fixture
def export(write: Callable[..., Path], tmp_path: Path) -> Callable[..., Path]:
    """A folder export from connection rows and optional messages rows."""

    def _export(
        people: Sequence[Sequence[str]],
        messages: Sequence[Sequence[str]] | None = None,
        folder: str = "export",
        **files: str,
    ) -> Path:
        write(f"{folder}/Connections.csv", PREAMBLE + csv_text(CONNECTIONS_2023, people))
        if messages is not None:
            write(f"{folder}/messages.csv", csv_text(MESSAGES_2024, messages))
        for name, text in files.items():
            write(f"{folder}/{name}", text)
        return tmp_path / folder

    return _export


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., object]:
    """Invoke the CLI in-process with its state in a temporary folder."""
    monkeypatch.setenv("NETAUDIT_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    runner = CliRunner()

    def _cli(*args: str) -> object:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return _cli
