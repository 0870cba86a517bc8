"""messages.csv of every era: owner, directions, what is ignored and why."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from netaudit.errors import InputError
from netaudit.evidence import Direction
from netaudit.ingest.read import read_inputs
from netaudit.ledger import SourceKind
from tests.helpers import ME, ME_URL, MESSAGES_2024, Msg, audit, csv_text, person, touches_by_name, url

Export = Callable[..., Path]
ADA = ("Ada Example", url("ada"))
BO = ("Bo Sample", url("bo"))
CY = ("Cy Demo", url("cy"))
PEOPLE = [person("Ada", "Example", "ada"), person("Bo", "Sample", "bo"), person("Cy", "Demo", "cy")]


def touches(path: Path, **kw: object) -> dict[str, list[tuple[date, str, int]]]:
    """Message touches per person, merged by day and direction: (day, direction, count)."""
    got = touches_by_name(audit(path, **kw))  # type: ignore[arg-type]
    merged: dict[str, dict[tuple[date, str], int]] = {}
    for name, rows in got.items():
        for day, direction, _, n in rows:
            merged.setdefault(name, {})
            merged[name][day, direction] = merged[name].get((day, direction), 0) + n
    return {name: sorted((d, di, n) for (d, di), n in rows.items()) for name, rows in merged.items()}


def messages_summary(path: Path):  # type: ignore[no-untyped-def]
    return next(s for s in audit(path).report.sources if s.kind is SourceKind.MESSAGES)


def test_owner_sends_out_to_each_other_participant_and_receives_in_from_sender(export: Export) -> None:
    rows = [
        Msg.row("2-a", ME, [ADA], "2026-11-01 10:00:00 UTC"),
        Msg.row("2-a", ADA, [ME], "2026-11-02 23:59:59 UTC"),
        Msg.row("2-g", ME, [BO, CY], "2026-10-01 09:00:00 UTC"),
        Msg.row("2-g", BO, [ME, CY], "2026-10-02 09:00:00 UTC"),
    ]
    got = touches(export(PEOPLE, rows))
    assert got["Ada Example"] == [(date(2026, 11, 1), "out", 1), (date(2026, 11, 2), "in", 1)]
    assert got["Bo Sample"] == [(date(2026, 10, 1), "out", 1), (date(2026, 10, 2), "in", 1)]
    # Cy only received Bo's message in the group: that is not an interaction with the owner
    assert got["Cy Demo"] == [(date(2026, 10, 1), "out", 1)]


def test_owner_is_the_participant_in_most_conversations(export: Export) -> None:
    rows = [Msg.row(f"2-{i}", p, [ME], "2026-11-01 10:00:00 UTC") for i, p in enumerate([ADA, BO, CY])]
    result = audit(export(PEOPLE, rows))
    assert result.inputs.owner == "linkedin.com/in/me-owner"
    assert result.report.relationships.one_way_in == 3


def test_profile_csv_breaks_a_tie_and_me_overrides(export: Export) -> None:
    rows = [Msg.row("2-a", ADA, [ME], "2026-11-01 10:00:00 UTC")]  # two participants, one conversation each
    profile = csv_text(["First Name", "Last Name", "Maiden Name", "Headline"], [["Mo", "Owner", "", "x"]])
    folder = export(PEOPLE, rows, **{"Profile.csv": profile})
    assert read_inputs(folder, []).owner == "linkedin.com/in/me-owner"
    assert read_inputs(folder, [], me="https://www.linkedin.com/in/ada").owner == "linkedin.com/in/ada"
    assert read_inputs(folder, [], me="Ada Example").owner == "linkedin.com/in/ada"


def test_me_by_a_name_nobody_sent_from_is_refused_with_the_url_as_the_way_out(export: Export) -> None:
    rows = [Msg.row("2-a", ADA, [ME], "2026-11-01 10:00:00 UTC"), Msg.row("2-a", ME, [ADA], "2026-11-02 10:00:00 UTC")]
    with pytest.raises(InputError, match=r"--me 'Zed Nobody': nobody of that name sent a message") as info:
        read_inputs(export(PEOPLE, rows), [], me="Zed Nobody")
    assert "--me https://www.linkedin.com/in/" in info.value.hint


def test_rows_without_any_participant_ask_for_me(export: Export) -> None:
    rows = [Msg.row("2-a", ("", ""), [("", "")], "2026-11-01 10:00:00 UTC")]  # no sender, no recipient
    with pytest.raises(InputError, match="cannot tell whose messages"):
        read_inputs(export(PEOPLE, rows), [])


def test_a_tie_is_settled_by_who_is_not_a_connection(export: Export) -> None:
    rows = [Msg.row("2-a", ADA, [ME], "2026-11-01 10:00:00 UTC")]  # one conversation: Ada and the owner
    inputs = read_inputs(export(PEOPLE, rows), [])
    assert inputs.owner == "linkedin.com/in/me-owner"
    assert inputs.owner_found_by == "most conversations, and not among the connections"


def test_undecidable_owner_asks_for_me(export: Export) -> None:
    strangers = [("X Person", url("x")), ("Y Person", url("y"))]
    rows = [Msg.row("2-a", strangers[0], [strangers[1]], "2026-11-01 10:00:00 UTC")]
    with pytest.raises(InputError, match="cannot tell whose messages") as info:
        read_inputs(export(PEOPLE, rows), [])
    assert "--me" in info.value.hint


def test_ignored_rows_are_counted_by_reason(export: Export) -> None:
    member = ("LinkedIn Member", "")
    broadcast = [(f"P{i}", url(f"p{i}")) for i in range(10)]  # 10 + the owner = 11 participants
    rows = [
        Msg.row("2-a", ADA, [ME], "2026-11-01 10:00:00 UTC"),
        Msg.row("2-a", ME, [ADA], "2026-11-01 11:00:00 UTC"),
        Msg.row("2-b", BO, [ME], "2026-11-01 10:00:00 UTC", folder="SPAM"),
        Msg.row("2-c", ME, [CY], "2026-11-01 10:00:00 UTC", folder="", draft="Yes"),
        Msg.row("2-d", member, [ME], "2026-11-01 10:00:00 UTC", title="Sponsored Conversation"),
        Msg.row("2-e", member, [ME], "2026-11-01 10:00:00 UTC"),
        Msg.row("2-f", ME, broadcast, "2026-11-01 10:00:00 UTC"),
        Msg.row("2-x", ME, [ME], "2026-11-01 10:00:00 UTC"),
    ]
    summary = messages_summary(export(PEOPLE, rows))
    assert summary.ignored_reasons == {
        "spam": 1,
        "draft": 1,
        "sponsored": 2,
        "broadcast": 1,
        "no_other_participant": 1,
    }
    assert (summary.rows, summary.used, summary.skipped) == (8, 2, 0)


def test_ten_participants_counting_the_owner_is_not_a_broadcast(export: Export) -> None:
    group = [(f"P{i}", url(f"p{i}")) for i in range(9)]
    rows = [Msg.row("2-f", ME, group, "2026-11-01 10:00:00 UTC"), Msg.row("2-a", ADA, [ME], "2026-11-01 10:00:00 UTC")]
    summary = messages_summary(export(PEOPLE, rows))
    assert summary.ignored_reasons == {}
    assert summary.used == 2


def test_multiline_content_and_names_with_commas(export: Export) -> None:
    sample = ("Bo Sample, PhD", url("bo"))
    rows = [
        Msg.row("2-a", sample, [ME], "2026-11-01 10:00:00 UTC", content='line one\nline "two", three'),
        Msg.row("2-a", ME, [sample], "2026-11-03 10:00:00 UTC", content="a\r\nb"),
        Msg.row("2-b", ADA, [ME], "2026-11-03 10:00:00 UTC"),
    ]
    got = touches(export(PEOPLE, rows))
    assert got["Bo Sample"] == [(date(2026, 11, 1), "in", 1), (date(2026, 11, 3), "out", 1)]


def test_several_messages_on_one_day_aggregate_with_a_count(export: Export) -> None:
    rows = [Msg.row("2-a", ADA, [ME], f"2026-11-01 {h:02d}:00:00 UTC") for h in (8, 9, 10)]
    rows.append(Msg.row("2-b", BO, [ME], "2026-11-01 10:00:00 UTC"))
    assert touches(export(PEOPLE, rows))["Ada Example"] == [(date(2026, 11, 1), "in", 3)]


ERA_2018 = ["From", "To", "Date", "Subject", "Content", "Direction", "Folder"]
ERA_2020 = ["FROM", "TO", "DATE", "SUBJECT", "CONTENT", "DIRECTION", "FOLDER"]
ERA_2021 = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
]
ERA_2023 = [*ERA_2021[:5], "RECIPIENT PROFILE URLS", *ERA_2021[5:]]
ERA_DEC_2024 = [*ERA_2023, "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"]


@pytest.mark.parametrize(
    ("header", "rows"),
    [
        (
            ERA_2018,
            [
                ["Ada Example", ME[0], "11/01/26, 10:00 AM", "", "hi", "INCOMING", "INBOX"],
                [ME[0], "Ada Example", "11/02/26, 10:00 AM", "", "yo", "OUTGOING", "SENT"],
            ],
        ),
        (
            ERA_2020,
            [
                ["Ada Example", ME[0], "2026-11-01T10:00:00", "", "hi", "INCOMING", "INBOX"],
                [ME[0], "Ada Example", "2026-11-02T10:00:00", "", "yo", "OUTGOING", "INBOX"],
            ],
        ),
        (
            ERA_2023,
            [
                ["2-a", "", *ADA, ME[0], ME_URL, "2026-11-01 10:00:00 UTC", "", "hi", "INBOX"],
                ["2-a", "", *ME, "Ada Example", url("ada"), "2026-11-02 10:00:00 UTC", "", "yo", "INBOX"],
                ["2-b", "", *BO, ME[0], ME_URL, "2026-11-02 10:00:00 UTC", "", "yo", "INBOX"],
            ],
        ),
        (
            ERA_DEC_2024,
            [
                ["2-a", "", *ADA, ME[0], ME_URL, "2026-11-01 10:00:00 UTC", "", "hi", "INBOX", "No", "No"],
                ["2-a", "", *ME, "Ada Example", url("ada"), "2026-11-02 10:00:00 UTC", "", "yo", "INBOX", "No", "No"],
                ["2-b", "", *BO, ME[0], ME_URL, "2026-11-02 10:00:00 UTC", "", "yo", "INBOX", "No", "No"],
            ],
        ),
    ],
    ids=["2018", "2020", "2023", "dec-2024"],
)
def test_every_header_era(export: Export, header: list[str], rows: list[list[str]]) -> None:
    folder = export(PEOPLE, None, **{"messages.csv": csv_text(header, rows)})
    got = touches(folder)
    assert got["Ada Example"] == [(date(2026, 11, 1), "in", 1), (date(2026, 11, 2), "out", 1)]


def test_2021_era_without_recipient_urls_matches_to_by_name(export: Export) -> None:
    rows = [
        ["2-a", "", *ADA, ME[0], "2026-11-01 10:00:00 UTC", "", "hi", "INBOX"],
        ["2-b", "", *BO, ME[0], "2026-11-01 10:00:00 UTC", "", "hi", "INBOX"],
        ["2-b", "", *ME, "Bo Sample", "2026-11-02 10:00:00 UTC", "", "yo", "INBOX"],
        ["2-c", "", *ME, "Cy Demo", "2026-11-03 10:00:00 UTC", "", "yo", "INBOX"],
    ]
    got = touches(export(PEOPLE, None, **{"messages.csv": csv_text(ERA_2021, rows)}))
    assert got["Ada Example"] == [(date(2026, 11, 1), "in", 1)]
    assert got["Bo Sample"] == [(date(2026, 11, 1), "in", 1), (date(2026, 11, 2), "out", 1)]
    assert got["Cy Demo"] == [(date(2026, 11, 3), "out", 1)]


def test_unreadable_dates_are_skipped_and_located(export: Export) -> None:
    rows = [
        Msg.row("2-a", ADA, [ME], "2026-11-01 10:00:00 UTC", content="two\nlines"),
        Msg.row("2-a", ADA, [ME], "not a date"),
        Msg.row("2-b", BO, [ME], "2026-11-01 10:00:00 UTC"),
    ]
    summary = messages_summary(export(PEOPLE, rows))
    assert [(s.line, s.reason) for s in summary.skips] == [(4, "unreadable date 'not a date'")]
    assert summary.used + summary.ignored + summary.skipped == summary.rows == 3


@pytest.mark.parametrize(
    ("odd", "skip"),
    [
        (None, None),
        ("", "missing date"),
        ("2026-11-03", None),
        ("3 Nov 2026", None),
        ("2026-02-30 10:00:00 UTC", "unreadable date '2026-02-30 10:00:00 UTC'"),
    ],
    ids=["iso-stamps-in-bulk", "empty", "date-only", "another-format", "a-day-that-does-not-exist"],
)
def test_stamps_of_every_shape_give_the_same_days(export: Export, odd: str | None, skip: str | None) -> None:
    """Stamps are read in bulk while every one has the ISO shape and a real day, otherwise one
    distinct value at a time. Either way the days are the same, and a bad stamp is located."""
    rows = [Msg.row("2-a", ADA, [ME], "2026-11-01 10:00:00 UTC"), Msg.row("2-a", ADA, [ME], "2026-11-02T08:00:00")]
    if odd is not None:
        rows.append(Msg.row("2-a", ADA, [ME], odd))
    path = export(PEOPLE, rows)
    assert [(s.line, s.reason) for s in messages_summary(path).skips] == ([(4, skip)] if skip else [])
    days = [d for d, _, _ in touches(path)["Ada Example"]]
    assert days == [date(2026, 11, 1), date(2026, 11, 2)] + ([date(2026, 11, 3)] if odd and not skip else [])


def test_standalone_messages_file_via_interactions(export: Export, write: Callable[..., Path]) -> None:
    folder = export(PEOPLE)
    extra = write(
        "my-messages.csv",
        csv_text(
            MESSAGES_2024[:10],
            [
                Msg.row("2-a", ADA, [ME], "2026-11-01 10:00:00 UTC")[:10],
                Msg.row("2-b", BO, [ME], "2026-11-01 10:00:00 UTC")[:10],
            ],
        ),
    )
    got = touches(folder, interactions=[extra])
    assert got["Ada Example"] == [(date(2026, 11, 1), Direction.IN.value, 1)]


def test_the_exports_owner_is_shown_when_a_standalone_file_has_another(
    export: Export, write: Callable[..., Path]
) -> None:
    """A second messages.csv (someone else's download) is read after the export's, whose owner wins."""
    folder = export(PEOPLE, [Msg.row("2-a", ADA, [ME], "2026-11-01 10:00:00 UTC")] * 2)
    theirs = [Msg.row(f"2-{i}", ADA, [p], "2026-11-01 10:00:00 UTC")[:10] for i, p in enumerate([BO, CY, BO])]
    extra = write("their-messages.csv", csv_text(MESSAGES_2024[:10], theirs))
    result = audit(folder, interactions=[extra])
    assert result.inputs.owner == "linkedin.com/in/me-owner"
    assert [s.kind for s in result.report.sources][:2] == [SourceKind.CONNECTIONS, SourceKind.MESSAGES]
