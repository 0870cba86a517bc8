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
from netaudit.evidence import CHANNELS, DIRECTIONS, FAVOURS, IN_PERSON, SYNCHRONOUS, WRITTEN, Direction
from netaudit.per_person import NONE, Bools, Ints, PerPerson, Scores
from netaudit.report_models import Layer, PersonRow, Recency, RelationshipClass, Relationships, YearGrowth
from netaudit.roster import Network, People, Person
from netaudit.settings import Model

CLASSES = list(RelationshipClass)
LAYERS = [("support", 5), ("sympathy", 15), ("affinity", 50), ("active", 150)]
OUT, IN, MUTUAL = (DIRECTIONS.index(d) for d in (Direction.OUT, Direction.IN, Direction.MUTUAL))
#: How deep a channel goes: in person above call/video above writing above a click.
DEPTH = np.array(
    [1.0 if c in IN_PERSON else 0.7 if c in SYNCHRONOUS else 0.2 if c in FAVOURS else 0.4 for c in CHANNELS]
)
IS_WRITTEN = np.array([c in WRITTEN for c in CHANNELS])
IS_FAVOUR = np.array([c in FAVOURS for c in CHANNELS])


@dataclass(frozen=True)
class Population:
    """Everything the model knows about every person as of A; arrays are indexed by person."""

    people: People
    as_of: int  # day number
    window_start: int
    relationship: Ints  # index into CLASSES
    last: Ints
    first: Ints
    inbound: Ints  # interactions in the window, by direction
    outbound: Ints
    mutual: Ints
    touch_days: Ints  # distinct days in touch, in the window
    tie_strength: Ints  # 0-100
    layer: Ints  # index into LAYERS, -1 for none
    # what the follow-ups need
    connected: Ints
    last_in_written: Ints  # in the window
    last_in_written_channel: Ints  # index into CHANNELS, -1 for none
    last_from_you: Ints  # out or mutual, any time up to A
    favour_in: Ints  # in the window
    favour_in_channel: Ints
    favour_out: Bools  # you ever endorsed or recommended them
    two_way_ever: Bools  # a mutual, or an in and an out, at any time up to A
    written_out: Ints  # in the window
    years: Counter[int]  # interactions per calendar year

    def days_since(self, i: int) -> int | None:
        return None if self.last[i] == NONE else self.as_of - int(self.last[i])

    def day(self, value: int) -> date | None:
        return None if value == NONE else EPOCH + timedelta(days=int(value))


def compute(people: People, touches: Touches, as_of: date, model: Model) -> Population:
    today = day_number(as_of)
    start = today - model.window_days
    each = PerPerson(len(people), touches)
    window = touches.day >= start
    came_in, went_out, both = (touches.direction == d for d in (IN, OUT, MUTUAL))
    written, favour = IS_WRITTEN[touches.channel], IS_FAVOUR[touches.channel]
    inbound, outbound, mutual = (each.interactions(window & d) for d in (came_in, went_out, both))
    touch_days = each.distinct_days(window)
    last, first = each.latest(None), each.earliest(None)
    two_way = (mutual > 0) | ((inbound > 0) & (outbound > 0))
    written_in, favour_in = window & came_in & written, window & came_in & favour
    last_in_written, last_favour_in = each.latest(written_in), each.latest(favour_in)
    return Population(
        people=people,
        as_of=today,
        window_start=start,
        relationship=relationship_classes(two_way, outbound, inbound, last),
        last=last,
        first=first,
        inbound=inbound,
        outbound=outbound,
        mutual=mutual,
        touch_days=touch_days,
        tie_strength=tie_strengths(
            today, last, first, touch_days, mutual + np.minimum(inbound, outbound), each.deepest(window, DEPTH), model
        ),
        layer=dunbar_layers(two_way, touch_days, model),
        connected=_days(people.column("connected_on")),
        last_in_written=last_in_written,
        last_in_written_channel=each.channel_on(written_in, last_in_written),
        last_from_you=each.latest(~came_in),
        favour_in=last_favour_in,
        favour_in_channel=each.channel_on(favour_in, last_favour_in),
        favour_out=each.any(went_out & favour),
        two_way_ever=each.any(both) | (each.any(came_in) & each.any(went_out)),
        written_out=each.interactions(window & went_out & written),
        years=_per_year(touches.day, touches.count),
    )


def relationship_classes(two_way: Bools, outbound: Ints, inbound: Ints, last: Ints) -> Ints:
    """Two-way, else one-way out, else one-way in, else dormant (in touch before the window), else never."""
    return np.select(
        [two_way, outbound > 0, inbound > 0, last != NONE],
        [CLASSES.index(c) for c in CLASSES[:4]],
        CLASSES.index(RelationshipClass.NEVER),
    ).astype(np.int32)


def tie_strengths(
    today: int, last: Ints, first: Ints, touch_days: Ints, balanced: Ints, depth: Scores, model: Model
) -> Ints:
    """0-100: recency, frequency, reciprocity (`balanced`: exchanges both ways), depth and
    duration, weighted as the settings say (README, "Tie strength")."""
    known = last != NONE
    parts = {
        "recency": np.where(known, np.power(0.5, np.where(known, today - last, 0) / model.recency_half_life_days), 0.0),
        "frequency": np.minimum(1.0, np.log1p(touch_days) / np.log1p(52)),
        "reciprocity": balanced / (balanced + 2),
        "depth": depth,
        "duration": np.where(known, np.minimum(1.0, (today - first) / (5 * 365)), 0.0),
    }
    weights: dict[str, float] = model.tie_weights.model_dump()
    total = sum(weights.values()) or 1.0
    score = sum(weights[k] * v for k, v in parts.items()) * 100 / total
    return np.where(known, np.round(score), 0).astype(np.int32)


def dunbar_layers(two_way: Bools, touch_days: Ints, model: Model) -> Ints:
    """The innermost layer each two-way relationship reaches by its touch days, -1 for none."""
    thresholds = layer_thresholds(model)
    return np.select(
        [two_way & (touch_days >= thresholds[name]) for name, _ in LAYERS], list(range(len(LAYERS))), -1
    ).astype(np.int32)


def _days(days: Any) -> Ints:  # pyarrow has no type information
    """A pyarrow date32 array as days since 1970 (NONE where missing)."""
    import pyarrow as pa

    numbers = days.cast(pa.int32()).fill_null(int(NONE))
    return np.asarray(numbers.to_numpy(zero_copy_only=False), np.int32)


def _per_year(day: Ints, counts: Ints) -> Counter[int]:
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
