"""Attributes each interaction to exactly one connection, or to none, and counts both.

Who is who is decided by `directory.Directory`; this module turns evidence rows into
`Touches` (the rows that found their person) and an `InteractionSummary` (what did not).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from netaudit.directory import UNMATCHED, Directory, Found, Mask, PersonIndex
from netaudit.evidence import Evidence
from netaudit.identity import most_common
from netaudit.ingest.messages import Coded, coded
from netaudit.report_models import InteractionSummary, Unmatched

TOP_UNMATCHED = 10
EPOCH = date(1970, 1, 1)
#: Days since 1970-01-01.
Days = npt.NDArray[np.int32]
Counts = npt.NDArray[np.int32]


def day_number(day: date) -> int:
    return (day - EPOCH).days


@dataclass(frozen=True)
class Touches:
    """Attributed interactions, one row per evidence row: who, when, which way, how, how many."""

    person: PersonIndex  # index into People, never UNMATCHED
    day: Days
    direction: npt.NDArray[np.int8]  # index into evidence.DIRECTIONS
    channel: npt.NDArray[np.int8]  # index into evidence.CHANNELS
    count: Counts
    #: index into `sources`, the files the rows came from (empty when nobody asked: hand-built touches)
    source: npt.NDArray[np.int16] = field(default_factory=lambda: np.zeros(0, np.int16))
    sources: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.person)


@dataclass(frozen=True)
class Attribution:
    touches: Touches
    summary: InteractionSummary


@dataclass(frozen=True)
class _Who:
    """Who the evidence rows name, dictionary-encoded, in the order strangers are labelled."""

    name: Coded
    url: Coded
    email: Coded


def attribute(people: Directory, evidence: Evidence, as_of: date) -> Attribution:
    """Every evidence row up to `as_of` to its person; rows after it are ignored, and counted."""
    import pyarrow as pa

    table = evidence.table()
    files, origin = evidence.origins()
    days: Days = table["day"].cast(pa.int32()).to_numpy().astype(np.int32, copy=False)
    count: Counts = table["count"].to_numpy().astype(np.int32, copy=False)
    late = days > day_number(as_of)
    ignored = dict(evidence.ignored)
    if late.any():
        ignored["after_as_of"] = ignored.get("after_as_of", 0) + int(count[late].sum())
    who = _Who(*(coded(table[c]) for c in ("name", "url", "email")))
    found = people.find(who.url, who.email, who.name, wanted=~late)
    matched = (found.person != UNMATCHED) & ~late
    touches = Touches(
        person=found.person[matched],
        day=days[matched],
        direction=table["direction"].to_numpy().astype(np.int8, copy=False)[matched],
        channel=table["channel"].to_numpy().astype(np.int8, copy=False)[matched],
        count=count[matched],
        source=origin[matched],
        sources=files,
    )
    return Attribution(touches, _summary(people, who, found, count, late, ignored))


def _summary(
    people: Directory, who: _Who, found: Found, count: Counts, late: Mask, ignored: dict[str, int]
) -> InteractionSummary:
    unmatched = (found.person == UNMATCHED) & ~late
    return InteractionSummary(
        total=int(count[~late].sum()) + sum(ignored.values()),
        matched=int(count[(found.person != UNMATCHED) & ~late].sum()),
        unmatched=int(count[unmatched].sum()),
        ambiguous=int(count[found.shared_name & ~late].sum()),
        ignored=dict(sorted(ignored.items())),
        top_unmatched=_strangers(who, unmatched, found.shared_name, count, people),
    )


def _strangers(who: _Who, unmatched: Mask, shared: Mask, count: Counts, people: Directory) -> list[Unmatched]:
    """The most frequent unmatched people (by name, else URL, else e-mail), with a "did you mean"."""
    if not unmatched.any():
        return []
    import pyarrow as pa
    import pyarrow.compute as pc

    totals: Counter[str] = Counter()
    ambiguous: set[str] = set()
    rows = unmatched.copy()
    for column in (who.name, who.url, who.email):
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
    close = people.suggestions([label for label, _ in top if label not in ambiguous])
    return [
        Unmatched(name=label, interactions=n, ambiguous=label in ambiguous, did_you_mean=close.get(label))
        for label, n in top
    ]
