"""Nothing leaves the machine: with sockets disabled, every command still works."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import EXAMPLES


class NetworkUsed(AssertionError):
    pass


def refuse(*args: object, **kwargs: object) -> None:
    raise NetworkUsed(f"network access attempted: {args!r}")


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("connect", "connect_ex", "bind", "sendto", "sendall", "send"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.usefixtures("offline")
def test_every_command_works_offline(cli: Any, tmp_path: Path) -> None:
    export, log = EXAMPLES / "linkedin-export", EXAMPLES / "interactions.csv"
    runs = [
        ("analyze", export, "-i", log, "--as-of", "2026-11-20"),
        ("analyze", export, "-f", "html", "-o", tmp_path / "r.html"),
        ("followups", "--top", "10", "--drafts"),
        ("demo", "--connections", "100"),
        ("schema", "report"),
        ("generate", tmp_path / "g", "--connections", "50"),
    ]
    for args in runs:
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)


@pytest.mark.usefixtures("offline")
def test_the_python_api_works_offline(tmp_path: Path) -> None:
    import netaudit

    audit = netaudit.analyze(
        EXAMPLES / "linkedin-export",
        interactions=[EXAMPLES / "interactions.csv"],
        as_of="2026-11-20",
        record=True,
        state_dir=tmp_path,
    )
    assert len(audit.people) and len(audit.interactions) and len(audit.followups(top=3)) == 3
