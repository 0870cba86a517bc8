"""The header-only mbox scanner: separators, line ends, chunk boundaries, truncation."""

from __future__ import annotations

import io

import pytest

from netaudit.ingest import mbox
from netaudit.ingest.mail_headers import parse
from tests.mail_helpers import BODY_MARKER, message
from tests.mail_helpers import mbox as join

SEP = "From x@y Tue Jul  2 08:00:00 2024"


def scan(text: str | bytes) -> list[mbox.RawMessage]:
    data = text.encode() if isinstance(text, str) else text
    return list(mbox.scan(io.BytesIO(data)))


def test_a_body_line_starting_with_from_is_not_a_separator() -> None:
    body = "Hi\n\nFrom here on we talk.\nFrom Mon Jul  1 10:00:00 2024 (no blank line before)\n\nbye"
    text = join(message("a@x.org", body=body), message("b@x.org", separator=SEP))
    found = scan(text)
    assert [parse(m.headers).sender for m in found] == [("a@x.org", ""), ("b@x.org", "")]
    assert found[1].line == text[: text.index(SEP)].count("\n") + 1
    assert found[1].offset == text.index(SEP)


def test_a_from_line_with_a_date_after_a_blank_line_is_a_separator() -> None:
    text = join(message("a@x.org", body=f"Hi\n\n{SEP}\nFrom: c@x.org\n"))
    assert len(scan(text)) == 2  # mboxo cannot tell: the rule is the date and the blank line


def test_crlf_and_mixed_line_ends() -> None:
    text = join(message("a@x.org", nl="\r\n"), message("b@x.org", separator=SEP), message("c@x.org", nl="\r\n"))
    found = scan(text)
    assert [parse(m.headers).sender for m in found] == [("a@x.org", ""), ("b@x.org", ""), ("c@x.org", "")]
    assert all(parse(m.headers).day is not None for m in found)


@pytest.mark.parametrize("chunk", [7, 64, 1000, 1 << 20])
def test_any_chunk_size_finds_the_same_messages(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    text = join(*(message(f"p{i}@x.org", body="line\n" * (i * 37), nl="\r\n" if i % 3 else "\n") for i in range(40)))
    expected = scan(text)
    monkeypatch.setattr(mbox, "CHUNK", chunk)
    assert scan(text) == expected
    assert len(expected) == 40


def test_headers_never_include_the_body() -> None:
    found = scan(message("a@x.org"))
    assert BODY_MARKER.encode() not in found[0].headers


def test_a_truncated_last_message_is_kept_and_flagged() -> None:
    text = message("a@x.org") + "From x@y Tue Jul  2 08:00:00 2024\nFrom: b@x.org\nTo: mo@exa"
    found = scan(text)
    assert len(found) == 2
    assert not found[0].truncated and found[1].truncated
    assert parse(found[1].headers).sender == ("b@x.org", "")


def test_not_an_mbox_yields_nothing() -> None:
    assert scan("date,name\n2024-01-01,Ada\n") == []


def test_progress_reports_bytes_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mbox, "CHUNK", 100)
    text = join(*(message(f"p{i}@x.org") for i in range(10))).encode()
    seen: list[tuple[int, int]] = []
    list(mbox.scan(io.BytesIO(text), len(text), lambda done, total: seen.append((done, total))))
    assert seen[-1] == (len(text), len(text))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
