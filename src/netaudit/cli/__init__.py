"""The command line: parse options, build settings, call the core, pick a format, map errors to
exit codes. Nothing here computes anything about a network."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import typer

from netaudit import __version__, process
from netaudit.cli.progress import for_stderr
from netaudit.cli.usage import App, exit_codes
from netaudit.errors import ExitStatus, InputError, NetauditError
from netaudit.render import Format, Kind, choices

#: The exit codes of a command that cannot breach a threshold (every command but check).
EXIT_CODES_HELP = exit_codes()
app = App(
    name="netaudit",
    help="How many of your LinkedIn connections are real relationships, and whom to get back in "
    "touch with. Everything runs locally; nothing leaves your machine.\n\n"
    + exit_codes(ExitStatus.THRESHOLD_BREACHED).replace("breached", "breached (check)"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"max_content_width": 120},
)
_debug = {"on": False}
#: The channels of an interaction as `--help` lists them (evidence.Channel; a test keeps them equal:
#: importing evidence here would import numpy for every `--help`).
CHANNELS = (
    "message", "email", "call", "video", "meeting", "coffee", "meal", "event", "intro", "advice",
    "endorsement", "recommendation", "invitation", "other",
)  # fmt: skip


if TYPE_CHECKING:
    from netaudit.commands import Session
    from netaudit.render import Options
    from netaudit.render.registry import Report
    from netaudit.report_models import AnalysisReport

if TYPE_CHECKING:  # for mypy a choice is a Format; typer gets the choices of each command
    AnalysisFormat = Format
    FollowupFormat = Format
    CheckFormat = Format
    TrendFormat = Format
    ConfigFormat = Format
else:
    AnalysisFormat, FollowupFormat, CheckFormat, TrendFormat, ConfigFormat = (choices(kind) for kind in Kind)


class SchemaName(StrEnum):
    interactions = "interactions"
    report = "report"
    followups = "followups"
    check = "check"
    trend = "trend"
    config = "config"


F = TypeVar("F", bound=Callable[..., Any])


def err(message: str, *details: str) -> None:
    """One line on stderr (and indented detail lines): file names and values from the data are
    shown, never obeyed, and a line break inside them is shown as `\\n`, so it cannot start a
    line of its own (a forged `hint:`). With stderr closed or its reader gone, nothing is said
    and the command goes on: its exit code and its files must not depend on stderr."""
    from netaudit.render.text import one_line

    with contextlib.suppress(OSError, ValueError):
        for line in (one_line(message), *(f"  {one_line(d)}" for d in details)):
            typer.echo(line, err=True)


def handled(command: F) -> F:
    """One place where errors become messages and exit codes; a crash is never exit 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            _utf8_arguments(kwargs)
            return command(*args, **kwargs)
        except NetauditError as exc:
            err(f"error: {exc.message}", *exc.details)
            if exc.hint:
                err(f"hint: {exc.hint}")
            raise typer.Exit(ExitStatus.USAGE_OR_INPUT_ERROR) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            process.quiet_pipe()
            raise typer.Exit(ExitStatus.OK) from None
        except Exception as exc:
            if _debug["on"]:
                raise
            err(f"internal error: {type(exc).__name__}: {exc}")
            err("hint: this is a bug in netaudit; run again with --debug for details and report it")
            raise typer.Exit(ExitStatus.INTERNAL_ERROR) from None

    return wrapper  # type: ignore[return-value]


_ARGUMENTS = {"path", "name", "folder", "who", "value"}  # positional: shown as PATH, NAME, FOLDER, …
_OPTIONS = {"when": "date", "fmt": "format", "every": "all"}  # parameter names that differ from their option


def _utf8_arguments(values: dict[str, Any]) -> None:
    """Arguments are read as UTF-8; bytes that are not (a Latin-1 terminal) arrive as lone
    surrogates, which no file, history or log can hold: refuse them here, by name."""
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            text = str(item) if isinstance(item, str | Path) else ""
            if any("\udc80" <= c <= "\udcff" for c in text):
                shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                option = name.upper() if name in _ARGUMENTS else "--" + _OPTIONS.get(name, name).replace("_", "-")
                raise InputError(
                    f"{option} '{shown}' is not valid UTF-8 text",
                    "netaudit reads arguments as UTF-8: use a UTF-8 terminal (e.g. LANG=C.UTF-8), or rename the file",
                )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netaudit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")] = False,
) -> None:
    _debug["on"] = debug


