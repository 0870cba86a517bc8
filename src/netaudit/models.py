"""Typed records shared by ingest and analysis: people, interactions and the row ledger."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict


class Direction(StrEnum):
    OUT = "out"
    IN = "in"
    MUTUAL = "mutual"


class Channel(StrEnum):
    MESSAGE = "message"
    EMAIL = "email"
    CALL = "call"
    VIDEO = "video"
    MEETING = "meeting"
    COFFEE = "coffee"
    MEAL = "meal"
    EVENT = "event"
    INTRO = "intro"
    ADVICE = "advice"
    ENDORSEMENT = "endorsement"
    RECOMMENDATION = "recommendation"
    INVITATION = "invitation"
    OTHER = "other"


IN_PERSON = frozenset({Channel.MEETING, Channel.COFFEE, Channel.MEAL, Channel.EVENT})
SYNCHRONOUS = frozenset({Channel.CALL, Channel.VIDEO})
#: Channels that are mutual by nature: both people are there.
MUTUAL_BY_DEFAULT = IN_PERSON | SYNCHRONOUS
#: Channels where someone writes and waits for an answer.
WRITTEN = frozenset({Channel.MESSAGE, Channel.EMAIL, Channel.INVITATION})
FAVOURS = frozenset({Channel.ENDORSEMENT, Channel.RECOMMENDATION})


class SourceKind(StrEnum):
    CONNECTIONS = "connections"
    MESSAGES = "messages"
    INVITATIONS = "invitations"
    ENDORSEMENTS_RECEIVED = "endorsements_received"
    ENDORSEMENTS_GIVEN = "endorsements_given"
    RECOMMENDATIONS_RECEIVED = "recommendations_received"
    RECOMMENDATIONS_GIVEN = "recommendations_given"
    INTERACTION_LOG = "interaction_log"


class Skip(BaseModel):
    """A row that could not be read, and where it is."""

    model_config = ConfigDict(frozen=True)
    line: int
    reason: str


#: How many skipped rows a source lists by line; the count always covers all of them.
MAX_LISTED_SKIPS = 200


class SourceSummary(BaseModel):
    """What one file contributed: every row is exactly one of used, ignored or skipped."""

    kind: SourceKind
    path: str
    rows: int = 0
    used: int = 0
    ignored: int = 0
    skipped: int = 0
    ignored_reasons: dict[str, int] = {}
    skips: list[Skip] = []
    warnings: list[Skip] = []  # rows that were read, with something the user should know (a bad date)

    def use(self, n: int = 1) -> None:
        self.rows += n
        self.used += n

    def ignore(self, reason: str, n: int = 1) -> None:
        if n <= 0:
            return
        self.rows += n
        self.ignored += n
        self.ignored_reasons[reason] = self.ignored_reasons.get(reason, 0) + n

    def skip(self, line: int, reason: str) -> None:
        self.rows += 1
        self.skipped += 1
        if len(self.skips) < MAX_LISTED_SKIPS:
            self.skips.append(Skip(line=line, reason=reason))

    def warn(self, line: int, reason: str) -> None:
        """A row that was read (and counted as used or ignored), but not quite as written."""
        if len(self.warnings) < MAX_LISTED_SKIPS:
            self.warnings.append(Skip(line=line, reason=reason))


class NotRead(BaseModel):
    """A file (or a folder of files) that was in the export and was not read, and why."""

    model_config = ConfigDict(frozen=True)
    path: str
    why: str


@dataclass(slots=True)
class Person:
    """One identifiable connection from Connections.csv."""

    index: int
    name: str
    url_key: str
    profile_url: str
    email: str
    company: str
    position: str
    connected_on: date | None
    record: int  # position among the file's rows


class People:
    """Every identifiable connection, by column: an Arrow table for 30,000 people. A column
    becomes a Python list the first time something asks for it by name (`people.name`), and a
    row becomes a `Person` only when something asks for one. Each person's name key (see
    `identity.name_keys`) is a column too once worked out, so a cached table carries it."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "name",
        "url_key",
        "profile_url",
        "email",
        "company",
        "position",
        "connected_on",
        "record",
    )

    def __init__(self, table: Any = None) -> None:
        import pyarrow as pa

        if table is None:
            table = pa.table({c: pa.array([], t) for c, t in _people_types().items()})
        known = [c for c in (*self.COLUMNS, "name_key") if c in table.column_names]
        self.table = table.select(known).combine_chunks()

    @classmethod
    def of(cls, persons: Iterable[Person]) -> People:
        import pyarrow as pa

        rows = [tuple(getattr(p, c) for c in cls.COLUMNS) for p in persons]
        columns = [list(values) for values in zip(*rows, strict=True)] if rows else [[] for _ in cls.COLUMNS]
        types = _people_types()
        return cls(pa.table({c: pa.array(v, types[c]) for c, v in zip(cls.COLUMNS, columns, strict=True)}))

    def column(self, name: str) -> Any:
        """One column as a pyarrow array."""
        return self.table.column(name).chunk(0) if self.table.column(name).num_chunks else self.table.column(name)

    def rows(self, indices: Sequence[int]) -> list[Person]:
        """Those people as `Person`s, in one conversion."""
        import pyarrow as pa

        picked = self.table.take(pa.array(indices, pa.int64())).to_pydict()
        return [Person(int(i), *(picked[c][n] for c in self.COLUMNS)) for n, i in enumerate(indices)]

    def __len__(self) -> int:
        return int(self.table.num_rows)

    def __getitem__(self, i: int) -> Person:
        return self.rows([i])[0]

    def __iter__(self) -> Iterator[Person]:
        return iter(self.rows(range(len(self))))

    def _list(self, name: str) -> list[Any]:
        values: list[Any] = self.table.column(name).to_pylist()
        return values

    @cached_property
    def name(self) -> list[str]:
        return self._list("name")

    @cached_property
    def url_key(self) -> list[str]:
        return self._list("url_key")

    @cached_property
    def profile_url(self) -> list[str]:
        return self._list("profile_url")

    @cached_property
    def email(self) -> list[str]:
        return self._list("email")

    @property
    def name_keys(self) -> Any:
        """Each person's name key (pyarrow), worked out once and kept as a column."""
        if "name_key" not in self.table.column_names:
            from netaudit.identity import name_keys

            self.table = self.table.append_column("name_key", name_keys(self.column("name")))
        return self.column("name_key")


