"""Turns what the user points at (a CSV, an export folder, an export zip) into known files, and
accounts for every other file that was there."""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from netaudit.errors import InputError
from netaudit.ingest.table import DataFile, Layout, locate_header, norm_column
from netaudit.ledger import NotRead, SourceKind

#: Refuse archives that would unpack to more than this, or that compress suspiciously well.
MAX_UNPACKED_BYTES = 4 << 30
MAX_RATIO = 200
PROFILE = "profile"
FOLLOWERS = "followers"


def _has(*names: str, without: tuple[str, ...] = ()) -> Callable[[list[str]], bool]:
    wanted = set(names)
    return lambda cells: wanted.issubset(cells) and not set(without) & set(cells)


def _profile(cells: list[str]) -> bool:
    """Profile.csv: names and a headline, and one of its own columns (Followers.csv has a URL)."""
    own = {"maidenname", "summary", "birthdate", "geolocation", "zipcode", "address"}
    return {"firstname", "lastname", "headline"}.issubset(cells) and bool(own & set(cells))


#: Files are recognised by their header, never by their name (names drift across years).
SIGNATURES: list[tuple[str, Callable[[list[str]], bool]]] = [
    (SourceKind.CONNECTIONS, _has("firstname", "lastname", "connectedon")),
    (SourceKind.MESSAGES, _has("from", "to", "date", "content")),
    (SourceKind.INVITATIONS, _has("from", "to", "sentat", "direction")),
    (SourceKind.ENDORSEMENTS_RECEIVED, _has("endorserfirstname", "endorserlastname")),
    (SourceKind.ENDORSEMENTS_GIVEN, _has("endorseefirstname", "endorseelastname")),
    (SourceKind.RECOMMENDATIONS_RECEIVED, _has("firstname", "lastname", "text", "creationdate")),
    (PROFILE, _profile),
    (FOLLOWERS, _has("firstname", "lastname", "headline", "url")),
    (SourceKind.INTERACTION_LOG, _has("date", "channel")),
]
#: The name LinkedIn gives each file today (compared like headers), preferred when a kind is there twice.
CANONICAL = {
    SourceKind.CONNECTIONS: "connections",
    SourceKind.MESSAGES: "messages",
    SourceKind.INVITATIONS: "invitations",
    SourceKind.ENDORSEMENTS_RECEIVED: "endorsementreceivedinfo",
    SourceKind.ENDORSEMENTS_GIVEN: "endorsementgiveninfo",
    SourceKind.RECOMMENDATIONS_RECEIVED: "recommendationsreceived",
    SourceKind.RECOMMENDATIONS_GIVEN: "recommendationsgiven",
    PROFILE: "profile",
}
#: Without these a report would be false, so a file of this name that cannot be read is an error.
ESSENTIAL = {"connections", "messages"}
#: Conversations with LinkedIn's assistants (guide_messages.csv, LearningCoachMessages.csv, ...):
#: the same header as messages.csv, but nobody in them is a person.
ASSISTANT = re.compile(r"(guide|coach|roleplay|assistant)messages")
ASSISTANT_WHY = "LinkedIn assistant conversations (not with people): ignored"
ABOUT_POSTS = {"reactions", "comments", "shares", "votes", "articles", "savedarticles", "notes"}
WHY = {FOLLOWERS: "people who follow you, not your connections: not read"}
LOG_HINT = "if it is your own log of calls and coffees, pass it with --interactions"


def _any_signature(cells: list[str]) -> bool:
    return any(test(cells) for _, test in SIGNATURES)


@dataclass
class Found:
    file: DataFile
    layout: Layout


@dataclass
class Export:
    """The recognised files of one export, by kind, and every file that was not read, with why."""

    files: dict[str, Found] = field(default_factory=dict)
    logs: list[Found] = field(default_factory=list)  # interaction logs kept inside the export
    not_read: list[NotRead] = field(default_factory=list)

    def get(self, kind: str) -> Found | None:
        return self.files.get(kind)


