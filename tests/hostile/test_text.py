"""Text from data stays text: in the terminal, in Markdown, in HTML, in CSV and on stderr."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from netaudit import audit as core
from netaudit.generate import PREAMBLE
from netaudit.render import Format, Options, render_analysis, render_followups
from tests.helpers import AS_OF, CONNECTIONS_2023, audit, csv_text, person

HOSTILE = [
    "[bold red]x[/]", "[link=https://evil]y[/link]", "\x1b[2Jwipe", "\x1b]0;title\x07", "\u202eevil", "zero\u200bwidth",
    "two\nlines", "<script>alert(1)</script>", "pipe | `tick`", "=cmd()", "A" * 10_000,
]  # fmt: skip


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> core.Audit:
    path = tmp_path_factory.mktemp("hostile") / "Connections.csv"
    rows = [person(name, "Example", f"h{i}", day="19 Nov 2026") for i, name in enumerate(HOSTILE)]
    path.write_text(csv_text(CONNECTIONS_2023, rows), encoding="utf-8")
    return audit(path, as_of=AS_OF)


@pytest.mark.parametrize("width", [80, 120])
def test_terminal_shows_hostile_names_literally(hostile: core.Audit, width: int) -> None:
    followups = core.followups(hostile, None, [], False)
    assert len(followups.followups) == len(HOSTILE)  # all new: thank_new
    text = render_followups(followups, Format.TABLE, Options(width=width, color=True))
    plain = render_followups(followups, Format.TABLE, Options(width=width, color=False))
    for out in (text, plain):
        assert "\x1b]" not in out and "\x1b[2J" not in out and "\x07" not in out
        assert "\u202e" not in out and "\u200b" not in out
        assert "\\x1b[2Jwipe Example" in out
        assert "\\u202eevil Example" in out
    assert "[bold red]x[/] Example" in plain and "[link=https://evil]y[/li" in plain  # not markup
    assert all(len(line) <= width for line in plain.splitlines())
    assert "\x1b[" not in plain


def test_markdown_html_and_csv_escape_hostile_names(hostile: core.Audit) -> None:
    followups = core.followups(hostile, None, [], False)
    md = render_followups(followups, Format.MARKDOWN, Options())
    assert "\\<script\\>" in md and "pipe \\| \\`tick\\`" in md
    for line in md.splitlines():
        if line.startswith("| "):
            assert line.count(" | ") == 6  # no cell breaks out of its column
    html = render_analysis(hostile.report, Format.HTML, Options())
    assert "<script>" not in html
    csv = render_followups(followups, Format.CSV, Options())
    assert "'=cmd() Example" in csv


def test_html_escapes_every_name(hostile: core.Audit) -> None:
    html = render_analysis(hostile.report, Format.HTML, Options())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html


def test_stderr_never_carries_escape_sequences(cli: Any, tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(
            "\x1b]0;pwned\x07Connections.csv",
            PREAMBLE + csv_text(CONNECTIONS_2023, [person("Ada", "Ex", "ada")]) + "\nbad,row",
        )
    result = cli("analyze", archive)
    assert result.exit_code == 0
    assert "warning: 1 row(s)" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;pwned\\x07Connections.csv" in result.stderr
