"""Output formats: one module each, each a pure `str` from a report model; none of them prints."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netaudit.report import AnalysisReport, FollowupReport


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"


#: Which formats each report has; a test checks every one renders.
ANALYSIS_FORMATS = (Format.TABLE, Format.JSON, Format.MARKDOWN, Format.HTML)
FOLLOWUP_FORMATS = (Format.TABLE, Format.JSON, Format.MARKDOWN, Format.CSV)


class Options:
    """How the terminal looks; formats other than `table` ignore it."""

    def __init__(self, width: int = 100, color: bool = False) -> None:
        self.width = width
        self.color = color


#: Which formats each kind of report has; a test checks every pair renders.
FORMATS: dict[str, tuple[Format, ...]] = {
    "analysis": ANALYSIS_FORMATS,
    "followups": FOLLOWUP_FORMATS,
    "check": (Format.TABLE, Format.JSON, Format.MARKDOWN),
    "trend": (Format.TABLE, Format.JSON, Format.MARKDOWN),
    "config": (Format.TABLE, Format.JSON, Format.MARKDOWN),
}


def render(kind: str, report: Any, fmt: str, options: Options) -> str:
    """The text of `report` (a model of kind `kind`) in format `fmt`: one module per format,
    imported only when used (rich alone costs 60 ms that a JSON run does not need)."""
    import importlib

    if Format(fmt) not in FORMATS[kind]:
        raise ValueError(f"no {fmt} format for {kind}")
    module = importlib.import_module(f"netaudit.render.{Format(fmt).value}")
    function: Callable[[Any, Options], str] = getattr(module, kind)
    return function(report, options)


def render_analysis(report: AnalysisReport, fmt: str, options: Options) -> str:
    return render("analysis", report, fmt, options)


def render_followups(report: FollowupReport, fmt: str, options: Options) -> str:
    return render("followups", report, fmt, options)
