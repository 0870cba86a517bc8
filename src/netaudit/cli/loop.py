"""The follow-up loop on the command line: act on a suggestion by rank, name or profile URL
(`done`, `snooze`, `ignore`, `unsnooze`, `label`), see who is snoozed, and start (`init`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netaudit.cli import EXIT_CODES_HELP, AsOf, Config, Redact, StateDir, _as_of, _session, app, err, handled

if TYPE_CHECKING:
    from netaudit.acts import Acting
    from netaudit.loop import Target

Who = Annotated[
    str,
    typer.Argument(
        metavar="NAME|RANK",
        help="A rank of the last `netaudit followups` listing, a connection's name or profile URL.",
    ),
]


def _acting(config: Path | None, state_dir: Path | None, redact: bool | None, as_of: str | None) -> Acting:
    from netaudit import acts

    return acts.acting(_session(config, state_dir, redact), _as_of(as_of))


def shown(act: Acting, who: Target) -> str:
    """`Lena Pretend (Designer at Acme)`, or a tag under redaction."""
    from netaudit.privacy import tag
    from netaudit.render.text import work

    if act.session.redact:
        return tag(who.name, who.profile_url)
    what = work(who.position, who.company)
    return f"{who.name} ({what})" if what else who.name


def _day(value: str | None) -> date | None:
    from netaudit.errors import InputError

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--date {value!r} is not a date", "write it as YYYY-MM-DD, e.g. --date 2026-11-20") from None


@app.command(epilog=EXIT_CODES_HELP)
@handled
def done(
    who: Who,
    channel: Annotated[str, typer.Option("--channel", "-c", help="How: message, email, call, coffee, …")] = "message",
    direction: Annotated[
        str | None,
        typer.Option("--direction", "-d", help="out, in or mutual (default: out; mutual for a call, coffee…)."),
    ] = None,
    when: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD (default: the as-of day).")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Free text.")] = None,
    as_of: AsOf = None,
    config: Config = None,
    state_dir: StateDir = None,
    redact: Redact = None,
) -> None:
    """Record that you got in touch with someone (default: you wrote them a message today)."""
    from netaudit import acts

    act = _acting(config, state_dir, redact, as_of)
    person = acts.target(act, who)
    day = _day(when) or act.request.as_of
    log = acts.done(act, person, channel, direction, day, note, None)
    err(f"done: {channel} with {shown(act, person)} on {day}, in {log}")


@app.command(epilog=EXIT_CODES_HELP)
@handled
def snooze(
    who: Who,
    days: Annotated[int, typer.Option("--days", min=1, max=36500, help="For how many days.")] = 30,
    as_of: AsOf = None,
    config: Config = None,
    state_dir: StateDir = None,
    redact: Redact = None,
) -> None:
    """Don't suggest someone for a while (`netaudit unsnooze` lifts it)."""
    from netaudit import acts

    act = _acting(config, state_dir, redact, as_of)
    person = acts.target(act, who)
    acts.decide(act, person, "snooze", days=days)
    err(f"snoozed {shown(act, person)} for {days} days")


@app.command(epilog=EXIT_CODES_HELP)
@handled
def ignore(
    who: Who,
    as_of: AsOf = None,
    config: Config = None,
    state_dir: StateDir = None,
    redact: Redact = None,
) -> None:
    """Never suggest someone again (`netaudit unsnooze` lifts it)."""
    from netaudit import acts

    act = _acting(config, state_dir, redact, as_of)
    person = acts.target(act, who)
    acts.decide(act, person, "ignore")
    err(f"{shown(act, person)} will not be suggested again")


@app.command(epilog=EXIT_CODES_HELP)
@handled
def unsnooze(
    who: Who,
    as_of: AsOf = None,
    config: Config = None,
    state_dir: StateDir = None,
    redact: Redact = None,
) -> None:
    """Suggest a snoozed or ignored person again."""
    from netaudit import acts

    act = _acting(config, state_dir, redact, as_of)
    person = _quieted(act, who) or acts.target(act, who)
    if not acts.is_quiet(act.session, person.key, act.request.as_of):
        err(f"{shown(act, person)} was neither snoozed nor ignored")
        return
    acts.decide(act, person, "unsnooze")
    err(f"{shown(act, person)} may be suggested again")


def _quieted(act: Acting, who: str) -> Target | None:
    """A snoozed or ignored person by the name they were snoozed under (no export needed)."""
    from netaudit import acts
    from netaudit.identity import name_key
    from netaudit.loop import Target

    if who.strip().removeprefix("#").isdigit():
        return None
    found = [(k, n) for k, n, _ in acts.quieted(act.session, act.request.as_of) if name_key(n) == name_key(who)]
    return Target(key=found[0][0], name=found[0][1]) if len(found) == 1 else None


@app.command(epilog=EXIT_CODES_HELP)
@handled
def snoozed(
    as_of: AsOf = None,
    config: Config = None,
    state_dir: StateDir = None,
    redact: Redact = None,
) -> None:
    """List the people you snoozed (with the day it ends) or ignored."""
    from netaudit import acts
    from netaudit.cli import _stdout
    from netaudit.privacy import tag
    from netaudit.render.text import clean

    session = _session(config, state_dir, redact)
    rows = acts.quieted(session, _as_of(as_of))
    if not rows:
        err("nobody is snoozed or ignored")
        return
    lines = []
    for key, name, until in rows:
        url = "" if key.startswith("name:") else "https://" + key  # the tag every report gives them
        who = tag(name, url) if session.redact else clean(name)
        lines.append(f"{who}\t{'snoozed until ' + until.isoformat() if until else 'ignored'}")
    _stdout("\n".join(lines) + "\n")


@app.command(epilog=EXIT_CODES_HELP)
@handled
def label(
    who: Who,
    value: Annotated[str, typer.Argument(metavar="LABEL", help="close, friend, acquaintance or stranger.")],
    as_of: AsOf = None,
    config: Config = None,
    state_dir: StateDir = None,
    redact: Redact = None,
) -> None:
    """Say how you see a relationship; the JSON report compares netaudit's view with your labels."""
    from netaudit import acts
    from netaudit.errors import InputError
    from netaudit.loop import Label

    choice = value.strip().casefold()
    if choice not in {x.value for x in Label}:
        raise InputError(f"LABEL {value!r} is not a label", f"choose from {', '.join(x.value for x in Label)}")
    act = _acting(config, state_dir, redact, as_of)
    person = acts.target(act, who)
    acts.decide(act, person, "label", label=choice)
    err(f"labelled {shown(act, person)} {choice}")
