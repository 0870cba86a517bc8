"""`netaudit generate` into an unusable path fails before it writes anything, and leaves no
partial export: a file in the way, a missing folder for the log, no permission, a full disk."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from netaudit import generate
from tests.hostile.nobody import small_tmpfs


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_a_file_in_the_way(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("mine")
    for target in (tmp_path / "file", tmp_path / "file" / "export"):
        result = cli("generate", target, "--connections", "20")
        assert result.exit_code == 2, result.stderr
        assert "internal error" not in result.stderr
    assert (tmp_path / "file").read_text() == "mine"
    assert "not a directory" in result.stderr and "nothing was written" in result.stderr


def test_a_log_in_a_missing_folder_writes_no_export(cli: Any, tmp_path: Path) -> None:
    before = _tree(tmp_path)
    result = cli(
        "generate", tmp_path / "new" / "deep" / "export", "--connections", "20", "--log", tmp_path / "no" / "log.csv"
    )
    assert result.exit_code == 2
    assert f"no such file or directory: {tmp_path / 'no'}" in result.stderr
    assert _tree(tmp_path) == before  # not even the parents it made


def test_an_existing_log_or_a_non_empty_folder_is_left_alone(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "log.csv").write_text("mine")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    assert cli("generate", tmp_path / "x", "--log", tmp_path / "log.csv").exit_code == 2
    assert cli("generate", tmp_path / "full").exit_code == 2
    assert _tree(tmp_path) == ["full", "full/keep.txt", "log.csv"]


def test_an_empty_folder_and_new_parents_are_fine(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert cli("generate", tmp_path / "empty", "--connections", "20").exit_code == 0
    assert (tmp_path / "empty" / "Connections.csv").is_file()
    result = cli("generate", tmp_path / "a" / "b", "--connections", "20", "--log", tmp_path / "log.csv")
    assert result.exit_code == 0
    assert (tmp_path / "a" / "b" / "messages.csv").is_file() and (tmp_path / "log.csv").is_file()
    assert not (tmp_path / "a" / "b" / "interactions.csv").exists()
    assert not [p for p in tmp_path.rglob(".netaudit-*")]


@pytest.mark.skipif(os.geteuid() != 0, reason="dropping privileges needs root")
def test_a_folder_the_user_cannot_write(tmp_path: Path) -> None:
    """As `nobody` (root may write anywhere), in a folder owned by root."""
    shut = tmp_path / "shut"
    shut.mkdir(mode=0o755)
    tmp_path.chmod(0o755)
    pid = os.fork()
    if pid == 0:  # the child: drop to nobody, try, report by exit code only
        code = 1
        try:
            os.setgid(65534)
            os.setuid(65534)
            generate.write_export(shut / "export", connections=20)
            code = 0
        except PermissionError:
            code = 13
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 13
    assert _tree(shut) == []


def test_a_full_disk_leaves_no_partial_export(cli: Any, tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "small", "256k") as small:
        result = cli("generate", small / "export", "--connections", "1500")
        assert result.exit_code == 2, result.stderr
        assert "no space left on device" in result.stderr and "nothing was written" in result.stderr
        assert _tree(small) == []


@pytest.mark.parametrize("option", ["--messages", "--log-rows"])
def test_a_row_count_that_would_fill_the_disk_is_refused(cli: Any, tmp_path: Path, option: str) -> None:
    result = cli("generate", tmp_path / "export", option, "1000000000000")
    assert result.exit_code == 2 and "20000000" in result.stderr.replace(",", "")
    assert _tree(tmp_path) == []
