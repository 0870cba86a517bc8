"""The mail rules: direction, what is not a relationship (by reason), dates, your addresses."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from netaudit.errors import InputError
from netaudit.evidence import Evidence
from netaudit.ingest import mail_files
from netaudit.ingest.mail import MailOptions, read_mail
from netaudit.ledger import SourceKind, SourceSummary
from tests.mail_helpers import ME_EMAIL, eml, message
from tests.mail_helpers import mbox as join

Rows = list[tuple[str, str, str, date, str]]


def read(path: Path, me: tuple[str, ...] = (ME_EMAIL,), most: int = 10) -> tuple[SourceSummary, Rows, list[str]]:
    evidence = Evidence()
    summary, notes = read_mail(mail_files.messages(path), str(path), MailOptions(me, most), evidence)
    assert summary.rows == summary.used + summary.ignored + summary.skipped
    rows = [(n, u, e, d, "out" if di == 0 else "in") for n, u, e, d, di, _, _ in evidence.rows]
    return summary, rows, notes


def test_direction_in_from_the_sender_and_out_to_each_recipient(write: Callable[..., Path]) -> None:
    path = write(
        "All mail.mbox",
        join(
            message('"Ada Lovelace" <Ada@Example.com>', f"Mo <{ME_EMAIL}>"),
            message(ME_EMAIL, "ada@example.com, Bob <bob@example.com>", cc=ME_EMAIL, bcc="cy@example.com"),
        ),
    )
    summary, rows, _ = read(path)
    assert summary.kind == SourceKind.MAIL and summary.used == 2
    day = date(2024, 7, 1)
    assert rows == [
        ("Ada Lovelace", "", "ada@example.com", day, "in"),
        ("", "", "ada@example.com", day, "out"),
        ("Bob", "", "bob@example.com", day, "out"),
        ("", "", "cy@example.com", day, "out"),  # Bcc: in one's own sent copy
    ]


@pytest.mark.parametrize(
    ("msg", "reason"),
    [
        (message("news@shop.com", extra="List-Id: <news.shop.com>"), "mailing_list_or_bulk"),
        (message("ada@example.com", extra="List-Unsubscribe: <mailto:u@shop.com>"), "mailing_list_or_bulk"),
        (message("ada@example.com", extra="Precedence: bulk"), "mailing_list_or_bulk"),
        (message("ada@example.com", extra="Precedence: junk"), "mailing_list_or_bulk"),
        (message("ada@example.com", extra="Auto-Submitted: auto-replied"), "automated"),
        (message("noreply@example.com"), "automated"),
        (message("no-reply+123@example.com"), "automated"),
        (message("notifications@github.com"), "automated"),
        (message("MAILER-DAEMON@mx.example.com"), "automated"),
        (message("ada@example.com", extra="X-Gmail-Labels: Inbox,Spam"), "spam_or_trash"),
        (message("ada@example.com", extra="X-Gmail-Labels: Trash"), "spam_or_trash"),
        (message("ada@example.com", "bob@example.com"), "not_to_or_from_you"),
        (message(ME_EMAIL, ME_EMAIL), "only_to_yourself"),
        (message(ME_EMAIL, ", ".join(f"p{i}@example.com" for i in range(11))), "too_many_recipients"),
    ],
)
def test_what_is_not_a_relationship(write: Callable[..., Path], msg: str, reason: str) -> None:
    summary, rows, _ = read(write("m.mbox", msg))
    assert rows == []
    assert summary.ignored_reasons == {reason: 1}


def test_auto_submitted_no_and_ten_recipients_with_you_count(write: Callable[..., Path]) -> None:
    nine = ", ".join(f"p{i}@example.com" for i in range(9))
    path = write(
        "m.mbox",
        join(message("ada@example.com", extra="Auto-Submitted: no"), message("ada@example.com", f"{ME_EMAIL}, {nine}")),
    )
    summary, _rows, _ = read(path)
    assert summary.used == 2 and summary.ignored == 0
    assert read(path, most=9)[0].ignored_reasons == {"too_many_recipients": 1}


def test_a_copy_of_one_message_id_counts_once(write: Callable[..., Path]) -> None:
    one = message("ada@example.com", mid="abc@x")
    summary, rows, _ = read(write("m.mbox", join(one, one, message("ada@example.com", mid="other@x"))))
    assert (summary.used, summary.ignored_reasons) == (2, {"duplicate_copy": 1})
    assert len(rows) == 2


def test_dates_with_their_zone_are_utc_days_else_the_from_line(write: Callable[..., Path]) -> None:
    path = write(
        "m.mbox",
        join(
            message("a@example.com", date="Mon, 01 Jul 2024 23:30:00 -0200"),  # 01:30 UTC on the 2nd
            message("b@example.com", date="not a date", separator="From x@y Fri Mar  8 23:00:00 -0500 2024"),
            message("c@example.com", date="", separator="From x@y Sat Mar  9 10:00:00 2024"),
        ),
    )
    summary, rows, _ = read(path)
    assert [(r[2], r[3]) for r in rows] == [
        ("a@example.com", date(2024, 7, 2)),
        ("b@example.com", date(2024, 3, 9)),
        ("c@example.com", date(2024, 3, 9)),
    ]
    assert len(summary.warnings) == 2 and "From line" in summary.warnings[0].reason


def test_no_date_at_all_is_skipped_and_located(write: Callable[..., Path]) -> None:
    first = message("a@example.com")
    text = join(first, message("b@example.com", date="garbage"))
    # the separator of the second message has a date: make it unreadable for the day (year 0001 is refused)
    text = text.replace("From x@y Mon Jul  1 08:00:00 +0000 2024", "From x@y Mon Jul  1 08:00:00 +0000 0001", 2)
    text = text.replace("0001", "2024", 1)
    summary, _rows, _ = read(write("m.mbox", text))
    assert (summary.used, summary.skipped) == (1, 1)
    skip = summary.skips[0]
    assert skip.line == first.count("\n") + 1
    assert f"byte {len(first)} of m.mbox" in skip.reason


def test_encoded_and_8bit_display_names(write: Callable[..., Path]) -> None:
    path = write(
        "m.mbox",
        join(
            message("=?utf-8?q?Zo=C3=AB_M=C3=BCller?= <zoe@example.com>"),
            message("=?iso-8859-1?b?Suly9G1l?= <jerome@example.com>"),
        ).encode()
        + message("Zoë Raw <raw@example.com>").encode("utf-8")
        + message("Andr\xe9 <andre@example.com>").encode("latin-1"),
    )
    _, rows, _ = read(path)
    assert [r[0] for r in rows] == ["Zoë Müller", "Jérôme", "Zoë Raw", "André"]


def test_malformed_headers_lose_no_message(write: Callable[..., Path]) -> None:
    broken = "From x@y Mon Jul  1 08:00:00 2024\nthis is not a header\nFrom: <<<\nTo: ,,,\n\nbody\n\n"
    summary, _, _ = read(write("m.mbox", join(message("a@example.com"), broken, message("b@example.com"))))
    assert summary.rows == 3 and summary.used == 2 and summary.skipped == 1
    assert "no sender" in summary.skips[0].reason


def test_your_addresses_from_takeouts_sent_label(write: Callable[..., Path]) -> None:
    path = write(
        "m.mbox",
        join(
            message("Me <me@gmail.com>", "ada@example.com", extra="X-Gmail-Labels: Sent,Opened"),
            message("ada@example.com", "me@gmail.com", extra="X-Gmail-Labels: Inbox"),
        ),
    )
    _summary, rows, notes = read(path, me=())
    assert [r[4] for r in rows] == ["out", "in"]
    assert notes and "me@gmail.com" in notes[0] and "--me" in notes[0]


def test_without_your_addresses_and_no_sent_label_asks_for_me(write: Callable[..., Path]) -> None:
    with pytest.raises(InputError) as caught:
        read(write("m.mbox", message("ada@example.com")), me=())
    assert "--me EMAIL" in caught.value.hint


def test_an_eml_folder_an_apple_mail_folder_and_a_zip(write: Callable[..., Path], tmp_path: Path) -> None:
    write("eml/one.eml", eml("ada@example.com"))
    write("eml/sub/two.eml", eml("bob@example.com"))
    write("eml/notes.txt", "not mail")
    write("Apple/INBOX.mbox/mbox", join(message("ada@example.com"), message("cy@example.com")))
    write("Apple/INBOX.mbox/Info.plist", "<plist/>")
    assert mail_files.recognise(tmp_path / "eml") and mail_files.recognise(tmp_path / "Apple")
    assert [r[2] for r in read(tmp_path / "eml")[1]] == ["ada@example.com", "bob@example.com"]
    assert [r[2] for r in read(tmp_path / "Apple")[1]] == ["ada@example.com", "cy@example.com"]
    archive = tmp_path / "takeout.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Takeout/Mail/All mail Including Spam and Trash.mbox", join(message("dee@example.com")))
        z.writestr("Takeout/archive_browser.html", "<html></html>")
    assert mail_files.recognise(archive)
    assert [r[2] for r in read(archive)[1]] == ["dee@example.com"]


def test_csv_and_logs_are_not_mail(write: Callable[..., Path]) -> None:
    assert not mail_files.recognise(write("log.csv", "date,name,channel\n2024-01-01,Ada,call\n"))
    assert not mail_files.recognise(write("From.txt", "From: the start of a letter\n"))
