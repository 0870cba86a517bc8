"""A cache of what each file said, so that `followups` and `check` after `analyze` (or a second
look at the same export) parse nothing that has not changed.

An entry is keyed by the file's path, size, modification and change times, a hash of its first
and last 64 KiB (so an edit that kept the size and the modification time is still seen), what else
its reading depends on (for messages.csv: `--me`, Profile.csv and Connections.csv, which decide
whose messages they are), and the cache format; it holds the evidence rows or the people (Arrow
IPC) and the file's row ledger. It lives in netaudit's state folder beside the history and holds
names like it. Anything wrong with an entry (missing, unreadable, truncated, another shape) means it
is not used: the file is read again, and a good entry replaces it.

The folder may be shared with the user's own files (`--state-dir .`): netaudit's files are named
`netaudit-cache-<64 hex digits>.json|.arrow`, the JSON starts with `{"netaudit_cache": `, the Arrow
file with Arrow's magic bytes, and pruning deletes only files that pass all of that.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netaudit import __version__
from netaudit.ingest.table import DataFile

if TYPE_CHECKING:
    import pyarrow as pa

FORMAT = 2
MARK = "netaudit_cache"
PREFIX = "netaudit-cache-"
OURS = re.compile(r"netaudit-cache-[0-9a-f]{64}\.json")
ARROW_MAGIC = b"ARROW1"
#: The content check: this much of the head and of the tail of a file is hashed into its key
#: (about 0.1 ms a file; hashing all of a 200 MB messages.csv would cost more than parsing it).
EDGE = 64 * 1024
#: Entries kept (an export has up to seven, a log one); the least recently used are deleted when a
#: new one is written. Only messages.csv's are large: this keeps those of the last six exports or so.
KEEP = 48


@dataclass
class Entry:
    """What one file said: a table and its ledger, as JSON."""

    evidence: pa.Table  # `evidence.evidence_schema`, or the people (`roster.people_schema`) of Connections.csv
    meta: dict[str, Any]  # JSON: the file's summary, and the owner and ignored reasons, or the hidden and duplicates


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
            content = _edges(where, stat.st_size)
        except OSError:
            return None
        parts = [
            str(FORMAT),
            __version__,
            str(where.resolve()),
            file.display,
            str(stat.st_size),
            str(stat.st_mtime_ns),
            str(stat.st_ctime_ns),  # any write changes it, and no program can set it back
            str(stat.st_ino),
            content,
            *(c or "" for c in context),
        ]
        return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()

    def load(self, key: str | None, columns: tuple[str, ...], meta_keys: tuple[str, ...]) -> Entry | None:
        """The entry, if it has the `columns` and the `meta_keys` this version writes (the
        caller checks the values)."""
        if key is None or self.directory is None:
            return None
        import pyarrow as pa

        base = self.directory / (PREFIX + key)
        try:
            meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
            if not isinstance(meta, dict) or meta.get(MARK) != FORMAT or not set(meta_keys) <= meta.keys():
                return None
            with pa.memory_map(str(base.with_suffix(".arrow"))) as source:
                table = pa.ipc.open_file(source).read_all()
        except (OSError, ValueError, pa.ArrowException):
            return None
        if not set(columns) <= set(table.column_names):
            return None
        with contextlib.suppress(OSError):  # used now: pruning goes by last use, not by age
            os.utime(base.with_suffix(".json"))
        return Entry(table, meta)

    def save(self, key: str | None, entry: Entry) -> None:
        """Write both files whole (temp file, then rename); a cache that cannot be written is skipped."""
        if key is None or self.directory is None:
            return
        import pyarrow as pa

        tmp = ""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            base = self.directory / (PREFIX + key)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=PREFIX, suffix=".tmp")
            os.close(fd)
            with pa.OSFile(tmp, "wb") as sink, pa.ipc.new_file(sink, entry.evidence.schema) as writer:
                writer.write_table(entry.evidence)
            Path(tmp).replace(base.with_suffix(".arrow"))
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=PREFIX, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({MARK: FORMAT, **entry.meta}, handle)  # the mark first: pruning reads only that
            Path(tmp).replace(base.with_suffix(".json"))
            tmp = ""
            self._prune()
        except (OSError, pa.ArrowException):
            if tmp:  # a full disk: leave no half-written file behind
                with contextlib.suppress(OSError):
                    Path(tmp).unlink()
            return

    def _prune(self) -> None:
        """Keep the most recently used entries only: a weekly export would otherwise pile up.
        Only files netaudit provably wrote are considered, and deleted."""
        assert self.directory is not None
        entries: list[tuple[int, Path]] = []
        for path in self.directory.glob(PREFIX + "*.json"):
            with contextlib.suppress(OSError):  # another run may be pruning too
                if OURS.fullmatch(path.name) and _starts_with(path, b'{"' + MARK.encode() + b'": '):
                    entries.append((path.stat().st_mtime_ns, path))
        for _, old in sorted(entries, reverse=True)[KEEP:]:
            arrow = old.with_suffix(".arrow")
            with contextlib.suppress(OSError):
                old.unlink()
                if _starts_with(arrow, ARROW_MAGIC):
                    arrow.unlink()


def _starts_with(path: Path, magic: bytes) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(magic)) == magic


def _edges(path: Path, size: int) -> str:
    """A hash of the first and the last EDGE bytes of a file."""
    with path.open("rb") as handle:
        digest = hashlib.blake2b(handle.read(EDGE), digest_size=16)
        if size > EDGE:
            handle.seek(max(EDGE, size - EDGE))
            digest.update(handle.read(EDGE))
    return digest.hexdigest()
