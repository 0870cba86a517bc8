"""Connections.csv: one test per fact of the export reference."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from netaudit.errors import InputError
from netaudit.generate import PREAMBLE
from netaudit.ingest.read import read_inputs
from tests.helpers import CONNECTIONS_2018, CONNECTIONS_2023, csv_text, person

Writer = Callable[..., Path]


def read(path: Path):  # type: ignore[no-untyped-def]
    inputs = read_inputs(path, [])
    return inputs.network, inputs.sources[0]


def test_preamble_is_found_by_content_and_nothing_else_is_eaten(write: Writer) -> None:
    rows = [person("Ada", "Example", "ada"), person("Bo", "Sample", "bo"), person("Cy", "Demo", "cy")]
    network, summary = read(write("Connections.csv", PREAMBLE + csv_text(CONNECTIONS_2023, rows)))
    assert [p.name for p in network.people] == ["Ada Example", "Bo Sample", "Cy Demo"]
    assert (summary.rows, summary.used, summary.skipped) == (3, 3, 0)


def test_file_without_preamble_keeps_its_first_two_rows(write: Writer) -> None:
    # a fixed skiprows=3 would eat the header and the first two people
    rows = [person("Ada", "Example", "ada"), person("Bo", "Sample", "bo"), person("Cy", "Demo", "cy")]
    network, _ = read(write("Connections.csv", csv_text(CONNECTIONS_2023, rows)))
    assert len(network.people) == 3


def test_2018_header_without_url_and_its_quoted_us_dates(write: Writer) -> None:
    text = csv_text(CONNECTIONS_2018, [["Ada", "Example", "", "Acme", "CTO", "1/8/18, 6:14 PM"]])
    network, _ = read(write("Connections.csv", text))
    assert '"1/8/18, 6:14 PM"' in text
    assert network.people[0].connected_on == date(2018, 1, 8)
    assert network.people[0].profile_url == ""


def test_columns_are_read_by_name_not_position(write: Writer) -> None:
    header = ["Connected On", "Position", "Company", "Email Address", "URL", "Last Name", "First Name"]
    network, _ = read(write("Connections.csv", csv_text(header, [["08 Feb 2026", "CTO", "Acme", "", "", "Ex", "Ada"]])))
    assert network.people[0].name == "Ada Ex"
    assert network.people[0].company == "Acme"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("08 Feb 2026", date(2026, 2, 8)), ("7-Feb-22", date(2022, 2, 7)), ("23-Nov-21", date(2021, 11, 23))],
)
def test_connected_on_formats(write: Writer, text: str, expected: date) -> None:
    network, _ = read(write("Connections.csv", csv_text(CONNECTIONS_2023, [person("A", "B", "ab", day=text)])))
    assert network.people[0].connected_on == expected


@pytest.mark.parametrize(
    "variant",
    ["bom", "crlf", "semicolon", "cp1252", "notes_padding", "trailing_newline"],
)
def test_excel_resaves_are_accepted(write: Writer, variant: str) -> None:
    rows = [person("José", "Müller", "jose"), person("Bo", "Sample, PhD", "bo")]
    delimiter = ";" if variant == "semicolon" else ","
    text = csv_text(CONNECTIONS_2023, rows, delimiter=delimiter)
    preamble = PREAMBLE.replace("Notes:\n", "Notes:,,\n") if variant == "notes_padding" else PREAMBLE
    text = preamble + text
    if variant == "crlf":
        text = text.replace("\n", "\r\n")
    if variant == "trailing_newline":
        text += "\n"
    data = text.encode("cp1252" if variant == "cp1252" else "utf-8")
    if variant == "bom":
        data = b"\xef\xbb\xbf" + data
    network, summary = read(write("Connections.csv", data))
    assert [p.name for p in network.people] == ["José Müller", "Bo Sample, PhD"]
    assert summary.skipped == 0


def test_minimal_quoting_keeps_commas_and_quotes(write: Writer) -> None:
    rows = [["Bo", "Sample, PhD", "", "", 'Vandelay "Imports", Inc.', "Director, Research", "14 Nov 2019"]]
    network, _ = read(write("Connections.csv", csv_text(CONNECTIONS_2023, rows)))
    bo = network.people[0]
    assert (bo.name, bo.company, bo.position) == ("Bo Sample, PhD", 'Vandelay "Imports", Inc.', "Director, Research")


def test_unicode_emoji_and_stray_spaces_in_names(write: Writer) -> None:
    rows = [
        person("  美咲 ", " 田中", "misaki"),
        person("Sam 🚀", "Ficticio ✨", "sam"),
        person("Αλέξης", "Δοκιμή", "alexis"),
    ]
    network, _ = read(write("Connections.csv", csv_text(CONNECTIONS_2023, rows)))
    assert [p.name for p in network.people] == ["美咲 田中", "Sam 🚀 Ficticio ✨", "Αλέξης Δοκιμή"]


def test_hidden_profiles_count_toward_size_but_are_not_people(write: Writer) -> None:
    rows = [
        person("Ada", "Example", "ada"),
        ["", "", "", "", "", "", "07 Jun 2025"],
        ["", "", "", "", "", "", "01 Jan 2024"],
    ]
    network, summary = read(write("Connections.csv", PREAMBLE + csv_text(CONNECTIONS_2023, rows)))
    assert len(network.people) == 1
    assert network.hidden_connected_on == [date(2025, 6, 7), date(2024, 1, 1)]
    assert network.size == 3
    assert summary.used == 3


def test_the_same_profile_url_twice_is_one_person_and_reported(write: Writer) -> None:
    rows = [
        person("Ada", "Example", "ada-example"),
        person("Bo", "Sample", "bo"),
        ["Ada", "Example", "HTTP://LinkedIn.com/in/Ada-Example/", "", "", "", "01 Jan 2020"],
    ]
    network, summary = read(write("Connections.csv", PREAMBLE + csv_text(CONNECTIONS_2023, rows)))
    assert len(network.people) == 2
    assert network.size == 2
    [dup] = network.duplicates
    assert (dup.line, dup.first_line) == (7, 5)
    assert summary.used == 3  # people, hidden profiles and duplicates are all used rows


def test_missing_emails_and_percent_encoded_slugs(write: Writer) -> None:
    rows = [["José", "Ex", "https://www.linkedin.com/in/jos%C3%A9-ex", "", "", "", "08 Feb 2026"]]
    network, _ = read(write("Connections.csv", csv_text(CONNECTIONS_2023, rows)))
    assert network.people[0].url_key == "linkedin.com/in/josé-ex"
    assert network.people[0].email == ""


def test_unreadable_rows_are_skipped_counted_and_located(write: Writer) -> None:
    text = PREAMBLE + csv_text(
        CONNECTIONS_2023, [person("Ada", "Ex", "ada"), person("Bo", "Ex", "bo", day="32 Foo 2020")]
    )
    text += "\nonly,three,fields\n,,,,,,\nCy,Ex,,,,,08 Feb 2026"
    network, summary = read(write("Connections.csv", text))
    assert [p.name for p in network.people] == ["Ada Ex", "Bo Ex", "Cy Ex"]  # a bad date never drops a person
    assert network.people[1].connected_on is None
    assert summary.rows == 5
    assert summary.used + summary.ignored + summary.skipped == summary.rows
    assert [(s.line, s.reason) for s in summary.skips] == [(7, "expected 7 fields, found 3"), (8, "empty row")]
    assert [(w.line, w.reason) for w in summary.warnings] == [
        (6, "unreadable date '32 Foo 2020' in Connected On: connected date unknown")
    ]


def test_legacy_utf16_tab_separated_fully_quoted_file(write: Writer) -> None:
    text = "\r\n".join(
        "\t".join(f'"{c}"' for c in row) for row in [CONNECTIONS_2018, ["Ada", "Ex", "", "Acme", "CTO", "08 Feb 2020"]]
    )
    network, _ = read(write("Connections.csv", "\ufeff" + text, encoding="utf-16-le"))
    assert network.people[0].name == "Ada Ex"
    assert network.people[0].connected_on == date(2020, 2, 8)


def test_messages_file_where_connections_belong_is_named(write: Writer) -> None:
    path = write("messages.csv", "CONVERSATION ID,FROM,TO,DATE,CONTENT\n1,a,b,2024-01-01 10:00:00 UTC,hi")
    with pytest.raises(InputError, match=r"messages file, not Connections\.csv"):
        read(path)


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("08 Feb 2026", date(2026, 2, 8)),
        ("29 Feb 2024", date(2024, 2, 29)),
        ("8 Feb 2026", date(2026, 2, 8)),
        ("08 FEB 2026", date(2026, 2, 8)),
        ("7-Feb-22", date(2022, 2, 7)),
        ("31 Apr 2020", None),
        ("29 Feb 2021", None),
    ],
)
def test_connected_on_in_bulk_and_one_by_one(write: Writer, written: str, day: date | None) -> None:
    """The usual shape is read in bulk; a date that does not exist is unreadable, never the next day."""
    rows = [person("Ada", "Ex", "ada", day=written)]
    network, summary = read(write("Connections.csv", csv_text(CONNECTIONS_2023, rows)))
    assert [p.connected_on for p in network.people] == [day]
    assert [s.reason for s in summary.warnings] == (
        [] if day else [f"unreadable date {written!r} in Connected On: connected date unknown"]
    )
