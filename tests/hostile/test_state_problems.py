"""State problems are named truthfully: a read-only state folder or history, or a full disk, is
said to be that (never "damaged", whose way out would lose the history); `trend` reads a
read-only history; a really damaged history is damaged, never exit 3; a linked history is not
followed."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netaudit import logbook
from netaudit.errors import InputError
from netaudit.ingest.log import LogEntry
from tests.helpers import EXAMPLES
from tests.hostile.nobody import NOBODY, is_root, run_as_nobody, shared_folder, small_tmpfs

CONNECTIONS = EXAMPLES / "linkedin-export" / "Connections.csv"


def not_damaged(stderr: str) -> None:
    assert "damaged" not in stderr and "move it aside" not in stderr and "mv " not in stderr, stderr
    assert "internal error" not in stderr, stderr


@pytest.fixture
def recorded(cli: Any, tmp_path: Path) -> Path:
    """A state folder with one recorded run."""
    assert cli("analyze", CONNECTIONS, "--as-of", "2026-11-20").exit_code == 0
    return tmp_path / "state"


@pytest.mark.skipif(not is_root(), reason="needs root to drop privileges to nobody (root may write anything)")
@pytest.mark.parametrize("read_only", ["folder", "file"])
def test_a_read_only_history_is_named_so_and_trend_still_reads_it(read_only: str) -> None:
    with shared_folder() as folder:
        state = folder / "state"
        state.mkdir()
        export = folder / "Connections.csv"
        shutil.copy(CONNECTIONS, export)
        shutil.chown(state, NOBODY, NOBODY)
        assert run_as_nobody(["analyze", export, "--as-of", "2026-11-20"], state).returncode == 0
        history = state / "history.sqlite3"
        before = history.read_bytes()
        (state if read_only == "folder" else history).chmod(0o555 if read_only == "folder" else 0o444)
        for args in (["analyze", export], ["check", export, "--min-two-way", "1"]):
            done = run_as_nobody(args, state)
            assert done.returncode == 2, done.stderr
            assert "read-only" in done.stderr and "chmod u+w" in done.stderr and "--state-dir" in done.stderr
            not_damaged(done.stderr)
        trend = run_as_nobody(["trend", "-f", "json"], state)
        assert trend.returncode == 0, trend.stderr
        assert '"as_of": "2026-11-20"' in trend.stdout
        followups = run_as_nobody(["followups", "--top", "1"], state)  # reads the last run; writes nothing
        assert followups.returncode == 0, followups.stderr
        assert history.read_bytes() == before


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs, to be filled by the test (root only)."""
    with small_tmpfs(tmp_path / "small", "64k") as mount:
        yield mount


def fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"\0" * 1024):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def test_a_full_disk_under_the_history_is_named_so(cli: Any, recorded: Path, full_disk: Path) -> None:
    state = full_disk / "state"
    shutil.copytree(recorded, state, ignore=shutil.ignore_patterns("cache"))
    before = (state / "history.sqlite3").read_bytes()
    fill(full_disk)
    result = cli("analyze", CONNECTIONS, "--as-of", "2026-11-21", "--state-dir", state)
    assert result.exit_code == 2, result.stderr
    assert "no space left" in result.stderr and "free some disk space" in result.stderr
    not_damaged(result.stderr)
    assert (state / "history.sqlite3").read_bytes() == before
    leftovers = [p.name for p in (state / "cache").iterdir()] if (state / "cache").exists() else []
    assert not [n for n in leftovers if n.endswith(".tmp")], leftovers  # a cache it could not write leaves nothing
    trend = cli("trend", "--state-dir", state, "-f", "json")
    assert trend.exit_code == 0 and '"as_of": "2026-11-20"' in trend.stdout


def test_a_full_disk_under_the_output_is_named_so(cli: Any, tmp_path: Path, full_disk: Path) -> None:
    fill(full_disk)
    out = full_disk / "report.json"
    result = cli("analyze", CONNECTIONS, "-f", "json", "-o", out)
    assert result.exit_code == 2 and "no space left" in result.stderr
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]  # no partial report, no temp file


def test_a_full_disk_under_the_log_leaves_it_as_it_was(full_disk: Path) -> None:
    log = full_disk / "log.csv"
    logbook.append(log, LogEntry.model_validate({"date": "2026-02-02", "name": "Kept", "channel": "call"}))
    before = log.read_bytes()
    fill(full_disk)
    with pytest.raises(InputError, match="could not be written"):
        logbook.append(log, LogEntry.model_validate({"date": "2026-02-03", "name": "L" * 5000, "channel": "call"}))
    assert log.read_bytes() == before


def test_a_history_that_is_a_link_is_not_followed(cli: Any, tmp_path: Path) -> None:
    other = tmp_path / "other-app.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE accounts (id INTEGER, balance REAL)")
        db.execute("INSERT INTO accounts VALUES (1, 100.0)")
    db.close()
    before = other.read_bytes()
    state = tmp_path / "state"
    state.mkdir()
    (state / "history.sqlite3").symlink_to(other)
    for args in (("analyze", CONNECTIONS), ("trend",), ("check", CONNECTIONS, "--min-two-way", "1")):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert "symbolic link" in result.stderr and "hint:" in result.stderr
        not_damaged(result.stderr)
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("other-app")) == ["other-app.db"]


