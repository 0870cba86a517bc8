"""The one pipeline every command shares: read, attribute, model, suggest, report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from netaudit import followups as followup_rules
from netaudit import relationships as rel
from netaudit.attribute import attribute
from netaudit.ingest.read import Inputs, read_inputs
from netaudit.models import SourceKind
from netaudit.report import (
    AnalysisReport,
    Duplicate,
    FollowupReport,
    NetworkSummary,
    PersonRow,
    Reason,
    Relationships,
)
from netaudit.settings import Settings

ANALYZE_FOLLOWUPS = 5


@dataclass
class Request:
    path: Path
    interactions: list[Path] = field(default_factory=list)
    me: str | None = None
    as_of: date = field(default_factory=date.today)
    settings: Settings = field(default_factory=Settings)


@dataclass
class Audit:
    request: Request
    inputs: Inputs
    stats: list[rel.Stats]
    report: AnalysisReport


def run(request: Request, people: bool = False) -> Audit:
    inputs = read_inputs(request.path, request.interactions, request.me)
    model = request.settings.model
    attribution = attribute(inputs.network, inputs.evidence, request.as_of)
    stats = [
        rel.person_stats(p, attribution.touches.get(p.index, []), request.as_of, model) for p in inputs.network.people
    ]
    hidden = len(inputs.network.hidden_connected_on)
    network = inputs.network
    size = network.size
    summary = NetworkSummary(
        size=size,
        people=len(network.people),
        hidden_profiles=hidden,
        duplicates=len(network.duplicates),
        dunbar_number=model.dunbar_number,
        dunbar_excess=size - model.dunbar_number,
        dunbar_ratio=round(size / model.dunbar_number, 2),
    )
    classes = rel.relationships(stats, hidden)
    top = followup_rules.suggest(stats, request.as_of, request.settings.followups)[:ANALYZE_FOLLOWUPS]
    report = AnalysisReport(
        as_of=request.as_of,
        window_days=model.window_days,
        verdict=verdict(summary, classes),
        network=summary,
        relationships=classes,
        recency=rel.recency(stats, hidden),
        layers=rel.layers(stats, model),
        growth=rel.growth(network, stats, request.as_of),
        interactions=attribution.summary,
        sources=inputs.sources,
        duplicates=[
            Duplicate(name=d.name, profile_url=d.profile_url, line=d.line, first_line=d.first_line)
            for d in network.duplicates
        ],
        owner=f"{inputs.owner} ({inputs.owner_found_by})" if inputs.owner else None,
        notes=notes(inputs, attribution.summary.matched),
        followups=top,
        people=[person_row(s) for s in sorted(stats, key=_person_order)] if people else None,
    )
    return Audit(request, inputs, stats, report)


def followups(audit: Audit, top: int | None, reasons: list[Reason], drafts: bool) -> FollowupReport:
    rules = audit.request.settings.followups
    every = followup_rules.suggest(audit.stats, audit.request.as_of, rules, drafts)
    chosen = [f for f in every if not reasons or f.reason in reasons]
    if reasons:  # ranks count what is shown
        chosen = [f.model_copy(update={"rank": rank}) for rank, f in enumerate(chosen, start=1)]
    if top is not None:
        chosen = chosen[:top]
    return FollowupReport(as_of=audit.request.as_of, total=len(every), followups=chosen)


def _person_order(s: rel.Stats) -> tuple[int, str, str]:
    return (-s.tie_strength, s.person.name.casefold(), s.person.profile_url)


def person_row(s: rel.Stats) -> PersonRow:
    return PersonRow(
        name=s.person.name,
        profile_url=s.person.profile_url,
        relationship=s.relationship,
        last_interaction=s.last,
        days_since=s.days_since,
        inbound=s.inbound,
        outbound=s.outbound,
        mutual=s.mutual,
        touch_days=s.touch_days,
        tie_strength=s.tie_strength,
        layer=s.layer,
    )


def verdict(network: NetworkSummary, classes: Relationships) -> str:
    size, two_way = network.size, classes.two_way
    over = (
        f"{network.dunbar_ratio:g}x the {network.dunbar_number} relationships a person can sustain"
        if network.dunbar_excess > 0
        else f"within the {network.dunbar_number} relationships a person can sustain"
    )
    if two_way == 0:
        return f"None of your {size:,} connections is a two-way relationship right now; the network is {over}."
    ratio = classes.contacts_per_connection
    return (
        f"{two_way:,} of your {size:,} connections are two-way relationships: "
        f"{ratio:g} contacts for every real connection, in a network {over}."
    )


def notes(inputs: Inputs, matched: int) -> list[str]:
    kinds = {s.kind for s in inputs.sources}
    out = list(inputs.notes)
    if kinds == {SourceKind.CONNECTIONS}:
        out.append(
            "Only Connections.csv was read, so no interactions are known and everyone counts as "
            "`never`. Pass the whole export folder or .zip (it has messages.csv), and log calls and "
            "meetings with --interactions FILE to see who is real."
        )
    elif matched == 0:
        out.append("No interaction could be attributed to a connection; check --me and the names in your log.")
    if SourceKind.INTERACTION_LOG not in kinds and kinds != {SourceKind.CONNECTIONS}:
        out.append(
            "Calls, meetings and coffees are not in LinkedIn's export: log them with "
            "--interactions FILE to see your closest layers."
        )
    return out
