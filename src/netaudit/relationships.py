"""The relationship model: classes, recency, Dunbar layers, tie strength and growth.

Pure functions over people and their attributed touches, computed for everyone at once with
numpy (one pass of grouped reductions), so 30,000 people cost milliseconds, not a Python loop.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from netaudit.attribute import EPOCH, Touches, day_number
from netaudit.models import (
    CHANNELS,
    DIRECTIONS,
    FAVOURS,
    IN_PERSON,
    SYNCHRONOUS,
    WRITTEN,
    Direction,
    Network,
    People,
    Person,
)
from netaudit.report import Layer, PersonRow, Recency, RelationshipClass, Relationships, YearGrowth
from netaudit.settings import Model

NONE = np.iinfo(np.int32).min  # "no such day"
CLASSES = list(RelationshipClass)
LAYERS = [("support", 5), ("sympathy", 15), ("affinity", 50), ("active", 150)]
OUT, IN, MUTUAL = (DIRECTIONS.index(d) for d in (Direction.OUT, Direction.IN, Direction.MUTUAL))
#: How deep a channel goes: in person above call/video above writing above a click.
DEPTH = np.array(
    [1.0 if c in IN_PERSON else 0.7 if c in SYNCHRONOUS else 0.2 if c in FAVOURS else 0.4 for c in CHANNELS]
)
IS_WRITTEN = np.array([c in WRITTEN for c in CHANNELS])
IS_FAVOUR = np.array([c in FAVOURS for c in CHANNELS])

Ints = np.ndarray[Any, np.dtype[np.int32]]


def _sum(size: int, person: Ints, values: Any) -> Ints:
    return np.bincount(person, weights=values, minlength=size).astype(np.int32)


def _max(size: int, person: Ints, values: Any) -> Ints:
    out = np.full(size, NONE, np.int32)
    np.maximum.at(out, person, values)
    return out


def _min(size: int, person: Ints, values: Any) -> Ints:
    out = np.full(size, np.iinfo(np.int32).max, np.int32)
    np.minimum.at(out, person, values)
    return np.where(out == np.iinfo(np.int32).max, NONE, out).astype(np.int32)


def _channel_on(size: int, person: Ints, day: Ints, channel: Any, wanted: Ints) -> Ints:
    """The channel of each person's touch on its `wanted` day (the highest code on a tie)."""
    out = np.full(size, -1, np.int32)
    hit = (wanted[person] == day) & (day != NONE)
    np.maximum.at(out, person[hit], channel[hit].astype(np.int32))
    return out


@dataclass
class Population:
    """Everything the model knows about every person as of A; arrays are indexed by person."""

    people: People
    as_of: int  # day number
    window_start: int
    relationship: Ints  # index into CLASSES
    last: Ints
    first: Ints
    inbound: Ints
    outbound: Ints
    mutual: Ints
    touch_days: Ints
    tie_strength: Ints
    layer: Ints  # index into LAYERS, -1 for none
    # what the follow-ups need
    connected: Ints
    last_in_written: Ints  # in the window
    last_in_written_channel: Ints
    last_from_you: Ints  # out or mutual, any time up to A
    favour_in: Ints  # in the window
    favour_in_channel: Ints
    favour_out: Any  # bool: you ever endorsed or recommended them
    two_way_ever: Any  # bool: a mutual, or an in and an out, at any time up to A
    written_out: Ints  # in the window
    years: Counter[int]  # interactions per calendar year

    def days_since(self, i: int) -> int | None:
        return None if self.last[i] == NONE else self.as_of - int(self.last[i])

    def day(self, value: int) -> date | None:
        return None if value == NONE else EPOCH + timedelta(days=int(value))


