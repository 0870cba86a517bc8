"""Markdown for a GitHub job summary or a note: the same content as the terminal report."""

from __future__ import annotations

from netaudit.render import Options
from netaudit.render.text import (
    PEOPLE_HEADER,
    agreement_lines,
    change_lines,
    check_lines,
    next_steps,
    number,
    person_cells,
    profile_link,
    sparkline,
    summary_lines,
    work,
)
from netaudit.render.text import markdown as md
from netaudit.report_models import AnalysisReport, CheckReport, ConfigReport, Followup, FollowupReport, TrendReport


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return [*out, ""]


def followup_rows(items: list[Followup]) -> list[str]:
    rows = []
    for f in items:
        why = md(f.explanation) + (f"<br>“{md(f.preview)}”" if f.preview else "")
        why += f"<br>*Draft:* {md(f.draft)}" if f.draft else ""
        rows.append(
            [
                str(f.rank),
                _who(f),
                f.reason.value,
                why,
                md(f.action),
                f"{f.priority:g}",
                str(f.last_interaction or "never"),
                str(f.tie_strength),
            ]
        )
    return _table(["#", "Name", "Reason", "Why", "Action", "Priority", "Last", "Tie"], rows)


def _who(f: Followup) -> str:
    """`[Ada Example](https://…)<br>Staff Engineer at Acme`."""
    name = md(f.name, 80)
    who = f"[{name}](<{link}>)" if (link := profile_link(f.profile_url)) else name
    return who + (f"<br>{md(what)}" if (what := work(f.position, f.company)) else "")


def _summary(report: AnalysisReport) -> list[str]:
    """The verdict in bold, what needs the user now, and what to run next (all of `--brief`)."""
    verdict, *rest = summary_lines(report)
    steps = [f"- {md(what)}: `{command}`" for what, command in next_steps(report)]
    return [f"**{md(verdict)}**", "", "<br>".join(md(x) for x in rest), "", *steps, ""]


def analysis(report: AnalysisReport, options: Options) -> str:
    head = ["# netaudit report", "", f"As of {report.as_of}, window {report.window_days} days.", ""]
    if options.brief:
        return "\n".join([*head, *_summary(report)]).rstrip() + "\n"
    agreed = agreement_lines(report)
    lines = [
        *head,
        *_summary(report),
        *_relationships(report),
        *_layers_and_growth(report),
        *_check_and_changes(report),
        *(["## Against your labels", "", *(f"- {md(x)}" for x in agreed), ""] if agreed else []),
        *_followups_and_people(report),
        *_what_was_read(report),
    ]
    if report.notes:
        lines += ["## Notes", "", *(f"- {md(n)}" for n in report.notes), ""]
    return "\n".join(lines).rstrip() + "\n"


def _relationships(report: AnalysisReport) -> list[str]:
    rel = report.relationships
    classes = ("two_way", "one_way_out", "one_way_in", "dormant", "never")
    return [
        "## Relationships",
        "",
        *_table(["Class", "People"], [[k.replace("_", " "), f"{getattr(rel, k):,}"] for k in classes]),
        f"Contacts per real connection: **{rel.ratio_text()}**",
        "",
        "## Recency",
        "",
        *_table(
            ["Days since last interaction", "People"],
            [[md(k), f"{v:,}"] for k, v in report.recency.model_dump(by_alias=True).items()],
        ),
    ]


def _layers_and_growth(report: AnalysisReport) -> list[str]:
    layers = [
        [x.name, str(x.capacity), f"{x.members:,}", f"{x.min_touch_days:g}", f"{x.difference:+d}"]
        for x in report.layers
    ]
    return [
        "## Dunbar layers",
        "",
        md(report.network.against_dunbar()),
        "",
        *_table(["Layer", "Capacity", "Members", "Min touch-days", "Difference"], layers),
        "## Growth",
        "",
        *_table(
            ["Year", "Connections added", "Interactions"],
            [[str(g.year), f"{g.connections_added:,}", f"{g.interactions:,}"] for g in report.growth],
        ),
    ]


