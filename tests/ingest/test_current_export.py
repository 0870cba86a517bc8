"""Exports as LinkedIn ships them today: the right file of each kind, every other file accounted
for, and only regular files read (issue 13, items 1, 2 and 8)."""

from __future__ import annotations

import json
import os
import socket
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netaudit.errors import ExitStatus, InputError
from netaudit.generate import PREAMBLE
from netaudit.ingest.read import read_inputs
from netaudit.ingest.sources import ASSISTANT_WHY
from netaudit.ledger import SourceKind
from tests.helpers import CONNECTIONS_2023, ME, MESSAGES_2024, Msg, csv_text, person, url

CONNECTIONS = PREAMBLE + csv_text(CONNECTIONS_2023, [person("Ada", "Example", "ada"), person("Bo", "Sample", "bo")])
MESSAGES = csv_text(
    MESSAGES_2024,
    [
        Msg.row("2-a", ("Ada Example", url("ada")), [ME], "2026-11-01 10:00:00 UTC"),
        Msg.row("2-a", ME, [("Ada Example", url("ada"))], "2026-11-02 10:00:00 UTC"),
        Msg.row("2-b", ("Bo Sample", url("bo")), [ME], "2026-11-01 10:00:00 UTC"),
    ],
)
COACH = csv_text(MESSAGES_2024, [Msg.row("2-c", ME, [("LinkedIn Coach", "")], "2026-11-03 10:00:00 UTC")])
ASSISTANTS = {
    "guide_messages.csv": csv_text(MESSAGES_2024, []),
    "coach_messages.csv": COACH,
    "learning_coach_messages.csv": COACH,
    "learning_role_play_messages.csv": csv_text(MESSAGES_2024, []),
    "LearningCoachMessages.csv": "No conversations found",
}
OTHERS = {
    "Reactions.csv": "Date,Type,Link\n2026-01-01 10:00:00,LIKE,https://www.linkedin.com/feed/update/1\n",
    "Followers.csv": "First Name,Last Name,URL,Headline,Industry,Location\nCy,Fan,https://www.linkedin.com/in/cy,Fan,IT,X",
    "Profile.csv": "First Name,Last Name,Maiden Name,Headline,Summary\nMo,Owner,,Builder,",
    "my_coffees.csv": "when,who\n2026-10-01,Ada Example\n",
    "Rich Media/photo1.jpg": "\xff\xd8 not really a photo",
    "Rich Media/photo2.jpg": "\xff\xd8 not really a photo",
    "Articles/Articles/post.html": "<html></html>",
    "my_log.jsonl": '{"date": "2026-11-01", "name": "Ada Example", "channel": "call"}',
}
LOG = "date,name,channel,direction\n2026-11-10,Bo Sample,coffee,\n"


def current_export() -> dict[str, str]:
    """A current export: the messages beside every assistant file, and a re-download's copy."""
    return {
        "Connections.csv": CONNECTIONS,
        **ASSISTANTS,  # sorted by name, the assistant files come before messages.csv
        "messages.csv": MESSAGES,
        "messages (1).csv": MESSAGES + "\n" + MESSAGES.splitlines()[1],  # the larger, not LinkedIn's name
        **OTHERS,
        "interactions.csv": LOG,
    }


