"""Turns what the user points at (a CSV, an export folder, an export zip) into known files."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from netaudit.errors import InputError
from netaudit.ingest.table import DataFile, Layout, locate_header, norm_column
from netaudit.models import SourceKind

#: Refuse archives that would unpack to more than this, or that compress suspiciously well.
MAX_UNPACKED_BYTES = 4 << 30
MAX_RATIO = 200
PROFILE = "profile"


def _has(*names: str) -> Callable[[list[str]], bool]:
    wanted = set(names)
    return lambda cells: wanted.issubset(cells)


#: Files are recognised by their header, never by their name (names drift across years).
SIGNATURES: list[tuple[str, Callable[[list[str]], bool]]] = [
    (SourceKind.CONNECTIONS, _has("firstname", "lastname", "connectedon")),
    (SourceKind.MESSAGES, _has("from", "to", "date", "content")),
    (SourceKind.INVITATIONS, _has("from", "to", "sentat", "direction")),
    (SourceKind.ENDORSEMENTS_RECEIVED, _has("endorserfirstname", "endorserlastname")),
    (SourceKind.ENDORSEMENTS_GIVEN, _has("endorseefirstname", "endorseelastname")),
    (SourceKind.RECOMMENDATIONS_RECEIVED, _has("firstname", "lastname", "text", "creationdate")),
    (PROFILE, _has("firstname", "lastname", "headline")),
    (SourceKind.INTERACTION_LOG, _has("date", "channel")),
]


def _any_signature(cells: list[str]) -> bool:
    return any(test(cells) for _, test in SIGNATURES)


@dataclass
class Found:
    file: DataFile
    layout: Layout


@dataclass
class Export:
    """The recognised files of one export, by kind."""

    files: dict[str, Found] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)  # same kind found twice: the later ones

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


def open_export(path: Path) -> Export:
    """Find every file we understand under `path`; a lone CSV is taken as it is."""
    if not path.exists():
        raise InputError(f"{path}: no such file or folder", "check the path, or run `netaudit demo`")
    if path.is_dir():
        files = [DataFile(str(p), path=p) for p in sorted(path.rglob("*")) if _is_csv(p.name)]
        files = [f for f in files if f.path is not None and f.path.is_file()]
    elif zipfile.is_zipfile(path):
        files = _zip_members(path)
    elif path.suffix.casefold() == ".zip":
        raise InputError(
            f"{path}: not a readable zip archive (corrupt, truncated or not a zip)",
            "download the export from LinkedIn again, or unzip it and pass the folder",
        )
    else:
        files = [DataFile(str(path), path=path)]
    export = Export()
    for file in sorted(files, key=_preference):
        if _empty(file):
            if len(files) == 1:
                raise InputError(f"{file.display}: the file is empty", "export it again from LinkedIn")
            continue
        found = classify(file)
        if found is None:
            continue
        kind, layout = found
        if kind in export.files:
            export.extra.append(file.display)
        else:
            export.files[kind] = Found(file, layout)
    return export


_COPY = re.compile(r" \(\d+\)")


def _preference(file: DataFile) -> tuple[bool, int, str]:
    """When a file is there twice, read the original: not a `… (1)` copy, the shallowest, by name."""
    display = file.display.replace("\\", "/")
    return (bool(_COPY.search(display)), display.count("/"), display)


def _is_csv(name: str) -> bool:
    return name.casefold().endswith((".csv", ".tsv", ".txt"))


def _empty(file: DataFile) -> bool:
    return not file.head(4096).strip(b"\x00\r\n\t ,;\xef\xbb\xbf")


def _zip_members(path: Path) -> list[DataFile]:
    try:
        archive = zipfile.ZipFile(path)
        infos = [i for i in archive.infolist() if not i.is_dir() and _is_csv(i.filename)]
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
        return files
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise InputError(
            f"{path}: the zip archive cannot be read ({exc})",
            "download the export from LinkedIn again, or unzip it and pass the folder",
        ) from None
