"""A one-line preview of the message an unanswered person sent: for local, unredacted output only
(`followups --preview`, `review`). It reads messages.csv's text again, which the run itself never
keeps (about as long as a cold read of the file), so it is asked for, not always done."""

from __future__ import annotations

import html
import re

from netaudit.report_models import Followup, Reason
from netaudit.run_request import Request

#: How long a preview may be, in characters.
PREVIEW = 100
_TAGS = re.compile(r"<[^>]*>")
_BLANKS = re.compile(r"\s+")


def previews(request: Request, items: list[Followup]) -> list[Followup]:
    """`items` with `preview` set where an unanswered person's latest message is found (by their
    profile URL and the day they wrote) in the export's messages.csv."""
    from netaudit.attribute import day_number
    from netaudit.identity import url_key

    wanted = {
        url_key(f.profile_url): day_number(f.wrote_on)
        for f in items
        if f.reason is Reason.UNANSWERED and f.wrote_via == "message" and f.wrote_on and f.profile_url
    }
    wanted.pop("", None)
    if not wanted:
        return items
    found = _latest(request, wanted)
    return [
        f.model_copy(update={"preview": found[key]}) if (key := url_key(f.profile_url)) in found else f for f in items
    ]


def _latest(request: Request, wanted: dict[str, int]) -> dict[str, str]:
    """Profile key -> the text of the last message that person sent on the wanted day."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from netaudit.identity import url_keys
    from netaudit.ingest.sources import open_export
    from netaudit.ingest.stamps import utc_days
    from netaudit.ingest.table import read_table
    from netaudit.ledger import SourceKind

    messages = open_export(request.path).get(SourceKind.MESSAGES)
    if messages is None:
        return {}
    table = read_table(messages.file, messages.layout, ["SENDER PROFILE URL", "DATE", "CONTENT"])
    if not all(table.has(c) for c in ("SENDER PROFILE URL", "DATE", "CONTENT")):
        return {}

    def column(name: str) -> pa.Array:
        values = table.column(name)
        return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values

    keys = url_keys(column("SENDER PROFILE URL"))
    rows = np.flatnonzero(pc.is_in(keys, value_set=pa.array(list(wanted), pa.string())).to_numpy(zero_copy_only=False))
    if not len(rows):
        return {}
    picked = pa.array(rows)
    days, _ = utc_days(column("DATE").take(picked))
    texts = column("CONTENT").take(picked).to_pylist()
    found: dict[str, str] = {}
    for key, day, text in zip(keys.take(picked).to_pylist(), days.tolist(), texts, strict=True):
        if day == wanted[key] and text:
            found[key] = one_line(text)  # rows of a conversation run oldest first: the last one wins
    return found


def one_line(text: str) -> str:
    """The message as one short line: markup gone, blanks collapsed, cut with an ellipsis."""
    plain = _BLANKS.sub(" ", html.unescape(_TAGS.sub(" ", text))).strip()
    return plain if len(plain) <= PREVIEW else plain[: PREVIEW - 1].rstrip() + "…"
