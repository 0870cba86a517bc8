"""Connections.csv: people, hidden profiles and duplicates, every row accounted for."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from netaudit.identity import BLANKS, name_keys, url_keys
from netaudit.ingest.dates import LINKEDIN_FOUNDED, parse_date
from netaudit.ingest.table import Table
from netaudit.ledger import SourceKind, SourceSummary
from netaudit.roster import Duplicate, Network, People

if TYPE_CHECKING:
    import pyarrow as pa

COLUMNS = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def read_connections(table: Table) -> tuple[Network, SourceSummary]:
    """Sort every row into a person, a hidden profile, a duplicate, or a located skip."""
    import pyarrow as pa
    import pyarrow.compute as pc

    summary = SourceSummary(kind=SourceKind.CONNECTIONS, path=table.file.display)
    table.account(summary)
    n = table.num_rows
    first, last, url, email, company, position, connected = (_text(table, c) for c in COLUMNS)
    name = pc.utf8_trim(
        pc.replace_substring_regex(pc.binary_join_element_wise(first, last, " "), BLANKS, " "), characters=" "
    )
    written = pc.dictionary_encode(connected)  # a few thousand distinct days
    day = pc.take(_dates(written.dictionary), written.indices)
    dated = day.is_valid().to_numpy(zero_copy_only=False)
    undated = pc.equal(connected, "").to_numpy(zero_copy_only=False)
    someone = pc.or_(pc.or_(pc.not_equal(name, ""), pc.not_equal(url, "")), pc.not_equal(email, ""))
    someone = someone.to_numpy(zero_copy_only=False)
    early = pc.less(day, pa.scalar(LINKEDIN_FOUNDED, pa.date32())).fill_null(False).to_numpy(zero_copy_only=False)
    # a named row with a bad date is still a person: connected date unknown, and a warning
    unknown = ~dated & ~undated & someone
    warnings = {
        i: f"unreadable date {v[:40]!r} in Connected On: connected date unknown" for i, v in _rows(connected, unknown)
    }
    warnings |= {
        i: f"suspicious date {v[:40]!r} in Connected On (before LinkedIn existed): connected date unknown"
        for i, v in _rows(connected, early)
    }
    if early.any():
        day = pc.if_else(pa.array(early), pa.scalar(None, pa.date32()), day)
    problems = {
        i: f"unreadable date {v[:40]!r} in Connected On" for i, v in _rows(connected, ~dated & ~undated & ~someone)
    }
    problems |= {i: "empty row" for i, _ in _rows(connected, undated & ~someone)}
    readable = dated | undated | someone
    hidden = ~someone & dated
    keys = pc.dictionary_encode(url_keys(url) if table.has("URL") else pa.nulls(n, pa.string()).fill_null(""))
    codes = keys.indices.to_numpy(zero_copy_only=False)
    candidates = np.flatnonzero(readable & someone)
    keyed = candidates[pc.not_equal(pc.take(keys.dictionary, codes[candidates]), "").to_numpy(zero_copy_only=False)]
    seen, first_seen = np.unique(codes[keyed], return_index=True)
    repeated = np.setdiff1d(keyed, keyed[first_seen])
    original = keyed[first_seen][np.searchsorted(seen, codes[repeated])]  # the row each one repeats
    people = np.setdiff1d(candidates, repeated)

    network = Network(hidden_connected_on=pc.filter(day, pa.array(hidden)).to_pylist())
    twice = pa.array(repeated)
    network.duplicates = [
        Duplicate(n, u, i, o)
        for n, u, i, o in zip(
            name.take(twice).to_pylist(), url.take(twice).to_pylist(), repeated.tolist(), original.tolist(), strict=True
        )
    ]
    take = pa.array(people)
    name_, url_, email_ = (c.take(take) for c in (name, url, email))
    shown = pc.if_else(pc.not_equal(name_, ""), name_, pc.if_else(pc.not_equal(url_, ""), url_, email_))
    columns = {
        "name": shown,
        "url_key": keys.dictionary.take(pa.array(codes[people])),
        "profile_url": url_,
        "email": email_,
        "company": company.take(take),
        "position": position.take(take),
        "connected_on": day.take(take),
        "record": pa.array(people, pa.int64()),
        "name_key": name_keys(shown),  # kept with the people, and so in the cache
    }
    network.people = People(pa.table(columns))
    summary.use(len(network.people) + len(network.hidden_connected_on) + len(network.duplicates))
    _locate(table, network, problems, warnings, summary)
    return network, summary


def _dates(values: pa.StringArray) -> pa.Date32Array:
    """Distinct `Connected On` values as dates (null where unreadable or empty). The usual
    `08 Feb 2026` in bulk; a value that does not print back the same (pyarrow reads `31 Apr`
    as 1 May) or has another shape goes through `parse_date`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    stamps = pc.strptime(values, format="%d %b %Y", unit="s", error_is_null=True)
    usual = pc.equal(pc.strftime(stamps, format="%d %b %Y"), values).fill_null(False)
    days = pc.if_else(usual, pc.cast(stamps, pa.date32()), pa.scalar(None, pa.date32()))
    other = np.flatnonzero(pc.and_(pc.invert(usual), pc.not_equal(values, "")).to_numpy(zero_copy_only=False))
    if not len(other):
        return days
    out = days.to_pylist()
    for i, text in zip(other.tolist(), values.take(pa.array(other)).to_pylist(), strict=True):
        out[i] = parse_date(text)
    return pa.array(out, pa.date32())


def _text(table: Table, column: str) -> pa.Array | pa.ChunkedArray:
    import pyarrow as pa
    import pyarrow.compute as pc

    if not table.has(column):
        return pa.nulls(table.num_rows, pa.string()).fill_null("")
    return pc.utf8_trim_whitespace(table.column(column))


def _rows(values: pa.Array, mask: npt.NDArray[np.bool_]) -> list[tuple[int, str]]:
    rows = np.flatnonzero(mask).tolist()
    return list(zip(rows, values.take(rows).to_pylist(), strict=True)) if rows else []


def _locate(
    table: Table, network: Network, problems: dict[int, str], warnings: dict[int, str], summary: SourceSummary
) -> None:
    """Turn record indices into file lines, only for rows the report shows by line."""
    records = set(problems) | set(warnings) | {d.line for d in network.duplicates}
    records |= {d.first_line for d in network.duplicates}
    lines = table.lines_of(records)
    for record, reason in sorted(problems.items()):
        summary.skip(lines.get(record, 0), reason)
    for record, reason in sorted(warnings.items()):
        summary.warn(lines.get(record, 0), reason)
    for dup in network.duplicates:
        dup.line, dup.first_line = lines.get(dup.line, 0), lines.get(dup.first_line, 0)
    summary.skips.sort(key=lambda s: s.line)


def to_columns(network: Network) -> tuple[pa.Table, dict[str, Any]]:
    """The people as an Arrow table (`roster.people_schema`), hidden profiles and duplicates as
    JSON (for the cache)."""
    meta = {
        "hidden": [d.isoformat() if d else None for d in network.hidden_connected_on],
        "duplicates": [[d.name, d.profile_url, d.line, d.first_line] for d in network.duplicates],
    }
    return network.people.table, meta


def from_columns(table: pa.Table, meta: dict[str, Any]) -> Network:
    """The network `to_columns` wrote; a table of another shape raises TypeError."""
    from datetime import date

    people = People(table)
    hidden = [date.fromisoformat(d) if d else None for d in meta["hidden"]]
    return Network(people, hidden, [Duplicate(*d) for d in meta["duplicates"]])
