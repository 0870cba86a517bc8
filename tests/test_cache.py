"""The cache of parsed files: used when a file is unchanged, never when it changed, ignored when broken."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import netaudit.ingest.messages
import netaudit.ingest.read
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


def cached_kinds(state: Path) -> Counter[str]:
    """How many cache entries there are of each kind of file."""
    entries = (json.loads(p.read_text()) for p in (state / "cache").glob("*.json"))
    return Counter(e["summary"]["kind"] for e in entries)


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
    assert cached_kinds(tmp_path / "state")["messages"] == 2


def test_a_second_run_over_unchanged_files_parses_no_csv(
    cli: Any, export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes((EXAMPLES / "interactions.csv").read_bytes())
    first = report(cli, export, "-i", log)
    kinds = cached_kinds(tmp_path / "state")
    assert kinds["interaction_log"] == 1 and kinds["invitations"] == 1 and kinds["connections"] == 1

    def no_parse(*args: object) -> None:
        raise AssertionError("a file was parsed again")

    monkeypatch.setattr(netaudit.ingest.read, "read_table", no_parse)  # every CSV, Profile.csv too
    assert report(cli, export, "-i", log) == first


def test_a_changed_log_is_read_again(cli: Any, export: Path, tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text('{"date": "2026-11-01", "channel": "call", "name": "Nobody Known"}\n')
    before = report(cli, export, "-i", log)
    with log.open("a") as handle:
        handle.write('{"date": "2026-11-02", "channel": "call", "name": "Nobody Known"}\n')
    after = report(cli, export, "-i", log)

    def logged(data: dict[str, Any]) -> list[int]:
        return [s["rows"] for s in data["sources"] if s["kind"] == "interaction_log"]

    assert logged(before) == [1] and logged(after) == [2]


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


def test_pruning_keeps_what_was_used_lately(tmp_path: Path) -> None:
    """A log that changes every day must not push out the export's messages, read on every run."""
    import pyarrow as pa

    from netaudit.cache import KEEP, Cache, Entry
    from netaudit.ingest.table import DataFile

    cache = Cache(tmp_path / "cache")
    keys = []
    for i in range(KEEP + 5):
        source = tmp_path / f"f{i}.csv"
        source.write_text("x")
        keys.append(cache.key(DataFile(str(source), path=source)))
    for age, key in enumerate(keys[:KEEP]):  # written long ago, oldest first
        cache.save(key, Entry(pa.table({"x": [age]}), {}))
        os.utime(tmp_path / "cache" / f"{key}.json", ns=(age * 10**9, age * 10**9))
    assert cache.load(keys[0]) is not None  # the oldest, used now
    for key in keys[KEEP:]:
        cache.save(key, Entry(pa.table({"x": [0]}), {}))
    assert cache.load(keys[0]) is not None
    assert all(cache.load(key) is None for key in keys[1:6])  # the least recently used went
