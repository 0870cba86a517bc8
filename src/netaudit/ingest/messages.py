"""messages.csv of every era: whose messages they are, and which are interactions, with whom.

Columns are read dictionary-encoded, so every text operation (normalising URLs, lowering
folders, splitting recipient lists) runs once per distinct value, and rows are handled as
integer codes with numpy. A decade of messages costs one parse and a few array passes:
`participants` puts senders and recipients in one key space, `turnout` counts each
conversation's people, `not_interactions` says which rows are no interaction and why,
`owner.find_owner` whose export it is; then three batches of evidence: the messages received,
those sent to the recipients a row lists by URL, and those sent to the names in `TO`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from netaudit.errors import InputError
from netaudit.evidence import CHANNELS, DIRECTIONS, Channel, Direction, Evidence
from netaudit.ingest.coded import Coded, Codes, Mask, coded, column, empty_strings
from netaudit.ingest.dates import LINKEDIN_FOUNDED, parse_date
from netaudit.ingest.owner import NO_CODE, Owner, Senders, find_owner, said_by
from netaudit.ingest.participants import Participants, conversations, participants, turnout
from netaudit.ingest.recipients import named_recipients
from netaudit.ingest.stamps import Days, utc_days
from netaudit.ingest.table import Table
from netaudit.ledger import SourceKind, SourceSummary
from netaudit.me import is_url

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["COLUMNS", "DICTIONARY_COLUMNS", "Coded", "Owner", "coded", "read_messages"]  # Coded: attribute.py

COLUMNS = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "FOLDER",
    "DIRECTION",
    "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
]
#: Read as dictionaries: they repeat a lot. DATE does not (it has seconds).
DICTIONARY_COLUMNS = [c for c in COLUMNS if c != "DATE"]
#: A conversation with more participants than this, the owner included, is a broadcast.
MAX_PARTICIPANTS = 10
SPONSORED_TITLE = "sponsored conversation"
LINKEDIN_MEMBER = "linkedin member"
#: LinkedIn's launch as days since 1970: a message dated before it is suspicious (and day 0,
#: 1970, is what an unreadable date becomes).
FIRST_DAY = (LINKEDIN_FOUNDED - date(1970, 1, 1)).days


@dataclass(frozen=True)
class Sent:
    """The rows the owner sent, and the owner (None where each row says its direction)."""

    rows: Mask
    owner: Owner | None = None
    owner_code: int = NO_CODE  # the owner as a participant code, if they are one


def read_messages(
    table: Table,
    evidence: Evidence,
    me: str | None,
    profile_name: str | None,
    connections: Callable[[], frozenset[str]] = frozenset,
    connection_names: Callable[[], frozenset[str]] = frozenset,
) -> tuple[SourceSummary, Owner | None]:
    """Messages to evidence rows. `connections` (giving the profile keys, asked only when needed)
    settles a tie for the owner: nobody is their own connection. `connection_names` (name keys,
    asked only when needed) splits a `TO` that lists several people by name."""
    summary = SourceSummary(kind=SourceKind.MESSAGES, path=table.file.display)
    table.account(summary)
    if table.num_rows == 0:
        return summary, None
    by_url = table.has("SENDER PROFILE URL")
    days, unreadable = utc_days(table.column("DATE"))
    unreadable |= days < FIRST_DAY
    who = participants(table, by_url)
    conversation = conversations(table)
    people_in = turnout(who, conversation)
    senders = Senders(who, people_in, column(table, "FROM"), column(table, "TO"))
    interactions = ~unreadable
    broadcast = people_in.per_conversation[conversation] > MAX_PARTICIPANTS
    for reason, rows in not_interactions(table, senders.from_names, broadcast):
        _ignore(reason, int((interactions & rows).sum()), summary, evidence)
        interactions &= ~rows

    sent = sent_by_owner(table, senders, me, profile_name, by_url, connections)
    if sent is None and interactions.any():
        raise InputError(
            f"{table.file.display}: cannot tell whose messages these are", "pass --me with your name or profile URL"
        )
    sent = sent or Sent(np.zeros(table.num_rows, bool))
    received = interactions & ~sent.rows
    _add_messages(evidence, Direction.IN, *_senders_of(table, senders, by_url, received), days[received])
    mine = interactions & sent.rows
    reached = _add_sent_to_listed(evidence, who, by_url, sent, mine, days)
    if by_url:  # rows with no recipient URL (2021-2022 exports): the names in TO
        reached |= _add_sent_to_named(evidence, senders, conversation, mine, days, connection_names)
    # an owner's message with nobody else in it says nothing about a relationship
    to_nobody = int((mine & ~reached).sum())
    _ignore("no_other_participant", to_nobody, summary, evidence)
    summary.use(int(interactions.sum()) - to_nobody)
    _skip_unreadable(table, unreadable, summary)
    return summary, sent.owner


def not_interactions(table: Table, from_names: Coded, broadcast: Mask) -> list[tuple[str, Mask]]:
    """Why a row is no interaction, as (reason, rows); where several apply, the first counts."""
    yes = ("yes", "true")  # both are written (2024-2026 exports)
    folder = column(table, "FOLDER")
    draft = column(table, "IS MESSAGE DRAFT").lower_is(*yes) | column(table, "IS CONVERSATION DRAFT").lower_is(*yes)
    if table.has("FOLDER"):
        draft |= folder.lower_is("", "draft", "drafts")
    sponsored = column(table, "CONVERSATION TITLE").lower_is(SPONSORED_TITLE) | from_names.lower_is(LINKEDIN_MEMBER)
    return [("spam", folder.lower_is("spam")), ("draft", draft), ("sponsored", sponsored), ("broadcast", broadcast)]


def sent_by_owner(
    table: Table,
    senders: Senders,
    me: str | None,
    profile_name: str | None,
    by_url: bool,
    connections: Callable[[], frozenset[str]],
) -> Sent | None:
    """The rows the owner sent: as the file says (2018-2020 `DIRECTION`), or those whose sender
    is the owner. None when nobody can tell whose export it is."""
    if table.has("DIRECTION"):
        return Sent(column(table, "DIRECTION").lower_is("outgoing"))
    who = senders.who
    owner, code = find_owner(senders, me, profile_name, by_url, connections)
    if owner is None:
        return None
    rows = who.sender == code
    if me and by_url and not is_url(me):  # the owner's own rows may have no SENDER PROFILE URL
        rows |= said_by(senders.from_names, me) & (who.sender == who.nobody)
    return Sent(rows, owner, code)


def _ignore(reason: str, rows: int, summary: SourceSummary, evidence: Evidence) -> None:
    summary.ignore(reason, rows)
    evidence.ignore(reason, rows)


def _senders_of(
    table: Table, senders: Senders, by_url: bool, rows: Mask
) -> tuple[pa.DictionaryArray, pa.DictionaryArray]:
    """The names and URLs of the senders of those rows. URL-era evidence carries the normalised
    profile key (what attribution matches on), so the normalising is done once here, per
    distinct URL, and not again for every run from the cache."""
    who = senders.who
    urls = Coded(who.sender, who.keys) if by_url else column(table, "SENDER PROFILE URL")
    return senders.from_names.dictionary_array(rows), urls.dictionary_array(rows)


def _add_sent_to_listed(
    evidence: Evidence, who: Participants, by_url: bool, sent: Sent, mine: Mask, days: Days
) -> Mask:
    """Evidence of the owner's messages, one per recipient their row lists (other than the owner);
    the rows that reached someone."""
    import pyarrow as pa
    import pyarrow.compute as pc

    recipients = who.recipients
    to_other = mine[recipients.row] & (recipients.key != who.nobody)
    if sent.owner is not None:
        to_other &= recipients.key != sent.owner_code
    listed = (
        pa.DictionaryArray.from_arrays(pa.array(recipients.key[to_other]), who.keys)
        if by_url
        else pc.filter(recipients.written, pa.array(to_other))
    )
    no_text = empty_strings(len(listed))
    names, urls = (no_text, listed) if by_url else (listed, no_text)
    _add_messages(evidence, Direction.OUT, names, urls, days[recipients.row[to_other]])
    reached = np.zeros(len(mine), bool)
    reached[recipients.row[to_other]] = True
    return reached


def _add_sent_to_named(
    evidence: Evidence,
    senders: Senders,
    conversation: Codes,
    mine: Mask,
    days: Days,
    connection_names: Callable[[], frozenset[str]],
) -> Mask:
    """Evidence of the owner's messages whose row lists no recipient URL, one per name in `TO`
    (split against the names netaudit knows); the rows that name someone."""
    to = senders.to_names
    by_name: Mask = mine & (senders.who.recipients.listed == 0) & ~to.lower_is("")
    if by_name.any():
        rows, names = named_recipients(np.flatnonzero(by_name), to, conversation, senders.from_names, connection_names)
        _add_messages(evidence, Direction.OUT, names, empty_strings(len(rows)), days[rows])
    return by_name


def _add_messages(
    evidence: Evidence, direction: Direction, name: pa.DictionaryArray, url: pa.DictionaryArray, days: Days
) -> None:
    """One evidence row per message and counterpart (attribution counts them in bulk)."""
    import pyarrow as pa

    n = len(days)
    if n == 0:
        return
    evidence.add_batch(
        pa.Table.from_arrays(
            [
                name,
                url,
                empty_strings(n),
                pa.array(days, pa.date32()),
                pa.array(np.full(n, DIRECTIONS.index(direction), np.int8)),
                pa.array(np.full(n, CHANNELS.index(Channel.MESSAGE), np.int8)),
                pa.array(np.ones(n, np.int32)),
            ],
            names=["name", "url", "email", "day", "direction", "channel", "count"],
        )
    )


def _skip_unreadable(table: Table, unreadable: Mask, summary: SourceSummary) -> None:
    records = np.flatnonzero(unreadable).tolist()
    if not records:
        return
    lines = table.lines_of(records[:200])
    values = table.column("DATE").take(records).to_pylist()
    for record, value in zip(records, values, strict=True):
        text = (value or "").strip()
        reason = f"unreadable date {text[:40]!r}" if text else "missing date"
        if text and parse_date(text) is not None:
            reason = f"suspicious date {text[:40]!r} (before LinkedIn existed)"
        summary.skip(lines.get(record, 0), reason)
    summary.skips.sort(key=lambda s: s.line)