def lay_out(tmp_path: Path, files: dict[str, str], as_zip: bool) -> Path:
    if as_zip:
        path = tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(name, text)
        return path
    folder = tmp_path / "Complete_LinkedInDataExport_11-20-2026"
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def why(inputs: Any) -> dict[str, str]:
    return {n.path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] or n.path: n.why for n in inputs.not_read}


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_assistant_files_are_never_the_messages(tmp_path: Path, as_zip: bool) -> None:
    inputs = read_inputs(lay_out(tmp_path, current_export(), as_zip), [])
    kinds = [s.kind for s in inputs.sources]
    assert kinds == [SourceKind.CONNECTIONS, SourceKind.MESSAGES, SourceKind.INTERACTION_LOG]
    messages = inputs.sources[1]
    assert messages.path.endswith("messages.csv") and "(1)" not in messages.path
    assert messages.used == 3
    reasons = why(inputs)
    for name in ASSISTANTS:
        assert reasons[name] == ASSISTANT_WHY
    assert "messages.csv" in reasons["messages (1).csv"] and "the one LinkedIn gives" in reasons["messages (1).csv"]


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_every_file_present_is_listed_with_why(tmp_path: Path, as_zip: bool) -> None:
    inputs = read_inputs(lay_out(tmp_path, current_export(), as_zip), [])
    reasons = why(inputs)
    assert reasons["Reactions.csv"] == "names posts, not people: not read"
    assert reasons["Followers.csv"].startswith("people who follow you")
    assert "--interactions" in reasons["my_coffees.csv"]
    assert reasons["post.html"] == "not a CSV file: not read"
    assert reasons["my_log.jsonl"].endswith("pass it with --interactions")
    rich = [n for n in inputs.not_read if n.path.rstrip("/").endswith("Rich Media")]
    assert [n.why for n in rich] == ["2 files that are no CSV: not read"]
    # the log inside the export was recognised by its header and read
    log = inputs.sources[2]
    assert log.path.endswith("interactions.csv") and log.used == 1


def test_followers_is_never_taken_for_the_profile(tmp_path: Path) -> None:
    files = current_export()
    del files["Profile.csv"]
    inputs = read_inputs(lay_out(tmp_path, files, False), [])
    assert why(inputs)["Followers.csv"].startswith("people who follow you")
    assert inputs.owner_found_by == "most conversations"  # not "Profile.csv and ..." from Cy Fan


def test_a_log_given_with_i_and_inside_the_export_is_read_once(tmp_path: Path) -> None:
    folder = lay_out(tmp_path, current_export(), False)
    inputs = read_inputs(folder, [folder / "interactions.csv"])
    assert [s.kind for s in inputs.sources].count(SourceKind.INTERACTION_LOG) == 1


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_a_current_export_end_to_end(cli: Callable[..., Any], tmp_path: Path, as_zip: bool) -> None:
    path = lay_out(tmp_path, current_export(), as_zip)
    result = cli("analyze", path, "--as-of", "2026-11-20", "-f", "json")
    assert result.exit_code == ExitStatus.OK, result.stderr
    report = json.loads(result.stdout)
    assert report["relationships"]["two_way"] == 2  # Ada by messages, Bo by message and the coffee
    assert report["sources"][1]["path"].endswith("messages.csv")
    listed = {n["why"] for n in report["not_read"]}
    assert ASSISTANT_WHY in listed
    table = cli("analyze", path, "--as-of", "2026-11-20")
    assert "Not read:" in table.stdout and "LearningCoachMessages.csv" in table.stdout
    markdown = cli("analyze", path, "--as-of", "2026-11-20", "-f", "markdown").stdout
    assert "### Not read" in markdown and "guide" in markdown
    assert "<h3>Not read</h3>" in cli("analyze", path, "--as-of", "2026-11-20", "-f", "html").stdout


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_a_binary_file_in_the_export_is_named_and_the_rest_is_read(tmp_path: Path, as_zip: bool) -> None:
    binary = bytes(range(256)) * 40
    files = {"Connections.csv": CONNECTIONS, "messages.csv": MESSAGES, "Invitations.csv": binary.decode("latin-1")}
    path = lay_out(tmp_path, files, as_zip)
    if not as_zip:
        (path / "Invitations.csv").write_bytes(binary)
    inputs = read_inputs(path, [])
    assert [s.kind for s in inputs.sources] == [SourceKind.CONNECTIONS, SourceKind.MESSAGES]
    assert "binary" in why(inputs)["Invitations.csv"]


