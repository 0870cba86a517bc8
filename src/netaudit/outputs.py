"""Writing the report to `--output FILE` the way coreutils would: never hurting the user's files.

A device, a FIFO or a socket is opened and written (`/dev/null` stays a device, even for root). A
symbolic link is written through: the file it names is replaced, the link stays. A regular file is
replaced whole (a temporary file beside it, then a rename) and keeps its mode and owner; one with
other hard links, or in a folder where no temporary file can be made, is rewritten in place. A read-only
file is refused, as a shell's `>` would refuse it. A file the run reads is refused before anything
is read.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from netaudit.errors import InputError

#: The suffixes of the files netaudit reads inside an export folder (see ingest.sources).
READ_SUFFIXES = (".csv", ".tsv", ".txt")


def refuse_inputs(output: str | None, inputs: Iterable[Path], export: Path | None, cache: Path) -> None:
    """Refuse an `--output` that is one of `inputs` (by identity: two spellings, links and hard
    links are the same file), a CSV file inside the `export` folder, or a file in netaudit's
    `cache` folder."""
    if output is None or output == "-":
        return
    target = Path(output)
    try:
        if not stat.S_ISREG(target.stat().st_mode):
            return  # a device or a FIFO is written through, never replaced
        real = target.resolve()
    except OSError:
        return  # a new file is nobody's input
    for path in inputs:
        same = False
        with contextlib.suppress(OSError):
            same = path.is_file() and path.samefile(target)
        if same:
            raise InputError(
                f"--output {output} is {path}, which this run reads; netaudit never overwrites its inputs",
                "choose another --output file",
            )
    folders = [(cache, "is netaudit's cache")]
    if export is not None and export.is_dir():
        folders.append((export, "is the export this run reads"))
    for folder, what in folders:
        inside = folder.exists() and folder.resolve() in real.parents
        if inside and (folder == cache or real.suffix.casefold() in READ_SUFFIXES):
            raise InputError(
                f"--output {output} is a file inside {folder}, which {what}", "choose an --output outside that folder"
            )


def write(text: str, output: str) -> None:
    """Write `text` (UTF-8) to `output` as described in the module docstring."""
    target = Path(output)
    try:
        found: os.stat_result | None = target.stat()  # through a link: what it names
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise _cannot(output, exc) from None
    try:
        if found is not None and stat.S_ISDIR(found.st_mode):
            raise InputError(f"cannot write {output}: it is a folder", "give a file name to --output")
        if found is not None and not stat.S_ISREG(found.st_mode):
            _in_place(target, text)  # a device, a FIFO: open and write, like `>`
            return
        real = target.resolve() if target.is_symlink() else target  # replace what the link names
        if found is not None:
            if not (found.st_mode & 0o222) or not os.access(real, os.W_OK):
                raise InputError(
                    f"cannot write {output}: the file is read-only; netaudit does not replace it",
                    "choose another --output, or make the file writable first (chmod u+w)",
                )
            if found.st_nlink > 1 or not os.access(real.parent, os.W_OK | os.X_OK):
                # keep the other names of the file pointing at the new report; or, in a folder
                # we may not add to (a file of ours in someone else's folder), write as `>` would
                _in_place(real, text)
                return
        _replace(real, text, found)
    except OSError as exc:
        raise _cannot(output, exc) from None


def _in_place(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def _replace(path: Path, text: str, old: os.stat_result | None) -> None:
    """A temporary file beside `path`, renamed over it once complete."""
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=".netaudit-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        if old is not None:
            Path(tmp).chmod(stat.S_IMODE(old.st_mode))
            with contextlib.suppress(OSError):  # only root may give a file away; others own theirs
                os.chown(tmp, old.st_uid, old.st_gid)
        else:
            umask = os.umask(0)
            os.umask(umask)
            Path(tmp).chmod(0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cannot(output: str, exc: OSError) -> InputError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return InputError(
            f"cannot write {output}: no space left on the device", "free some disk space, or choose another --output"
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return InputError(f"cannot write {output}: permission denied", "choose a writable --output path")
    return InputError(f"cannot write {output} ({exc.strerror or exc})", "choose a writable --output path")
