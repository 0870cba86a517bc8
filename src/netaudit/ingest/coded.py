"""A column as integer codes into its distinct values: text work once per value, rows as numpy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from netaudit.ingest.table import Table

if TYPE_CHECKING:
    import pyarrow as pa

#: Per row, an index into some array of distinct values (a code).
Codes = npt.NDArray[np.int32]
#: Per row, whether something holds.
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Coded:
    """A column as integer codes into its distinct values."""

    codes: Codes  # per row: index into `values`
    values: pa.StringArray  # each distinct value once

    def lower_is(self, *wanted: str) -> Mask:
        """Rows whose trimmed, lower-cased value is one of `wanted`."""
        import pyarrow as pa
        import pyarrow.compute as pc

        lower = pc.utf8_lower(pc.utf8_trim_whitespace(self.values))
        hit = pc.is_in(lower, value_set=pa.array(wanted, pa.string())).to_numpy(zero_copy_only=False)
        return np.asarray(hit[self.codes], bool)

    def dictionary_array(self, rows: Mask | npt.NDArray[np.intp]) -> pa.DictionaryArray:
        """The values of those rows, dictionary-encoded."""
        import pyarrow as pa

        return pa.DictionaryArray.from_arrays(pa.array(self.codes[rows], pa.int32()), self.values)


def coded(array: pa.Array | pa.ChunkedArray) -> Coded:
    """Any string column (dictionary-encoded or not, in chunks or not) as codes."""
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


def blank(rows: int) -> Coded:
    """A column of `rows` empty strings."""
    import pyarrow as pa

    return Coded(np.zeros(rows, np.int32), pa.array([""], pa.string()))


def column(table: Table, name: str) -> Coded:
    """A column of the table as codes; a column the file does not have is blank."""
    return coded(table.column(name)) if table.has(name) else blank(table.num_rows)


def empty_strings(rows: int) -> pa.DictionaryArray:
    """`rows` empty strings, dictionary-encoded (a name or URL a row does not have)."""
    import pyarrow as pa

    return pa.DictionaryArray.from_arrays(pa.array(np.zeros(rows, np.int32)), pa.array([""], pa.string()))