def test_an_empty_file_is_listed_but_an_empty_connections_csv_is_an_error(tmp_path: Path) -> None:
    folder = lay_out(tmp_path, {"Connections.csv": CONNECTIONS, "Invitations.csv": ""}, False)
    assert why(read_inputs(folder, []))["Invitations.csv"] == "empty: not read"
    (folder / "Connections.csv").write_text("")
    with pytest.raises(InputError, match=r"Connections\.csv: the file is empty"):
        read_inputs(folder, [])


def test_a_binary_messages_csv_is_an_error_naming_it(tmp_path: Path) -> None:
    folder = lay_out(tmp_path, {"Connections.csv": CONNECTIONS}, False)
    (folder / "messages.csv").write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError, match=r"messages\.csv: the file is binary"):
        read_inputs(folder, [])


def test_the_generated_export_shows_todays_files(tmp_path: Path) -> None:
    from netaudit.generate import ASSISTANT_FILES, generate
    from tests.helpers import audit

    folder = generate(tmp_path / "export", connections=300)
    assert {p.name for p in folder.iterdir()} >= set(ASSISTANT_FILES)
    result = audit(folder)
    assert sorted(n.path.rsplit("/", 1)[-1] for n in result.report.not_read) == sorted(ASSISTANT_FILES)
    connections = result.report.sources[0]
    assert connections.skipped == 0 and connections.warnings == []  # the German date was read
    assert any(" Okt " in line or " Mär " in line or " Mai " in line or " Dez " in line
               for line in (folder / "Connections.csv").read_text().splitlines())  # fmt: skip
    assert result.report.sources[-1].kind is SourceKind.INTERACTION_LOG  # the log inside the folder was read
    import csv
    from datetime import date

    from tests.helpers import touches_by_name

    rows = csv.reader((folder / "messages.csv").read_text(encoding="utf-8").splitlines(keepends=True))
    group = [r for r in rows if r[1] == "Offsite 2022"]
    assert len(group) == 2 and all(r[5] == "" for r in group)  # no recipient URLs
    got = touches_by_name(result)
    members = [n for n in got if (date(2022, 3, 15), "out", "message", 1) in got[n]]
    assert ", ".join(sorted(members)) == ", ".join(sorted(m for m in got if m in group[0][4]))
    assert len(members) == 3 and any("," in m for m in members)  # the owner's reply, once for each, a name with a comma


def _unreadable_as_nobody(folder: Path, name: str) -> tuple[int, str]:
    """Run the CLI in a forked child that has dropped root (root reads any file whatever its mode)."""
    (folder / name).chmod(0o000)
    folder.chmod(0o755)
    folder.parent.chmod(0o755)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child reports through the pipe)
        code, text = 99, ""
        try:
            os.close(read)
            os.setgid(65534)
            os.setuid(65534)
            import tempfile

            from typer.testing import CliRunner

            from netaudit.cli import app

            home = tempfile.mkdtemp()  # the child's own, so nothing else here needs its permissions
            os.chdir(home)  # not the checkout, which may sit in a folder only root may enter
            result = CliRunner().invoke(
                app, ["analyze", str(folder), "--state-dir", str(home), "--as-of", "2026-11-20"]
            )
            code, text = result.exit_code, result.stderr
        finally:
            os.write(write, f"{code}\n{text}".encode())
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as handle:
        out = handle.read()
    os.waitpid(pid, 0)
    code, _, text = out.partition("\n")
    return int(code), text


@pytest.mark.skipif(not hasattr(os, "fork") or os.geteuid() != 0, reason="needs root to drop privileges to nobody")
def test_a_file_we_may_not_read_is_a_clear_error_naming_it() -> None:
    import shutil
    import tempfile

    public = Path(tempfile.mkdtemp())  # under /tmp, which nobody can enter (pytest's tmp_path is private)
    try:
        folder = lay_out(public, {"Connections.csv": CONNECTIONS, "messages.csv": MESSAGES}, False)
        code, text = _unreadable_as_nobody(folder, "messages.csv")
    finally:
        shutil.rmtree(public)
    assert code == ExitStatus.USAGE_OR_INPUT_ERROR, text
    assert "messages.csv: cannot be read (Permission denied)" in text and "hint:" in text


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    os.mkfifo(path)
    return path


