"""Every setting of netaudit in one validated model (defaults and meaning in the README)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

LayerName = Literal["support", "sympathy", "affinity", "active"]


#: The longest span of days a setting may name (as the window): 100 years. Longer ones would
#: overflow a date in arithmetic and mean nothing for a network of people.
MAX_DAYS = 36500
#: The largest count a threshold may name (more than any network holds; finite as a float).
MAX_COUNT = 1_000_000_000
#: The largest relative weight of a part of tie strength (their sum must stay finite).
MAX_WEIGHT = 1000


class _Strict(BaseModel):
    # inf and nan are refused at the boundary: `inf` as a weight made every tie strength nan
    # (-2147483648 as an integer), and JSON has no Infinity
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


class TieWeights(_Strict):
    """Relative weights of the five parts of tie strength; they need not add up to 1."""

    recency: float = Field(30, ge=0, le=MAX_WEIGHT)
    frequency: float = Field(25, ge=0, le=MAX_WEIGHT)
    reciprocity: float = Field(20, ge=0, le=MAX_WEIGHT)
    depth: float = Field(15, ge=0, le=MAX_WEIGHT)
    duration: float = Field(10, ge=0, le=MAX_WEIGHT)


class Model(_Strict):
    """The relationship model: window, Dunbar layers and tie strength."""

    window_days: int = Field(365, ge=1, le=MAX_DAYS)
    dunbar_number: int = Field(150, ge=1, le=1_000_000)
    support_touch_days: float = Field(52, ge=0, le=MAX_DAYS, description="per 365 days, scaled to the window")
    sympathy_touch_days: float = Field(12, ge=0, le=MAX_DAYS)
    affinity_touch_days: float = Field(4, ge=0, le=MAX_DAYS)
    recency_half_life_days: float = Field(90, gt=0, le=MAX_DAYS)
    tie_weights: TieWeights = Field(default_factory=TieWeights)


class Followups(_Strict):
    """When someone is worth a message, and when to stop suggesting them."""

    fading_after_days: int = Field(90, ge=1, le=MAX_DAYS)
    new_connection_days: int = Field(90, ge=1, le=MAX_DAYS)
    max_unanswered_messages: int = Field(3, ge=1, le=MAX_COUNT)
    top: int = Field(10, ge=1, le=MAX_COUNT)
    never_suggest: list[str] = Field(default_factory=list, description="names or profile URLs")


class Mail(_Strict):
    """Which e-mail counts as personal."""

    max_recipients: int = Field(10, ge=1, le=MAX_COUNT, description="more recipients (you included): not personal")


class Check(_Strict):
    """Thresholds for `netaudit check`; a threshold left out is not checked."""

    max_contacts_per_connection: float | None = Field(None, ge=0, le=MAX_COUNT)
    min_two_way: int | None = Field(None, ge=0, le=MAX_COUNT)
    max_unanswered: int | None = Field(None, ge=0, le=MAX_COUNT)
    max_unanswered_age_days: int | None = Field(None, ge=0, le=MAX_DAYS)
    max_fading: int | None = Field(None, ge=0, le=MAX_COUNT)
    min_layer_members: dict[LayerName, Annotated[int, Field(ge=0, le=MAX_COUNT)]] = Field(default_factory=dict)


class Settings(_Strict):
    export: Path | None = Field(None, description="Connections.csv, export folder or .zip")
    interactions: list[Path] = Field(default_factory=list, description="interaction logs or messages.csv files")
    log: Path | None = Field(None, description="the interaction log `netaudit log` appends to (also read)")
    me: list[str] = Field(
        default_factory=list, description="you: your name, profile URL and e-mail addresses (one value or a list)"
    )
    redact: Literal["auto", "always", "never"] = Field("auto", description="auto: when the CI variable is set")
    model: Model = Field(default_factory=Model)
    followups: Followups = Field(default_factory=Followups)
    check: Check = Field(default_factory=Check)
    mail: Mail = Field(default_factory=Mail)

    @field_validator("me", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        """`me = "Ada"` (and NETAUDIT_ME) is one value; `me = [...]` several."""
        return [value] if isinstance(value, str) else value

    def sources(self) -> list[Path]:
        """Every interaction file to read: the logs, and the one `netaudit log` writes (once it exists)."""
        log = self.log
        extra = [log] if log is not None and log not in self.interactions and log.exists() else []
        return [*self.interactions, *extra]
