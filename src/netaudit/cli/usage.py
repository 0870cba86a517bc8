"""How the command line presents itself, for every command at once: argument names (not Python
types) in `--help`, the exit codes each command can return, the full command list, and usage
errors (a mistyped command, a bad option value) in netaudit's `error:`/`hint:` form with exit 2.

A command gets all of this by being registered with `@app.command` on the `App` below; nothing
is listed by hand. Typer bundles its own Click: its classes are reached through `typer.core` and
`typer._click` (there is no other way to shape the help), and only here."""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import typer
from typer import _click
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from netaudit.errors import ExitStatus

EXIT_MEANINGS = {
    ExitStatus.OK: "fine",
    ExitStatus.THRESHOLD_BREACHED: "a threshold was breached",
    ExitStatus.USAGE_OR_INPUT_ERROR: "usage, config or input error",
    ExitStatus.INTERNAL_ERROR: "internal error (a bug: please report it)",
}
#: What every command can return; a command that can return more says so with `exit_codes(...)`.
EVERY_COMMAND = (ExitStatus.OK, ExitStatus.USAGE_OR_INPUT_ERROR, ExitStatus.INTERNAL_ERROR)


def exit_codes(*more: ExitStatus) -> str:
    """The epilog that lists the exit codes a command can return: 0, 2 and 3, and `more`."""
    codes = sorted({*EVERY_COMMAND, *more})
    return "Exit codes: " + "; ".join(f"{int(c)} {EXIT_MEANINGS[c]}" for c in codes) + "."


#: Metavars by option, where the type alone would not say it (a str that is a date).
DATES = {"--as-of", "--date", "--since", "--until", "--before", "--after"}
_RANGE = re.compile(r"(-?[\d.]+)<=x<=(-?[\d.]+)|x>=(-?[\d.]+)|x<=(-?[\d.]+)")


def metavar(param: _click.Parameter) -> str:
    """The name shown for a parameter's value: PATH, FILE, FOLDER, DATE, DAYS, N, FORMAT, TEXT."""
    name = (param.name or "value").upper()
    if isinstance(param, TyperArgument):
        return name
    longest = max(param.opts, key=len)
    desc = param.type_descriptor if isinstance(param, TyperOption) else None
    annotation = desc.annotation if desc else str
    element = getattr(annotation, "__args__", (annotation,))[0] if desc and desc.is_list else annotation
    if desc and desc.is_choice:
        return longest.lstrip("-").split("-")[-1].upper()
    if longest in DATES:
        return "DATE"
    if longest.endswith(("-days", "--days", "--window")):
        return "DAYS"
    if desc and (desc.is_path or element is Path):
        return "FOLDER" if longest.endswith(("-dir", "folder")) else "FILE"
    if element in (int, float):
        return "N"
    return "TEXT"


def _plain_range(text: str) -> str:
    """`1<=x<=36500` as `1 to 36500`, `x>=1` as `at least 1`."""

    def said(match: re.Match[str]) -> str:
        low, high, least, most = match.groups()
        return f"{low} to {high}" if low else f"at least {least}" if least else f"at most {most}"

    return _RANGE.sub(said, text)


def _choices(param: _click.Parameter) -> list[str]:
    desc = getattr(param, "type_descriptor", None)
    if desc is None or not desc.is_choice:
        return []
    return [str(getattr(c, "value", c)) for c in desc.choices or ()]


def _tidy(param: _click.Parameter) -> None:
    """A name for the value, and the choices in the help when it does not list them."""
    if param.metavar is None and not getattr(param, "is_flag", False):
        param.metavar = metavar(param)
    listed = _choices(param)
    text = getattr(param, "help", None) or ""
    if listed and not all(c in text for c in listed):
        param.help = f"{text} One of: {', '.join(listed)}.".strip()  # type: ignore[attr-defined]


