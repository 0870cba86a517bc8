"""The relationship model, pinned with small hand-built cases."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netaudit.attribute import attribute
from netaudit.directory import directory
from netaudit.evidence import Channel, Direction, Evidence, Touch
from netaudit.relationships import Population, growth, layers, person_row, recency, relationships
from netaudit.report_models import PersonRow, RelationshipClass
from netaudit.roster import Network, People, Person
from netaudit.settings import Model
from tests.helpers import population

A = date(2026, 11, 20)
W = 365
OUT, IN, MUTUAL = Direction.OUT, Direction.IN, Direction.MUTUAL


def who(name: str = "Ada Example", connected: date | None = date(2020, 1, 1)) -> Person:
    return Person(0, name, "", "", "", "", "", connected, 0)


def touch(days_ago: int, direction: Direction = OUT, channel: Channel = Channel.MESSAGE, count: int = 1) -> Touch:
    return Touch(A - timedelta(days=days_ago), direction, channel, count)


def stats(*touches: Touch, model: Model | None = None) -> PersonRow:
    return person_row(population([(who(), touches)], A, model), 0)


def pop(*cases: list[Touch], model: Model | None = None) -> Population:
    return population([(who(), touches) for touches in cases], A, model)


@pytest.mark.parametrize(
    ("touches", "expected"),
    [
        ([touch(1, IN), touch(2, OUT)], RelationshipClass.TWO_WAY),
        ([touch(200, MUTUAL, Channel.COFFEE)], RelationshipClass.TWO_WAY),
        ([touch(1, OUT), touch(50, OUT)], RelationshipClass.ONE_WAY_OUT),
        ([touch(3, IN)], RelationshipClass.ONE_WAY_IN),
        ([touch(400, IN), touch(401, OUT)], RelationshipClass.DORMANT),
        ([touch(5, OUT), touch(700, IN)], RelationshipClass.ONE_WAY_OUT),
        ([], RelationshipClass.NEVER),
    ],
    ids=["in-and-out", "only-mutual", "all-out", "all-in", "before-window", "reply-before-window", "nothing"],
)
def test_classes(touches: list[Touch], expected: RelationshipClass) -> None:
    assert stats(*touches).relationship is expected


def test_window_edges_are_inclusive_at_both_ends() -> None:
    assert stats(touch(W, MUTUAL)).relationship is RelationshipClass.TWO_WAY  # A - d == W: inside
    assert stats(touch(W + 1, MUTUAL)).relationship is RelationshipClass.DORMANT
    assert stats(touch(0, MUTUAL)).relationship is RelationshipClass.TWO_WAY  # today counts
    narrow = Model(window_days=30)
    assert stats(touch(31, MUTUAL), model=narrow).relationship is RelationshipClass.DORMANT


def test_interactions_after_as_of_are_ignored_and_counted() -> None:
    network = Network(people=People.of([who()]))
    evidence = Evidence()
    evidence.add(("Ada Example", "", ""), Touch(A + timedelta(days=1), MUTUAL, Channel.CALL, 2))
    result = attribute(directory(network.people), evidence, A)
    assert len(result.touches) == 0
    assert result.summary.ignored == {"after_as_of": 2}
    assert result.summary.total == 2


def test_counts_touch_days_and_recency_buckets() -> None:
    s = stats(touch(0, IN, count=3), touch(0, OUT), touch(10, MUTUAL, Channel.CALL), touch(500, OUT))
    assert (s.inbound, s.outbound, s.mutual, s.touch_days) == (3, 1, 1, 2)
    assert (s.last_interaction, s.days_since) == (A, 0)
    people = pop(*([touch(d, MUTUAL)] for d in (30, 31, 90, 91, 365, 366)), [])
    buckets = recency(people, hidden=2).model_dump(by_alias=True)
    assert buckets == {"0-30": 1, "31-90": 2, "91-365": 2, "366+": 1, "never": 3}


def test_hidden_profiles_are_never_and_contacts_ratio() -> None:
    rel = relationships(pop([touch(1, MUTUAL)], [touch(1, OUT)], []), hidden=3)
    assert (rel.two_way, rel.one_way_out, rel.never, rel.contacts) == (1, 1, 4, 5)
    assert rel.contacts_per_connection == 5.0
    assert relationships(pop([]), hidden=0).contacts_per_connection is None


def test_layers_are_nested_and_scaled_to_the_window() -> None:
    def every(days: int, n: int) -> list[Touch]:
        return [touch(i * days, MUTUAL) for i in range(n)]

    people = pop(every(3, 60), every(20, 15), every(60, 5), [touch(1, MUTUAL)], [touch(1, OUT)])
    assert [person_row(people, i).layer for i in range(5)] == ["support", "sympathy", "affinity", "active", None]
    got = {x.name: (x.members, x.capacity, x.difference) for x in layers(people, Model())}
    assert got == {"support": (1, 5, -4), "sympathy": (2, 15, -13), "affinity": (3, 50, -47), "active": (4, 150, -146)}
    half = Model(window_days=182)
    assert stats(*every(3, 26), model=half).layer == "support"  # 52 * 182/365 = 25.9 touch-days


def test_growth_puts_connections_beside_interactions() -> None:
    cases = [(who(connected=date(2024, 5, 1)), [touch(10, OUT, count=4)]), (who(connected=date(2026, 1, 1)), [])]
    people = population(cases, A)
    network = Network(people=people.people, hidden_connected_on=[date(2024, 1, 1)])
    rows = growth(network, people, A)
    assert [(g.year, g.connections_added, g.interactions) for g in rows] == [(2024, 2, 0), (2025, 0, 0), (2026, 1, 4)]


DAYS = st.integers(min_value=0, max_value=900)
DIRS = st.sampled_from(list(Direction))
CHANNELS = st.sampled_from(list(Channel))
TOUCHES = st.lists(st.builds(touch, DAYS, DIRS, CHANNELS, st.integers(1, 3)), max_size=12)


@given(TOUCHES, DAYS, CHANNELS)
def test_more_recent_contact_never_lowers_tie_strength(touches: list[Touch], days: int, channel: Channel) -> None:
    before = stats(*touches).tie_strength
    assert 0 <= before <= 100
    assert stats(*touches, touch(days, MUTUAL, channel)).tie_strength >= before


@given(TOUCHES, DAYS, DIRS)
def test_more_frequent_or_reciprocal_contact_never_lowers_tie_strength(
    touches: list[Touch], days: int, direction: Direction
) -> None:
    base = stats(*touches)
    more = stats(*touches, touch(days, direction, Channel.MEETING))
    assert more.tie_strength >= base.tie_strength


@pytest.mark.parametrize("far", [False, True], ids=["a-decade", "centuries-apart"])
def test_interactions_are_counted_per_calendar_year(far: bool) -> None:
    def on(day: date, count: int = 1) -> Touch:
        return Touch(day, OUT, Channel.MESSAGE, count)

    touches = [on(date(2025, 12, 31), 2), on(date(2026, 1, 1)), on(date(2026, 11, 20), 3), on(date(2016, 2, 29))]
    if far:
        touches.append(on(date(1, 1, 1)))
    years = pop(touches).years
    assert years == {2016: 1, 2025: 2, 2026: 4, **({1: 1} if far else {})}


def test_per_person_reductions_cover_everyone_and_nobody() -> None:
    import numpy as np

    from netaudit.attribute import Touches
    from netaudit.per_person import NONE, PerPerson

    touches = Touches(
        person=np.array([0, 0, 0, 2], np.int32),
        day=np.array([10, 10, 12, 5], np.int32),
        direction=np.zeros(4, np.int8),
        channel=np.array([3, 1, 0, 2], np.int8),
        count=np.array([1, 2, 3, 4], np.int32),
    )
    each = PerPerson(3, touches)
    assert each.interactions(None).tolist() == [6, 0, 4]
    assert each.latest(None).tolist() == [12, NONE, 5] and each.earliest(None).tolist() == [10, NONE, 5]
    assert each.distinct_days(None).tolist() == [2, 0, 1]
    on_day_ten = touches.day == 10
    assert each.channel_on(on_day_ten, each.latest(on_day_ten)).tolist() == [3, -1, -1]  # the highest on a tie
    assert each.any(touches.channel == 2).tolist() == [False, False, True]
    assert each.deepest(None, np.array([0.1, 0.2, 0.3, 0.4])).tolist() == [0.4, 0.0, 0.3]
