"""Who takes part in each row of messages.csv: senders and recipients as codes into one space of
participant keys (profile keys, or name keys in files without URLs), and how many people each
conversation holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from netaudit.identity import name_keys, url_keys
from netaudit.ingest.coded import Codes, column
from netaudit.ingest.table import Table

if TYPE_CHECKING:
    import pyarrow as pa

#: Per index, a count.
Counts = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Recipients:
    """Each (row, recipient) pair of the rows' recipient lists, one pair per element."""

    row: Codes  # the row (message) the pair belongs to
    key: Codes  # the recipient, as a code into `Participants.keys`
    written: pa.DictionaryArray  # the recipient as the file writes it
    listed: Codes  # per row (not per pair): how many non-blank recipients its list names


@dataclass(frozen=True)
class Participants:
    """Senders and recipients of every row, as codes into one space of participant keys."""

    keys: pa.StringArray  # each participant key once; the key "" is nobody
    nobody: int  # the code of "" (a row without a sender, a blank recipient)
    sender: Codes  # per row: who sent it
    recipients: Recipients


@dataclass(frozen=True)
class Turnout:
    """How many distinct participants each conversation has, and in how many conversations each
    participant takes part (both counting the sender and the recipients of every row)."""

    per_conversation: Counts  # index: conversation code
    per_participant: Counts  # index: participant code


def participants(table: Table, by_url: bool) -> Participants:
    """Senders and recipients by profile URL when the file has them, else by name."""
    import pyarrow as pa
    import pyarrow.compute as pc

    normalise = url_keys if by_url else name_keys
    senders = column(table, "SENDER PROFILE URL" if by_url else "FROM")
    lists = column(table, "RECIPIENT PROFILE URLS" if by_url else "TO")
    # URLs are comma-joined without spaces; TO names can hold commas, so they are never split
    split = pc.split_pattern(lists.values, "," if by_url else "\x00")
    written = pc.utf8_trim_whitespace(pc.list_flatten(split))
    # one call: a URL that sends and receives is worked out once
    space = pc.dictionary_encode(normalise(pa.concat_arrays([pa.array([""], pa.string()), senders.values, written])))
    codes = space.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    first_written = 1 + len(senders.values)
    return Participants(
        keys=space.dictionary,
        nobody=int(codes[0]),
        sender=codes[1:first_written][senders.codes],
        recipients=_pairs(split, codes[first_written:], written, lists.codes),
    )


def _pairs(split: pa.ListArray, keys: Codes, written: pa.StringArray, list_of_row: Codes) -> Recipients:
    """Rows times the recipients of their (distinct) list, without a Python loop. `split` holds
    each distinct list's elements, `keys` and `written` each element flattened."""
    import pyarrow as pa
    import pyarrow.compute as pc

    sizes = pc.list_value_length(split).to_numpy(zero_copy_only=False).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    nonblank = pc.not_equal(written, "").to_numpy(zero_copy_only=False)
    real = np.bincount(np.repeat(np.arange(len(sizes)), sizes)[nonblank], minlength=len(sizes))
    per_row = sizes[list_of_row]
    rows = np.repeat(np.arange(len(list_of_row), dtype=np.int32), per_row)
    starts = np.repeat(offsets[list_of_row] - (np.cumsum(per_row) - per_row), per_row)
    position = starts + np.arange(len(rows))
    return Recipients(
        row=rows,
        key=keys[position],
        written=pa.DictionaryArray.from_arrays(pa.array(position.astype(np.int32)), written),
        listed=real[list_of_row].astype(np.int32),
    )


def conversations(table: Table) -> Codes:
    """Per row, its conversation; files without conversation ids make each row one."""
    if table.has("CONVERSATION ID"):
        return column(table, "CONVERSATION ID").codes
    return np.arange(table.num_rows, dtype=np.int32)


def turnout(who: Participants, conversation: Codes) -> Turnout:
    """Each (conversation, participant) pair counted once: a hash of the pairs, not a sort."""
    import pyarrow as pa
    import pyarrow.compute as pc

    person = np.concatenate([who.sender, who.recipients.key])
    where = np.concatenate([conversation, conversation[who.recipients.row]])
    known = person != who.nobody
    space = len(who.keys)
    pairs = pc.unique(pa.array(where[known].astype(np.int64) * space + person[known])).to_numpy()
    return Turnout(
        per_conversation=np.bincount(pairs // space, minlength=int(conversation.max()) + 1),
        per_participant=np.bincount(pairs % space, minlength=space),
    )
