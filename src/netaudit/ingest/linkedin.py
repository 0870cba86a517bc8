"""Invitations, endorsements and recommendations: interactions that carry their own direction."""

from __future__ import annotations

from datetime import date

from netaudit.evidence import Channel, Direction, Evidence, Touch
from netaudit.ingest.dates import parse_date, suspicious
from netaudit.ingest.table import Table
from netaudit.ledger import SourceKind, SourceSummary

WANTED = [
    "From",
    "To",
    "Sent At",
    "Message",
    "Direction",
    "inviterProfileUrl",
    "inviteeProfileUrl",
    "Endorsement Date",
    "Endorser First Name",
    "Endorser Last Name",
    "Endorser Public Url",
    "Endorsee First Name",
    "Endorsee Last Name",
    "Endorsee Public Url",
    "First Name",
    "Last Name",
    "Creation Date",
]


def _name(first: str, last: str) -> str:
    return " ".join(f"{first} {last}".split())


def read_invitations(table: Table, evidence: Evidence) -> SourceSummary:
    """An invitation with a note is an interaction; one without is ignored."""
    summary = SourceSummary(kind=SourceKind.INVITATIONS, path=table.file.display)
    cols = {
        c: table.pylist(c)
        for c in ("From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl")
    }
    problems: dict[int, str] = {}
    for i in range(table.num_rows):
        outgoing = cols["Direction"][i].strip().upper() == "OUTGOING"
        incoming = cols["Direction"][i].strip().upper() == "INCOMING"
        day = parse_date(cols["Sent At"][i])
        if not (outgoing or incoming):
            problems[i] = f"unknown Direction {cols['Direction'][i].strip()[:20]!r}"
        elif day is None or suspicious(day):
            problems[i] = _bad_date(cols["Sent At"][i], "Sent At", day)
        elif not cols["Message"][i].strip():
            summary.ignore("invitation_without_note")
            evidence.ignore("invitation_without_note")
        else:
            who = (
                (cols["To"][i], cols["inviteeProfileUrl"][i])
                if outgoing
                else (cols["From"][i], cols["inviterProfileUrl"][i])
            )
            direction = Direction.OUT if outgoing else Direction.IN
            evidence.add((who[0].strip(), who[1].strip(), ""), Touch(day, direction, Channel.INVITATION))
            summary.use()
    _finish(table, summary, problems)
    return summary


def read_endorsements(table: Table, evidence: Evidence, kind: SourceKind) -> SourceSummary:
    given = kind == SourceKind.ENDORSEMENTS_GIVEN
    role = "Endorsee" if given else "Endorser"
    return _read_favours(
        table,
        evidence,
        kind,
        Channel.ENDORSEMENT,
        "Endorsement Date",
        (f"{role} First Name", f"{role} Last Name", f"{role} Public Url"),
    )


def read_recommendations(table: Table, evidence: Evidence, kind: SourceKind) -> SourceSummary:
    return _read_favours(
        table,
        evidence,
        kind,
        Channel.RECOMMENDATION,
        "Creation Date",
        ("First Name", "Last Name", ""),
    )


def _read_favours(
    table: Table,
    evidence: Evidence,
    kind: SourceKind,
    channel: Channel,
    date_column: str,
    who: tuple[str, str, str],
) -> SourceSummary:
    summary = SourceSummary(kind=kind, path=table.file.display)
    direction = Direction.OUT if kind.value.endswith("_given") else Direction.IN
    first, last, days = table.pylist(who[0]), table.pylist(who[1]), table.pylist(date_column)
    urls = table.pylist(who[2]) if who[2] else [""] * table.num_rows
    problems: dict[int, str] = {}
    for i in range(table.num_rows):
        day = parse_date(days[i])
        name = _name(first[i], last[i])
        if day is None or suspicious(day):
            problems[i] = _bad_date(days[i], date_column, day)
        elif not (name or urls[i].strip()):
            problems[i] = "no name and no profile URL"
        else:
            evidence.add((name, urls[i].strip(), ""), Touch(day, direction, channel))
            summary.use()
    _finish(table, summary, problems)
    return summary


def _bad_date(text: str, column: str, day: date | None) -> str:
    what = "unreadable" if day is None else "suspicious"
    return f"{what} date {text.strip()[:40]!r} in {column}" + ("" if day is None else " (before LinkedIn existed)")


def _finish(table: Table, summary: SourceSummary, problems: dict[int, str]) -> None:
    table.account(summary)
    lines = table.lines_of(problems)
    for record, reason in sorted(problems.items()):
        summary.skip(lines.get(record, 0), reason)
    summary.skips.sort(key=lambda s: s.line)
