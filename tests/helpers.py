"""Builders for hand-made export files, shared by the tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from netaudit.evidence import Touch
from netaudit.generate import CONNECTIONS_HEADER, MESSAGES_HEADER
from netaudit.me import Me
from netaudit.pipeline import Audit, Request, run
from netaudit.relationships import Population
from netaudit.roster import People, Person
from netaudit.settings import Model

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
AS_OF = date(2026, 11, 20)
CONNECTIONS_2023 = CONNECTIONS_HEADER
CONNECTIONS_2018 = ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]
MESSAGES_2024 = MESSAGES_HEADER
ME_URL = "https://www.linkedin.com/in/me-owner"
ME_NAME = "Mo Owner"


def csv_text(header: Sequence[str], rows: Sequence[Sequence[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")


def person(first: str, last: str, slug: str = "", day: str = "08 Feb 2026", email: str = "") -> list[str]:
    url = f"https://www.linkedin.com/in/{slug}" if slug else ""
    return [first, last, url, email, "Example Corp, Inc.", "Engineer", day]


def url(slug: str) -> str:
    return f"https://www.linkedin.com/in/{slug}"


class Msg:
    """One messages.csv row of the 2024 era, built by keyword."""

    @staticmethod
    def row(
        conv: str,
        sender: tuple[str, str],
        to: Sequence[tuple[str, str]],
        when: str,
        *,
        folder: str = "INBOX",
        title: str = "",
        draft: str = "No",
        content: str = "hi",
    ) -> list[str]:
        return [
            conv,
            title,
            sender[0],
            sender[1],
            ", ".join(n for n, _ in to),
            ",".join(u for _, u in to),
            when,
            "",
            content,
            folder,
            "",
            draft,
        ]


ME = (ME_NAME, ME_URL)


def audit(
    path: Path, interactions: Sequence[Path] = (), as_of: date = AS_OF, people: bool = True, **kw: object
) -> Audit:
    if isinstance(kw.get("me"), str):  # --me as a test writes it: one value
        kw["me"] = Me.of([kw["me"]])  # type: ignore[list-item]
    request = Request(path=path, interactions=list(interactions), as_of=as_of, **kw)  # type: ignore[arg-type]
    return run(request, people=people)


def touches_by_name(result: Audit) -> dict[str, list[tuple[date, str, str, int]]]:
    """Attributed interactions per person: (day, direction, channel, count), sorted."""
    from datetime import timedelta

    from netaudit.attribute import EPOCH
    from netaudit.evidence import CHANNELS, DIRECTIONS

    t = result.touches
    out: dict[str, list[tuple[date, str, str, int]]] = {}
    for p, d, di, ch, n in zip(t.person, t.day, t.direction, t.channel, t.count, strict=True):
        name = result.population.people[p].name
        out.setdefault(name, []).append(
            (EPOCH + timedelta(days=int(d)), DIRECTIONS[di].value, CHANNELS[ch].value, int(n))
        )
    return {k: sorted(v) for k, v in out.items()}


def population(cases: Sequence[tuple[Person, Sequence[Touch]]], as_of: date, model: Model | None = None) -> Population:
    """The model computed for hand-built people and their touches."""
    import numpy as np

    from netaudit.attribute import Touches, day_number
    from netaudit.evidence import CHANNELS, DIRECTIONS
    from netaudit.relationships import compute

    rows = [(i, day_number(t.day), DIRECTIONS.index(t.direction), CHANNELS.index(t.channel), t.count)
            for i, (_, touches) in enumerate(cases) for t in touches if t.day <= as_of]  # fmt: skip
    columns = list(zip(*rows, strict=True)) if rows else [[], [], [], [], []]
    touches = Touches(
        *(
            np.array(c, dtype)
            for c, dtype in zip(columns, (np.int32, np.int32, np.int8, np.int8, np.int32), strict=True)
        )
    )
    people = People.of(replace(p, index=i) for i, (p, _) in enumerate(cases))
    return compute(people, touches, as_of, model or Model())
