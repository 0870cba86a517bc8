"""netaudit: tells you how many of your LinkedIn connections are real relationships.

`import netaudit` stays light (the command line imports it first): the Python API, `analyze` and
`NetworkAudit`, is imported on first use, and pandas only when a DataFrame is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netaudit.errors import ConfigError, InputError, NetauditError, StateError

if TYPE_CHECKING:
    from netaudit.api import NetworkAudit, analyze

__version__ = "0.1.0"
__all__ = ["ConfigError", "InputError", "NetauditError", "NetworkAudit", "StateError", "__version__", "analyze"]
_API = {"analyze", "NetworkAudit"}


def __getattr__(name: str) -> Any:
    if name in _API:
        from netaudit import api

        return getattr(api, name)
    raise AttributeError(f"module 'netaudit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _API)
