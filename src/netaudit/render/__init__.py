"""Output formats: one module each, each a pure `str` from a report model; none of them prints.

`FORMATS` says which formats each kind of report has: the CLI's `--format` choices are made from
it (`choices`), and `render.registry` maps each pair to its typed function (a test checks both
agree). This module stays light so that `--help` imports no renderer."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netaudit.render.registry import Report


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"


class Kind(StrEnum):
    """The kinds of report: one per command that prints one."""

    ANALYSIS = "analysis"
    FOLLOWUPS = "followups"
    CHECK = "check"
    TREND = "trend"
    CONFIG = "config"


#: Which formats each kind of report has, in the order `--help` lists them.
FORMATS: dict[Kind, tuple[Format, ...]] = {
    Kind.ANALYSIS: (Format.TABLE, Format.JSON, Format.MARKDOWN, Format.HTML),
    Kind.FOLLOWUPS: (Format.TABLE, Format.JSON, Format.MARKDOWN, Format.CSV),
    Kind.CHECK: (Format.TABLE, Format.JSON, Format.MARKDOWN),
    Kind.TREND: (Format.TABLE, Format.JSON, Format.MARKDOWN),
    Kind.CONFIG: (Format.TABLE, Format.JSON, Format.MARKDOWN),
}


def choices(kind: Kind) -> type[StrEnum]:
    """The `--format` choices of a command: an enum typer can list, made from `FORMATS`."""
    return StrEnum(f"{kind.value.title()}Format", {f.value: f.value for f in FORMATS[kind]})  # type: ignore[return-value]


class Options:
    """How the output looks: width and colour are the terminal's (only `table` uses them)."""

    def __init__(self, width: int = 100, color: bool = False, brief: bool = False) -> None:
        self.width = width
        self.color = color
        self.brief = brief  # the analysis: its summary only (table and Markdown)


def render(report: Report, fmt: str, options: Options) -> str:
    """The text of `report` in format `fmt` (an error if that report has no such format)."""
    from netaudit.render.registry import render as rendered

    return rendered(report, Format(fmt), options)
