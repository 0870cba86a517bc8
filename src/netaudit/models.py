"""Typed records shared by ingest and analysis: people, interactions and the row ledger."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, ClassVar

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from netaudit.personal import Quotes, Text

if TYPE_CHECKING:
    import pyarrow as pa


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
    reason: Annotated[str, Quotes()]


#: How many skipped rows a source lists by line; the count always covers all of them.
MAX_LISTED_SKIPS = 200


class SourceSummary(BaseModel):
    """What one file contributed: every row is exactly one of used, ignored or skipped."""

    kind: SourceKind
    path: Text
    rows: int = 0
    used: int = 0
    ignored: int = 0
    skipped: int = 0
    ignored_reasons: dict[Text, int] = {}
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
    path: Text
    why: Text


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
    """Every identifiable connection, by column: an Arrow table for 30,000 people, one row per
    person (a person's index is their row). A column becomes a Python list the first time
    something asks for it by name (`people.name`), and a row becomes a `Person` only when
    something asks for one. Each person's name key (see `identity.name_keys`) is a column too
    once worked out, so a cached table carries it.

    The table's schema (`people_schema`), checked when People is made (a table of another shape
    raises TypeError): `name`, `url_key` (the profile key, `identity.url_keys`; "" for none),
    `profile_url` (as written), `email`, `company`, `position` (strings), `connected_on` (date32,
    null when unknown), `record` (int64: the row's position among the file's rows), and
    optionally `name_key` (string)."""

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

    def __init__(self, table: pa.Table | None = None) -> None:
        import pyarrow as pa

        if table is None:
            table = pa.table({c: pa.array([], t) for c, t in _people_types().items()})
        known = [c for c in (*self.COLUMNS, "name_key") if c in table.column_names]
        self.table: pa.Table = table.select(known).combine_chunks()
        if not self.table.schema.equals(people_schema(with_name_key="name_key" in known)):
            raise TypeError(f"people of another shape: {self.table.schema}")

    @classmethod
    def of(cls, persons: Iterable[Person]) -> People:
        import pyarrow as pa

        rows = [tuple(getattr(p, c) for c in cls.COLUMNS) for p in persons]
        columns = [list(values) for values in zip(*rows, strict=True)] if rows else [[] for _ in cls.COLUMNS]
        types = _people_types()
        return cls(pa.table({c: pa.array(v, types[c]) for c, v in zip(cls.COLUMNS, columns, strict=True)}))

    def column(self, name: str) -> pa.Array:
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

    def _texts(self, name: str) -> list[str]:
        values: list[str] = self.table.column(name).to_pylist()
        return values

    @cached_property
    def name(self) -> list[str]:
        return self._texts("name")

    @cached_property
    def url_key(self) -> list[str]:
        return self._texts("url_key")

    @cached_property
    def profile_url(self) -> list[str]:
        return self._texts("profile_url")

    @cached_property
    def email(self) -> list[str]:
        return self._texts("email")

    @property
    def name_keys(self) -> pa.StringArray:
        """Each person's name key (pyarrow), worked out once and kept as a column."""
        if "name_key" not in self.table.column_names:
            from netaudit.identity import name_keys

            self.table = self.table.append_column("name_key", name_keys(self.column("name")))
        return self.column("name_key")


def _people_types() -> dict[str, pa.DataType]:
    import pyarrow as pa

    kinds = {"connected_on": pa.date32(), "record": pa.int64()}
    return {c: kinds.get(c, pa.string()) for c in People.COLUMNS}


def people_schema(with_name_key: bool = False) -> pa.Schema:
    """The schema of `People.table` (see `People`)."""
    import pyarrow as pa

    fields = list(_people_types().items()) + ([("name_key", pa.string())] if with_name_key else [])
    return pa.schema(fields)


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


