"""The terminal report (rich). Every value from data goes in as `Text`, never as markup."""

from __future__ import annotations

import io
import json
import re

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from netaudit.render import Options
from netaudit.render.text import (
    PEOPLE_HEADER,
    agreement_lines,
    change_lines,
    check_lines,
    clean,
    next_steps,
    number,
    person_cells,
    profile_link,
    sparkline,
    summary_lines,
    work,
)
from netaudit.report_models import AnalysisReport, CheckReport, ConfigReport, Followup, FollowupReport, TrendReport

BAR = "█"
CLASS_LABELS = {
    "two_way": "two-way (real connections)",
    "one_way_out": "one-way, you reach out",
    "one_way_in": "one-way, they reach out",
    "dormant": "dormant (not this window)",
    "never": "never interacted",
}
MAX_SKIPS_SHOWN = 10
MAX_NOT_READ_SHOWN = 10  # files named per reason


def _console(options: Options, buffer: io.StringIO) -> Console:
    return Console(
        file=buffer,
        width=options.width,
        color_system="standard" if options.color else None,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        _environ={},  # the width is the CLI's to decide; rich would int() a COLUMNS of "²" and crash
    )


#: The end of a line made of spaces and colour codes: rich pads every cell.
_TRAILING = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$", re.M)
_CODE = re.compile(r"\x1b\[[0-9;]*m")


def _unpadded(tail: re.Match[str]) -> str:
    return "".join(_CODE.findall(tail.group()))  # the colour codes stay (they close a style)


def _print(options: Options, *items: RenderableType) -> str:
    """The items as text, with no line ending in spaces (piped output stays clean to diff)."""
    buffer = io.StringIO()
    console = _console(options, buffer)
    for item in items:
        console.print(item)
    return _TRAILING.sub(_unpadded, buffer.getvalue())


def _bar(value: int, largest: int, width: int) -> str:
    if largest <= 0 or value <= 0:
        return ""
    return BAR * max(1, round(width * value / largest))


def _heading(title: str) -> Text:
    return Text(f"\n{title}", style="bold")


def _bars(rows: list[tuple[str, int]], width: int, style: str = "cyan") -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    table.add_column("label", no_wrap=True)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("bar", no_wrap=True, overflow="crop")
    largest = max((n for _, n in rows), default=0)
    for label, n in rows:
        table.add_row(label, f"{n:,}", Text(_bar(n, largest, width), style=style))
    return table


def _summary(report: AnalysisReport) -> list[RenderableType]:
    """The block that ends the report (the last screen is what a person acts on)."""
    verdict, *rest = summary_lines(report)
    todo = next_steps(report)
    room = max(len(what) for what, _ in todo) + 2
    steps = [Text(f"  {what + ':':<{room}}{command}") for what, command in todo]
    return [_heading("Summary"), Text(clean(verdict), style="bold"), *(Text(clean(x)) for x in rest), *steps]


