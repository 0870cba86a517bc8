"""Invitations, endorsements, recommendations, and netaudit's own interaction log."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from netaudit.errors import InputError
from netaudit.ingest.log import LogEntry
from netaudit.ledger import SourceKind
from tests.helpers import audit, csv_text, person, touches_by_name, url

Export = Callable[..., Path]
Writer = Callable[..., Path]
PEOPLE = [person("Ada", "Example", "ada"), person("Bo", "Sample", "bo"), person("Ada", "Twin", "ada-twin")]
INVITATIONS = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]


def touches(result, name: str) -> list[tuple[date, str, str]]:  # type: ignore[no-untyped-def]
    return [(d, di, ch) for d, di, ch, _ in touches_by_name(result).get(name, [])]


def source(result, kind: SourceKind):  # type: ignore[no-untyped-def]
    return next(s for s in result.report.sources if s.kind is kind)


def test_invitation_with_a_note_is_an_interaction_one_without_is_not(export: Export) -> None:
    rows = [
        ["Ada Example", "Mo Owner", "1/29/26, 12:37 AM", "Great talk!", "INCOMING", url("ada"), url("me")],
        ["Mo Owner", "Bo Sample", "2/1/26, 12:05 PM", "", "OUTGOING", url("me"), url("bo")],
        ["Mo Owner", "Bo Sample", "2/2/26, 2:37 PM", "Hi Bo", "OUTGOING", url("me"), "https://www.linkedin.com/in"],
    ]
    result = audit(export(PEOPLE, **{"Invitations.csv": csv_text(INVITATIONS, rows)}))
    assert touches(result, "Ada Example") == [(date(2026, 1, 29), "in", "invitation")]
    # the bare /in URL is no URL at all: Bo is matched by name instead
    assert touches(result, "Bo Sample") == [(date(2026, 2, 2), "out", "invitation")]
    summary = source(result, SourceKind.INVITATIONS)
    assert (summary.used, summary.ignored_reasons) == (2, {"invitation_without_note": 1})


def test_endorsements_both_eras_and_urls_without_scheme(export: Export) -> None:
    received = csv_text(
        [
            "Endorsement Date",
            "Skill Name",
            "Endorser First Name",
            "Endorser Last Name",
            "Endorser Public Url",
            "Endorsement Status",
        ],
        [["2026/03/01 23:30:00 UTC", "Python", "A.", "Someone", "www.linkedin.com/in/ada", "ACCEPTED"]],
    )  # the URL wins over a name that matches nobody
    given = csv_text(
        ["Endorsement Date", "Skill Name", "Endorsee First Name", "Endorsee Last Name", "Endorsement Status"],
        [["2026/03/02 10:00:00 UTC", "SQL", "Bo", "Sample", "PENDING"]],
    )  # pre-2023: no URL column
    result = audit(export(PEOPLE, **{"Endorsement_Received_Info.csv": received, "Endorsement Given Info.csv": given}))
    assert touches(result, "Ada Example") == [(date(2026, 3, 1), "in", "endorsement")]
    assert touches(result, "Bo Sample") == [(date(2026, 3, 2), "out", "endorsement")]


def test_recommendations_match_by_name_and_a_shared_name_is_never_guessed(export: Export) -> None:
    header = ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"]
    people = [*PEOPLE, person("Bo", "Sample", "bo-2")]  # two connections named Bo Sample
    result = audit(
        export(
            people,
            **{
                "Recommendations_Received.csv": csv_text(
                    header, [["ADA", "example", "X", "Y", "Great", "01/29/25, 09:05 AM", "VISIBLE"]]
                ),
                "Recommendations_Given.csv": csv_text(
                    header, [["Bo", "Sample", "X", "Y", "Great", "01/30/25, 09:05 AM", "VISIBLE"]]
                ),
            },
        )
    )
    assert touches(result, "Ada Example") == [(date(2025, 1, 29), "in", "recommendation")]
    assert result.report.interactions.ambiguous == 1
    assert result.report.interactions.top_unmatched[0].ambiguous


LOG = ["date", "name", "profile_url", "email", "channel", "direction", "note"]


def test_log_csv_defaults_aliases_and_skips(export: Export, write: Writer) -> None:
    rows = [
        ["2026-11-01", "Ada Example", "", "", "coffee", "", "flat white"],
        ["2026-11-02T23:30:00-05:00", "", url("bo"), "", "call", "both", ""],
        ["2026-11-03", "", "", "", "call", "", ""],
        ["2026-11-04", "Ada Example", "", "", "message", "", ""],
        ["2026-11-05", "Ada Example", "", "", "email", "outbound", ""],
        ["yesterday", "Ada Example", "", "", "email", "in", ""],
        ["2026-11-06", "Ada Example", "", "", "carrier pigeon", "in", ""],
    ]
    log = write("log.csv", csv_text(LOG, rows))
    result = audit(export(PEOPLE), [log])
    assert touches(result, "Ada Example") == [
        (date(2026, 11, 1), "mutual", "coffee"),
        (date(2026, 11, 5), "out", "email"),
    ]
    assert touches(result, "Bo Sample") == [(date(2026, 11, 3), "mutual", "call")]  # UTC date of the call
    summary = source(result, SourceKind.INTERACTION_LOG)
    assert [(s.line, s.reason.split(":")[0]) for s in summary.skips] == [
        (4, "needs a name, profile_url or email"),
        (5, "channel message needs a direction (out, in or mutual)"),
        (7, "date"),
        (8, "channel"),
    ]
    assert summary.used + summary.skipped == summary.rows == 7


def test_log_jsonl_and_its_skips(export: Export, write: Writer) -> None:
    lines = [
        json.dumps({"date": "2026-11-01", "email": "ADA@example.org", "channel": "Video"}),
        "",
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"date": "2026-11-02", "name": "ada  EXAMPLE", "channel": "intro", "direction": "sent"}),
    ]
    people = [person("Ada", "Example", "ada", email="ada@example.org"), *PEOPLE[1:]]
    result = audit(export(people), [write("log.jsonl", "\n".join(lines))])
    assert touches(result, "Ada Example") == [
        (date(2026, 11, 1), "mutual", "video"),
        (date(2026, 11, 2), "out", "intro"),
    ]
    summary = source(result, SourceKind.INTERACTION_LOG)
    assert [(s.line, s.reason.split(" (")[0]) for s in summary.skips] == [(3, "invalid JSON"), (4, "not a JSON object")]


def test_a_file_that_is_no_log_is_refused(export: Export, write: Writer) -> None:
    with pytest.raises(InputError, match=r"neither an interaction log nor a messages\.csv"):
        audit(export(PEOPLE), [write("x.csv", "a,b\n1,2")])


def test_log_schema_lists_the_fields() -> None:
    schema = LogEntry.model_json_schema()
    assert {"date", "name", "profile_url", "email", "channel", "direction", "note"} <= set(schema["properties"])
    assert schema["required"] == ["date", "channel"]


@pytest.mark.parametrize(
    "header",
    [INVITATIONS[:5], [*INVITATIONS[:5], "inviterProfileUrn", "inviteeProfileUrn"], INVITATIONS],
    ids=["2018-2022", "jul-2023-urn", "late-2023-url"],
)
def test_invitations_of_every_era(export: Export, header: list[str]) -> None:
    who = {"inviterProfileUrn": "urn:li:member:123", "inviteeProfileUrn": "urn:li:member:456",
           "inviterProfileUrl": url("ada"), "inviteeProfileUrl": url("me")}  # fmt: skip
    row = ["Ada Example", "Mo Owner", "11/5/25, 12:05 PM", "Hello!", "INCOMING", *(who[c] for c in header[5:])]
    result = audit(export(PEOPLE, **{"Invitations.csv": csv_text(header, [row])}))
    assert touches(result, "Ada Example") == [(date(2025, 11, 5), "in", "invitation")]  # URNs are no URL: by name
