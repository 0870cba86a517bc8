"""Mail read once: a second run on an unchanged mailbox parses nothing; progress only on a terminal."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from netaudit.cache import Cache
from netaudit.cli import progress
from netaudit.ingest import cached, mail_files
from netaudit.ingest.mail import MailOptions
from tests.mail_helpers import ME_EMAIL, message
from tests.mail_helpers import mbox as join


def _refuse(*_: object, **__: object) -> Iterator[object]:
    raise AssertionError("the mailbox was read again")


def test_a_second_read_of_an_unchanged_mailbox_comes_from_the_cache(
    write: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mail = write("m.mbox", join(*(message(f"p{i}@example.com") for i in range(200))))
    cache = Cache(tmp_path / "cache")
    options = MailOptions((ME_EMAIL,), 10)
    first = cached.mail(mail, options, cache)
    with monkeypatch.context() as m:
        m.setattr(mail_files, "messages", _refuse)
        started = time.perf_counter()
        again = cached.mail(mail, options, cache)
        assert time.perf_counter() - started < 0.1
    assert again.evidence.equals(first.evidence) and again.meta["summary"] == first.meta["summary"]
    # what the rows depend on is in the key: other addresses, another limit, a changed file
    assert cached.mail(mail, MailOptions(("other@example.com",), 10), cache).meta["summary"]["used"] == 0
    assert cached.mail(mail, MailOptions((ME_EMAIL,), 10), cache).meta["summary"]["used"] == 200
    mail.write_text(join(message("p0@example.com")))
    assert cached.mail(mail, options, cache).meta["summary"]["rows"] == 1


def test_a_folder_of_eml_is_read_again_when_a_file_is_added(write: Callable[..., Path], tmp_path: Path) -> None:
    write("eml/a.eml", message("a@example.com").split("\n", 1)[1])
    cache, options = Cache(tmp_path / "cache"), MailOptions((ME_EMAIL,), 10)
    assert cached.mail(tmp_path / "eml", options, cache).meta["summary"]["rows"] == 1
    write("eml/b.eml", message("b@example.com").split("\n", 1)[1])
    assert cached.mail(tmp_path / "eml", options, cache).meta["summary"]["rows"] == 2


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_only_on_a_terminal() -> None:
    assert progress.for_stderr(io.StringIO()) is None
    screen = _Terminal()
    draw = progress.for_stderr(screen)
    assert draw is not None
    draw(10, 100)  # a small mailbox: no line
    assert screen.getvalue() == ""
    big = 4 * progress.MIN_BYTES
    draw(big // 2, big)
    draw(big, big)
    text = screen.getvalue()
    assert "128 of 256 MiB" in text and "MiB/s" in text and "s left" in text and text.endswith("\n")
