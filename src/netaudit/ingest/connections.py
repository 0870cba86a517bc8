"""Connections.csv: people, hidden profiles and duplicates, every row accounted for."""

from __future__ import annotations

from typing import Any

import numpy as np

from netaudit.identity import BLANKS, remember_url_keys, url_keys
from netaudit.ingest.dates import parse_date
from netaudit.ingest.table import Table
from netaudit.models import Duplicate, Network, People, SourceKind, SourceSummary

COLUMNS = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def read_connections(table: Table) -> tuple[Network, SourceSummary]:
    """Sort every row into a person, a hidden profile, a duplicate, or a located skip."""
    import pyarrow as pa
    import pyarrow.compute as pc

    summary = SourceSummary(kind=SourceKind.CONNECTIONS, path=table.file.display)
    for line, reason in table.bad_rows:
        summary.skip(line, reason)
    n = table.num_rows
    first, last, url, email, company, position, connected = (_text(table, c) for c in COLUMNS)
    name = pc.utf8_trim(
        pc.replace_substring_regex(pc.binary_join_element_wise(first, last, " "), BLANKS, " "), characters=" "
    )
    written = pc.dictionary_encode(connected)
    parsed = [parse_date(v) for v in written.dictionary.to_pylist()]  # a few thousand distinct days
    day = pc.take(pa.array(parsed, pa.date32()), written.indices)
    dated = day.is_valid().to_numpy(zero_copy_only=False)
    undated = pc.equal(connected, "").to_numpy(zero_copy_only=False)
    someone = pc.or_(pc.or_(pc.not_equal(name, ""), pc.not_equal(url, "")), pc.not_equal(email, ""))
    someone = someone.to_numpy(zero_copy_only=False)
    problems = {i: f"unreadable date {v[:40]!r} in Connected On" for i, v in _rows(connected, ~dated & ~undated)}
    problems |= {i: "empty row" for i, _ in _rows(connected, undated & ~someone)}
    readable = dated | undated
    hidden = readable & ~someone & dated
    keys = pc.dictionary_encode(url_keys(url) if table.has("URL") else pa.nulls(n, pa.string()).fill_null(""))
    codes = keys.indices.to_numpy(zero_copy_only=False)
    candidates = np.flatnonzero(readable & someone)
    keyed = candidates[pc.not_equal(pc.take(keys.dictionary, codes[candidates]), "").to_numpy(zero_copy_only=False)]
    _, first_seen = np.unique(codes[keyed], return_index=True)
    original = {int(codes[i]): int(i) for i in keyed[first_seen]}
    repeated = np.setdiff1d(keyed, keyed[first_seen])
    people = np.setdiff1d(candidates, repeated)

    network = Network(hidden_connected_on=pc.filter(day, pa.array(hidden)).to_pylist())
    names, urls = name.to_pylist(), url.to_pylist()
    network.duplicates = [Duplicate(names[i], urls[i], int(i), original[int(codes[i])]) for i in repeated.tolist()]
    take = pa.array(people)
    name_, url_, email_, company_, position_, day_ = (
        pc.take(c, take).to_pylist() for c in (name, url, email, company, position, day)
    )
    shown = [n or u or e for n, u, e in zip(name_, url_, email_, strict=True)]
    key_ = keys.dictionary.take(pa.array(codes[people])).to_pylist()
    network.people = People(shown, key_, url_, email_, company_, position_, day_, people.tolist())
    summary.use(len(network.people) + len(network.hidden_connected_on) + len(network.duplicates))
    _locate(table, network, problems, summary)
    return network, summary


def _text(table: Table, column: str) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    if not table.has(column):
        return pa.nulls(table.num_rows, pa.string()).fill_null("")
    return pc.utf8_trim_whitespace(table.column(column))


def _rows(values: Any, mask: Any) -> list[tuple[int, str]]:
    rows = np.flatnonzero(mask).tolist()
    return list(zip(rows, values.take(rows).to_pylist(), strict=True)) if rows else []


def _locate(table: Table, network: Network, problems: dict[int, str], summary: SourceSummary) -> None:
    """Turn record indices into file lines, only for rows the report shows by line."""
    records = set(problems) | {d.line for d in network.duplicates}
    records |= {d.first_line for d in network.duplicates}
    lines = table.lines_of(records)
    for record, reason in sorted(problems.items()):
        summary.skip(lines.get(record, 0), reason)
    for dup in network.duplicates:
        dup.line, dup.first_line = lines.get(dup.line, 0), lines.get(dup.first_line, 0)
    summary.skips.sort(key=lambda s: s.line)


PEOPLE_COLUMNS = list(People.COLUMNS)


def to_columns(network: Network) -> tuple[Any, dict[str, Any]]:
    """The people as an Arrow table, hidden profiles and duplicates as JSON (for the cache)."""
    import pyarrow as pa

    people = network.people
    kinds = {"connected_on": pa.date32(), "record": pa.int64()}
    table = pa.Table.from_arrays(
        [pa.array(getattr(people, c), kinds.get(c, pa.string())) for c in PEOPLE_COLUMNS],
        names=PEOPLE_COLUMNS,
    )
    meta = {
        "hidden": [d.isoformat() if d else None for d in network.hidden_connected_on],
        "duplicates": [[d.name, d.profile_url, d.line, d.first_line] for d in network.duplicates],
    }
    return table, meta


def from_columns(table: Any, meta: dict[str, Any]) -> Network:
    from datetime import date

    remember_url_keys(table.column("profile_url").combine_chunks(), table.column("url_key").combine_chunks())
    people = People(*(table.column(c).to_pylist() for c in PEOPLE_COLUMNS))
    hidden = [date.fromisoformat(d) if d else None for d in meta["hidden"]]
    return Network(people, hidden, [Duplicate(*d) for d in meta["duplicates"]])
