"""The report models: what every output format renders, and what `netaudit schema` prints."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from netaudit.models import NotRead, SourceSummary

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
    model_config = ConfigDict(populate_by_name=True, use_enum_values=False)


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
            f"ratio {self.dunbar_ratio:g}, excess {self.dunbar_excess:,}."
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
        return "n/a (no two-way relationship)" if ratio is None else f"{ratio:g}"


class Recency(_Model):
    d0_30: int = Field(alias="0-30")
    d31_90: int = Field(alias="31-90")
    d91_365: int = Field(alias="91-365")
    d366_plus: int = Field(alias="366+")
    never: int


class Layer(_Model):
    name: str
    capacity: int
    members: int
    min_touch_days: float
    difference: int = Field(description="members - capacity: overflow if positive")


class YearGrowth(_Model):
    year: int
    connections_added: int
    interactions: int


class Unmatched(_Model):
    name: str
    interactions: int
    ambiguous: bool = Field(False, description="two or more connections have this name")
    did_you_mean: str | None = None


class InteractionSummary(_Model):
    total: int = Field(description="matched + unmatched + every ignored record")
    matched: int
    unmatched: int
    ambiguous: int = Field(description="unmatched because two connections share the name")
    ignored: dict[str, int]
    top_unmatched: list[Unmatched] = []

    def sentence(self) -> str:
        ignored = ", ".join(f"{k} {v:,}" for k, v in self.ignored.items()) or "none"
        return (
            f"Interactions: {self.total:,} in all; {self.matched:,} matched to a connection, "
            f"{self.unmatched:,} unmatched ({self.ambiguous:,} ambiguous names); ignored: {ignored}."
        )


class Duplicate(_Model):
    name: str
    profile_url: str
    line: int
    first_line: int


class PersonRow(_Model):
    name: str
    profile_url: str
    relationship: RelationshipClass = Field(alias="class")
    last_interaction: date | None
    days_since: int | None
    inbound: int
    outbound: int
    mutual: int
    touch_days: int
    tie_strength: int
    layer: str | None


class Followup(_Model):
    rank: int
    name: str
    profile_url: str
    reason: Reason
    explanation: str
    action: str
    priority: float
    last_interaction: date | None
    days_since: int | None
    tie_strength: int
    draft: str | None = None


class Breach(_Model):
    metric: str
    kind: str = Field(description="max or min")
    limit: float
    actual: float | None
    passed: bool


class CheckResult(_Model):
    passed: bool
    checks: list[Breach] = Field(description="every threshold set, breached or not")

    def breaches(self) -> list[Breach]:
        return [c for c in self.checks if not c.passed]


class MetricDelta(_Model):
    metric: str
    before: float | None
    after: float | None


class Changes(_Model):
    """What moved since the previous recorded run."""

    previous_as_of: date
    metrics: list[MetricDelta]
    became_two_way: list[str]
    fell_dormant: list[str]
    new_connections: int
    new_connection_names: list[str]


class AnalysisReport(_Model):
    schema_version: int = SCHEMA_VERSION
    as_of: date
    window_days: int
    verdict: str
    network: NetworkSummary
    relationships: Relationships
    recency: Recency
    layers: list[Layer]
    growth: list[YearGrowth]
    interactions: InteractionSummary
    sources: list[SourceSummary]
    not_read: list[NotRead] = Field(default=[], description="files in the export that were not read, and why")
    duplicates: list[Duplicate]
    owner: str | None = Field(None, description="whose export this is, and how it was found")
    notes: list[str] = Field(default=[], description="what this report can and cannot tell")
    followups: list[Followup] = Field(default=[], description="the top follow-ups")
    check: CheckResult | None = Field(None, description="thresholds from the config, if any are set")
    changes: Changes | None = Field(None, description="since the previous run, from netaudit's history")
    redacted: bool = Field(False, description="people shown as initials and a stable tag")
    people: list[PersonRow] | None = None


class FollowupReport(_Model):
    schema_version: int = SCHEMA_VERSION
    as_of: date
    total: int = Field(description="suggestions before --top and --reason")
    followups: list[Followup]
    redacted: bool = False


class CheckReport(_Model):
    schema_version: int = SCHEMA_VERSION
    as_of: date
    verdict: str
    check: CheckResult
    redacted: bool = False


class TrendRun(_Model):
    run: int
    as_of: date
    command: str
    metrics: dict[str, float | None]


class TrendReport(_Model):
    schema_version: int = SCHEMA_VERSION
    metrics: list[str]
    runs: list[TrendRun]


class Setting(_Model):
    key: str
    value: object
    origin: str = Field(description="default, a config file, $NETAUDIT_… or flag")


class ConfigReport(_Model):
    schema_version: int = SCHEMA_VERSION
    file: str | None
    settings: list[Setting]
