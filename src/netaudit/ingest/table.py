"""One CSV reader for every file: finds the header under any preamble, survives Excel re-saves,
and reports each unreadable row with its line number.

pyarrow parses (on the calling thread, column-projected, quoted newlines allowed); Python's csv module
is used only on the small head of a file and, when a row must be located, to map records to lines.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from netaudit.errors import InputError
from netaudit.ingest.text import BOM, decode, drop_long_rows, encoding, to_utf8
from netaudit.ledger import SourceSummary

if TYPE_CHECKING:
    import _csv

    import pyarrow as pa
    import pyarrow.csv as pacsv

__all__ = ["DataFile", "Layout", "Table", "decode", "locate_header", "norm_column", "read_table"]

HEAD_BYTES = 64 * 1024
#: How far we look for a header that is wider than the head (a file of 100,000 columns).
MAX_HEADER_BYTES = 16 << 20
#: How many rows above the header we look through (LinkedIn's preamble is three lines).
MAX_PREAMBLE_ROWS = 20


def norm_column(name: str) -> str:
    """Header cells compared loosely: case, spaces and underscores do not matter."""
    return "".join(ch for ch in name.casefold() if ch not in " _\ufeff\"'")


@dataclass
class DataFile:
    """A file to read: on disk, in memory, or a member of an open zip archive."""

    display: str
    path: Path | None = None
    data: bytes | None = None
    member: tuple[zipfile.ZipFile, zipfile.ZipInfo] | None = None

    @property
    def name(self) -> str:
        return self.display.replace("\\", "/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        if self.member is not None:
            return self.member[1].file_size
        assert self.path is not None
        with _os_errors(self.display):
            return self.path.stat().st_size

    def head(self, size: int = HEAD_BYTES) -> bytes:
        if self.data is not None:
            return self.data[:size]
        if self.member is not None:
            archive, info = self.member
            with _zip_errors(self.display), archive.open(info) as handle:
                return handle.read(size)
        assert self.path is not None
        with _os_errors(self.display), self.path.open("rb") as handle:
            return handle.read(size)

    def read_all(self) -> bytes:
        if self.data is None:
            if self.member is not None:
                with _zip_errors(self.display):
                    self.data = _read_member(*self.member)
            else:
                assert self.path is not None
                with _os_errors(self.display):
                    return self.path.read_bytes()
        return self.data


@contextmanager
def _os_errors(display: str) -> Iterator[None]:
    """A file we may not open (permissions) or that vanished is the user's to fix, not a crash."""
    try:
        yield
    except OSError as exc:
        raise InputError(
            f"{display}: cannot be read ({exc.strerror or exc})",
            "check that the file exists and that you may read it (ls -l)",
        ) from None


