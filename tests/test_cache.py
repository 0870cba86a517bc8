"""The messages cache: used when the file is unchanged, never when it changed, ignored when broken."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import netaudit.ingest.messages
from tests.helpers import EXAMPLES


@pytest.fixture
def export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    for f in (EXAMPLES / "linkedin-export").iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    return folder


def report(cli: Any, export: Path, *extra: str) -> dict[str, Any]:
    result = cli("analyze", export, "--as-of", "2026-11-20", "-f", "json", *extra)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    data.pop("changes")
    return data


def test_an_unchanged_export_is_not_parsed_again(cli: Any, export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = report(cli, export)

    def no_parse(*args: object) -> None:
        raise AssertionError("messages.csv was parsed again")

    monkeypatch.setattr(netaudit.ingest.messages, "read_messages", no_parse)
    assert report(cli, export) == first  # the cached evidence gives the same report


def test_a_changed_file_is_read_again(cli: Any, export: Path) -> None:
    before = report(cli, export)
    messages = export / "messages.csv"
    lines = messages.read_text().splitlines(keepends=True)
    messages.write_text("".join(lines[:-40]).rstrip("\n"))
    stat = messages.stat()
    os.utime(messages, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    after = report(cli, export)
    rows = [s["rows"] for s in after["sources"] if s["kind"] == "messages"]
    assert rows != [s["rows"] for s in before["sources"] if s["kind"] == "messages"]


def test_a_broken_cache_is_ignored_and_replaced(cli: Any, export: Path, tmp_path: Path) -> None:
    first = report(cli, export)
    cache = tmp_path / "state" / "cache"
    for entry in cache.iterdir():
        entry.write_bytes(b"garbage")
    assert report(cli, export) == first
    assert all(e.read_bytes() != b"garbage" for e in cache.iterdir())


def test_whose_messages_they_are_is_part_of_the_key(cli: Any, export: Path, tmp_path: Path) -> None:
    report(cli, export)
    owner = report(cli, export, "--me", "https://www.linkedin.com/in/somebody-else")
    assert owner["owner"].startswith("linkedin.com/in/somebody-else")
    assert len(list((tmp_path / "state" / "cache").glob("*.arrow"))) == 3  # connections, and messages twice


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    import pyarrow as pa

    from netaudit.cache import KEEP, Cache, Entry
    from netaudit.ingest.table import DataFile

    cache = Cache(tmp_path / "cache")
    table = pa.table({"x": [1]})
    for i in range(KEEP + 5):
        source = tmp_path / f"f{i}.csv"
        source.write_text("x")
        cache.save(cache.key(DataFile(str(source), path=source)), Entry(table, {}))
    assert len(list((tmp_path / "cache").glob("*.json"))) == KEEP
    assert len(list((tmp_path / "cache").glob("*.arrow"))) == KEEP
