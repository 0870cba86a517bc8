"""Grouped reductions of attributed touches to people: how many, first and last day, on how
many distinct days, through which channel; numpy over every touch at once, arrays by person."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from netaudit.attribute import Touches

NONE = np.iinfo(np.int32).min  # "no such day"
#: Per person (arrays indexed by person): counts, or day numbers (NONE for no such day), or codes.
Ints = npt.NDArray[np.int32]
Bools = npt.NDArray[np.bool_]
Scores = npt.NDArray[np.float64]
T = TypeVar("T", bound=np.generic)


@dataclass(frozen=True)
class PerPerson:
    """Grouped reductions of some of the touches (`rows`, a mask; None for all) to each of `size` people."""

    size: int
    touches: Touches

    def _rows(self, rows: Bools | None, values: npt.NDArray[T]) -> npt.NDArray[T]:
        return values if rows is None else values[rows]

    def interactions(self, rows: Bools | None) -> Ints:
        t = self.touches
        return np.bincount(self._rows(rows, t.person), weights=self._rows(rows, t.count), minlength=self.size).astype(
            np.int32
        )

    def any(self, rows: Bools | None) -> Bools:
        return np.bincount(self._rows(rows, self.touches.person), minlength=self.size) > 0

    def latest(self, rows: Bools | None) -> Ints:
        """The last day, NONE for nobody."""
        out = np.full(self.size, NONE, np.int32)
        np.maximum.at(out, self._rows(rows, self.touches.person), self._rows(rows, self.touches.day))
        return out

    def earliest(self, rows: Bools | None) -> Ints:
        out = np.full(self.size, np.iinfo(np.int32).max, np.int32)
        np.minimum.at(out, self._rows(rows, self.touches.person), self._rows(rows, self.touches.day))
        return np.where(out == np.iinfo(np.int32).max, NONE, out).astype(np.int32)

    def distinct_days(self, rows: Bools | None) -> Ints:
        """On how many distinct days each was in touch (a hash of the pairs, not a sort)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        person, day = self._rows(rows, self.touches.person), self._rows(rows, self.touches.day)
        pairs = pc.unique(pa.array(person.astype(np.int64) * 2**32 + day)).to_numpy()
        return np.bincount(pairs // 2**32, minlength=self.size).astype(np.int32)

    def deepest(self, rows: Bools | None, depth: Scores) -> Scores:
        """The `depth` (one per channel) of each one's deepest channel, 0 for none."""
        out = np.zeros(self.size)
        np.maximum.at(out, self._rows(rows, self.touches.person), depth[self._rows(rows, self.touches.channel)])
        return out

    def channel_on(self, rows: Bools | None, wanted: Ints) -> Ints:
        """The channel of each one's touch on their `wanted` day (the highest code on a tie), -1 for none."""
        t = self.touches
        person, day, channel = self._rows(rows, t.person), self._rows(rows, t.day), self._rows(rows, t.channel)
        out = np.full(self.size, -1, np.int32)
        hit = (wanted[person] == day) & (day != NONE)
        np.maximum.at(out, person[hit], channel[hit].astype(np.int32))
        return out
