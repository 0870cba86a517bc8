"""`netaudit log` appends in the existing log's own format (encoding, delimiter, line ending,
columns), or refuses and leaves the file as it was; every append is read back by `analyze` as the
same person. A file that is not an interaction log is never appended to, whoever names it."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import CONNECTIONS_2023, audit, csv_text, person, touches_by_name
from tests.hostile.nobody import NOBODY, is_root, run_as_nobody, shared_folder

PEOPLE = [
    person("Ada", "Example", "ada"),
    person("Zoë", "Müller", "zoe"),
    person("Łukasz", "Nowak", "lukasz"),
    person("Bo", "Sample", "bo-1"),
    person("Bo", "Sample", "bo-2"),
]
HEADER = "date,name,profile_url,email,channel,direction,note"


@pytest.fixture
def connections(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text(csv_text(CONNECTIONS_2023, PEOPLE))
    return path


@pytest.fixture
def log_to(cli: Any, connections: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "netaudit.toml").write_text('export = "Connections.csv"\n')

    def _log(log: Path, name: str, *args: str) -> Any:
        return cli("log", name, "--file", log, "--date", "2026-11-02", *args)

    return _log


def read_back(cli: Any, connections: Path, log: Path, rows: int) -> dict[str, list[tuple[date, str, str]]]:
    """What `analyze` reads from the log: every row used, none skipped; touches by person."""
    report = json.loads(cli("analyze", connections, "-i", log, "--as-of", "2026-11-20", "-f", "json").stdout)
    source = next(s for s in report["sources"] if s["kind"] == "interaction_log")
    assert (source["rows"], source["skipped"]) == (rows, 0), source
    result = audit(connections, [log])
    return {name: [(d, di, ch) for d, di, ch, _ in t] for name, t in touches_by_name(result).items()}


COFFEE = (date(2026, 11, 2), "mutual", "coffee")


@pytest.mark.parametrize(
    ("encoding", "bom", "newline", "delimiter"),
    [
        ("utf-8", b"", "\n", ","),
        ("utf-8", b"\xef\xbb\xbf", "\r\n", ","),  # Excel's "CSV UTF-8"
        ("cp1252", b"", "\r\n", ";"),  # Excel's CSV in a European locale
        ("utf-16-le", b"\xff\xfe", "\r\n", "\t"),  # Excel's "Unicode text"
        ("utf-16-be", b"\xfe\xff", "\n", ","),
    ],
    ids=["utf8", "utf8-bom-crlf", "cp1252-semicolon", "utf16le-tab", "utf16be"],
)
def test_an_append_keeps_the_logs_encoding_delimiter_and_line_ending(
    cli: Any, connections: Path, tmp_path: Path, log_to: Any, encoding: str, bom: bytes, newline: str, delimiter: str
) -> None:
    log = tmp_path / "log.csv"
    lines = [HEADER.replace(",", delimiter), delimiter.join(["2026-10-01", "Zoë Müller", "", "", "call", "", "é"])]
    old = bom + newline.join(lines).encode(encoding)  # no newline after the last row
    log.write_bytes(old)
    result = log_to(log, "Zoë Müller", "-c", "coffee", "--note", 'über; "quoted"')
    assert result.exit_code == 0, result.stderr
    data = log.read_bytes()
    assert data.startswith(old) and data.count(bom or b"\x00\x00\x00") == (1 if bom else 0)
    added = data[len(old) :].decode(encoding)
    assert added.startswith(newline) and added.endswith(newline) and "\r\n" not in added.replace(newline, "")
    assert added.strip().split(delimiter)[:2] == ["2026-11-02", "Zoë Müller"]
    touches = read_back(cli, connections, log, rows=2)
    assert touches["Zoë Müller"] == [(date(2026, 10, 1), "mutual", "call"), COFFEE]


def test_a_windows_1252_log_whose_head_is_plain_ascii_gets_windows_1252(
    cli: Any, connections: Path, tmp_path: Path, log_to: Any
) -> None:
    """The reader takes the whole file as Windows-1252 once one byte is not UTF-8, far past its head."""
    log = tmp_path / "log.csv"
    filler = "".join(f"2026-01-01,Ada Example,,,call,,row {i}\n" for i in range(3000))  # > 64 KiB
    log.write_bytes(f"{HEADER}\n{filler}2026-02-01,Zoë Müller,,,call,,\n".encode("cp1252"))
    assert log_to(log, "Zoë Müller", "-c", "coffee").exit_code == 0
    assert log.read_bytes().endswith(b"2026-11-02,Zo\xeb M\xfcller,https://www.linkedin.com/in/zoe,,coffee,mutual,\n")
    assert read_back(cli, connections, log, rows=3002)["Zoë Müller"][-1] == COFFEE


def test_a_utf8_log_stays_utf8(cli: Any, connections: Path, tmp_path: Path, log_to: Any) -> None:
    log = tmp_path / "log.csv"
    log.write_text(f"{HEADER}\n2026-02-01,Ada Example,,,call,,\n", encoding="utf-8")
    assert log_to(log, "Łukasz Nowak", "-c", "coffee").exit_code == 0
    assert "Łukasz Nowak" in log.read_text(encoding="utf-8")
    assert read_back(cli, connections, log, rows=2)["Łukasz Nowak"] == [COFFEE]


def test_a_name_windows_1252_cannot_hold_is_refused(cli: Any, tmp_path: Path, log_to: Any) -> None:
    log = tmp_path / "log.csv"
    old = f"{HEADER}\n2026-02-01,Zoë Müller,,,call,,\n".encode("cp1252")
    log.write_bytes(old)
    result = log_to(log, "Łukasz Nowak", "-c", "coffee")
    assert result.exit_code == 2 and "Windows-1252" in result.stderr and "UTF-8" in result.stderr
    assert log.read_bytes() == old


def test_the_columns_are_written_in_the_logs_order_and_set(
    cli: Any, connections: Path, tmp_path: Path, log_to: Any
) -> None:
    log = tmp_path / "log.csv"
    log.write_text("Channel,Date,Name,Mood,Note\ncall,2026-10-01,Ada Example,good,\n")
    assert log_to(log, "Ada Example", "-c", "coffee", "--note", "in Lisbon").exit_code == 0
    assert log.read_text().splitlines()[-1] == "coffee,2026-11-02,Ada Example,,in Lisbon"  # no URL column: name
    assert read_back(cli, connections, log, rows=2)["Ada Example"][-1] == COFFEE


@pytest.mark.parametrize(
    ("header", "name", "args", "why"),
    [
        ("date,name,channel", "Ada Example", ["-c", "coffee", "--note", "x"], "no note column"),
        ("date,name,channel", "Ada Example", ["-c", "email", "-d", "out"], "no direction column"),
        ("date,name,channel", "https://www.linkedin.com/in/bo-2", ["-c", "coffee"], "no profile_url column"),
        ("date,profile_url,channel", "Nobody Known", ["-c", "coffee", "--force"], "no name column"),
    ],
    ids=["note", "direction", "url-of-an-ambiguous-name", "forced-name-without-column"],
)
def test_a_value_the_log_has_no_column_for_is_refused(
    tmp_path: Path, log_to: Any, header: str, name: str, args: list[str], why: str
) -> None:
    log = tmp_path / "log.csv"
    old = f"{header}\n".encode()
    log.write_bytes(old + b"2026-01-01,Ada Example,call\n")
    before = log.read_bytes()
    result = log_to(log, name, *args)
    assert result.exit_code == 2, result.stderr
    assert why in result.stderr, result.stderr
    assert log.read_bytes() == before


def test_a_log_without_a_direction_column_takes_a_mutual_coffee(
    cli: Any, connections: Path, tmp_path: Path, log_to: Any
) -> None:
    log = tmp_path / "log.csv"
    log.write_text("date,name,channel\n2026-01-01,Ada Example,call\n")
    assert log_to(log, "Ada Example", "-c", "coffee").exit_code == 0
    assert log.read_text().endswith("2026-11-02,Ada Example,coffee\n")
    assert read_back(cli, connections, log, rows=2)["Ada Example"][-1] == COFFEE


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_log_whose_last_row_leaves_a_quote_open_is_refused(tmp_path: Path, log_to: Any, encoding: str) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes(f'{HEADER}\n2026-01-01,Ada Example,,,call,,"a ""note"" that never ends\n'.encode(encoding))
    before = log.read_bytes()
    result = log_to(log, "Ada Example", "-c", "coffee")
    assert result.exit_code == 2 and "quote" in result.stderr
    assert log.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("log.jsonl", '{"date": "2026-10-01", "name": "Zoë Müller", "channel": "call"}'),
        ("log.json", ""),  # a new .json log is JSON Lines
        ("log.ndjson", '\ufeff{"date": "2026-10-01", "name": "Zoë Müller", "channel": "call"}\r\n'),
        ("log.txt", '{"date": "2026-10-01", "name": "Zoë Müller", "channel": "call"}\n'),  # by content
    ],
    ids=["jsonl-no-final-newline", "new-json", "ndjson-bom-crlf", "jsonl-named-txt"],
)
def test_a_json_lines_log_gets_a_json_line(
    cli: Any, connections: Path, tmp_path: Path, log_to: Any, name: str, content: str
) -> None:
    log = tmp_path / name
    if content:
        log.write_bytes(content.encode("utf-8"))
    assert log_to(log, "Zoë Müller", "-c", "coffee", "--note", 'a "quote"').exit_code == 0
    lines = log.read_bytes().decode("utf-8").lstrip("\ufeff").splitlines()
    assert json.loads(lines[-1]) == {
        "date": "2026-11-02",
        "name": "Zoë Müller",
        "profile_url": "https://www.linkedin.com/in/zoe",
        "channel": "coffee",
        "direction": "mutual",
        "note": 'a "quote"',
    }
    assert read_back(cli, connections, log, rows=2 if content else 1)["Zoë Müller"][-1] == COFFEE


NOT_LOGS = {
    ".bashrc": "export PATH=$HOME/bin:$PATH\nalias ll='ls -l'\n",
    "settings.json": '{\n  "theme": "dark"\n}\n',
    "data.jsonl": '{"id": 1, "text": "an app\'s own JSON Lines"}\n',
    "Connections.csv": csv_text(CONNECTIONS_2023, PEOPLE[:1]),
    "notes.csv": "title,body\nshopping,milk\n",
    "utf16.jsonl": '{"date": "2026-10-01", "name": "Ada Example", "channel": "call"}\n',  # the reader cannot read it
    "photo.csv": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",  # binary
}


@pytest.mark.parametrize("name", sorted(NOT_LOGS))
def test_a_file_that_is_not_an_interaction_log_is_never_appended_to(
    tmp_path: Path, log_to: Any, monkeypatch: pytest.MonkeyPatch, cli: Any, name: str
) -> None:
    victim = tmp_path / "elsewhere" / name
    victim.parent.mkdir()
    victim.write_bytes(NOT_LOGS[name].encode("utf-16" if name.startswith("utf16") else "utf-8"))
    before = victim.read_bytes()
    result = log_to(victim, "Ada Example", "-c", "coffee")
    assert result.exit_code == 2 and "not an interaction log" in result.stderr
    assert victim.read_bytes() == before
    # the same through a config file found in the working directory (a cloned repository)
    (tmp_path / "netaudit.toml").write_text(f'export = "Connections.csv"\nlog = "elsewhere/{name}"\n')
    result = cli("log", "Ada Example", "-c", "coffee")
    assert result.exit_code == 2 and "not an interaction log" in result.stderr
    assert "netaudit.toml" in result.stderr  # says where the target came from
    assert victim.read_bytes() == before


@pytest.mark.parametrize("name", [".profile", "authorized_keys", "cron.d/job"])
def test_a_config_cannot_make_log_create_a_file_that_is_no_log(
    tmp_path: Path, cli: Any, log_to: Any, name: str
) -> None:
    (tmp_path / "cron.d").mkdir()
    (tmp_path / "netaudit.toml").write_text(f'export = "Connections.csv"\nlog = "{name}"\n')
    result = cli("log", "Ada Example", "-c", "coffee")
    assert result.exit_code == 2 and ".csv or .jsonl" in result.stderr
    assert not (tmp_path / name).exists()


def test_a_device_or_a_folder_is_no_log(tmp_path: Path, log_to: Any) -> None:
    for target in (Path("/dev/zero"), tmp_path):
        result = log_to(target, "Ada Example", "-c", "coffee")
        assert result.exit_code == 2 and "not a regular file" in result.stderr


def test_a_log_of_urls_without_names_gets_the_url(cli: Any, connections: Path, tmp_path: Path, log_to: Any) -> None:
    log = tmp_path / "log.csv"
    log.write_text("date,profile_url,channel\n2026-01-01,https://www.linkedin.com/in/bo-2,call\n")
    assert log_to(log, "https://www.linkedin.com/in/bo-2", "-c", "coffee").exit_code == 0
    assert log.read_text().endswith("2026-11-02,https://www.linkedin.com/in/bo-2,coffee\n")
    report = json.loads(cli("analyze", connections, "-i", log, "--as-of", "2026-11-20", "-f", "json").stdout)
    source = next(s for s in report["sources"] if s["kind"] == "interaction_log")
    assert (source["rows"], source["skipped"]) == (2, 0)
    assert report["interactions"]["matched"] == 2


def test_a_read_only_log_is_refused_even_for_root(tmp_path: Path, log_to: Any) -> None:
    log = tmp_path / "log.csv"
    log.write_text(f"{HEADER}\n")
    log.chmod(0o444)
    result = log_to(log, "Ada Example", "-c", "coffee")
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert log.read_text() == f"{HEADER}\n"


@pytest.mark.skipif(not is_root(), reason="needs root to drop privileges to nobody")
def test_a_log_a_normal_user_may_not_write_is_refused_and_kept() -> None:
    with shared_folder() as folder:
        (folder / "Connections.csv").write_text(csv_text(CONNECTIONS_2023, PEOPLE))
        log = folder / "log.csv"
        log.write_text(f"{HEADER}\n2026-01-01,Ada Example,,,call,,\n")
        log.chmod(0o644)  # root's
        before = log.read_bytes()
        state = folder / "state"
        state.mkdir()
        os.chown(state, NOBODY, NOBODY)
        (folder / "netaudit.toml").write_text('export = "Connections.csv"\nlog = "log.csv"\n')
        done = run_as_nobody(["log", "Ada Example", "-c", "coffee"], state, cwd=folder)
        assert done.returncode == 2 and "Permission denied" in done.stderr and "hint:" in done.stderr
        assert log.read_bytes() == before
