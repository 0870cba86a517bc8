"""Output formats: one module each, each a pure `str` from a report model; none of them prints."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

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


def render_analysis(report: AnalysisReport, fmt: str, options: Options) -> str:
    from netaudit.render import html, json, markdown, table

    renderers: dict[Format, Callable[[AnalysisReport, Options], str]] = {
        Format.TABLE: table.analysis,
        Format.JSON: json.analysis,
        Format.MARKDOWN: markdown.analysis,
        Format.HTML: html.analysis,
    }
    return renderers[Format(fmt)](report, options)


def render_followups(report: FollowupReport, fmt: str, options: Options) -> str:
    from netaudit.render import csv, json, markdown, table

    renderers: dict[Format, Callable[[FollowupReport, Options], str]] = {
        Format.TABLE: table.followups,
        Format.JSON: json.followups,
        Format.MARKDOWN: markdown.followups,
        Format.CSV: csv.followups,
    }
    return renderers[Format(fmt)](report, options)
