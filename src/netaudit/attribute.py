"""Attributes each interaction to exactly one connection, or to none, and counts both.

Who is who arrives dictionary-encoded: each distinct URL, e-mail and name is matched once
(URLs and e-mails with pyarrow's hash lookup, names in Python because they need accent folding,
and only where nothing else matched), and rows follow through numpy indexing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from netaudit.identity import closest_key, most_common, name_keys, url_keys
from netaudit.ingest.messages import Coded, coded
from netaudit.models import Evidence, People
from netaudit.report import InteractionSummary, Unmatched

TOP_UNMATCHED = 10
EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    return (day - EPOCH).days


@dataclass
class Touches:
    """Attributed interactions, one row per evidence row: who, when, which way, how, how many."""

    person: np.ndarray[Any, np.dtype[np.int32]]
    day: np.ndarray[Any, np.dtype[np.int32]]  # days since 1970-01-01
    direction: np.ndarray[Any, np.dtype[np.int8]]  # index into models.DIRECTIONS
    channel: np.ndarray[Any, np.dtype[np.int8]]  # index into models.CHANNELS
    count: np.ndarray[Any, np.dtype[np.int32]]
    #: index into `sources`, the files the rows came from (empty when nobody asked: hand-built touches)
    source: np.ndarray[Any, np.dtype[np.int16]] = field(default_factory=lambda: np.zeros(0, np.int16))
    sources: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.person)


@dataclass
class Attribution:
    touches: Touches
    summary: InteractionSummary


@dataclass
class Directory:
    """Who is who among the connections, worked out before the interactions are all read."""

    people: People
    urls: tuple[Any, Any]  # profile keys (pyarrow) and their people (numpy); the first of a key wins
    emails: tuple[Any, Any]
    name_keys: Any  # pyarrow StringArray, one per person
    shared_names: Any  # name keys more than one person has
    display: dict[str, str]  # name key -> name of its first bearer, shared names too ("did you mean")


def directory(people: People) -> Directory:
    import pyarrow.compute as pc

    def index(keys: Any) -> tuple[Any, Any]:
        first = pc.unique(keys)  # in order of first appearance
        first = pc.filter(first, pc.not_equal(first, ""))
        return first, pc.index_in(first, value_set=keys).to_numpy(zero_copy_only=False).astype(np.int32)

    keys = people.name_keys
    counted = pc.value_counts(keys)
    shared = pc.filter(counted.field("values"), pc.greater(counted.field("counts"), 1))
    pairs = zip(keys.to_pylist(), people.name, strict=True)
    return Directory(
        people=people,
        urls=index(people.column("url_key")),
        emails=index(pc.utf8_lower(pc.utf8_trim_whitespace(people.column("email")))),  # as `email_key`
        name_keys=keys,
        shared_names=shared,
        display={k: n.strip() for k, n in reversed(list(pairs)) if k},
    )


def _lookup(keys: Any, known: tuple[Any, Any]) -> np.ndarray[Any, np.dtype[np.int32]]:
    """Person index for each key (-1 where unknown), through pyarrow's hash lookup."""
    import pyarrow.compute as pc

    value_set, people = known
    if len(value_set) == 0 or len(keys) == 0:
        return np.full(len(keys), -1, np.int32)
    found = pc.index_in(keys, value_set=value_set).fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return np.where(found >= 0, people[np.maximum(found, 0)], -1).astype(np.int32)


