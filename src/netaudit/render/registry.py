"""Which function renders each kind of report in each format: typed, so mypy checks that every
function takes the report it is given. The terminal table is imported only when used (rich costs
about 60 ms that a JSON run does not need)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from netaudit.render import FORMATS, Format, Kind, Options, csv, html, json, markdown
from netaudit.report_models import AnalysisReport, CheckReport, ConfigReport, FollowupReport, TrendReport

Report = AnalysisReport | FollowupReport | CheckReport | TrendReport | ConfigReport


def _table_analysis(report: AnalysisReport, options: Options) -> str:
    from netaudit.render import table

    return table.analysis(report, options)


def _table_followups(report: FollowupReport, options: Options) -> str:
    from netaudit.render import table

    return table.followups(report, options)


def _table_check(report: CheckReport, options: Options) -> str:
    from netaudit.render import table

    return table.check(report, options)


def _table_trend(report: TrendReport, options: Options) -> str:
    from netaudit.render import table

    return table.trend(report, options)


def _table_config(report: ConfigReport, options: Options) -> str:
    from netaudit.render import table

    return table.config(report, options)


ANALYSIS: Mapping[Format, Callable[[AnalysisReport, Options], str]] = {
    Format.TABLE: _table_analysis,
    Format.JSON: json.analysis,
    Format.MARKDOWN: markdown.analysis,
    Format.HTML: html.analysis,
}
FOLLOWUPS: Mapping[Format, Callable[[FollowupReport, Options], str]] = {
    Format.TABLE: _table_followups,
    Format.JSON: json.followups,
    Format.MARKDOWN: markdown.followups,
    Format.CSV: csv.followups,
}
CHECK: Mapping[Format, Callable[[CheckReport, Options], str]] = {
    Format.TABLE: _table_check,
    Format.JSON: json.check,
    Format.MARKDOWN: markdown.check,
}
TREND: Mapping[Format, Callable[[TrendReport, Options], str]] = {
    Format.TABLE: _table_trend,
    Format.JSON: json.trend,
    Format.MARKDOWN: markdown.trend,
}
CONFIG: Mapping[Format, Callable[[ConfigReport, Options], str]] = {
    Format.TABLE: _table_config,
    Format.JSON: json.config,
    Format.MARKDOWN: markdown.config,
}
#: Every function of every kind, for the test that checks this agrees with `FORMATS`.
RENDERERS: Mapping[Kind, Mapping[Format, object]] = {
    Kind.ANALYSIS: ANALYSIS,
    Kind.FOLLOWUPS: FOLLOWUPS,
    Kind.CHECK: CHECK,
    Kind.TREND: TREND,
    Kind.CONFIG: CONFIG,
}


def kind_of(report: Report) -> Kind:
    kinds: dict[type[Report], Kind] = {
        AnalysisReport: Kind.ANALYSIS,
        FollowupReport: Kind.FOLLOWUPS,
        CheckReport: Kind.CHECK,
        TrendReport: Kind.TREND,
        ConfigReport: Kind.CONFIG,
    }
    return kinds[type(report)]


def render(report: Report, fmt: Format, options: Options) -> str:
    if fmt not in FORMATS[kind_of(report)]:
        raise ValueError(f"no {fmt} format for {kind_of(report)}")
    if isinstance(report, AnalysisReport):
        return ANALYSIS[fmt](report, options)
    if isinstance(report, FollowupReport):
        return FOLLOWUPS[fmt](report, options)
    if isinstance(report, CheckReport):
        return CHECK[fmt](report, options)
    if isinstance(report, TrendReport):
        return TREND[fmt](report, options)
    return CONFIG[fmt](report, options)