def evidence_schema() -> pa.Schema:
    """The evidence table handed from ingest to attribution, one row per interaction (or per
    bundle of `count` alike interactions). Who the other person is stays as read until
    attribution; text columns are dictionary-encoded (a few thousand distinct people)."""
    import pyarrow as pa

    text = pa.dictionary(pa.int32(), pa.string())
    return pa.schema(
        [
            ("name", text),  # their name as written ("" for none)
            ("url", text),  # their profile URL: a profile key (`identity.url_keys`) from messages.csv
            ("email", text),  # their e-mail address ("" for none)
            ("day", pa.date32()),  # the UTC calendar day
            ("direction", pa.int8()),  # index into DIRECTIONS
            ("channel", pa.int8()),  # index into CHANNELS
            ("count", pa.int32()),  # how many interactions the row stands for
        ]
    )


#: One interaction added by a small source, in `evidence_schema`'s order: name, url, email, day,
#: direction and channel (indices into DIRECTIONS and CHANNELS), count.
EvidenceRow = tuple[str, str, str, date, int, int, int]


#: Per evidence row, the file it came from: an index into `Evidence.origins()`'s names.
Origins = npt.NDArray[np.int16]


@dataclass
class Evidence:
    """Interactions read from every source, before they are attributed to people.

    Columnar: large sources add pyarrow tables (`evidence_schema`; checked when added), small
    ones add rows one by one. `ignored` counts records that are not interactions, by reason.
    """

    batches: list[pa.Table] = field(default_factory=list)
    rows: list[EvidenceRow] = field(default_factory=list)
    ignored: dict[str, int] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # the file of each batch, as the report names it

    def add(self, identity: tuple[str, str, str], touch: Touch) -> None:
        code = (DIRECTIONS.index(touch.direction), CHANNELS.index(touch.channel))
        self.rows.append((*identity, touch.day, *code, touch.count))

    def add_batch(self, table: pa.Table, source: str = "") -> None:
        """A table of the evidence columns (text as strings or dictionaries of strings, other
        columns of the schema's types); another shape raises TypeError: a bug, not bad input."""
        if table.num_rows:
            batch = table.select(list(EVIDENCE_COLUMNS))
            _check_evidence(batch.schema)
            self.batches.append(batch)
            self.sources.append(source)

    def origins(self) -> tuple[list[str], Origins]:
        """Which file each row of `table()` came from: the names, and per row an index into them
        (0, the name "", for rows added one by one)."""
        names = ["", *self.sources]
        sizes = [len(self.rows), *(b.num_rows for b in self.batches)]
        return names, np.repeat(np.arange(len(names), dtype=np.int16), sizes)

    def ignore(self, reason: str, n: int = 1) -> None:
        if n > 0:
            self.ignored[reason] = self.ignored.get(reason, 0) + n

    def table(self) -> pa.Table:
        """Everything as one pyarrow table of `evidence_schema`."""
        import pyarrow as pa

        schema = evidence_schema()
        columns: list[tuple[object, ...]] = (
            list(zip(*self.rows, strict=True)) if self.rows else [() for _ in EVIDENCE_COLUMNS]
        )
        arrays = [
            pa.array(list(values), pa.string()).dictionary_encode()
            if pa.types.is_dictionary(field.type)
            else pa.array(list(values), field.type)
            for values, field in zip(columns, schema, strict=True)
        ]
        small = pa.Table.from_arrays(arrays, schema=schema)
        return pa.concat_tables([small, *(b.cast(schema) for b in self.batches)]).unify_dictionaries().combine_chunks()


def _check_evidence(schema: pa.Schema) -> None:
    import pyarrow as pa

    for got, wanted in zip(schema, evidence_schema(), strict=True):
        fits = got.type == wanted.type or (
            pa.types.is_dictionary(wanted.type)
            and (got.type == pa.string() or (pa.types.is_dictionary(got.type) and got.type.value_type == pa.string()))
        )
        if not fits:
            raise TypeError(f"evidence column {got.name} is {got.type}, not {wanted.type}")
