"""netaudit's own interaction log (CSV or JSON Lines): one validated model per row."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from netaudit.evidence import (
    CHANNELS,
    DIRECTIONS,
    EVIDENCE_COLUMNS,
    MUTUAL_BY_DEFAULT,
    Channel,
    Direction,
    Evidence,
    Touch,
)
from netaudit.ingest.dates import LINKEDIN_FOUNDED, suspicious
from netaudit.ingest.table import DataFile, Table
from netaudit.ledger import SourceKind, SourceSummary

if TYPE_CHECKING:
    import pyarrow as pa

DIRECTION_ALIASES = {
    "out": "out",
    "outbound": "out",
    "outgoing": "out",
    "sent": "out",
    "given": "out",
    "in": "in",
    "inbound": "in",
    "incoming": "in",
    "received": "in",
    "mutual": "mutual",
    "both": "mutual",
}
COLUMNS = ["date", "name", "profile_url", "email", "channel", "direction", "note"]


def _direction(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().casefold()
        return DIRECTION_ALIASES.get(text, text) or None
    return value


def _channel(value: Any) -> Any:
    return value.strip().casefold() if isinstance(value, str) else value


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _utc_date(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if len(value) > 10:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.tzinfo is not None:
                try:
                    moment = moment.astimezone(dt.UTC)
                except OverflowError:  # 0001-01-01T00:30+01:00: its UTC day is before year 1
                    raise ValueError("the date in UTC is out of range") from None
            return moment.date()
        return dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return value.date()
    return value


Text = Annotated[str | None, BeforeValidator(_blank_to_none)]


class LogEntry(BaseModel):
    """One interaction you had with someone, written by you."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    date: Annotated[dt.date, BeforeValidator(_utc_date)] = Field(
        description="ISO date (2026-03-01) or datetime; datetimes with a zone become UTC dates"
    )
    name: Text = Field(None, description="full name as on LinkedIn")
    profile_url: Text = Field(None, description="https://www.linkedin.com/in/<slug>")
    email: Text = None
    channel: Annotated[Channel, BeforeValidator(_channel)]
    direction: Annotated[Direction | None, BeforeValidator(_direction)] = Field(
        None,
        description="out, in or mutual (also outbound/inbound/sent/received/both); "
        "call, video, meeting, coffee, meal and event default to mutual",
    )
    note: Text = None

    @model_validator(mode="after")
    def _complete(self) -> LogEntry:
        if not (self.name or self.profile_url or self.email):
            raise ValueError("needs a name, profile_url or email")
        if suspicious(self.date):
            raise ValueError(f"suspicious date {self.date.isoformat()} (before LinkedIn existed)")
        if self.direction is None:
            if self.channel not in MUTUAL_BY_DEFAULT:
                raise ValueError(f"channel {self.channel.value} needs a direction (out, in or mutual)")
            self.direction = Direction.MUTUAL
        return self