def analysis(report: AnalysisReport, options: Options) -> str:
    title = Text(f"netaudit · as of {report.as_of} · window {report.window_days} days", style="dim")
    if options.brief:
        return _print(options, title, *_summary(report)[1:])
    bar_width = max(10, options.width - 45)
    rel = report.relationships
    verdict = Text(report.verdict, style="bold")
    verdict.append(f"\n{report.attention.sentence()}\n→ {report.attention.why}: ", style="none")
    verdict.append(report.attention.next, style="bold cyan")
    parts: list[RenderableType] = [
        title,
        Panel(verdict, box=box.ROUNDED, expand=False),
        _heading("Relationships"),
        _bars([(CLASS_LABELS[k], getattr(rel, k)) for k in CLASS_LABELS], bar_width),
        Text(
            f"  → {rel.ratio_text()} contacts for every real connection"
            if rel.contacts_per_connection is not None
            else "  → no two-way relationship in the window",
            style="yellow",
        ),
        _heading("Recency (days since the last interaction)"),
        _bars(list(report.recency.model_dump(by_alias=True).items()), bar_width, "magenta"),
        _heading(f"Dunbar layers (two-way people; network {report.network.size:,} vs {report.network.dunbar_number})"),
        _layers(report, options),
        _heading("Growth: connections added vs interactions, per year"),
        _growth(report, options),
    ]
    if report.check is not None:
        outcome = "passed" if report.check.passed else "BREACHED"
        lines = check_lines(report.check)
        parts += [
            _heading(f"Check: {outcome}"),
            *(Text(x, style="bold red" if "BREACHED" in x else "green") for x in lines),
        ]
    if report.changes is not None:
        parts += [_heading("Since the last run"), *(Text(line) for line in change_lines(report.changes))]
    if agreed := agreement_lines(report):
        parts += [_heading("Against your labels"), *(Text(clean(x)) for x in agreed)]
    if report.followups:
        parts += [
            _heading("Top follow-ups (netaudit followups for more)"),
            followup_table(report.followups, options),
        ]
    if report.people is not None:
        parts += [_heading(f"People ({len(report.people):,}, strongest ties first)"), _people(report, options)]
    parts += [_heading("What was read"), *_sources(report)]
    if report.notes:
        parts += [_heading("Notes"), *(Text(f"• {clean(n)}", style="yellow") for n in report.notes)]
    return _print(options, *parts, *_summary(report))


#: The columns of `--people` below 100 columns: no value is cut, and the name keeps its room.
NARROW_PEOPLE = ("name", "class", "last", "touch days", "tie", "layer")


def _people(report: AnalysisReport, options: Options) -> Table:
    """One line per person: values never wrap, a long name is shortened with an ellipsis."""
    shown = [i for i, h in enumerate(PEOPLE_HEADER) if options.width >= 100 or h in NARROW_PEOPLE]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1))
    for i in shown:
        name = PEOPLE_HEADER[i]
        left = name in ("name", "class", "last", "layer")
        table.add_column(name, justify="left" if left else "right", no_wrap=True, overflow="ellipsis")
    for p in report.people or []:
        cells = [Text(clean(c, 40)) if i == 0 else c for i, c in enumerate(person_cells(p))]
        table.add_row(*(cells[i] for i in shown))
    return table


def _layers(report: AnalysisReport, options: Options) -> Table:
    table = Table(box=None, show_header=True, pad_edge=False, padding=(0, 1), header_style="dim")
    for name, justify in (
        ("layer", "left"),
        ("capacity", "right"),
        ("members", "right"),
        ("", "left"),
        ("picture", "left"),
    ):
        table.add_column(name, justify=justify, no_wrap=True, overflow="crop")  # type: ignore[arg-type]
    room = max(10, options.width - 50)
    scale = max(max(x.capacity, x.members) for x in report.layers) or 1
    for layer in report.layers:
        filled = round(room * min(layer.members, layer.capacity) / scale)
        empty = round(room * max(0, layer.capacity - layer.members) / scale)
        over = round(room * max(0, layer.members - layer.capacity) / scale)
        picture = Text("■" * filled, style="green") + Text("□" * empty, style="dim") + Text("■" * over, style="red")
        diff = (
            f"+{layer.difference} over"
            if layer.difference > 0
            else (f"{-layer.difference} free" if layer.difference else "full")
        )
        table.add_row(layer.name, str(layer.capacity), f"{layer.members:,}", diff, picture)
    return table


