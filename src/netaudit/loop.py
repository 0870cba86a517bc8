"""The follow-up loop's own state, in the state folder: the last listing of follow-ups (so that a
rank names one person), the user's decisions (snooze, ignore, unsnooze, label: one JSON line
each, appended under the interaction log's lock) and where the default interaction log is.

Nothing here reads an export or prints; `commands` and the CLI do.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from netaudit.errors import StateError
from netaudit.identity import person_keys, url_key

if TYPE_CHECKING:
    from netaudit.report_models import Followup
    from netaudit.run_request import Request

#: A file a listing was made on: its resolved path, size and modification time (None: unreadable).
FileStamp = tuple[str, int | None, int | None]
LISTING = "followups-listing.json"
DECISIONS = "decisions.jsonl"
DEFAULT_LOG = "interactions.csv"


class Label(StrEnum):
    """How the user sees a relationship (`netaudit label`), closest first."""

    CLOSE = "close"
    FRIEND = "friend"
    ACQUAINTANCE = "acquaintance"
    STRANGER = "stranger"


def default_log(state_dir: Path) -> Path:
    """The log `done` and `log` append to when the config names none; every run reads it."""
    return state_dir / DEFAULT_LOG


def person_key(name: str, profile_url: str) -> str:
    """`identity.person_keys` of one person of an export (a listed or resolved one)."""
    return person_keys([name], [url_key(profile_url)])[0]


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Target(_Row):
    """One person a command acts on, as a listing or a resolved name gives them."""

    key: str
    name: str
    profile_url: str = ""
    company: str = ""
    position: str = ""
    rank: int | None = None


class Listing(_Row):
    """What the last `followups` showed (its ranks) and what it was made on: the inputs, each
    file's size and modification time, a hash of the settings, the as-of day."""

    fingerprint: str
    as_of: date
    export: str
    interactions: list[str]
    me: list[str] = []
    files: list[FileStamp]
    settings: str
    people: list[Target]

    def ranks(self) -> dict[str, int]:
        return {t.key: t.rank for t in self.people if t.rank is not None}

    def at(self, rank: int) -> Target | None:
        return next((t for t in self.people if t.rank == rank), None)


def listing(request: Request, people: list[Target], written: Collection[Path] = ()) -> Listing:
    """The listing of `people` made on `request`. The logs netaudit itself appends to
    (`written`) are left out of what it was made on: `done 3` then `done 5` act on the listing
    the user is looking at."""
    files = _files(request, written)
    # the inputs are compared as files: whether they came from flags or the config does not matter
    model = request.settings.model_dump_json(exclude={"export", "interactions", "log", "me"})
    settings = hashlib.sha256(model.encode()).hexdigest()[:16]
    me = [*request.me.names, *request.me.urls, *request.me.emails]
    made_on = json.dumps([request.as_of.isoformat(), me, settings, files], default=str)
    return Listing(
        fingerprint=hashlib.sha256(made_on.encode()).hexdigest()[:16],
        as_of=request.as_of,
        export=resolved(request.path),
        interactions=[resolved(p) for p in request.interactions if resolved(p) not in _left_out(written)],
        me=me,
        files=files,
        settings=settings,
        people=people,
    )


def stale(made: Listing, now: Listing) -> str | None:
    """Why a rank of listing `made` may not be used by a run that would make `now`; None: it may."""
    if made.fingerprint == now.fingerprint:
        return None
    if made.as_of != now.as_of:
        return f"it was made as of {made.as_of}, and this run is as of {now.as_of}"
    if made.export != now.export or sorted(made.interactions) != sorted(now.interactions):
        return f"it was made on other files ({made.export}), not on what this run reads ({now.export})"
    changed = sorted({f[0] for f in made.files} ^ {f[0] for f in now.files} | _changed(made.files, now.files))
    if changed:
        return f"{changed[0]} changed since it was made"
    return "it was made with other settings (or another --me)"


def _changed(before: list[FileStamp], after: list[FileStamp]) -> set[str]:
    then = {f[0]: f for f in before}
    return {f[0] for f in after if f[0] in then and then[f[0]] != f}


def _left_out(written: Collection[Path]) -> set[str]:
    return {resolved(p) for p in written}