def _reason(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _add(entry: LogEntry, evidence: Evidence) -> None:
    assert entry.direction is not None
    identity = (entry.name or "", entry.profile_url or "", entry.email or "")
    evidence.add(identity, Touch(entry.date, entry.direction, entry.channel))


def read_log_csv(table: Table, evidence: Evidence) -> SourceSummary:
    summary = SourceSummary(kind=SourceKind.INTERACTION_LOG, path=table.file.display)
    table.account(summary)
    columns = {c: table.column(c) for c in COLUMNS if table.has(c)}
    plain, batch = _plain_rows(columns, table.num_rows)
    evidence.add_batch(batch)
    summary.use(batch.num_rows)
    problems: dict[int, str] = {}
    for i in np.flatnonzero(~plain).tolist():
        row = {c: values[i].as_py() or "" for c, values in columns.items()}
        try:
            _add(LogEntry.model_validate(row), evidence)
            summary.use()
        except ValidationError as exc:
            problems[i] = _reason(exc)
    lines = table.lines_of(problems)
    for record, reason in sorted(problems.items()):
        summary.skip(lines.get(record, 0), reason)
    summary.skips.sort(key=lambda s: s.line)
    return summary


def _plain_rows(
    columns: dict[str, pa.Array | pa.ChunkedArray], num_rows: int
) -> tuple[npt.NDArray[np.bool_], pa.Table]:
    """Rows in the plain, common form (ISO date, known channel and direction, someone named),
    read in bulk from string columns (by `COLUMNS` name; a missing one is empty). Every other row
    goes through `LogEntry`, which also says what is wrong; a test checks that both ways read a
    row the same."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def text(name: str) -> pa.StringArray:
        values = columns[name] if name in columns else pa.nulls(num_rows, pa.string()).fill_null("")
        return pc.utf8_trim_whitespace(values)

    when = text("date")
    day = pc.if_else(
        pc.match_substring_regex(when, r"^(?:[1-9]\d{3}|0[1-9]\d\d|00[1-9]\d|000[1-9])-\d{2}-\d{2}$"),  # not year 0
        pc.cast(pc.strptime(when, format="%Y-%m-%d", unit="s", error_is_null=True), pa.date32()),
        pa.scalar(None, pa.date32()),
    )
    channel = pc.index_in(pc.utf8_lower(text("channel")), value_set=pa.array([c.value for c in CHANNELS]))
    channel_codes = channel.fill_null(-1).to_numpy(zero_copy_only=False)
    said = pc.dictionary_encode(pc.utf8_lower(text("direction")))
    meaning = [DIRECTION_ALIASES.get(v, "?") if v else "" for v in said.dictionary.to_pylist()]
    codes = np.array(
        [DIRECTIONS.index(Direction(m)) if m not in ("", "?") else -1 if m == "" else -2 for m in meaning], np.int8
    )
    direction = codes[said.indices.to_numpy(zero_copy_only=False)] if len(codes) else np.zeros(0, np.int8)
    mutual = np.array([c in MUTUAL_BY_DEFAULT for c in CHANNELS])[np.maximum(channel_codes, 0)]
    direction = np.where((direction == -1) & mutual, DIRECTIONS.index(Direction.MUTUAL), direction)
    name, url, email = text("name"), text("profile_url"), text("email")
    someone = pc.or_(pc.or_(pc.not_equal(name, ""), pc.not_equal(url, "")), pc.not_equal(email, ""))
    plain = (
        pc.greater_equal(day, pa.scalar(LINKEDIN_FOUNDED, pa.date32())).fill_null(False).to_numpy(zero_copy_only=False)
        & (channel_codes >= 0)
        & (direction >= 0)
        & someone.to_numpy(zero_copy_only=False)
    )
    keep = pa.array(plain)
    n = int(plain.sum())
    batch = pa.Table.from_arrays(
        [
            pc.filter(name, keep).dictionary_encode(),
            pc.filter(url, keep).dictionary_encode(),
            pc.filter(email, keep).dictionary_encode(),
            pc.filter(day, keep),
            pa.array(direction[plain].astype(np.int8)),
            pa.array(channel_codes[plain].astype(np.int8)),
            pa.array(np.ones(n, np.int32)),
        ],
        names=list(EVIDENCE_COLUMNS),
    )
    return plain, batch


def read_log_jsonl(file: DataFile, evidence: Evidence) -> SourceSummary:
    """A JSON Lines log, streamed in blocks of lines: a block of plain rows is parsed by pyarrow
    and read in bulk like the CSV log; a block with anything else (a blank line, a value that is
    not a string, a line that is not JSON) is read line by line. Memory stays that of a block
    (a 512 MiB log took 3.7 GiB and 64 s read whole; see benchmarks/jsonl_log.py)."""
    summary = SourceSummary(kind=SourceKind.INTERACTION_LOG, path=file.display)
    for first, block in _blocks(file):
        lines = block.count(b"\n") + 1
        table = _parse_block(block, lines)
        if table is None:
            _read_lines(summary, evidence, first, block.split(b"\n"))
            continue
        columns = {c: table.column(c).combine_chunks().fill_null("") for c in COLUMNS}
        plain, batch = _plain_rows(columns, table.num_rows)
        evidence.add_batch(batch)
        summary.use(batch.num_rows)
        if not plain.all():  # the rest one by one, as LogEntry reads them
            split = block.split(b"\n")
            for i in np.flatnonzero(~plain).tolist():
                _read_line(summary, evidence, first + i, split[i])
    summary.skips.sort(key=lambda s: s.line)
    return summary


#: A block of this many bytes (cut at a line end) is read at once.
BLOCK = 4 << 20


def _blocks(file: DataFile) -> Iterator[tuple[int, bytes]]:
    """Whole lines in blocks of about BLOCK bytes, each with the number of its first line."""
    with file.path.open("rb") if file.path is not None else io.BytesIO(file.read_all()) as handle:
        pending, line = handle.read(BLOCK).removeprefix(b"\xef\xbb\xbf"), 1
        while pending:
            more = handle.read(BLOCK)
            if not more:  # the last block: its last line may or may not end with a newline
                yield line, pending.removesuffix(b"\n")
                return
            pending += more
            cut = pending.rfind(b"\n")
            if cut < 0:  # one line longer than a block: read on
                continue
            block, pending = pending[:cut], pending[cut + 1 :]
            yield line, block
            line += block.count(b"\n") + 1
            if not pending:
                pending = handle.read(BLOCK)


def _parse_block(block: bytes, lines: int) -> pa.Table | None:
    """The block as a table of string columns, or None if any line is not a plain JSON object
    (a blank line, which pyarrow passes over, shows as a row too few)."""
    import pyarrow as pa
    import pyarrow.json as pajson

    schema = pa.schema([(c, pa.string()) for c in COLUMNS])
    try:
        table = pajson.read_json(
            pa.BufferReader(block),
            read_options=pajson.ReadOptions(use_threads=False, block_size=max(1 << 20, len(block) + 1)),
            parse_options=pajson.ParseOptions(explicit_schema=schema, unexpected_field_behavior="ignore"),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return table if table.num_rows == lines else None


def _read_lines(summary: SourceSummary, evidence: Evidence, first: int, lines: list[bytes]) -> None:
    for k, line in enumerate(lines):
        if line.strip():
            _read_line(summary, evidence, first + k, line)


def _read_line(summary: SourceSummary, evidence: Evidence, number: int, line: bytes) -> None:
    try:
        data = json.loads(line.decode("utf-8", errors="replace"))
        if not isinstance(data, dict):
            summary.skip(number, "not a JSON object")
            return
        _add(LogEntry.model_validate(data), evidence)
        summary.use()
    except json.JSONDecodeError as exc:
        summary.skip(number, f"invalid JSON ({exc.msg})")
    except ValidationError as exc:
        summary.skip(number, _reason(exc))


def looks_like_jsonl(file: DataFile) -> bool:
    return file.head(4096).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
