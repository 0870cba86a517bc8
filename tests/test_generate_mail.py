"""`netaudit generate` writes a small mailbox with one of each case the mail rules handle."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from netaudit.evidence import Evidence
from netaudit.ingest import mail_files
from netaudit.ingest.mail import MailOptions, read_mail
from tests.helpers import EXAMPLES


def test_the_examples_mailbox_plants_every_case() -> None:
    mail = EXAMPLES / "mail.mbox"
    data = mail.read_bytes()
    assert b"\r\n" in data and b"\n\nFrom here on" in data.replace(b"\r\n", b"\n")
    evidence = Evidence()
    summary, notes = read_mail(mail_files.messages(mail), str(mail), MailOptions(), evidence)
    assert summary.ignored_reasons == {
        "automated": 1,
        "duplicate_copy": 1,
        "mailing_list_or_bulk": 1,
        "spam_or_trash": 1,
        "too_many_recipients": 1,
    }
    assert summary.rows == summary.used + summary.ignored and summary.skipped == 0
    assert "robin@owner-example.org" in notes[0]  # found from the Sent label
    assert {row[4] for row in evidence.rows} == {0, 1}  # out and in (indices into DIRECTIONS)


def test_generate_writes_the_mailbox_beside_the_export_and_never_over_one(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    first = cli("generate", tmp_path / "a", "--connections", "60")
    assert first.exit_code == 0 and (tmp_path / "mail.mbox").is_file()
    before = (tmp_path / "mail.mbox").read_bytes()
    second = cli("generate", tmp_path / "b", "--connections", "60", "--seed", "3")
    assert second.exit_code == 0 and "no mailbox was written" in second.stderr
    assert (tmp_path / "mail.mbox").read_bytes() == before
    assert mail_files.recognise(tmp_path / "mail.mbox")
