"""Every format renders every report; golden files pin the examples; data stays literal text."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from netaudit import pipeline
from netaudit.render import FORMATS, Format, Kind, Options, render
from netaudit.report_models import AnalysisReport, FollowupReport
from tests.helpers import EXAMPLES, ROOT, audit

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("NETAUDIT_UPDATE_GOLDEN") == "1"
HOSTILE = [
    "[bold red]x[/]",
    "[link=https://evil]y[/link]",
    "\x1b[2Jwipe",
    "\x1b]0;title\x07",
    "\u202eevil",
    "zero\u200bwidth",
    "two\nlines",
    "<script>alert(1)</script>",
    "pipe | `tick`",
    "=cmd()",
    "A" * 10_000,
]


@pytest.fixture(scope="module")
def example() -> pipeline.Audit:
    cwd = Path.cwd()
    os.chdir(ROOT)  # paths in the report are as the user typed them: relative
    try:
        return audit(Path("examples/linkedin-export"), [Path("examples/interactions.csv")], people=False)
    finally:
        os.chdir(cwd)


def test_every_format_has_a_renderer(example: pipeline.Audit) -> None:
    followups = pipeline.followups(example, 10, [], drafts=True)
    for fmt in FORMATS[Kind.ANALYSIS]:
        assert render(example.report, fmt, Options()).strip()
    for fmt in FORMATS[Kind.FOLLOWUPS]:
        assert render(followups, fmt, Options()).strip()


def test_the_registry_has_exactly_the_formats_each_report_lists() -> None:
    """Every kind of report has a renderer for each format it offers and for no other; every
    format is offered somewhere; and the CLI offers each command exactly those."""
    from netaudit import cli
    from netaudit.render.registry import RENDERERS

    assert set(RENDERERS) == set(FORMATS) == set(Kind)
    for kind, formats in FORMATS.items():
        assert list(RENDERERS[kind]) == list(formats), kind
    assert set().union(*FORMATS.values()) == set(Format)
    offered = {
        Kind.ANALYSIS: cli.AnalysisFormat,
        Kind.FOLLOWUPS: cli.FollowupFormat,
        Kind.CHECK: cli.CheckFormat,
        Kind.TREND: cli.TrendFormat,
        Kind.CONFIG: cli.ConfigFormat,
    }
    for kind, choices in offered.items():
        assert [c.value for c in choices] == [f.value for f in FORMATS[kind]], kind


def test_a_report_refuses_a_format_it_does_not_have(example: pipeline.Audit) -> None:
    with pytest.raises(ValueError, match="no csv format for analysis"):
        render(example.report, Format.CSV, Options())


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; NETAUDIT_UPDATE_GOLDEN=1 to accept"


@pytest.mark.parametrize("fmt", FORMATS[Kind.ANALYSIS])
def test_golden_analysis_of_the_examples(example: pipeline.Audit, fmt: Format) -> None:
    _golden(f"analyze.{fmt.value}.txt", render(example.report, fmt, Options(width=100)))


@pytest.mark.parametrize("fmt", FORMATS[Kind.FOLLOWUPS])
def test_golden_followups_of_the_examples(example: pipeline.Audit, fmt: Format) -> None:
    _golden(f"followups.{fmt.value}.txt", render(pipeline.followups(example, 10, [], True), fmt, Options(width=100)))


def test_json_validates_against_the_printed_schemas(example: pipeline.Audit) -> None:
    with_people = audit(EXAMPLES / "linkedin-export", [EXAMPLES / "interactions.csv"])
    report = json.loads(render(with_people.report, Format.JSON, Options()))
    jsonschema.validate(report, AnalysisReport.model_json_schema(by_alias=True, mode="serialization"))
    assert report["schema_version"] == 1
    assert set(report["network"]) >= {
        "size",
        "hidden_profiles",
        "duplicates",
        "dunbar_number",
        "dunbar_excess",
        "dunbar_ratio",
    }
    assert set(report["recency"]) == {"0-30", "31-90", "91-365", "366+", "never"}
    assert report["people"][0].keys() >= {
        "name",
        "profile_url",
        "class",
        "last_interaction",
        "days_since",
        "inbound",
        "outbound",
        "mutual",
        "touch_days",
        "tie_strength",
        "layer",
    }
    followups = json.loads(render(pipeline.followups(example, 10, [], False), Format.JSON, Options()))
    jsonschema.validate(followups, FollowupReport.model_json_schema(by_alias=True, mode="serialization"))


def test_the_examples_account_for_every_row(example: pipeline.Audit) -> None:
    report = example.report
    assert report.network.size >= 1500 and report.network.dunbar_excess > 0
    for s in report.sources:
        assert s.used + s.ignored + s.skipped == s.rows, s.kind
        assert s.skipped == 0
    connections = report.sources[0]
    assert connections.used == report.network.people + report.network.hidden_profiles + report.network.duplicates
    i = report.interactions
    assert i.total == i.matched + i.unmatched + sum(i.ignored.values())
    rel = report.relationships
    assert rel.two_way + rel.one_way_out + rel.one_way_in + rel.dormant + rel.never == report.network.size
    assert sum(report.recency.model_dump().values()) == report.network.size


@pytest.mark.parametrize("fmt", [Format.TABLE, Format.MARKDOWN, Format.HTML])
def test_people_are_listed_when_asked(fmt: Format) -> None:
    result = audit(EXAMPLES / "linkedin-export", [EXAMPLES / "interactions.csv"])
    assert result.report.people is not None
    text = render(result.report, fmt, Options(width=120))
    strongest = result.report.people[0]
    assert "People" in text and strongest.name in text and str(strongest.tie_strength) in text
