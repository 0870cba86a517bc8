"""The command line: parse options, call the core, pick a format, map errors to exit codes."""

from __future__ import annotations

import functools
import importlib.abc
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import typer

from netaudit import __version__
from netaudit.errors import ExitStatus, InputError, NetauditError

EXIT_CODES_HELP = (
    "Exit codes: 0 fine; 1 a threshold was breached; 2 usage, config or input error; "
    "3 internal error (a bug: please report it)."
)
app = typer.Typer(
    name="netaudit",
    help="How many of your LinkedIn connections are real relationships, and whom to get back in "
    "touch with. Everything runs locally; nothing leaves your machine.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
_debug = {"on": False}


class AnalysisFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


class FollowupFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class SchemaName(StrEnum):
    interactions = "interactions"
    report = "report"
    followups = "followups"


F = TypeVar("F", bound=Callable[..., Any])


def err(message: str) -> None:
    """One line on stderr; file names and values from the data are shown, never obeyed."""
    from netaudit.render.text import clean

    typer.echo(clean(message), err=True)


def handled(command: F) -> F:
    """One place where errors become messages and exit codes; a crash is never exit 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except NetauditError as exc:
            err(f"error: {exc.message}")
            if exc.hint:
                err(f"hint: {exc.hint}")
            raise typer.Exit(ExitStatus.USAGE_OR_INPUT_ERROR) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            _quiet_pipe()
            raise typer.Exit(ExitStatus.OK) from None
        except Exception as exc:
            if _debug["on"]:
                raise
            err(f"internal error: {type(exc).__name__}: {exc}")
            err("hint: this is a bug in netaudit; run again with --debug for details and report it")
            raise typer.Exit(ExitStatus.INTERNAL_ERROR) from None

    return wrapper  # type: ignore[return-value]


def _quiet_pipe() -> None:
    """`netaudit … | head` closes the pipe early: stay quiet, like any Unix tool."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netaudit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")] = False,
) -> None:
    _debug["on"] = debug


PathArg = Annotated[
    Path,
    typer.Argument(help="Connections.csv, the export folder, or the export .zip.", show_default=False),
]
Interactions = Annotated[
    list[Path] | None,
    typer.Option(
        "--interactions",
        "-i",
        help="Interaction log (CSV or JSON Lines) or a messages.csv; repeatable.",
    ),
]
Me = Annotated[
    str | None,
    typer.Option("--me", help="Your name or profile URL, if netaudit cannot tell whose export it is."),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="Treat this day (YYYY-MM-DD) as today, for reproducible runs."),
]
Window = Annotated[int | None, typer.Option("--window", min=1, max=36500, help="Window in days (default 365).")]
Output = Annotated[
    str | None,
    typer.Option("--output", "-o", help="Write the report to FILE (only if the run succeeds); - is stdout."),
]
Strict = Annotated[bool, typer.Option("--strict", help="Fail (exit 2) if any row could not be read.")]
StateDir = Annotated[
    Path | None,
    typer.Option(
        "--state-dir",
        help="Where netaudit keeps its state (default: $NETAUDIT_HOME or the user data folder).",
    ),
]


def _as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"--as-of {value!r} is not a date", "write it as YYYY-MM-DD, e.g. --as-of 2026-01-31"
        ) from None


def _options(fmt: str) -> Any:
    from netaudit.render import Options

    columns = os.environ.get("COLUMNS", "")
    tty = sys.stdout.isatty()
    width = int(columns) if columns.isdigit() else (shutil.get_terminal_size().columns if tty else 100)
    return Options(width=max(40, width), color=tty and fmt == "table" and "NO_COLOR" not in os.environ)


