"""Running netaudit as an ordinary user (`nobody`) from a test run as root: permission checks
do not hold for root, so a test about them drops privileges in a child process. Also the other
thing only root can set up: a small tmpfs, to fill up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

NOBODY = 65534
#: The interpreter may live where nobody can read (/root/.pyenv): import all of netaudit and what
#: it imports lazily first, then drop privileges, then run the CLI in-process.
CHILD = """
import importlib, os, pkgutil, sys, traceback
import netaudit
import typer
for package, prefix in ((netaudit, "netaudit."), (typer, "typer.")):
    for module in pkgutil.walk_packages(package.__path__, prefix):
        if not module.name.endswith("__main__"):  # importing it would run the CLI
            try:
                importlib.import_module(module.name)
            except Exception:  # a part for another platform (typer's Windows console), say
                pass
for name in ("pyarrow", "pyarrow.csv", "pyarrow.compute", "pyarrow.ipc", "pyarrow.json", "sqlite3", "json",
             "platformdirs", "rich.console", "rich.table", "rich.panel", "rich.text", "difflib", "zlib",
             "encodings.cp1252", "encodings.utf_16", "encodings.utf_8_sig", "pydantic", "typer.testing"):
    importlib.import_module(name)
from typer.testing import CliRunner
from netaudit.cli import app
os.setgroups([]); os.setgid(NOBODY); os.setuid(NOBODY)
result = CliRunner().invoke(app, sys.argv[1:])
sys.stdout.write(result.stdout)
sys.stderr.write(result.stderr)
if result.exc_info is not None and not isinstance(result.exception, SystemExit):
    traceback.print_exception(*result.exc_info)  # a test failing here says why
sys.exit(result.exit_code)
""".replace("NOBODY", str(NOBODY))


def is_root() -> bool:
    return os.geteuid() == 0


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A folder nobody can reach (pytest's tmp_path is private to root)."""
    with tempfile.TemporaryDirectory(prefix="netaudit-nobody-") as tmp:
        os.chmod(tmp, 0o755)
        yield Path(tmp)


def run_as_nobody(args: Sequence[object], state: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI run as nobody; the test is skipped when this interpreter's own files cannot be
    read by nobody (a virtual environment in a private folder) for a module imported late."""
    env = dict(os.environ, NETAUDIT_HOME=str(state), COLUMNS="100")
    env.pop("CI", None)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *(str(a) for a in args)],
        env=env,
        cwd=cwd or state.parent,  # not the checkout, which may sit in a folder only root may enter
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if "No module named" in done.stderr:  # a module imported late, in a folder only root may read
        pytest.skip(f"nobody cannot read this interpreter's modules under {sys.prefix}")
    return done


@contextmanager
def small_tmpfs(where: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` (`64k`) mounted at the new folder `where`, for a test to fill; the test
    is skipped where one cannot be mounted (not root, no mount command, a container that refuses)."""
    if not is_root() or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
