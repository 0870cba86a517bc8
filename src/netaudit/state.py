"""netaudit's local state: where it lives, and the sources of the last `analyze`."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from netaudit.errors import StateError

LAST_RUN = "last-run.json"


def state_dir(override: Path | None = None) -> Path:
    """`--state-dir`, else `$NETAUDIT_HOME`, else the user data directory."""
    if override is not None:
        return override
    if home := os.environ.get("NETAUDIT_HOME"):
        return Path(home)
    from platformdirs import user_data_path

    return user_data_path("netaudit", appauthor=False)


@dataclass
class LastRun:
    path: str
    interactions: list[str] = field(default_factory=list)
    me: str | None = None


def remember(run: LastRun, directory: Path) -> None:
    """Atomically replace the record of the last run (a crash never leaves half a file)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".last-run-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(run), handle, indent=2)
        Path(tmp).replace(directory / LAST_RUN)
    except OSError as exc:
        raise StateError(
            f"cannot write netaudit's state in {directory} ({exc.strerror})",
            "set NETAUDIT_HOME or --state-dir to a writable folder",
        ) from None


def recall(directory: Path) -> LastRun | None:
    path = directory / LAST_RUN
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LastRun(
            path=str(data["path"]),
            interactions=[str(i) for i in data.get("interactions", [])],
            me=data.get("me"),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StateError(
            f"{path}: netaudit's record of the last run is unreadable ({exc})",
            f"delete {path} and run `netaudit analyze PATH` again",
        ) from None


def find_export(cwd: Path) -> Path | None:
    """A Connections.csv or an export zip in the working directory, newest first."""
    candidates = [
        p
        for p in cwd.iterdir()
        if p.is_file()
        and (
            p.name.casefold() == "connections.csv"
            or (p.suffix.casefold() == ".zip" and "linkedindataexport" in p.name.casefold().replace("_", ""))
        )
    ]
    return max(candidates, key=lambda p: (p.stat().st_mtime, p.name), default=None)
