"""A small synthetic mailbox (`mail.mbox`) for a generated export: threads with the connections
who have an e-mail address, and one of each case the mail rules must get right (a newsletter from a
connection, a noreply, a 30-recipient thread, spam, a duplicate copy, a body line starting with
`From `, a CRLF message). Made-up people only; the same seed writes the same file."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Protocol

OWNER_EMAIL = "robin@owner-example.org"
SENT = "X-Gmail-Labels: Sent"


class Person(Protocol):
    @property
    def name(self) -> str: ...

    email: str


def write_mail(path: Path, people: Sequence[Person], as_of: date, seed: int = 7) -> int:
    """Write the mailbox; returns how many messages it holds."""
    rng = random.Random(seed * 7919 + 18)  # noqa: S311  (made-up data; its own stream keeps the people)
    with_email = [p for p in people if p.email]
    out: list[bytes] = []

    def add(sender: str, to: str, day: date, *extra: str, body: str = "", crlf: bool = False, cc: str = "") -> None:
        when = datetime(day.year, day.month, day.day, rng.randint(7, 20), rng.randint(0, 59), tzinfo=None)
        stamp = format_datetime(when.replace(tzinfo=UTC))
        mid = f"<{len(out)}.{rng.randrange(10**9)}@mail.example.org>"
        lines = [f"From {_address(sender)} {when:%a %b %d %H:%M:%S} +0000 {when:%Y}", f"From: {sender}", f"To: {to}"]
        lines += [f"Cc: {cc}"] if cc else []
        lines += [f"Date: {stamp}", f"Message-ID: {mid}", "Subject: made-up subject", *extra]
        text = body or rng.choice(BODIES)
        nl = "\r\n" if crlf else "\n"
        out.append(nl.join([*lines, "", *text.split("\n"), "", ""]).encode("utf-8"))

    me = f"Robin Owner-Example <{OWNER_EMAIL}>"
    for i, p in enumerate(with_email):  # threads: some answered, some not
        who = f"{p.name} <{p.email}>"
        for _ in range(rng.randint(1, 4)):
            day = as_of - timedelta(days=rng.randint(3, 300))
            add(me, who, day, SENT)
            if i % 3 != 2:
                add(who, me, day + timedelta(days=rng.randint(0, 3)), "X-Gmail-Labels: Inbox")
    if with_email:
        first = with_email[0]
        add(
            f"{first.name} <{first.email}>",
            me,
            as_of - timedelta(days=5),
            "List-Id: <news.example.org>",
            "List-Unsubscribe: <mailto:leave@news.example.org>",
        )  # a newsletter from a connection
        add(
            f"{first.name} <{first.email}>",
            me,
            as_of - timedelta(days=9),
            body="From here on, a body line.\n\nok",
            crlf=True,
        )
    add("Shop <noreply@shop.example.com>", me, as_of - timedelta(days=4))
    crowd = ", ".join(f"Guest {n} <guest{n}@party.example.net>" for n in range(29))
    add("Host <host@party.example.net>", f"{me}, {crowd}", as_of - timedelta(days=6))
    add("Prize <winner@spam.example.com>", me, as_of - timedelta(days=2), "X-Gmail-Labels: Spam")
    add("Stranger Example <stranger@elsewhere.example.net>", me, as_of - timedelta(days=12))
    out.append(out[-1])  # the same message twice (two copies of one Message-ID)
    path.write_bytes(b"".join(out))
    return len(out)


def _address(sender: str) -> str:
    return sender.rsplit("<", 1)[-1].rstrip(">")


BODIES = [
    "Hi,\n\nthanks for the chat yesterday. Shall we pick it up next week?\n\nBest",
    "Hello,\n\nattached the notes (made up).\n\nFrom the notes: nothing important.\n\nCheers",
    "Quick one: are you free on Thursday?",
]
