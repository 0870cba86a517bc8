"""One self-contained HTML page: inline CSS, charts drawn with CSS so they scale to the page
(phone to desktop), no external asset, opens offline. Meant for sharing: files are shown by
name only, never by their full path."""

from __future__ import annotations

from html import escape
from pathlib import PurePath

from netaudit.render import Options
from netaudit.render.text import (
    PEOPLE_HEADER,
    agreement_lines,
    change_lines,
    check_lines,
    clean,
    next_steps,
    person_cells,
    profile_link,
    summary_lines,
    work,
)
from netaudit.report_models import AnalysisReport, Followup, Layer

STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.4}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
.verdict{background:#f4f6fb;padding:1rem;border-radius:.5rem}.verdict p{margin:.3rem 0}
.verdict .lead{font-size:1.2rem;font-weight:600}.verdict ul{margin:.5rem 0 0;padding-left:1.2rem}
code{background:#eef;padding:0 .25rem;border-radius:.2rem;white-space:nowrap}
.wide{overflow-x:auto}table{border-collapse:collapse}
td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #eee;vertical-align:top}
td.n{text-align:right}.d,td.n{white-space:nowrap}.muted{color:#666}
.chart{display:grid;grid-template-columns:minmax(5rem,max-content) 1fr;gap:.25rem .6rem;align-items:center}
.track{display:flex;align-items:center;gap:.4rem;min-width:0}.track span{white-space:nowrap;font-size:.9em}
.bar{height:.9rem;min-width:1px;border-radius:2px}.bar.zero{min-width:0}
.layer{position:relative;display:flex;height:.9rem;background:#f1f1f1;border-radius:2px}
.layer .in{background:#54a24b}.layer .over{background:#d62728}
.cap{position:absolute;top:-.2rem;bottom:-.2rem;border-left:2px solid #222}
.key span{display:inline-block;width:.8rem;height:.8rem;margin:0 .2rem 0 .6rem;vertical-align:middle}
li.breach{color:#b00020;font-weight:600}.check.breached{border-left:4px solid #b00020;padding-left:.6rem}
@media (max-width:40rem){table.stack thead{display:none}table.stack,table.stack tbody{display:block;width:100%}
table.stack tr{display:block;padding:.4rem 0;border-bottom:1px solid #ddd}
table.stack td{display:block;border:0;padding:.05rem 0;text-align:left}
table.stack td[data-label]::before{content:attr(data-label) ": ";color:#666}}
"""
BLUE, GREEN, PURPLE = "#4c78a8", "#54a24b", "#b279a2"


def _e(value: object) -> str:
    """Escaped for HTML, with control, bidi and zero-width characters made visible."""
    return escape(clean(str(value)), quote=True)


def file_name(path: str) -> str:
    """`/home/ada/Downloads/export.zip:messages.csv` -> `export.zip:messages.csv`: a shared page
    does not say where the user keeps their files."""
    archive, colon, member = path.partition(".zip:")
    if colon:
        return f"{PurePath(archive + '.zip').name}:{member}"
    return PurePath(path).name


def _pct(n: int, largest: int) -> str:
    return f"{100 * n / largest:.1f}%" if largest else "0%"


def _bar(n: int, largest: int, colour: str) -> str:
    zero = " zero" if n == 0 else ""
    return f'<div class="bar{zero}" style="width:{_pct(n, largest)};background:{colour}"></div><span>{n:,}</span>'


def _bars(rows: list[tuple[str, int]], colour: str) -> str:
    """One row a label: the bar's length is its share of the largest value, so it fits any width."""
    largest = max((n for _, n in rows), default=0)
    cells = "".join(f'<div>{_e(label)}</div><div class="track">{_bar(n, largest, colour)}</div>' for label, n in rows)
    return f'<div class="chart" role="img">{cells}</div>'


def _paired(rows: list[tuple[str, int, int]]) -> str:
    """Two bars a row, each scaled to its own largest value: collecting against conversing."""
    top_a = max((a for _, a, _ in rows), default=0)
    top_b = max((b for _, _, b in rows), default=0)
    cells = "".join(
        f'<div class="d">{_e(label)}</div><div><div class="track">{_bar(a, top_a, BLUE)}</div>'
        f'<div class="track">{_bar(b, top_b, GREEN)}</div></div>'
        for label, a, b in rows
    )
    return f'<div class="chart" role="img">{cells}</div>'


def _dunbar(layers: list[Layer]) -> str:
    """Each layer's members against its capacity: green up to the capacity (the black mark),
    red for what is over it."""
    scale = max((max(x.members, x.capacity) for x in layers), default=0)
    rows = []
    for x in layers:
        within, over = min(x.members, x.capacity), max(x.members - x.capacity, 0)
        note = f"{x.members:,} of {x.capacity:,}" + (f", {over:,} over" if over else "")
        rows.append(
            f'<div>{_e(x.name)}</div><div class="track"><div class="layer" style="width:'
            f'{_pct(max(x.members, x.capacity), scale)}">'
            f'<div class="in" style="width:{_pct(within, max(x.members, x.capacity))}"></div>'
            f'<div class="over" style="width:{_pct(over, max(x.members, x.capacity))}"></div>'
            f'<div class="cap" style="left:{_pct(x.capacity, max(x.members, x.capacity))}"></div>'
            f"</div><span>{_e(note)}</span></div>"
        )
    key = (
        f'<p class="muted key">Members<span style="background:{GREEN}"></span>within capacity'
        '<span style="background:#d62728"></span>over it<span style="border-left:2px solid #222;width:0">'
        "</span>capacity</p>"
    )
    return f'<div class="chart" role="img">{"".join(rows)}</div>{key}'


class Markup(str):
    """A cell already written as HTML (its parts escaped): put in as it is."""


class Day(str):
    """A date cell: never broken across lines."""


def _cell(value: object, label: str = "") -> str:
    """One cell; `label` names it when a narrow screen stacks the row (see `table.stack`)."""
    named = f' data-label="{_e(label)}"' if label else ""
    if isinstance(value, Markup):
        return f"<td{named}>{value}</td>"
    if isinstance(value, Day):
        return f'<td class="d"{named}>{_e(value)}</td>'
    if isinstance(value, int | float):
        return f'<td class="n"{named}>{value:,}</td>'
    return f"<td{named}>{_e(value)}</td>"


def _link(name: str, url: str) -> str:
    """The name, as a link when the URL is a LinkedIn profile (never under redaction)."""
    link = profile_link(url)
    return f'<a href="{escape(link, quote=True)}">{_e(name)}</a>' if link else _e(name)


def _who(f: Followup) -> Markup:
    """The name as a link to the profile, and what they do."""
    what = work(f.position, f.company)
    return Markup(_link(f.name, f.profile_url) + (f'<br><span class="muted">{_e(what)}</span>' if what else ""))


def _table(header: list[str], rows: list[list[object]]) -> str:
    """A table that scrolls sideways when it is wider than a desktop page; on a phone each row
    is a small card of labelled lines instead (see `table.stack`), so nothing is cut off."""
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(_cell(c, h) for c, h in zip(row, header, strict=True)) + "</tr>" for row in rows)
    return f'<div class="wide"><table class="stack"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _summary(report: AnalysisReport) -> str:
    """The verdict, what needs the user now, and what to run next: first thing on the page."""
    verdict, *rest = summary_lines(report)
    steps = "".join(f"<li>{_e(what)}: <code>{_e(command)}</code></li>" for what, command in next_steps(report))
    more = "".join(f"<p>{_e(x)}</p>" for x in rest)
    return f'<div class="verdict"><p class="lead">{_e(verdict)}</p>{more}<ul>{steps}</ul></div>'


def analysis(report: AnalysisReport, options: Options) -> str:
    owner = f" Export of {_e(report.owner)}." if report.owner else ""
    body = [
        "<h1>netaudit report</h1>",
        f'<p class="muted">As of <span class="d">{_e(report.as_of)}</span>, window {report.window_days} days.'
        f"{owner}</p>",
        _summary(report),
        *_charts(report),
        *_check_and_changes(report),
        *_agreement(report),
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
    return [
        "<h2>Relationships</h2>",
        _bars(classes, BLUE),
        f"<p>Contacts per real connection: <b>{_e(rel.ratio_text())}</b></p>",
        "<h2>Recency</h2>",
        _bars(list(report.recency.model_dump(by_alias=True).items()), PURPLE),
        "<h2>Dunbar layers</h2>",
        f"<p>{_e(report.network.against_dunbar())}</p>",
        _dunbar(report.layers),
        _table(
            ["Layer", "Capacity", "Members", "Difference"],
            [[x.name, x.capacity, x.members, x.difference] for x in report.layers],
        ),
        "<h2>Growth</h2>",
        f'<p class="muted">Per year: <span style="color:{BLUE}">connections added</span> beside '
        f'<span style="color:{GREEN}">interactions</span>.</p>',
        _paired([(str(g.year), g.connections_added, g.interactions) for g in report.growth]),
    ]


def _check_and_changes(report: AnalysisReport) -> list[str]:
    body: list[str] = []
    if report.check is not None:
        state = "" if report.check.passed else " breached"
        items = [
            f'<li class="breach">{_e(x)}</li>' if x.startswith("BREACHED") else f"<li>{_e(x)}</li>"
            for x in check_lines(report.check)
        ]
        title = "Check: passed" if report.check.passed else "Check: BREACHED"
        body += [f'<h2>{title}</h2><div class="check{state}"><ul>', *items, "</ul></div>"]
    if report.changes is not None:
        body += [
            "<h2>Since the last run</h2><ul>",
            *(f"<li>{_e(x)}</li>" for x in change_lines(report.changes)),
            "</ul>",
        ]
    return body


def _agreement(report: AnalysisReport) -> list[str]:
    agreed = agreement_lines(report)
    return ["<h2>Against your labels</h2><ul>", *(f"<li>{_e(x)}</li>" for x in agreed), "</ul>"] if agreed else []


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
                f.priority,
                Day(f.last_interaction or "never"),
                f.tie_strength,
            ]
            for f in report.followups
        ]
        body += [
            "<h2>Top follow-ups</h2>",
            _table(["#", "Name", "Reason", "Why", "Action", "Priority", "Last", "Tie"], rows),
        ]
    if report.people is not None:
        people: list[list[object]] = [
            [Markup(_link(p.name, p.profile_url)), *person_cells(p)[1:]] for p in report.people
        ]
        body += ["<h2>People</h2>", _table([h.capitalize() for h in PEOPLE_HEADER], people)]
    return body


def _what_was_read(report: AnalysisReport) -> list[str]:
    """The sources with their counts; who was not matched and the repeated rows; the rows
    skipped or read with a warning, and the files not read."""
    body = [
        "<h2>What was read</h2>",
        _table(
            ["Source", "File", "Rows", "Used", "Ignored", "Skipped"],
            [[s.kind.value, file_name(s.path), s.rows, s.used, s.ignored, s.skipped] for s in report.sources],
        ),
        f"<p>{_e(report.interactions.sentence())}</p>",
    ]
    unmatched = report.interactions.top_unmatched
    if unmatched:
        rows: list[list[object]] = [
            [
                u.name,
                u.interactions,
                "two or more connections have this name"
                if u.ambiguous
                else (f"did you mean {u.did_you_mean}?" if u.did_you_mean else "no connection has this name"),
            ]
            for u in unmatched
        ]
        body += ["<h3>Not matched to a connection</h3>", _table(["Name", "Interactions", "Why"], rows)]
    if report.duplicates:
        dup: list[list[object]] = [
            [Markup(_link(d.name, d.profile_url)), d.line, d.first_line] for d in report.duplicates
        ]
        body += [
            "<h3>Repeated connections (counted once)</h3>",
            _table(["Name", "Line", "Same profile as line"], dup[:200]),
        ]
    skips = [[file_name(s.path), k.line, k.reason] for s in report.sources for k in s.skips]
    if skips:
        body += ["<h3>Skipped rows</h3>", _table(["File", "Line", "Reason"], skips[:200])]
    warnings = [[file_name(s.path), w.line, w.reason] for s in report.sources for w in s.warnings]
    if warnings:
        body += ["<h3>Warnings</h3>", _table(["File", "Line", "Warning"], warnings[:200])]
    if report.not_read:
        body += [
            "<h3>Not read</h3>",
            _table(["File", "Why"], [[file_name(n.path), n.why] for n in report.not_read]),
        ]
    return body