def _growth(report: AnalysisReport, options: Options) -> Table:
    table = Table(box=None, show_header=True, pad_edge=False, padding=(0, 1), header_style="dim")
    half = max(6, (options.width - 24) // 2)
    for name, justify in (
        ("year", "left"),
        ("added", "right"),
        ("", "left"),
        ("talked", "right"),
        (" ", "left"),
    ):
        table.add_column(name, justify=justify, no_wrap=True, overflow="crop")  # type: ignore[arg-type]
    biggest_added = max((g.connections_added for g in report.growth), default=0)
    biggest_talk = max((g.interactions for g in report.growth), default=0)
    for g in report.growth:
        table.add_row(
            str(g.year),
            f"{g.connections_added:,}",
            Text(_bar(g.connections_added, biggest_added, half // 2), style="cyan"),
            f"{g.interactions:,}",
            Text(_bar(g.interactions, biggest_talk, half // 2), style="green"),
        )
    return table


def _within(path: str, folders: dict[str, None]) -> str:
    """A path inside one of the folders shown above ("Files in …"), without that folder."""
    path = path.replace("\\", "/")
    return next((path[len(f) + 1 :] for f in folders if f != "." and path.startswith(f + "/")), path)


def _sources(report: AnalysisReport) -> list[RenderableType]:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1))
    for name in ("source", "rows", "used", "ignored", "skipped"):
        table.add_column(name, justify="left" if name == "source" else "right", overflow="fold")
    folders: dict[str, None] = {}
    for s in report.sources:
        folder, _, name = s.path.replace("\\", "/").rpartition("/")
        folders[folder or "."] = None
        table.add_row(
            Text(f"{s.kind.value}\n{clean(name)}"),
            f"{s.rows:,}",
            f"{s.used:,}",
            f"{s.ignored:,}",
            f"{s.skipped:,}",
        )
    i = report.interactions
    lines: list[RenderableType] = [Text("Files in " + ", ".join(clean(f) for f in folders), style="dim"), table]
    lines.append(Text(i.sentence()))
    if report.network.duplicates:
        lines.append(
            Text(f"Duplicates: {report.network.duplicates:,} row(s) repeat a profile URL and were counted once.")
        )
    for u in i.top_unmatched[:5]:
        hint = f" (did you mean {clean(u.did_you_mean, 40)}?)" if u.did_you_mean else ""
        hint = " (several connections have this name)" if u.ambiguous else hint
        lines.append(Text(f"  unmatched: {clean(u.name, 50)} ×{u.interactions}{hint}", style="dim"))
    shown = 0
    for s in report.sources:
        for skip in s.skips:
            if shown < MAX_SKIPS_SHOWN:
                lines.append(Text(f"  skipped {clean(s.path)}:{skip.line}: {clean(skip.reason)}", style="red"))
            shown += 1
    total = sum(s.skipped for s in report.sources)
    if total > shown or total > MAX_SKIPS_SHOWN:
        lines.append(
            Text(
                f"  … {total - min(shown, MAX_SKIPS_SHOWN):,} more skipped rows (see --format json)",
                style="red",
            )
        )
    warnings = [(s.path, w) for s in report.sources for w in s.warnings]
    for path, w in warnings[:MAX_SKIPS_SHOWN]:
        lines.append(Text(f"  warning {clean(_within(path, folders))}:{w.line}: {clean(w.reason)}", style="yellow"))
    if len(warnings) > MAX_SKIPS_SHOWN:
        lines.append(Text(f"  … {len(warnings) - MAX_SKIPS_SHOWN:,} more warnings (see --format json)", style="yellow"))
    if report.not_read:
        lines.append(Text("Not read:", style="dim"))
    by_why: dict[str, list[str]] = {}  # one line per reason: 40 Comments_NNN.csv are one line
    for n in report.not_read:
        by_why.setdefault(n.why, []).append(clean(_within(n.path, folders)))
    for why, paths in by_why.items():
        more = f" and {len(paths) - MAX_NOT_READ_SHOWN:,} more" if len(paths) > MAX_NOT_READ_SHOWN else ""
        lines.append(Text(f"  {', '.join(paths[:MAX_NOT_READ_SHOWN])}{more}: {clean(why)}", style="dim"))
    if report.owner:
        lines.append(Text(f"Export owner: {clean(report.owner)}", style="dim"))
    return lines


def followup_table(items: list[Followup], options: Options) -> Table:
    wide = options.width >= 110
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), expand=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("name", max_width=24, no_wrap=True, overflow="ellipsis")  # one line, never cut mid-word
    table.add_column("why", overflow="fold", ratio=3)
    table.add_column("do", overflow="fold", ratio=1, max_width=18)
    table.add_column("score", justify="right", no_wrap=True)  # the priority: why #1 is above #2
    if wide:
        table.add_column("last", no_wrap=True)
        table.add_column("tie", justify="right", no_wrap=True)
    for f in items:
        row: list[RenderableType] = [
            str(f.rank),
            _who(f),
            Text(clean(f.explanation) + (f"\n“{clean(f.preview)}”" if f.preview else "")),
            Text(f.action),
            f"{f.priority:g}",
        ]
        if wide:
            row += [str(f.last_interaction or "never"), str(f.tie_strength)]
        table.add_row(*row)
        if f.draft:
            table.add_row(
                "",
                "",
                Text(f"draft: {clean(f.draft)}", style="dim italic"),
                "",
                "",
                *([""] * (2 if wide else 0)),
            )
    return table


def _who(f: Followup) -> Text:
    """The name, a link to the profile where the terminal supports links, and on a second
    line what they do."""
    link = profile_link(f.profile_url)
    who = Text(clean(f.name, 60), style=Style(link=link) if link else "")
    if what := work(f.position, f.company):
        who.append("\n" + what, style="dim")
    return who


def followups(report: FollowupReport, options: Options) -> str:
    if not report.followups:
        return _print(options, Text("No follow-ups: nobody is waiting on you right now."))
    heading = Text(f"Follow-ups as of {report.as_of}: {report.count()}", style="bold")
    return _print(options, Group(heading, followup_table(report.followups, options)))


def check(report: CheckReport, options: Options) -> str:
    title = "passed" if report.check.passed else "BREACHED"
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1))
    for name in ("metric", "limit", "actual", "result"):
        table.add_column(name, justify="left" if name in ("metric", "result") else "right")
    for c in report.check.checks:
        result = Text("ok", style="green") if c.passed else Text("BREACHED", style="bold red")
        table.add_row(c.metric, f"{c.kind} {number(c.limit)}", number(c.actual), result)
    return _print(
        options, Text(f"netaudit check as of {report.as_of}: {title}", style="bold"), Text(clean(report.verdict)), table
    )


