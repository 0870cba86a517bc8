"""`netaudit init`: a netaudit.toml for this folder, from what is here; never replaces one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from netaudit.cli import EXIT_CODES_HELP, StateDir, _stdout, app, err, handled
from netaudit.errors import InputError


@app.command(epilog=EXIT_CODES_HELP)
@handled
def init(
    export: Annotated[
        Path | None, typer.Option("--export", help="The export to name (default: the one found in this folder).")
    ] = None,
    state_dir: StateDir = None,
) -> None:
    """Write a netaudit.toml for this folder: the export found here, the default log, your name
    from Profile.csv. Refuses to replace an existing file; prints what it wrote."""
    from netaudit import history, loop

    cwd = Path.cwd()
    target = cwd / "netaudit.toml"
    if target.exists() or target.is_symlink():
        raise InputError(f"{target} already exists; netaudit init never replaces a file", "edit it, or remove it first")
    found = export or _find(cwd)
    lines = ["# netaudit's settings for this folder, written by `netaudit init` (`netaudit config` shows them all)"]
    if found is None:
        lines.append('# export = "Basic_LinkedInDataExport_01-31-2026.zip"  # no export was found here')
    else:
        lines.append(f"export = {_toml(_relative(found, cwd))}")
    log = loop.default_log(history.state_dir(state_dir))
    lines.append(f"log = {_toml(str(log))}  # `netaudit done` and `netaudit log` append here; every run reads it")
    if found is not None and (me := _owner(found)):
        lines.append(f"me = {_toml(me)}  # from Profile.csv")
    text = "\n".join(lines) + "\n"
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:  # made between the check and now
        raise InputError(f"{target} already exists; netaudit init never replaces a file", "edit it") from None
    except OSError as exc:
        raise InputError(f"cannot write {target} ({exc.strerror})", "run it in a folder you can write to") from None
    _stdout(text)
    err(f"wrote {target}")


def _find(cwd: Path) -> Path | None:
    """An export here: a Connections.csv or an export zip, else a folder holding a Connections.csv."""
    from netaudit.commands import find_export

    if (found := find_export(cwd)) is not None:
        return found
    folders = [p for p in sorted(cwd.iterdir()) if p.is_dir() and any(_is_connections(f) for f in p.iterdir())]
    return folders[0] if folders else None


def _is_connections(path: Path) -> bool:
    return path.name.casefold() == "connections.csv" and path.is_file()


def _owner(export: Path) -> str | None:
    from netaudit.ingest.read import profile_name

    try:
        return profile_name(export)
    except InputError:
        return None


def _relative(path: Path, cwd: Path) -> str:
    try:
        return str(path.resolve().relative_to(cwd.resolve()))
    except ValueError:
        return str(path)


def _toml(value: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's."""
    return json.dumps(value, ensure_ascii=False)
