"""One self-contained HTML page: inline CSS and SVG charts, no external asset, opens offline."""

from __future__ import annotations

from html import escape

from netaudit.render import Options
from netaudit.render.text import PEOPLE_HEADER, change_lines, check_lines, clean, person_cells, profile_link, work
from netaudit.report_models import AnalysisReport, Followup

STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
.verdict{font-size:1.2rem;font-weight:600;background:#f4f6fb;padding:1rem;border-radius:.5rem}
table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #eee}
td.n{text-align:right}svg text{font-size:12px;font-family:system-ui,sans-serif}.muted{color:#666}
"""


def _e(value: object) -> str:
    """Escaped for HTML, with control, bidi and zero-width characters made visible."""
    return escape(clean(str(value)), quote=True)


def _bars(rows: list[tuple[str, int]], colour: str, width: int = 560) -> str:
    height, label_w = 22, 200
    largest = max((n for _, n in rows), default=0) or 1
    parts = [f'<svg role="img" width="{width}" height="{height * len(rows)}" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, n) in enumerate(rows):
        y = i * height
        w = round((width - label_w - 60) * n / largest)
        parts.append(
            f'<text x="0" y="{y + 15}">{_e(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="14" fill="{colour}"/>'
            f'<text x="{label_w + w + 6}" y="{y + 15}">{n:,}</text>'
        )
    return "".join(parts) + "</svg>"


def _paired(rows: list[tuple[str, int, int]], width: int = 760) -> str:
    """Two bars a row, each scaled to its own largest value: collecting against conversing."""
    height, label_w, half = 22, 60, (width - 60) // 2
    top_a = max((a for _, a, _ in rows), default=0) or 1
    top_b = max((b for _, _, b in rows), default=0) or 1
    parts = [f'<svg role="img" width="{width}" height="{height * len(rows)}" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, a, b) in enumerate(rows):
        y = i * height
        wa, wb = round((half - 60) * a / top_a), round((half - 60) * b / top_b)
        parts.append(
            f'<text x="0" y="{y + 15}">{_e(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{wa}" height="14" fill="#4c78a8"/>'
            f'<text x="{label_w + wa + 6}" y="{y + 15}">{a:,}</text>'
            f'<rect x="{label_w + half}" y="{y + 4}" width="{wb}" height="14" fill="#54a24b"/>'
            f'<text x="{label_w + half + wb + 6}" y="{y + 15}">{b:,}</text>'
        )
    return "".join(parts) + "</svg>"


class Markup(str):
    """A cell already written as HTML (its parts escaped): put in as it is."""


def _cell(value: object) -> str:
    if isinstance(value, Markup):
        return f"<td>{value}</td>"
    return f'<td class="n">{value:,}</td>' if isinstance(value, int | float) else f"<td>{_e(value)}</td>"


def _who(f: Followup) -> Markup:
    """The name as a link to the profile, and what they do."""
    link = profile_link(f.profile_url)
    name = f'<a href="{escape(link, quote=True)}">{_e(f.name)}</a>' if link else _e(f.name)
    what = work(f.position, f.company)
    return Markup(name + (f'<br><span class="muted">{_e(what)}</span>' if what else ""))


def _table(header: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def analysis(report: AnalysisReport, options: Options) -> str:
    body = [
        "<h1>netaudit report</h1>",
        f'<p class="muted">As of {_e(report.as_of)}, window {report.window_days} days.</p>',
        f'<p class="verdict">{_e(report.verdict)}</p>',
        *_charts(report),
        *_check_and_changes(report),
        *_followups_and_people(report),
        *_what_was_read(report),
    ]
    if report.notes:
        body += ["<h2>Notes</h2><ul>", *(f"<li>{_e(n)}</li>" for n in report.notes), "</ul>"]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>netaudit report {_e(report.as_of)}</title><style>{STYLE}</style></head>"
        "<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _charts(report: AnalysisReport) -> list[str]:
    """Relationships, recency, Dunbar layers and growth: a chart each."""
    rel = report.relationships
    classes = [
        (k.replace("_", " "), getattr(rel, k)) for k in ("two_way", "one_way_out", "one_way_in", "dormant", "never")
    ]
    layers = [(f"{x.name} (capacity {x.capacity})", x.members) for x in report.layers]
    return [
        "<h2>Relationships</h2>",
        _bars(classes, "#4c78a8"),
        f"<p>Contacts per real connection: <b>{_e(rel.ratio_text())}</b></p>",
        "<h2>Recency</h2>",
        _bars(list(report.recency.model_dump(by_alias=True).items()), "#b279a2"),
        "<h2>Dunbar layers</h2>",
        f"<p>{_e(report.network.against_dunbar())}</p>",
        _bars(layers, "#54a24b"),
        _table(
            ["Layer", "Capacity", "Members", "Difference"],
            [[x.name, x.capacity, x.members, x.difference] for x in report.layers],
        ),
        "<h2>Growth</h2>",
        '<p class="muted">Per year: <span style="color:#4c78a8">connections added</span> beside '
        '<span style="color:#54a24b">interactions</span>.</p>',
        _paired([(str(g.year), g.connections_added, g.interactions) for g in report.growth]),
    ]


def _check_and_changes(report: AnalysisReport) -> list[str]:
    body: list[str] = []
    if report.check is not None:
        body += ["<h2>Check</h2><ul>", *(f"<li>{_e(x)}</li>" for x in check_lines(report.check)), "</ul>"]
    if report.changes is not None:
        body += [
            "<h2>Since the last run</h2><ul>",
            *(f"<li>{_e(x)}</li>" for x in change_lines(report.changes)),
            "</ul>",
        ]
    return body


def _followups_and_people(report: AnalysisReport) -> list[str]:
    body: list[str] = []
    if report.followups:
        rows: list[list[object]] = [
            [
                f.rank,
                _who(f),
                f.reason.value,
                f.explanation,
                f.action,
                str(f.last_interaction or "never"),
                f.tie_strength,
            ]
            for f in report.followups
        ]
        body += ["<h2>Top follow-ups</h2>", _table(["#", "Name", "Reason", "Why", "Action", "Last", "Tie"], rows)]
    if report.people is not None:
        people: list[list[object]] = [list(person_cells(p)) for p in report.people]
        body += ["<h2>People</h2>", _table([h.capitalize() for h in PEOPLE_HEADER], people)]
    return body


def _what_was_read(report: AnalysisReport) -> list[str]:
    """The sources with their counts, then the rows skipped or read with a warning, and the
    files not read."""
    body = [
        "<h2>What was read</h2>",
        _table(
            ["Source", "File", "Rows", "Used", "Ignored", "Skipped"],
            [[s.kind.value, s.path, s.rows, s.used, s.ignored, s.skipped] for s in report.sources],
        ),
        f"<p>{_e(report.interactions.sentence())}</p>",
    ]
    skips = [[s.path, k.line, k.reason] for s in report.sources for k in s.skips]
    if skips:
        body += ["<h3>Skipped rows</h3>", _table(["File", "Line", "Reason"], skips[:200])]
    warnings = [[s.path, w.line, w.reason] for s in report.sources for w in s.warnings]
    if warnings:
        body += ["<h3>Warnings</h3>", _table(["File", "Line", "Warning"], warnings[:200])]
    if report.not_read:
        body += ["<h3>Not read</h3>", _table(["File", "Why"], [[n.path, n.why] for n in report.not_read])]
    return body
