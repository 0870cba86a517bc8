"""Thresholds: does the network stay within the limits the user set? Pure, no I/O."""

from __future__ import annotations

from netaudit.report_models import Breach, CheckResult, Layer, NetworkSummary, Relationships
from netaudit.settings import Check


def headline(
    network: NetworkSummary, rel: Relationships, layers: list[Layer], tally: dict[str, float | None]
) -> dict[str, float | None]:
    """The metrics a check can use (and the history records), from the parts of a report and
    the follow-up tally (unanswered, unanswered_age_days, fading)."""
    metrics: dict[str, float | None] = {
        "size": network.size,
        "two_way": rel.two_way,
        "one_way_out": rel.one_way_out,
        "one_way_in": rel.one_way_in,
        "dormant": rel.dormant,
        "never": rel.never,
        "contacts_per_connection": rel.contacts_per_connection,
        **tally,
    }
    metrics |= {f"layer_{layer.name}": layer.members for layer in layers}
    return metrics


def evaluate(limits: Check, metrics: dict[str, float | None]) -> CheckResult:
    checks: list[Breach] = []

    def limit(metric: str, kind: str, value: float | None) -> None:
        if value is None:
            return
        actual = metrics.get(metric)
        # no value (contacts per connection with no two-way relationship at all) fails a limit
        passed = actual is not None and (actual <= value if kind == "max" else actual >= value)
        checks.append(Breach(metric=metric, kind=kind, limit=value, actual=actual, passed=passed))

    limit("contacts_per_connection", "max", limits.max_contacts_per_connection)
    limit("two_way", "min", limits.min_two_way)
    limit("unanswered", "max", limits.max_unanswered)
    limit("unanswered_age_days", "max", limits.max_unanswered_age_days)
    limit("fading", "max", limits.max_fading)
    for layer, members in sorted(limits.min_layer_members.items()):
        limit(f"layer_{layer}", "min", members)
    return CheckResult(passed=all(c.passed for c in checks), checks=checks)