PathArg = Annotated[
    Path | None,
    typer.Argument(
        help="Connections.csv, the export folder, or the export .zip (default: `export` in the config, "
        "else what the last run read).",
        show_default=False,
    ),
]
Interactions = Annotated[
    list[Path] | None,
    typer.Option(
        "--interactions",
        "-i",
        metavar="FILE",
        help="Interaction log (CSV or JSON Lines) or a messages.csv; repeatable.",
    ),
]
Me = Annotated[
    list[str] | None,
    typer.Option(
        "--me",
        metavar="NAME",
        help="You: your name, profile URL or an e-mail address, if netaudit cannot tell; repeatable.",
    ),
]
AsOf = Annotated[str | None, typer.Option("--as-of", help="Treat this day (YYYY-MM-DD) as today.")]
Window = Annotated[int | None, typer.Option("--window", help="Window in days (default 365).")]
Output = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE (only on success); - is stdout."),
]
Strict = Annotated[bool, typer.Option("--strict", help="Fail (exit 2) if any row could not be read.")]
Config = Annotated[
    Path | None,
    typer.Option("--config", help="Settings file (default: ./netaudit.toml or [tool.netaudit] in ./pyproject.toml)."),
]
StateDir = Annotated[
    Path | None,
    typer.Option("--state-dir", help="netaudit's history (default: $NETAUDIT_HOME or the user data folder)."),
]
Redact = Annotated[
    bool | None,
    typer.Option(
        "--redact/--no-redact",
        help="Show people as initials and a stable tag (default: on when $CI is set).",
        show_default=False,
    ),
]


#: The days --as-of may name: far enough from year 1 and 9999 that the window and a snooze
#: (each at most 100 years) stay inside the calendar.
AS_OF_RANGE = (date(1900, 1, 1), date(9000, 12, 31))


def _as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"--as-of {value!r} is not a date", "write it as YYYY-MM-DD, e.g. --as-of 2026-01-31"
        ) from None
    low, high = AS_OF_RANGE
    if not low <= day <= high:
        raise InputError(f"--as-of {value} is out of range", f"give a day between {low} and {high}")
    return day


def _session(
    config: Path | None,
    state_dir: Path | None,
    redact: bool | None,
    flags: dict[str, Any] | None = None,
) -> Session:
    """Settings (defaults < file < NETAUDIT_* < flags), the history, and whether to redact."""
    from netaudit import commands, history, privacy
    from netaudit import config as settings_file

    try:
        cwd = Path.cwd()
    except OSError:  # the working directory was deleted under the shell
        raise InputError(
            "the current folder no longer exists (it was deleted or moved)", "cd to a folder that exists and run again"
        ) from None
    loaded = settings_file.load(cwd, os.environ, flags or {}, config, FLAG_NAMES)
    ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return commands.Session(
        loaded=loaded,
        history=history.History(history.state_dir(state_dir)),
        redact=privacy.should_redact(loaded.settings.redact, ci, redact),
        cwd=cwd,
        progress=for_stderr(),
    )


#: The flag of each settings key a flag can set, as an error names it.
FLAG_NAMES = {
    "export": "PATH",
    "interactions": "--interactions",
    "me": "--me",
    "model.window_days": "--window",
    "check.min_layer_members": "--min-layer",
} | {
    f"check.{key}": "--" + key.replace("_", "-")
    for key in ("max_contacts_per_connection", "min_two_way", "max_unanswered", "max_unanswered_age_days", "max_fading")
}


def _inputs(
    path: Path | None, interactions: list[Path] | None, me: list[str] | None, window: int | None
) -> dict[str, Any]:
    """Flags as settings keys (None: not given)."""
    return {
        "export": str(path) if path is not None else None,
        "interactions": [str(p) for p in interactions] if interactions else None,
        "me": me or None,
        "model.window_days": window,
    }