def _socket(tmp_path: Path) -> Path:
    path = tmp_path / "s.csv"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))  # the socket file stays after the socket is closed
    return path


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (_fifo, "a pipe (FIFO)"),
        (lambda _: Path("/dev/zero"), "a device"),
        (_socket, "a socket"),
    ],
    ids=["fifo", "dev-zero", "socket"],
)
@pytest.mark.parametrize("flag", ["", "-i"])
def test_only_regular_files_are_read(
    cli: Callable[..., Any], tmp_path: Path, make: Callable[[Path], Path], what: str, flag: str
) -> None:
    path = make(tmp_path)
    args = (
        ["analyze", lay_out(tmp_path, {"Connections.csv": CONNECTIONS}, False), "-i", path]
        if flag
        else ["analyze", path]
    )
    result = cli(*args)
    assert result.exit_code == ExitStatus.USAGE_OR_INPUT_ERROR
    assert f"this is {what}, not a file" in result.stderr and "hint:" in result.stderr


def test_dev_stdin_from_a_terminal_or_pipe_is_refused(cli: Callable[..., Any]) -> None:
    read, write = os.pipe()
    try:
        result = cli("analyze", f"/dev/fd/{read}")
    finally:
        os.close(read)
        os.close(write)
    assert result.exit_code == ExitStatus.USAGE_OR_INPUT_ERROR and "a pipe (FIFO)" in result.stderr


def test_a_folder_given_with_i_is_named_as_a_folder(cli: Callable[..., Any], tmp_path: Path) -> None:
    folder = lay_out(tmp_path, {"Connections.csv": CONNECTIONS}, False)
    result = cli("analyze", folder, "-i", tmp_path)
    assert result.exit_code == ExitStatus.USAGE_OR_INPUT_ERROR and "this is a folder, not a file" in result.stderr


def test_a_fifo_inside_an_export_folder_is_listed_not_opened(tmp_path: Path) -> None:
    folder = lay_out(tmp_path, {"Connections.csv": CONNECTIONS}, False)
    os.mkfifo(folder / "messages.csv")
    inputs = read_inputs(folder, [])  # would hang if it were opened
    assert why(inputs)["messages.csv"] == "a pipe (FIFO), not a file: not read"


@pytest.mark.skipif(
    not Path("/dev/stdin").exists() or Path("/dev/stdin").is_file(), reason="stdin is a regular file here"
)
def test_dev_stdin_itself_is_refused_unless_it_is_a_file(cli: Callable[..., Any]) -> None:
    result = cli("analyze", "/dev/stdin")
    assert result.exit_code == ExitStatus.USAGE_OR_INPUT_ERROR
    assert "/dev/stdin: this is a" in result.stderr and ", not a file" in result.stderr


def test_many_files_of_one_reason_are_one_line_of_the_table(cli: Callable[..., Any], tmp_path: Path) -> None:
    comments = {f"Comments_{i:03d}.csv": "Date,Link,Message\n2026-01-01,https://x,hi\n" for i in range(15)}
    folder = lay_out(tmp_path, {"Connections.csv": CONNECTIONS, **comments}, False)
    result = cli("analyze", folder, "--as-of", "2026-11-20", "-f", "json")
    assert len(json.loads(result.stdout)["not_read"]) == 15  # JSON names every file
    table = " ".join(cli("analyze", folder, "--as-of", "2026-11-20").stdout.split())
    assert "Comments_000.csv, Comments_001.csv" in table and "Comments_010.csv" not in table
    assert "and 5 more: names posts, not people: not read" in table
