"""The one pipeline every command shares: read, attribute, model, suggest, report."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from netaudit import identity, relationships, suggestions, thresholds, wording
from netaudit.agreement import agreement
from netaudit.attribute import Touches, attribute
from netaudit.cache import Cache
from netaudit.changes import Earlier, classes_of, since
from netaudit.directory import directory
from netaudit.history import Classes
from netaudit.ingest.mail import MailOptions
from netaudit.ingest.read import Inputs, read_inputs_with
from netaudit.ledger import SourceKind
from netaudit.report_models import (
    AnalysisReport,
    Attention,
    Duplicate,
    FollowupReport,
    NetworkSummary,
    Reason,
    Relationships,
)
from netaudit.roster import People
from netaudit.run_request import Request as Request  # its home; `pipeline.Request` as before
from netaudit.settings import Settings

ANALYZE_FOLLOWUPS = 5


@dataclass(frozen=True)
class Audit:
    """One run of the pipeline: what was read and worked out, and the report built from it."""

    request: Request
    inputs: Inputs
    touches: Touches
    population: relationships.Population
    report: AnalysisReport
    quiet: npt.NDArray[np.bool_] | None  # per person: not to suggest (snoozed, ignored, never_suggest)
    strangers: npt.NDArray[np.bool_] | None  # per person: labelled `stranger` by the user
    metrics: dict[str, float | None]  # the headline metrics a check uses and the history records
    classes: Classes  # each person key's class, for the history


def person_keys(people: People) -> list[str]:
    """`identity.person_keys` of the people of an export (their profile keys are already made)."""
    return identity.person_keys(people.name, people.url_key)


def run(request: Request, people: bool = False, earlier: Earlier | None = None) -> Audit:
    """Read, attribute, model and suggest, and build the report once: with every person row if
    `people`, and what changed since `earlier` (a run from the history) if given."""
    # what needs only the connections is done while messages.csv is still being read
    inputs, (who, keys) = read_inputs_with(
        request.path,
        request.interactions,
        lambda network: (directory(network.people), person_keys(network.people)),
        request.me.on_linkedin,
        Cache(request.cache_dir),
        MailOptions(request.me.emails, request.settings.mail.max_recipients, request.progress),
    )
    model, rules = request.settings.model, request.settings.followups
    attribution = attribute(who, inputs.evidence, request.as_of)
    network = inputs.network
    population = relationships.compute(network.people, attribution.touches, request.as_of, model)
    hidden = len(network.hidden_connected_on)
    summary = NetworkSummary(
        size=network.size,
        people=len(network.people),
        hidden_profiles=hidden,
        duplicates=len(network.duplicates),
        dunbar_number=model.dunbar_number,
        dunbar_excess=network.size - model.dunbar_number,
        dunbar_ratio=round(network.size / model.dunbar_number, 2),
    )
    classes, layers = relationships.relationships(population, hidden), relationships.layers(population, model)
    quiet_keys = request.quiet | {identity.person_key(x) for x in rules.never_suggest}
    quiet = np.array([k in quiet_keys for k in keys], bool) if quiet_keys else None
    labels = request.labels
    strangers = np.array([labels.get(k) == "stranger" for k in keys], bool) if labels else None
    tally = suggestions.tally(population, rules, quiet, strangers)
    heard = heard_from(inputs)
    top, total, _ = suggestions.suggest(
        population, rules, limit=ANALYZE_FOLLOWUPS, quiet=quiet, strangers=strangers, heard=heard
    )
    read = attribution.summary.total > 0
    metrics = thresholds.headline(summary, classes, layers, tally)
    now = classes_of(keys, population)
    report = AnalysisReport(
        as_of=request.as_of,
        window_days=model.window_days,
        verdict=verdict(summary, classes, read),
        attention=attention(inputs, read, tally, total),
        network=summary,
        relationships=classes,
        recency=relationships.recency(population, hidden),
        layers=layers,
        growth=relationships.growth(network, population, request.as_of),
        interactions=attribution.summary,
        sources=inputs.sources,
        not_read=inputs.not_read,
        duplicates=[
            Duplicate(name=d.name, profile_url=d.profile_url, line=d.line, first_line=d.first_line)
            for d in network.duplicates
        ],
        owner=f"{inputs.owner} ({inputs.owner_found_by})" if inputs.owner else None,
        notes=notes(inputs, attribution.summary.matched),
        followups=top,
        check=thresholds.evaluate(request.settings.check, metrics) if has_thresholds(request.settings) else None,
        changes=since(earlier, metrics, now) if earlier is not None else None,
        people=relationships.person_rows(population) if people else None,
        agreement=agreement(population, keys, labels) if labels else None,
    )
    return Audit(request, inputs, attribution.touches, population, report, quiet, strangers, metrics, now)


#: The sources in which silence means something: people write there when they are in touch.
WRITTEN_SOURCES = frozenset({SourceKind.MESSAGES, SourceKind.MAIL})


def heard_from(inputs: Inputs) -> bool:
    """Whether a written source was read, so that follow-ups may say "not a word since"."""
    return any(s.kind in WRITTEN_SOURCES for s in inputs.sources)


def has_thresholds(settings: Settings) -> bool:
    """Whether any threshold is set, so that the report has a check."""
    return bool(settings.check.model_dump(exclude_defaults=True))


def followups(audit: Audit, top: int | None, reasons: list[Reason], drafts: bool) -> FollowupReport:
    request = audit.request
    items, total, matched = suggestions.suggest(
        audit.population,
        request.settings.followups,
        drafts=drafts,
        limit=top,
        only=reasons,
        quiet=audit.quiet,
        strangers=audit.strangers,
        heard=heard_from(audit.inputs),
    )
    return FollowupReport(as_of=request.as_of, total=total, matched=matched, reasons=reasons, followups=items)


def verdict(network: NetworkSummary, classes: Relationships, interactions_read: bool) -> str:
    """The report's first sentence: how many connections are real, against what a person can keep."""
    size, two_way, dunbar = network.size, classes.two_way, network.dunbar_number
    over = (
        f"{wording.times(network.dunbar_ratio)} the {dunbar} relationships a person can sustain"
        if network.dunbar_excess > 0
        else f"within the {dunbar} relationships a person can sustain"
    )
    if not interactions_read:
        return (
            f"No interactions were read, so netaudit cannot tell yet which of your {size:,} connections "
            f"are real; it can tell the network is {over}, and how it grew."
        )
    if two_way == 0:
        return f"None of your {size:,} connections is a two-way relationship right now; the network is {over}."
    ratio = wording.ratio(classes.contacts_per_connection or 0)
    return (
        f"{two_way:,} of your {size:,} connections are two-way relationships: "
        f"{ratio} contacts for every real connection, in a network {over}."
    )


def attention(inputs: Inputs, read: bool, tally: dict[str, float | None], followups: int) -> Attention:
    """What needs the user now, and the one command that shows it (or that adds the evidence)."""
    if read:
        why, step = "see whom", "netaudit followups"
    elif SourceKind.MESSAGES in {s.kind for s in inputs.sources}:
        why, step = "add calls and coffees", "netaudit analyze EXPORT -i LOG.csv"
    else:
        why, step = "add your messages", "netaudit analyze EXPORT.zip"
    return Attention(
        interactions_read=read,
        waiting=int(tally["unanswered"] or 0),
        fading=int(tally["fading"] or 0),
        followups=followups,
        next=step,
        why=why,
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
