"""What the follow-up loop's commands do: find whom a rank, name or profile URL means, and
record what the user did (done, log) or decided (snooze, ignore, unsnooze, label). They never print."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from netaudit import commands, loop
from netaudit.commands import Session
from netaudit.errors import InputError
from netaudit.evidence import Channel
from netaudit.report_models import Followup
from netaudit.run_request import Request


def state_dir(session: Session) -> Path:
    return session.history.path.parent


def log_of(session: Session, file: Path | None = None) -> tuple[Path, str]:
    """The log to append to, and where that came from: --file, else `log` in the config, else
    the default log in the state folder."""
    if file is not None:
        return file, "--file"
    if (log := session.loaded.settings.log) is not None:
        return log, f"log in {session.loaded.origins.get('log', 'the config')}"
    return loop.default_log(state_dir(session)), "the default log"


def written(session: Session) -> list[Path]:
    """The logs netaudit appends to (left out of what a listing was made on)."""
    return [log_of(session)[0]]


def remember(session: Session, req: Request, items: list[Followup]) -> bool:
    """Record the listing the user sees, so that a rank names its person; False when the state
    folder cannot be written (the listing still shows, ranks then cannot be used)."""
    try:
        loop.save_listing(state_dir(session), loop.listing(req, loop.targets(items), written(session)))
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class Acting:
    """A command that acts on people: the run it would make, and the listing its ranks refer to."""

    session: Session
    request: Request
    listing: loop.Listing | None
    why_stale: str | None  # why the listing's ranks may not be used; None: they may


def acting(session: Session, as_of: date) -> Acting:
    made = loop.load_listing(state_dir(session))
    req = commands.request(session, as_of, made)
    why = None if made is None else loop.stale(made, loop.listing(req, [], written(session)))
    return Acting(session, req, made, why)


def target(act: Acting, who: str) -> loop.Target:
    """The one person a rank (`3`, `#3`), a name or a profile URL means."""
    text = who.strip()
    if text.removeprefix("#").isdigit():
        return _by_rank(act, int(text.removeprefix("#")))
    from netaudit.cache import Cache
    from netaudit.ingest.read import read_network

    people = read_network(act.request.path, Cache(act.request.cache_dir)).people
    ranks = act.listing.ranks() if act.listing is not None and act.why_stale is None else None
    person = people[commands.resolve(people, text, act.session.redact, ranks)]
    key = loop.person_key(person.name, person.profile_url)
    return loop.Target(
        key=key,
        name=person.name,
        profile_url=person.profile_url,
        company=person.company.strip(),
        position=person.position.strip(),
        rank=(ranks or {}).get(key),
    )


def _by_rank(act: Acting, rank: int) -> loop.Target:
    if act.listing is None:
        raise InputError(f"no listing to take rank {rank} from", "run `netaudit followups` first, then use its ranks")
    if act.why_stale is not None:
        raise InputError(
            f"rank {rank} is from a listing made on other data than this run would use: {act.why_stale}",
            "run `netaudit followups` again and use its ranks, or give the name or profile URL",
        )
    found = act.listing.at(rank)
    if found is None:
        raise InputError(
            f"the last listing has no rank {rank} (it has {len(act.listing.people)})",
            "run `netaudit followups --top N` to list more",
        )
    return found


def done(
    act: Acting, who: loop.Target, channel: str, direction: str | None, when: date, note: str | None, file: Path | None
) -> Path:
    """Log an interaction with `who`; returns the log. Without a direction: `out` (you got in
    touch), or `mutual` for a channel that is mutual by nature (a call, a coffee)."""
    if direction is None:
        direction = None if _mutual_by_default(channel) else "out"
    row: dict[str, Any] = {
        "date": when.isoformat(),
        "name": who.name,
        "profile_url": who.profile_url or None,
        "channel": channel,
        "direction": direction,
        "note": note,
    }
    return log_row(act.session, row, {"name"} if who.profile_url else set(), file)


def log_row(session: Session, row: dict[str, Any], optional: set[str], file: Path | None) -> Path:
    """Validate `row` as an interaction and append it to the log (see `logbook.append`)."""
    from pydantic import ValidationError

    from netaudit import logbook
    from netaudit.ingest.log import LogEntry

    try:
        entry = LogEntry.model_validate(row)
    except ValidationError as exc:
        raise _unloggable(exc.errors()[0]) from None
    target, origin = log_of(session, file)
    if origin == "the default log":  # the state folder may not exist yet
        target.parent.mkdir(parents=True, exist_ok=True)
    logbook.append(target, entry, optional, origin)
    return target


def decide(act: Acting, who: loop.Target, action: str, days: int | None = None, label: str | None = None) -> None:
    """Snooze (for `days`), ignore, unsnooze or label someone: one line of the decisions file."""
    as_of = act.request.as_of
    decision = loop.Decision(
        on=as_of,
        action=action,
        person=who.key,
        name=who.name,
        until=as_of + timedelta(days=days) if days is not None else None,
        label=loop.Label(label) if label is not None else None,
    )
    loop.record(state_dir(act.session), decision)


def quieted(session: Session, as_of: date) -> list[tuple[str, str, date | None]]:
    """Who is snoozed (until when) or ignored (None) on `as_of`: key, name, until."""
    standing = loop.decisions(state_dir(session), session.history.quieted())
    return sorted(
        ((k, q.name, q.until) for k, q in standing.quiet.items() if q.until is None or q.until > as_of),
        key=lambda row: (row[2] is None, row[2] or date.max, row[1].casefold()),
    )


def is_quiet(session: Session, key: str, as_of: date) -> bool:
    return key in loop.decisions(state_dir(session), session.history.quieted()).quiet_on(as_of)


def is_read(session: Session, path: Path) -> bool:
    """Whether runs read the log at `path`: one of the config's, or the default log."""
    settings = session.loaded.settings
    reads = [*settings.interactions, settings.log or loop.default_log(state_dir(session))]
    return loop.resolved(path) in {loop.resolved(p) for p in reads}


def _mutual_by_default(channel: str) -> bool:
    from netaudit.evidence import MUTUAL_BY_DEFAULT, Channel

    try:
        return Channel(channel.strip().casefold()) in MUTUAL_BY_DEFAULT
    except ValueError:
        return False  # the log entry then says what is wrong with the channel


def _unloggable(error: Any) -> InputError:
    """What `netaudit log` was given that no log may hold, named by its flag, with what works."""
    import difflib

    field = str(error["loc"][0]) if error["loc"] else ""
    given = error.get("input")
    choices = {"channel": [c.value for c in Channel], "direction": ("out", "in", "mutual")}.get(field)
    if choices is not None:
        close = difflib.get_close_matches(str(given), choices, n=1)
        mean = f"did you mean {close[0]}? " if close else ""
        return InputError(f"--{field} {given}: not a {field}", f"{mean}choose from {', '.join(choices)}")
    if field == "date":
        return InputError(f"--date {given}: not a date", "write it as YYYY-MM-DD, e.g. --date 2026-01-31")
    message = str(error["msg"]).removeprefix("Value error, ")
    hint = "add --direction out, in or mutual" if "direction" in message else "see `netaudit log --help`"
    return InputError(f"cannot log that: {message}", hint)