def _files(request: Request, written: Collection[Path]) -> list[FileStamp]:
    left_out = _left_out(written)
    files: dict[str, FileStamp] = {}
    for path in [request.path, *request.interactions]:
        here = resolved(path)
        if here in left_out:
            continue
        files[here] = (here, *_stat(Path(here)))
    return sorted(files.values(), key=lambda f: f[0])


def _stat(path: Path) -> tuple[int | None, int | None]:
    """Size and modification time; of a folder (an unzipped export), over the files in it."""
    try:
        if not path.is_dir():
            stat = path.stat()
            return stat.st_size, stat.st_mtime_ns
        stats = [p.stat() for p in path.rglob("*") if p.is_file()]
        return sum(s.st_size for s in stats), max((s.st_mtime_ns for s in stats), default=0)
    except OSError:
        return None, None


def resolved(path: Path) -> str:
    with contextlib.suppress(OSError, RuntimeError):
        return str(path.expanduser().resolve())
    return str(path)


def targets(items: Iterable[Followup]) -> list[Target]:
    return [
        Target(
            key=person_key(f.name, f.profile_url),
            name=f.name,
            profile_url=f.profile_url,
            company=f.company,
            position=f.position,
            rank=f.rank,
        )
        for f in items
    ]


def save_listing(state_dir: Path, listing: Listing) -> None:
    """Replace the recorded listing in one step (a reader never sees half of one)."""
    state_dir.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".netaudit-listing-", dir=state_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(listing.model_dump_json())
        Path(temp).replace(state_dir / LISTING)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise


def load_listing(state_dir: Path) -> Listing | None:
    path = state_dir / LISTING
    try:
        return Listing.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValidationError):
        raise StateError(
            f"{path}: the last listing of follow-ups cannot be read",
            "run `netaudit followups` again (it writes a new one)",
        ) from None


class Decision(_Row):
    """One line of the decisions file: what the user decided about a person, and when."""

    on: date
    action: Literal["snooze", "ignore", "unsnooze", "label"]
    person: str
    name: str
    until: date | None = None
    label: Label | None = None


def record(state_dir: Path, decision: Decision) -> None:
    """Append one decision: a whole line, under the lock every append of netaudit takes."""
    from netaudit.logbook import locked_append

    state_dir.mkdir(parents=True, exist_ok=True)
    line = decision.model_dump_json(exclude_none=True).encode("utf-8") + b"\n"

    def build(fd: int, size: int) -> bytes:
        ends_clean = size == 0 or os.pread(fd, 1, size - 1) == b"\n"
        return line if ends_clean else b"\n" + line

    locked_append(state_dir / DECISIONS, build, "netaudit's decisions file")


@dataclass
class Quiet:
    name: str
    until: date | None  # None: ignored for good


@dataclass
class Decisions:
    """Each person's standing decisions: the latest of each kind wins."""

    quiet: dict[str, Quiet] = field(default_factory=dict)
    labels: dict[str, tuple[str, Label]] = field(default_factory=dict)

    def quiet_on(self, as_of: date) -> set[str]:
        """People not to suggest on `as_of`: ignored, or snoozed until a later day."""
        return {k for k, q in self.quiet.items() if q.until is None or q.until > as_of}


def decisions(state_dir: Path, earlier: Iterable[tuple[str, str, date | None]] = ()) -> Decisions:
    """The decisions in force: `earlier` ones (the history's snoozes and ignores, from before
    the decisions file), then each line of the file in order. A line that cannot be read (cut
    by hand) is passed over: it decides nothing."""
    state = Decisions()
    for person, name, until in earlier:
        state.quiet[person] = Quiet(name, until)
    try:
        lines = (state_dir / DECISIONS).read_bytes().splitlines()
    except (FileNotFoundError, NotADirectoryError):  # nothing decided yet (the history says what is wrong)
        return state
    except OSError as exc:
        raise StateError(f"{state_dir / DECISIONS}: cannot read ({exc.strerror})", "check its permissions") from None
    for line in lines:
        try:
            d = Decision.model_validate_json(line)
        except ValidationError:
            continue
        if d.action == "label" and d.label is not None:
            state.labels[d.person] = (d.name, d.label)
        elif d.action == "unsnooze":
            state.quiet.pop(d.person, None)
        elif d.action in ("snooze", "ignore"):
            state.quiet[d.person] = Quiet(d.name, d.until if d.action == "snooze" else None)
    return state
