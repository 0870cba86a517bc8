"""State and log safety: a damaged history is reported with a way out, a killed `netaudit log`
leaves no partial row, and appends from several processes all land."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import EXAMPLES

APPENDER = """
import sys
from pathlib import Path
from netaudit import logbook
from netaudit.ingest.log import LogEntry
path, who, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for i in range(count):
    note = "x" * (i % 300)  # rows of many lengths
    logbook.append(path, LogEntry.model_validate({"date": "2026-02-02", "name": f"{who} {i}", "channel": "call", "note": note}))
"""


def complete_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.endswith(b"\n"), "the last row is cut"
    rows = list(csv.reader(data.decode().splitlines()))
    assert all(len(r) == 7 for r in rows), [r for r in rows if len(r) != 7][:3]
    return rows[1:]


@pytest.mark.parametrize(
    "damage",
    [b"SQLite format 3\x00" + b"\xff" * 200, b"\x00" * 4096, b"not a database at all\n" * 50],
    ids=["bad-header", "zeros", "text"],
)
def test_a_damaged_history_gives_a_recovery_hint_and_is_kept(cli: Any, tmp_path: Path, damage: bytes) -> None:
    state = tmp_path / "state"
    state.mkdir()
    (state / "history.sqlite3").write_bytes(damage)
    for args in (("analyze", EXAMPLES / "linkedin-export"), ("trend",), ("followups", "--top", "1")):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert "damaged" in result.stderr and "move it aside" in result.stderr
        assert "Traceback" not in result.output
    assert (state / "history.sqlite3").read_bytes() == damage


def test_a_killed_log_leaves_no_partial_row(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    process = subprocess.Popen([sys.executable, "-c", APPENDER, str(log), "Killed", "100000"])
    deadline = time.monotonic() + 20
    while (not log.exists() or log.stat().st_size < 20_000) and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    rows = complete_rows(log)
    assert 0 < len(rows) < 100000
    assert [r[1] for r in rows] == [f"Killed {i}" for i in range(len(rows))]


def test_appends_from_several_processes_all_land(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    processes = [subprocess.Popen([sys.executable, "-c", APPENDER, str(log), f"P{k}", "200"]) for k in range(3)]
    assert [p.wait(timeout=120) for p in processes] == [0, 0, 0]
    rows = complete_rows(log)
    assert sorted(r[1] for r in rows) == sorted(f"P{k} {i}" for k in range(3) for i in range(200))


def test_an_unwritable_state_folder_is_an_input_error(cli: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the state folder should be")
    result = cli("analyze", EXAMPLES / "linkedin-export", "--state-dir", blocker)
    assert result.exit_code == 2 and "history" in result.stderr
    assert os.path.isfile(blocker)
