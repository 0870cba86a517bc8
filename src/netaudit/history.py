"""netaudit's local history (SQLite): runs with their metrics and sources, each person's class
per run, and the people the user snoozed or ignored.

Every write is one transaction; concurrent runs wait for each other (WAL, busy timeout) and
both land. A damaged database is reported with a way out, never silently replaced.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict
from urllib.parse import quote

from netaudit.errors import StateError
from netaudit.state_problems import READ_ONLY_OPEN, SQLITE_BUSY, SQLITE_LOCKED, code, damaged, diagnose

if TYPE_CHECKING:
    import pyarrow as pa

DATABASE = "history.sqlite3"
#: Seconds a run waits for another run's write to the history.
BUSY_TIMEOUT = 30
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    command TEXT NOT NULL,
    as_of TEXT NOT NULL,
    export TEXT NOT NULL,
    interactions TEXT NOT NULL,
    me TEXT,
    metrics TEXT NOT NULL,
    sources TEXT NOT NULL,
    classes BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS snoozed (person TEXT PRIMARY KEY, name TEXT NOT NULL, until TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ignored (person TEXT PRIMARY KEY, name TEXT NOT NULL);
"""


def state_dir(override: Path | None = None) -> Path:
    """`--state-dir`, else `$NETAUDIT_HOME`, else the user data directory."""
    if override is not None:
        return override
    if home := os.environ.get("NETAUDIT_HOME"):
        return Path(home)
    from platformdirs import user_data_path

    return user_data_path("netaudit", appauthor=False)


class Source(TypedDict):
    """A source a run read, as the `sources` column keeps it (JSON). Earlier runs also kept a
    `fingerprint` of each file, which nothing ever read; it is no longer computed (the rows
    that have it read as before)."""

    kind: str
    path: str
    rows: int


@dataclass(frozen=True)
class Classes:
    """Each person's relationship class in one run: an Arrow table of the string columns `key`
    (the person key), `class` (a RelationshipClass value) and `name`, one row per person key.
    Checked when made, so whatever compares two runs can trust its columns."""

    table: pa.Table

    def __post_init__(self) -> None:
        schema = self.table.schema
        if schema.names != list(CLASSES_COLUMNS) or any(str(t) != "string" for t in schema.types):
            raise ValueError(f"classes need the string columns {', '.join(CLASSES_COLUMNS)}, not {schema}")


CLASSES_COLUMNS = ("key", "class", "name")


@dataclass
class Run:
    id: int
    command: str
    as_of: date
    export: str
    interactions: list[str]
    me: list[str]  # the --me values of the run
    metrics: dict[str, float | None]


