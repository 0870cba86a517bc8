"""Small mbox and .eml texts for the mail tests, built by keyword."""

from __future__ import annotations

ME_EMAIL = "mo@example.org"
#: In every body: a test checks it appears in no output, cache file or history.
BODY_MARKER = "BODY-MARKER-7f3a"


def message(
    sender: str,
    to: str = ME_EMAIL,
    *,
    date: str = "Mon, 01 Jul 2024 10:00:00 +0200",
    cc: str = "",
    bcc: str = "",
    extra: str = "",
    mid: str = "",
    body: str = f"Hello, {BODY_MARKER}.\nSee you.",
    separator: str = "From x@y Mon Jul  1 08:00:00 +0000 2024",
    nl: str = "\n",
) -> str:
    """One mbox message (with its `From ` line and a blank line after it)."""
    lines = [separator, f"From: {sender}", f"To: {to}"]
    lines += [f"Cc: {cc}"] if cc else []
    lines += [f"Bcc: {bcc}"] if bcc else []
    lines += [f"Date: {date}"] if date else []
    lines += [f"Message-ID: <{mid}>"] if mid else []
    lines += ["Subject: SUBJECT-MARKER", *([extra] if extra else [])]
    return nl.join([*lines, "", *body.split("\n"), "", ""])


def eml(sender: str, to: str = ME_EMAIL, **kw: str) -> str:
    """One .eml file: a message without its `From ` line."""
    return message(sender, to, **kw).split("\n", 1)[1]


def mbox(*messages: str) -> str:
    return "".join(messages)
