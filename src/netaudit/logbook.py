"""Appending one interaction to the user's log: atomic, locked, and never rewriting a row."""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
from pathlib import Path

from netaudit.errors import InputError
from netaudit.ingest.log import COLUMNS, LogEntry


def append(path: Path, entry: LogEntry) -> None:
    """Add `entry` as the last row of the CSV (or JSON Lines) log at `path`.

    Under an exclusive lock, the row goes out in one write; if that write fails or stops short
    (a full disk, a signal), the file is cut back to its old length, so no partial row stays.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError as exc:
        raise InputError(
            f"{path}: cannot open the interaction log ({exc.strerror})", "check the path and its permissions"
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        size = os.fstat(fd).st_size
        data = _row(fd, size, path, entry)
        try:
            if os.write(fd, data) != len(data):
                raise OSError("short write")
            os.fsync(fd)
        except BaseException:
            os.ftruncate(fd, size)
            raise
    except OSError as exc:
        raise InputError(
            f"{path}: the interaction could not be written ({exc})", "free some disk space and run it again"
        ) from None
    finally:
        os.close(fd)


def _row(fd: int, size: int, path: Path, entry: LogEntry) -> bytes:
    values = entry.model_dump(mode="json")
    last = os.pread(fd, 1, size - 1) if size else b""
    lead = b"" if size == 0 or last == b"\n" else b"\n"  # the file may not end with a newline
    if path.suffix.casefold() in (".jsonl", ".ndjson") or (size and os.pread(fd, 1, 0) == b"{"):
        return (
            lead + (json.dumps({k: v for k, v in values.items() if v is not None}, ensure_ascii=False) + "\n").encode()
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if size == 0:
        writer.writerow(COLUMNS)
    writer.writerow(["" if values[c] is None else values[c] for c in COLUMNS])
    return lead + buffer.getvalue().encode("utf-8")
