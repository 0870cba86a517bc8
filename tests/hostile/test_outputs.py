"""`--output` never hurts the user's files: devices, FIFOs and links are written through, a regular
file is replaced whole and keeps its mode, a read-only file is refused, and an input is refused
before anything is read."""

from __future__ import annotations

import os
import shutil
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import EXAMPLES
from tests.hostile.nobody import NOBODY, is_root, run_as_nobody, shared_folder

EXPORT = EXAMPLES / "linkedin-export"
CONNECTIONS = EXPORT / "Connections.csv"


def copy_export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(EXPORT, folder)
    return folder


def small(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_bytes(CONNECTIONS.read_bytes())
    return path


def private_device(tmp_path: Path, name: str, minor: int) -> Path:
    """A private /dev/null (1, 3) or /dev/full (1, 7): the machine's ones may be shared with other
    test runs, whose older netaudit may have replaced them."""
    shared = Path("/dev") / name
    if not is_root():
        if not (shared.exists() and stat.S_ISCHR(shared.stat().st_mode)):
            pytest.skip(f"{shared} is not a device here")
        return shared
    node = tmp_path / name
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    return node


@pytest.fixture
def null_device(tmp_path: Path) -> Path:
    return private_device(tmp_path, "null", 3)


@pytest.mark.parametrize(
    "command", [["analyze", "-f", "json"], ["followups", "-f", "csv"], ["check", "--min-two-way", "1"]]
)
def test_a_character_device_stays_a_device_even_for_root(
    cli: Any, tmp_path: Path, null_device: Path, command: list[str]
) -> None:
    """`-o /dev/null` (as root, like many CI jobs): opened and written, never replaced."""
    before = null_device.stat()
    result = cli(command[0], small(tmp_path), *command[1:], "-o", null_device)
    assert result.exit_code in (0, 1), result.stderr
    after = null_device.stat()
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not [p for p in null_device.parent.iterdir() if p.name.startswith(".netaudit-")]


def test_a_fifo_is_written_through(cli: Any, tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = cli("analyze", small(tmp_path), "-f", "json", "-o", fifo)
    reader.join(timeout=60)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].startswith(b"{")


def test_a_symlink_is_written_through_and_stays_a_link(cli: Any, tmp_path: Path) -> None:
    real = tmp_path / "reports" / "latest.md"
    real.parent.mkdir()
    real.write_text("old report")
    real.chmod(0o640)
    link = tmp_path / "report.md"
    link.symlink_to(real)
    result = cli("analyze", small(tmp_path), "-f", "markdown", "-o", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text().startswith("#")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_dangling_symlink_creates_what_it_names(cli: Any, tmp_path: Path) -> None:
    link = tmp_path / "report.json"
    link.symlink_to(tmp_path / "target.json")
    assert cli("analyze", small(tmp_path), "-f", "json", "-o", link).exit_code == 0
    assert link.is_symlink() and (tmp_path / "target.json").read_text().startswith("{")


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_a_regular_file_is_replaced_whole_and_keeps_its_mode(cli: Any, tmp_path: Path, mode: int) -> None:
    out = tmp_path / "private.json"
    out.write_text("old")
    out.chmod(mode)
    assert cli("analyze", small(tmp_path), "-f", "json", "-o", out).exit_code == 0
    assert out.read_text().startswith("{")
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp file left


def test_a_new_file_gets_the_umask_mode(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "new.json"
    umask = os.umask(0o027)
    try:
        assert cli("analyze", small(tmp_path), "-f", "json", "-o", out).exit_code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_a_hard_linked_report_is_rewritten_in_place(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old")
    other = tmp_path / "also-report.json"
    os.link(out, other)
    assert cli("analyze", small(tmp_path), "-f", "json", "-o", out).exit_code == 0
    assert os.path.samefile(out, other) and other.read_text().startswith("{")


def test_a_read_only_file_is_refused_not_replaced(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "keep.json"
    out.write_text("precious")
    out.chmod(0o444)
    result = cli("analyze", small(tmp_path), "-f", "json", "-o", out)
    assert result.exit_code == 2
    assert "read-only" in result.stderr and "hint:" in result.stderr
    assert out.read_text() == "precious" and stat.S_IMODE(out.stat().st_mode) == 0o444


@pytest.mark.skipif(not is_root(), reason="needs root to drop privileges to nobody")
def test_a_file_nobody_may_write_is_refused_for_a_normal_user() -> None:
    """A 0644 file owned by root, in a folder nobody may write: `>` would fail; so does netaudit."""
    with shared_folder() as folder:
        source = small(folder)
        out = folder / "roots.json"
        out.write_text("root's")
        out.chmod(0o644)
        state = folder / "state"
        state.mkdir()
        os.chown(state, NOBODY, NOBODY)
        done = run_as_nobody(["analyze", source, "-f", "json", "-o", out], state)
        assert done.returncode == 2, done.stderr
        assert "cannot write" in done.stderr and "hint:" in done.stderr
        assert out.read_text() == "root's"
        mine = folder / "mine.json"  # nobody's own file in root's folder: written in place, as `>` would
        mine.write_text("old")
        os.chown(mine, NOBODY, NOBODY)
        done = run_as_nobody(["analyze", source, "-f", "json", "-o", mine], state)
        assert done.returncode == 0, done.stderr
        assert mine.read_text().startswith("{") and mine.stat().st_uid == NOBODY


def test_a_folder_is_refused(cli: Any, tmp_path: Path) -> None:
    result = cli("analyze", small(tmp_path), "-o", tmp_path)
    assert result.exit_code == 2 and "folder" in result.stderr


@pytest.mark.parametrize("which", ["log", "connections", "export-member", "config", "history", "log-link"])
def test_output_naming_an_input_is_refused_before_reading(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    export = copy_export(tmp_path)
    log = tmp_path / "interactions.csv"
    log.write_bytes((EXAMPLES / "interactions.csv").read_bytes())
    config = tmp_path / "netaudit.toml"
    config.write_text('log = "interactions.csv"\n')
    monkeypatch.chdir(tmp_path)
    assert cli("analyze", export).exit_code == 0  # so that a history exists
    link = tmp_path / "alias.csv"
    link.symlink_to(log)
    targets = {
        "log": "./interactions.csv",  # another spelling of the log the config names
        "connections": str(export / ".." / "export" / "Connections.csv"),
        "export-member": str(export / "messages.csv"),
        "config": "netaudit.toml",
        "history": str(tmp_path / "state" / "history.sqlite3"),
        "log-link": str(link),
    }
    victim = Path(targets[which])
    before = victim.read_bytes()

    def no_read(*args: object) -> None:
        raise AssertionError("the inputs were read")

    monkeypatch.setattr("netaudit.pipeline.run", no_read)
    for command in (["analyze", export], ["followups", export], ["check", export, "--min-two-way", "1"]):
        result = cli(*command, "-o", targets[which])
        assert result.exit_code == 2, (command, result.stderr)
        assert "--output" in result.stderr and "hint:" in result.stderr
    assert victim.read_bytes() == before


def test_output_naming_the_export_zip_is_refused(cli: Any, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "Basic_LinkedInDataExport_01-31-2026.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(CONNECTIONS, "Connections.csv")
    before = archive.read_bytes()
    result = cli("analyze", archive, "-o", archive)
    assert result.exit_code == 2 and "which this run reads" in result.stderr
    assert archive.read_bytes() == before


def test_trend_refuses_to_write_over_the_history(cli: Any, tmp_path: Path) -> None:
    assert cli("analyze", small(tmp_path)).exit_code == 0
    history = tmp_path / "state" / "history.sqlite3"
    before = history.read_bytes()
    result = cli("trend", "-o", history)
    assert result.exit_code == 2 and "which this run reads" in result.stderr
    assert history.read_bytes() == before


def test_a_report_beside_the_history_is_fine_but_not_in_the_cache(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--state-dir .`: the working folder holds the history, and the user's own reports."""
    monkeypatch.chdir(tmp_path)
    source = small(tmp_path)
    (tmp_path / "report.md").write_text("last week's")
    assert cli("analyze", source, "--state-dir", ".", "-f", "markdown", "-o", "report.md").exit_code == 0
    assert (tmp_path / "report.md").read_text().startswith("#")
    entry = next((tmp_path / "cache").glob("*.json"))
    before = entry.read_bytes()
    result = cli("analyze", source, "--state-dir", ".", "-f", "json", "-o", entry)
    assert result.exit_code == 2 and "cache" in result.stderr
    assert entry.read_bytes() == before


def test_a_new_file_beside_the_export_is_fine(cli: Any, tmp_path: Path) -> None:
    export = copy_export(tmp_path)
    assert cli("analyze", export, "-f", "html", "-o", export / "report.html").exit_code == 0
    assert (export / "report.html").read_text().startswith("<!")


def test_output_onto_a_full_device_says_so(cli: Any, tmp_path: Path) -> None:
    full = private_device(tmp_path, "full", 7)
    result = cli("analyze", small(tmp_path), "-f", "json", "-o", full)
    assert result.exit_code == 2
    assert "no space left" in result.stderr and "hint:" in result.stderr
    assert stat.S_ISCHR(full.stat().st_mode)