def _options(fmt: str, brief: bool = False) -> Options:
    from netaudit.render import Options

    columns = os.environ.get("COLUMNS", "").strip()
    tty = sys.stdout is not None and sys.stdout.isatty()
    # only ASCII digits: "²".isdigit() is true, and a width of 10**12 columns is no width
    width = int(columns) if columns.isascii() and columns.isdigit() else 0
    if not width:
        width = shutil.get_terminal_size().columns if tty else 100
    color = tty and fmt == "table" and "NO_COLOR" not in os.environ
    return Options(width=min(max(40, width), 1000), color=color, brief=brief)


def _emit(text: str, output: str | None = None) -> None:
    """The report goes to stdout, or to FILE (see netaudit.outputs: devices and links are written
    through, a regular file is replaced whole and keeps its mode)."""
    if output is None or output == "-":
        _stdout(text)
        return
    from netaudit import outputs

    outputs.write(text, output)
    err(f"wrote {output}")


def _stdout(text: str) -> None:
    """Write the report to stdout; a full disk or a closed stdout is the user's to fix, not a bug."""
    try:
        if sys.stdout is None:  # started with stdout closed (`>&-`)
            raise OSError(errno.EBADF, "stdout is closed")
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        reason = "no space left" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc)).lower()
        raise InputError(
            f"cannot write the report: {reason}", "free some space, or send the report elsewhere with --output FILE"
        ) from None


R = TypeVar("R", bound="Report")


def _shown(session: Session, report: R) -> R:
    """The report as it may be shown: redacted (in one pass over the whole model) if asked."""
    if not session.redact:
        return report
    from netaudit.privacy import redacted

    return redacted(report)


def _render(report: Report, fmt: Format, output: str | None, brief: bool = False) -> None:
    """Render, emit, and append the Markdown to a GitHub job summary when there is one."""
    from netaudit import render

    _emit(render.render(report, fmt, _options(fmt, brief)), output)
    if summary := os.environ.get("GITHUB_STEP_SUMMARY"):
        try:
            with Path(summary).open("a", encoding="utf-8") as handle:
                handle.write(render.render(report, Format.MARKDOWN, _options(Format.MARKDOWN)) + "\n")
        except OSError as exc:
            err(f"warning: cannot append to $GITHUB_STEP_SUMMARY ({exc.strerror})")


def _account(report: AnalysisReport, strict: bool) -> None:
    """Skipped rows are never silent: one line on stderr, or an error with --strict. Rows read
    with a warning (a connection's unreadable date, a stray byte) get one line too."""
    warned = [(s.path, w) for s in report.sources for w in s.warnings]
    if warned:
        first_warning = f"{warned[0][0]}:{warned[0][1].line}: {warned[0][1].reason}"
        err(f"warning: {len(warned)} row(s) were read with a warning (first: {first_warning}); the report lists them")
    skipped = [(s.path, k) for s in report.sources for k in s.skips]
    total = sum(s.skipped for s in report.sources)
    if not total:
        return
    first = f"{skipped[0][0]}:{skipped[0][1].line}: {skipped[0][1].reason}" if skipped else ""
    if strict:
        raise InputError(
            f"{total} row(s) could not be read (first: {first})", "fix those rows, or run without --strict"
        )
    err(f"warning: {total} row(s) could not be read and were skipped (first: {first}); the report lists them")


