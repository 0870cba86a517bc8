"""What each command does beyond the pure core: where its inputs come from, what it remembers
(the history), and what changed since last time. The CLI calls these; they never print."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from netaudit import pipeline
from netaudit.cache import Cache
from netaudit.changes import HEADLINE, Earlier
from netaudit.config import Loaded
from netaudit.directory import directory
from netaudit.errors import InputError
from netaudit.history import History, Run, Source
from netaudit.ingest.read import read_network
from netaudit.me import Me
from netaudit.privacy import tag
from netaudit.report_models import AnalysisReport, CheckReport, TrendReport, TrendRun
from netaudit.roster import People

NO_EXPORT_HINT = "netaudit analyze ~/Downloads/Basic_LinkedInDataExport_01-31-2026.zip && netaudit followups --top 10"


@dataclass
class Session:
    """What every command shares: the settings (and where they came from), the history, redaction."""

    loaded: Loaded
    history: History
    redact: bool
    cwd: Path


def request(session: Session, as_of: date) -> pipeline.Request:
    """The export and logs: from flags or config, else those of the last run, else an export here."""
    settings = session.loaded.settings
    export, interactions, me = settings.export, settings.sources(), settings.me
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
    return pipeline.Request(
        path=export,
        interactions=list(interactions),
        me=Me.of(me),
        as_of=as_of,
        settings=settings,
        quiet=frozenset(session.history.quiet(as_of)),
        cache_dir=session.history.path.parent / "cache",
    )


def guard_output(session: Session, req: pipeline.Request | None, output: str | None) -> None:
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


def analyze(session: Session, req: pipeline.Request, people: bool = False, command: str = "analyze") -> pipeline.Audit:
    """Run the audit, with what changed since the previous run, and record this one."""
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


def check(session: Session, req: pipeline.Request) -> CheckReport:
    result = analyze(session, req, command="check")
    if result.report.check is None:
        raise InputError("no threshold to check", "set [check] in netaudit.toml, or pass one, e.g. --min-two-way 50")
    return CheckReport(as_of=req.as_of, verdict=result.report.verdict, check=result.report.check)


def trend(session: Session) -> TrendReport:
    runs = [
        TrendRun(run=r.id, as_of=r.as_of, command=r.command, metrics={m: r.metrics.get(m) for m in HEADLINE})
        for r in session.history.runs()
    ]
    return TrendReport(metrics=HEADLINE, runs=runs)


def quiet(session: Session, req: pipeline.Request, name: str, days: int | None) -> str:
    """Snooze someone for `days`, or ignore them for good (days None); returns who it was."""
    people = read_network(req.path, Cache(req.cache_dir)).people
    index = resolve(people, name, session.redact)
    key = pipeline.person_keys(People.of([people[index]]))[0]
    shown = people[index].name
    if days is None:
        session.history.ignore(key, shown)
    else:
        session.history.snooze(key, shown, req.as_of + timedelta(days=days))
    return tag(shown, people[index].profile_url) if session.redact else shown


#: How many bearers of one name an error lists (the count always covers all of them).
MAX_CANDIDATES = 20


def resolve(people: People, name: str, redact: bool = False) -> int:
    """The one connection a user means by a name or profile URL; else an error that lists every
    connection of that name, or every bearer of the closest name ("did you mean")."""
    from netaudit.directory import UNMATCHED, Identity

    matcher = directory(people)
    identity = Identity(url=name) if "linkedin.com/" in name.casefold() else Identity(name=name)
    index = matcher.match(identity)
    if index != UNMATCHED:
        return index
    if matcher.is_ambiguous(identity):
        same = matcher.bearers(name)
        raise InputError(
            f"{name!r} is the name of {len(same)} connections: {_candidates(people, same, redact)}",
            "give the profile URL of the one you mean",
        )
    guess = matcher.suggest(name)
    if guess is None:
        raise InputError(f"{name!r} is none of your connections", "check the spelling, or give the profile URL")
    same = matcher.bearers(guess)
    shown = tag(guess) if redact else guess
    if len(same) == 1:
        raise InputError(f"{name!r} is none of your connections", f"did you mean {shown!r}?")
    raise InputError(
        f"{name!r} is none of your connections",
        f"did you mean one of the {len(same)} connections named {shown!r}: {_candidates(people, same, redact)}? "
        "Give the profile URL of the one you mean",
    )


def _candidates(people: People, indices: list[int], redact: bool) -> str:
    """`Lena Pretend (Engineer, Acme) https://…; …`: enough to tell the bearers of a name apart."""
    shown = []
    for i in indices[:MAX_CANDIDATES]:
        p = people[i]
        if redact:
            shown.append(tag(p.name, p.profile_url))
            continue
        work = ", ".join(part for part in (p.position.strip(), p.company.strip()) if part)
        shown.append(" ".join(part for part in (p.name.strip(), f"({work})" if work else "", p.profile_url) if part))
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
