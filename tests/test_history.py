"""History: every run recorded, concurrent runs both land, changes and trend, snooze and ignore,
and a damaged database reported with a way out."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from netaudit import history
from netaudit.history import History
from tests.helpers import CONNECTIONS_2023, EXAMPLES, csv_text, person

EXPORT, LOG = EXAMPLES / "linkedin-export", EXAMPLES / "interactions.csv"


def test_each_run_is_recorded_and_trend_shows_them(cli: Any, tmp_path: Path) -> None:
    for day in ("2026-10-01", "2026-11-20"):
        assert cli("analyze", EXPORT, "-i", LOG, "--as-of", day, "-f", "json").exit_code == 0
    cli("check", EXPORT, "-i", LOG, "--as-of", "2026-11-21", "--min-two-way", "1")
    runs = History(tmp_path / "state").runs()
    assert [(r.command, str(r.as_of)) for r in runs] == [
        ("analyze", "2026-10-01"),
        ("analyze", "2026-11-20"),
        ("check", "2026-11-21"),
    ]
    assert runs[1].metrics["two_way"] == 138
    trend = json.loads(cli("trend", "-f", "json").stdout)
    assert [r["metrics"]["two_way"] for r in trend["runs"]] == [r.metrics["two_way"] for r in runs]
    table = cli("trend").stdout
    assert "two_way" in table and any(ch in table for ch in "▁▂▃▄▅▆▇█")
    assert "| Metric | Trend | First | Last |" in cli("trend", "-f", "markdown").stdout


def test_trend_without_runs_says_what_to_do(cli: Any) -> None:
    result = cli("trend")
    assert result.exit_code == 2 and "netaudit analyze" in result.stderr


def test_analyze_shows_what_changed_since_the_previous_run(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    log = tmp_path / "log.csv"
    path.write_text(csv_text(CONNECTIONS_2023, [person("Ada", "Ex", "ada"), person("Bo", "Ex", "bo")]))
    log.write_text("date,name,channel\n2026-11-01,Ada Ex,coffee\n")
    cli("analyze", path, "-i", log, "--as-of", "2026-11-10")
    path.write_text(
        csv_text(CONNECTIONS_2023, [person("Ada", "Ex", "ada"), person("Bo", "Ex", "bo"), person("Cy", "New", "cy")])
    )
    log.write_text("date,name,channel\n2026-11-01,Ada Ex,coffee\n2026-11-12,Bo Ex,call\n")
    shutil.copytree(tmp_path / "state", tmp_path / "copy")
    report = json.loads(cli("analyze", path, "-i", log, "--as-of", "2026-11-15", "-f", "json").stdout)
    changes = report["changes"]
    assert changes["previous_as_of"] == "2026-11-10"
    assert changes["became_two_way"] == ["Bo Ex"]
    assert (changes["new_connections"], changes["new_connection_names"]) == (1, ["Cy New"])
    moved = {m["metric"]: (m["before"], m["after"]) for m in changes["metrics"]}
    assert moved["two_way"] == (1, 2) and moved["size"] == (2, 3)
    table = cli("analyze", path, "-i", log, "--as-of", "2026-11-15", "--state-dir", tmp_path / "copy").stdout
    assert "Since the run as of 2026-11-10: size 2 → 3; two_way 1 → 2" in table
    assert "Became two-way: Bo Ex." in table


def test_changes_compare_runs_of_the_same_export(cli: Any, tmp_path: Path) -> None:
    other = tmp_path / "Connections.csv"
    other.write_text(csv_text(CONNECTIONS_2023, [person("Ada", "Ex", "ada")]))
    cli("analyze", EXPORT, "--as-of", "2026-11-01")
    cli("analyze", other, "--as-of", "2026-11-02")
    report = json.loads(cli("analyze", EXPORT, "--as-of", "2026-11-03", "-f", "json").stdout)
    assert report["changes"]["previous_as_of"] == "2026-11-01"
    assert report["changes"]["new_connections"] == 0


def test_two_concurrent_runs_both_land(tmp_path: Path) -> None:
    env = dict(os.environ, NETAUDIT_HOME=str(tmp_path / "state"))
    env.pop("CI", None)
    command = [sys.executable, "-m", "netaudit", "analyze", str(EXPORT), "-i", str(LOG), "-f", "json", "-o", os.devnull]
    runs = [subprocess.Popen([*command, "--as-of", f"2026-11-2{i}"], env=env, stderr=subprocess.PIPE) for i in range(2)]
    errors = [process.communicate(timeout=120)[1].decode() for process in runs]
    assert [p.returncode for p in runs] == [0, 0], errors
    assert sorted(str(r.as_of) for r in History(tmp_path / "state").runs()) == ["2026-11-20", "2026-11-21"]


def test_a_damaged_history_is_reported_not_reset(cli: Any, tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir()
    database = state / "history.sqlite3"
    database.write_bytes(b"this is not a database, it is a shopping list" * 100)
    before = database.read_bytes()
    result = cli("analyze", EXPORT)
    assert result.exit_code == 2
    assert "history" in result.stderr and "damaged" in result.stderr
    assert "hint: move it aside" in result.stderr
    assert database.read_bytes() == before


def test_snooze_and_ignore_hold_across_runs(cli: Any) -> None:
    def names(*extra: str) -> list[str]:
        out = cli("followups", EXPORT, "-i", LOG, "--as-of", "2026-11-20", "--all", "-f", "json", *extra)
        return [f["profile_url"] for f in json.loads(out.stdout)["followups"]]

    first, second = names()[:2]
    snoozed = cli("followups", EXPORT, "--snooze", first, "--days", "10", "--as-of", "2026-11-20")
    assert snoozed.exit_code == 0 and "snoozed" in snoozed.stderr
    assert cli("followups", EXPORT, "--ignore", second).exit_code == 0
    now = names()
    assert first not in now and second not in now
    later = cli("followups", EXPORT, "-i", LOG, "--as-of", "2026-12-01", "--all", "-f", "json")
    urls = [f["profile_url"] for f in json.loads(later.stdout)["followups"]]
    assert second not in urls  # ignored for good; the snooze has run out by then
    checked = cli("check", EXPORT, "-i", LOG, "--as-of", "2026-11-20", "--max-unanswered", "1000", "-f", "json")
    unanswered = json.loads(checked.stdout)["check"]["checks"][0]["actual"]
    shown = cli("followups", EXPORT, "-i", LOG, "--as-of", "2026-11-20", "--all", "-r", "unanswered", "-f", "json")
    assert unanswered == len(json.loads(shown.stdout)["followups"])  # check counts what followups shows


def test_snooze_needs_a_known_unique_person(cli: Any) -> None:
    unknown = cli("followups", EXPORT, "--snooze", "Nobody Atall")
    assert unknown.exit_code == 2 and "none of your connections" in unknown.stderr


@pytest.mark.parametrize("command", [("followups", "--top", "3"), ("log", "Ada Ex", "-c", "coffee")])
def test_without_any_export_the_error_shows_what_to_run(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli(*command)
    assert result.exit_code == 2


def _rewrite_classes(state: Path, blob: bytes) -> None:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(state / "history.sqlite3")) as db, db:  # closing: Python 3.13 warns otherwise
        db.execute("UPDATE runs SET classes = ? WHERE id = (SELECT max(id) FROM runs)", (blob,))


@pytest.mark.parametrize("layout", ["arrow", "json-lists", "json-dict"])
def test_runs_recorded_by_every_earlier_version_still_compare(cli: Any, tmp_path: Path, layout: str) -> None:
    """Per-person classes were stored as zlib JSON, first {key: [class, name]}, then three lists."""
    import zlib

    path, log = tmp_path / "Connections.csv", tmp_path / "log.csv"
    people = [person("Ada", "Ex", "ada"), person("Bo", "Ex", "bo"), person("Di", "Ex", "di")]
    path.write_text(csv_text(CONNECTIONS_2023, people))
    log.write_text("date,name,channel\n2026-11-01,Ada Ex,coffee\n2025-01-01,Di Ex,coffee\n2026-11-02,Di Ex,coffee\n")
    cli("analyze", path, "-i", log, "--as-of", "2026-11-10")
    before = History(tmp_path / "state").classes(1).table
    assert before.column_names == ["key", "class", "name"] and before.num_rows == 3
    keys, classes, names = (before[c].to_pylist() for c in ("key", "class", "name"))
    if layout == "json-lists":
        _rewrite_classes(tmp_path / "state", zlib.compress(json.dumps([keys, classes, names]).encode()))
    elif layout == "json-dict":
        data = {k: [c, n] for k, c, n in zip(keys, classes, names, strict=True)}
        _rewrite_classes(tmp_path / "state", zlib.compress(json.dumps(data).encode()))
    assert History(tmp_path / "state").classes(1).table.to_pylist() == before.to_pylist()
    path.write_text(csv_text(CONNECTIONS_2023, [*people, person("Cy", "New", "cy")]))
    log.write_text("date,name,channel\n2026-11-01,Ada Ex,coffee\n2026-11-12,Bo Ex,call\n2025-01-01,Di Ex,coffee\n")
    changes = json.loads(cli("analyze", path, "-i", log, "--as-of", "2027-01-15", "-f", "json").stdout)["changes"]
    assert changes["became_two_way"] == ["Bo Ex"]
    assert changes["fell_dormant"] == ["Di Ex"]  # two-way on 2026-11-10, nothing in the window on 2027-01-15
    assert (changes["new_connections"], changes["new_connection_names"]) == (1, ["Cy New"])


def test_a_damaged_run_record_is_reported(cli: Any, tmp_path: Path) -> None:
    assert cli("analyze", EXPORT, "--as-of", "2026-11-01").exit_code == 0
    _rewrite_classes(tmp_path / "state", b"\x78 not zlib at all")
    result = cli("analyze", EXPORT, "--as-of", "2026-11-02")
    assert result.exit_code == 2 and "damaged" in result.stderr and "move it aside" in result.stderr


def test_a_run_records_what_it_read_and_reads_no_file_again_for_it(cli: Any, tmp_path: Path) -> None:
    """The sources of a run are kind, path and rows; the content fingerprint earlier versions
    hashed from every file (and nothing read) is gone, and their rows still read."""
    import sqlite3
    from contextlib import closing

    assert cli("analyze", EXPORT, "--as-of", "2026-11-01").exit_code == 0
    with closing(sqlite3.connect(tmp_path / "state" / "history.sqlite3")) as db, db:
        (sources,) = db.execute("SELECT sources FROM runs").fetchone()
        assert json.loads(sources) and all(set(s) == {"kind", "path", "rows"} for s in json.loads(sources))
        old = [{**s, "fingerprint": "0" * 32} for s in json.loads(sources)]
        db.execute("UPDATE runs SET sources = ?", (json.dumps(old),))
    assert cli("analyze", EXPORT, "--as-of", "2026-11-02").exit_code == 0
    assert [r.as_of.isoformat() for r in History(tmp_path / "state").runs()] == ["2026-11-01", "2026-11-02"]


def test_classes_of_a_run_are_checked_when_made() -> None:
    import pyarrow as pa

    from netaudit.history import Classes

    good = pa.table({c: pa.array(["x"], pa.string()) for c in ("key", "class", "name")})
    assert Classes(good).table.num_rows == 1
    with pytest.raises(ValueError, match="string columns key, class, name"):
        Classes(good.rename_columns(["key", "class", "who"]))
    with pytest.raises(ValueError, match="string columns"):
        Classes(pa.table({"key": ["x"], "class": [1], "name": ["y"]}))


def test_a_run_waits_for_another_that_is_creating_the_history(tmp_path: Path) -> None:
    """Switching a new database to WAL does not wait on sqlite's busy timeout: a second run that
    started with the first failed at once ("in use by another netaudit run") on a loaded CI."""
    import sqlite3
    import threading

    tmp_path.joinpath(history.DATABASE).touch()
    other = sqlite3.connect(tmp_path / history.DATABASE, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # the first run, in the middle of creating it
    other.execute("CREATE TABLE first (x)")
    threading.Timer(0.5, lambda: (other.execute("COMMIT"), other.close())).start()
    History(tmp_path).snooze("p", "Pat Ex", date(2027, 1, 1))
    assert History(tmp_path).quieted() == [("p", "Pat Ex", date(2027, 1, 1))]
