"""Running netaudit as an ordinary user (`nobody`) from a test run as root: permission checks
do not hold for root, so a test about them drops privileges in a child process."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

NOBODY = 65534
#: The interpreter may live where nobody can read (/root/.pyenv): import all of netaudit and what
#: it imports lazily first, then drop privileges, then run the CLI in-process.
CHILD = """
import importlib, os, pkgutil, sys
import netaudit
for module in pkgutil.walk_packages(netaudit.__path__, "netaudit."):
    if not module.name.endswith("__main__"):  # importing it would run the CLI
        importlib.import_module(module.name)
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
    env = dict(os.environ, NETAUDIT_HOME=str(state), COLUMNS="100")
    env.pop("CI", None)
    return subprocess.run(
        [sys.executable, "-c", CHILD, *(str(a) for a in args)],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
