"""messages.csv of every era: who the owner is, and which messages are interactions.

The work is columnar (pyarrow) up to one row per counterpart, day and direction, so that a
decade of messages costs one parse and a few vectorised passes, not a Python loop per message.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from netaudit.errors import InputError
from netaudit.identity import name_key, url_key
from netaudit.ingest.dates import parse_date
from netaudit.ingest.table import Table
from netaudit.models import Channel, Direction, Evidence, SourceKind, SourceSummary, Touch

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
#: A conversation with more participants than this, the owner included, is a broadcast.
MAX_PARTICIPANTS = 10
SPONSORED_TITLE = "sponsored conversation"
LINKEDIN_MEMBER = "linkedin member"


@dataclass
class Owner:
    """The person who downloaded the export, as a participant key (URL key or name key)."""

    key: str
    how: str


def _lower(array: Any) -> Any:
    import pyarrow.compute as pc

    return pc.utf8_lower(pc.utf8_trim_whitespace(array))


def _keys(array: Any, normalise: Any) -> Any:
    """Apply a Python normaliser to each distinct value only, then spread it back."""
    import pyarrow as pa
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(array)
    keys = pa.array([normalise(v) for v in encoded.dictionary.to_pylist()], pa.string())
    return pc.take(keys, encoded.indices)


def read_messages(
    table: Table, evidence: Evidence, me: str | None, profile_name: str | None
) -> tuple[SourceSummary, Owner | None]:
    import pyarrow as pa
    import pyarrow.compute as pc

    summary = SourceSummary(kind=SourceKind.MESSAGES, path=table.file.display)
    for line, reason in table.bad_rows:
        summary.skip(line, reason)
    n = table.num_rows
    if n == 0:
        return summary, None
    by_url = table.has("SENDER PROFILE URL")
    col = {c: (table.column(c) if table.has(c) else pa.array([""] * n, pa.string())) for c in COLUMNS}

    days, unreadable = _days(col["DATE"])
    sender = _keys(col["SENDER PROFILE URL"], url_key) if by_url else _keys(col["FROM"], name_key)
    # URLs are comma-joined without spaces; TO names can hold commas, so they are never split
    split = pc.split_pattern(col["RECIPIENT PROFILE URLS"] if by_url else col["TO"], "," if by_url else "\x00")
    parent = pc.list_parent_indices(split)
    recipient = _keys(pc.list_flatten(split), url_key if by_url else name_key)
    conv = col["CONVERSATION ID"] if table.has("CONVERSATION ID") else pa.array([str(i) for i in range(n)], pa.string())

    participants = pa.table(
        {
            "conv": pa.concat_arrays([conv, pc.take(conv, parent)]),
            "key": pa.concat_arrays([sender, recipient]),
        }
    ).filter(pc.not_equal(pa.concat_arrays([sender, recipient]), ""))
    distinct = participants.group_by(["conv", "key"]).aggregate([])
    per_conv = distinct.group_by("conv").aggregate([([], "count_all")])
    broadcast_convs = per_conv.filter(pc.greater(per_conv["count_all"], MAX_PARTICIPANTS))["conv"]

    # Why a row is not an interaction; the first reason that applies wins.
    folder, title, sender_name = (
        _lower(col["FOLDER"]),
        _lower(col["CONVERSATION TITLE"]),
        _lower(col["FROM"]),
    )
    has_folder = table.has("FOLDER")
    draft = pc.or_(
        pc.equal(_lower(col["IS MESSAGE DRAFT"]), "yes"),
        pc.equal(_lower(col["IS CONVERSATION DRAFT"]), "yes"),
    )
    if has_folder:
        draft = pc.or_(draft, pc.equal(folder, ""))
    reasons = [
        ("spam", pc.equal(folder, "spam")),
        ("draft", draft),
        (
            "sponsored",
            pc.or_(pc.equal(title, SPONSORED_TITLE), pc.equal(sender_name, LINKEDIN_MEMBER)),
        ),
        ("broadcast", pc.is_in(conv, value_set=broadcast_convs)),
    ]
    open_rows = pc.invert(unreadable)
    for reason, mask in reasons:
        hit = pc.and_(open_rows, mask)
        count = _count(hit)
        summary.ignore(reason, count)
        evidence.ignore(reason, count)
        open_rows = pc.and_(open_rows, pc.invert(mask))

    recipients = (split, col["TO"], url_key if by_url else name_key)
    owner = None
    if not table.has("DIRECTION"):
        owner = _owner(distinct, sender, col["FROM"], me, profile_name, by_url, recipients)
    if owner is None and not table.has("DIRECTION") and pc.any(open_rows).as_py():
        raise InputError(
            f"{table.file.display}: cannot tell whose messages these are",
            "pass --me with your name or profile URL",
        )
    if table.has("DIRECTION"):
        outgoing = pc.equal(pc.utf8_upper(col["DIRECTION"]), "OUTGOING")
    else:
        assert owner is not None
        outgoing = pc.equal(sender, owner.key)

    incoming_rows = pc.and_(open_rows, pc.invert(outgoing))
    _aggregate(
        evidence,
        Direction.IN,
        pa.table({"name": col["FROM"], "url": col["SENDER PROFILE URL"], "day": days}).filter(incoming_rows),
    )
    out_rows = pc.and_(open_rows, outgoing)
    keep = pc.and_(pc.take(out_rows, parent), pc.not_equal(recipient, ""))
    if owner is not None:
        keep = pc.and_(keep, pc.not_equal(recipient, owner.key))
    listed = pc.utf8_trim_whitespace(pc.list_flatten(split))
    blank = pa.nulls(len(listed), pa.string()).fill_null("")
    out = {"name": blank, "url": listed} if by_url else {"name": listed, "url": blank}
    _aggregate(evidence, Direction.OUT, pa.table({**out, "day": pc.take(days, parent)}).filter(keep))
    reached = len(pc.unique(pc.filter(parent, keep)))
    if by_url:  # rows with no recipient URL (2021-2022 exports): TO is one name, never split
        by_name = pc.and_(
            pc.and_(out_rows, pc.equal(pc.utf8_trim_whitespace(col["RECIPIENT PROFILE URLS"]), "")),
            pc.not_equal(pc.utf8_trim_whitespace(col["TO"]), ""),
        )
        names = pa.table({"name": col["TO"], "url": pa.nulls(n, pa.string()).fill_null(""), "day": days})
        _aggregate(evidence, Direction.OUT, names.filter(by_name))
        reached += _count(by_name)
    # an owner's message with nobody else in it says nothing about a relationship
    lonely = _count(out_rows) - reached
    summary.ignore("no_other_participant", lonely)
    evidence.ignore("no_other_participant", lonely)
    summary.use(_count(open_rows) - lonely)
    _skip_unreadable(table, unreadable, col["DATE"], summary)
    return summary, owner


def _count(mask: Any) -> int:
    import pyarrow as pa
    import pyarrow.compute as pc

    return int(pc.sum(pc.cast(mask, pa.int64())).as_py() or 0)


def _days(dates: Any) -> tuple[Any, Any]:
    """UTC calendar dates: fast path for ISO stamps, the general parser for the rest."""
    import pyarrow as pa
    import pyarrow.compute as pc

    fast = pc.cast(
        pc.strptime(pc.utf8_slice_codeunits(dates, 0, 10), format="%Y-%m-%d", unit="s", error_is_null=True),
        pa.date32(),
    )
    iso_like = pc.match_substring_regex(dates, r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?(?: UTC)?$")
    fast = pc.if_else(iso_like, fast, pa.scalar(None, pa.date32()))
    missing = pc.is_null(fast)
    if pc.any(missing).as_py():
        slow = pc.unique(pc.filter(dates, missing))
        parsed: list[date | None] = [parse_date(v) for v in slow.to_pylist()]
        fallback = pc.take(pa.array(parsed, pa.date32()), pc.index_in(dates, value_set=slow))
        fast = pc.coalesce(fast, fallback)
    return fast, pc.is_null(fast)


def _aggregate(evidence: Evidence, direction: Direction, rows: Any) -> None:
    if rows.num_rows == 0:
        return
    grouped = rows.group_by(["name", "url", "day"]).aggregate([([], "count_all")])
    for name, url, day, count in zip(
        *(grouped[c].to_pylist() for c in ("name", "url", "day", "count_all")), strict=True
    ):
        evidence.add((name.strip(), url.strip(), ""), Touch(day, direction, Channel.MESSAGE, count))


def _owner(
    distinct: Any,
    sender: Any,
    names: Any,
    me: str | None,
    profile_name: str | None,
    by_url: bool,
    recipients: tuple[Any, Any, Any],
) -> Owner | None:
    import pyarrow.compute as pc

    if me:
        if by_url and ("linkedin.com" in me.casefold() or "/" in me):
            return Owner(url_key(me), "--me")
        if not by_url:
            return Owner(name_key(me), "--me")
        matches = pc.equal(_keys(names, name_key), name_key(me))
        keys = Counter(k for k in pc.filter(sender, matches).to_pylist() if k)
        if not keys:
            raise InputError(
                f"--me {me!r}: nobody of that name sent a message",
                "pass your profile URL instead, e.g. --me https://www.linkedin.com/in/your-name",
            )
        return Owner(keys.most_common(1)[0][0], "--me")
    counts = (
        distinct.group_by("key")
        .aggregate([([], "count_all")])
        .sort_by([("count_all", "descending"), ("key", "ascending")])
    )
    top = counts.slice(0, 3).to_pylist()
    if not top:
        return None
    if profile_name:
        wanted = name_key(profile_name)
        for candidate in top:
            if wanted in _names_of(candidate["key"], sender, names, recipients):
                return Owner(candidate["key"], "Profile.csv and most conversations")
    if len(top) > 1 and top[0]["count_all"] == top[1]["count_all"]:
        return None
    return Owner(top[0]["key"], "most conversations")


def _names_of(key: str, sender: Any, names: Any, recipients: tuple[Any, Any, Any]) -> set[str]:
    """Display names seen for a participant: as a sender, or as the only recipient of a row."""
    import pyarrow.compute as pc

    split, to, normalise = recipients
    said = set(pc.filter(names, pc.equal(sender, key)).slice(0, 50).to_pylist())
    only = pc.and_(pc.equal(pc.list_value_length(split), 1), pc.equal(_keys(pc.list_element(split, 0), normalise), key))
    said |= set(pc.filter(to, only).slice(0, 50).to_pylist())
    return {name_key(s) for s in said}


def _skip_unreadable(table: Table, unreadable: Any, dates: Any, summary: SourceSummary) -> None:
    import pyarrow.compute as pc

    records = pc.indices_nonzero(unreadable).to_pylist()
    if not records:
        return
    lines = table.lines_of(records[:200])
    values = pc.take(dates, records).to_pylist()
    for record, value in zip(records, values, strict=True):
        reason = f"unreadable date {value.strip()[:40]!r}" if value.strip() else "missing date"
        summary.skip(lines.get(record, 0), reason)
