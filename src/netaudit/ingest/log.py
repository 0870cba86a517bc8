"""netaudit's own interaction log (CSV or JSON Lines): one validated model per row."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

import numpy as np
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from netaudit.ingest.dates import LINKEDIN_FOUNDED, suspicious
from netaudit.ingest.table import DataFile, Table, decode
from netaudit.models import (
    CHANNELS,
    DIRECTIONS,
    EVIDENCE_COLUMNS,
    MUTUAL_BY_DEFAULT,
    Channel,
    Direction,
    Evidence,
    SourceKind,
    SourceSummary,
    Touch,
)

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
                moment = moment.astimezone(dt.UTC)
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
    plain, batch = _plain_rows(table)
    evidence.add_batch(batch)
    summary.use(batch.num_rows)
    columns = {c: table.column(c) for c in COLUMNS if table.has(c)}
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


def _plain_rows(table: Table) -> tuple[Any, Any]:
    """Rows in the plain, common form (ISO date, known channel and direction, someone named),
    read in bulk. Every other row goes through `LogEntry`, which also says what is wrong;
    a test checks that both ways read a row the same."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def text(name: str) -> Any:
        values = table.column(name) if table.has(name) else pa.nulls(table.num_rows, pa.string()).fill_null("")
        return pc.utf8_trim_whitespace(values)

    when = text("date")
    day = pc.if_else(
        pc.match_substring_regex(when, r"^\d{4}-\d{2}-\d{2}$"),
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
    summary = SourceSummary(kind=SourceKind.INTERACTION_LOG, path=file.display)
    text = decode(file.read_all(), "utf-8").lstrip("\ufeff")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                summary.skip(number, "not a JSON object")
                continue
            _add(LogEntry.model_validate(data), evidence)
            summary.use()
        except json.JSONDecodeError as exc:
            summary.skip(number, f"invalid JSON ({exc.msg})")
        except ValidationError as exc:
            summary.skip(number, _reason(exc))
    return summary


def looks_like_jsonl(file: DataFile) -> bool:
    return file.head(4096).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def schema() -> dict[str, Any]:
    return LogEntry.model_json_schema()
