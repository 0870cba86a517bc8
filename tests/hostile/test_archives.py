"""Archives made to hurt: bombs, escaping names, links, nesting, encryption, truncation."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from netaudit.errors import InputError
from netaudit.generate import PREAMBLE
from netaudit.ingest.read import read_inputs
from tests.helpers import CONNECTIONS_2023, csv_text, person

CONNECTIONS = PREAMBLE + csv_text(CONNECTIONS_2023, [person("Ada", "Example", "ada")])


def zip_with(path: Path, members: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


def test_a_zip_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = zip_with(tmp_path / "bomb.zip", {"Connections.csv": CONNECTIONS, "messages.csv": b"0" * (60 << 20)})
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(InputError, match="zip bomb"):
        read_inputs(bomb, [])


def test_a_member_longer_than_it_declares_is_refused_as_corrupt(tmp_path: Path) -> None:
    """The declared size is what the bomb checks trust: the data past it are never read, and the
    member fails its CRC check (an error with a hint, not a traceback, not a short read)."""
    path = zip_with(tmp_path / "liar.zip", {"Connections.csv": CONNECTIONS}, zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")  # uncompressed size: 10 bytes
    local = data.find(b"PK\x03\x04")
    data[local + 22 : local + 26] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"Connections\.csv: cannot be unpacked \(Bad CRC-32") as caught:
        read_inputs(path, [])
    assert "download the export from LinkedIn again" in caught.value.hint


@pytest.mark.parametrize(
    "name", ["../../escaped/Connections.csv", "/etc/netaudit/Connections.csv", "a/../../Connections.csv"]
)
def test_member_names_never_become_paths(tmp_path: Path, name: str) -> None:
    archive = zip_with(tmp_path / "names.zip", {name: CONNECTIONS})
    before = files_under(tmp_path.parent)
    inputs = read_inputs(archive, [])
    assert [p.name for p in inputs.network.people] == ["Ada Example"]
    assert files_under(tmp_path.parent) == before  # nothing was written anywhere


def test_symlink_members_are_data_not_links(tmp_path: Path) -> None:
    archive = tmp_path / "links.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Connections.csv", CONNECTIONS)
        link = zipfile.ZipInfo("messages.csv")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, "/etc/passwd")
    inputs = read_inputs(archive, [])
    assert [s.kind.value for s in inputs.sources] == ["connections"]  # the "link" is a 11-byte text, not read


def test_nested_zips_are_not_opened(tmp_path: Path) -> None:
    inner = zip_with(tmp_path / "inner.zip", {"Connections.csv": CONNECTIONS})
    outer = zip_with(tmp_path / "outer.zip", {"inner.zip": inner.read_bytes()})
    with pytest.raises(InputError, match=r"no Connections\.csv found inside"):
        read_inputs(outer, [])


def test_symlink_loops_in_a_folder_end(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_text(CONNECTIONS)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    assert len(read_inputs(folder, []).network.people) == 1
