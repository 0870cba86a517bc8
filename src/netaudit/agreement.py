"""How netaudit's classes and layers compare with the labels the user gave (`netaudit label`)."""

from __future__ import annotations

from collections import Counter

from netaudit.relationships import CLASSES, LAYERS, Population
from netaudit.report_models import Agreement, LabelAgreement, RelationshipClass

#: The layers that count as "inner": support and sympathy, the closest 15.
INNER = 2
LABEL_ORDER = ("close", "friend", "acquaintance", "stranger")


def agreement(pop: Population, keys: list[str], labels: dict[str, str]) -> Agreement | None:
    """For each label, how many of its people netaudit sees as two-way and in the inner layers;
    None when no connection is labelled."""
    by_label: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if (label := labels.get(key)) is not None:
            by_label.setdefault(label, []).append(i)
    if not by_label:
        return None
    rows = []
    for label in sorted(by_label, key=lambda x: LABEL_ORDER.index(x) if x in LABEL_ORDER else len(LABEL_ORDER)):
        people = by_label[label]
        classes = Counter(CLASSES[int(pop.relationship[i])].value for i in people)
        layers = Counter(LAYERS[int(pop.layer[i])][0] if pop.layer[i] >= 0 else "none" for i in people)
        two_way = classes.get(RelationshipClass.TWO_WAY.value, 0)
        inner = sum(1 for i in people if 0 <= pop.layer[i] < INNER)
        whom = "person" if len(people) == 1 else "people"
        rows.append(
            LabelAgreement(
                label=label,
                people=len(people),
                two_way=two_way,
                inner_layers=inner,
                classes=dict(sorted(classes.items())),
                layers=dict(sorted(layers.items())),
                summary=f"Of the {len(people)} {whom} you call {label}, netaudit sees {two_way} as two-way "
                f"and {inner} in your inner layers.",
            )
        )
    return Agreement(labelled=sum(r.people for r in rows), labels=rows)
