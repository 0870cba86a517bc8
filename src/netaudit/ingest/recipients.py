"""The names in a 2021-2022 `TO` (no recipient URLs): a list joined by `, ` of names that may
themselves hold commas (`Ravi Menon, Jane Doe, Ph.D.`), split against names netaudit knows."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

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
