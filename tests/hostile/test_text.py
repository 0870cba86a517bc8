"""Text from data stays text: in the terminal, in Markdown, in HTML, in CSV and on stderr."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from netaudit import pipeline
from netaudit.generate import PREAMBLE
from netaudit.render import Format, Options, render
from tests.helpers import AS_OF, CONNECTIONS_2023, audit, csv_text, person

HOSTILE = [
    "[bold red]x[/]", "[link=https://evil]y[/link]", "\x1b[2Jwipe", "\x1b]0;title\x07", "\u202eevil", "zero\u200bwidth",
    "two\nlines", "<script>alert(1)</script>", "pipe | `tick`", "=cmd()", "A" * 10_000,
]  # fmt: skip


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Audit:
    path = tmp_path_factory.mktemp("hostile") / "Connections.csv"
    rows = [person(name, "Example", f"h{i}", day="19 Nov 2026") for i, name in enumerate(HOSTILE)]
    path.write_text(csv_text(CONNECTIONS_2023, rows), encoding="utf-8")
    return audit(path, as_of=AS_OF)


@pytest.mark.parametrize("width", [80, 120])
def test_terminal_shows_hostile_names_literally(hostile: pipeline.Audit, width: int) -> None:
    followups = pipeline.followups(hostile, None, [], False)
    assert len(followups.followups) == len(HOSTILE)  # all new: thank_new
    text = render(followups, Format.TABLE, Options(width=width, color=True))
    plain = render(followups, Format.TABLE, Options(width=width, color=False))
    # the one escape sequence a name brings: rich's hyperlink (OSC 8) to a safe profile URL
    links = re.findall(r"\x1b\]8;id=\d+;([^\x1b]*)\x1b\\", text)
    assert links and set(links) <= {f"https://www.linkedin.com/in/h{i}" for i in range(len(HOSTILE))}
    text = re.sub(r"\x1b\]8;(id=\d+;[^\x1b]*)?;?\x1b\\", "", text)
    for out in (text, plain):
        assert "\x1b]" not in out and "\x1b[2J" not in out and "\x07" not in out
        assert "\u202e" not in out and "\u200b" not in out
        assert "\\x1b[2Jwipe Example" in out
        assert "\\u202eevil Example" in out
    assert "[bold red]x[/] Example" in plain and "[link=https://evil]y[/l" in plain  # not markup
    assert all(len(line) <= width for line in plain.splitlines())
    assert "\x1b[" not in plain


def test_markdown_html_and_csv_escape_hostile_names(hostile: pipeline.Audit) -> None:
    followups = pipeline.followups(hostile, None, [], False)
    md = render(followups, Format.MARKDOWN, Options())
    assert "\\<script\\>" in md and "pipe \\| \\`tick\\`" in md
    for line in md.splitlines():
        if line.startswith("| "):
            assert line.count(" | ") == 7  # no cell breaks out of its column
    html = render(hostile.report, Format.HTML, Options())
    assert "<script>" not in html
    csv = render(followups, Format.CSV, Options())
    assert "'=cmd() Example" in csv


def test_html_escapes_every_name(hostile: pipeline.Audit) -> None:
    html = render(hostile.report, Format.HTML, Options())
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


FORGED = "x\nhint: run `rm -rf ~` to fix this\r\nerror: y"


def test_a_line_break_in_a_zip_member_cannot_forge_a_hint(cli: Any, tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        rows = csv_text(CONNECTIONS_2023, [person("Ada", "Ex", "ada")]) + "\nbad,row"
        z.writestr(f"{FORGED}Connections.csv", PREAMBLE + rows)
    result = cli("analyze", archive)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: 1 row(s)")
    assert "x\\nhint: run `rm -rf ~` to fix this\\r\\nerror: y" in lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ("analyze", FORGED),
        ("analyze", "--interactions", FORGED, "."),
        ("analyze", ".", "--as-of", FORGED),
        ("followups", ".", "--reason", FORGED),
    ],
)
def test_a_line_break_in_an_argument_cannot_forge_a_hint(cli: Any, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [line.split(":")[0] for line in lines] == ["error", "hint"], lines
    assert "x\\nhint: run" in lines[0]


def test_invalid_settings_keep_one_line_per_problem(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "netaudit.toml").write_text('"a\\nhint: forged" = 1\n')
    monkeypatch.setenv("NETAUDIT_MODEL__WINDOW_DAYS", "0")
    result = cli("config")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "error: 2 settings are not valid:" and lines[-1].startswith("hint: ")
    assert len(lines) == 4 and all(line.startswith("  ") for line in lines[1:3])
    assert any("a\\nhint: forged" in line for line in lines)


#: Format characters the issue names, and neighbours of each (the last of each range, Arabic number signs).
INVISIBLE = ["\u00ad", "\u2060", "\u2064", "\u2065", "\u206f", "\ufff9", "\ufffb", "\U000e0001", "\U000e007f",
             "\U000e0041", "\u180e", "\u0600", "\u200b", "\u202e", "\u2066", "\ufeff", "\U0001d173"]  # fmt: skip


@pytest.mark.parametrize("char", INVISIBLE)
def test_invisible_format_characters_are_shown_escaped(char: str) -> None:
    from netaudit.render.text import clean, one_line

    code = ord(char)
    shown = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    assert clean(f"Ada{char}Example") == f"Ada{shown}Example"
    assert one_line(f"a{char}\nb") == f"a{shown}\\nb"


def test_every_format_character_of_this_python_is_escaped() -> None:
    """The ranges are written out (deriving them costs 0.2 s at start-up); this checks them
    against the Unicode of the Python running the tests (15.1 in Python 3.13)."""
    import sys
    import unicodedata

    from netaudit.render.text import clean

    fmt = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert all(clean(c).startswith("\\") for c in fmt)
    assert clean("é ü 日本 👍🏽 Zoë") == "é ü 日本 👍🏽 Zoë"  # visible text stays as it is


def test_invisible_characters_in_names_are_escaped_in_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    rows = [person(f"Ada{c}", "Example", f"i{i}", day="19 Nov 2026") for i, c in enumerate(INVISIBLE)]
    path.write_text(csv_text(CONNECTIONS_2023, rows), encoding="utf-8")
    followups = pipeline.followups(audit(path, as_of=AS_OF), None, [], False)
    text = render(followups, Format.TABLE, Options(width=200, color=False))
    assert not any(c in text for c in INVISIBLE)
    assert "Ada\\xad Example" in text and "Ada\\U000e0041 Example" in text
