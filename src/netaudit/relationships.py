"""The relationship model: classes, recency, Dunbar layers, tie strength and growth.

Pure functions over people and their touches; nothing here reads files or prints.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from netaudit.models import FAVOURS, IN_PERSON, SYNCHRONOUS, Direction, Network, Person, Touch
from netaudit.report import Layer, Recency, RelationshipClass, Relationships, YearGrowth
from netaudit.settings import Model

#: How deep a channel goes: in person above call/video above writing above a click.
DEPTH = {
    **{c: 1.0 for c in IN_PERSON},
    **{c: 0.7 for c in SYNCHRONOUS},
    **{c: 0.2 for c in FAVOURS},
}
DEFAULT_DEPTH = 0.4
LAYERS = [("support", 5), ("sympathy", 15), ("affinity", 50), ("active", 150)]


@dataclass
class Stats:
    """What the model knows about one person as of A."""

    person: Person
    touches: list[Touch] = field(default_factory=list)  # up to A, newest first
    window_start: date = date.min
    relationship: RelationshipClass = RelationshipClass.NEVER
    last: date | None = None
    days_since: int | None = None
    inbound: int = 0
    outbound: int = 0
    mutual: int = 0
    touch_days: int = 0
    tie_strength: int = 0
    layer: str | None = None

    def in_window(self) -> list[Touch]:
        return [t for t in self.touches if t.day >= self.window_start]


def classify(inbound: int, outbound: int, mutual: int, any_before: bool) -> RelationshipClass:
    if mutual or (inbound and outbound):
        return RelationshipClass.TWO_WAY
    if outbound:
        return RelationshipClass.ONE_WAY_OUT
    if inbound:
        return RelationshipClass.ONE_WAY_IN
    return RelationshipClass.DORMANT if any_before else RelationshipClass.NEVER


def person_stats(person: Person, touches: list[Touch], as_of: date, model: Model) -> Stats:
    start = as_of - timedelta(days=model.window_days)
    stats = Stats(person, sorted(touches, key=lambda t: t.day, reverse=True), start)
    window = stats.in_window()
    for t in window:
        if t.direction is Direction.IN:
            stats.inbound += t.count
        elif t.direction is Direction.OUT:
            stats.outbound += t.count
        else:
            stats.mutual += t.count
    stats.touch_days = len({t.day for t in window})
    stats.relationship = classify(stats.inbound, stats.outbound, stats.mutual, bool(stats.touches))
    if stats.touches:
        stats.last = stats.touches[0].day
        stats.days_since = (as_of - stats.last).days
    stats.tie_strength = tie_strength(stats, as_of, model)
    stats.layer = layer_of(stats, model)
    return stats


def tie_strength(stats: Stats, as_of: date, model: Model) -> int:
    """0-100: a weighted mean of recency, frequency, reciprocity, depth and duration (README)."""
    if stats.days_since is None:
        return 0
    window = stats.in_window()
    balanced = stats.mutual + min(stats.inbound, stats.outbound)
    first = stats.touches[-1].day
    parts = {
        "recency": math.pow(0.5, stats.days_since / model.recency_half_life_days),
        "frequency": min(1.0, math.log1p(stats.touch_days) / math.log1p(52)),
        "reciprocity": balanced / (balanced + 2),
        "depth": max((DEPTH.get(t.channel, DEFAULT_DEPTH) for t in window), default=0.0),
        "duration": min(1.0, (as_of - first).days / (5 * 365)),
    }
    weights: dict[str, float] = model.tie_weights.model_dump()
    total = sum(weights.values()) or 1.0
    return round(100 * sum(weights[k] * v for k, v in parts.items()) / total)


def layer_thresholds(model: Model) -> dict[str, float]:
    scale = model.window_days / 365
    return {
        "support": model.support_touch_days * scale,
        "sympathy": model.sympathy_touch_days * scale,
        "affinity": model.affinity_touch_days * scale,
        "active": 0.0,
    }


def layer_of(stats: Stats, model: Model) -> str | None:
    if stats.relationship is not RelationshipClass.TWO_WAY:
        return None
    thresholds = layer_thresholds(model)
    return next(name for name, _ in LAYERS if stats.touch_days >= thresholds[name])


def relationships(stats: list[Stats], hidden: int) -> Relationships:
    counts = Counter(s.relationship for s in stats)
    counts[RelationshipClass.NEVER] += hidden
    two_way = counts[RelationshipClass.TWO_WAY]
    contacts = sum(counts.values()) - two_way
    return Relationships(
        two_way=two_way,
        one_way_out=counts[RelationshipClass.ONE_WAY_OUT],
        one_way_in=counts[RelationshipClass.ONE_WAY_IN],
        dormant=counts[RelationshipClass.DORMANT],
        never=counts[RelationshipClass.NEVER],
        contacts=contacts,
        contacts_per_connection=round(contacts / two_way, 2) if two_way else None,
    )


def recency(stats: list[Stats], hidden: int) -> Recency:
    buckets = Counter(_bucket(s.days_since) for s in stats)
    return Recency(
        d0_30=buckets["0-30"],
        d31_90=buckets["31-90"],
        d91_365=buckets["91-365"],
        d366_plus=buckets["366+"],
        never=buckets["never"] + hidden,
    )


def _bucket(days: int | None) -> str:
    if days is None:
        return "never"
    if days <= 30:
        return "0-30"
    if days <= 90:
        return "31-90"
    return "91-365" if days <= 365 else "366+"


def layers(stats: list[Stats], model: Model) -> list[Layer]:
    thresholds = layer_thresholds(model)
    order = [name for name, _ in LAYERS]
    placed = Counter(s.layer for s in stats if s.layer)
    out = []
    for depth, (name, capacity) in enumerate(LAYERS):
        members = sum(placed[inner] for inner in order[: depth + 1])  # layers are nested
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


def growth(network: Network, stats: list[Stats], as_of: date) -> list[YearGrowth]:
    """Connections added per year beside interactions per year: collecting against conversing."""
    added = Counter(p.connected_on.year for p in network.people if p.connected_on)
    added.update(d.year for d in network.hidden_connected_on if d)
    talked: Counter[int] = Counter()
    for s in stats:
        for t in s.touches:
            talked[t.day.year] += t.count
    years = sorted(set(added) | set(talked))
    if not years:
        return []
    return [
        YearGrowth(year=y, connections_added=added[y], interactions=talked[y])
        for y in range(years[0], max(years[-1], as_of.year if added else years[-1]) + 1)
        if y <= as_of.year
    ]
