"""messages.csv of every era: who the owner is, and which messages are interactions.

Columns are read dictionary-encoded, so every text operation (normalising URLs, lowering
folders, splitting recipient lists) runs once per distinct value, and rows are handled as
integer codes with numpy. A decade of messages costs one parse and a few array passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from netaudit.errors import InputError
from netaudit.identity import name_key, name_keys, url_key, url_keys
from netaudit.ingest.dates import LINKEDIN_FOUNDED, parse_date
from netaudit.ingest.recipients import named_recipients
from netaudit.ingest.table import Table
from netaudit.models import CHANNELS, DIRECTIONS, Channel, Direction, Evidence, SourceKind, SourceSummary

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

Codes = np.ndarray[Any, np.dtype[np.int32]]
Mask = np.ndarray[Any, np.dtype[np.bool_]]


@dataclass
class Owner:
    """The person who downloaded the export, as a participant key (URL key or name key)."""

    key: str
    how: str


@dataclass
class Coded:
    """A column as integer codes into its distinct values."""

    codes: Codes
    values: Any  # pyarrow StringArray

    def lower_is(self, *wanted: str) -> Mask:
        """Rows whose trimmed, lower-cased value is one of `wanted`."""
        import pyarrow as pa
        import pyarrow.compute as pc

        lower = pc.utf8_lower(pc.utf8_trim_whitespace(self.values))
        hit = pc.is_in(lower, value_set=pa.array(wanted, pa.string())).to_numpy(zero_copy_only=False)
        return np.asarray(hit[self.codes], bool)

    def dictionary_array(self, rows: Any) -> Any:
        import pyarrow as pa

        return pa.DictionaryArray.from_arrays(pa.array(self.codes[rows], pa.int32()), self.values)


def coded(array: Any) -> Coded:
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(array, pa.ChunkedArray):
        array = (
            array.unify_dictionaries().combine_chunks()
            if pa.types.is_dictionary(array.type)
            else array.combine_chunks()
        )
    if not pa.types.is_dictionary(array.type):
        array = pc.dictionary_encode(array)
    return Coded(array.indices.to_numpy(zero_copy_only=False).astype(np.int32, copy=False), array.dictionary)


def _column(table: Table, name: str) -> Coded:
    import pyarrow as pa

    if table.has(name):
        return coded(table.column(name))
    return Coded(np.zeros(table.num_rows, np.int32), pa.array([""], pa.string()))


@dataclass
class Recipients:
    """Per row, the participants it was sent to: `row` and `key` of each (row, recipient) pair."""

    row: Codes
    key: Codes  # into the shared key space; 0 is "no key"
    raw: Any  # pyarrow StringArray of each pair's recipient as written
    entry_size: Codes  # per row: how many recipients its list names


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
    import pyarrow as pa
    import pyarrow.compute as pc

    summary = SourceSummary(kind=SourceKind.MESSAGES, path=table.file.display)
    table.account(summary)
    n = table.num_rows
    if n == 0:
        return summary, None
    by_url = table.has("SENDER PROFILE URL")
    normalise = url_keys if by_url else name_keys
    days, unreadable = _days(table.column("DATE"))
    unreadable |= days < (LINKEDIN_FOUNDED - date(1970, 1, 1)).days  # and day 0 is 1970: never a real message

    sender_col = _column(table, "SENDER PROFILE URL" if by_url else "FROM")
    listed_col = _column(table, "RECIPIENT PROFILE URLS" if by_url else "TO")
    # URLs are comma-joined without spaces; TO names can hold commas, so they are never split
    split = pc.split_pattern(listed_col.values, "," if by_url else "\x00")
    flat_raw = pc.utf8_trim_whitespace(pc.list_flatten(split))
    space = pc.dictionary_encode(
        pa.concat_arrays([pa.array([""], pa.string()), normalise(sender_col.values), normalise(flat_raw)])
    )
    space_codes = space.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    keys, empty = space.dictionary, space_codes[0]
    sender = space_codes[1 : 1 + len(sender_col.values)][sender_col.codes]
    recipients = _expand(split, space_codes[1 + len(sender_col.values) :], flat_raw, listed_col.codes)

    conv = _column(table, "CONVERSATION ID").codes if table.has("CONVERSATION ID") else np.arange(n, dtype=np.int32)
    who, where = np.concatenate([sender, recipients.key]), np.concatenate([conv, conv[recipients.row]])
    known = who != empty
    pairs = where[known].astype(np.int64) * len(keys) + who[known]
    pairs = pc.unique(pa.array(pairs)).to_numpy()  # (conversation, participant) once each: a hash, not a sort
    per_conv = np.bincount(pairs // len(keys), minlength=int(conv.max()) + 1)
    per_key = np.bincount(pairs % len(keys), minlength=len(keys))

    # Why a row is not an interaction; the first reason that applies wins.
    names = _column(table, "FROM")
    yes = ("yes", "true")  # both are written (2024-2026 exports)
    draft = _column(table, "IS MESSAGE DRAFT").lower_is(*yes) | _column(table, "IS CONVERSATION DRAFT").lower_is(*yes)
    if table.has("FOLDER"):
        draft |= _column(table, "FOLDER").lower_is("", "draft", "drafts")
    reasons = [
        ("spam", _column(table, "FOLDER").lower_is("spam")),
        ("draft", draft),
        ("sponsored", _column(table, "CONVERSATION TITLE").lower_is(SPONSORED_TITLE) | names.lower_is(LINKEDIN_MEMBER)),
        ("broadcast", per_conv[conv] > MAX_PARTICIPANTS),
    ]
    open_rows = ~unreadable
    for reason, mask in reasons:
        count = int((open_rows & mask).sum())
        summary.ignore(reason, count)
        evidence.ignore(reason, count)
        open_rows &= ~mask

    owner: Owner | None = None
    if table.has("DIRECTION"):
        outgoing = _column(table, "DIRECTION").lower_is("outgoing")
    else:
        context = _Context(keys, per_key, sender, names, recipients, _column(table, "TO"), empty)
        owner, owner_code = _owner(context, me, profile_name, by_url, connections)
        if owner is None:
            if open_rows.any():
                raise InputError(
                    f"{table.file.display}: cannot tell whose messages these are",
                    "pass --me with your name or profile URL",
                )
            owner_code = -1
        outgoing = sender == owner_code
        if me and by_url and not _is_url(me):  # the owner's own rows may have no SENDER PROFILE URL
            outgoing |= _said_by(names, me) & (sender == empty)

    incoming = open_rows & ~outgoing
    blank = Coded(np.zeros(n, np.int32), pa.array([""], pa.string()))
    # URL-era evidence carries the normalised profile key (what attribution matches on), so the
    # normalising is done once here, per distinct URL, and not again for every run from the cache
    sender_raw = Coded(sender, keys) if by_url else _column(table, "SENDER PROFILE URL")
    _add(
        evidence, Direction.IN, names.dictionary_array(incoming), sender_raw.dictionary_array(incoming), days[incoming]
    )

    out_rows = open_rows & outgoing
    keep = out_rows[recipients.row] & (recipients.key != empty)
    if owner is not None:
        keep &= recipients.key != owner_code
    listed = (
        pa.DictionaryArray.from_arrays(pa.array(recipients.key[keep]), keys)
        if by_url
        else pc.filter(recipients.raw, pa.array(keep))
    )
    nothing = pa.DictionaryArray.from_arrays(pa.array(np.zeros(len(listed), np.int32)), pa.array([""], pa.string()))
    name_arr, url_arr = (nothing, listed) if by_url else (listed, nothing)
    _add(evidence, Direction.OUT, name_arr, url_arr, days[recipients.row[keep]])
    reached = np.zeros(n, bool)
    reached[recipients.row[keep]] = True
    if by_url:  # rows with no recipient URL (2021-2022 exports): the names in TO
        to = _column(table, "TO")
        by_name = out_rows & (recipients.entry_size == 0) & ~to.lower_is("")
        if by_name.any():
            rows, listed_names = named_recipients(
                np.flatnonzero(by_name), (to.codes, to.values), conv, (names.codes, names.values), connection_names
            )
            _add(evidence, Direction.OUT, listed_names, blank.dictionary_array(rows), days[rows])
        reached |= by_name
    # an owner's message with nobody else in it says nothing about a relationship
    lonely = int((out_rows & ~reached).sum())
    summary.ignore("no_other_participant", lonely)
    evidence.ignore("no_other_participant", lonely)
    summary.use(int(open_rows.sum()) - lonely)
    _skip_unreadable(table, unreadable, summary)
    return summary, owner


def _expand(split: Any, flat_codes: Codes, flat_raw: Any, row_entry: Codes) -> Recipients:
    """Rows times the recipients of their (dictionary) list, without a Python loop."""
    import pyarrow as pa
    import pyarrow.compute as pc

    sizes = pc.list_value_length(split).to_numpy(zero_copy_only=False).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    nonblank = pc.not_equal(flat_raw, "").to_numpy(zero_copy_only=False)
    real = np.bincount(np.repeat(np.arange(len(sizes)), sizes)[nonblank], minlength=len(sizes))
    per_row = sizes[row_entry]
    rows = np.repeat(np.arange(len(row_entry), dtype=np.int32), per_row)
    starts = np.repeat(offsets[row_entry] - (np.cumsum(per_row) - per_row), per_row)
    position = starts + np.arange(len(rows))
    return Recipients(
        row=rows,
        key=flat_codes[position],
        raw=pa.DictionaryArray.from_arrays(pa.array(position.astype(np.int32)), flat_raw),
        entry_size=real[row_entry].astype(np.int32),
    )


def _add(evidence: Evidence, direction: Direction, name: Any, url: Any, days: Any) -> None:
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
                pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, np.int32)), pa.array([""], pa.string())),
                pa.array(days, pa.date32()),
                pa.array(np.full(n, DIRECTIONS.index(direction), np.int8)),
                pa.array(np.full(n, CHANNELS.index(Channel.MESSAGE), np.int8)),
                pa.array(np.ones(n, np.int32)),
            ],
            names=["name", "url", "email", "day", "direction", "channel", "count"],
        )
    )


def _days(dates: Any) -> tuple[Any, Mask]:
    """UTC calendar dates as days since 1970: ISO stamps in bulk, the general parser for the rest."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(dates, pa.ChunkedArray):
        dates = dates.combine_chunks()
    # `YYYY-MM-DD HH:MM:SS UTC` since 2021, `YYYY-MM-DDTHH:MM:SS` in early 2020: the day is the
    # first ten characters. In bulk by bytes (when those are a date, they are ASCII, so bytes are
    # characters); pyarrow's cast to a date checks that the day exists (its strptime would read
    # 30 Feb as 1 Mar) and fails as a whole when one does not, or is no date.
    raw = dates.view(pa.binary())
    # a time with an offset (`2024-06-01T23:30:00-05:00`) may be another UTC day: those rows are
    # parsed one by one. Stamps that all end in UTC (every export since 2021) have none: that
    # check takes 1 ms for 500,000 stamps, the search for a sign after the date 25-40 ms.
    plain = pc.all(pc.ends_with(raw, b"UTC")).as_py()
    zoned = pa.nulls(len(raw), pa.bool_()).fill_null(False)
    if not plain:
        tail = pc.binary_slice(raw, 11, 64)
        zoned = pc.or_(pc.match_substring(tail, "+"), pc.match_substring(tail, "-"))
        plain = not pc.any(zoned).as_py()
    if plain and pc.all(pc.is_in(pc.binary_slice(raw, 10, 11), value_set=pa.array([b"", b" ", b"T"]))).as_py():
        try:
            days = pc.cast(pc.binary_slice(raw, 0, 10).view(pa.string()), pa.date32())
            return days.cast(pa.int32()).to_numpy(zero_copy_only=False).astype(np.int32, copy=False), np.zeros(
                len(dates), bool
            )
        except pa.ArrowInvalid:
            pass
    iso = pc.and_(
        pc.is_in(pc.utf8_slice_codeunits(dates, 10, 11), value_set=pa.array(["", " ", "T"])), pc.invert(zoned)
    )
    head = pc.utf8_slice_codeunits(dates, 0, 10)
    heads = pc.dictionary_encode(head)  # a decade is a few thousand distinct days
    known = [_iso_day(h) for h in heads.dictionary.to_pylist()]
    days = pc.if_else(iso, pc.take(pa.array(known, pa.date32()), heads.indices), pa.scalar(None, pa.date32()))
    missing = pc.is_null(days)
    if pc.any(missing).as_py():
        slow = pc.unique(pc.filter(dates, missing))
        parsed: list[date | None] = [parse_date(v) for v in slow.to_pylist()]
        days = pc.coalesce(days, pc.take(pa.array(parsed, pa.date32()), pc.index_in(dates, value_set=slow)))
    numbers = days.cast(pa.int32()).fill_null(0).to_numpy(zero_copy_only=False).astype(np.int32, copy=False)
    return numbers, days.is_null().to_numpy(zero_copy_only=False)


