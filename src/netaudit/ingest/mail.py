"""E-mail as evidence: the rules that make a message a touch with a correspondent, or not.

A message from one of your addresses is `out` to each other To/Cc/Bcc person; a message from
someone else with one of your addresses among its recipients is `in` from its sender. Not a
relationship (ignored, by reason): spam and trash, a second copy of one Message-ID, mailing lists
and bulk mail, automated mail, more than `max_recipients` recipients (you included), mail neither
from nor to you, mail only to yourself. A message that would count but has no readable date is
skipped and located. The ledger's unit is the message: rows = used + ignored + skipped. Who the
correspondent is, is left to attribution (`directory.Directory`), like every other source's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from netaudit.errors import InputError
from netaudit.evidence import CHANNELS, DIRECTIONS, Channel, Direction, Evidence
from netaudit.ingest import mail_headers
from netaudit.ingest.mail_files import Found
from netaudit.ingest.mail_headers import Headers
from netaudit.ingest.mbox import Progress
from netaudit.ledger import SourceKind, SourceSummary

EMAIL = CHANNELS.index(Channel.EMAIL)
OUT, IN = DIRECTIONS.index(Direction.OUT), DIRECTIONS.index(Direction.IN)
SENT_LABEL = "sent"


@dataclass(frozen=True)
class MailOptions:
    """What reading mail depends on besides the files: your addresses (`Me.emails`; empty: found
    from Takeout's Sent label) and the most recipients a personal message has."""

    me: tuple[str, ...] = ()
    max_recipients: int = 10
    progress: Progress | None = None


@dataclass(frozen=True, slots=True)
class _Message:
    where: str
    offset: int
    line: int
    headers: Headers


def read_mail(
    found: Iterable[Found], display: str, options: MailOptions, evidence: Evidence
) -> tuple[SourceSummary, list[str]]:
    """The messages to evidence rows and a ledger, and notes for the report (the addresses
    taken as yours when they were not given)."""
    summary = SourceSummary(kind=SourceKind.MAIL, path=display)
    seen: set[str] = set()
    kept: list[_Message] = []
    for item in found:
        raw = item.raw
        headers = mail_headers.parse(raw.headers, raw.from_line)
        reason = headers.bulk
        if reason is None and headers.message_id:
            reason = "duplicate_copy" if headers.message_id in seen else None
            seen.add(headers.message_id)
        if raw.truncated:
            summary.warn(raw.line, f"the file ends inside this message's headers (byte {raw.offset})")
        if reason is not None:
            _ignore(reason, summary, evidence)
        else:
            kept.append(_Message(item.where, raw.offset, raw.line, headers))
    mine, notes = _your_addresses(kept, options.me, display)
    for message in kept:
        _use(message, mine, options.max_recipients, summary, evidence)
    summary.skips.sort(key=lambda s: s.line)
    return summary, notes


def _your_addresses(kept: list[_Message], given: tuple[str, ...], display: str) -> tuple[frozenset[str], list[str]]:
    if given:
        return frozenset(given), []
    found = sorted(
        {m.headers.sender[0] for m in kept if m.headers.sender is not None and SENT_LABEL in m.headers.labels}
    )
    if not found:
        raise InputError(
            f"{display}: cannot tell which of these e-mails are yours (no --me e-mail address, and no "
            "message labelled Sent)",
            "give your addresses with --me EMAIL (repeat it for each address)",
        )
    return frozenset(found), [
        f"{display}: took {', '.join(found)} as your e-mail addresses (the senders of the mail labelled Sent); "
        "give them with --me EMAIL to choose"
    ]


def _use(message: _Message, mine: frozenset[str], most: int, summary: SourceSummary, evidence: Evidence) -> None:
    headers = message.headers
    if headers.sender is None:
        summary.skip(message.line, _where(message, "no sender address"))
        return
    recipients = dict(headers.recipients)  # one each, the first name given
    from_me = headers.sender[0] in mine
    to_me = any(address in mine for address in recipients)
    if not from_me and not to_me:
        return _ignore("not_to_or_from_you", summary, evidence)
    if len(recipients) > most:
        return _ignore("too_many_recipients", summary, evidence)
    others = {address: name for address, name in recipients.items() if address not in mine}
    if from_me and not others:
        return _ignore("only_to_yourself", summary, evidence)
    if headers.day is None:
        summary.skip(message.line, _where(message, "no readable date (neither the Date header nor the From line)"))
        return
    if headers.day_from_separator:
        summary.warn(message.line, _where(message, "unreadable Date header: the day of its From line was used"))
    summary.use()
    if from_me:
        for address, name in others.items():
            evidence.rows.append((name, "", address, headers.day, OUT, EMAIL, 1))
    else:
        evidence.rows.append((headers.sender[1], "", headers.sender[0], headers.day, IN, EMAIL, 1))


def _where(message: _Message, reason: str) -> str:
    return f"{reason} (byte {message.offset} of {Path(message.where).name})"


def _ignore(reason: str, summary: SourceSummary, evidence: Evidence) -> None:
    summary.ignore(reason)
    evidence.ignore(reason)
