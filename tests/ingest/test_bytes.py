"""One bad thing spoils only itself, and is found where it is (issue 13, items 6 and 7): physical
lines after quoted line breaks, stray bytes of another encoding, UTF-16 without a BOM, a row of
50 MB and a header of 100,000 columns."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from netaudit.generate import PREAMBLE
from netaudit.ingest.read import read_inputs
from netaudit.ingest.text import drop_long_rows, encoding
from netaudit.ledger import SourceKind
from tests.helpers import CONNECTIONS_2023, ME, MESSAGES_2024, Msg, audit, csv_text, person, url

Writer = Callable[..., Path]
HEADER = ",".join(CONNECTIONS_2023)


def connections(path: Path):  # type: ignore[no-untyped-def]
    inputs = read_inputs(path, [])
    return inputs.network, inputs.sources[0]


# item 6: every skip at the physical line where its record starts
def test_a_bad_row_after_a_multiline_field_is_located_by_its_line(write: Writer) -> None:
    text = (
        f"{HEADER}\n"
        'Ada,Ex,https://www.linkedin.com/in/ada,,C,"line one\nline two\nline three",08 Feb 2026\n'  # lines 2-4
        "bad,row\n"  # line 5
        "Bo,Ex,https://www.linkedin.com/in/bo,,C,P,08 Feb 2026\n\n\n"  # line 6, blank lines 7 and 8
        "only,two\n"  # line 9
        'Cy,Ex,https://www.linkedin.com/in/cy,,C,"a\r\nb",32 Foo 2020\n'  # lines 10-11: a bad date, a warning
    )
    network, summary = connections(write("Connections.csv", text))
    assert [p.name for p in network.people] == ["Ada Ex", "Bo Ex", "Cy Ex"]
    assert [(s.line, s.reason) for s in summary.skips] == [
        (5, "expected 7 fields, found 2"),
        (9, "expected 7 fields, found 2"),
    ]
    assert [w.line for w in summary.warnings] == [10]


def test_a_bad_message_after_multiline_content_is_located_by_its_line(export: Callable[..., Path]) -> None:
    ada = ("Ada Example", url("ada"))
    rows = [
        Msg.row("2-a", ada, [ME], "2026-11-01 10:00:00 UTC", content="one\ntwo\nthree"),  # lines 2-4
        Msg.row("2-a", ada, [ME], "someday", content="x"),  # line 5
    ]
    folder = export([person("Ada", "Example", "ada")], rows)
    (folder / "messages.csv").write_text(
        (folder / "messages.csv").read_text() + '\n"short","row"\n' + csv_text(MESSAGES_2024, [rows[1]]).split("\n")[1]
    )  # line 6 too short; line 7 another bad date
    (messages,) = [s for s in audit(folder, me=ME[1]).report.sources if s.kind is SourceKind.MESSAGES]
    assert [(s.line, s.reason) for s in messages.skips] == [
        (5, "unreadable date 'someday'"),
        (6, "expected 12 fields, found 2"),
        (7, "unreadable date 'someday'"),
    ]


# item 7: one bad thing spoils only itself
@pytest.mark.parametrize("where", [3, 4000], ids=["in-the-head", "deep"])
def test_a_stray_windows_1252_byte_spoils_only_its_line(write: Writer, where: int) -> None:
    rows = [f"Zoë{i},Müller,https://www.linkedin.com/in/z{i},,Café,P,08 Feb 2026" for i in range(5000)]
    data = "\n".join([HEADER, *rows]).encode("utf-8").split(b"\n")
    data[where] = data[where].replace("Müller".encode(), b"M\xfcller")  # one Windows-1252 ü
    network, summary = connections(write("Connections.csv", b"\n".join(data)))
    names = [p.name for p in network.people]
    assert len(names) == 5000 and names.count(f"Zoë{where - 1} Müller") == 1  # that line read as Windows-1252
    assert all(n.endswith(" Müller") and "Ã" not in n for n in names)  # no mojibake anywhere else
    assert [(w.line, w.reason.split(":")[0]) for w in summary.warnings] == [(where + 1, "bytes that are not UTF-8")]


def test_a_windows_1252_file_is_read_as_such_without_a_warning_per_line(write: Writer) -> None:
    text = "\n".join([HEADER, *(f"Zoë{i},Müller,,,Café,P,08 Feb 2026" for i in range(50))])
    network, summary = connections(write("Connections.csv", text.encode("cp1252")))
    assert {p.name for p in network.people} == {f"Zoë{i} Müller" for i in range(50)}
    assert summary.warnings == []


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_text_in_either_byte_order(write: Writer, codec: str) -> None:
    text = f"{HEADER}\nAda,Ëx,https://www.linkedin.com/in/ada,,C,P,08 Feb 2026\n"
    assert encoding(text.encode(codec)) == codec
    network, _ = connections(write("Connections.csv", text, encoding=codec))
    assert [p.name for p in network.people] == ["Ada Ëx"]


@pytest.mark.parametrize("field", ["x" * (50 << 20), "x\n" * (25 << 20)], ids=["one-line", "many-lines"])
def test_a_row_of_50_mb_costs_that_row_only(cli: Callable[..., object], write: Writer, field: str) -> None:
    text = (
        f"{PREAMBLE}{HEADER}\n"
        "Bo,Ex,https://www.linkedin.com/in/bo,,C,P,08 Feb 2026\n"  # line 5
        f'Ada,Ex,https://www.linkedin.com/in/ada,,C,"{field}",08 Feb 2026\n'  # line 6
        "Cy,Ex,https://www.linkedin.com/in/cy,,C,P,08 Feb 2026"
    )
    path = write("Connections.csv", text)
    network, summary = connections(path)
    assert [p.name for p in network.people] == ["Bo Ex", "Cy Ex"]
    (skip,) = summary.skips
    assert skip.line == 6 and skip.reason.startswith("a row of 50.0 MiB") and "shorten" in skip.reason
    result = cli("analyze", path, "-f", "json")
    assert result.exit_code == 0 and "straddling" not in result.stderr + result.stdout  # type: ignore[attr-defined]


def test_long_rows_become_blank_lines_so_every_other_line_stays() -> None:
    body = b'a,b\n"x\ny\nz",' + b"q" * 40 + b'\nc,"d\n"\n'
    repaired = drop_long_rows(body, limit=30)
    assert repaired.text == b'a,b\n\n\n\nc,"d\n"\n'
    assert [line for line, _ in repaired.lines] == [2]


def test_a_header_of_100000_columns_is_read_like_any_other(write: Writer) -> None:
    columns = [f"Extra {i}" for i in range(100_000)]
    columns[5], columns[6], columns[99_990] = "First Name", "Last Name", "Connected On"

    def row(first: str) -> str:
        cells = [""] * 100_000
        cells[5], cells[6], cells[99_990] = first, "Ex", "08 Feb 2026"
        return ",".join(cells)

    network, summary = connections(write("Connections.csv", "\n".join([",".join(columns), row("Ada"), row("Bo")])))
    assert [p.name for p in network.people] == ["Ada Ex", "Bo Ex"] and summary.skipped == 0


@pytest.mark.parametrize("chunk", [7, 100, 16 << 20])
def test_stray_bytes_are_mended_the_same_in_pieces_of_any_size(chunk: int) -> None:
    from netaudit.ingest.text import to_utf8

    lines = [f"Zoë{i},Müller".encode() for i in range(1000)]
    lines[10], lines[500] = b"x\xfcy", b"\xe9\xe9,\xe9"
    repaired = to_utf8(b"\n".join(lines), chunk)
    assert [n for n, _ in repaired.lines] == [11, 501]
    mended = repaired.text.decode("utf-8").split("\n")
    assert mended[10] == "xüy" and mended[500] == "éé,é" and mended[11] == "Zoë11,Müller" and len(mended) == 1000


def test_repairs_keep_every_line_where_it_was_whatever_the_bytes() -> None:
    """Fixed-seed fuzzing: whatever the bytes, the mended text is UTF-8 with the same lines."""
    import random

    from netaudit.ingest.text import to_utf8

    rng = random.Random(13)
    alphabet = [b"a", b",", b'"', b"\n", b"\r", "ë".encode(), b"\xe9", b"\xff", b"\x80", "田".encode()[:2]]
    for _ in range(300):
        data = b"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        mended = to_utf8(data, chunk=rng.randint(1, 50))
        assert mended.text.decode("utf-8").count("\n") == data.count(b"\n")
        assert all(1 <= line <= data.count(b"\n") + 1 for line, _ in mended.lines)
        dropped = drop_long_rows(data, limit=rng.randint(1, 60))
        assert dropped.text.count(b"\n") == data.count(b"\n")
        assert len(dropped.text) <= len(data)