def trend(report: TrendReport, options: Options) -> str:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1))
    for name in ("metric", "trend", "first", "last", "change"):
        table.add_column(name, justify="left" if name in ("metric", "trend") else "right", no_wrap=True)
    for metric in report.metrics:
        values = [r.metrics.get(metric) for r in report.runs]
        first, last = values[0], values[-1]
        change = number(last - first) if first is not None and last is not None else "n/a"
        table.add_row(metric, Text(sparkline(values[-40:]), style="cyan"), number(first), number(last), change)
    span = f"{len(report.runs)} runs, as of {report.runs[0].as_of} to {report.runs[-1].as_of}"
    return _print(options, Text(f"netaudit trend: {span}", style="bold"), table)


def config(report: ConfigReport, options: Options) -> str:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1))
    for name in ("key", "value", "from"):  # keys and origins are never cut; a long value folds
        table.add_column(name, overflow="fold", no_wrap=name != "value")
    for setting in report.settings:
        value = setting.value if isinstance(setting.value, str) else json.dumps(setting.value, ensure_ascii=False)
        # the file is named in full above: its name is enough on each of its lines
        origin = (
            setting.origin.replace("\\", "/").rpartition("/")[2] if setting.origin == report.file else setting.origin
        )
        table.add_row(setting.key, Text(clean(value)), Text(clean(origin)))
    return _print(
        options,
        Text(f"Config file: {clean(report.file or 'none (defaults, environment and flags)')}", style="bold"),
        table,
    )
