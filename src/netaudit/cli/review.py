"""`netaudit review`: the current suggestions one at a time, each acted on with one key.

Plain line input (a key and Enter), so it works over SSH, in tmux and in any terminal; never a
mouse. The actions are the loop's own (`netaudit.acts`), the same as `done`, `snooze`, …"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from netaudit.cli import (
    EXIT_CODES_HELP,
    AsOf,
    Config,
    Interactions,
    PathArg,
    Redact,
    StateDir,
    _as_of,
    _inputs,
    _session,
    app,
)
from netaudit.cli import handled as _handled
from netaudit.errors import InputError

if TYPE_CHECKING:
    from netaudit.acts import Acting
    from netaudit.report_models import Followup

KEYS = "[d]one  [s]nooze  [i]gnore  [k] skip  [o]pen  [l]abel  [q]uit"
NON_INTERACTIVE = (
    "netaudit followups (the list), then netaudit done N [--channel C], netaudit snooze N --days 30, "
    "netaudit ignore N, netaudit label N close|friend|acquaintance|stranger"
)


def has_terminal() -> bool:
    """Whether a person can answer: stdin is a terminal (tests replace this)."""
    return sys.stdin is not None and sys.stdin.isatty()


@app.command(epilog=EXIT_CODES_HELP)
@_handled
def review(
    path: PathArg = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many suggestions to walk through.")] = 10,
    interactions: Interactions = None,
    as_of: AsOf = None,
    config: Config = None,
    state_dir: StateDir = None,
    redact: Redact = None,
) -> None:
    """Walk through the current suggestions one at a time: done, snooze, ignore, skip, open, label."""
    from netaudit import acts, commands, pipeline

    if not has_terminal():
        raise InputError(
            "review needs a terminal on stdin, to ask you what to do", f"without one, use {NON_INTERACTIVE}"
        )
    session = _session(config, state_dir, redact, _inputs(path, interactions, None, None))
    request = commands.request(session, _as_of(as_of))
    found = pipeline.followups(pipeline.run(request), top, [], False)
    acts.remember(session, request, found.followups)
    if not session.redact:  # the message they sent is part of the evidence, shown locally only
        from netaudit.previews import previews

        found = found.model_copy(update={"followups": previews(request, found.followups)})
    act = acts.Acting(session, request, None, None)
    say = typer.echo
    if not found.followups:
        say("No follow-ups: nobody is waiting on you right now.")
        return
    for item in found.followups:
        _card(act, item, len(found.followups), say)
        if not _ask(act, item, say, _reader()):
            break
    say("Done reviewing. `netaudit followups` lists what is left.")


def _reader() -> Callable[[str], str | None]:
    def read(prompt: str) -> str | None:
        try:
            return input(prompt)
        except EOFError:
            return None

    return read


def _card(act: Acting, item: Followup, total: int, say: Callable[[str], None]) -> None:
    from netaudit.privacy import redacted

    shown = redacted(item) if act.session.redact else item
    from netaudit.render.text import clean, work

    what = work(shown.position, shown.company)
    say("")
    say(f"#{shown.rank} of {total}  {clean(shown.name)}" + (f" ({what})" if what else ""))
    say(f"  {shown.reason.value}: {clean(shown.explanation)}")
    if shown.preview:
        say(f"  “{clean(shown.preview)}”")
    say(f"  do: {shown.action}; last contact {shown.last_interaction or 'never'}; tie strength {shown.tie_strength}")


def _ask(act: Acting, item: Followup, say: Callable[[str], None], read: Callable[[str], str | None]) -> bool:
    """Act on one suggestion; False when the user quits."""
    from netaudit import acts, loop
    from netaudit.cli.loop import shown

    who = loop.targets([item])[0]
    while True:
        key = read(f"{KEYS} > ")
        if key is None or key.strip().casefold() in ("q", "quit"):
            return False
        key = key.strip().casefold()[:1]
        try:
            if key == "d":
                channel = (read("channel [message]: ") or "").strip() or "message"
                acts.done(act, who, channel, None, act.request.as_of, None, None)
                say(f"done: {channel} with {shown(act, who)}")
            elif key == "s":
                days = (read("days [30]: ") or "").strip() or "30"
                if not days.isdigit() or not 1 <= int(days) <= 36500:
                    say("days: a whole number from 1 to 36500")
                    continue
                acts.decide(act, who, "snooze", days=int(days))
                say(f"snoozed {shown(act, who)} for {days} days")
            elif key == "i":
                acts.decide(act, who, "ignore")
                say(f"{shown(act, who)} will not be suggested again")
            elif key == "o":
                say(
                    "  (profile URL hidden: redacted)"
                    if act.session.redact
                    else f"  {who.profile_url or 'no profile URL'}"
                )
                continue
            elif key == "l":
                label = (read("label (close, friend, acquaintance, stranger): ") or "").strip().casefold()
                if label not in {x.value for x in loop.Label}:
                    say("label: one of close, friend, acquaintance, stranger")
                    continue
                acts.decide(act, who, "label", label=label)
                say(f"labelled {shown(act, who)} {label}")
                continue
            elif key not in ("k", ""):
                say(f"keys: {KEYS}")
                continue
        except InputError as exc:  # a channel the log refuses, say: tell, and ask again
            say(f"error: {exc.message}" + (f" ({exc.hint})" if exc.hint else ""))
            continue
        return True
