"""What each command does beyond the pure core: where its inputs come from, what it remembers
(the history), and what changed since last time. The CLI calls these; they never print."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from netaudit import loop
from netaudit.config import Loaded
from netaudit.errors import InputError
from netaudit.history import History, Run, Source
from netaudit.me import Me
from netaudit.privacy import tag
from netaudit.report_models import AnalysisReport, CheckReport, TrendReport, TrendRun
from netaudit.run_request import Request

if TYPE_CHECKING:  # the pipeline (numpy, pyarrow) is imported where it runs: `done 3` needs none of it
    from netaudit import pipeline
    from netaudit.roster import People

NO_EXPORT_HINT = "netaudit analyze ~/Downloads/Basic_LinkedInDataExport_01-31-2026.zip && netaudit followups --top 10"


@dataclass
class Session:
    """What every command shares: the settings (and where they came from), the history, redaction."""

    loaded: Loaded
    history: History
    redact: bool
    cwd: Path
    progress: Callable[[int, int], None] | None = None  # of reading a large mailbox (a terminal's stderr)


def request(session: Session, as_of: date, listing: loop.Listing | None = None) -> Request:
    """The export and logs: from flags or config, else those of `listing` (the follow-ups a
    rank refers to) or of the last run, else an export here. Every run also reads the default
    log (when the config names no `log`), and leaves out whom the user snoozed or ignored."""
    settings = session.loaded.settings
    export, interactions, me = settings.export, settings.sources(), settings.me
    if export is None and listing is not None:
        export = Path(listing.export)
        interactions = interactions or [Path(i) for i in listing.interactions]
        me = me or listing.me
    if export is None:
        last = session.history.last()
        if last is not None:
            export = Path(last.export)
            interactions = interactions or [Path(i) for i in last.interactions]
            me = me or last.me
        else:
            export = find_export(session.cwd)
    if export is None:
        raise InputError("no export to read: give a PATH, or run `netaudit analyze PATH` first", NO_EXPORT_HINT)
    state = session.history.path.parent
    interactions = list(interactions)
    if settings.log is None and (log := loop.default_log(state)).is_file() and log not in interactions:
        interactions.append(log)
    standing = loop.decisions(state, session.history.quieted())
    return Request(
        path=export,
        interactions=interactions,
        me=Me.of(me),
        as_of=as_of,
        settings=settings,
        quiet=frozenset(standing.quiet_on(as_of)),
        labels={key: label.value for key, (_, label) in standing.labels.items()},
        cache_dir=state / "cache",
        progress=session.progress,
    )


def guard_output(session: Session, req: Request | None, output: str | None) -> None:
    """Refuse an --output that would replace what the run reads or keeps, before anything is read."""
    from netaudit import outputs

    history = session.history.path
    files = [history, *(history.with_name(history.name + s) for s in ("-wal", "-shm"))]
    files += [session.loaded.file] if session.loaded.file else []
    if session.loaded.settings.log is not None:
        files.append(session.loaded.settings.log)
    if req is not None:
        files += [req.path, *req.interactions]
    outputs.refuse_inputs(output, files, req.path if req else None, history.parent / "cache")


def find_export(cwd: Path) -> Path | None:
    """A Connections.csv or an export zip in the working directory, newest first."""
    candidates = [
        p
        for p in cwd.iterdir()
        if p.is_file()
        and (
            p.name.casefold() == "connections.csv"
            or (p.suffix.casefold() == ".zip" and "linkedindataexport" in p.name.casefold().replace("_", ""))
        )
    ]
    return max(candidates, key=lambda p: (p.stat().st_mtime, p.name), default=None)


def analyze(session: Session, req: Request, people: bool = False, command: str = "analyze") -> pipeline.Audit:
    """Run the audit, with what changed since the previous run, and record this one."""
    from netaudit import pipeline
    from netaudit.changes import Earlier

    previous = session.history.last(export=str(req.path.resolve()))  # changes compare like with like
    earlier = (
        None if previous is None else Earlier(previous.as_of, previous.metrics, session.history.classes(previous.id))
    )
    result = pipeline.run(req, people=people, earlier=earlier)
    run = Run(
        0,
        command,
        req.as_of,
        str(req.path.resolve()),
        [str(p.resolve()) for p in req.interactions],
        [*req.me.names, *req.me.urls, *req.me.emails],
        result.metrics,
    )
    session.history.record(run, _sources(result.report), result.classes)
    return result


def check(session: Session, req: Request) -> CheckReport:
    result = analyze(session, req, command="check")
    if result.report.check is None:
        raise InputError("no threshold to check", "set [check] in netaudit.toml, or pass one, e.g. --min-two-way 50")
    return CheckReport(as_of=req.as_of, verdict=result.report.verdict, check=result.report.check)


def trend(session: Session) -> TrendReport:
    from netaudit.changes import HEADLINE

    runs = [
        TrendRun(run=r.id, as_of=r.as_of, command=r.command, metrics={m: r.metrics.get(m) for m in HEADLINE})
        for r in session.history.runs()
    ]
    return TrendReport(metrics=HEADLINE, runs=runs)


#: How many bearers of one name an error lists (the count always covers all of them).
MAX_CANDIDATES = 20


def resolve(people: People, name: str, redact: bool = False, ranks: dict[str, int] | None = None) -> int:
    """The one connection a user means by a name or profile URL; else an error that lists every
    connection of that name, or every bearer of each close name ("did you mean"), each with the
    rank (in `ranks`: person key -> rank of the last listing) or the profile URL to use instead."""
    from netaudit.directory import UNMATCHED, Identity, directory

    matcher = directory(people)
    identity = Identity(url=name) if "linkedin.com/" in name.casefold() else Identity(name=name)
    index = matcher.match(identity)
    if index != UNMATCHED:
        return index
    use = "give the rank or the profile URL of the one you mean"
    if matcher.is_ambiguous(identity):
        same = matcher.bearers(name)
        raise InputError(
            f"{name!r} is the name of {len(same)} connections: {_candidates(people, same, redact, ranks)}", use
        )
    close = matcher.close_names(name)
    if not close:
        raise InputError(f"{name!r} is none of your connections", "check the spelling, or give the profile URL")
    same = [i for guess in close for i in matcher.bearers(guess)]
    shown = ", ".join(repr(tag(guess) if redact else guess) for guess in close)
    if len(same) == 1:
        raise InputError(f"{name!r} is none of your connections", f"did you mean {shown}?")
    raise InputError(
        f"{name!r} is none of your connections",
        f"did you mean one of the {len(same)} connections named {shown}: "
        f"{_candidates(people, same, redact, ranks)}? {use[0].upper()}{use[1:]}",
    )


def _candidates(people: People, indices: list[int], redact: bool, ranks: dict[str, int] | None = None) -> str:
    """`#3 Lena Pretend (Engineer at Acme) https://…; …`: enough to tell the bearers of a name
    apart, and the rank or URL that names each alone."""
    from netaudit import pipeline
    from netaudit.render.text import work
    from netaudit.roster import People

    chosen = indices[:MAX_CANDIDATES]
    keys = pipeline.person_keys(People.of(people.rows(chosen))) if ranks else ["" for _ in chosen]
    shown = []
    for i, key in zip(chosen, keys, strict=True):
        p = people[i]
        rank = f"#{ranks[key]}" if ranks and key in ranks else ""
        if redact:
            shown.append(" ".join(part for part in (rank, tag(p.name, p.profile_url)) if part))
            continue
        what = work(p.position, p.company)
        parts = (rank, p.name.strip(), f"({what})" if what else "", p.profile_url)
        shown.append(" ".join(part for part in parts if part))
    more = f"; and {len(indices) - MAX_CANDIDATES} more" if len(indices) > MAX_CANDIDATES else ""
    return "; ".join(shown) + more


def named_uniquely(people: People, index: int) -> bool:
    """Whether the person's name alone finds them (and nobody else)."""
    try:
        return resolve(people, people[index].name) == index
    except InputError:
        return False


def _sources(report: AnalysisReport) -> list[Source]:
    return [Source(kind=s.kind.value, path=s.path, rows=s.rows) for s in report.sources]
