"""The report models: what every output format renders, and what `netaudit schema` prints."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from netaudit import wording
from netaudit.ledger import NotRead, SourceSummary
from netaudit.personal import Hidden, Mentions, Name, Text

SCHEMA_VERSION = 1


class RelationshipClass(StrEnum):
    TWO_WAY = "two_way"
    ONE_WAY_OUT = "one_way_out"
    ONE_WAY_IN = "one_way_in"
    DORMANT = "dormant"
    NEVER = "never"


class Reason(StrEnum):
    UNANSWERED = "unanswered"
    RECIPROCATE = "reciprocate"
    FADING = "fading"
    THANK_NEW = "thank_new"
    RECONNECT = "reconnect"
    ONE_WAY = "one_way"


class _Model(BaseModel):
    model_config = ConfigDict(populate_by_name=True, use_enum_values=False, frozen=True)  # built once


class NetworkSummary(_Model):
    size: int = Field(description="people plus hidden profiles; duplicates not counted")
    people: int
    hidden_profiles: int
    duplicates: int
    dunbar_number: int
    dunbar_excess: int = Field(description="size - dunbar_number; negative means headroom")
    dunbar_ratio: float

    def against_dunbar(self) -> str:
        return (
            f"Network size {self.size:,} against {self.dunbar_number}: "
            f"{wording.times(self.dunbar_ratio)}, excess {self.dunbar_excess:,}."
        )


class Relationships(_Model):
    two_way: int
    one_way_out: int
    one_way_in: int
    dormant: int
    never: int
    contacts: int = Field(description="everyone but two_way")
    contacts_per_connection: float | None = Field(description="contacts / two_way; null if none")

    def ratio_text(self) -> str:
        ratio = self.contacts_per_connection
        return "n/a (no two-way relationship)" if ratio is None else wording.ratio(ratio)


class Recency(_Model):
    d0_30: int = Field(alias="0-30")
    d31_90: int = Field(alias="31-90")
    d91_365: int = Field(alias="91-365")
    d366_plus: int = Field(alias="366+")
    never: int


class Layer(_Model):
    name: Text
    capacity: int
    members: int
    min_touch_days: float
    difference: int = Field(description="members - capacity: overflow if positive")


class YearGrowth(_Model):
    year: int
    connections_added: int
    interactions: int


class Unmatched(_Model):
    name: Annotated[str, Name()]
    interactions: int
    ambiguous: bool = Field(False, description="two or more connections have this name")
    did_you_mean: Annotated[str | None, Name()] = None


class InteractionSummary(_Model):
    total: int = Field(description="matched + unmatched + every ignored record")
    matched: int
    unmatched: int
    ambiguous: int = Field(description="unmatched because two connections share the name")
    ignored: dict[Text, int]
    top_unmatched: list[Unmatched] = []

    def sentence(self) -> str:
        ignored = ", ".join(f"{k} {v:,}" for k, v in self.ignored.items()) or "none"
        return (
            f"Interactions: {self.total:,} in all; {self.matched:,} matched to a connection, "
            f"{self.unmatched:,} unmatched ({self.ambiguous:,} ambiguous names); ignored: {ignored}."
        )


class Duplicate(_Model):
    name: Annotated[str, Name(by="profile_url")]
    profile_url: Annotated[str, Hidden()]
    line: int
    first_line: int


class PersonRow(_Model):
    name: Annotated[str, Name(by="profile_url")]
    profile_url: Annotated[str, Hidden()]
    relationship: RelationshipClass = Field(alias="class")
    last_interaction: date | None
    days_since: int | None
    inbound: int
    outbound: int
    mutual: int
    touch_days: int
    tie_strength: int
    layer: Text | None


class Followup(_Model):
    rank: int
    name: Annotated[str, Name(by="profile_url")]
    profile_url: Annotated[str, Hidden()]
    reason: Reason
    explanation: Annotated[str, Mentions()]
    action: Text
    priority: float
    last_interaction: date | None
    days_since: int | None
    tie_strength: int
    draft: Annotated[str | None, Mentions()] = None
    company: Annotated[str, Hidden()] = Field("", description="from Connections.csv, at export time")
    position: Annotated[str, Hidden()] = Field("", description="from Connections.csv, at export time")
    wrote_on: date | None = Field(None, description="unanswered: the day of their latest written contact")
    wrote_via: Text | None = Field(None, description="unanswered: message, email or invitation")
    preview: Annotated[str | None, Hidden()] = Field(
        None, description="unanswered: one line of their message (local, unredacted output only)"
    )


class Breach(_Model):
    metric: Text
    kind: Text = Field(description="max or min")
    limit: float
    actual: float | None
    passed: bool


class CheckResult(_Model):
    passed: bool
    checks: list[Breach] = Field(description="every threshold set, breached or not")

    def breaches(self) -> list[Breach]:
        return [c for c in self.checks if not c.passed]


class MetricDelta(_Model):
    metric: Text
    before: float | None
    after: float | None


class Changes(_Model):
    """What moved since the previous recorded run."""

    previous_as_of: date
    metrics: list[MetricDelta]
    became_two_way: Annotated[list[str], Name(by="_became_two_way_keys", sort=True)]
    fell_dormant: Annotated[list[str], Name(by="_fell_dormant_keys", sort=True)]
    new_connections: int
    new_connection_names: Annotated[list[str], Name(by="_new_connection_keys", sort=True)]
    # each listed person's key (profile URL key, else name key), in the order of the names
    _became_two_way_keys: list[str] = PrivateAttr(default_factory=list)
    _fell_dormant_keys: list[str] = PrivateAttr(default_factory=list)
    _new_connection_keys: list[str] = PrivateAttr(default_factory=list)


class LabelAgreement(_Model):
    """How netaudit sees the people the user gave one label (`netaudit label`)."""

    label: Text
    people: int
    two_way: int
    inner_layers: int = Field(description="in the support or sympathy layer (the closest 15)")
    classes: dict[Text, int] = Field(description="how many of them are in each class")
    layers: dict[Text, int] = Field(description="the innermost Dunbar layer each reaches (none: no layer)")
    summary: Text


class Agreement(_Model):
    """netaudit's classes and layers against the user's own labels: the only ground truth a
    local tool can have."""

    labelled: int = Field(description="labelled people among the connections")
    labels: list[LabelAgreement]


class Attention(_Model):
    """What needs the user now: said under the verdict, and again in the summary that ends the
    report (all that `analyze --brief` prints)."""

    interactions_read: bool = Field(description="false: no interaction at all was read, only the connections")
    waiting: int = Field(description="people waiting for a reply (follow-up reason `unanswered`)")
    fading: int = Field(description="two-way ties going quiet (follow-up reason `fading`)")
    followups: int = Field(description="every follow-up suggestion")
    next: Text = Field(description="the one command to run next")
    why: Text = Field(description="what `next` does, in a few words")

    def sentence(self) -> str:
        """`3 people are waiting for your reply, 2 close ties are fading; 9 follow-ups in all.`"""
        if not self.interactions_read:
            if self.followups:
                return f"Until then, the only follow-ups are new connections to welcome ({self.followups:,})."
            return "Follow-ups need evidence: your messages, or a log of calls and coffees."
        if not self.followups:
            return "Nobody is waiting for your reply and no close tie is fading: nothing to follow up."
        waiting = f"{self.waiting:,} {'person is' if self.waiting == 1 else 'people are'} waiting for your reply"
        fading = f"{self.fading:,} close {'tie is' if self.fading == 1 else 'ties are'} fading"
        return f"{waiting}, {fading}; {self.followups:,} follow-up{'s' * (self.followups != 1)} in all."


class AnalysisReport(_Model):
    schema_version: int = SCHEMA_VERSION
    as_of: date
    window_days: int
    verdict: Text
    attention: Attention
    network: NetworkSummary
    relationships: Relationships
    recency: Recency
    layers: list[Layer]
    growth: list[YearGrowth]
    interactions: InteractionSummary
    sources: list[SourceSummary]
    not_read: list[NotRead] = Field(default=[], description="files in the export that were not read, and why")
    duplicates: list[Duplicate]
    owner: Annotated[str | None, Hidden("(redacted)")] = Field(
        None, description="whose export this is, and how it was found"
    )
    notes: list[Text] = Field(default=[], description="what this report can and cannot tell")
    followups: list[Followup] = Field(default=[], description="the top follow-ups")
    check: CheckResult | None = Field(None, description="thresholds from the config, if any are set")
    changes: Changes | None = Field(None, description="since the previous run, from netaudit's history")
    redacted: bool = Field(False, description="people shown as initials and a stable tag")
    people: list[PersonRow] | None = None
    agreement: Agreement | None = Field(None, description="against the labels given with `netaudit label`")


class FollowupReport(_Model):
    schema_version: int = SCHEMA_VERSION
    as_of: date
    total: int = Field(description="suggestions before --top and --reason")
    matched: int = Field(description="suggestions of the reasons asked for (--reason), before --top")
    reasons: list[Reason] = Field(default=[], description="the reasons asked for; none: every reason")
    followups: list[Followup]

    def count(self) -> str:
        """`5 of 40 fading or reconnect (374 in all)`; `10 of 374` when every reason is listed."""
        shown = f"{len(self.followups):,} of {self.matched:,}"
        if not self.reasons:
            return shown
        return f"{shown} {' or '.join(r.value for r in self.reasons)} ({self.total:,} in all)"

    redacted: bool = False


class CheckReport(_Model):
    schema_version: int = SCHEMA_VERSION
    as_of: date
    verdict: Text
    check: CheckResult
    redacted: bool = False


class TrendRun(_Model):
    run: int
    as_of: date
    command: Text
    metrics: dict[Text, float | None]


class TrendReport(_Model):
    schema_version: int = SCHEMA_VERSION
    metrics: list[Text]
    runs: list[TrendRun]


#: The settings that name people (their values are names or profile URLs).
PEOPLE_SETTINGS = frozenset({"me", "followups.never_suggest"})


class Setting(_Model):
    key: Text
    value: Annotated[object, Name(when="names_people")]
    origin: Text = Field(description="default, a config file, $NETAUDIT_… or flag")

    @property
    def names_people(self) -> bool:
        return self.key in PEOPLE_SETTINGS


class ConfigReport(_Model):
    schema_version: int = SCHEMA_VERSION
    file: Text | None
    settings: list[Setting]
