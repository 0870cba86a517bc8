"""Markdown for a GitHub job summary or a note: the same content as the terminal report."""

from __future__ import annotations

from netaudit.render import Options
from netaudit.render.text import markdown as md
from netaudit.report import AnalysisReport, Followup, FollowupReport


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return [*out, ""]


def followup_rows(items: list[Followup]) -> list[str]:
    rows = []
    for f in items:
        why = md(f.explanation) + (f"<br>*Draft:* {md(f.draft)}" if f.draft else "")
        rows.append(
            [
                str(f.rank),
                md(f.name, 80),
                f.reason.value,
                why,
                md(f.action),
                str(f.last_interaction or "never"),
                str(f.tie_strength),
            ]
        )
    return _table(["#", "Name", "Reason", "Why", "Action", "Last", "Tie"], rows)


def analysis(report: AnalysisReport, options: Options) -> str:
    rel, net = report.relationships, report.network
    lines = [
        "# netaudit report",
        "",
        f"As of {report.as_of}, window {report.window_days} days.",
        "",
        f"**{md(report.verdict)}**",
        "",
        "## Relationships",
        "",
        *_table(
            ["Class", "People"],
            [
                [k.replace("_", " "), f"{getattr(rel, k):,}"]
                for k in ("two_way", "one_way_out", "one_way_in", "dormant", "never")
            ],
        ),
        f"Contacts per real connection: **{rel.ratio_text()}**",
        "",
        "## Recency",
        "",
        *_table(
            ["Days since last interaction", "People"],
            [[md(k), f"{v:,}"] for k, v in report.recency.model_dump(by_alias=True).items()],
        ),
        "## Dunbar layers",
        "",
        md(net.against_dunbar()),
        "",
        *_table(
            ["Layer", "Capacity", "Members", "Min touch-days", "Difference"],
            [
                [
                    x.name,
                    str(x.capacity),
                    f"{x.members:,}",
                    f"{x.min_touch_days:g}",
                    f"{x.difference:+d}",
                ]
                for x in report.layers
            ],
        ),
        "## Growth",
        "",
        *_table(
            ["Year", "Connections added", "Interactions"],
            [[str(g.year), f"{g.connections_added:,}", f"{g.interactions:,}"] for g in report.growth],
        ),
    ]
    if report.followups:
        lines += ["## Top follow-ups", "", *followup_rows(report.followups)]
    lines += ["## What was read", ""]
    lines += _table(
        ["Source", "File", "Rows", "Used", "Ignored", "Skipped"],
        [
            [s.kind.value, md(s.path), f"{s.rows:,}", f"{s.used:,}", f"{s.ignored:,}", f"{s.skipped:,}"]
            for s in report.sources
        ],
    )
    i = report.interactions
    lines += [md(i.sentence()), ""]
    skips = [(s.path, k) for s in report.sources for k in s.skips]
    if skips:
        lines += ["### Skipped rows", ""]
        lines += _table(["File", "Line", "Reason"], [[md(p), str(k.line), md(k.reason)] for p, k in skips[:50]])
    if report.notes:
        lines += ["## Notes", "", *(f"- {md(n)}" for n in report.notes), ""]
    return "\n".join(lines).rstrip() + "\n"


def followups(report: FollowupReport, options: Options) -> str:
    lines = [
        f"# Follow-ups as of {report.as_of}",
        "",
        f"{len(report.followups)} of {report.total} suggestions.",
        "",
    ]
    if report.followups:
        lines += followup_rows(report.followups)
    return "\n".join(lines).rstrip() + "\n"
