"""The row ledger: what each file contributed (used, ignored, skipped) and what was not read."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict

from netaudit.personal import Quotes, Text

if TYPE_CHECKING:
    pass


class SourceKind(StrEnum):
    CONNECTIONS = "connections"
    MESSAGES = "messages"
    INVITATIONS = "invitations"
    ENDORSEMENTS_RECEIVED = "endorsements_received"
    ENDORSEMENTS_GIVEN = "endorsements_given"
    RECOMMENDATIONS_RECEIVED = "recommendations_received"
    RECOMMENDATIONS_GIVEN = "recommendations_given"
    INTERACTION_LOG = "interaction_log"
    MAIL = "mail"


class Skip(BaseModel):
    """A row that could not be read, and where it is."""

    model_config = ConfigDict(frozen=True)
    line: int
    reason: Annotated[str, Quotes()]


#: How many skipped rows a source lists by line; the count always covers all of them.
MAX_LISTED_SKIPS = 200


class SourceSummary(BaseModel):
    """What one file contributed: every row is exactly one of used, ignored or skipped."""

    kind: SourceKind
    path: Text
    rows: int = 0
    used: int = 0
    ignored: int = 0
    skipped: int = 0
    ignored_reasons: dict[Text, int] = {}
    skips: list[Skip] = []
    warnings: list[Skip] = []  # rows that were read, with something the user should know (a bad date)

    def use(self, n: int = 1) -> None:
        self.rows += n
        self.used += n

    def ignore(self, reason: str, n: int = 1) -> None:
        if n <= 0:
            return
        self.rows += n
        self.ignored += n
        self.ignored_reasons[reason] = self.ignored_reasons.get(reason, 0) + n

    def skip(self, line: int, reason: str) -> None:
        self.rows += 1
        self.skipped += 1
        if len(self.skips) < MAX_LISTED_SKIPS:
            self.skips.append(Skip(line=line, reason=reason))

    def warn(self, line: int, reason: str) -> None:
        """A row that was read (and counted as used or ignored), but not quite as written."""
        if len(self.warnings) < MAX_LISTED_SKIPS:
            self.warnings.append(Skip(line=line, reason=reason))


class NotRead(BaseModel):
    """A file (or a folder of files) that was in the export and was not read, and why."""

    model_config = ConfigDict(frozen=True)
    path: Text
    why: Text
