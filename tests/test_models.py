"""The typed hand-offs of ingest: the people and evidence tables are checked where they are made."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from netaudit.evidence import Channel, Direction, Evidence, Touch, evidence_schema
from netaudit.roster import People, Person, people_schema


def person(name: str, key: str) -> Person:
    return Person(0, name, key, f"https://www.linkedin.com/in/{key}", "", "", "", date(2024, 1, 2), 1)


def test_people_of_the_documented_schema_are_accepted_and_keep_their_rows() -> None:
    people = People.of([person("Ada Example", "ada"), person("Bo Sample", "bo")])
    assert people.table.schema.equals(people_schema())
    assert people.name == ["Ada Example", "Bo Sample"]
    assert people[1].url_key == "bo"
    people.name_keys  # noqa: B018 (worked out once, kept as a column)
    assert People(people.table).table.schema.equals(people_schema(with_name_key=True))


def test_a_people_table_of_another_shape_is_refused() -> None:
    table = People.of([person("Ada Example", "ada")]).table
    wrong = table.set_column(table.schema.get_field_index("record"), "record", pa.array(["1"], pa.string()))
    with pytest.raises(TypeError, match="people of another shape"):
        People(wrong)


def evidence_batch(day: pa.Array) -> pa.Table:
    text = pa.array(["Ada Example"], pa.string())
    return pa.table(
        {
            "name": text,
            "url": text.dictionary_encode(),
            "email": pa.array([""], pa.string()),
            "day": day,
            "direction": pa.array([0], pa.int8()),
            "channel": pa.array([0], pa.int8()),
            "count": pa.array([1], pa.int32()),
        }
    )


def test_evidence_batches_and_rows_make_one_table_of_the_schema() -> None:
    evidence = Evidence()
    evidence.add(("Bo Sample", "", ""), Touch(date(2024, 1, 3), Direction.IN, Channel.CALL))
    evidence.add_batch(evidence_batch(pa.array([date(2024, 1, 2)], pa.date32())), "messages.csv")
    evidence.add_batch(evidence_batch(pa.array([date(2024, 1, 2)], pa.date32())).slice(0, 0), "empty.csv")  # no rows
    table = evidence.table()
    assert table.schema.equals(evidence_schema())
    assert table.column("name").to_pylist() == ["Bo Sample", "Ada Example"]
    names, origin = evidence.origins()
    assert names == ["", "messages.csv"] and origin.tolist() == [0, 1]


def test_an_evidence_batch_of_another_shape_is_refused() -> None:
    with pytest.raises(TypeError, match="evidence column day is string"):
        Evidence().add_batch(evidence_batch(pa.array(["2024-01-02"], pa.string())))
