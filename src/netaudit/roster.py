"""The people of an export: one `Person`, the columnar `People`, and the `Network` they form."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    import pyarrow as pa


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