def classify(file: DataFile) -> tuple[str, Layout] | None:
    layout = locate_header(file, _any_signature)
    if layout is None:
        return None
    cells = [norm_column(c) for c in layout.columns]
    kind = next(k for k, test in SIGNATURES if test(cells))
    if kind == SourceKind.RECOMMENDATIONS_RECEIVED and "given" in file.name.casefold():
        kind = SourceKind.RECOMMENDATIONS_GIVEN
    return kind, layout


def stem(name: str) -> str:
    """A file name compared like a header: `Learning_Coach Messages.csv` is `learningcoachmessages`."""
    return norm_column(name.rsplit(".", 1)[0]).replace("-", "")


def regular_file(path: Path, flag: str = "") -> None:
    """Refuse at once what is not a regular file (a pipe would hang, /dev/zero never ends)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", f"check the path{f' given to {flag}' if flag else ''}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})", "check the path and its permissions") from None
    what = special(mode)
    if what is None and stat.S_ISDIR(mode) and flag:
        what = "a folder"
    if what is not None:
        raise InputError(
            f"{path}: this is {what}, not a file",
            "save the data to a file first (e.g. `cat … > data.csv`) and pass that file"
            if what != "a folder"
            else f"pass the file itself to {flag}",
        )


def special(mode: int) -> str | None:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


def open_export(path: Path) -> Export:
    """Find every file we understand under `path`; a lone CSV is taken as it is."""
    if not os.path.lexists(path) or (path.is_symlink() and not path.exists()):
        raise InputError(f"{path}: no such file or folder", "check the path, or run `netaudit demo`")
    export = Export()
    if path.is_dir():
        files = _folder_files(path, export)
    else:
        regular_file(path)
        if zipfile.is_zipfile(path):
            files = _zip_members(path, export)
        elif path.suffix.casefold() == ".zip":
            raise InputError(
                f"{path}: not a readable zip archive (corrupt, truncated or not a zip)",
                "download the export from LinkedIn again, or unzip it and pass the folder",
            )
        else:
            file = DataFile(str(path), path=path)
            if _empty(file):
                raise InputError(f"{file.display}: the file is empty", "export it again from LinkedIn")
            found = classify(file)
            if found is not None:
                export.files[found[0]] = Found(file, found[1])
            return export
    _sort(files, export)
    return export


def _sort(files: list[DataFile], export: Export) -> None:
    """Each file to its kind; the rest, and the second file of a kind, to `not_read` with why."""
    by_kind: dict[str, list[Found]] = {}
    for file in files:
        name = stem(_COPY.sub("", file.name))
        if ASSISTANT.search(name):
            export.not_read.append(NotRead(path=file.display, why=ASSISTANT_WHY))
            continue
        try:
            if _empty(file):
                if name == "connections":
                    raise InputError(f"{file.display}: the file is empty", "export it again from LinkedIn")
                export.not_read.append(NotRead(path=file.display, why="empty: not read"))
                continue
            found = classify(file)
        except InputError as exc:
            if name in ESSENTIAL:
                raise
            export.not_read.append(NotRead(path=file.display, why=f"{exc.message.removeprefix(file.display + ': ')}"))
            continue
        if found is None:
            why = "names posts, not people: not read" if name.rstrip("0123456789") in ABOUT_POSTS else None
            export.not_read.append(NotRead(path=file.display, why=why or f"not a file netaudit knows; {LOG_HINT}"))
        elif found[0] == SourceKind.INTERACTION_LOG:
            export.logs.append(Found(file, found[1]))
        else:
            by_kind.setdefault(found[0], []).append(Found(file, found[1]))
    for kind, candidates in by_kind.items():
        chosen, *others = sorted(candidates, key=lambda f: _preference(kind, f.file))
        export.files[kind] = chosen
        if kind in WHY:
            export.not_read.append(NotRead(path=chosen.file.display, why=WHY[kind]))
        for other in others:
            export.not_read.append(NotRead(path=other.file.display, why=_why_not(kind, chosen.file, other.file)))
    export.not_read.sort(key=lambda n: n.path)


_COPY = re.compile(r" ?\(\d+\)(?=\.[^.]*$|$)")


_COPY_IN = re.compile(r" \(\d+\)")


def _canonical(kind: str, file: DataFile) -> bool:
    return stem(file.name) == CANONICAL.get(kind)


def _preference(kind: str, file: DataFile) -> tuple[bool, bool, int, int, str]:
    """When a kind is there twice, read the file with LinkedIn's own name (`messages.csv`, not
    `messages (1).csv` nor `export (1)/messages.csv`), then the larger, the shallowest, by name."""
    display = file.display.replace("\\", "/")
    return (not _canonical(kind, file), bool(_COPY_IN.search(display)), -file.size, display.count("/"), display)


def _why_not(kind: str, chosen: DataFile, other: DataFile) -> str:
    if _canonical(kind, chosen) and not _canonical(kind, other):
        because = "its name is the one LinkedIn gives"
    elif _COPY_IN.search(other.display) and not _COPY_IN.search(chosen.display):
        because = "the other is a `(1)` copy"
    else:
        because = "it is the larger" if chosen.size != other.size else "it comes first"
    label = kind.replace("_", " ")
    return f"another {label} file ({other.size:,} bytes): {chosen.name} ({chosen.size:,} bytes) was read, as {because}"


def _is_csv(name: str) -> bool:
    return name.casefold().endswith((".csv", ".tsv", ".txt"))


def _empty(file: DataFile) -> bool:
    return not file.head(4096).strip(b"\x00\r\n\t ,;\xef\xbb\xbf")


def _folder_files(path: Path, export: Export) -> list[DataFile]:
    files = []
    other: dict[str, list[str]] = {}
    for p in sorted(path.rglob("*")):
        try:
            mode = p.stat().st_mode
        except OSError:
            mode = 0  # a link to nowhere
        if stat.S_ISDIR(mode):
            continue
        what = special(mode)
        if what is not None:
            export.not_read.append(NotRead(path=str(p), why=f"{what}, not a file: not read"))
        elif stat.S_ISREG(mode) and _is_csv(p.name):
            files.append(DataFile(str(p), path=p))
        else:
            other.setdefault(str(p.parent), []).append(str(p))
    _not_csv(str(path), other, export)
    return files


def _not_csv(root: str, other: dict[str, list[str]], export: Export) -> None:
    """Files that are no CSV: one line per folder of them (`Rich Media/`), or per loose file."""
    for parent, names in other.items():
        if parent == root or len(names) == 1:
            for name in names:
                why = "not a CSV file: not read"
                if name.casefold().endswith((".json", ".jsonl")):
                    why += f"; {LOG_HINT}"
                export.not_read.append(NotRead(path=name, why=why))
        else:
            export.not_read.append(NotRead(path=parent + "/", why=f"{len(names):,} files that are no CSV: not read"))


def _zip_members(path: Path, export: Export) -> list[DataFile]:
    try:
        archive = zipfile.ZipFile(path)
        everything = [i for i in archive.infolist() if not i.is_dir()]
        infos = [i for i in everything if _is_csv(i.filename)]
        if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
            raise InputError(
                f"{path}: the archive unpacks to more than {MAX_UNPACKED_BYTES >> 30} GiB",
                "this is not a LinkedIn export; unzip it yourself and pass Connections.csv",
            )
        files = []
        for info in sorted(infos, key=lambda i: i.filename):
            if info.flag_bits & 0x1:
                raise InputError(
                    f"{path}: {info.filename} is encrypted",
                    "unzip the archive with its password and pass the folder",
                )
            if info.file_size > 10 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise InputError(
                    f"{path}: {info.filename} compresses {MAX_RATIO}x or better (a zip bomb?)",
                    "unzip it yourself if you trust it, and pass the folder",
                )
            files.append(DataFile(f"{path}:{info.filename}", member=(archive, info)))
        other: dict[str, list[str]] = {}
        for info in everything:
            if not _is_csv(info.filename):
                folder = info.filename.rpartition("/")[0]
                parent = f"{path}:{folder}" if folder else str(path)
                other.setdefault(parent, []).append(f"{path}:{info.filename}")
        _not_csv(str(path), other, export)
        return files
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise InputError(
            f"{path}: the zip archive cannot be read ({exc})",
            "download the export from LinkedIn again, or unzip it and pass the folder",
        ) from None
