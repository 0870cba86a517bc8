"""A cache of what each file said, so that `followups` and `check` after `analyze` (or a second
look at the same export) parse nothing that has not changed.

An entry is keyed by the file's path, size and modification time, what else its reading depends on
(for messages.csv: `--me`, Profile.csv and Connections.csv, which decide whose messages they are),
and the cache format; it holds the evidence rows or the people (Arrow IPC) and the file's row
ledger. It lives in netaudit's state folder beside the history and holds names
like it. Anything wrong with an entry (missing, unreadable, another format) means it is not used:
the file is read again, and a good entry replaces it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netaudit import __version__
from netaudit.ingest.table import DataFile

FORMAT = 1
#: Entries kept (an export has up to seven, a log one); the least recently used are deleted when a
#: new one is written. Only messages.csv's are large: this keeps those of the last six exports or so.
KEEP = 48


@dataclass
class Entry:
    evidence: Any  # pyarrow table with the EVIDENCE_COLUMNS
    meta: dict[str, Any]  # summary, owner, ignored reasons


class Cache:
    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    def key(self, file: DataFile, *context: str | None) -> str | None:
        """None when the file cannot be identified cheaply (not on disk, or gone)."""
        if self.directory is None:
            return None
        where = (
            file.path
            if file.path is not None
            else (Path(file.display.rsplit(".zip:", 1)[0] + ".zip") if ".zip:" in file.display else None)
        )
        if where is None:
            return None
        try:
            stat = where.stat()
        except OSError:
            return None
        parts = [
            str(FORMAT),
            __version__,
            str(where.resolve()),
            file.display,
            str(stat.st_size),
            str(stat.st_mtime_ns),
            *(c or "" for c in context),
        ]
        return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()

    def load(self, key: str | None) -> Entry | None:
        if key is None or self.directory is None:
            return None
        import pyarrow as pa

        base = self.directory / key
        try:
            meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
            with pa.memory_map(str(base.with_suffix(".arrow"))) as source:
                table = pa.ipc.open_file(source).read_all()
        except (OSError, ValueError, pa.ArrowException):
            return None
        if meta.get("format") != FORMAT:
            return None
        with contextlib.suppress(OSError):  # used now: pruning goes by last use, not by age
            os.utime(base.with_suffix(".json"))
        return Entry(table, meta)

    def save(self, key: str | None, entry: Entry) -> None:
        """Write both files whole (temp file, then rename); a cache that cannot be written is skipped."""
        if key is None or self.directory is None:
            return
        import pyarrow as pa

        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            base = self.directory / key
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            os.close(fd)
            with pa.OSFile(tmp, "wb") as sink, pa.ipc.new_file(sink, entry.evidence.schema) as writer:
                writer.write_table(entry.evidence)
            Path(tmp).replace(base.with_suffix(".arrow"))
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({**entry.meta, "format": FORMAT}, handle)
            Path(tmp).replace(base.with_suffix(".json"))
            self._prune()
        except (OSError, pa.ArrowException):
            return

    def _prune(self) -> None:
        """Keep the most recently used entries only: a weekly export would otherwise pile up."""
        assert self.directory is not None
        entries = sorted(self.directory.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[KEEP:]:
            for suffix in (".json", ".arrow"):
                old.with_suffix(suffix).unlink(missing_ok=True)
