"""Real streams and descriptors, through a subprocess of the CLI: a closed stderr, a reader that
went away, a full disk on stdout, a closed stdout. Exit codes and files never depend on stderr."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from netaudit import __version__
from tests.helpers import EXAMPLES

EXPORT = EXAMPLES / "linkedin-export"
LOG = EXAMPLES / "interactions.csv"
NETAUDIT = [sys.executable, "-m", "netaudit"]
#: A full disk to write to: only the real device (a regular file of that name takes anything).
FULL = Path("/dev/full")
NO_FULL = pytest.mark.skipif(
    not (FULL.exists() and stat.S_ISCHR(FULL.stat().st_mode)), reason="/dev/full is not the device here"
)


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return env | {"NETAUDIT_HOME": str(tmp_path / "state"), "COLUMNS": "100"}


def _run(tmp_path: Path, *args: str | Path, redirect: str = "", **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """netaudit ARGS with a shell redirection such as `2>&-` (the way users close a stream)."""
    command = " ".join(f"'{a}'" for a in [*NETAUDIT, *map(str, args)]) + " " + redirect
    return subprocess.run(
        ["/bin/sh", "-c", command], capture_output=True, text=True, check=False, env=_env(tmp_path), **kwargs
    )


def _breach(*extra: str) -> list[str | Path]:
    return ["check", EXPORT, "-i", LOG, "--as-of", "2026-11-20", "--min-two-way", "5000", *extra]


def test_version_with_stderr_closed_exits_0(tmp_path: Path) -> None:
    done = _run(tmp_path, "--version", redirect="2>&-")
    assert (done.returncode, done.stdout) == (0, f"netaudit {__version__}\n")


def test_check_with_stderr_closed_still_exits_1_on_a_breach(tmp_path: Path) -> None:
    done = _run(tmp_path, *_breach(), redirect="2>&-")
    assert done.returncode == 1
    assert "BREACHED" in done.stdout


def test_analyze_output_with_stderr_closed_still_writes(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    done = _run(
        tmp_path, "analyze", EXPORT, "-i", LOG, "--as-of", "2026-11-20", "-f", "json", "-o", report, redirect="2>&-"
    )
    assert done.returncode == 0
    assert json.loads(report.read_text())["network"]["size"] == 1500


def test_a_closed_stderr_never_ends_up_in_the_report_file(tmp_path: Path, write: Any) -> None:
    """With fd 2 closed, the report file would take fd 2, and a warning (here: a skipped row)
    would be written into it. netaudit holds fd 2 on /dev/null first."""
    bad = write("Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                "Ada,Example,https://www.linkedin.com/in/ada,,,,08 Feb 2026\nBo,Sample,,,,,someday\n")  # fmt: skip
    report = tmp_path / "report.json"
    done = _run(tmp_path, "analyze", bad, "--as-of", "2026-11-20", "-f", "json", "-o", report, redirect="2>&-")
    assert done.returncode == 0
    text = report.read_text()
    assert "warning" not in text.replace('"warnings"', "")
    assert json.loads(text)["network"]["size"] == 2  # Bo's date is unreadable: read, with a warning


def test_stderr_whose_reader_is_gone(tmp_path: Path) -> None:
    """A pipe on stderr with nobody reading it: writes fail (EPIPE); the breach is still exit 1."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [*NETAUDIT, *map(str, _breach())], stdout=subprocess.PIPE, stderr=write, text=True, check=False,
            env=_env(tmp_path),
        )  # fmt: skip
    finally:
        os.close(write)
    assert done.returncode == 1 and "BREACHED" in done.stdout


@NO_FULL
@pytest.mark.parametrize(
    "args",
    [
        ("analyze", EXPORT, "-i", LOG, "--as-of", "2026-11-20"),
        ("analyze", EXPORT, "--as-of", "2026-11-20", "-f", "json"),
        ("schema", "report"),
    ],
)
def test_stdout_on_a_full_disk_is_an_input_error(tmp_path: Path, args: tuple[str | Path, ...]) -> None:
    done = _run(tmp_path, *args, redirect="> /dev/full")
    assert done.returncode == 2, done.stderr
    assert "error: cannot write the report: no space left" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


@NO_FULL
def test_help_on_a_full_disk_is_not_a_crash(tmp_path: Path) -> None:
    done = _run(tmp_path, "--help", redirect="> /dev/full")
    assert done.returncode == 2
    assert "cannot write to stdout: no space left on device" in done.stderr


def test_stdout_closed(tmp_path: Path) -> None:
    done = _run(tmp_path, "analyze", EXPORT, "--as-of", "2026-11-20", redirect=">&-")
    assert done.returncode == 2
    assert "error: cannot write the report: stdout is closed" in done.stderr


def test_stdin_closed_changes_nothing(tmp_path: Path) -> None:
    done = _run(tmp_path, "analyze", EXPORT, "--as-of", "2026-11-20", "-f", "json", redirect="<&-")
    assert done.returncode == 0 and json.loads(done.stdout)["network"]["size"] == 1500


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_is_not_utf8(tmp_path: Path, encoding: str) -> None:
    """Names a Latin-1 or ASCII stdout cannot hold are written as JSON's \\uXXXX: no crash, and
    the JSON still reads back as the same names."""
    env = _env(tmp_path) | {"PYTHONIOENCODING": encoding}
    args = ["followups", EXPORT, "-i", LOG, "--as-of", "2026-11-20", "--all"]
    utf8 = subprocess.run(
        [*NETAUDIT, *map(str, args), "-f", "json"], capture_output=True, check=False, env=_env(tmp_path)
    )
    done = subprocess.run([*NETAUDIT, *map(str, args), "-f", "json"], capture_output=True, check=False, env=env)
    assert done.returncode == 0, done.stderr
    names = [f["name"] for f in json.loads(done.stdout.decode(encoding))["followups"]]
    assert names == [f["name"] for f in json.loads(utf8.stdout)["followups"]]
    assert any(not n.isascii() for n in names)
    table = subprocess.run([*NETAUDIT, *map(str, args)], capture_output=True, check=False, env=env)
    assert table.returncode == 0 and b"\\u" in table.stdout
