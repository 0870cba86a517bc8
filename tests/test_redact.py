"""Redaction: in every format, people become initials and a stable tag; totals do not change."""

from __future__ import annotations

import json
import re
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