def test_a_linked_write_ahead_log_is_not_followed(cli: Any, recorded: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (recorded / "history.sqlite3-wal").symlink_to(victim)
    result = cli("analyze", CONNECTIONS)
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert victim.read_text() == "keep me"


def damage(state: Path, statement: str) -> None:
    with sqlite3.connect(state / "history.sqlite3") as db:
        db.execute(statement)
    db.close()


@pytest.mark.parametrize(
    ("statement", "commands"),
    [
        ("UPDATE runs SET as_of = 'last Tuesday'", ["trend", "analyze", "followups"]),
        ("UPDATE runs SET metrics = 'not json'", ["trend", "analyze"]),
        ("DROP TABLE snoozed", ["followups", "analyze-snooze"]),
        ("DROP TABLE runs", ["analyze"]),
        ("ALTER TABLE runs DROP COLUMN metrics", ["trend", "analyze"]),
    ],
    ids=["unreadable-date", "metrics-not-json", "missing-snoozed", "missing-runs", "missing-column"],
)
def test_a_really_damaged_history_is_damaged_with_the_way_out(
    cli: Any, recorded: Path, statement: str, commands: list[str]
) -> None:
    damage(recorded, statement)
    argv = {
        "trend": ["trend"],
        "analyze": ["analyze", CONNECTIONS],
        "followups": ["followups", "--as-of", "2026-11-20"],  # no path: the last run's export
        "analyze-snooze": ["followups", CONNECTIONS, "--snooze", "Lena Pretend"],
    }
    for command in commands:
        result = cli(*argv[command])
        assert result.exit_code == 2, (command, result.stderr)
        assert "damaged" in result.stderr and "move it aside" in result.stderr, result.stderr


def test_a_folder_where_the_history_should_be(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "state" / "history.sqlite3").mkdir(parents=True)
    result = cli("analyze", CONNECTIONS)
    assert result.exit_code == 2 and "not a file" in result.stderr
    not_damaged(result.stderr)


def test_the_same_log_named_twice_is_read_once(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = tmp_path / "export"
    shutil.copytree(EXAMPLES / "linkedin-export", export)
    log = tmp_path / "log.csv"
    log.write_bytes((EXAMPLES / "interactions.csv").read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "alias.csv").symlink_to(log)
    os.link(log, tmp_path / "hard.csv")
    monkeypatch.chdir(tmp_path)

    def report(*args: object) -> dict[str, Any]:
        result = cli("analyze", export, "--as-of", "2026-11-20", "-f", "json", *args)
        assert result.exit_code == 0, result.stderr
        data: dict[str, Any] = json.loads(result.stdout)
        return data

    once = report("-i", log)
    (tmp_path / "netaudit.toml").write_text('log = "log.csv"\n')
    for spellings in (["./sub/../log.csv"], ["log.csv", "./sub/../log.csv", "alias.csv", "hard.csv"]):
        flags = [part for spelling in spellings for part in ("-i", spelling)]
        twice = report(*flags)  # with the config's log, which is the same file
        assert twice["relationships"] == once["relationships"]
        assert twice["interactions"] == once["interactions"]
        assert [s["kind"] for s in twice["sources"]] == [s["kind"] for s in once["sources"]]
        assert sum("read once" in note for note in twice["notes"]) == len(spellings)
    with_messages = report("-i", export / "messages.csv")  # the export's own messages.csv again
    assert with_messages["relationships"] == report()["relationships"]
    assert any("read once" in note for note in with_messages["notes"])


def sqlite_error(code: int, message: str) -> sqlite3.Error:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("error", "says", "way_out"),
    [
        (sqlite_error(5, "database is locked"), "in use by another netaudit run", "wait"),
        (sqlite_error(13, "database or disk is full"), "no space left", "free some disk space"),
        (sqlite_error(26, "file is not a database"), "damaged", "move it aside"),
        (sqlite_error(11, "database disk image is malformed"), "damaged", "move it aside"),
        (sqlite_error(1, "no such table: runs"), "damaged", "move it aside"),
        (sqlite_error(15, "locking protocol"), "cannot use", "check the folder"),
        (OSError(28, "No space left on device"), "no space left", "free some disk space"),
        (FileExistsError(17, "File exists"), "is not a folder", "point --state-dir"),
    ],
)
def test_each_state_problem_has_its_own_name(tmp_path: Path, error: BaseException, says: str, way_out: str) -> None:
    from netaudit.state_problems import diagnose

    problem = diagnose(tmp_path / "history.sqlite3", error, write=True)
    assert says in problem.message and way_out in problem.hint
    if says != "damaged":
        assert "move it aside" not in problem.hint
