"""Appending one interaction to the user's log: in the log's own format, atomic, locked, never
rewriting a row, and never writing a row that reads back as skipped or as someone else.

The format is the existing file's: JSON Lines, or CSV in its encoding (UTF-8 with or without a
BOM, Windows-1252, UTF-16), its delimiter, its line ending, its columns in their order. Before the
row is written it is read back with the reader `analyze` uses; if it would not come back as the
same interaction with the same person, nothing is written and the reason is given. A file that
is not an interaction log is never appended to (a config file in an untrusted folder could name
any file), and a new log is only created with a log's suffix.
"""

from __future__ import annotations

import codecs
import csv
import fcntl
import io
import json
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from netaudit.errors import InputError
from netaudit.evidence import CHANNELS, DIRECTIONS, MUTUAL_BY_DEFAULT, Direction, Evidence
from netaudit.ingest.log import COLUMNS, LogEntry, looks_like_jsonl, read_log_csv, read_log_jsonl
from netaudit.ingest.sources import classify
from netaudit.ingest.table import HEAD_BYTES, DataFile, norm_column, read_table
from netaudit.ledger import SourceKind

JSONL_SUFFIXES = (".json", ".jsonl", ".ndjson")
NEW_LOG_SUFFIXES = (".csv", ".tsv", ".txt", *JSONL_SUFFIXES)
CHUNK = 1 << 20


@dataclass(frozen=True)
class Layout:
    """How the log is written, so that a new row is written the same way."""

    jsonl: bool
    encoding: str = "utf-8"  # of the new bytes
    delimiter: str = ","
    newline: str = "\n"
    columns: tuple[str, ...] = tuple(COLUMNS)  # the header's cells, as written
    header: bool = False  # the file is empty: write the header first
    bom: bytes = b""  # what a UTF-16 file starts with (so that a sample of it reads the same)


def append(path: Path, entry: LogEntry, optional: Collection[str] = (), origin: str = "--file") -> None:
    """Add `entry` as the last row of the log at `path`. Fields in `optional` (say, a profile URL
    where the name alone is unambiguous) may be left out when the log has no column for them.

    Under an exclusive lock, the row goes out in one write; if that write fails or stops short
    (a full disk, a signal), the file is cut back to its old length, so no partial row stays.
    """
    if path.exists() and not path.is_file():
        raise InputError(
            f"{path} is not a regular file, so not an interaction log; netaudit appends only to one",
            f"check where the log comes from ({origin}), or pass --file with your log",
        )
    if path.exists() and not path.stat().st_mode & 0o222:  # refused even where root could write it
        raise InputError(
            f"{path}: the interaction log is read-only; netaudit does not append to it",
            "make it writable first (chmod u+w), or pass --file with another log",
        )
    if not path.exists() and path.suffix.casefold() not in NEW_LOG_SUFFIXES:
        raise InputError(
            f"{path}: no such interaction log, and netaudit creates one only as .csv or .jsonl",
            f"name a .csv or .jsonl file (the log comes from {origin})",
        )
    locked_append(path, lambda fd, size: _row(fd, size, path, _layout(fd, size, path, origin), entry, optional))


