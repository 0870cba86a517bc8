"""Attributes each interaction to exactly one connection, or to none, and counts both."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from netaudit.identity import UNMATCHED, Identity, Matcher, most_common
from netaudit.models import Evidence, Network, Touch
from netaudit.report import InteractionSummary, Unmatched

TOP_UNMATCHED = 10


@dataclass
class Attribution:
    touches: dict[int, list[Touch]]
    summary: InteractionSummary


def build_matcher(network: Network) -> Matcher:
    matcher = Matcher()
    for person in network.people:
        matcher.add(person.index, person.name, person.url_key, person.email)
    return matcher


def attribute(network: Network, evidence: Evidence, as_of: date) -> Attribution:
    matcher = build_matcher(network)
    touches: dict[int, list[Touch]] = {}
    ignored = dict(evidence.ignored)
    matched = unmatched = ambiguous = 0
    strangers: Counter[str] = Counter()
    shared: set[str] = set()
    for (name, url, email), items in evidence.by_identity.items():
        current = [t for t in items if t.day <= as_of]
        late = sum(t.count for t in items) - sum(t.count for t in current)
        if late:
            ignored["after_as_of"] = ignored.get("after_as_of", 0) + late
        if not current:
            continue
        count = sum(t.count for t in current)
        identity = Identity(name, url, email)
        index = matcher.match(identity)
        if index == UNMATCHED:
            unmatched += count
            if matcher.is_ambiguous(identity):
                ambiguous += count
                shared.add(identity.label())
            strangers[identity.label()] += count
        else:
            matched += count
            touches.setdefault(index, []).extend(current)
    top = [
        Unmatched(
            name=label,
            interactions=n,
            ambiguous=label in shared,
            did_you_mean=None if label in shared else matcher.suggest(label),
        )
        for label, n in most_common(strangers, TOP_UNMATCHED)
    ]
    summary = InteractionSummary(
        total=matched + unmatched + sum(ignored.values()),
        matched=matched,
        unmatched=unmatched,
        ambiguous=ambiguous,
        ignored=dict(sorted(ignored.items())),
        top_unmatched=top,
    )
    return Attribution(touches, summary)
