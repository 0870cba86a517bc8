"""How the netaudit process starts and ends: the standard streams made safe, and the few
process-wide tricks that measurably pay. Nothing here knows about networks or reports.

Each trick says what it saves at LinkedIn's cap (30,000 connections, 500,000 messages), measured
with `python benchmarks/tricks.py` (each case with and without the trick, alternately, in fresh
processes, on a 2-core machine shared with other work, so wall times are noisy and CPU times
are the figure to read). A trick that saves under 50 ms and no memory is not kept.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn


def standard_streams() -> None:
    """Started with stdin, stdout or stderr closed (`2>&-`), the next file netaudit opens would
    take that descriptor, and a warning meant for stderr would land in the report file. Hold each
    closed one on /dev/null; a closed stderr then takes what is said to it, and a closed stdout
    stays None in Python, so the report says it cannot be written."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            with contextlib.suppress(OSError):
                held = os.open(os.devnull, os.O_RDWR)
                if held != fd:  # a lower descriptor was closed too and took /dev/null first
                    os.dup2(held, fd)
                    os.close(held)
                if fd == 2:
                    sys.stderr = open(fd, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    # A terminal in Latin-1 or ASCII cannot show every name: a character it lacks is written as
    # `\u00d8` (in JSON, the same character), never a UnicodeEncodeError.
    import codecs

    codecs.register_error("netaudit-escape", json_escape)
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="netaudit-escape")  # type: ignore[union-attr]


def json_escape(error: UnicodeError) -> tuple[str, int]:
    """Characters the output encoding lacks, as JSON's `\\uXXXX` (surrogate pairs above U+FFFF)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    units = error.object[error.start : error.end].encode("utf-16-be", "surrogatepass")
    escaped = "".join(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2))
    return escaped, error.end


def quiet_pipe() -> None:
    """`netaudit … | head` closes the pipe early: stay quiet, like any Unix tool."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class _WithoutPandas:  # a meta path finder (duck-typed: importlib.abc alone costs 20 ms to import)
    def find_spec(self, fullname: str, path: Any, target: Any = None) -> None:
        if fullname == "pandas":
            raise ImportError("the netaudit command does not use pandas")


def no_pandas() -> None:
    """pyarrow probes for pandas whenever it converts Python values, and importing pandas costs
    about 0.2 s. The command line never uses pandas (only the Python API does): the probe finds
    none. Saves 0.18-0.20 CPU-s per run, cold and warm (0.57 s of wall time warm)."""
    if "pandas" not in sys.modules:
        sys.meta_path.insert(0, _WithoutPandas())


def no_cycle_collector() -> None:
    """A run lives about a second and its data are arrays, which make no reference cycles; the
    cycle collector would walk the Python strings of 30,000 people several times. Saves
    0.06-0.10 CPU-s per run."""
    gc.disable()


def allocator_keeps_pages() -> None:
    """pyarrow's allocator (mimalloc) gives pages freed by its threads back to the system after
    10 ms, shorter than one parse of messages.csv; a page taken again costs a fault. It saves no
    time measurably here, but memory: peak 325 -> 271 MiB cold, 239 -> 221 MiB warm (with the
    same 1.62 CPU-s). Read when pyarrow is imported."""
    os.environ.setdefault("MIMALLOC_PURGE_DELAY", "100")


def one_blas_thread() -> None:
    """numpy's OpenBLAS starts a spinning thread per core at import; netaudit does no linear
    algebra. Saves 0.03-0.22 CPU-s per run (the spinning threads' share grows with load)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


#: The tricks `start` applies, by name (benchmarks/tricks.py leaves one out to measure it).
TRICKS: dict[str, Callable[[], None]] = {
    "no_pandas": no_pandas,
    "no_cycle_collector": no_cycle_collector,
    "allocator_keeps_pages": allocator_keeps_pages,
    "one_blas_thread": one_blas_thread,
}
#: Leave without the interpreter's teardown (freeing every array, joining pyarrow's idle
#: threads); everything is written, flushed and closed by then. Saves 0.10 CPU-s per run.
FAST_EXIT = True


def start() -> None:
    standard_streams()
    for trick in TRICKS.values():
        trick()


def exit_status(code: object) -> int:
    """What `sys.exit(code)` exits with: None is 0, an int itself, anything else (a message, which
    the caller has said on stderr) 1."""
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


def leave(status: int) -> NoReturn:
    """End the process with `status` after flushing both streams. A closed or full one can take
    nothing more; it is held on /dev/null, so that the interpreter's own last flush cannot turn
    the status into 120."""
    for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), fd)
    if FAST_EXIT:
        os._exit(status)
    sys.exit(status)