def locked_append(path: Path, build: Callable[[int, int], bytes], what: str = "the interaction log") -> None:
    """The one way netaudit appends a row (the log, and its decisions file): under an exclusive
    lock, `build(fd, size)` makes the bytes from the file as it is now, and they go out in one
    write; if that write fails or stops short (a full disk, a signal), the file is cut back to
    its old length, so no partial row stays and two writers never interleave."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError as exc:
        raise InputError(f"{path}: cannot open {what} ({exc.strerror})", "check the path and its permissions") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        size = os.fstat(fd).st_size
        data = build(fd, size)
        try:
            if os.write(fd, data) != len(data):
                raise OSError("short write")
            os.fsync(fd)
        except BaseException:
            os.ftruncate(fd, size)
            raise
    except OSError as exc:
        raise InputError(
            f"{path}: the row could not be written ({exc})", "free some disk space and run it again"
        ) from None
    finally:
        os.close(fd)


def _layout(fd: int, size: int, path: Path, origin: str) -> Layout:
    head = os.pread(fd, HEAD_BYTES, 0)
    bom = b"\xff\xfe" if head.startswith(b"\xff\xfe") else b"\xfe\xff" if head.startswith(b"\xfe\xff") else b""
    utf16 = "utf-16-be" if bom == b"\xfe\xff" else "utf-16-le" if bom or _looks_utf16(head) else None
    blank = not (head.decode(utf16, errors="replace") if utf16 else head.decode("utf-8", errors="replace")).strip(
        "\ufeff\r\n\t "
    )
    if blank:  # a new or empty file: the format its name asks for
        if path.suffix.casefold() in JSONL_SUFFIXES:
            return Layout(jsonl=True)
        delimiter = "\t" if path.suffix.casefold() == ".tsv" else ","
        return Layout(jsonl=False, encoding=utf16 or "utf-8", delimiter=delimiter, header=True, bom=bom)
    sample = DataFile(str(path), data=head)
    if looks_like_jsonl(sample):
        if not _jsonl_log(head):
            raise _not_a_log(path, origin)
        return Layout(jsonl=True, newline="\r\n" if head.partition(b"\n")[0].endswith(b"\r") else "\n")
    try:
        found = classify(sample)
    except InputError:  # binary, say
        found = None
    if found is None or found[0] != SourceKind.INTERACTION_LOG:
        raise _not_a_log(path, origin)
    header = found[1]
    text = header.text if header.text is not None else head
    first = text[header.offset :].split(b"\n", 1)[0]
    encoding = utf16 or ("cp1252" if header.text is not None else "utf-8")
    return Layout(
        jsonl=False,
        encoding=encoding,
        delimiter=header.delimiter,
        newline="\r\n" if first.endswith(b"\r") else "\n",
        columns=tuple(header.columns),
        bom=bom,
    )


def _looks_utf16(head: bytes) -> bool:
    return len(head) >= 4 and head[1] == 0 and head[3] == 0 and head[0] != 0


def _jsonl_log(head: bytes) -> bool:
    """Some line among the first ones is an object with a date and a channel: an interaction."""
    for line in head.decode("utf-8", errors="replace").lstrip("\ufeff").split("\n")[:20]:
        try:
            data = json.loads(line)
        except ValueError:
            continue
        if isinstance(data, dict) and {"date", "channel"} <= data.keys():
            return True
    return False


def _not_a_log(path: Path, origin: str) -> InputError:
    return InputError(
        f"{path} is not an interaction log (no date and channel columns, nor JSON Lines with them); "
        "netaudit appends only to an interaction log",
        f"check where the log comes from ({origin}), or pass --file with your log",
    )


def _row(fd: int, size: int, path: Path, layout: Layout, entry: LogEntry, optional: Collection[str]) -> bytes:
    values = {k: v for k, v in entry.model_dump(mode="json").items() if v is not None}
    if layout.jsonl:
        text = json.dumps(values, ensure_ascii=False) + layout.newline
        _read_back(path, layout, b"", text.encode("utf-8"), values)
        return _lead(fd, size, layout) + text.encode("utf-8")
    known = {norm_column(c) for c in layout.columns}
    missing = [k for k in values if norm_column(k) not in known]
    implied = {"direction"} if entry.channel in MUTUAL_BY_DEFAULT and entry.direction is Direction.MUTUAL else set()
    lost = [k for k in missing if k not in {*optional, *implied}]
    if lost:
        raise InputError(
            f"{path}: the log has no {', '.join(lost)} column, so this interaction cannot be written faithfully",
            f"add {', '.join(lost)} to the log's header line, or leave that value out",
        )
    kept = {k: v for k, v in values.items() if k not in missing}
    by_column = {norm_column(k): v for k, v in kept.items()}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=layout.delimiter, lineterminator=layout.newline)
    if layout.header:
        writer.writerow(layout.columns)
    header = buffer.getvalue()
    writer.writerow([by_column.get(norm_column(c), "") for c in layout.columns])
    row = buffer.getvalue()[len(header) :]
    encoding = _encoding_for(fd, size, layout, row)
    try:
        encoded = row.encode(encoding)
        header_bytes = (header or _header_line(layout)).encode(encoding)
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{path}: the log is saved as Windows-1252, which cannot hold {exc.object[exc.start : exc.end]!r}",
            "save the log as UTF-8 (netaudit reads both), then log this again",
        ) from None
    if _ends_inside_quotes(fd, size, layout):
        raise InputError(
            f"{path}: the log's last row opens a quote it never closes; a new row would become part of it",
            "fix the last row of the log, then log this again",
        )
    _read_back(path, layout, header_bytes, encoded, kept)
    bom = layout.bom if layout.header and size == 0 else b""
    return bom + _lead(fd, size, layout) + (header.encode(encoding) if layout.header else b"") + encoded


def _header_line(layout: Layout) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=layout.delimiter, lineterminator=layout.newline).writerow(layout.columns)
    return buffer.getvalue()


def _encoding_for(fd: int, size: int, layout: Layout, row: str) -> str:
    """A file the reader takes for UTF-8 stays UTF-8 only if every byte of it is: one invalid
    byte anywhere makes it read the whole file as Windows-1252, and the new row must match."""
    if layout.encoding != "utf-8" or row.isascii() or not size:
        return layout.encoding
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for offset in range(0, size, CHUNK):
            decoder.decode(os.pread(fd, CHUNK, offset), final=offset + CHUNK >= size)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _ends_inside_quotes(fd: int, size: int, layout: Layout) -> bool:
    """An odd number of quote characters: the file ends inside a quoted value."""
    count = 0
    for offset in range(0, size, CHUNK):  # CHUNK is even: UTF-16 code units stay whole
        chunk = os.pread(fd, CHUNK, offset)
        if layout.encoding.startswith("utf-16"):  # a pair split between chunks is no quote either way
            count += chunk.decode(layout.encoding, errors="replace").count('"')
        else:  # no byte of a UTF-8 or Windows-1252 character but the quote itself is 0x22
            count += chunk.count(b'"')
    return count % 2 == 1


def _lead(fd: int, size: int, layout: Layout) -> bytes:
    """A newline first if the file does not end with one."""
    if size == 0 or layout.header:  # nothing, or a BOM and blank lines only
        return b""
    newline = "\n".encode(layout.encoding if not layout.jsonl else "utf-8")
    last = os.pread(fd, len(newline), size - len(newline))
    return b"" if last == newline else layout.newline.encode(layout.encoding if not layout.jsonl else "utf-8")


def _read_back(path: Path, layout: Layout, header: bytes, row: bytes, expected: dict[str, str]) -> None:
    """Read the row as `analyze` would; refuse it unless it is the same interaction."""
    evidence = Evidence()
    sample = DataFile(str(path), data=(layout.bom + header + row) if not layout.jsonl else row)
    if layout.jsonl:
        summary = read_log_jsonl(sample, evidence)
    else:
        found = classify(sample)
        if found is None or found[0] != SourceKind.INTERACTION_LOG:
            summary = None
        else:
            summary = read_log_csv(read_table(sample, found[1], COLUMNS), evidence)
    got = evidence.table().to_pylist()
    entry = LogEntry.model_validate(expected)
    assert entry.direction is not None
    want = {
        "name": entry.name or "",
        "url": entry.profile_url or "",
        "email": entry.email or "",
        "day": entry.date,
        "direction": DIRECTIONS.index(entry.direction),
        "channel": CHANNELS.index(entry.channel),
        "count": 1,
    }
    if summary is None or summary.skipped or got != [want]:
        why = summary.skips[0].reason if summary is not None and summary.skips else "it reads back differently"
        raise InputError(
            f"{path}: a row written in this log's format would not read back as this interaction ({why})",
            "check the log's header line (see `netaudit schema interactions`), or log to another file with --file",
        )
