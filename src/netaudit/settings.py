"""Every number of the model, in one validated settings object (defaults documented in README)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class TieWeights(BaseModel):
    """Relative weights of the five parts of tie strength; they need not add up to 1."""

    model_config = ConfigDict(extra="forbid")
    recency: float = Field(30, ge=0)
    frequency: float = Field(25, ge=0)
    reciprocity: float = Field(20, ge=0)
    depth: float = Field(15, ge=0)
    duration: float = Field(10, ge=0)


class Model(BaseModel):
    """The relationship model: window, Dunbar layers and tie strength."""

    model_config = ConfigDict(extra="forbid")
    window_days: int = Field(365, ge=1, le=36500)
    dunbar_number: int = Field(150, ge=1)
    support_touch_days: float = Field(52, ge=0, description="per 365 days, scaled to the window")
    sympathy_touch_days: float = Field(12, ge=0)
    affinity_touch_days: float = Field(4, ge=0)
    recency_half_life_days: float = Field(90, gt=0)
    tie_weights: TieWeights = Field(default_factory=TieWeights)


class Followups(BaseModel):
    """When someone is worth a message, and when to stop suggesting them."""

    model_config = ConfigDict(extra="forbid")
    fading_after_days: int = Field(90, ge=1)
    new_connection_days: int = Field(90, ge=1)
    max_unanswered_messages: int = Field(3, ge=1)
    top: int = Field(10, ge=1)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    model: Model = Field(default_factory=Model)
    followups: Followups = Field(default_factory=Followups)