@app.command(epilog=EXIT_CODES_HELP)
@handled
def analyze(
    path: PathArg = None,
    interactions: Interactions = None,
    me: Me = None,
    as_of: AsOf = None,
    window: Window = None,
    fmt: Annotated[AnalysisFormat, typer.Option("--format", "-f", help="Output format.")] = Format.TABLE,
    output: Output = None,
    people: Annotated[bool, typer.Option("--people", help="List every person (class, recency, tie strength).")] = False,
    brief: Annotated[
        bool, typer.Option("--brief", help="Only the summary: the verdict, what needs you now, what to run next.")
    ] = False,
    strict: Strict = False,
    config: Config = None,
    state_dir: StateDir = None,
    redact: Redact = None,
) -> None:
    """Report how many connections are real, how recently each was engaged, and how far the
    network overshoots Dunbar's 150; records the run in netaudit's history."""
    from netaudit import commands

    if brief and (people or fmt not in (Format.TABLE, Format.MARKDOWN)):
        raise InputError(
            "--brief is a summary for the terminal or Markdown",
            "use it with --format table or markdown, without --people",
        )
    session = _session(config, state_dir, redact, _inputs(path, interactions, me, window))
    request = commands.request(session, _as_of(as_of))
    commands.guard_output(session, request, output)
    result = commands.analyze(session, request, people=people)
    report = _shown(session, result.report)
    _account(report, strict)
    _render(report, Format(fmt), output, brief)


@app.command(epilog=EXIT_CODES_HELP)
@handled
def followups(
    path: PathArg = None,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="How many suggestions (default 10).")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every suggestion, not just the top.")] = False,
    reason: Annotated[
        list[str] | None,
        typer.Option(
            "--reason",
            "-r",
            metavar="REASON",
            help="Only: unanswered, reciprocate, fading, thank_new, reconnect, one_way.",
        ),
    ] = None,
    drafts: Annotated[bool, typer.Option("--drafts", help="Add a short message draft to each suggestion.")] = False,
    preview: Annotated[
        bool, typer.Option("--preview", help="Quote the message each unanswered person sent (not with --redact).")
    ] = False,
    snooze: Annotated[
        str | None, typer.Option("--snooze", metavar="NAME", help="Don't suggest NAME for --days days.")
    ] = None,
    days: Annotated[int, typer.Option("--days", min=1, max=36500, help="How long --snooze lasts.")] = 30,
    ignore: Annotated[str | None, typer.Option("--ignore", metavar="NAME", help="Never suggest NAME again.")] = None,
    interactions: Interactions = None,
    me: Me = None,
    as_of: AsOf = None,
    window: Window = None,
    fmt: Annotated[FollowupFormat, typer.Option("--format", "-f", help="Output format.")] = Format.TABLE,
    output: Output = None,
    strict: Strict = False,
    config: Config = None,
    state_dir: StateDir = None,
    redact: Redact = None,
) -> None:
    """Whom to get back in touch with this week, why, and what to do. The listing is kept, so
    that `netaudit done 3` (snooze, ignore, label) acts on suggestion 3."""
    from netaudit import acts, commands, pipeline

    session = _session(config, state_dir, redact, _inputs(path, interactions, me, window))
    request = commands.request(session, _as_of(as_of))
    commands.guard_output(session, request, output)
    if snooze or ignore:
        act = acts.Acting(session, request, None, None)
        person = acts.target(act, snooze or ignore or "")
        acts.decide(act, person, "snooze" if snooze else "ignore", days=days if snooze else None)
        from netaudit.cli.loop import shown

        who = shown(act, person)
        err(f"snoozed {who} for {days} days" if snooze else f"{who} will not be suggested again")
        return
    result = pipeline.run(request)
    _account(_shown(session, result.report), strict)
    limit = None if every else (top or session.loaded.settings.followups.top)
    found = pipeline.followups(result, limit, _reasons(reason or []), drafts)
    if preview and not session.redact:
        from netaudit.previews import previews

        found = found.model_copy(update={"followups": previews(request, found.followups)})
    if not acts.remember(session, request, found.followups):
        err("warning: the state folder cannot be written, so the ranks of this listing cannot be used by `done N`")
    _render(_shown(session, found), Format(fmt), output)


def _reasons(values: list[str]) -> list[Any]:
    from netaudit.report_models import Reason

    try:
        return [Reason(v.strip().casefold()) for v in values]
    except ValueError:
        import difflib

        known = [r.value for r in Reason]
        wrong = [v for v in values if v.strip().casefold() not in known]
        close = difflib.get_close_matches(wrong[0].strip().casefold(), known, n=1) if wrong else []
        mean = f"did you mean {close[0]}? " if close else ""
        raise InputError(
            f"--reason {', '.join(values)}: unknown reason", f"{mean}choose from {', '.join(known)}"
        ) from None


