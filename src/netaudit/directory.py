"""Who is who among the connections: a person by profile URL, then e-mail, then a name only
one person has, for a whole column of records at once or for one; and "did you mean".

Records arrive dictionary-encoded (`Coded`): each distinct URL, e-mail and name is looked up
once with pyarrow's hash lookup, names only where nothing else matched, and rows follow by
numpy indexing. Looking up one record is a one-element use of the same lookup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from netaudit.identity import StringArray, close_keys, closest_key, email_keys, name_key, name_keys, url_keys
from netaudit.ingest.messages import Coded, coded
from netaudit.roster import People

UNMATCHED = -1
#: How much less close than the closest name another may be and still be offered (difflib's ratio).
CLOSE_SPREAD = 0.05
#: Per record: an index into People, or UNMATCHED.
PersonIndex = npt.NDArray[np.int32]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Identity:
    """What one record tells about a person; any part may be empty."""

    name: str = ""
    url: str = ""
    email: str = ""


@dataclass(frozen=True)
class KeyIndex:
    """Distinct keys (no "", in order of first appearance) and the first person who has each."""

    keys: StringArray
    person: PersonIndex

    @classmethod
    def of(cls, keys: StringArray) -> KeyIndex:
        """From one key per person."""
        import pyarrow.compute as pc

        first = pc.unique(keys)
        first = pc.filter(first, pc.not_equal(first, ""))
        return cls(first, pc.index_in(first, value_set=keys).to_numpy(zero_copy_only=False).astype(np.int32))

    def find(self, keys: StringArray) -> PersonIndex:
        """The person of each key, UNMATCHED where none has it."""
        import pyarrow.compute as pc

        if len(self.keys) == 0 or len(keys) == 0:
            return np.full(len(keys), UNMATCHED, np.int32)
        at = pc.index_in(keys, value_set=self.keys).fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        return np.where(at >= 0, self.person[np.maximum(at, 0)], UNMATCHED).astype(np.int32)


@dataclass(frozen=True)
class Found:
    """Who each record is (UNMATCHED for nobody), and which unmatched ones carry a name that
    several connections share (never guessed between)."""

    person: PersonIndex
    shared_name: Mask


@dataclass(frozen=True)
class Directory:
    """Who is who among the connections, worked out before the interactions are all read."""

    people: People
    by_url: KeyIndex
    by_email: KeyIndex
    by_name: KeyIndex  # every name key, shared ones too: `shared_names` keeps those out
    shared_names: StringArray  # name keys more than one person has
    display: dict[str, str]  # name key -> name of its first bearer, shared names too ("did you mean")

    def find(self, url: Coded, email: Coded, name: Coded, wanted: Mask | None = None) -> Found:
        """Each record by its profile URL, else its e-mail, else its name if only one person
        has it. Names are worked out only for records still unmatched and `wanted`."""
        person = self.by_url.find(url_keys(url.values))[url.codes]
        if (person == UNMATCHED).any():
            by_email = self.by_email.find(email_keys(email.values))[email.codes]
            person = np.where(person != UNMATCHED, person, by_email).astype(np.int32)
        rest = person == UNMATCHED
        if wanted is not None:
            rest &= wanted
        if not rest.any():
            return Found(person, np.zeros(len(person), bool))
        by_name, shared = self._by_name(name, np.unique(name.codes[rest]))
        person = np.where(person != UNMATCHED, person, by_name[name.codes]).astype(np.int32)
        return Found(person, (person == UNMATCHED) & shared[name.codes])

    def _by_name(self, name: Coded, needed: npt.NDArray[np.int32]) -> tuple[PersonIndex, Mask]:
        """For each distinct name (only `needed` ones worked out): its one bearer, and whether
        several people bear it."""
        import pyarrow as pa
        import pyarrow.compute as pc

        keys = name_keys(name.values.take(pa.array(needed)))
        named = pc.not_equal(keys, "").to_numpy(zero_copy_only=False)
        shared = pc.is_in(keys, value_set=self.shared_names).to_numpy(zero_copy_only=False) & named
        bearer = np.where(shared | ~named, UNMATCHED, self.by_name.find(keys))
        person = np.full(len(name.values), UNMATCHED, np.int32)
        person[needed] = bearer
        is_shared = np.zeros(len(name.values), bool)
        is_shared[needed] = shared
        return person, is_shared

    def find_one(self, identity: Identity) -> Found:
        import pyarrow as pa

        def one(text: str) -> Coded:
            return coded(pa.array([text], pa.string()))

        return self.find(one(identity.url), one(identity.email), one(identity.name))

    def match(self, identity: Identity) -> int:
        """The person a record is, or UNMATCHED."""
        return int(self.find_one(identity).person[0])

    def is_ambiguous(self, identity: Identity) -> bool:
        """Whether a record that matched nobody carries a shared name."""
        return bool(self.find_one(identity).shared_name[0])

    def bearers(self, name: str) -> list[int]:
        """Every person whose name is `name` (by name key), in order."""
        import pyarrow.compute as pc

        if not (key := name_key(name)):
            return []
        return np.flatnonzero(pc.equal(self.people.name_keys, key).to_numpy(zero_copy_only=False)).tolist()

    def suggest(self, name: str) -> str | None:
        """The connection name closest to `name`, for a "did you mean" (it may be shared)."""
        return self.suggestions([name])[name]

    def close_names(self, name: str) -> list[str]:
        """The connection names closest to `name` (all those nearly as close as the closest),
        closest first: a "did you mean" that names every bearer of each never points at just
        one of several people, nor at a neighbour when the name meant is shared."""
        return [self.display[key] for key in close_keys(name, list(self.display), within=CLOSE_SPREAD)]

    def suggestions(self, names: Sequence[str]) -> dict[str, str | None]:
        """`suggest` of each name."""
        keys = list(self.display)
        return {name: self.display[found] if (found := closest_key(name, keys)) is not None else None for name in names}


def directory(people: People) -> Directory:
    import pyarrow.compute as pc

    keys = people.name_keys
    counted = pc.value_counts(keys)
    shared = pc.filter(counted.field("values"), pc.greater(counted.field("counts"), 1))
    pairs = zip(keys.to_pylist(), people.name, strict=True)
    return Directory(
        people=people,
        by_url=KeyIndex.of(people.column("url_key")),
        by_email=KeyIndex.of(email_keys(people.column("email"))),
        by_name=KeyIndex.of(keys),
        shared_names=shared,
        display={k: n.strip() for k, n in reversed(list(pairs)) if k},
    )