def _people_types() -> dict[str, Any]:
    import pyarrow as pa

    kinds = {"connected_on": pa.date32(), "record": pa.int64()}
    return {c: kinds.get(c, pa.string()) for c in People.COLUMNS}


@dataclass(slots=True)
class Duplicate:
    name: str
    profile_url: str
    line: int
    first_line: int


@dataclass
class Network:
    """Everyone in Connections.csv: people, hidden profiles, and rows that repeat a person."""

    people: People = field(default_factory=People)
    hidden_connected_on: list[date | None] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.people) + len(self.hidden_connected_on)


@dataclass(frozen=True, slots=True)
class Touch:
    """Interactions with one counterpart on one day, in one direction and channel."""

    day: date
    direction: Direction
    channel: Channel
    count: int = 1


#: Small integer codes for the columnar arrays; the order is part of no file format.
DIRECTIONS = list(Direction)
CHANNELS = list(Channel)
EVIDENCE_COLUMNS = ("name", "url", "email", "day", "direction", "channel", "count")


@dataclass
class Evidence:
    """Interactions read from every source, before they are attributed to people.

    Columnar: large sources add pyarrow tables (`EVIDENCE_COLUMNS`), small ones add rows one by one.
    Who the other person is stays as read (name, URL, e-mail) until attribution.
    `ignored` counts records that are not interactions, by reason.
    """

    batches: list[Any] = field(default_factory=list)
    rows: list[tuple[str, str, str, date, int, int, int]] = field(default_factory=list)
    ignored: dict[str, int] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # the file of each batch, as the report names it

    def add(self, identity: tuple[str, str, str], touch: Touch) -> None:
        code = (DIRECTIONS.index(touch.direction), CHANNELS.index(touch.channel))
        self.rows.append((*identity, touch.day, *code, touch.count))

    def add_batch(self, table: Any, source: str = "") -> None:
        if table.num_rows:
            self.batches.append(table.select(list(EVIDENCE_COLUMNS)))
            self.sources.append(source)

    def origins(self) -> tuple[list[str], Any]:
        """Which file each row of `table()` came from: the names, and per row an index into them
        (numpy int16; 0, the name "", for rows added one by one)."""
        import numpy as np

        names = ["", *self.sources]
        sizes = [len(self.rows), *(b.num_rows for b in self.batches)]
        return names, np.repeat(np.arange(len(names), dtype=np.int16), sizes)

    def ignore(self, reason: str, n: int = 1) -> None:
        if n > 0:
            self.ignored[reason] = self.ignored.get(reason, 0) + n

    def table(self) -> Any:
        """Everything as one pyarrow table; who is who stays dictionary-encoded."""
        import pyarrow as pa

        text = pa.dictionary(pa.int32(), pa.string())
        schema = pa.schema(
            [
                ("name", text),
                ("url", text),
                ("email", text),
                ("day", pa.date32()),
                ("direction", pa.int8()),
                ("channel", pa.int8()),
                ("count", pa.int32()),
            ]
        )
        columns: list[Any] = list(zip(*self.rows, strict=True)) if self.rows else [[] for _ in EVIDENCE_COLUMNS]
        arrays = [
            pa.array(list(values), pa.string()).dictionary_encode()
            if field.type == text
            else pa.array(list(values), field.type)
            for values, field in zip(columns, schema, strict=True)
        ]
        small = pa.Table.from_arrays(arrays, schema=schema)
        return pa.concat_tables([small, *(b.cast(schema) for b in self.batches)]).unify_dictionaries().combine_chunks()