@app.command(epilog=exit_codes(ExitStatus.THRESHOLD_BREACHED))
@handled
def check(
    path: PathArg = None,
    max_contacts_per_connection: Annotated[
        float | None, typer.Option(help="Fail above this many contacts per real connection.")
    ] = None,
    min_two_way: Annotated[int | None, typer.Option(help="Fail below this many two-way relationships.")] = None,
    max_unanswered: Annotated[int | None, typer.Option(help="Fail above this many unanswered messages.")] = None,
    max_unanswered_age_days: Annotated[
        int | None, typer.Option(help="Fail if a message waits longer than this.")
    ] = None,
    max_fading: Annotated[int | None, typer.Option(help="Fail above this many fading relationships.")] = None,
    min_layer: Annotated[
        list[str] | None,
        typer.Option(
            metavar="LAYER=N",
            help="Fail below N members in a Dunbar layer (support, sympathy, affinity, active); repeatable.",
        ),
    ] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Report breaches but exit 0.")] = False,
    interactions: Interactions = None,
    me: Me = None,
    as_of: AsOf = None,
    window: Window = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = Format.TABLE,
    output: Output = None,
    strict: Strict = False,
    config: Config = None,
    state_dir: StateDir = None,
    redact: Redact = None,
) -> None:
    """Check the network against thresholds (config or flags); exit 1 when one is breached."""
    from netaudit import commands
    from netaudit.render.text import number

    flags = _inputs(path, interactions, me, window) | {
        "check.max_contacts_per_connection": max_contacts_per_connection,
        "check.min_two_way": min_two_way,
        "check.max_unanswered": max_unanswered,
        "check.max_unanswered_age_days": max_unanswered_age_days,
        "check.max_fading": max_fading,
        "check.min_layer_members": _layers(min_layer) if min_layer else None,
    }
    session = _session(config, state_dir, redact, flags)
    if not session.loaded.settings.check.model_dump(exclude_defaults=True):
        raise InputError("no threshold to check", "set [check] in netaudit.toml, or pass one, e.g. --min-two-way 50")
    request = commands.request(session, _as_of(as_of))
    commands.guard_output(session, request, output)
    report = _shown(session, commands.check(session, request))
    _render(report, Format(fmt), output)
    for breach in report.check.breaches():
        err(f"breached: {breach.metric} is {number(breach.actual)} (limit: {breach.kind} {number(breach.limit)})")
    if not report.check.passed and not exit_zero:
        raise typer.Exit(ExitStatus.THRESHOLD_BREACHED)


def _layers(values: list[str]) -> dict[str, str]:
    pairs = [v.split("=", 1) for v in values]
    if any(len(p) != 2 for p in pairs):
        raise InputError(f"--min-layer {values}: write LAYER=N", "e.g. --min-layer sympathy=10")
    return {k.strip(): v.strip() for k, v in pairs}


@app.command(epilog=EXIT_CODES_HELP)
@handled
def trend(
    fmt: Annotated[TrendFormat, typer.Option("--format", "-f", help="Output format.")] = Format.TABLE,
    output: Output = None,
    config: Config = None,
    state_dir: StateDir = None,
) -> None:
    """How the headline metrics moved across recorded runs (analyze and check)."""
    from netaudit import commands

    session = _session(config, state_dir, None)
    commands.guard_output(session, None, output)
    report = commands.trend(session)
    if not report.runs:
        raise InputError("no run recorded yet", "run `netaudit analyze PATH` (each analyze and check is recorded)")
    _render(report, Format(fmt), output)


@app.command(name="config", epilog=EXIT_CODES_HELP)
@handled
def config_command(
    fmt: Annotated[ConfigFormat, typer.Option("--format", "-f", help="Output format.")] = Format.TABLE,
    config: Config = None,
) -> None:
    """Show the effective settings and where each came from."""
    from netaudit.config import leaves
    from netaudit.report_models import ConfigReport, Setting

    session = _session(config, None, None)
    loaded = session.loaded
    values = leaves(loaded.settings.model_dump(mode="json"))
    report = ConfigReport(
        file=str(loaded.file) if loaded.file else None,
        settings=[Setting(key=k, value=v, origin=loaded.origins.get(k, "default")) for k, v in sorted(values.items())],
    )
    _render(_shown(session, report), Format(fmt), None)


