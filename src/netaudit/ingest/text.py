"""How a file's bytes become the UTF-8 text pyarrow parses: the encoding, stray bytes of another
one, and rows too long to be real. Each repair keeps every line where it was, so a row is still
located by its physical line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netaudit.errors import InputError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

BOM = b"\xef\xbb\xbf"
#: No LinkedIn row comes near this; pyarrow parses in blocks of 2 MiB and a row must fit in one.
MAX_ROW_BYTES = 1 << 20


def is_binary(head: bytes) -> bool:
    if not head:
        return False
    controls = sum(1 for b in head[:4096] if b < 9 or 13 < b < 32)
    return controls > len(head[:4096]) * 0.05 or b"\x00" in head[:4096]


def encoding(head: bytes) -> str:
    """`utf-16` (with a BOM), `utf-16-le`/`utf-16-be` (without one), `cp1252` (invalid UTF-8 in
    the head: Excel) or `utf-8`; a binary file is refused."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(head) >= 4 and head[1] == 0 and head[3] == 0 and head[0] != 0 and head[2] != 0:
        return "utf-16-le"
    if len(head) >= 4 and head[0] == 0 and head[2] == 0 and head[1] != 0 and head[3] != 0:
        return "utf-16-be"
    if is_binary(head):
        raise InputError(
            "the file is binary, not a CSV text file",
            "pass the Connections.csv or the export .zip LinkedIn gave you",
        )
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the end of the head is still UTF-8
        if exc.start < len(head) - 4:
            return "cp1252"
    return "utf-8"


def decode(data: bytes, codec: str) -> str:
    return data.decode(codec, errors="replace")


@dataclass
class Repaired:
    """A file's text as UTF-8, and the lines (1-based, in the file) that had to be mended."""

    text: bytes
    lines: list[tuple[int, str]] = field(default_factory=list)


def to_utf8(data: bytes, chunk: int = 16 << 20) -> Repaired:
    """A file that is not all UTF-8. When it holds valid UTF-8 beyond ASCII, it is a UTF-8 file
    with stray bytes: everything valid stays as it is, only the stray bytes are read as
    Windows-1252, and each line that had one is reported. Otherwise the whole file is
    Windows-1252 (Excel's), read as such. Worked in pieces of whole lines, so a large file never
    sits in memory as one Python string (up to 4 bytes a character)."""
    pieces = list(_pieces(data, chunk))
    # a stray byte b decodes as U+DC00 + b; anything else beyond ASCII is valid UTF-8
    if not any(_VALID_BEYOND_ASCII.search(data[a:b].decode("utf-8", "surrogateescape")) for a, b in pieces):
        return Repaired(decode(data, "cp1252").encode("utf-8"))
    out: list[bytes] = []
    lines: list[int] = []
    line = 1
    for a, b in pieces:
        text = data[a:b].decode("utf-8", errors="surrogateescape")
        at = 0
        for stray in _STRAY.finditer(text):
            line, at = line + text.count("\n", at, stray.start()), stray.start()
            if not lines or lines[-1] != line:
                lines.append(line)
        line += text.count("\n", at)
        out.append(_STRAY.sub(_cp1252, text).encode("utf-8"))
    reason = "bytes that are not UTF-8: read as Windows-1252 on this line, check its names"
    return Repaired(b"".join(out), [(n, reason) for n in lines])


def _pieces(data: bytes, size: int) -> Iterator[tuple[int, int]]:
    """Spans of about `size` bytes that end after a line break (or at the end)."""
    start = 0
    while start < len(data):
        stop = data.find(b"\n", min(start + size, len(data)))
        stop = len(data) if stop < 0 else stop + 1
        yield start, stop
        start = stop


def _cp1252(stray: re.Match[str]) -> str:
    return decode(bytes(ord(c) - 0xDC00 for c in stray.group()), "cp1252")


_STRAY = re.compile("[\udc80-\udcff]+")
_VALID_BEYOND_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def drop_long_rows(body: bytes, limit: int = MAX_ROW_BYTES) -> Repaired:
    """Rows (records, quoted line breaks included) longer than `limit` become blank lines, each
    reported by the line where it starts: one such row costs itself only."""
    import numpy as np

    ends = [np.flatnonzero(nl) + at for at, nl in _record_ends(body)]
    stops = np.concatenate([*ends, np.array([len(body)])])
    starts = np.concatenate([[0], stops[:-1] + 1])
    out: list[bytes] = []
    skipped: list[tuple[int, str]] = []
    at = 0
    for start, stop in zip(*(x[stops - starts > limit].tolist() for x in (starts, stops)), strict=True):
        out += [body[at:start], b"\n" * body.count(b"\n", start, stop)]
        skipped.append((body.count(b"\n", 0, start) + 1, _too_long(stop - start, limit)))
        at = stop
    return Repaired(b"".join([*out, body[at:]]), skipped)


def _record_ends(body: bytes, chunk: int = 16 << 20) -> Iterator[tuple[int, npt.NDArray[np.bool_]]]:
    """Per chunk of the body, where its line breaks outside quotes are (a numpy mask): quotes
    counted in bytes (mod 256: only their parity matters), so a 50 MB field costs no Python loop."""
    import numpy as np

    inside = 0
    for at in range(0, len(body), chunk):
        part = np.frombuffer(body, np.uint8, count=min(chunk, len(body) - at), offset=at)
        quotes = np.cumsum(part == 34, dtype=np.uint8)
        yield at, (part == 10) & (((quotes + inside) & 1) == 0)
        inside = (inside + int(quotes[-1])) & 1


def _too_long(size: int, limit: int) -> str:
    return (
        f"a row of {size / (1 << 20):,.1f} MiB, longer than any LinkedIn row ({limit >> 20} MiB): not read; "
        "if it is real, shorten its longest field in a copy of the file"
    )