def _emit(text: str, output: str | None) -> None:
    """The report goes to stdout, or to FILE written whole (temp file, then rename)."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=".netaudit-")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        Path(tmp).replace(target)
    except OSError as exc:
        raise InputError(f"cannot write {output} ({exc.strerror})", "choose a writable --output path") from None
    err(f"wrote {output}")


def _request(
    path: Path,
    interactions: list[Path] | None,
    me: str | None,
    as_of: str | None,
    window: int | None,
) -> Any:
    from netaudit.audit import Request
    from netaudit.settings import Settings

    settings = Settings()
    if window is not None:
        settings.model.window_days = window
    return Request(
        path=path,
        interactions=list(interactions or []),
        me=me,
        as_of=_as_of(as_of),
        settings=settings,
    )


def _account(report: Any, strict: bool) -> None:
    """Skipped rows are never silent: one line on stderr, or an error with --strict."""
    skipped = [(s.path, k) for s in report.sources for k in s.skips]
    total = sum(s.skipped for s in report.sources)
    if not total:
        return
    first = f"{skipped[0][0]}:{skipped[0][1].line}: {skipped[0][1].reason}" if skipped else ""
    if strict:
        raise InputError(
            f"{total} row(s) could not be read (first: {first})",
            "fix those rows, or run without --strict",
        )
    err(f"warning: {total} row(s) could not be read and were skipped (first: {first}); the report lists them")


@app.command()
@handled
def analyze(
    path: PathArg,
    interactions: Interactions = None,
    me: Me = None,
    as_of: AsOf = None,
    window: Window = None,
    fmt: Annotated[AnalysisFormat, typer.Option("--format", "-f", help="Output format.")] = AnalysisFormat.table,
    output: Output = None,
    people: Annotated[
        bool,
        typer.Option("--people", help="List every person with class, recency and tie strength (JSON)."),
    ] = False,
    strict: Strict = False,
    state_dir: StateDir = None,
) -> None:
    """Report how many connections are real, how recently each was engaged, and how far the
    network overshoots Dunbar's 150."""
    from netaudit import audit, render, state

    request = _request(path, interactions, me, as_of, window)
    result = audit.run(request, people=people)
    _account(result.report, strict)
    text = render.render_analysis(result.report, AnalysisFormat(fmt).value, _options(fmt))
    _emit(text, output)
    state.remember(
        state.LastRun(str(path.resolve()), [str(p.resolve()) for p in request.interactions], me),
        state.state_dir(state_dir),
    )


@app.command()
@handled
def followups(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Export as for analyze; default: the sources of the last analyze.",
            show_default=False,
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many suggestions.")] = 10,
    every: Annotated[bool, typer.Option("--all", help="Every suggestion, not just the top.")] = False,
    reason: Annotated[
        list[str] | None,
        typer.Option(
            "--reason",
            "-r",
            help="Only these reasons: unanswered, reciprocate, fading, thank_new, reconnect, one_way; repeatable.",
        ),
    ] = None,
    drafts: Annotated[bool, typer.Option("--drafts", help="Add a short message draft to each suggestion.")] = False,
    interactions: Interactions = None,
    me: Me = None,
    as_of: AsOf = None,
    window: Window = None,
    fmt: Annotated[FollowupFormat, typer.Option("--format", "-f", help="Output format.")] = FollowupFormat.table,
    output: Output = None,
    strict: Strict = False,
    state_dir: StateDir = None,
) -> None:
    """Whom to get back in touch with this week, why, and what to do."""
    from netaudit import audit, render

    reasons = _reasons(reason or [])
    path, interactions, me = _sources(path, interactions, me, state_dir)
    request = _request(path, interactions, me, as_of, window)
    result = audit.run(request)
    _account(result.report, strict)
    report = audit.followups(result, None if every else top, reasons, drafts)
    _emit(render.render_followups(report, FollowupFormat(fmt).value, _options(fmt)), output)


def _reasons(values: list[str]) -> list[Any]:
    from netaudit.report import Reason

    try:
        return [Reason(v.strip().casefold()) for v in values]
    except ValueError:
        choices = ", ".join(r.value for r in Reason)
        raise InputError(f"--reason {', '.join(values)}: unknown reason", f"choose from {choices}") from None