@app.command(name="log", epilog=EXIT_CODES_HELP)
@handled
def log_command(
    name: Annotated[str, typer.Argument(help="Who: a connection's name or profile URL.")],
    channel: Annotated[
        str, typer.Option("--channel", "-c", metavar="CHANNEL", help="One of: " + ", ".join(CHANNELS) + ".")
    ],
    direction: Annotated[
        str | None,
        typer.Option(
            "--direction",
            "-d",
            metavar="DIRECTION",
            help="out, in or mutual (call, video, meeting, coffee, meal, event default to mutual).",
        ),
    ] = None,
    when: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD (default today).")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Free text.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Write even if NAME matches no connection.")] = False,
    file: Annotated[
        Path | None, typer.Option("--file", help="The log to append to (default: `log` in the config).")
    ] = None,
    config: Config = None,
) -> None:
    """Add one interaction (a coffee, a call) to your interaction log (default: the one in
    netaudit's state folder, which every run reads)."""
    from netaudit import acts, commands
    from netaudit.cache import Cache
    from netaudit.ingest.read import read_network

    session = _session(config, None, None)
    settings = session.loaded.settings
    row: dict[str, Any] = {
        "date": when or date.today().isoformat(),
        "name": name,
        "channel": channel,
        "direction": direction,
        "note": note,
    }
    export = settings.export or (Path(last.export) if (last := session.history.last()) else None)
    optional: set[str] = set()  # what a log without the column may leave out (the rest still tells)
    if export is not None:
        try:
            people = read_network(export, Cache(session.history.path.parent / "cache")).people
            person = people[index := commands.resolve(people, name, session.redact)]
            row |= {"name": person.name, "profile_url": person.profile_url or None}
            optional = {"profile_url"} if commands.named_uniquely(people, index) else set()
            optional |= {"name"} if person.profile_url else set()  # the URL alone tells too
        except InputError:
            if not force:
                raise
    elif not force:
        raise InputError("no connections to check NAME against", "set `export` in netaudit.toml, or pass --force")
    target = acts.log_row(session, row, optional, file)
    who = row["name"] or ""
    if session.redact:
        from netaudit.privacy import tag

        who = tag(row["name"] or "", row.get("profile_url") or "")
    err(f"logged {row['channel']} with {who} on {row['date']} in {target}")
    if file is not None and not acts.is_read(session, file):
        err(
            f"note: runs do not read {file}",
            'pass it with --interactions, or set log = "…" in netaudit.toml so that every run reads it',
        )


@app.command(epilog=EXIT_CODES_HELP)
@handled
def demo(
    fmt: Annotated[AnalysisFormat, typer.Option("--format", "-f", help="Output format.")] = Format.TABLE,
    connections: Annotated[
        int, typer.Option("--connections", min=20, max=30000, help="Size of the made-up network.")
    ] = 1500,
) -> None:
    """Run the report on a made-up export (no files needed) to see what netaudit does."""
    from netaudit import generate, pipeline, render
    from netaudit.generate_mail import OWNER_EMAIL
    from netaudit.me import Me as You

    with tempfile.TemporaryDirectory(prefix="netaudit-demo-") as tmp:
        mail = Path(tmp) / "mail.mbox"
        folder = generate.generate(Path(tmp) / "export", connections=connections, mail_path=mail)
        request = pipeline.Request(
            path=folder,
            interactions=[folder / "interactions.csv", mail],
            me=You.of([OWNER_EMAIL]),
            as_of=generate.DEFAULT_AS_OF,
        )
        result = pipeline.run(request)
        text = render.render(result.report, Format(fmt), _options(fmt)).replace(tmp, "<demo>")
    _emit(text)
    err("This was made-up data. Try: netaudit analyze PATH-TO-YOUR-EXPORT.zip")


