"""The process: exit statuses as `sys.exit` gives them, both streams flushed before leaving, and
a closed or full stream changing neither; the tricks `start` applies."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from netaudit import process


def test_exit_status_is_what_sys_exit_gives() -> None:
    assert [process.exit_status(c) for c in (None, 0, 1, 2, 3, "a message")] == [0, 0, 1, 2, 3, 1]


def _python(code: str, shell_redirect: str = "") -> subprocess.CompletedProcess[str]:
    command = f"{sys.executable} -c '{code}' {shell_redirect}"
    return subprocess.run(command, shell=True, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("fast", [True, False])
def test_leave_flushes_both_streams_and_keeps_the_status(fast: bool) -> None:
    code = (
        "import sys; from netaudit import process; process.FAST_EXIT = "
        + str(fast)
        + '; sys.stdout.write("report"); sys.stderr.write("said"); process.leave(4)'
    )
    result = _python(code)
    assert (result.returncode, result.stdout, result.stderr) == (4, "report", "said")


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("redirect", [">/dev/full", ">&-", "2>&- >/dev/full"])
def test_a_closed_or_full_stream_changes_no_status(fast: bool, redirect: str, tmp_path: Path) -> None:
    if redirect.endswith("/dev/full") and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    script = tmp_path / "leave.py"
    script.write_text(
        "import contextlib, sys\n"
        "from netaudit import process\n"
        f"process.start(); process.FAST_EXIT = {fast}\n"
        "with contextlib.suppress(OSError):\n"
        "    sys.stdout and sys.stdout.write('x' * 10)\n"
        "process.leave(2)\n"
    )
    result = subprocess.run(f"{sys.executable} {script} {redirect}", shell=True, capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    assert "Exception ignored" not in result.stderr


def test_a_message_as_exit_code_is_said_on_stderr_and_exits_1() -> None:
    code = 'import sys; from netaudit import cli; cli.app = lambda: sys.exit("gone wrong"); cli.main()'
    result = _python(code)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "gone wrong\n")


def test_start_applies_every_trick() -> None:
    """No pandas, no cycle collector, pyarrow's allocator keeping its pages, one BLAS thread: the
    tricks that measurably pay, and only those (benchmarks/tricks.py measures each)."""
    code = (
        "import gc, os, sys; from netaudit import process; process.start()\n"
        "print(gc.isenabled(), type(sys.meta_path[0]).__name__, os.environ.get('OPENBLAS_NUM_THREADS'))\n"
        "import pandas"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env)
    assert result.stdout.split() == ["False", "_WithoutPandas", "1"]
    assert "the netaudit command does not use pandas" in result.stderr
    assert list(process.TRICKS) == ["no_pandas", "no_cycle_collector", "allocator_keeps_pages", "one_blas_thread"]
