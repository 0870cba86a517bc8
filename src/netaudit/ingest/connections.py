"""Connections.csv: people, hidden profiles and duplicates, every row accounted for."""

from __future__ import annotations

from netaudit.identity import url_key
from netaudit.ingest.dates import parse_date
from netaudit.ingest.table import Table
from netaudit.models import Duplicate, Network, Person, SourceKind, SourceSummary

COLUMNS = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def read_connections(table: Table) -> tuple[Network, SourceSummary]:
    summary = SourceSummary(kind=SourceKind.CONNECTIONS, path=table.file.display)
    for line, reason in table.bad_rows:
        summary.skip(line, reason)
    first, last, url, email, company, position, connected = (table.pylist(c) for c in COLUMNS)
    network = Network()
    seen: dict[str, int] = {}
    problems: dict[int, str] = {}
    for i in range(table.num_rows):
        name = " ".join(f"{first[i].strip()} {last[i].strip()}".split())
        day = parse_date(connected[i])
        identifiable = bool(name or url[i].strip() or email[i].strip())
        if connected[i].strip() and day is None:
            problems[i] = f"unreadable date {connected[i].strip()[:40]!r} in Connected On"
            continue
        if not identifiable:
            if day is None:
                problems[i] = "empty row"
                continue
            network.hidden_connected_on.append(day)
            summary.use()
            continue
        key = url_key(url[i])
        if key and key in seen:
            network.duplicates.append(Duplicate(name, url[i].strip(), i, seen[key]))
            summary.use()
            continue
        person = Person(
            index=len(network.people),
            name=name or url[i].strip() or email[i].strip(),
            url_key=key,
            profile_url=url[i].strip(),
            email=email[i].strip(),
            company=company[i].strip(),
            position=position[i].strip(),
            connected_on=day,
            record=i,
        )
        if key:
            seen[key] = i
        network.people.append(person)
        summary.use()
    _locate(table, network, problems, summary)
    return network, summary


def _locate(table: Table, network: Network, problems: dict[int, str], summary: SourceSummary) -> None:
    """Turn record indices into file lines, only for rows the report shows by line."""
    records = set(problems) | {d.line for d in network.duplicates}
    records |= {d.first_line for d in network.duplicates}
    lines = table.lines_of(records)
    for record, reason in sorted(problems.items()):
        summary.skip(lines.get(record, 0), reason)
    for dup in network.duplicates:
        dup.line, dup.first_line = lines.get(dup.line, 0), lines.get(dup.first_line, 0)
    summary.skips.sort(key=lambda s: s.line)