@app.command(name="generate", epilog=EXIT_CODES_HELP)
@handled
def generate_command(
    folder: Annotated[Path, typer.Argument(help="Folder to write the synthetic export into.")],
    connections: Annotated[
        int, typer.Option("--connections", min=1, max=30000, help="How many made-up connections.")
    ] = 1500,
    messages: Annotated[
        int | None, typer.Option("--messages", min=0, max=20_000_000, help="At least this many message rows.")
    ] = None,  # 20 million rows are about 8.5 GiB: a bound, so a typo cannot fill the disk
    log_rows: Annotated[
        int | None, typer.Option("--log-rows", min=0, max=20_000_000, help="At least this many log rows.")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="The same seed writes the same export.")] = 7,
    log: Annotated[Path | None, typer.Option("--log", help="Where to write the interaction log.")] = None,
) -> None:
    """Write a synthetic LinkedIn export (made-up people) for trying netaudit out."""
    from netaudit import generate

    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "the folder is not empty" if folder.is_dir() else "already exists, and is not a folder"
        raise InputError(f"{folder}: {what}", "choose a new folder; netaudit never overwrites files")
    if log is not None and (log.exists() or log.is_symlink()):
        raise InputError(f"{log}: already exists", "choose a new file; netaudit never overwrites files")
    mail = folder.parent / "mail.mbox"  # beside the export, unless one is there already
    mail_path = None if mail.exists() or mail.is_symlink() else mail
    try:
        generate.write_export(
            folder,
            connections=connections,
            messages=messages,
            log_rows=log_rows,
            seed=seed,
            log_path=log,
            mail_path=mail_path,
        )
    except OSError as exc:
        where = Path(exc.filename) if isinstance(exc.filename, str) else folder
        if where.name.startswith(generate.STAGE_PREFIX):
            where = where.parent  # the folder the staging folder was to be made in
        raise InputError(
            f"cannot write the export to {folder} ({(exc.strerror or str(exc)).lower()}: {where})",
            "choose a folder you can write to, on a disk with space; nothing was written",
        ) from None
    err(f"wrote a synthetic export to {folder}")
    if mail_path is not None:
        err(f"wrote a synthetic mailbox beside it: {mail_path} (read it with -i {mail_path})")
    else:
        err(f"note: {mail} exists already; no mailbox was written")


@app.command(epilog=EXIT_CODES_HELP)
@handled
def schema(
    name: Annotated[SchemaName, typer.Argument(help="interactions, report, followups, check, trend or config.")],
) -> None:
    """Print a JSON Schema: of the interaction log, or of a JSON report."""
    import json

    from pydantic import BaseModel

    from netaudit import report_models
    from netaudit.ingest.log import LogEntry

    models: dict[str, type[BaseModel]] = {
        "interactions": LogEntry,
        "report": report_models.AnalysisReport,
        "followups": report_models.FollowupReport,
        "check": report_models.CheckReport,
        "trend": report_models.TrendReport,
        "config": report_models.ConfigReport,
    }
    mode: Literal["validation", "serialization"] = "validation" if name == "interactions" else "serialization"
    data = models[SchemaName(name).value].model_json_schema(by_alias=True, mode=mode)
    _emit(json.dumps(data, indent=2, sort_keys=True) + "\n")


from netaudit.cli import init as _init  # noqa: E402
from netaudit.cli import loop as _loop  # noqa: E402  (their commands join `app`)
from netaudit.cli import review as _review  # noqa: E402

del _loop, _review, _init


def main() -> None:
    process.start()
    try:
        app()
        code: object = 0
    except SystemExit as done:
        code = done.code
    except BrokenPipeError:  # `netaudit --help | head`
        process.quiet_pipe()
        code = ExitStatus.OK
    except OSError as exc:  # writing --help or --version failed (a full disk, a closed stdout)
        err(f"error: cannot write to stdout: {(exc.strerror or str(exc)).lower()}")
        code = ExitStatus.USAGE_OR_INPUT_ERROR
    if isinstance(code, str):  # a message, as `sys.exit` says it
        err(code)
    process.leave(process.exit_status(code))
