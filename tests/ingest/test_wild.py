"""Files seen in the wild (export fixtures of other projects): dates, eras of messages and whose
export it is (issue 13, items 3, 4 and 5)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from netaudit.errors import ExitStatus, InputError
from netaudit.ingest.dates import parse_date
from netaudit.ingest.recipients import split_to
from netaudit.ledger import SourceKind
from tests.helpers import ME, MESSAGES_2024, Msg, audit, csv_text, person, touches_by_name, url
from tests.ingest.test_messages import ERA_2021, touches

Export = Callable[..., Path]
EIGHT = ERA_2021[:-1]  # no recipient URLs and no FOLDER
RAVI = ("Ravi Menon", url("ravi"))
JANE = ("Jane Doe, Ph.D.", url("jane"))
PEOPLE = [person("Ravi", "Menon", "ravi"), person("Jane", "Doe, Ph.D.", "jane"), person("Ada", "Example", "ada")]


# item 3: a named connection is never dropped for a bad date; localised months
def test_a_named_connection_with_a_bad_date_is_counted_and_warned(cli: Callable[..., Any], export: Export) -> None:
    folder = export(
        [person("Ada", "Example", "ada"), person("Bo", "Sample", "", day="31/31/31"), ["", "", "", "", "", "", "soon"]]
    )
    result = audit(folder)
    assert result.report.network.size == 2  # Ada and Bo; the date-only row without a date is no one
    (connections,) = [s for s in result.report.sources if s.kind is SourceKind.CONNECTIONS]
    assert [(w.line, w.reason) for w in connections.warnings] == [
        (6, "unreadable date '31/31/31' in Connected On: connected date unknown")
    ]
    assert [(s.line, s.reason) for s in connections.skips] == [(7, "unreadable date 'soon' in Connected On")]
    shown = cli("analyze", folder, "--as-of", "2026-11-20")
    assert shown.exit_code == ExitStatus.OK
    assert "warning " in shown.stdout and "Connections.csv:6: unreadable date '31/31/31'" in shown.stdout
    assert "warning: 1 row(s) were read with a warning (first: " in shown.stderr
    assert "warning: 1 row(s) could not be read and were skipped" in shown.stderr
    assert "### Warnings" in cli("analyze", folder, "--as-of", "2026-11-20", "-f", "markdown").stdout


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("05 Okt 2020", date(2020, 10, 5)),  # de
        ("3 März 2021", date(2021, 3, 3)),
        ("1. Mai 2022", date(2022, 5, 1)),
        ("12 mars 2021", date(2021, 3, 12)),  # fr
        ("4 févr. 2021", date(2021, 2, 4)),
        ("5 juil. 2020", date(2020, 7, 5)),
        ("3 dic 2019", date(2019, 12, 3)),  # es, it
        ("9 ene 2019", date(2019, 1, 9)),
        ("1 mai 2022", date(2022, 5, 1)),  # fr, de, pt
        ("7 out 2019", date(2019, 10, 7)),  # pt
        ("7 fev 2019", date(2019, 2, 7)),
        ("8 giu 2019", date(2019, 6, 8)),  # it
        ("8 ott 2019", date(2019, 10, 8)),
        ("9 mrt 2019", date(2019, 3, 9)),  # nl
        ("9 mei 2019", date(2019, 5, 9)),
        ("15 September 2026", date(2026, 9, 15)),  # full English names
        ("2 jui 2020", None),  # juin or juillet: never guessed
        ("30 Feb 2026", None),
    ],
)
def test_localised_months_in_connected_on(export: Export, written: str, day: date | None) -> None:
    network = audit(export([person("Ada", "Example", "ada", day=written)])).population.people
    assert parse_date(written) == day
    assert network[0].connected_on == day


def test_localised_dates_in_other_columns(export: Export) -> None:
    invitations = csv_text(
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
        [["Ada Example", ME[0], "12 mars 2026", "Hi!", "INCOMING", url("ada"), ME[1]]],
    )
    got = touches_by_name(audit(export([person("Ada", "Example", "ada")], None, **{"Invitations.csv": invitations})))
    assert got["Ada Example"] == [(date(2026, 3, 12), "in", "invitation", 1)]


@pytest.mark.parametrize("written", ["01 Jan 0001", "31 Dec 1969", "01 Jan 1960", "01 Jan 2002"])
def test_dates_before_linkedin_never_crash_nor_flood_the_growth_table(export: Export, written: str) -> None:
    log = csv_text(
        ["date", "name", "channel"], [["0001-01-01", "Ada Example", "coffee"], ["1969-12-31", "Ada Example", "call"]]
    )
    rows = [Msg.row("2-a", ("Ada Example", url("ada")), [ME], "1965-06-01 10:00:00 UTC")]
    folder = export([person("Ada", "Example", "ada", day=written), person("Bo", "Sample", "bo")], rows)
    (folder / "log.csv").write_text(log)
    result = audit(folder, [folder / "log.csv"])
    assert result.population.people[0].connected_on is None
    assert [g.year for g in result.report.growth] == [2026]  # Bo, connected in 2026
    sources = {s.kind: s for s in result.report.sources}
    assert "suspicious date" in sources[SourceKind.CONNECTIONS].warnings[0].reason
    assert [s.reason for s in sources[SourceKind.MESSAGES].skips] == [
        "suspicious date '1965-06-01 10:00:00 UTC' (before LinkedIn existed)"
    ]
    assert [s.line for s in sources[SourceKind.INTERACTION_LOG].skips] == [2, 3]


# item 4: every era of messages
def test_a_group_reply_of_the_nine_column_era_counts_for_each_person(export: Export) -> None:
    rows = [
        ["2-g", "", *RAVI, "Mo Owner, Jane Doe, Ph.D.", "2026-11-01 10:00:00 UTC", "", "hi all", "INBOX"],
        ["2-g", "", "Kim Lee, MBA", url("kim"), "Mo Owner, Ravi Menon, Jane Doe, Ph.D.", "2026-11-01 11:00:00 UTC", "", "hey", "INBOX"],
        ["2-g", "", *ME, "Ravi Menon, Jane Doe, Ph.D., Kim Lee, MBA", "2026-11-02 10:00:00 UTC", "", "hello", "INBOX"],
        ["2-h", "", *ME, "Ravi Menon, Someone Unknown, Jr.", "2026-11-03 10:00:00 UTC", "", "yo", "INBOX"],
    ]  # fmt: skip
    folder = export(PEOPLE, None, **{"messages.csv": csv_text(ERA_2021, rows)})
    got = touches(folder, me=ME[1])
    assert got["Ravi Menon"] == [
        (date(2026, 11, 1), "in", 1),
        (date(2026, 11, 2), "out", 1),
        (date(2026, 11, 3), "out", 1),
    ]
    assert got["Jane Doe, Ph.D."] == [(date(2026, 11, 2), "out", 1)]
    unmatched = {u.name: u.interactions for u in audit(folder, me=ME[1]).report.interactions.top_unmatched}
    # Kim (a sender of the conversation, not a connection) was split off by name; the rest is never guessed
    assert unmatched == {"Kim Lee, MBA": 2, "Someone Unknown, Jr.": 1}


def test_splitting_to_never_guesses() -> None:
    known = frozenset({"ravi menon", "jane doe, ph.d.", "jane doe"})
    assert split_to(
        ["Ravi Menon, Jane Doe, Ph.D.", "Jane Doe, Ph.D.", "A B, C D", "Ravi Menon,Jane Doe", "Solo Name"],
        known,
    ) == [
        ["Ravi Menon", "Jane Doe, Ph.D."],
        ["Jane Doe, Ph.D."],
        ["A B, C D"],
        ["Ravi Menon", "Jane Doe"],
        ["Solo Name"],
    ]


def test_draft_flags_of_every_spelling_and_a_draft_folder(export: Export) -> None:
    ada = ("Ada Example", url("ada"))
    rows = [
        Msg.row("2-a", ME, [ada], "2026-11-01 10:00:00 UTC", draft="true"),
        Msg.row("2-a", ME, [ada], "2026-11-02 10:00:00 UTC", draft="false"),
        Msg.row("2-a", ME, [ada], "2026-11-03 10:00:00 UTC", folder="DRAFT"),
        Msg.row("2-a", ME, [ada], "2026-11-04 10:00:00 UTC", draft="Yes"),
    ]
    folder = export(PEOPLE, None, **{"messages.csv": csv_text(MESSAGES_2024, rows)})
    assert touches(folder, me=ME[1])["Ada Example"] == [(date(2026, 11, 2), "out", 1)]
    (messages,) = [s for s in audit(folder, me=ME[1]).report.sources if s.kind is SourceKind.MESSAGES]
    assert messages.ignored_reasons == {"draft": 3}


def test_a_date_with_an_offset_is_its_utc_day(export: Export) -> None:
    ada = ("Ada Example", url("ada"))
    rows = [
        Msg.row("2-a", ada, [ME], "2026-11-01T23:30:00-05:00"),  # 04:30 UTC on the 2nd
        Msg.row("2-a", ME, [ada], "2026-11-03T01:30:00+02:00"),  # 23:30 UTC on the 2nd
    ]
    folder = export(PEOPLE, None, **{"messages.csv": csv_text(MESSAGES_2024, rows)})
    assert touches(folder, me=ME[1])["Ada Example"] == [(date(2026, 11, 2), "in", 1), (date(2026, 11, 2), "out", 1)]


# item 5: whose export it is
def test_me_by_name_matches_the_owners_rows_without_a_sender_url(cli: Callable[..., Any], export: Export) -> None:
    rows = [
        ["2-a", "", *RAVI, "Mo Owner", "2026-11-01 10:00:00 UTC", "", "hi"],
        ["2-a", "", "Mo Owner", "", "Ravi Menon", "2026-11-02 10:00:00 UTC", "", "hello"],
        ["2-b", "", "Ada Example", url("ada"), "Mo Owner", "2026-11-01 10:00:00 UTC", "", "hi"],
    ]
    folder = export(PEOPLE, None, **{"messages.csv": csv_text(EIGHT, rows)})
    with pytest.raises(InputError, match="cannot tell whose messages"):
        audit(folder)
    got = touches(folder, me="Mo Owner")
    assert got["Ravi Menon"] == [(date(2026, 11, 1), "in", 1), (date(2026, 11, 2), "out", 1)]
    result = cli("analyze", folder, "--me", "Mo Owner", "--as-of", "2026-11-20", "-f", "json")
    report = json.loads(result.stdout)
    assert report["relationships"]["two_way"] == 1
    assert report["owner"] == "mo owner (--me, matched by FROM)"


def test_profile_csv_by_its_own_header(export: Export) -> None:
    profile = "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location\nMo,Owner,,,,Builder,,IT,,"
    followers = (
        "First Name,Last Name,URL,Headline,Industry,Location\nRavi,Menon,https://www.linkedin.com/in/ravi,Eng,IT,X"
    )
    rows = [
        Msg.row("2-a", RAVI, [ME], "2026-11-01 10:00:00 UTC"),
        Msg.row("2-b", ("Ada Example", url("ada")), [ME], "2026-11-01 10:00:00 UTC"),
        Msg.row("2-b", ME, [("Ada Example", url("ada"))], "2026-11-01 10:00:00 UTC"),
        Msg.row("2-a", ME, [RAVI], "2026-11-01 10:00:00 UTC"),
    ]
    folder = export(PEOPLE, rows, **{"Profile.csv": profile, "Followers.csv": followers})
    assert audit(folder).report.owner == f"{ME[1].removeprefix('https://www.')} (Profile.csv and most conversations)"


def test_splitting_to_loses_no_part_and_finds_every_known_name() -> None:
    """Fixed-seed fuzzing: the names found, joined again, are the TO as written; every name in
    the list that is known (and not part of a longer known name) is found."""
    import random

    from netaudit.identity import name_key

    rng = random.Random(13)
    pool = ["Ravi Menon", "Jane Doe, Ph.D.", "Ana Lima", "Bo Sample, PhD, MBA", "Cy Ex", "Dee Unknown", "Ed, Jr."]
    known = frozenset(name_key(n) for n in pool[:5])
    for _ in range(300):
        names = rng.sample(pool, rng.randint(1, len(pool)))
        text = ", ".join(names)
        (found,) = split_to([text], known)
        assert ", ".join(found) == text
        if any(name_key(n) in known for n in names):
            assert {n for n in names if name_key(n) in known} <= set(found)
