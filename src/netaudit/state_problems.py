"""What went wrong with netaudit's state (the history), named truthfully: a read-only folder, a
full disk, another run's lock, or damage. Only damage gets the way out of damage (move the file
aside), because following that hint on a history that is merely read-only would lose it."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from netaudit.errors import StateError


def damaged(path: Path, why: str) -> StateError:
    return StateError(
        f"netaudit's history {path} is damaged ({why})",
        f"move it aside to keep it (mv '{path}' '{path}.broken'); the next run starts a new history",
    )


SQLITE_ERROR, SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 1, 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_SCHEMA, SQLITE_MISMATCH, SQLITE_FORMAT, SQLITE_RANGE, SQLITE_NOTADB = 17, 20, 24, 25, 26
READ_ONLY_OPEN = (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_IOERR)
#: What sqlite says of a file that is not (or no longer) a sound database: "no such table" is an
#: SQLITE_ERROR.
DAMAGE = {SQLITE_ERROR, SQLITE_CORRUPT, SQLITE_SCHEMA, SQLITE_MISMATCH, SQLITE_FORMAT, SQLITE_RANGE, SQLITE_NOTADB}


def code(exc: sqlite3.Error) -> int | None:
    """sqlite's primary result code (the extended one carries details in its high bits)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _full(folder: Path) -> bool:
    try:
        found = os.statvfs(folder)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < 1 << 20


def _read_only(path: Path) -> Path | None:
    """The history file or its folder, whichever this process may not write (None: neither)."""
    folder = next((p for p in (path.parent, *path.parent.parents) if p.exists()), path.parent)
    if path.exists() and not os.access(path, os.W_OK):
        return path
    if not os.access(folder, os.W_OK):
        return folder
    return None


def diagnose(path: Path, exc: BaseException, write: bool) -> StateError:
    """Name what went wrong truthfully: a read-only folder or a full disk is not damage, and
    moving the history aside (the way out of damage) would lose it."""
    if isinstance(exc, StateError):
        return exc
    folder = path.parent
    result = code(exc) if isinstance(exc, sqlite3.Error) else None
    number = exc.errno if isinstance(exc, OSError) else None
    if result == SQLITE_FULL or number in (errno.ENOSPC, errno.EDQUOT) or (result == SQLITE_IOERR and _full(folder)):
        return StateError(
            f"cannot write netaudit's history {path}: no space left on the disk",
            "free some disk space and run again; the history is unchanged",
        )
    denied = number in (errno.EACCES, errno.EPERM, errno.EROFS)
    if result in (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM) or denied:
        what = _read_only(path)
        if what:
            hint = f"make it writable (chmod u+w '{what}'), or point --state-dir or NETAUDIT_HOME elsewhere"
            return StateError(
                f"cannot {'record this run in' if write else 'read'} netaudit's history: {what} is read-only",
                hint + ("; `netaudit trend` still reads the history" if write else ""),
            )
    if number in (errno.ENOTDIR, errno.EEXIST):
        return StateError(
            f"cannot open netaudit's history {path}: {folder} is not a folder",
            "point --state-dir or NETAUDIT_HOME to a folder",
        )
    if result in (SQLITE_BUSY, SQLITE_LOCKED):
        return StateError(
            f"netaudit's history {path} is in use by another netaudit run",
            "wait for the other run to finish, then run again",
        )
    if result in DAMAGE:
        return damaged(path, str(exc))
    return StateError(
        f"cannot use netaudit's history {path} ({exc})",
        "check the folder and its permissions, or point --state-dir or NETAUDIT_HOME elsewhere",
    )