def _sources(
    path: Path | None, interactions: list[Path] | None, me: str | None, state_dir: Path | None
) -> tuple[Path, list[Path], str | None]:
    """PATH, else what the last `analyze` read, else an export in the working directory."""
    from netaudit import state

    if path is not None:
        return path, list(interactions or []), me
    last = state.recall(state.state_dir(state_dir))
    if last is not None:
        return (
            Path(last.path),
            list(interactions or [Path(i) for i in last.interactions]),
            me or last.me,
        )
    found = state.find_export(Path.cwd())
    if found is not None:
        return found, list(interactions or []), me
    raise InputError(
        "no export to read: give a PATH, or run `netaudit analyze PATH` first",
        "netaudit analyze ~/Downloads/Basic_LinkedInDataExport_01-31-2026.zip && netaudit followups --top 10",
    )


@app.command()
@handled
def demo(
    fmt: Annotated[AnalysisFormat, typer.Option("--format", "-f", help="Output format.")] = AnalysisFormat.table,
    connections: Annotated[
        int, typer.Option("--connections", min=20, max=30000, help="Size of the made-up network.")
    ] = 1500,
) -> None:
    """Run the report on a made-up export (no files needed) to see what netaudit does."""
    from netaudit import audit, generate, render

    with tempfile.TemporaryDirectory(prefix="netaudit-demo-") as tmp:
        folder = generate.generate(Path(tmp) / "export", connections=connections)
        request = _request(folder, [folder / "interactions.csv"], None, generate.DEFAULT_AS_OF.isoformat(), None)
        result = audit.run(request)
        text = render.render_analysis(result.report, AnalysisFormat(fmt).value, _options(fmt))
        text = text.replace(tmp, "<demo>")
    _emit(text, None)
    err("This was made-up data. Try: netaudit analyze PATH-TO-YOUR-EXPORT.zip")


@app.command(name="generate")
@handled
def generate_command(
    folder: Annotated[Path, typer.Argument(help="Folder to write the synthetic export into.")],
    connections: Annotated[int, typer.Option("--connections", min=1, max=30000)] = 1500,
    messages: Annotated[int | None, typer.Option("--messages", min=0, help="At least this many message rows.")] = None,
    log_rows: Annotated[
        int | None,
        typer.Option("--log-rows", min=0, help="At least this many interaction-log rows."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed")] = 7,
    log: Annotated[Path | None, typer.Option("--log", help="Where to write the interaction log.")] = None,
) -> None:
    """Write a synthetic LinkedIn export (made-up people) for trying netaudit out."""
    from netaudit import generate

    if folder.exists() and any(folder.iterdir()):
        raise InputError(
            f"{folder}: the folder is not empty",
            "choose a new folder; netaudit never overwrites files",
        )
    if log is not None and log.exists():
        raise InputError(f"{log}: already exists", "choose a new file; netaudit never overwrites files")
    generate.generate(folder, connections=connections, messages=messages, log_rows=log_rows, seed=seed, log_path=log)
    err(f"wrote a synthetic export to {folder}")


@app.command()
@handled
def schema(
    name: Annotated[SchemaName, typer.Argument(help="interactions, report or followups.")],
) -> None:
    """Print a JSON Schema: of the interaction log, or of the JSON reports."""
    import json

    from pydantic import BaseModel

    from netaudit.ingest.log import LogEntry
    from netaudit.report import AnalysisReport, FollowupReport

    models: dict[str, type[BaseModel]] = {
        "interactions": LogEntry,
        "report": AnalysisReport,
        "followups": FollowupReport,
    }
    mode: Literal["validation", "serialization"] = "validation" if name == "interactions" else "serialization"
    data = models[SchemaName(name).value].model_json_schema(by_alias=True, mode=mode)
    _emit(json.dumps(data, indent=2, sort_keys=True) + "\n", None)


class _WithoutPandas(importlib.abc.MetaPathFinder):
    """pyarrow probes for pandas whenever it converts Python values, and importing pandas costs
    ~0.2 s, a third of our time budget. netaudit never uses pandas: the probe finds none."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> None:
        if fullname == "pandas":
            raise ImportError("netaudit does not use pandas")


def main() -> None:
    if "pandas" not in sys.modules:
        sys.meta_path.insert(0, _WithoutPandas())
    app()