def attribute(people: Directory, evidence: Evidence, as_of: date) -> Attribution:
    import pyarrow as pa
    import pyarrow.compute as pc

    table = evidence.table()
    files, origin = evidence.origins()
    ignored = dict(evidence.ignored)
    days = table["day"].cast(pa.int32()).to_numpy().astype(np.int32, copy=False)
    count = table["count"].to_numpy().astype(np.int32, copy=False)
    late = days > day_number(as_of)
    if late.any():
        ignored["after_as_of"] = ignored.get("after_as_of", 0) + int(count[late].sum())
    url, email, name = (coded(table[c]) for c in ("url", "email", "name"))

    person = _lookup(url_keys(url.values), people.urls)[url.codes]
    if (person < 0).any():
        emails = pc.utf8_lower(pc.utf8_trim_whitespace(email.values))
        person = np.where(person >= 0, person, _lookup(emails, people.emails)[email.codes]).astype(np.int32)
    people_keys, shared_keys = people.name_keys, people.shared_names
    shared = np.zeros(len(person), bool)
    rest = (person < 0) & ~late
    if rest.any():
        wanted = np.zeros(len(name.values), bool)
        wanted[name.codes[rest]] = True
        needed = pa.array(np.flatnonzero(wanted))
        keys = name_keys(name.values.take(needed))
        ambiguous = pc.and_(pc.is_in(keys, value_set=shared_keys), pc.not_equal(keys, "")).to_numpy(
            zero_copy_only=False
        )
        found = pc.index_in(keys, value_set=people_keys).fill_null(-1).to_numpy(zero_copy_only=False)
        found = np.where(ambiguous | (pc.equal(keys, "").to_numpy(zero_copy_only=False)), -1, found)
        by_name = np.full(len(name.values), -1, np.int32)
        by_name[needed.to_numpy()] = found
        is_shared = np.zeros(len(name.values), bool)
        is_shared[needed.to_numpy()] = ambiguous
        person = np.where(person >= 0, person, by_name[name.codes]).astype(np.int32)
        shared = (person < 0) & is_shared[name.codes]
    unmatched = (person < 0) & ~late
    matched = (person >= 0) & ~late
    summary = InteractionSummary(
        total=int(count[~late].sum()) + sum(ignored.values()),
        matched=int(count[matched].sum()),
        unmatched=int(count[unmatched].sum()),
        ambiguous=int(count[shared & ~late].sum()),
        ignored=dict(sorted(ignored.items())),
        top_unmatched=_strangers((name, url, email), unmatched, shared, count, people),
    )
    touches = Touches(
        person=person[matched],
        day=days[matched],
        direction=table["direction"].to_numpy().astype(np.int8, copy=False)[matched],
        channel=table["channel"].to_numpy().astype(np.int8, copy=False)[matched],
        count=count[matched],
        source=origin[matched],
        sources=files,
    )
    return Attribution(touches, summary)


def _strangers(
    who: tuple[Coded, Coded, Coded], unmatched: Any, shared: Any, count: Any, people: Directory
) -> list[Unmatched]:
    """The most frequent unmatched people (by name, else URL, else e-mail), with a "did you mean"."""
    if not unmatched.any():
        return []
    import pyarrow as pa
    import pyarrow.compute as pc

    totals: Counter[str] = Counter()
    ambiguous: set[str] = set()
    rows = unmatched.copy()
    for column in who:
        trimmed = pc.utf8_trim_whitespace(column.values)
        here = rows & pc.not_equal(trimmed, "").to_numpy(zero_copy_only=False)[column.codes]
        sums = np.bincount(column.codes[here], weights=count[here], minlength=len(column.values))
        seen = np.flatnonzero(sums)  # only these values become Python strings
        texts = dict(zip(seen.tolist(), trimmed.take(pa.array(seen)).to_pylist(), strict=True))
        for i, text in texts.items():
            totals[text] += int(sums[i])
        ambiguous.update(texts[i] for i in np.unique(column.codes[here & shared]).tolist())
        rows &= ~here
    top = most_common(totals, TOP_UNMATCHED)
    display = people.display
    keys = list(display)
    close = {label: closest_key(label, keys) for label, _ in top if label not in ambiguous}
    return [
        Unmatched(
            name=label,
            interactions=n,
            ambiguous=label in ambiguous,
            did_you_mean=display[found] if (found := close.get(label)) is not None else None,
        )
        for label, n in top
    ]
