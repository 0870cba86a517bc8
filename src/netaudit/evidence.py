"""Interactions as ingest hands them on: who, when, which way, by which channel (`Evidence`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

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