class History:
    def __init__(self, directory: Path) -> None:
        self.path = directory / DATABASE

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """A transaction on the history. Reads open it read-only (so `trend` works on a history
        the user may not write); a link is never followed (it may name another program's data)."""
        self._refuse_links()
        if not write and not self.path.exists():
            with closing(sqlite3.connect(":memory:")) as empty:  # nothing recorded yet: an empty history
                yield empty
            return
        try:
            if write:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = self._open(write)
        except (OSError, sqlite3.Error) as exc:
            raise diagnose(self.path, exc, write) from None
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StateError(
                    f"{self.path} was written by a newer netaudit", "upgrade netaudit, or point --state-dir elsewhere"
                )
            if write:
                _write_ahead(connection)
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            if write and version < SCHEMA_VERSION:
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            yield connection
            connection.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
            raise diagnose(self.path, exc, write) from None
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
            raise
        finally:
            connection.close()

    def _open(self, write: bool) -> sqlite3.Connection:
        if self.path.exists() and not self.path.is_file():
            raise StateError(
                f"netaudit's history {self.path} is not a file", "point --state-dir or NETAUDIT_HOME to another folder"
            )
        if write:
            return sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        uri = f"file:{quote(str(self.path.absolute()))}?mode=ro"
        connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            connection.execute("PRAGMA user_version").fetchone()
            return connection
        except sqlite3.Error as exc:
            connection.close()
            if not isinstance(exc, sqlite3.OperationalError) or code(exc) not in READ_ONLY_OPEN:
                raise
        # a WAL database in a folder we may not write (or on a full disk), where its shared-memory
        # file cannot be made: nobody can be writing it either, so read the file as it is
        return sqlite3.connect(uri + "&immutable=1", uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)

    def _refuse_links(self) -> None:
        for path in (self.path, *(self.path.with_name(self.path.name + s) for s in ("-wal", "-shm", "-journal"))):
            if path.is_symlink():
                raise StateError(
                    f"netaudit's history {path} is a symbolic link (to {path.readlink()}); "
                    "netaudit does not read or write through it",
                    "point --state-dir or NETAUDIT_HOME to a folder of netaudit's own, or remove the link",
                )

    def record(self, run: Run, sources: list[Source], classes: Classes) -> int:
        blob = _pack(classes.table)
        with self._connect(write=True) as db:
            cursor = db.execute(
                "INSERT INTO runs (command, as_of, export, interactions, me, metrics, sources, classes)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run.command,
                    run.as_of.isoformat(),
                    run.export,
                    json.dumps(run.interactions),
                    json.dumps(run.me) if run.me else None,
                    json.dumps(run.metrics),
                    json.dumps(sources),
                    blob,
                ),
            )
            return int(cursor.lastrowid or 0)

    def runs(self) -> list[Run]:
        with self._connect() as db:
            if not _has_runs(db):
                return []
            rows = db.execute(
                "SELECT id, command, as_of, export, interactions, me, metrics FROM runs ORDER BY id"
            ).fetchall()
        try:
            return [
                Run(i, c, date.fromisoformat(a), e, json.loads(ix), _me(me), json.loads(m))
                for i, c, a, e, ix, me, m in rows
            ]
        except (ValueError, TypeError) as exc:  # an unreadable date, metrics that are not JSON
            raise damaged(self.path, f"a run cannot be read: {type(exc).__name__}") from None

    def last(self, export: str | None = None) -> Run | None:
        """The latest run, or the latest that read `export`."""
        runs = [r for r in self.runs() if export is None or r.export == export]
        return runs[-1] if runs else None

    def classes(self, run_id: int) -> Classes:
        """The run's class of each person (none for an unknown run)."""
        with self._connect() as db:
            row = db.execute("SELECT classes FROM runs WHERE id = ?", (run_id,)).fetchone() if _has_runs(db) else None
        try:
            return Classes(_unpack(row[0] if row is not None else None))
        except (zlib.error, ValueError, TypeError, KeyError) as exc:  # pyarrow's errors are ValueErrors
            raise damaged(self.path, f"run {run_id}: {type(exc).__name__}") from None

    def snooze(self, person: str, name: str, until: date) -> None:
        with self._connect(write=True) as db:
            db.execute("INSERT OR REPLACE INTO snoozed VALUES (?, ?, ?)", (person, name, until.isoformat()))

    def ignore(self, person: str, name: str) -> None:
        with self._connect(write=True) as db:
            db.execute("INSERT OR REPLACE INTO ignored VALUES (?, ?)", (person, name))

    def quiet(self, as_of: date) -> set[str]:
        """People not to suggest on `as_of`: ignored, or snoozed until a later day."""
        with self._connect() as db:
            if not _has_runs(db):
                return set()
            snoozed = db.execute("SELECT person FROM snoozed WHERE until > ?", (as_of.isoformat(),)).fetchall()
            ignored = db.execute("SELECT person FROM ignored").fetchall()
        return {p for (p,) in [*snoozed, *ignored]}

    def quieted(self) -> list[tuple[str, str, date | None]]:
        """Every snooze (person, name, until) and ignore (until None) kept here: those made
        before the decisions file (`netaudit.loop`) took them over."""
        with self._connect() as db:
            if not _has_runs(db):
                return []
            snoozed = db.execute("SELECT person, name, until FROM snoozed ORDER BY person").fetchall()
            ignored = db.execute("SELECT person, name FROM ignored ORDER BY person").fetchall()
        try:
            return [(p, n, date.fromisoformat(u)) for p, n, u in snoozed] + [(p, n, None) for p, n in ignored]
        except (ValueError, TypeError) as exc:
            raise damaged(self.path, f"a snooze cannot be read: {type(exc).__name__}") from None


def _write_ahead(connection: sqlite3.Connection) -> None:
    """Put the history in WAL mode (once; the mode stays in the file). While another run is still
    creating the database, sqlite (3.40) answers "locked" at once instead of waiting its busy
    timeout, and the second of two runs started together failed; so wait here as long."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if code(exc) not in (SQLITE_BUSY, SQLITE_LOCKED) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _has_runs(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'runs'").fetchone() is not None


def _pack(classes: pa.Table) -> bytes:
    """An Arrow IPC stream, zstd-compressed: about 4 ms for 30,000 people, JSON took 25."""
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    with pa.ipc.new_stream(sink, classes.schema, options=options) as writer:
        writer.write_table(classes)
    data: bytes = sink.getvalue().to_pybytes()
    return data


def _unpack(blob: bytes | None) -> pa.Table:
    """Every layout ever written: the Arrow stream, and before it zlib-compressed JSON, first
    `{key: [class, name]}`, then `[keys, classes, names]`."""
    import pyarrow as pa

    if blob is None:
        keys: list[str] = []
        classes: list[str] = []
        names: list[str] = []
    elif blob[:1] == b"\x78":  # a zlib header: one of the JSON layouts
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
        if isinstance(data, dict):
            keys, classes, names = list(data), [v[0] for v in data.values()], [v[1] for v in data.values()]
        else:
            keys, classes, names = data
    else:
        table: pa.Table = pa.ipc.open_stream(blob).read_all()
        return table
    columns = {"key": keys, "class": classes, "name": names}
    return pa.table({column: pa.array(values, pa.string()) for column, values in columns.items()})


def _me(stored: str | None) -> list[str]:
    """The --me values of a run: a JSON list, or (written before `--me` took several) one value."""
    if not stored:
        return []
    if stored.startswith("["):
        with contextlib.suppress(ValueError):
            values = json.loads(stored)
            if isinstance(values, list) and all(isinstance(v, str) for v in values):
                return values
    return [stored]
