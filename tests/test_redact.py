"""Redaction: in every format, people become initials and a stable tag; totals do not change."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from netaudit.privacy import should_redact, tag
from tests.helpers import EXAMPLES

EXPORT, LOG = EXAMPLES / "linkedin-export", EXAMPLES / "interactions.csv"
RUN = (EXPORT, "-i", LOG, "--as-of", "2026-11-20")
URL = re.compile(r"linkedin\.com/in/[^\s\"',|)]+")


def test_tags_are_stable_and_hide_the_name() -> None:
    assert tag("Ada Example", "https://www.linkedin.com/in/ada") == tag("ADA  example", "http://linkedin.com/in/Ada/")
    assert tag("Ada Example", "https://www.linkedin.com/in/ada") != tag(
        "Ada Example", "https://www.linkedin.com/in/ada-2"
    )
    assert re.fullmatch(r"A\.E\. #[0-9a-f]{6}", tag("Ada Example"))
    assert should_redact("auto", ci=True, flag=None) and not should_redact("auto", ci=False, flag=None)
    assert not should_redact("always", ci=True, flag=False) and should_redact("never", ci=False, flag=True)


def real_names(cli: Any) -> set[str]:
    report = json.loads(cli("analyze", *RUN, "-f", "json", "--people", "--no-redact").stdout)
    return {p["name"] for p in report["people"]}


@pytest.mark.parametrize(
    "args",
    [("analyze", *RUN), ("analyze", *RUN, "-f", "json", "--people"), ("analyze", *RUN, "-f", "markdown"),
     ("analyze", *RUN, "-f", "html"), ("followups", *RUN, "--all", "--drafts"), ("followups", *RUN, "-f", "json", "--all"),
     ("followups", *RUN, "-f", "markdown"), ("followups", *RUN, "-f", "csv", "--all", "--drafts"),
     ("check", *RUN, "--min-two-way", "1", "-f", "json")],
)  # fmt: skip
def test_under_ci_no_name_or_profile_url_is_shown(
    cli: Any, monkeypatch: pytest.MonkeyPatch, args: tuple[Any, ...]
) -> None:
    names = real_names(cli)
    monkeypatch.setenv("CI", "true")
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    shown = [n for n in names if len(n) > 6 and n in result.stdout]
    assert shown == []
    assert not URL.search(result.stdout)
    assert args[0] == "check" or "#" in result.stdout  # check names nobody; the rest show tags


def test_totals_do_not_change_and_no_redact_wins(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = json.loads(cli("analyze", *RUN, "-f", "json").stdout)
    monkeypatch.setenv("CI", "1")
    hidden = json.loads(cli("analyze", *RUN, "-f", "json").stdout)
    assert hidden["redacted"] is True and plain["redacted"] is False
    for key in ("network", "relationships", "recency", "layers", "growth"):
        assert hidden[key] == plain[key]
    assert hidden["interactions"]["total"] == plain["interactions"]["total"]
    again = json.loads(cli("analyze", *RUN, "-f", "json").stdout)
    assert [f["name"] for f in again["followups"]] == [f["name"] for f in hidden["followups"]]  # stable
    forced = json.loads(cli("analyze", *RUN, "-f", "json", "--no-redact").stdout)
    assert forced["followups"] == plain["followups"]


SECRET = "Call Zoe about her divorce"


def test_a_skip_reason_never_prints_the_cell_under_redaction(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note typed into a date column is quoted by the skip reason: not under redaction."""
    log = tmp_path / "log.csv"
    log.write_text(f'date,name,channel\n"{SECRET}",Ada Imaginary,call\n2026-11-01,Ada Imaginary,call\n')
    people = tmp_path / "Connections.csv"
    people.write_text(
        (EXPORT / "Connections.csv")
        .read_text()
        .replace("\n", f'\n,,,,,,"{SECRET}"\nZed,Example,https://www.linkedin.com/in/zed-x,,,,"{SECRET}"\n', 5)
    )  # a hidden row and a person, each with a note for a date: skipped, and read with a warning
    plain = cli("analyze", people, "-i", log, "--as-of", "2026-11-20", "-f", "json", "--no-redact")
    assert SECRET in plain.stdout  # shown when not redacted
    monkeypatch.setenv("CI", "true")
    for fmt in ("json", "table", "markdown", "html"):
        result = cli("analyze", people, "-i", log, "--as-of", "2026-11-20", "-f", fmt)
        assert result.exit_code == 0, result.stderr
        assert SECRET not in result.stdout and "Zoe" not in result.stdout, fmt
        assert SECRET not in result.stderr and "warning:" in result.stderr
    strict = cli("analyze", people, "-i", log, "--as-of", "2026-11-20", "--strict")
    assert strict.exit_code == 2 and "Zoe" not in strict.stderr and "(redacted)" in strict.stderr


def test_redact_reason_drops_every_quoted_part() -> None:
    from netaudit.privacy import redact_reason

    assert redact_reason("unreadable date 'Call Zoe' in Connected On") == "unreadable date (redacted) in Connected On"
    assert redact_reason('unreadable date "Zoe\'s call"') == "unreadable date (redacted)"
    assert redact_reason("expected 7 fields, found 3") == "expected 7 fields, found 3"


def test_config_under_ci_does_not_print_never_suggest(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "netaudit.toml").write_text(
        'me = "Mo Owner"\n[followups]\nnever_suggest = ["Zoe Secretname", "https://www.linkedin.com/in/zoe-secret"]\n'
    )
    assert "Zoe Secretname" in cli("config").stdout
    monkeypatch.setenv("CI", "1")
    for fmt in ("table", "json", "markdown"):
        result = cli("config", "-f", fmt)
        assert result.exit_code == 0
        assert "Zoe" not in result.stdout and "zoe-secret" not in result.stdout and "Mo Owner" not in result.stdout
        assert "Z.S. #" in result.stdout
    shown = {s["key"]: s["value"] for s in json.loads(cli("config", "-f", "json").stdout)["settings"]}
    assert len(shown["followups.never_suggest"]) == 2 and shown["me"].startswith("M.O. #")


def test_log_under_ci_names_a_tag(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "netaudit.toml").write_text(f'export = "{EXPORT}"\nlog = "log.csv"\n')
    monkeypatch.setenv("CI", "true")
    result = cli("log", "Leilani Pretend", "-c", "call", "--date", "2026-11-01")
    assert result.exit_code == 0, result.stderr
    assert "Leilani" not in result.stderr and "logged call with L.P. #" in result.stderr


def test_tags_in_bulk_are_each_persons_tag() -> None:
    from netaudit.privacy import tag, tags

    names = ["Ada Example", "Bo Sample", "Bo Sample", ""]
    urls = ["https://www.linkedin.com/in/ada/", "", "linkedin.com/in/BO", ""]
    assert tags(names, urls) == [tag(n, u) for n, u in zip(names, urls, strict=True)]
    assert tags(names, urls)[1] == tag("bo  SAMPLE")  # by name key without a URL
    assert tags(names, urls)[0] == tag("Ada Example", "linkedin.com/in/ada")  # by profile key
    assert len(set(tags(names, urls))) == 4
