"""Follow-ups: each reason, their precedence, the stop after 3 unanswered, and the ranking."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from netaudit.evidence import Channel, Direction, Touch
from netaudit.render.csv import neutralise
from netaudit.report_models import Reason
from netaudit.roster import Person
from netaudit.settings import Followups, Model
from netaudit.suggestions import suggest
from tests.helpers import CONNECTIONS_2023, audit, csv_text, population

A = date(2026, 11, 20)
OUT, IN, MUTUAL = Direction.OUT, Direction.IN, Direction.MUTUAL
MSG, ENDORSE = Channel.MESSAGE, Channel.ENDORSEMENT


def t(days_ago: int, direction: Direction, channel: Channel = MSG, count: int = 1) -> Touch:
    return Touch(A - timedelta(days=days_ago), direction, channel, count)


def one(*touches: Touch, name: str = "Ana Example", connected_days_ago: int = 1000, drafts: bool = False):  # type: ignore[no-untyped-def]
    person = Person(
        0,
        name,
        "",
        f"https://www.linkedin.com/in/{name.lower().replace(' ', '-')}",
        "",
        "",
        "",
        A - timedelta(days=connected_days_ago),
        0,
    )
    found, total, _ = suggest(population([(person, touches)], A, Model()), Followups(), drafts)
    assert total == len(found)
    return found[0] if found else None


@pytest.mark.parametrize(
    ("touches", "connected", "reason", "explanation"),
    [
        ([t(30, OUT), t(12, IN)], 1000, Reason.UNANSWERED, "Ana wrote to you 12 days ago and hasn't heard back."),
        (
            [t(5, IN, Channel.INVITATION)],
            1000,
            Reason.UNANSWERED,
            "Ana sent you an invitation note 5 days ago and hasn't heard back.",
        ),
        (
            [t(100, MUTUAL, Channel.CALL), t(40, IN, ENDORSE)],
            1000,
            Reason.RECIPROCATE,
            "Ana endorsed you 40 days ago; you have never endorsed or recommended them.",
        ),
        (
            [t(200, IN), t(150, OUT)],
            1000,
            Reason.FADING,
            "You and Ana were in touch both ways in the last year, but the last contact was 150 days ago.",
        ),
        ([], 10, Reason.THANK_NEW, "You connected with Ana 10 days ago and haven't exchanged a word since."),
        (
            [t(800, MUTUAL, Channel.COFFEE)],
            1000,
            Reason.RECONNECT,
            "You and Ana used to talk both ways; the last contact was 2 years ago.",
        ),
        (
            [t(20, OUT), t(60, OUT)],
            1000,
            Reason.ONE_WAY,
            "You reached out to Ana 2 times in the last year and nothing came back; the last time was 20 days ago.",
        ),
    ],
    ids=["unanswered", "unanswered-invitation", "reciprocate", "fading", "thank-new", "reconnect", "one-way"],
)
def test_each_reason_with_its_evidence(touches: list[Touch], connected: int, reason: Reason, explanation: str) -> None:
    found = one(*touches, connected_days_ago=connected)
    assert found is not None
    assert (found.reason, found.explanation) == (reason, explanation)


@pytest.mark.parametrize(
    "touches",
    [
        [],  # never, and not new
        [t(1, MUTUAL, Channel.COFFEE)],  # two-way and recent: nothing to do
        [t(800, OUT), t(900, OUT)],  # dormant, but it was never two-way
        [t(10, OUT), t(20, OUT), t(30, OUT)],  # three unanswered messages: stop chasing
        [t(10, OUT, count=3)],
        [t(12, IN), t(12, OUT)],  # answered the same day
        [t(12, IN), t(3, MUTUAL, Channel.CALL)],  # answered by a call
        [t(400, IN)],  # an old message is not "unanswered": it is out of the window
    ],
)
def test_no_suggestion(touches: list[Touch]) -> None:
    assert one(*touches) is None


def test_precedence_unanswered_beats_reciprocate_beats_fading() -> None:
    assert one(t(200, OUT), t(150, IN, ENDORSE), t(120, IN)).reason is Reason.UNANSWERED
    assert one(t(200, OUT), t(150, IN), t(120, IN, ENDORSE)).reason is Reason.RECIPROCATE
    # returned favour: no longer reciprocate, but still fading
    assert (
        one(t(200, OUT), t(150, IN), t(120, IN, ENDORSE), t(1000, OUT, Channel.RECOMMENDATION)).reason is Reason.FADING
    )
    # new and unanswered: unanswered wins
    assert one(t(3, IN), connected_days_ago=5).reason is Reason.UNANSWERED


def test_hidden_profiles_are_never_suggested(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(csv_text(CONNECTIONS_2023, [["", "", "", "", "", "", "19 Nov 2026"]]))
    result = audit(path)
    assert result.report.network.hidden_profiles == 1
    assert result.report.followups == []


def test_ranking_is_by_priority_then_name_and_top_is_a_prefix_of_all() -> None:
    people = [
        Person(i, name, "", "", "", "", "", A - timedelta(days=1000), 0)
        for i, name in enumerate(["Cy", "Bo", "Ada", "Di"])
    ]
    touches = [[t(3, IN)], [t(3, IN)], [t(800, MUTUAL)], [t(20, OUT)]]
    pop = population(list(zip(people, touches, strict=True)), A, Model())
    every, total, matched = suggest(pop, Followups())
    assert total == matched == 4
    assert [(f.rank, f.name, f.reason.value) for f in every] == [
        (1, "Bo", "unanswered"),
        (2, "Cy", "unanswered"),
        (3, "Ada", "reconnect"),
        (4, "Di", "one_way"),
    ]
    assert [f.priority for f in every] == sorted((f.priority for f in every), reverse=True)
    for n in range(5):
        assert [f.model_dump() for f in suggest(pop, Followups(), limit=n)[0]] == [f.model_dump() for f in every[:n]]
    only, total, matched = suggest(pop, Followups(), only=[Reason.UNANSWERED, Reason.ONE_WAY])
    assert [(f.rank, f.name) for f in only] == [(1, "Bo"), (2, "Cy"), (3, "Di")] and total == 4 and matched == 3
    assert [f.name for f in suggest(pop, Followups(), limit=1, only=[Reason.ONE_WAY]).items] == ["Di"]


def test_priority_grows_with_tie_strength_and_overdue() -> None:
    weak = one(t(20, IN))
    strong = one(t(20, IN), t(25, MUTUAL, Channel.MEAL), t(40, MUTUAL, Channel.MEAL))
    older = one(t(90, IN))
    assert weak and strong and older
    assert strong.priority > weak.priority
    assert older.priority > weak.priority


def test_drafts_fit_the_reason() -> None:
    found = one(t(40, IN, Channel.RECOMMENDATION), t(100, MUTUAL, Channel.CALL), drafts=True)
    assert found is not None and found.draft is not None
    assert found.draft.startswith("Hi Ana, thank you for the recommendation")
    assert one(t(40, IN)).draft is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ada", "Ada"),
        (None, ""),
        (12, "12"),
    ],
)
def test_csv_neutralises_formulas(value: object, expected: str) -> None:
    assert neutralise(value) == expected


def test_priority_formula() -> None:
    found = one(t(30, OUT), t(12, IN))
    assert found is not None
    # documented: urgency + 0.3 * tie strength + 20 * min(1, days since / 365)
    assert found.priority == round(100 + 0.3 * found.tie_strength + 20 * 12 / 365, 1)


def test_evidence_names_a_custom_window() -> None:
    person = Person(0, "Ana Example", "", "", "", "", "", A - timedelta(days=1000), 0)
    found, _, _ = suggest(population([(person, [t(20, OUT)])], A, Model(window_days=90)), Followups())
    assert found[0].explanation.startswith("You reached out to Ana once in the last 90 days")