def _iso_day(text: str) -> date | None:
    if not _ISO_DAY.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:  # a day that does not exist
        return None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


@dataclass
class _Context:
    keys: Any  # the shared key space (pyarrow StringArray)
    per_key: Any  # conversations each key takes part in
    sender: Codes
    names: Coded
    recipients: Recipients
    to: Coded
    empty: int


def _owner(
    c: _Context, me: str | None, profile_name: str | None, by_url: bool, connections: Callable[[], frozenset[str]]
) -> tuple[Owner | None, int]:
    import pyarrow as pa
    import pyarrow.compute as pc

    def key(i: int) -> str:  # only a few keys are ever needed as Python strings
        return str(c.keys[i].as_py())

    if me:
        if not by_url or _is_url(me):
            wanted = url_key(me) if by_url else name_key(me)
            at = pc.index_in(pa.array([wanted], pa.string()), value_set=c.keys)[0].as_py()
            return Owner(wanted, "--me"), -1 if at is None else int(at)
        said = _said_by(c.names, me)
        found = np.bincount(c.sender[said & (c.sender != c.empty)], minlength=len(c.keys))
        if not found.any() and said.any():  # only rows without a SENDER PROFILE URL: matched by FROM
            return Owner(name_key(me), "--me, matched by FROM"), -1
        if not found.any():
            raise InputError(
                f"--me {me!r}: nobody of that name sent a message",
                "pass your profile URL instead, e.g. --me https://www.linkedin.com/in/your-name",
            )
        code = int(found.argmax())
        return Owner(key(code), "--me"), code
    counts = c.per_key.copy()
    counts[c.empty] = 0
    # the three most frequent participants (ties by key): sort only those that can be in the top 3
    third = np.sort(counts)[-3:][0] if len(counts) >= 3 else 0
    contenders = np.flatnonzero(counts >= max(third, 1)).tolist()
    top: list[int] = sorted(contenders, key=lambda i: (-counts[i], key(i)))[:3]
    if not top:
        return None, -1
    if profile_name:
        wanted = name_key(profile_name)
        for code in top:
            if wanted in _names_of(c, code):
                return Owner(key(code), "Profile.csv and most conversations"), code
    tied = [i for i in contenders if counts[i] == counts[top[0]]]
    if len(tied) > 1:
        known = connections()
        strangers = [i for i in tied if key(i) not in known]
        if len(strangers) == 1:
            return Owner(key(strangers[0]), "most conversations, and not among the connections"), strangers[0]
        return None, -1
    return Owner(key(top[0]), "most conversations"), top[0]


def _is_url(me: str) -> bool:
    return "linkedin.com" in me.casefold() or "/" in me


def _said_by(names: Coded, me: str) -> Mask:
    """Rows whose FROM is the name `me` (as a name key)."""
    hit = name_keys(names.values).to_numpy(zero_copy_only=False) == name_key(me)
    return np.asarray(hit[names.codes], bool)


def _names_of(c: _Context, code: int) -> set[str]:
    """Display names seen for a participant: as a sender, or as the only recipient of a row."""
    import pyarrow as pa

    said = c.names.values.take(pa.array(np.unique(c.names.codes[c.sender == code])[:50])).to_pylist()
    alone = c.recipients.row[(c.recipients.key == code)]
    alone = alone[c.recipients.entry_size[alone] == 1]
    said += c.to.values.take(pa.array(np.unique(c.to.codes[alone])[:50])).to_pylist()
    return set(name_keys(pa.array(said, pa.string())).to_pylist())


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
