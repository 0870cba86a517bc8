"""Values that overflow a date, an integer or a float are refused at the boundary or skipped as
rows: no OverflowError, no tie strength of -2147483648, no Infinity in JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import EXAMPLES, ME_URL, Msg, csv_text, person, url

EXPORT = EXAMPLES / "linkedin-export"
LOG = EXAMPLES / "interactions.csv"
AS_OF = ("--as-of", "2026-11-20")
#: Dates whose UTC day lies outside year 1..9999, and their neighbours.
EDGES = ["0001-01-01T00:30+01:00", "9999-12-31T23:30-01:00", "0001-01-01T00:00:00+00:01", "0000-12-31", "10000-01-01"]
PEOPLE = [person("Ada", "Example", "ada"), person("Bo", "Sample", "bo")]
INVITATIONS = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
ENDORSED = ["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name", "Endorser Public Url",
            "Endorsement Status"]  # fmt: skip
RECOMMENDED = ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"]


def _json(result: Any) -> dict[str, Any]:
    assert result.exit_code == 0, result.stderr
    assert "Infinity" not in result.stdout and "NaN" not in result.stdout
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize(
    "args",
    [
        ("followups", EXPORT, *AS_OF, "--snooze", url("ada-imaginary-0"), "--days", "3000000"),
        ("followups", EXPORT, *AS_OF, "--snooze", url("ada-imaginary-0"), "--days", "36501"),
        ("analyze", EXPORT, "--as-of", "9999-12-01"),
        ("analyze", EXPORT, "--as-of", "0001-01-01"),
        ("followups", EXPORT, "--as-of", "9999-12-31"),
        ("analyze", EXPORT, *AS_OF, "--window", "99999999999999999999"),
        ("check", EXPORT, *AS_OF, "--max-contacts-per-connection", "inf"),
        ("check", EXPORT, *AS_OF, "--max-contacts-per-connection", "nan"),
        ("check", EXPORT, *AS_OF, "--max-contacts-per-connection", "1e400"),
        ("check", EXPORT, *AS_OF, "--min-two-way", "1" + "0" * 400),
        ("check", EXPORT, *AS_OF, "--min-layer", "support=" + "9" * 30),
    ],
)
def test_overflowing_flags_are_refused(cli: Any, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.exit_code == 2, result.stderr
    assert "internal error" not in result.stderr


def test_the_widest_as_of_still_works(cli: Any) -> None:
    for day in ("1900-01-01", "9000-12-31"):
        data = _json(cli("analyze", EXPORT, "-i", LOG, "--as-of", day, "--window", "36500", "-f", "json"))
        assert data["network"]["size"] == 1500
    assert cli("followups", EXPORT, "--as-of", "9000-12-31", "--snooze", url("ada-imaginary-0"), "--days", "36500")


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("NETAUDIT_MODEL__TIE_WEIGHTS__RECENCY", "Infinity"),
        ("NETAUDIT_MODEL__TIE_WEIGHTS__DEPTH", "NaN"),
        ("NETAUDIT_MODEL__TIE_WEIGHTS__DEPTH", "1e308"),
        ("NETAUDIT_MODEL__RECENCY_HALF_LIFE_DAYS", "1e400"),
        ("NETAUDIT_MODEL__SUPPORT_TOUCH_DAYS", "Infinity"),
        ("NETAUDIT_MODEL__DUNBAR_NUMBER", "1" + "0" * 40),
        ("NETAUDIT_FOLLOWUPS__FADING_AFTER_DAYS", "3000000"),
        ("NETAUDIT_FOLLOWUPS__NEW_CONNECTION_DAYS", "3000000"),
        ("NETAUDIT_CHECK__MAX_UNANSWERED_AGE_DAYS", "3000000"),
    ],
)
def test_overflowing_settings_are_refused(cli: Any, monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    monkeypatch.setenv(variable, value)
    result = cli("analyze", EXPORT, "-i", LOG, *AS_OF, "-f", "json")
    assert result.exit_code == 2
    assert variable in result.stderr and "internal error" not in result.stderr


def test_inf_in_a_toml_file_is_refused(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "netaudit.toml").write_text(
        "[model.tie_weights]\nrecency = inf\n[check]\nmax_contacts_per_connection = nan\n"
    )
    result = cli("analyze", EXPORT, *AS_OF)
    assert result.exit_code == 2
    assert "model.tie_weights.recency" in result.stderr and "check.max_contacts_per_connection" in result.stderr


def test_every_tie_strength_stays_between_0_and_100(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for weights in (
        {"RECENCY": "1000", "DEPTH": "0"},
        dict.fromkeys(("RECENCY", "FREQUENCY", "RECIPROCITY", "DEPTH", "DURATION"), "0"),
    ):
        for part, weight in weights.items():
            monkeypatch.setenv(f"NETAUDIT_MODEL__TIE_WEIGHTS__{part}", weight)
        people = _json(cli("analyze", EXPORT, "-i", LOG, *AS_OF, "-f", "json", "--people"))["people"]
        assert all(0 <= p["tie_strength"] <= 100 for p in people)


@pytest.mark.parametrize("edge", EDGES)
def test_out_of_range_dates_in_the_log_are_skipped_rows(cli: Any, tmp_path: Path, edge: str) -> None:
    log = tmp_path / "log.csv"
    log.write_text(f"date,name,channel\n{edge},Ada Example,call\n2026-11-01,Ada Example,call\n")
    jsonl = tmp_path / "log.jsonl"
    jsonl.write_text(json.dumps({"date": edge, "name": "Ada Example", "channel": "call"}) + "\n")
    people = tmp_path / "Connections.csv"
    people.write_text(
        csv_text(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"], PEOPLE)
    )
    data = _json(cli("analyze", people, "-i", log, "-i", jsonl, *AS_OF, "-f", "json"))
    sources = {Path(s["path"]).name: s for s in data["sources"]}
    assert [(s["line"]) for s in sources["log.csv"]["skips"]] == [2]
    assert sources["log.csv"]["used"] == 1
    assert [(s["line"]) for s in sources["log.jsonl"]["skips"]] == [1]


@pytest.mark.parametrize("edge", EDGES[:3])
def test_out_of_range_dates_in_every_export_column(cli: Any, export: Any, edge: str) -> None:
    """Each dated file of an export with the edge in its date column: skipped or read, never a crash."""
    me = ("Mo Owner", ME_URL)
    files = {
        "Invitations.csv": csv_text(INVITATIONS, [["Ada Example", "Mo Owner", edge, "Hi", "INCOMING", url("ada"), ME_URL]]),
        "Endorsement_Received_Info.csv": csv_text(ENDORSED, [[edge, "Python", "Ada", "Example", "www.linkedin.com/in/ada", "ACCEPTED"]]),
        "Recommendations_Received.csv": csv_text(RECOMMENDED, [["Bo", "Sample", "X", "Y", "Great", edge, "VISIBLE"]]),
    }  # fmt: skip
    messages = [
        Msg.row("c1", ("Ada Example", url("ada")), [me], edge),
        Msg.row("c1", me, [("Ada Example", url("ada"))], edge),
    ]
    people = [*PEOPLE, person("Cy", "Edge", "cy", day=edge)]
    data = _json(cli("analyze", export(people, messages, **files), *AS_OF, "-f", "json", "--me", ME_URL))
    connections = next(s for s in data["sources"] if s["kind"] == "connections")
    assert data["network"]["size"] + connections["skipped"] == 3  # Cy's date has a time: skipped, or read


def test_a_log_whose_only_date_is_year_0_or_1(cli: Any, tmp_path: Path) -> None:
    people = tmp_path / "Connections.csv"
    people.write_text(
        csv_text(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"], PEOPLE)
    )
    for day in ("0000-12-31", "0001-01-01", "9999-12-31"):
        log = tmp_path / f"{day}.csv"
        log.write_text(f"date,name,channel\n{day},Ada Example,call\n")
        data = _json(cli("analyze", people, "-i", log, *AS_OF, "-f", "json", "--people"))
        ada = next(p for p in data["people"] if p["name"] == "Ada Example")
        assert ada["last_interaction"] in (None, "0001-01-01")