def _distinct_days(size: int, person: Any, day: Any) -> Any:
    """Per person, on how many distinct days they were in touch (a hash of the pairs, not a sort)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    pairs = pc.unique(pa.array(person.astype(np.int64) * 2**32 + day)).to_numpy()
    return np.bincount(pairs // 2**32, minlength=size).astype(np.int32)


def compute(people: People, touches: Touches, as_of: date, model: Model) -> Population:
    size, a = len(people), day_number(as_of)
    start = a - model.window_days
    p, day, d, ch, n = touches.person, touches.day, touches.direction, touches.channel, touches.count
    w = day >= start
    pw, dw, nw = p[w], d[w], n[w]
    inbound = _sum(size, pw, np.where(dw == IN, nw, 0))
    outbound = _sum(size, pw, np.where(dw == OUT, nw, 0))
    mutual = _sum(size, pw, np.where(dw == MUTUAL, nw, 0))
    touch_days = _distinct_days(size, pw, day[w])
    last, first = _max(size, p, day), _min(size, p, day)
    any_in, any_out, any_mutual = (np.bincount(p[d == k], minlength=size) > 0 for k in (IN, OUT, MUTUAL))

    two_way = (mutual > 0) | ((inbound > 0) & (outbound > 0))
    relationship = np.select(
        [two_way, outbound > 0, inbound > 0, last != NONE],
        [CLASSES.index(c) for c in CLASSES[:4]],
        CLASSES.index(RelationshipClass.NEVER),
    ).astype(np.int32)

    depth = np.zeros(size)
    np.maximum.at(depth, pw, DEPTH[ch[w]])
    balanced = mutual + np.minimum(inbound, outbound)
    has = last != NONE
    since = np.where(has, a - last, 0)
    parts = {
        "recency": np.where(has, np.power(0.5, since / model.recency_half_life_days), 0.0),
        "frequency": np.minimum(1.0, np.log1p(touch_days) / np.log1p(52)),
        "reciprocity": balanced / (balanced + 2),
        "depth": depth,
        "duration": np.where(has, np.minimum(1.0, (a - first) / (5 * 365)), 0.0),
    }
    weights: dict[str, float] = model.tie_weights.model_dump()
    total = sum(weights.values()) or 1.0
    score = sum(weights[k] * v for k, v in parts.items()) * 100 / total
    tie = np.where(has, np.round(score), 0).astype(np.int32)

    thresholds = layer_thresholds(model)
    layer = np.select(
        [two_way & (touch_days >= thresholds[name]) for name, _ in LAYERS], list(range(len(LAYERS))), -1
    ).astype(np.int32)

    written_in = w & (d == IN) & IS_WRITTEN[ch]
    last_in_written = _max(size, p[written_in], day[written_in])
    favour_in_rows = w & (d == IN) & IS_FAVOUR[ch]
    favour_in = _max(size, p[favour_in_rows], day[favour_in_rows])
    from_you = d != IN
    years = _per_year(day, n)
    return Population(
        people=people,
        as_of=a,
        window_start=start,
        relationship=relationship,
        last=last,
        first=first,
        inbound=inbound,
        outbound=outbound,
        mutual=mutual,
        touch_days=touch_days,
        tie_strength=tie,
        layer=layer,
        connected=_days(people.column("connected_on")),
        last_in_written=last_in_written,
        last_in_written_channel=_channel_on(size, p[written_in], day[written_in], ch[written_in], last_in_written),
        last_from_you=_max(size, p[from_you], day[from_you]),
        favour_in=favour_in,
        favour_in_channel=_channel_on(size, p[favour_in_rows], day[favour_in_rows], ch[favour_in_rows], favour_in),
        favour_out=np.bincount(p[(d == OUT) & IS_FAVOUR[ch]], minlength=size) > 0,
        two_way_ever=any_mutual | (any_in & any_out),
        written_out=_sum(size, pw, np.where((dw == OUT) & IS_WRITTEN[ch[w]], nw, 0)),
        years=years,
    )


def _days(days: Any) -> Ints:
    """A pyarrow date32 array as days since 1970 (NONE where missing)."""
    import pyarrow as pa

    numbers = days.cast(pa.int32()).fill_null(int(NONE))
    return np.asarray(numbers.to_numpy(zero_copy_only=False), np.int32)


def _per_year(day: Any, counts: Any) -> Counter[int]:
    """Interactions per calendar year: summed per day first (a decade is a few thousand days),
    so that only distinct days are turned into years."""
    if len(day) == 0:
        return Counter()
    low, high = int(day.min()), int(day.max())
    if high - low < 1 << 20:
        per_day = np.bincount(day - low, weights=counts)
        days = np.flatnonzero(per_day)
        sums, days = per_day[days], days + low
    else:  # stamps centuries apart
        days, inverse = np.unique(day, return_inverse=True)
        sums = np.bincount(inverse, weights=counts)
    year_of = days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
    years, inverse = np.unique(year_of, return_inverse=True)
    totals = np.bincount(inverse, weights=sums)
    return Counter({int(y) + 1970: int(c) for y, c in zip(years.tolist(), totals.tolist(), strict=True)})


def layer_thresholds(model: Model) -> dict[str, float]:
    scale = model.window_days / 365
    return {
        "support": model.support_touch_days * scale,
        "sympathy": model.sympathy_touch_days * scale,
        "affinity": model.affinity_touch_days * scale,
        "active": 0.0,
    }


def relationships(pop: Population, hidden: int) -> Relationships:
    counts = np.bincount(pop.relationship, minlength=len(CLASSES))
    by_class = {c: int(counts[i]) for i, c in enumerate(CLASSES)}
    by_class[RelationshipClass.NEVER] += hidden
    two_way = by_class[RelationshipClass.TWO_WAY]
    contacts = sum(by_class.values()) - two_way
    return Relationships(
        two_way=two_way,
        one_way_out=by_class[RelationshipClass.ONE_WAY_OUT],
        one_way_in=by_class[RelationshipClass.ONE_WAY_IN],
        dormant=by_class[RelationshipClass.DORMANT],
        never=by_class[RelationshipClass.NEVER],
        contacts=contacts,
        contacts_per_connection=round(contacts / two_way, 2) if two_way else None,
    )


def recency(pop: Population, hidden: int) -> Recency:
    has = pop.last != NONE
    since = pop.as_of - pop.last[has]
    return Recency(
        d0_30=int((since <= 30).sum()),
        d31_90=int(((since > 30) & (since <= 90)).sum()),
        d91_365=int(((since > 90) & (since <= 365)).sum()),
        d366_plus=int((since > 365).sum()),
        never=int((~has).sum()) + hidden,
    )


def layers(pop: Population, model: Model) -> list[Layer]:
    thresholds = layer_thresholds(model)
    placed = np.bincount(pop.layer[pop.layer >= 0], minlength=len(LAYERS))
    out = []
    for depth, (name, capacity) in enumerate(LAYERS):
        members = int(placed[: depth + 1].sum())  # layers are nested
        out.append(
            Layer(
                name=name,
                capacity=capacity,
                members=members,
                min_touch_days=round(thresholds[name], 2),
                difference=members - capacity,
            )
        )
    return out


def growth(network: Network, pop: Population, as_of: date) -> list[YearGrowth]:
    """Connections added per year beside interactions per year: collecting against conversing."""
    known = pop.connected[pop.connected != NONE]
    added = _per_year(known, np.ones(len(known), np.int32))
    added.update(d.year for d in network.hidden_connected_on if d)
    years = sorted(y for y in set(added) | set(pop.years) if y <= as_of.year)
    if not years:
        return []
    return [
        YearGrowth(year=y, connections_added=added[y], interactions=pop.years[y])
        for y in range(years[0], years[-1] + 1)
    ]


def person_row(pop: Population, i: int, person: Person | None = None) -> PersonRow:
    person = person or pop.people[i]
    return PersonRow(
        name=person.name,
        profile_url=person.profile_url,
        relationship=CLASSES[pop.relationship[i]],
        last_interaction=pop.day(int(pop.last[i])),
        days_since=pop.days_since(i),
        inbound=int(pop.inbound[i]),
        outbound=int(pop.outbound[i]),
        mutual=int(pop.mutual[i]),
        touch_days=int(pop.touch_days[i]),
        tie_strength=int(pop.tie_strength[i]),
        layer=LAYERS[pop.layer[i]][0] if pop.layer[i] >= 0 else None,
    )


def person_rows(pop: Population) -> list[PersonRow]:
    """Everyone, strongest tie first, then by name and profile URL."""
    order = sorted(
        range(len(pop.people)),
        key=lambda i: (-pop.tie_strength[i], pop.people.name[i].casefold(), pop.people.profile_url[i]),
    )
    return [person_row(pop, p.index, p) for p in pop.people.rows(order)]
