"""Progress of a long read (a large mailbox) on stderr: bytes read, rate and time left, on one
line redrawn in place, and only when stderr is a terminal (never in a pipe, a log or CI)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

#: Below this, a read is over before a line would help.
MIN_BYTES = 64 * 1024 * 1024
#: At most this many redraws a second.
EVERY = 0.25


def for_stderr(stream: TextIO | None = None) -> Callable[[int, int], None] | None:
    """A progress callback drawing on `stream` (stderr), or None when it is not a terminal."""
    out = stream if stream is not None else sys.stderr
    if out is None or not out.isatty():
        return None
    return Progress(out)


class Progress:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if total < MIN_BYTES or (now - self.last < EVERY and done < total):
            return
        self.last = now
        rate = done / max(now - self.started, 1e-6)
        left = (total - done) / rate if rate > 0 else 0.0
        mib = 2**20
        line = f"reading mail: {done / mib:,.0f} of {total / mib:,.0f} MiB, {rate / mib:,.0f} MiB/s, {left:,.0f} s left"
        end = "\n" if done >= total else ""
        self.out.write(f"\r{line}\x1b[K{end}")
        self.out.flush()
