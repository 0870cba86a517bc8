"""`netaudit log`: the name is checked, the row appended atomically, nothing ever rewritten."""

from __future__ import annotations

import csv
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from netaudit import logbook
from netaudit.ingest.log import LogEntry
from tests.helpers import CONNECTIONS_2023, csv_text, person


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    people = [person("Ada", "Example", "ada"), person("Bo", "Sample", "bo-1"), person("Bo", "Sample", "bo-2")]
    (tmp_path / "Connections.csv").write_text(csv_text(CONNECTIONS_2023, people))
    (tmp_path / "netaudit.toml").write_text('export = "Connections.csv"\nlog = "log.csv"\n')
    return tmp_path / "log.csv"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_unique_name_is_logged_with_its_profile(cli: Any, setup: Path) -> None:
    result = cli("log", "ada example", "--channel", "coffee", "--date", "2026-11-20", "--note", "=SUM(A1)")
    assert result.exit_code == 0, result.stderr
    assert rows(setup) == [{"date": "2026-11-20", "name": "Ada Example", "profile_url": "https://www.linkedin.com/in/ada",
                            "email": "", "channel": "coffee", "direction": "mutual", "note": "=SUM(A1)"}]  # fmt: skip
    cli("log", "https://www.linkedin.com/in/bo-2", "-c", "email", "-d", "out", "--date", "2026-11-21")
    assert [r["profile_url"] for r in rows(setup)] == [
        "https://www.linkedin.com/in/ada",
        "https://www.linkedin.com/in/bo-2",
    ]
    report = json.loads(cli("analyze", "--as-of", "2026-11-22", "-f", "json").stdout)
    assert report["relationships"]["two_way"] == 1 and report["relationships"]["one_way_out"] == 1


@pytest.mark.parametrize(
    ("name", "message"), [("Bo Sample", "the name of 2 connections"), ("Ada Exampel", "did you mean 'Ada Example'")]
)
def test_ambiguous_or_unknown_names_exit_2_unless_forced(cli: Any, setup: Path, name: str, message: str) -> None:
    refused = cli("log", name, "-c", "call")
    assert refused.exit_code == 2 and message in refused.stderr
    assert not setup.exists()
    assert cli("log", name, "-c", "call", "--force").exit_code == 0
    assert rows(setup)[0]["name"] == name and rows(setup)[0]["profile_url"] == ""


def test_invalid_values_are_refused(cli: Any, setup: Path) -> None:
    result = cli("log", "Ada Example", "-c", "message")
    assert result.exit_code == 2 and "needs a direction" in result.stderr
    assert cli("log", "Ada Example", "-c", "telepathy").exit_code == 2
    assert not setup.exists()


def test_appending_keeps_what_was_there(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes(b"date,name,profile_url,email,channel,direction,note\r\n2026-01-01,Old Row,,,call,,kept")
    logbook.append(log, LogEntry.model_validate({"date": "2026-02-02", "name": "New Row", "channel": "meal"}))
    assert log.read_bytes().startswith(
        b"date,name,profile_url,email,channel,direction,note\r\n2026-01-01,Old Row,,,call,,kept\r\n"
    )  # the log's own line ending
    assert [r["name"] for r in rows(log)] == ["Old Row", "New Row"]
    jsonl = tmp_path / "log.jsonl"
    jsonl.write_text('{"date": "2026-01-01", "name": "Old", "channel": "call"}')
    logbook.append(jsonl, LogEntry.model_validate({"date": "2026-02-02", "name": "New", "channel": "meal"}))
    assert [json.loads(line)["name"] for line in jsonl.read_text().splitlines()] == ["Old", "New"]


def test_concurrent_appends_all_land(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"

    def write(i: int) -> None:
        logbook.append(log, LogEntry.model_validate({"date": "2026-02-02", "name": f"Person {i}", "channel": "call"}))

    threads = [threading.Thread(target=write, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    names = [r["name"] for r in rows(log)]
    assert sorted(names) == sorted(f"Person {i}" for i in range(40))
    assert log.read_text().count("date,name") == 1


def test_a_failed_write_leaves_no_partial_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "log.csv"
    logbook.append(log, LogEntry.model_validate({"date": "2026-02-02", "name": "Kept", "channel": "call"}))
    before = log.read_bytes()
    real_write = os.write

    def full_disk(fd: int, data: bytes) -> int:
        real_write(fd, data[: len(data) // 2])  # half the row reaches the disk, then it is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(logbook.os, "write", full_disk)
    with pytest.raises(Exception, match="could not be written"):
        logbook.append(log, LogEntry.model_validate({"date": "2026-02-03", "name": "Lost", "channel": "call"}))
    assert log.read_bytes() == before
