"""issue 20, the report that leads to action: the verdict says what to do, is honest with little
data, numbers read as a person writes them, the output ends with the summary, `--brief`, and an
HTML page for sharing."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netaudit import wording
from netaudit.errors import ExitStatus
from netaudit.render.html import file_name
from tests.helpers import EXAMPLES

Cli = Callable[..., Any]
EXPORT = EXAMPLES / "linkedin-export"
LOG = EXAMPLES / "interactions.csv"
AS_OF = ("--as-of", "2026-11-20")


@pytest.mark.parametrize(
    ("value", "text"),
    [(9.87, "9.9"), (2.0, "2"), (0.04, "0"), (9.96, "10"), (10.0, "10"), (33.33, "33"), (1234.5, "1,234")],
)
def test_a_ratio_reads_like_a_person_writes_it(value: float, text: str) -> None:
    assert wording.ratio(value) == text
    assert wording.times(value) == f"{text}x"


@pytest.mark.parametrize(
    ("days", "text"),
    [(182, "0.5 years"), (365, "1 year"), (500, "1.5 years"), (548, "1.5 years"), (803, "2 years"), (1100, "3 years")],
)
def test_years_to_the_half_year_never_one_point_zero(days: int, text: str) -> None:
    assert wording.years(days) == text


def test_counts_agree_with_their_noun() -> None:
    assert wording.count(1, "person", "people") == "1 person"
    assert wording.count(1200, "person", "people") == "1,200 people"
    assert wording.count(2, "follow-up") == "2 follow-ups"


def _json(cli: Cli, *args: object) -> dict[str, Any]:
    result = cli("analyze", *args, *AS_OF, "-f", "json")
    assert result.exit_code == ExitStatus.OK, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_with_only_connections_the_verdict_says_what_it_cannot_tell_and_how_to_add(cli: Cli) -> None:
    report = _json(cli, EXPORT / "Connections.csv")
    verdict = report["verdict"]
    assert verdict.startswith("No interactions were read")
    assert "1,500" in verdict and "10x" in verdict  # size and Dunbar it can still tell
    assert "two-way relationship" not in verdict.replace("which of your", "")
    attention = report["attention"]
    assert attention["interactions_read"] is False
    assert attention["next"] == "netaudit analyze EXPORT.zip"  # the one command that adds messages
    # new connections are the only follow-ups, and none claims silence it could not see
    assert report["followups"], "thank_new needs no messages"
    for f in report["followups"]:
        assert f["reason"] == "thank_new"
        assert "your messages were not read" in f["explanation"]
        assert "exchanged" not in f["explanation"]


def test_followups_without_messages_never_claim_silence(cli: Cli) -> None:
    result = cli("followups", EXPORT / "Connections.csv", *AS_OF, "--all", "-f", "json")
    assert result.exit_code == 0
    listed = json.loads(result.stdout)["followups"]
    assert listed
    assert not [f for f in listed if "haven't exchanged" in f["explanation"]]


def test_messages_read_but_none_with_people_asks_for_a_log(cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    shutil.copy(EXPORT / "Connections.csv", export)
    header = (EXPORT / "messages.csv").read_text(encoding="utf-8").splitlines()[0]
    (export / "messages.csv").write_text(header + "\n", encoding="utf-8")
    attention = _json(cli, export)["attention"]
    assert attention["interactions_read"] is False
    assert attention["next"] == "netaudit analyze EXPORT -i LOG.csv"
    assert "calls and coffees" in attention["why"]


def test_the_attention_counts_are_the_followups_of_those_reasons(cli: Cli) -> None:
    report = _json(cli, EXPORT, "-i", LOG)
    every = cli("followups", EXPORT, "-i", LOG, *AS_OF, "--all", "-f", "json")
    reasons = [f["reason"] for f in json.loads(every.stdout)["followups"]]
    attention = report["attention"]
    assert attention["interactions_read"] is True
    assert attention["waiting"] == reasons.count("unanswered") > 0
    assert attention["fading"] == reasons.count("fading") > 0
    assert attention["followups"] == len(reasons)
    assert attention["next"] == "netaudit followups"
    assert re.search(r"\d\.\d contacts for every real connection", report["verdict"])  # 9.9, not 9.87


def test_the_table_ends_with_the_summary(cli: Cli) -> None:
    result = cli("analyze", EXPORT, "-i", LOG, *AS_OF)
    assert result.exit_code == 0
    lines = result.stdout.rstrip("\n").splitlines()
    start = lines.index("Summary")
    summary = "\n".join(lines[start:])
    assert start > len(lines) - 12, "the summary is the last screenful"
    assert "What was read" not in summary and "Export owner" not in summary
    assert "people are waiting for your reply" in summary
    assert "netaudit followups" in summary and "netaudit analyze -f html -o report.html" in summary
    assert not [line for line in lines if line != line.rstrip()]  # piped: no trailing spaces


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_brief_prints_only_the_summary(cli: Cli, fmt: str) -> None:
    full = cli("analyze", EXPORT, "-i", LOG, *AS_OF, "-f", fmt).stdout
    brief = cli("analyze", EXPORT, "-i", LOG, *AS_OF, "-f", fmt, "--brief")
    assert brief.exit_code == 0
    assert "two-way relationships" in brief.stdout and "netaudit followups" in brief.stdout
    assert "Relationships" not in brief.stdout and "What was read" not in brief.stdout
    assert len(brief.stdout.splitlines()) < 16 < len(full.splitlines())


@pytest.mark.parametrize("extra", [("-f", "json"), ("-f", "html"), ("--people",)])
def test_brief_is_refused_where_it_means_nothing(cli: Cli, extra: tuple[str, ...]) -> None:
    result = cli("analyze", EXPORT, *AS_OF, "--brief", *extra)
    assert result.exit_code == ExitStatus.USAGE_OR_INPUT_ERROR
    assert result.stderr.startswith("error: --brief") and "hint:" in result.stderr
    assert result.stdout == ""


def test_the_markdown_leads_with_the_verdict_and_what_to_do(cli: Cli) -> None:
    text = cli("analyze", EXPORT, "-i", LOG, *AS_OF, "-f", "markdown").stdout
    head = text.split("## ", 1)[0]  # before the first section
    assert "**138 of your 1,500 connections are two-way relationships" in head
    assert "people are waiting for your reply" in head and "`netaudit followups`" in head


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/home/ada/Downloads/export/Connections.csv", "Connections.csv"),
        ("/home/ada/Basic_LinkedInDataExport.zip:messages.csv", "Basic_LinkedInDataExport.zip:messages.csv"),
        ("/home/ada/x.zip:Inbox/messages.csv", "x.zip:Inbox/messages.csv"),
        ("C:/Users/ada/log.csv", "log.csv"),
        ("log.csv", "log.csv"),
    ],
)
def test_a_shared_page_names_files_without_their_folder(path: str, name: str) -> None:
    assert file_name(path) == name


def test_the_html_page_is_for_sharing(cli: Cli, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = cli("analyze", EXPORT, "-i", LOG, *AS_OF, "-f", "html", "-o", page, "--config", EXAMPLES / "netaudit.toml")
    assert result.exit_code == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert str(EXAMPLES) not in html and str(Path.home()) + "/" not in html  # no folder of the user's
    assert ">Connections.csv<" in html and ">interactions.csv<" in html
    assert "560" not in html and "<svg" not in html  # charts scale with the page
    assert "people are waiting for your reply" in html and "<code>netaudit followups</code>" in html
    # the Dunbar chart marks each capacity and colours what is over it: support has 11 of 5
    assert html.count('class="cap"') == 4
    assert "11 of 5, 6 over" in html and 'class="over" style="width:54.5%"' in html
    assert 'class="breach"' in html and "Check: BREACHED" in html  # the example's thresholds breach
    assert '<td class="d" data-label="Last">2026-' in html  # dates never break
    assert "Not matched to a connection" in html and "Unknown Recruiter-Sample" in html
    assert "Repeated connections" in html
    assert "Export of linkedin.com/in/robin-owner-example" in html
    assert '<a href="https://www.linkedin.com/in/lena-pretend-3f8">Lena Pretend</a>' in html


def test_html_names_stay_literal_text(cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    rows = (EXPORT / "Connections.csv").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(rows) if line.startswith("First Name"))
    rows.insert(at + 1, '<b>Eve</b>,"<script>x()</script>",https://www.linkedin.com/in/eve-x,,Acme,Boss,01 Nov 2026')
    (export / "Connections.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    page = tmp_path / "r.html"
    assert cli("analyze", export, *AS_OF, "-f", "html", "-o", page, "--people").exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>Eve" not in html
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html


def test_followups_count_what_matched_their_filters(cli: Cli) -> None:
    def listed(*args: str) -> dict[str, Any]:
        result = cli("followups", EXPORT, "-i", LOG, *AS_OF, "-f", "json", *args)
        assert result.exit_code == 0, result.stderr
        report: dict[str, Any] = json.loads(result.stdout)
        return report

    every = listed("--all")
    reasons = [f["reason"] for f in every["followups"]]
    chosen = listed("--reason", "fading", "--reason", "reconnect", "--top", "3")
    matched = reasons.count("fading") + reasons.count("reconnect")
    assert chosen["matched"] == matched and chosen["total"] == every["total"] == len(reasons)
    assert len(chosen["followups"]) == 3
    table = cli("followups", EXPORT, "-i", LOG, *AS_OF, "--reason", "fading", "--reason", "reconnect", "--top", "3")
    assert f": 3 of {matched} fading or reconnect ({len(reasons):,} in all)" in table.stdout.splitlines()[0]
    plain = cli("followups", EXPORT, "-i", LOG, *AS_OF, "--top", "3").stdout.splitlines()[0]
    assert plain.endswith(f": 3 of {len(reasons)}")


def test_the_ranking_shows_its_score(cli: Cli) -> None:
    """Why #1 is above #2: the priority is in the table, falling from rank to rank."""
    listed = json.loads(cli("followups", EXPORT, "-i", LOG, *AS_OF, "-f", "json").stdout)["followups"]
    table = cli("followups", EXPORT, "-i", LOG, *AS_OF).stdout
    assert "score" in table.splitlines()[2]
    for f in listed:
        row = next(line for line in table.splitlines() if line.startswith(f" {f['rank']} ".rjust(4)))
        assert f"{f['priority']:g}" in row.split()
    markdown = cli("followups", EXPORT, "-i", LOG, *AS_OF, "-f", "markdown").stdout
    assert "| Priority |" in markdown and f"| {listed[0]['priority']:g} |" in markdown
