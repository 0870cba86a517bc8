"""What changed since the last run: who moved between classes, who is new, how the headline
metrics moved. Pure: the history hands in the earlier run, the audit the current one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from netaudit.history import Classes
from netaudit.relationships import CLASSES, Population
from netaudit.report_models import Changes, MetricDelta, RelationshipClass

#: The metrics `trend` and the change since the last run show, in this order.
HEADLINE = [
    "size",
    "two_way",
    "contacts_per_connection",
    "one_way_out",
    "one_way_in",
    "dormant",
    "never",
    "unanswered",
    "fading",
]
#: How many names each list of a change shows.
MAX_NAMES = 20


@dataclass(frozen=True)
class Earlier:
    """The run to compare with: its day, its headline metrics and each person's class then."""

    as_of: date
    metrics: dict[str, float | None]
    classes: Classes


def classes_of(keys: list[str], population: Population) -> Classes:
    """Each person key's class and name; of people sharing a key, the last one."""
    import pyarrow as pa
    import pyarrow.compute as pc

    labels = pa.array([c.value for c in CLASSES], pa.string())
    table = pa.table(
        {
            "key": pa.array(keys, pa.string()),
            "class": labels.take(pa.array(population.relationship)),
            "name": population.people.column("name"),
        }
    )
    backwards = table["key"].combine_chunks()[::-1]
    last = pc.index_in(pc.unique(backwards), value_set=backwards).to_numpy(zero_copy_only=False)
    return Classes(table.take(pa.array(len(table) - 1 - np.sort(last)[::-1])))


def since(earlier: Earlier, metrics: dict[str, float | None], current: Classes) -> Changes:
    """Who moved between classes, who is new, and how the headline metrics moved."""
    import pyarrow as pa
    import pyarrow.compute as pc

    before, now = earlier.classes.table, current.table
    two_way, dormant = RelationshipClass.TWO_WAY.value, RelationshipClass.DORMANT.value
    active = pa.array([two_way, RelationshipClass.ONE_WAY_OUT.value, RelationshipClass.ONE_WAY_IN.value])
    at = pc.index_in(now["key"], value_set=before["key"])
    was, is_ = pc.take(before["class"], at), now["class"]
    became = pc.and_(pc.equal(is_, two_way), pc.not_equal(was, two_way)).fill_null(False)
    fell = pc.and_(pc.equal(is_, dormant), pc.is_in(was, value_set=active))
    new = pc.is_null(at)

    def people(mask: pa.ChunkedArray) -> tuple[list[str], list[str]]:
        """The first names in order (and their keys), as many as a change lists."""
        picked = now.filter(mask)
        pairs = sorted(zip(picked["name"].to_pylist(), picked["key"].to_pylist(), strict=True), key=_by_name)
        chosen = pairs[:MAX_NAMES]
        return [name for name, _ in chosen], [key for _, key in chosen]

    (became_names, became_keys), (fell_names, fell_keys), (new_names, new_keys) = map(people, (became, fell, new))
    changes = Changes(
        previous_as_of=earlier.as_of,
        metrics=[MetricDelta(metric=m, before=earlier.metrics.get(m), after=metrics.get(m)) for m in HEADLINE],
        became_two_way=became_names,
        fell_dormant=fell_names,
        new_connections=int(pc.sum(new).as_py() or 0),
        new_connection_names=new_names,
    )
    changes._became_two_way_keys, changes._fell_dormant_keys = became_keys, fell_keys
    changes._new_connection_keys = new_keys
    return changes


def _by_name(pair: tuple[str, str]) -> str:
    return pair[0].casefold()
