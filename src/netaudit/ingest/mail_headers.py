"""Turns one message's header block into the few facts netaudit keeps (`Headers`): who wrote to
whom, when, and what marks it as bulk, automated, spam or trash. Subjects, bodies and every other
header are never decoded.

Only these fields are looked at: From, To, Cc, Bcc, Date, Message-ID, List-Id, List-Unsubscribe,
Precedence, Auto-Submitted and X-Gmail-Labels (Takeout's labels). Display names may be RFC 2047
encoded (`=?utf-8?q?...?=`) or raw 8-bit (UTF-8, else Latin-1).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_tz

from netaudit.identity import email_key
from netaudit.ingest.mbox import FROM_DATE

WANTED = re.compile(
    rb"^(from|to|cc|bcc|date|message-id|list-id|list-unsubscribe|precedence|auto-submitted|x-gmail-labels)"
    rb"[ \t]*:(.*(?:\r?\n[ \t].*)*)",
    re.IGNORECASE | re.MULTILINE,
)
FOLD = re.compile(rb"\r?\n[ \t]+")
#: Senders that are machines: noreply@, no-reply@, notifications@, mailer-daemon@ and their kin.
AUTOMATED_SENDER = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?|notify|mailer[-_.]?daemon|postmaster|bounces?)"
    r"(?:[-+._].*)?@",
    re.IGNORECASE,
)
BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})
MONTHS = {m: i for i, m in enumerate(b"Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
#: Dates outside these years are not believed (a clock at zero, a typo).
YEARS = (1971, 2100)

Address = tuple[str, str]  # (e-mail key, display name)


@dataclass(frozen=True, slots=True)
class Headers:
    """What netaudit keeps of one message."""

    day: dt.date | None  # the UTC day it was sent (from Date, else the mbox `From ` line)
    day_from_separator: bool  # the Date header was missing or unreadable
    sender: Address | None
    recipients: tuple[Address, ...]  # To and Cc, then Bcc (present in one's own sent copies)
    message_id: str
    labels: frozenset[str]  # Takeout's X-Gmail-Labels, lower-cased
    bulk: str | None  # why it is not a relationship, whoever it is from: a reason, or None


def parse(headers: bytes, from_line: bytes = b"") -> Headers:
    """The facts of one header block (and of its mbox `From ` line, for the date)."""
    fields: dict[bytes, list[bytes]] = {}
    for name, value in WANTED.findall(headers):
        fields.setdefault(name.lower(), []).append(FOLD.sub(b" ", value).strip())
    first = {name: values[0] for name, values in fields.items()}
    day = _date(first.get(b"date", b""))
    fallback = day is None
    if fallback:
        day = _separator_date(from_line)
    senders = _addresses(first.get(b"from", b""))
    sender = senders[0] if senders else None
    recipients = tuple(a for name in (b"to", b"cc", b"bcc") for v in fields.get(name, []) for a in _addresses(v))
    labels = frozenset(
        label.strip().casefold() for label in _text(first.get(b"x-gmail-labels", b"")).split(",") if label.strip()
    )
    return Headers(
        day=day,
        day_from_separator=fallback and day is not None,
        sender=sender,
        recipients=recipients,
        message_id=_text(first.get(b"message-id", b"")).strip().strip("<>").strip(),
        labels=labels,
        bulk=_bulk(first, sender, labels),
    )


def _bulk(first: dict[bytes, bytes], sender: Address | None, labels: frozenset[str]) -> str | None:
    if labels & {"spam", "trash"}:
        return "spam_or_trash"
    precedence = first.get(b"precedence", b"").strip().lower().decode("ascii", "replace")
    if b"list-id" in first or b"list-unsubscribe" in first or precedence in BULK_PRECEDENCE:
        return "mailing_list_or_bulk"
    auto = first.get(b"auto-submitted", b"").strip().lower()
    if (auto and auto != b"no") or (sender is not None and AUTOMATED_SENDER.match(sender[0])):
        return "automated"
    return None


def _text(raw: bytes) -> str:
    """A header value as text: UTF-8 when it is, else Latin-1 (which reads any byte)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


@functools.lru_cache(maxsize=65536)
def _addresses(raw: bytes) -> tuple[Address, ...]:
    """The addresses of a From/To/Cc/Bcc value, with their decoded display names. Cached: the
    same few correspondents write most of the mail."""
    if not raw:
        return ()
    out: list[Address] = []
    for name, address in getaddresses([_text(raw)]):
        if "@" not in address:
            continue
        out.append((email_key(address), _display_name(name)))
    return tuple(out)


def _display_name(name: str) -> str:
    if "=?" in name:
        with contextlib.suppress(ValueError, LookupError, UnicodeDecodeError):  # broken: as written
            name = str(make_header(decode_header(name)))
    return " ".join(name.split()).strip("'\" ")


def _date(raw: bytes) -> dt.date | None:
    """The UTC day of a Date header (with its zone; without one, taken as UTC), or None."""
    if not raw:
        return None
    try:
        parts = parsedate_tz(_text(raw))
    except (ValueError, TypeError, IndexError):
        return None
    if parts is None:
        return None
    try:
        when = dt.datetime(*parts[:6], tzinfo=dt.UTC) - dt.timedelta(seconds=parts[9] or 0)
    except (ValueError, OverflowError):
        return None
    return when.date() if YEARS[0] <= when.year <= YEARS[1] else None


def _separator_date(from_line: bytes) -> dt.date | None:
    """The day of an mbox `From ` line (UTC when it names a numeric zone)."""
    match = FROM_DATE.match(from_line)
    if match is None:
        return None
    try:
        hour, minute = (int(x) for x in match["time"].split(b":")[:2])
        when = dt.datetime(int(match["year"]), MONTHS[match["month"]], int(match["day"]), hour, minute, tzinfo=dt.UTC)
    except (ValueError, KeyError):
        return None
    zone = match["zone"] or b""
    if zone[:1] in (b"+", b"-"):
        sign = -1 if zone[:1] == b"-" else 1
        when -= sign * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
    return when.date() if YEARS[0] <= when.year <= YEARS[1] else None
