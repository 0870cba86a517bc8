"""The Python API: the command line's pipeline, and its people, interactions and follow-ups as
pandas DataFrames. pandas is imported here only, when a DataFrame is asked for."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netaudit import pipeline
from netaudit.errors import InputError
from netaudit.me import Me
from netaudit.privacy import redacted
from netaudit.report_models import AnalysisReport, Followup, FollowupReport, PersonRow, Reason

if TYPE_CHECKING:
    import pandas as pd

StrPath = str | os.PathLike[str]

#: The columns of `NetworkAudit.people`: every field of `analyze --people`, named as in its JSON.
PEOPLE_COLUMNS = [f.alias or name for name, f in PersonRow.model_fields.items()]
#: The columns of `NetworkAudit.followups()`: every field of a follow-up in `followups -f json`.
FOLLOWUP_COLUMNS = list(Followup.model_fields)
INTERACTION_COLUMNS = ["person", "profile_url", "date", "channel", "direction", "source"]


def analyze(
    path: StrPath,
    *,
    interactions: Sequence[StrPath] | StrPath = (),
    me: str | Sequence[str] | None = None,
    as_of: date | str | None = None,
    window_days: int | None = None,
    config: StrPath | None = None,
    redact: bool = False,
    record: bool = False,
    state_dir: StrPath | None = None,
) -> NetworkAudit:
    """Audit an export (Connections.csv, the export folder or its .zip) as `netaudit analyze` does.

    `interactions` are logs or messages.csv files (`--interactions`: one path or a list; `~` is
    your home folder, as in a shell); `as_of` is "today" (a date or YYYY-MM-DD; default today);
    `config` a netaudit.toml, read as `--config` is (without it: the defaults; neither the working
    directory nor NETAUDIT_* variables are read, so a notebook gives the same answer wherever it
    runs). Nothing is written unless `record=True`: then the run is recorded in netaudit's history
    (`state_dir`, else $NETAUDIT_HOME, else the user data folder) as the CLI records it, files are
    cached there, and snoozed or ignored people are not suggested.
    Errors are `netaudit.NetauditError`s with a message and a hint.
    """
    from netaudit import commands, history
    from netaudit import config as settings_file

    logs = [interactions] if isinstance(interactions, str | os.PathLike) else list(interactions)
    flags = {
        "export": _path(path),
        "interactions": [_path(p) for p in logs] or None,
        "me": me if me is None or isinstance(me, str) else list(me),
        "model.window_days": window_days,
    }
    names = {"export": "path", "interactions": "interactions", "me": "me", "model.window_days": "window_days"}
    loaded = settings_file.load(None, {}, flags, Path(_path(config)) if config is not None else None, names)
    day = _day(as_of)
    if record:
        states = history.History(history.state_dir(Path(_path(state_dir)) if state_dir is not None else None))
        session = commands.Session(loaded=loaded, history=states, redact=redact, cwd=Path.cwd())
        return NetworkAudit(commands.analyze(session, commands.request(session, day), people=True), redact)
    settings = loaded.settings
    assert settings.export is not None  # set from `path` above
    request = pipeline.Request(
        path=settings.export,
        interactions=settings.sources(),
        me=Me.of(settings.me),
        as_of=day,
        settings=settings,
    )
    return NetworkAudit(pipeline.run(request, people=True), redact)


def _path(value: StrPath) -> str:
    """A path as a user writes it in a notebook: `~` is their home, as in a shell."""
    return str(Path(value).expanduser())


def _day(value: date | str | None) -> date:
    if value is None:
        return date.today()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"as_of {value!r} is not a date", "write it as YYYY-MM-DD, e.g. as_of='2026-01-31'") from None


class NetworkAudit:
    """One audit: `report` is the model `netaudit analyze --people -f json` prints; `people`,
    `interactions` and `followups()` are the same facts as DataFrames."""

    def __init__(self, result: pipeline.Audit, redact: bool = False) -> None:
        self._result = result
        self._redact = redact

    def __repr__(self) -> str:
        return f"<NetworkAudit as of {self.report.as_of}: {self.report.verdict}>"

    @cached_property
    def report(self) -> AnalysisReport:
        return redacted(self._result.report) if self._redact else self._result.report

    @cached_property
    def people(self) -> pd.DataFrame:
        """One row per person, strongest tie first, with every field of `analyze --people`."""
        rows = [row.model_dump(mode="json", by_alias=True) for row in self.report.people or []]
        return _frame(rows, PEOPLE_COLUMNS, dates=["last_interaction"], counts=["days_since"])

    @cached_property
    def interactions(self) -> pd.DataFrame:
        """One row per interaction attributed to a person: who, on which day, by which channel, in
        which direction, and from which file (as the report's sources name it); oldest first, and
        on one day in the order the files were read."""
        import numpy as np
        import pandas as pd

        from netaudit.evidence import CHANNELS, DIRECTIONS
        from netaudit.privacy import tags  # one frame of arrays: tagged here, as `redacted` tags a report

        touches, people = self._result.touches, self._result.population.people
        rows = np.repeat(np.arange(len(touches)), touches.count)  # a row is one interaction
        rows = rows[np.argsort(touches.day[rows], kind="stable")]  # oldest first, else as read
        names, urls = np.array(people.name, object), np.array(people.profile_url, object)
        if self.report.redacted:
            names = np.array(tags(list(names), list(urls)), object)
            urls = np.full(len(urls), "", object)
        person = touches.person[rows]
        files = list(dict.fromkeys(touches.sources))  # a file read twice is one category
        remap = np.array([files.index(f) for f in touches.sources], np.int16)
        return pd.DataFrame(
            {
                "person": names[person],
                "profile_url": urls[person],
                "date": touches.day[rows].astype("datetime64[D]").astype("datetime64[s]"),
                "channel": _coded(touches.channel[rows], [c.value for c in CHANNELS]),
                "direction": _coded(touches.direction[rows], [d.value for d in DIRECTIONS]),
                "source": _coded(remap[touches.source[rows]], files),
            },
            columns=INTERACTION_COLUMNS,
        )

    def followup_report(
        self, top: int | None = 10, reasons: Sequence[Reason | str] | str = (), drafts: bool = False
    ) -> FollowupReport:
        """The model `netaudit followups -f json` prints: the first `top` suggestions (None: all),
        of the given reasons only when some are given, with a message draft each if asked."""
        if top is not None and top < 1:
            raise InputError(f"top={top}: must be at least 1", "pass top=None for every suggestion")
        wanted = [reasons] if isinstance(reasons, str) else reasons  # a Reason is a str too
        report = pipeline.followups(self._result, top, [_reason(r) for r in wanted], drafts)
        return redacted(report) if self._redact else report

    def followups(
        self, top: int | None = 10, reasons: Sequence[Reason | str] | str = (), drafts: bool = False
    ) -> pd.DataFrame:
        """The same suggestions as `netaudit followups`, one row each, in rank order."""
        report = self.followup_report(top, reasons, drafts)
        rows = [item.model_dump(mode="json") for item in report.followups]
        return _frame(rows, FOLLOWUP_COLUMNS, dates=["last_interaction"], counts=["days_since"])


def _coded(codes: Any, labels: list[str]) -> pd.Categorical[str]:
    import pandas as pd

    return pd.Categorical.from_codes(codes, categories=pd.Index(labels))


def _reason(value: Reason | str) -> Reason:
    try:
        return Reason(value.strip().casefold())
    except ValueError:
        choices = ", ".join(r.value for r in Reason)
        raise InputError(f"reasons: {value!r} is not a reason", f"choose from {choices}") from None


def _frame(rows: list[dict[str, Any]], columns: list[str], dates: list[str], counts: list[str]) -> pd.DataFrame:
    """Rows of a report as a DataFrame: dates as datetimes, counts that may be missing as Int64."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns)
    for column in dates:
        frame[column] = pd.to_datetime(frame[column], format="ISO8601").astype("datetime64[s]")
    for column in counts:
        frame[column] = frame[column].astype("Int64")
    return frame
