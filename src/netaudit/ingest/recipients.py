"""The names in a 2021-2022 `TO` (no recipient URLs): a list joined by `, ` of names that may
themselves hold commas (`Ravi Menon, Jane Doe, Ph.D.`), split against names netaudit knows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any

import numpy as np

from netaudit.ingest.coded import Coded

if TYPE_CHECKING:
    import pyarrow as pa

#: Row indices or codes.
Ints = np.ndarray[Any, np.dtype[np.integer[Any]]]

#: The most comma-separated parts one name is made of (`Jane Doe, Ph.D., MBA`): a `TO` of a
#: thousand commas costs a few thousand candidate names, not half a million.
MAX_PARTS = 4


def split_to(
    texts: Sequence[str], people: AbstractSet[str], senders: Sequence[AbstractSet[str]] | None = None
) -> list[list[str]]:
    """Each `TO` as the names it lists. `people` holds the name keys (`identity.name_keys`) of
    the connections, `senders[i]` those of the other senders in the conversation of `texts[i]`.
    The longest run of comma-separated parts that is a known name is taken first (a name spans at
    most `MAX_PARTS` parts: `Jane Doe, Ph.D., MBA` is three); parts no known name covers are
    never guessed at: they stay together as one unmatched remainder. A `TO` without a comma, or
    with no known name in it, is one name, taken whole."""
    import pyarrow as pa

    from netaudit.identity import name_keys

    parts = [[p.strip() for p in text.split(",") if p.strip()] for text in texts]
    spans = [
        [(i, j, ", ".join(p[i:j])) for i in range(len(p)) for j in range(i + 1, min(i + MAX_PARTS, len(p)) + 1)]
        if "," in t
        else []
        for t, p in zip(texts, parts, strict=True)
    ]
    flat = [s for row in spans for s in row]
    keys = name_keys(pa.array([s[2] for s in flat], pa.string())).to_pylist() if flat else []
    out: list[list[str]] = []
    at = 0
    for n, (text, p, row) in enumerate(zip(texts, parts, spans, strict=True)):
        keyed = {(i, j): (k, s) for (i, j, s), k in zip(row, keys[at : at + len(row)], strict=True)}
        at += len(row)
        others = senders[n] if senders is not None else frozenset()
        out.append(_greedy(p, keyed, people, others) if row else [text.strip()])
    return out


def _greedy(
    parts: list[str], keyed: dict[tuple[int, int], tuple[str, str]], people: AbstractSet[str], others: AbstractSet[str]
) -> list[str]:
    found: list[str] = []
    rest: list[str] = []
    i, matched = 0, False
    while i < len(parts):
        longest = range(min(i + MAX_PARTS, len(parts)), i, -1)
        j = next((j for j in longest if keyed[i, j][0] in people or keyed[i, j][0] in others), None)
        if j is None:
            rest.append(parts[i])
            i += 1
            continue
        if rest:
            found.append(", ".join(rest))
            rest = []
        found.append(keyed[i, j][1])
        i, matched = j, True
    if rest:
        found.append(", ".join(rest))
    return found if matched else [", ".join(parts)]


def named_recipients(
    rows: Ints,
    to: Coded,
    conv: Ints,
    senders: Coded,
    connection_names: Callable[[], AbstractSet[str]],
) -> tuple[Ints, pa.DictionaryArray]:
    """Rows (indices) times the names their `TO` lists (`split_to`), worked out once per distinct
    conversation and `TO`. `to` and `senders` are the TO and FROM columns, `conv` the
    conversation code of every row; `connection_names` gives the connections' name keys, asked
    only when a `TO` holds a comma. Returns the rows, repeated once per name, and the names as a
    dictionary array."""
    import pyarrow as pa

    from netaudit.identity import name_keys

    to_codes, to_values = to.codes, to.values
    from_codes, from_values = senders.codes, senders.values
    width = len(to_values)
    pairs, inverse = np.unique(conv[rows].astype(np.int64) * width + to_codes[rows], return_inverse=True)
    texts = to_values.take(pa.array(pairs % width)).to_pylist()
    lists = [[t] for t in texts]
    split = [i for i, t in enumerate(texts) if "," in t]
    if split:
        people = connection_names()
        wanted = np.unique(pairs[split] // width)
        mask = np.isin(conv, wanted)
        sent = np.unique(conv[mask].astype(np.int64) * len(from_values) + from_codes[mask])
        sender_keys = name_keys(from_values).to_pylist()
        by_conv: dict[int, set[str]] = {}
        for c, k in zip((sent // len(from_values)).tolist(), (sent % len(from_values)).tolist(), strict=True):
            by_conv.setdefault(c, set()).add(sender_keys[k])
        others = [by_conv.get(int(pairs[i] // width), set()) for i in split]
        for i, found in zip(split, split_to([texts[i] for i in split], people, others), strict=True):
            lists[i] = found
    sizes = np.array([len(x) for x in lists], np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    per_row = sizes[inverse]
    repeated = np.repeat(rows, per_row)
    position = np.repeat(starts[inverse] - (np.cumsum(per_row) - per_row), per_row) + np.arange(len(repeated))
    flat = pa.array([name for x in lists for name in x], pa.string())
    return repeated, pa.DictionaryArray.from_arrays(pa.array(position.astype(np.int32)), flat)
