"""The one error hierarchy and the one exit-code enum; the CLI maps one to the other."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Exit codes, the same for every command (documented in README and --help)."""

    OK = 0
    THRESHOLD_BREACHED = 1
    USAGE_OR_INPUT_ERROR = 2
    INTERNAL_ERROR = 3


class NetauditError(Exception):
    """An error the user can fix: carries a one-line message, a hint, and detail lines (one per
    problem); text from files or arguments inside them is never taken for a line break."""

    def __init__(self, message: str, hint: str = "", details: tuple[str, ...] = ()) -> None:
        super().__init__("\n  ".join((message, *details)))  # for Python callers: the whole story
        self.message = message
        self.hint = hint
        self.details = details


class InputError(NetauditError):
    """A file or folder we cannot read as what it should be."""


class ConfigError(NetauditError):
    """Settings that are missing, unknown or out of range."""


class StateError(NetauditError):
    """netaudit's own local state cannot be read or written."""