class Command(TyperCommand):
    """A command whose help names values (`PATH`, not `<path>`) and lists its exit codes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            _tidy(param)
        if self.epilog is None:
            self.epilog = exit_codes()

    def make_context(
        self, info_name: str | None, args: list[str], parent: _click.Context | None = None, **extra: Any
    ) -> _click.Context:
        path = " ".join(p for p in (parent.command_path if parent else "", info_name or "") if p)
        with usage_errors(path):
            return super().make_context(info_name, args, parent, **extra)

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                shown = param.metavar or metavar(param)
                shown = shown if param.required else f"[{shown}]"
                pieces.append(shown + ("..." if param.nargs != 1 else ""))
        return pieces

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                arguments.append((param.metavar or metavar(param), _plain_range(record[1])))
            else:
                options.append((record[0], _plain_range(record[1])))
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class Group(TyperGroup):
    """The `netaudit` group: the whole first paragraph of each command in the list, and usage
    errors (of the group and of every command) as `error:`/`hint:` with exit 2."""

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, " ".join((command.help or "").split("\n\n")[0].split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        Command.format_options(self, ctx, formatter)  # type: ignore[arg-type]
        self.format_commands(ctx, formatter)

    def make_context(
        self, info_name: str | None, args: list[str], parent: _click.Context | None = None, **extra: Any
    ) -> _click.Context:
        with usage_errors(info_name or "netaudit"):
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: _click.Context) -> Any:
        with usage_errors(ctx.command_path):
            return super().invoke(ctx)

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            known = ", ".join(self.list_commands(ctx))
            raise Usage(
                f"{ctx.command_path} has no command {name!r}",
                f"did you mean `{ctx.command_path} {close[0]}`?" if close else f"the commands are: {known}",
            )
        return super().resolve_command(ctx, args)


F = TypeVar("F", bound=Callable[..., Any])


class App(typer.Typer):
    """typer.Typer whose commands are `Command`s and whose group is `Group`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cls=Group, **kwargs)

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[F], F]:
        return super().command(name, cls=cls or Command, **kwargs)


class Usage(Exception):
    """A usage error in our words: the one line and the hint."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@contextlib.contextmanager
def usage_errors(command_path: str) -> Iterator[None]:
    """Click's usage errors (and ours) become `error:` and `hint:` on stderr, and exit 2; the
    bare `netaudit` still shows its help."""
    from netaudit.cli import err

    try:
        yield
    except _click.exceptions.NoArgsIsHelpError:
        raise
    except Usage as exc:
        err(f"error: {exc.message}")
        err(f"hint: {exc.hint}")
        raise typer.Exit(ExitStatus.USAGE_OR_INPUT_ERROR) from None
    except _click.exceptions.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else command_path
        message, hint = explain(exc, where)
        err(f"error: {message}")
        err(f"hint: {hint}")
        raise typer.Exit(ExitStatus.USAGE_OR_INPUT_ERROR) from None


def explain(exc: _click.exceptions.UsageError, where: str) -> tuple[str, str]:
    """A usage error as one line that names what the user wrote, and a hint with what works."""
    see = f"see `{where} --help`"
    if isinstance(exc, _click.exceptions.NoSuchOption):
        close = difflib.get_close_matches(exc.option_name, sorted(exc.possibilities or ()), n=1)
        return f"{where} has no option {exc.option_name}", (f"did you mean {close[0]}? ({see})" if close else see)
    if isinstance(exc, _click.exceptions.MissingParameter) and exc.param is not None:
        return f"{where} needs {_named(exc.param)}", see
    if isinstance(exc, _click.exceptions.BadParameter) and exc.param is not None:
        return _bad_value(exc, exc.param, see)
    message = exc.format_message().rstrip(".")
    return message[:1].lower() + message[1:], see


def _named(param: _click.Parameter) -> str:
    if isinstance(param, TyperArgument):
        return param.metavar or metavar(param)
    return f"{max(param.opts, key=len)} {param.metavar or metavar(param)}"


def _bad_value(exc: _click.exceptions.BadParameter, param: _click.Parameter, see: str) -> tuple[str, str]:
    value = _given(exc)
    name = param.metavar if isinstance(param, TyperArgument) else max(param.opts, key=len)
    shown = (
        name if value is None else f"{name} {value}" if str(value).strip() == str(value) != "" else f"{name} {value!r}"
    )
    if listed := _choices(param):
        close = difflib.get_close_matches(str(value), listed, n=1)
        return f"{shown} is not one of {', '.join(listed)}", (f"did you mean {close[0]}? ({see})" if close else see)
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None or high is not None:
        span = (
            f"from {low} to {high}"
            if low is not None and high is not None
            else (f"of at least {low}" if low is not None else f"of at most {high}")
        )
        return f"{shown} is out of range", f"give a number {span}"
    kind = "a whole number" if metavar(param) in ("N", "DAYS") else "valid"
    return f"{shown} is not {kind}", see


def _given(exc: BaseException) -> Any:
    """The value the user wrote, as typer's coercion kept it (the input of its validation error)."""
    cause = exc.__cause__
    errors: Sequence[Any] = cause.errors() if cause is not None and hasattr(cause, "errors") else ()
    return errors[0].get("input") if errors else None
