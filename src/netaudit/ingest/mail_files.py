"""Which mail a path given with `-i` holds, recognised by content: an mbox file (Takeout's "All mail
Including Spam and Trash.mbox", Thunderbird's), an Apple Mail `.mbox` folder (an mbox file inside),
a folder of `.eml` files, a zip holding any of them, or one `.eml` file. Yields each message's
header block with where it is; bodies are never read into memory beyond one chunk."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from netaudit.ingest import mbox
from netaudit.ingest.mbox import Progress, RawMessage

HEAD = 64 * 1024
HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
MESSAGE_FIELDS = re.compile(rb"^(?:from|date|message-id|received|return-path)[ \t]*:", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Found:
    """A message's header block, and the file it is in (as the report names it)."""

    where: str
    raw: RawMessage


def looks_like_message(head: bytes) -> bool:
    """The start of one e-mail message (`.eml`): header fields first, From or Date among them."""
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    return HEADER_LINE.match(block) is not None and len(MESSAGE_FIELDS.findall(block)) >= 2


def kind_of(head: bytes) -> str | None:
    """ "mbox", "eml" or None, from a file's first bytes."""
    if mbox.looks_like_mbox(head):
        return "mbox"
    return "eml" if looks_like_message(head) else None


def recognise(path: Path) -> bool:
    """Whether the path holds mail (checked on the first bytes of its files only)."""
    try:
        if path.is_dir():
            return any(True for _ in _mail_in_folder(path))
        if not path.is_file():  # a pipe or a device is never opened here (it could block)
            return False
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                return any(True for _ in _mail_in_zip(archive))
        with path.open("rb") as handle:
            return kind_of(handle.read(HEAD)) is not None
    except (OSError, zipfile.BadZipFile):
        return False


def total_size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p, _ in _mail_in_folder(path))
    return path.stat().st_size


def messages(path: Path, progress: Progress | None = None) -> Iterator[Found]:
    """Every message of the mail at `path`, in order (files by name)."""
    total = total_size(path)
    done = 0

    def moved(read: int, _: int) -> None:
        if progress is not None:
            progress(done + read, total)

    if path.is_dir():
        for file, kind in _mail_in_folder(path):
            with file.open("rb") as handle:
                yield from _of(str(file), kind, handle, moved)
            done += file.stat().st_size
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info, kind in _mail_in_zip(archive):
                with archive.open(info) as member:
                    yield from _of(f"{path}:{info.filename}", kind, member, moved)
                done += info.compress_size
    else:
        with path.open("rb") as handle:
            head = handle.read(HEAD)
            handle.seek(0)
            yield from _of(str(path), kind_of(head) or "", handle, moved)


def _of(where: str, kind: str, handle: IO[bytes], progress: Progress) -> Iterator[Found]:
    if kind == "mbox":
        for raw in mbox.scan(handle, 0, progress):
            yield Found(where, raw)
    elif kind == "eml":
        yield Found(where, _eml(handle))


def _eml(handle: IO[bytes]) -> RawMessage:
    """The header block of one message file (up to its first blank line)."""
    head = handle.read(mbox.MAX_HEADER)
    match = re.search(rb"\n\r?\n", head)
    end = match.start() + 1 if match else len(head)
    return RawMessage(0, 1, b"", head[:end])


def _mail_in_folder(folder: Path) -> Iterator[tuple[Path, str]]:
    for file in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):  # regular files only
        try:
            with file.open("rb") as handle:
                kind = kind_of(handle.read(4096))
        except OSError:
            continue
        if kind is not None:
            yield file, kind


def _mail_in_zip(archive: zipfile.ZipFile) -> Iterator[tuple[zipfile.ZipInfo, str]]:
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        if info.is_dir():
            continue
        with archive.open(info) as handle:
            kind = kind_of(handle.read(4096))
        if kind is not None:
            yield info, kind