def _check_and_changes(report: AnalysisReport) -> list[str]:
    lines: list[str] = []
    if report.check is not None:
        lines += [
            "## Check: " + ("passed" if report.check.passed else "**breached**"),
            "",
            *(f"- {md(x)}" for x in check_lines(report.check)),
            "",
        ]
    if report.changes is not None:
        lines += ["## Changes", "", *(f"- {md(x)}" for x in change_lines(report.changes)), ""]
    return lines


def _followups_and_people(report: AnalysisReport) -> list[str]:
    lines: list[str] = []
    if report.followups:
        lines += ["## Top follow-ups", "", *followup_rows(report.followups)]
    if report.people is not None:
        lines += [f"## People ({len(report.people):,}, strongest ties first)", ""]
        rows = [[md(c, 80) for c in person_cells(p)] for p in report.people]
        lines += _table([h.capitalize() for h in PEOPLE_HEADER], rows)
    return lines


def _what_was_read(report: AnalysisReport) -> list[str]:
    """The sources with their counts, then the rows skipped or read with a warning, and the
    files not read."""
    lines = ["## What was read", ""]
    lines += _table(
        ["Source", "File", "Rows", "Used", "Ignored", "Skipped"],
        [
            [s.kind.value, md(s.path), f"{s.rows:,}", f"{s.used:,}", f"{s.ignored:,}", f"{s.skipped:,}"]
            for s in report.sources
        ],
    )
    lines += [md(report.interactions.sentence()), ""]
    skips = [(s.path, k) for s in report.sources for k in s.skips]
    if skips:
        lines += ["### Skipped rows", ""]
        lines += _table(["File", "Line", "Reason"], [[md(p), str(k.line), md(k.reason)] for p, k in skips[:50]])
    warnings = [(s.path, w) for s in report.sources for w in s.warnings]
    if warnings:
        lines += ["### Warnings", ""]
        lines += _table(["File", "Line", "Warning"], [[md(p), str(w.line), md(w.reason)] for p, w in warnings[:50]])
    if report.not_read:
        lines += ["### Not read", ""]
        lines += _table(["File", "Why"], [[md(n.path), md(n.why)] for n in report.not_read])
    return lines


def followups(report: FollowupReport, options: Options) -> str:
    lines = [
        f"# Follow-ups as of {report.as_of}",
        "",
        f"{report.count()} suggestions.",
        "",
    ]
    if report.followups:
        lines += followup_rows(report.followups)
    return "\n".join(lines).rstrip() + "\n"


def check(report: CheckReport, options: Options) -> str:
    title = "passed" if report.check.passed else "**breached**"
    lines = [f"# netaudit check: {title}", "", f"As of {report.as_of}. {md(report.verdict)}", ""]
    lines += _table(
        ["Metric", "Limit", "Actual", "Result"],
        [
            [c.metric, f"{c.kind} {number(c.limit)}", number(c.actual), "ok" if c.passed else "**breached**"]
            for c in report.check.checks
        ],
    )
    return "\n".join(lines).rstrip() + "\n"


def trend(report: TrendReport, options: Options) -> str:
    lines = ["# netaudit trend", ""]
    rows = []
    for metric in report.metrics:
        values = [r.metrics.get(metric) for r in report.runs]
        rows.append([metric, sparkline(values), number(values[0]), number(values[-1])])
    lines += _table(["Metric", "Trend", "First", "Last"], rows)
    lines += _table(
        ["Run", "As of", "Command", *report.metrics],
        [
            [str(r.run), str(r.as_of), r.command, *(number(r.metrics.get(m)) for m in report.metrics)]
            for r in report.runs
        ],
    )
    return "\n".join(lines).rstrip() + "\n"


def config(report: ConfigReport, options: Options) -> str:
    lines = ["# netaudit settings", "", f"Config file: {md(report.file or 'none')}", ""]
    lines += _table(["Key", "Value", "From"], [[md(s.key), md(str(s.value)), md(s.origin)] for s in report.settings])
    return "\n".join(lines).rstrip() + "\n"