@contextmanager
def _zip_errors(display: str) -> Iterator[None]:
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise InputError(
            f"{display}: cannot be unpacked ({exc})",
            "download the export from LinkedIn again, or unzip it and pass the folder",
        ) from None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The member's bytes. zipfile yields at most the size the archive declares (which
    `sources._zip_members` has checked against bombs) and then checks the CRC, so a member whose
    data are longer than declared fails as corrupt (`_zip_errors`) instead of being read whole."""
    with archive.open(info) as handle:
        return handle.read()


@dataclass
class Layout:
    """Where the header is and how the file is written."""

    columns: list[str]
    header_line: int
    offset: int
    delimiter: str
    text: bytes | None = None  # the file as UTF-8, when it was not UTF-8 already or had to be mended
    mended: list[tuple[int, str]] = field(default_factory=list)  # (line, why): read, but not as written
    dropped: list[tuple[int, str]] = field(default_factory=list)  # (line, why): rows left out of `text`

    def transcode(self, data: bytes) -> None:
        """The file turned out not to be all UTF-8 past its head: mend the lines that are not."""
        lines_before = data[: self.offset].count(b"\n")
        repaired = to_utf8(data)
        self.text, self.mended = repaired.text, repaired.lines
        self.offset = _line_offset(self.text, lines_before)

    def drop_long_rows(self, data: bytes) -> None:
        """A row too long to be real made pyarrow give up: leave it out, and read the rest."""
        body = drop_long_rows(data[self.offset :])
        self.text = data[: self.offset] + body.text
        self.dropped = [(self.header_line + line - 1, why) for line, why in body.lines]


def _line_offset(text: bytes, lines: int) -> int:
    """Where line `lines + 1` starts (past a BOM on the first line)."""
    at = 0
    for _ in range(lines):
        at = text.index(b"\n", at) + 1
    return at + (3 if at == 0 and text.startswith(BOM) else 0)


def _sniff_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def locate_header(file: DataFile, matches: Callable[[list[str]], bool]) -> Layout | None:
    """Find the first row, among the first few, that `matches` (given normalised cells)."""
    head = file.head()
    try:
        codec = encoding(head)
    except InputError as exc:
        raise InputError(f"{file.display}: {exc.message}", exc.hint) from None
    text: bytes | None = None
    mended: list[tuple[int, str]] = []
    if codec == "cp1252":
        repaired = to_utf8(file.read_all())
        text, mended = repaired.text, repaired.lines
    elif codec != "utf-8":
        text = decode(file.read_all(), codec).encode("utf-8")
    size = HEAD_BYTES
    while True:
        if text is not None:
            head = text[:size]
        layout = _find_header(head, matches, complete=len(head) < size)
        if isinstance(layout, Layout):
            layout.text, layout.mended = text, mended
            return layout
        if layout is None or size >= MAX_HEADER_BYTES:
            return None
        size *= 16  # a header wider than the head (100,000 columns): look further
        head = file.head(size) if text is None else head


def _find_header(head: bytes, matches: Callable[[list[str]], bool], complete: bool) -> Layout | bool | None:
    """The header's layout; None when none of the first rows matches; True when the head ends
    inside one of them (look at more of the file)."""
    bom = 3 if head.startswith(BOM) else 0
    lines = head[bom:].splitlines(keepends=True)
    offset = bom
    for number, raw in enumerate(lines[:MAX_PREAMBLE_ROWS], start=1):
        if not complete and number == len(lines) and not raw.endswith((b"\n", b"\r")):
            return True
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        delimiter = _sniff_delimiter(line)
        cells = next(csv.reader([line], delimiter=delimiter), [])
        if cells and matches([norm_column(c) for c in cells]):
            return Layout(_unique(cells), number, offset, delimiter)
        offset += len(raw)
    return None


def _unique(cells: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, cell in enumerate(cells):
        name = cell.strip().lstrip("\ufeff") or f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        out.append(name)
    return out


@dataclass
class Table:
    """Rows read below the header, as strings by column, and the rows that could not be read."""

    file: DataFile
    layout: Layout
    #: by normalised column name (`norm_column`), every row's cell as text: pyarrow string
    #: columns, dictionary-encoded where asked (`read_table`'s `dictionary`), possibly in chunks
    columns: dict[str, pa.ChunkedArray]
    num_rows: int
    bad_rows: list[tuple[int, str]] = field(default_factory=list)  # (line, why): not read
    mended: list[tuple[int, str]] = field(default_factory=list)  # (line, why): read, not as written

    def account(self, summary: SourceSummary) -> None:
        """The rows pyarrow could not read are skips; the lines that were mended, warnings."""
        for line, reason in self.bad_rows:
            summary.skip(line, reason)
        for line, reason in self.mended:
            summary.warn(line, reason)

    def has(self, name: str) -> bool:
        return norm_column(name) in self.columns

    def column(self, name: str) -> pa.ChunkedArray:
        return self.columns[norm_column(name)]

    def pylist(self, name: str) -> list[str]:
        if not self.has(name):
            return [""] * self.num_rows
        return [v or "" for v in self.column(name).to_pylist()]

    def lines_of(self, records: Iterable[int]) -> dict[int, int]:
        """File line numbers of the given record indices (a slow pass, only for rows we report)."""
        wanted = set(records)
        found: dict[int, int] = {}
        if not wanted:
            return found
        body = self._body()
        lines = self.num_rows + (1 if body.endswith(b"\n") else 0)  # the header's newline, less a last one
        if not self.bad_rows and body.count(b"\n") == lines and b"\r" not in body:
            # one line per row (no blank lines, no line breaks inside quotes): no need to parse
            return {r: self.layout.header_line + 1 + r for r in wanted}
        reader = _csv_reader(body, self.layout.delimiter)
        width = len(self.layout.columns)
        next(reader, None)
        record = 0
        start = reader.line_num + 1
        for row in reader:
            if row and len(row) == width:
                if record in wanted:
                    found[record] = self.layout.header_line + start - 1
                    if len(found) == len(wanted):
                        break
                record += 1
            start = reader.line_num + 1
        return found

    def _body(self) -> bytes:
        data = self.layout.text if self.layout.text is not None else self.file.read_all()
        return data[self.layout.offset :]


def _csv_reader(body: bytes, delimiter: str) -> _csv.Reader:
    """Python's csv module over a file's body, for finding lines; fields of any size (its default
    limit, 128 KiB, is below what pyarrow reads)."""
    csv.field_size_limit(1 << 30)
    return csv.reader(io.StringIO(body.decode("utf-8", errors="replace"), newline=""), delimiter=delimiter)


def _header_only(file: DataFile, layout: Layout) -> bool:
    """The header is the file's last line (with or without a newline after it)."""
    head = layout.text[:HEAD_BYTES] if layout.text is not None else file.head()
    if len(head) >= HEAD_BYTES:
        return False  # there is more than a header
    return not head[layout.offset :].partition(b"\n")[2].strip()


