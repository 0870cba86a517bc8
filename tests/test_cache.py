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
        os.utime(tmp_path / "cache" / f"netaudit-cache-{key}.json", ns=(age * 10**9, age * 10**9))
    assert cache.load(keys[0], ("x",), ()) is not None  # the oldest, used now
    for key in keys[KEEP:]:
        cache.save(key, Entry(pa.table({"x": [0]}), {}))
    assert cache.load(keys[0], ("x",), ()) is not None
    assert all(cache.load(key, ("x",), ()) is None for key in keys[1:6])  # the least recently used went


def test_a_same_size_edit_with_the_modification_time_kept_is_read_again(cli: Any, export: Path) -> None:
    before = report(cli, export)
    connections = export / "Connections.csv"
    stat = connections.stat()
    data = connections.read_bytes()
    assert b"Lena" in data
    connections.write_bytes(data.replace(b"Lena", b"Lina"))  # same size
    os.utime(connections, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert connections.stat().st_size == stat.st_size and connections.stat().st_mtime_ns == stat.st_mtime_ns
    after = report(cli, export)
    assert before != after and "Lina" in json.dumps(after) and "Lena" not in json.dumps(after)


def test_the_content_check_sees_the_middle_of_a_file_through_its_change_time(tmp_path: Path) -> None:
    """An edit deep inside a large file, size and mtime kept: the change time still moves."""
    from netaudit.cache import EDGE, Cache
    from netaudit.ingest.table import DataFile

    big = tmp_path / "big.csv"
    big.write_bytes(b"a" * (4 * EDGE))
    cache = Cache(tmp_path / "cache")
    first = cache.key(DataFile(str(big), path=big))
    stat = big.stat()
    with big.open("r+b") as handle:
        handle.seek(2 * EDGE)
        handle.write(b"b")
    os.utime(big, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache.key(DataFile(str(big), path=big)) != first


SHAPES = {
    "json-list": lambda p: p.write_text("[]"),
    "json-null": lambda p: p.write_text("null"),
    "no-summary": lambda p: p.write_text(
        json.dumps({k: v for k, v in json.loads(p.read_text()).items() if k != "summary"})
    ),
    "no-owner": lambda p: p.write_text(
        json.dumps({k: v for k, v in json.loads(p.read_text()).items() if k != "owner"})
    ),
    "summary-a-string": lambda p: p.write_text(json.dumps({**json.loads(p.read_text()), "summary": "x"})),
    "ignored-a-list": lambda p: p.write_text(json.dumps({**json.loads(p.read_text()), "ignored": [1]})),
    "old-format": lambda p: p.write_text(json.dumps({**json.loads(p.read_text()), "netaudit_cache": 1})),
    "truncated-arrow": lambda p: p.with_suffix(".arrow").write_bytes(p.with_suffix(".arrow").read_bytes()[:300]),
    "empty-arrow": lambda p: p.with_suffix(".arrow").write_bytes(b""),
    "arrow-of-another-schema": lambda p: _other_arrow(p.with_suffix(".arrow")),
}


def _other_arrow(path: Path) -> None:
    """The right column names, the wrong types."""
    import pyarrow as pa

    from netaudit.evidence import EVIDENCE_COLUMNS
    from netaudit.roster import People

    names = sorted({*EVIDENCE_COLUMNS, *People.COLUMNS, "name_key"})
    table = pa.table({name: pa.array([1, 2], pa.int64()) for name in names})
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_an_entry_of_another_shape_is_ignored_and_rebuilt(cli: Any, export: Path, tmp_path: Path, shape: str) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes((EXAMPLES / "interactions.csv").read_bytes())
    first = report(cli, export, "-i", log)
    entries = sorted((tmp_path / "state" / "cache").glob("*.json"))
    assert len(entries) >= 7  # Connections, messages, invitations, endorsements, recommendations, the log
    for entry in entries:
        SHAPES[shape](entry)
    assert report(cli, export, "-i", log) == first
    assert report(cli, export, "-i", log) == first  # and the rebuilt entries serve the same
    assert all(json.loads(e.read_text())["netaudit_cache"] == 2 for e in entries)


def test_pruning_touches_only_netaudits_own_files(
    cli: Any, export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--state-dir .` in a folder whose cache/ holds the user's own files."""
    import netaudit.cache

    monkeypatch.setattr(netaudit.cache, "KEEP", 1)
    home = tmp_path / "home"
    mine = home / "cache"
    mine.mkdir(parents=True)
    kept = {
        **{mine / f"notes-{i}.json": b'{"mine": true}' for i in range(26)},
        mine / "photos.arrow": b"ARROW1 but the user's",
        mine / ("a" * 64 + ".json"): b'{"format": 1}',  # looks like an old cache entry: not provably ours
        mine / ("netaudit-cache-" + "b" * 64 + ".json"): b'{"mine": "named like ours, not marked"}',
        mine / ("netaudit-cache-" + "b" * 64 + ".arrow"): b"the user's",
        mine / ("netaudit-cache-" + "c" * 63 + ".json"): b'{"netaudit_cache": 2}',  # a digit short
    }
    for path, data in kept.items():
        path.write_bytes(data)
        os.utime(path, ns=(0, 0))  # the oldest of all
    result = cli("analyze", export, "--state-dir", home, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert all(path.read_bytes() == data for path, data in kept.items())
    ours = [p for p in mine.iterdir() if p not in kept]
    assert len(ours) == 2 and {p.suffix for p in ours} == {".json", ".arrow"}  # KEEP = 1 entry of netaudit's
