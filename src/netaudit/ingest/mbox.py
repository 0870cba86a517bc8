"""Finds the messages of an mbox stream and hands on each one's header block, never its body.

Not the standard library's `mailbox` module: that one reads every message whole (about 4x slower
on a Takeout file, and it decodes bodies). Here the file is read in large chunks and only searched
(`bytes.find`, in C) for the next separator; a body is dropped with the chunk it is in.

A separator is a line starting with `From ` at the start of the file or after a blank line, that
carries a plausible date (`From sender Mon Jan  1 10:00:00 2024`, the zone optional): a body line
"From here on..." after a blank line has no such date, and stays in the body. LF and CRLF line
ends are both read, even mixed in one file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

#: How much is read at once: large enough that `find` runs in C most of the time.
CHUNK = 4 * 1024 * 1024
#: A header block longer than this is cut here (a message without a blank line after its headers).
MAX_HEADER = 256 * 1024
FROM_DATE = re.compile(
    rb"From \S*\s+(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s+)?"
    rb"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\s+(?P<day>\d{1,2})\s+"
    rb"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s+(?:(?P<zone>[+-]\d{4}|[A-Z]{1,5})\s+)?(?P<year>\d{4})"
)
#: Bytes read so far, and the size of the whole input (0 when unknown).
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class RawMessage:
    """One message as found: where it starts (byte offset, 1-based line), its `From ` line and
    its header block (bytes, undecoded), and whether the input ended inside its headers."""

    offset: int
    line: int
    from_line: bytes
    headers: bytes
    truncated: bool = False


def is_separator(line: bytes) -> bool:
    """A `From ` line with a plausible date (the line without its end)."""
    return FROM_DATE.match(line) is not None


def looks_like_mbox(head: bytes) -> bool:
    """The start of an mbox file: a separator on its first line."""
    return is_separator(head.split(b"\n", 1)[0].rstrip(b"\r"))


class _Buffer:
    """A window on the stream: `data` starts at byte `start` of the input, on line `line_at(0)`."""

    def __init__(self, stream: IO[bytes], total: int, progress: Progress | None) -> None:
        self.stream, self.total, self.progress = stream, total, progress
        self.data = b""
        self.start = 0
        self.read = 0
        self.eof = False
        self._counted, self._line = 0, 1  # lines before position `_counted` of `data`

    def more(self) -> bool:
        if self.eof:
            return False
        chunk = self.stream.read(CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.data += chunk
        self.read += len(chunk)
        if self.progress is not None:
            self.progress(self.read, self.total)
        return True

    def line_at(self, pos: int) -> int:
        self._line += self.data.count(b"\n", self._counted, pos)
        self._counted = pos
        return self._line

    def drop(self, pos: int) -> None:
        """Forget everything before `pos` (a body, never decoded)."""
        self.line_at(pos)
        self.data = self.data[pos:]
        self.start += pos
        self._counted = 0


def scan(stream: IO[bytes], total: int = 0, progress: Progress | None = None) -> Iterator[RawMessage]:
    """Every message of an mbox stream, in order; a stream that does not start with a separator
    yields nothing (the caller recognised it as mbox by its first line)."""
    buf = _Buffer(stream, total, progress)
    while b"\n" not in buf.data[:4096] and len(buf.data) < 4096 and buf.more():
        pass  # the first line whole (small chunks in tests)
    if not looks_like_mbox(buf.data[:4096]):
        return
    pos = 0
    while True:
        crlf, end = _header_end(buf, pos)
        line = buf.line_at(pos)
        eol = buf.data.find(b"\n", pos, end)
        eol = end if eol < 0 else eol
        from_line = buf.data[pos:eol].rstrip(b"\r")
        yield RawMessage(buf.start + pos, line, from_line, buf.data[eol + 1 : end], truncated=crlf is None)
        nxt = _next_separator(buf, end)
        if nxt < 0:
            return
        buf.drop(nxt)
        pos = 0


def _header_end(buf: _Buffer, pos: int) -> tuple[bool | None, int]:
    """Where the header block of the message at `pos` ends (at its blank line), and whether that
    is a CRLF blank line; (None, end of input) when the input ends inside the headers."""
    while True:
        data = buf.data
        eol = data.find(b"\n", pos)
        crlf = eol > 0 and data[eol - 1 : eol] == b"\r"
        first, other = (b"\n\r\n", b"\n\n") if crlf else (b"\n\n", b"\n\r\n")
        limit = min(len(data), pos + MAX_HEADER)
        at = data.find(first, pos, limit)
        alt = data.find(other, pos, at if at >= 0 else limit)
        if alt >= 0:
            at, crlf = alt, not crlf
        if at >= 0:
            return crlf, at + 1
        if limit == pos + MAX_HEADER:  # no blank line: the headers are cut, the body follows
            return crlf, limit
        if not buf.more():
            return None, len(buf.data)


def _next_separator(buf: _Buffer, pos: int) -> int:
    """The start of the next message after `pos`, or -1 at the end of the input; the body in
    between is dropped chunk by chunk as it is passed."""
    search = pos
    while True:
        data = buf.data
        at = data.find(b"\nFrom ", search)
        while at >= 0:
            start = at + 1
            eol = data.find(b"\n", start, start + 1024)
            if eol < 0 and not buf.eof and len(data) - start < 1024:
                break  # the line goes on in the next chunk: look at it again with that one
            line = data[start : eol if eol >= 0 else start + 1024].rstrip(b"\r")
            if _blank_before(data, at) and is_separator(line):
                return start
            at = data.find(b"\nFrom ", start)
        if buf.eof:
            return -1
        buf.drop(max(len(data) - 1100, 0))  # keep what a separator straddling two chunks needs
        search = 0
        buf.more()


def _blank_before(data: bytes, at: int) -> bool:
    """Whether the line end at `at` closes a blank line (LF or CRLF)."""
    return data[at - 1 : at] == b"\n" or data[at - 2 : at] == b"\n\r"
