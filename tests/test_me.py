"""`--me` takes several values (name, profile URL, e-mail addresses); each reader takes what it needs."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from netaudit.history import History, _me
from netaudit.me import Me
from netaudit.settings import Settings
from tests.helpers import EXAMPLES


def test_values_are_sorted_into_names_urls_and_normalised_emails() -> None:
    me = Me.of([" Robin Owner ", "https://www.linkedin.com/in/robin", "Robin@Example.ORG", "", "robin@example.org"])
    assert me.names == ("Robin Owner",)
    assert me.urls == ("https://www.linkedin.com/in/robin",)
    assert me.emails == ("robin@example.org",)  # normalised once, duplicates dropped
    assert me.on_linkedin == "https://www.linkedin.com/in/robin"  # LinkedIn's messages know a URL best
    assert Me.of(["Robin Owner", "r@x.org"]).on_linkedin == "Robin Owner"
    assert Me.of(["r@x.org"]).on_linkedin is None  # e-mail addresses never appear in messages.csv
    assert not Me.of([]) and not Me.of(["  "]) and Me.of(["r@x.org"])


def test_a_name_with_an_at_sign_and_spaces_is_a_name() -> None:
    assert Me.of(["Robin @ Home"]).names == ("Robin @ Home",)


def test_the_config_takes_one_value_or_a_list() -> None:
    assert Settings.model_validate({"me": "Robin"}).me == ["Robin"]
    assert Settings.model_validate({"me": ["Robin", "r@x.org"]}).me == ["Robin", "r@x.org"]
    assert Settings().me == []


def test_me_is_repeatable_on_the_command_line(cli: Any, tmp_path: Path) -> None:
    export = EXAMPLES / "linkedin-export"
    run = ("analyze", str(export), "--as-of", "2026-11-01", "-f", "json")
    alone = cli(*run)
    both = cli(*run, "--me", "Robin Owner-Example", "--me", "robin@example.org")
    assert alone.exit_code == 0 and both.exit_code == 0, both.stderr
    assert json.loads(both.stdout)["interactions"] == json.loads(alone.stdout)["interactions"]


def test_a_run_remembers_every_me_value_and_reads_the_history_of_older_versions() -> None:
    assert _me(None) == [] and _me("") == []
    assert _me("Robin Owner") == ["Robin Owner"]  # written before --me took several values
    assert _me('["Robin", "r@x.org"]') == ["Robin", "r@x.org"]
    assert _me("[not json") == ["[not json"]


@pytest.mark.parametrize("stored", ["Robin Owner-Example", '["Robin Owner-Example"]'])
def test_the_last_runs_me_is_used_when_none_is_given(cli: Any, tmp_path: Path, stored: str) -> None:
    export = EXAMPLES / "linkedin-export"
    first = cli("analyze", str(export), "--as-of", "2026-11-01", "--me", "Robin Owner-Example", "-f", "json")
    assert first.exit_code == 0, first.stderr
    database = next((tmp_path / "state").rglob("*.sqlite*"))
    with closing(sqlite3.connect(database)) as db, db:  # closed: Python 3.13 warns of an open one
        assert json.loads(db.execute("SELECT me FROM runs").fetchone()[0]) == ["Robin Owner-Example"]
        db.execute("UPDATE runs SET me = ?", (stored,))
        (path,) = db.execute("SELECT export FROM runs").fetchone()
    last = History(database.parent).last()
    assert last is not None and last.me == ["Robin Owner-Example"] and Path(path) == export.resolve()
    again = cli("analyze", "--as-of", "2026-11-01", "-f", "json")  # no PATH, no --me: those of the last run
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["interactions"] == json.loads(first.stdout)["interactions"]
    with closing(sqlite3.connect(database)) as db, db:  # closed: Python 3.13 warns of an open one
        db.execute("UPDATE runs SET me = ?", ('["Zed Nobody"]',))
    wrong = cli("analyze", "--as-of", "2026-11-01", "-f", "json")  # the stored --me is the one used
    assert wrong.exit_code == 2 and "--me 'Zed Nobody'" in wrong.stderr
