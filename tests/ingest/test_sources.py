"""What users point netaudit at: a CSV, a folder, a zip; and what it refuses, with a hint."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from netaudit.errors import InputError
from netaudit.generate import PREAMBLE
from netaudit.ingest.read import read_inputs
from netaudit.ledger import SourceKind
from tests.helpers import CONNECTIONS_2023, ME, MESSAGES_2024, Msg, csv_text, person, url

CONNECTIONS = PREAMBLE + csv_text(CONNECTIONS_2023, [person("Ada", "Example", "ada"), person("Bo", "Sample", "bo")])
MESSAGES = csv_text(
    MESSAGES_2024,
    [
        Msg.row("2-a", ("Ada Example", url("ada")), [ME], "2026-11-01 10:00:00 UTC"),
        Msg.row("2-b", ("Bo Sample", url("bo")), [ME], "2026-11-01 10:00:00 UTC"),
    ],
)
REACTIONS = "Date,Type,Link\n2026-01-01 10:00:00,LIKE,https://www.linkedin.com/feed/update/urn:li:activity:1\n"


def kinds(path: Path) -> list[str]:
    return [s.kind.value for s in read_inputs(path, []).sources]


def make_zip(path: Path, members: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_folder_files_are_found_by_header_whatever_their_name(tmp_path: Path) -> None:
    folder = tmp_path / "Basic_LinkedInDataExport_01-31-2026"
    folder.mkdir()
    (folder / "connections.CSV").write_text(CONNECTIONS)
    (folder / "Messages.csv").write_text(MESSAGES)
    (folder / "Reactions.csv").write_text(REACTIONS)  # names posts, not people: ignored
    assert kinds(folder) == ["connections", "messages"]


@pytest.mark.parametrize("prefix", ["", "Complete_LinkedInDataExport_01-31-2026/", "export (1)/"])
def test_zip_at_root_or_inside_a_wrapper_folder(tmp_path: Path, prefix: str) -> None:
    archive = make_zip(
        tmp_path / "Complete_LinkedInDataExport_01-31-2026.zip",
        {
            f"{prefix}Connections.csv": CONNECTIONS,
            f"{prefix}messages.csv": MESSAGES,
            f"{prefix}Jobs/Job Applications.csv": "a,b\n1,2",
        },
    )
    inputs = read_inputs(archive, [])
    assert [s.kind for s in inputs.sources] == [SourceKind.CONNECTIONS, SourceKind.MESSAGES]
    assert inputs.sources[0].path.endswith(f"{prefix}Connections.csv")
    assert len(inputs.network.people) == 2


def test_basic_archive_without_messages_still_reads(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "Basic_LinkedInDataExport_01-31-2026.zip", {"Connections.csv": CONNECTIONS})
    assert kinds(archive) == ["connections"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "nope.csv", "no such file or folder"),
        (lambda p: _bytes(p / "empty.csv", b""), "the file is empty"),
        (lambda p: _bytes(p / "garbage.csv", bytes(range(256)) * 40), "binary"),
        (lambda p: _bytes(p / "fake.zip", b"this is not a zip at all"), "not a readable zip"),
        (lambda p: _truncated_zip(p), "zip"),
        (lambda p: make_zip(p / "x.zip", {"notes.txt": "hello"}), "no Connections.csv found inside"),
        (lambda p: _folder(p, {"messages.csv": MESSAGES}), "no Connections.csv found inside"),
        (lambda p: _bytes(p / "m.csv", MESSAGES.encode()), "messages file, not Connections.csv"),
        (lambda p: _bytes(p / "other.csv", b"a,b,c\n1,2,3\n"), "not a LinkedIn Connections.csv"),
    ],
    ids=[
        "missing",
        "empty",
        "binary",
        "not-a-zip",
        "truncated-zip",
        "zip-without-connections",
        "folder-without-connections",
        "messages-as-connections",
        "unknown-csv",
    ],
)
def test_unreadable_inputs_raise_one_clear_error(tmp_path: Path, make: Callable[[Path], Path], message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        read_inputs(make(tmp_path), [])
    assert info.value.hint


def test_encrypted_member_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "enc.zip", {"Connections.csv": CONNECTIONS})
    data = bytearray(path.read_bytes())
    # set the "encrypted" flag bit in the local and central headers
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + offset] |= 1
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="encrypted"):
        read_inputs(path, [])


def test_corrupt_member_data_is_an_input_error(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "bad.zip", {"Connections.csv": CONNECTIONS * 20})
    data = bytearray(path.read_bytes())
    start = data.find(b"Connections.csv") + len("Connections.csv")
    for i in range(start + 40, start + 200):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="cannot be unpacked"):
        read_inputs(path, [])


def test_inputs_are_only_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"Connections.csv": CONNECTIONS, "messages.csv": MESSAGES})
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    read_inputs(folder, [])
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()} == before
    assert sorted(p.name for p in folder.iterdir()) == ["Connections.csv", "messages.csv"]


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _folder(root: Path, files: dict[str, str]) -> Path:
    folder = root / "export"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def _truncated_zip(root: Path) -> Path:
    path = make_zip(root / "cut.zip", {"Connections.csv": CONNECTIONS * 50})
    path.write_bytes(path.read_bytes()[:300])
    return path


def test_header_only_files_are_empty_not_errors(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"Connections.csv": CONNECTIONS, "messages.csv": MESSAGES.splitlines()[0]})
    inputs = read_inputs(folder, [])
    assert [(s.kind.value, s.rows) for s in inputs.sources] == [("connections", 2), ("messages", 0)]
    only_header = tmp_path / "Connections.csv"
    only_header.write_text(PREAMBLE + CONNECTIONS.splitlines()[3] + "\r\n")
    assert read_inputs(only_header, []).network.size == 0


def test_the_original_wins_over_a_copy(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "export.zip", {
        "Basic_LinkedInDataExport_01-31-2026 (1)/Connections.csv": csv_text(CONNECTIONS_2023, [person("Copy", "Only", "copy")]),
        "Basic_LinkedInDataExport_01-31-2026/Connections.csv": CONNECTIONS,
    })  # fmt: skip
    inputs = read_inputs(archive, [])
    assert [p.name for p in inputs.network.people] == ["Ada Example", "Bo Sample"]
    (copy,) = inputs.not_read
    assert copy.path.endswith("(1)/Connections.csv")
    assert copy.why.startswith("another connections file") and "`(1)` copy" in copy.why
