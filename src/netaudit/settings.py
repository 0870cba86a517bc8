"""Every setting of netaudit in one validated model (defaults and meaning in the README)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

LayerName = Literal["support", "sympathy", "affinity", "active"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class TieWeights(_Strict):
    """Relative weights of the five parts of tie strength; they need not add up to 1."""

    recency: float = Field(30, ge=0)
    frequency: float = Field(25, ge=0)
    reciprocity: float = Field(20, ge=0)
    depth: float = Field(15, ge=0)
    duration: float = Field(10, ge=0)


class Model(_Strict):
    """The relationship model: window, Dunbar layers and tie strength."""

    window_days: int = Field(365, ge=1, le=36500)
    dunbar_number: int = Field(150, ge=1)
    support_touch_days: float = Field(52, ge=0, description="per 365 days, scaled to the window")
    sympathy_touch_days: float = Field(12, ge=0)
    affinity_touch_days: float = Field(4, ge=0)
    recency_half_life_days: float = Field(90, gt=0)
    tie_weights: TieWeights = Field(default_factory=TieWeights)


class Followups(_Strict):
    """When someone is worth a message, and when to stop suggesting them."""

    fading_after_days: int = Field(90, ge=1)
    new_connection_days: int = Field(90, ge=1)
    max_unanswered_messages: int = Field(3, ge=1)
    top: int = Field(10, ge=1)
    never_suggest: list[str] = Field(default_factory=list, description="names or profile URLs")


class Check(_Strict):
    """Thresholds for `netaudit check`; a threshold left out is not checked."""

    max_contacts_per_connection: float | None = Field(None, ge=0)
    min_two_way: int | None = Field(None, ge=0)
    max_unanswered: int | None = Field(None, ge=0)
    max_unanswered_age_days: int | None = Field(None, ge=0)
    max_fading: int | None = Field(None, ge=0)
    min_layer_members: dict[LayerName, int] = Field(default_factory=dict)


class Settings(_Strict):
    export: Path | None = Field(None, description="Connections.csv, export folder or .zip")
    interactions: list[Path] = Field(default_factory=list, description="interaction logs or messages.csv files")
    log: Path | None = Field(None, description="the interaction log `netaudit log` appends to (also read)")
    me: str | None = None
    redact: Literal["auto", "always", "never"] = Field("auto", description="auto: when the CI variable is set")
    model: Model = Field(default_factory=Model)
    followups: Followups = Field(default_factory=Followups)
    check: Check = Field(default_factory=Check)

    def sources(self) -> list[Path]:
        """Every interaction file to read: the logs, and the one `netaudit log` writes (once it exists)."""
        log = self.log
        extra = [log] if log is not None and log not in self.interactions and log.exists() else []
        return [*self.interactions, *extra]