def read_table(file: DataFile, layout: Layout, wanted: Sequence[str], dictionary: Sequence[str] = ()) -> Table:
    """Parse the rows below the header, keeping only the `wanted` columns that exist;
    the `dictionary` ones come dictionary-encoded (for columns whose values repeat)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    present = {norm_column(c): c for c in layout.columns}
    include = [present[norm_column(w)] for w in wanted if norm_column(w) in present]
    include = list(dict.fromkeys(include))
    packed = {norm_column(d) for d in dictionary}
    encoded = pa.dictionary(pa.int32(), pa.string())
    if _header_only(file, layout):  # e.g. a messages.csv of someone who never wrote (pyarrow refuses it)
        empty = {norm_column(c): pa.array([], encoded if norm_column(c) in packed else pa.string()) for c in include}
        return Table(file, layout, empty, 0)
    bad: list[tuple[int, str]] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        bad.append((row.number, f"expected {row.expected_columns} fields, found {row.actual_columns}"))
        return "skip"

    def attempt() -> pa.Table:
        bad.clear()
        if layout.text is not None:
            source: pa.NativeFile = pa.BufferReader(layout.text[layout.offset :])
        elif file.path is not None:
            source = pa.OSFile(str(file.path))  # streamed: a memory map would hold the whole file
            source.seek(layout.offset)
        else:
            source = pa.BufferReader(file.read_all()[layout.offset :])
        return pacsv.read_csv(
            source,
            # One thread: pyarrow's threaded parse of a file with line breaks in quotes first finds
            # the rows in a serial pass; on two cores it took 75 % more CPU and was no faster
            # (messages.csv at the cap: 0.36 s and 0.69 CPU-s, against 0.32 s and 0.39 CPU-s).
            # Blocks of 2 MiB stay in the CPU's cache (8 MiB ones: 0.48 s).
            read_options=pacsv.ReadOptions(
                column_names=layout.columns, skip_rows=1, use_threads=False, block_size=2 << 20
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=layout.delimiter, newlines_in_values=True, invalid_row_handler=on_invalid
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={c: encoded if norm_column(c) in packed else pa.string() for c in layout.columns},
                include_columns=include,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    tried: set[str] = set()
    while True:
        try:
            arrow = attempt()
            break
        except pa.ArrowInvalid as exc:
            message = str(exc)
            data = layout.text if layout.text is not None else file.read_all()
            if "UTF8" in message and "utf8" not in tried:  # stray bytes of another encoding
                tried.add("utf8")
                layout.transcode(data)
            elif "straddling" in message and "long" not in tried:  # a row longer than a block
                tried.add("long")
                layout.drop_long_rows(data)
            else:
                raise InputError(
                    f"{file.display}: cannot be read as CSV ({message.splitlines()[0]})",
                    "check that the file is a CSV export and was not cut short",
                ) from None
    arrow = arrow.unify_dictionaries()
    columns = {norm_column(c): arrow.column(c).combine_chunks() for c in include}
    located = layout.dropped + _record_lines(layout, file, bad)
    return Table(file, layout, columns, arrow.num_rows, sorted(located), list(layout.mended))


def _record_lines(layout: Layout, file: DataFile, bad: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """pyarrow numbers the rows it rejects by record (the header is 1, blank lines do not count):
    the physical line where each starts, found by a pass of Python's csv module (only when a
    row was rejected, and only up to the last of them)."""
    if not bad:
        return []
    data = layout.text if layout.text is not None else file.read_all()
    wanted = {n for n, _ in bad}
    found: dict[int, int] = {}
    record, start = 0, 1
    reader = _csv_reader(data[layout.offset :], layout.delimiter)
    try:
        for row in reader:
            if row:
                record += 1
                if record in wanted:
                    found[record] = start
                    if len(found) == len(wanted):
                        break
            start = reader.line_num + 1
    except csv.Error:
        pass  # what was found so far is exact; the rest keep their record number
    return [(layout.header_line + found.get(n, n) - 1, reason) for n, reason in bad]
