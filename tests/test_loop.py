"""issue 19, the follow-up loop: act by rank, name or URL; one log every run reads; snoozes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import EXAMPLES, ROOT

EXPORT = EXAMPLES / "linkedin-export"
INPUTS = (EXPORT, "-i", EXAMPLES / "interactions.csv")
AS_OF = ("--as-of", "2026-11-20")
LENA = "https://www.linkedin.com/in/lena-pretend-3f8"  # #1 on the examples


def listed(cli: Any, *args: Any) -> list[dict[str, Any]]:
    result = cli("followups", *INPUTS, *AS_OF, "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)["followups"]
    return found


def test_done_by_rank_logs_it_and_the_next_run_reads_it(cli: Any, tmp_path: Path) -> None:
    before = json.loads(cli("analyze", *INPUTS, *AS_OF, "-f", "json").stdout)
    assert listed(cli)[0]["profile_url"] == LENA
    result = cli("done", "1", *AS_OF)
    assert result.exit_code == 0, result.stderr
    assert "done: message with Lena Pretend (Designer at Acme) on 2026-11-20" in result.stderr
    log = tmp_path / "state" / "interactions.csv"
    assert f"2026-11-20,Lena Pretend,{LENA},,message,out," in log.read_text()
    assert LENA not in [f["profile_url"] for f in listed(cli)]  # answered: no longer unanswered
    after = json.loads(cli("analyze", *INPUTS, *AS_OF, "-f", "json").stdout)
    assert after["interactions"]["matched"] == before["interactions"]["matched"] + 1
    assert str(log) in [s["path"] for s in after["sources"]]  # the default log is listed as read


@pytest.mark.parametrize("reason", ["unanswered", "fading", "thank_new", "reconnect"])
def test_done_answers_the_reason(cli: Any, reason: str) -> None:
    first = listed(cli, "--reason", reason, "-n", "1")[0]
    assert cli("done", "1", *AS_OF).exit_code == 0
    again = [f for f in listed(cli, "--all") if f["profile_url"] == first["profile_url"]]
    assert all(f["reason"] not in ("unanswered", "fading", "thank_new", "reconnect") for f in again)


def test_a_name_or_url_works_where_a_rank_does(cli: Any) -> None:
    listed(cli)  # the export to read comes from the listing
    assert cli("done", LENA, *AS_OF, "-c", "coffee", "-d", "mutual", "--note", "lisbon").exit_code == 0
    result = cli("done", "Lena Pretend", *AS_OF)
    assert result.exit_code == 2 and "is the name of 3 connections" in result.stderr
    ximena = cli("snooze", "Ximena Øster", *AS_OF)
    assert ximena.exit_code == 2 and "#2 Ximena Øster (Recruiter at Umbrella Fictional)" in ximena.stderr
    assert "give the rank or the profile URL" in ximena.stderr


def test_a_rank_from_other_data_is_refused_with_why(cli: Any, tmp_path: Path) -> None:
    assert cli("done", "1", *AS_OF).exit_code == 2  # no listing yet
    log = tmp_path / "coffee.csv"
    log.write_text((EXAMPLES / "interactions.csv").read_text())
    cli("followups", EXPORT, "-i", log, *AS_OF)
    result = cli("done", "1", "--as-of", "2026-11-21")
    assert result.exit_code == 2 and "made as of 2026-11-20, and this run is as of 2026-11-21" in result.stderr
    assert "run `netaudit followups` again" in result.stderr
    with log.open("a") as handle:
        handle.write("2026-11-19,Ada Imaginary,,,call,,\n")
    result = cli("done", "1", *AS_OF)
    assert result.exit_code == 2 and f"{log} changed since it was made" in result.stderr
    assert cli("done", "99", *AS_OF).exit_code == 2
    assert not (tmp_path / "state" / "interactions.csv").exists()


def test_snooze_ignore_snoozed_unsnooze(cli: Any) -> None:
    first, second = listed(cli)[:2]
    assert "snoozed Lena Pretend (Designer at Acme) for 30 days" in cli("snooze", "1", *AS_OF).stderr
    assert cli("ignore", "2", *AS_OF).exit_code == 0
    assert cli("followups", *INPUTS, *AS_OF, "--snooze", "Elif Specimen", "--days", "5").exit_code == 0
    shown = cli("snoozed", *AS_OF).stdout.splitlines()
    assert shown == [
        "Elif Specimen\tsnoozed until 2026-11-25",
        "Lena Pretend\tsnoozed until 2026-12-20",
        "Ximena Øster\tignored",
    ]
    urls = [f["profile_url"] for f in listed(cli, "--all")]
    assert first["profile_url"] not in urls and second["profile_url"] not in urls
    assert "may be suggested again" in cli("unsnooze", "Ximena Øster", *AS_OF).stderr  # by the name snoozed
    assert "may be suggested again" in cli("unsnooze", LENA, *AS_OF).stderr
    assert cli("snoozed", *AS_OF).stdout.splitlines() == ["Elif Specimen\tsnoozed until 2026-11-25"]
    assert "neither snoozed nor ignored" in cli("unsnooze", LENA, *AS_OF).stderr
    assert second["profile_url"] in [f["profile_url"] for f in listed(cli, "--all")]


def test_log_without_config_appends_to_the_default_log(cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    cli("analyze", *INPUTS, *AS_OF)  # so that `log` knows the connections
    result = cli("log", LENA, "-c", "call", "--date", "2026-11-19")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "state" / "interactions.csv").is_file()
    other = cli("log", LENA, "-c", "call", "--date", "2026-11-19", "--file", tmp_path / "elsewhere.csv")
    assert other.exit_code == 0 and f"note: runs do not read {tmp_path / 'elsewhere.csv'}" in other.stderr


CONCURRENT = """
import sys
from datetime import date
from pathlib import Path
from netaudit import loop, logbook
from netaudit.ingest.log import LogEntry
state, who = Path(sys.argv[1]), sys.argv[2]
for i in range(40):
    loop.record(state, loop.Decision(on=date(2026, 11, 20), action="label", person=f"{who}{i}", name=who, label="close"))
    entry = LogEntry(date=date(2026, 11, 20), name=f"{who} {i}", channel="call")
    logbook.append(state / "interactions.csv", entry)
"""


def test_two_processes_appending_lose_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = [subprocess.Popen([sys.executable, "-c", CONCURRENT, str(tmp_path), who], env=env) for who in ("Ann", "Bob")]
    assert [p.wait(timeout=120) for p in runs] == [0, 0]
    from netaudit import loop

    labels = loop.decisions(tmp_path).labels
    assert len(labels) == 80
    lines = (tmp_path / "interactions.csv").read_text().splitlines()
    assert lines[0].startswith("date,") and len(lines) == 81 and len(set(lines[1:])) == 80


def test_labels_teach_it_who_matters(cli: Any) -> None:
    fading = listed(cli, "--reason", "fading", "-n", "2")
    assert "labelled" in cli("label", "1", "stranger", *AS_OF).stderr
    assert cli("label", "2", "close", *AS_OF).exit_code == 0
    assert cli("label", LENA, "Close", *AS_OF).exit_code == 0
    bad = cli("label", LENA, "bestie", *AS_OF)
    assert bad.exit_code == 2 and "choose from close, friend, acquaintance, stranger" in bad.stderr
    again = {f["profile_url"]: f["reason"] for f in listed(cli, "--all")}
    assert fading[0]["profile_url"] not in again  # a stranger is never asked to revive the tie
    assert again[fading[1]["profile_url"]] == "fading"
    report = json.loads(cli("analyze", *INPUTS, *AS_OF, "-f", "json").stdout)
    agreement = report["agreement"]
    assert agreement["labelled"] == 3
    close, stranger = agreement["labels"]
    assert (close["label"], close["people"], close["two_way"]) == ("close", 2, 2)
    assert close["summary"] == (
        f"Of the 2 people you call close, netaudit sees 2 as two-way and {close['inner_layers']} in your inner layers."
    )
    assert (stranger["label"], stranger["people"], sum(stranger["classes"].values())) == ("stranger", 1, 1)
    assert json.loads(cli("analyze", *INPUTS, *AS_OF, "-f", "json", "--redact").stdout)["agreement"] == agreement
    for fmt in ("table", "markdown", "html"):  # the agreement is in every format, not only JSON
        shown = cli("analyze", *INPUTS, *AS_OF, "-f", fmt).stdout
        assert "Against your labels" in shown and "you call stranger" in shown, fmt
        assert "you call close" in " ".join(shown.split()), fmt


def test_state_cut_by_hand_is_reported_or_passed_over(cli: Any, tmp_path: Path) -> None:
    listed(cli)
    state = tmp_path / "state"
    (state / "decisions.jsonl").write_text('{"on": "2026-11-20", "action": "snooze", "person": "x", "na\n')
    assert cli("snooze", "1", *AS_OF).exit_code == 0  # the cut line decides nothing; the new one lands whole
    assert cli("snoozed", *AS_OF).stdout == "Lena Pretend\tsnoozed until 2026-12-20\n"
    (state / "followups-listing.json").write_text("{not json")
    result = cli("done", "2", *AS_OF)
    assert result.exit_code == 2 and "the last listing of follow-ups cannot be read" in result.stderr
    assert "run `netaudit followups` again" in result.stderr


def test_other_settings_make_a_rank_stale(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    listed(cli)
    (tmp_path / "netaudit.toml").write_text("[followups]\nfading_after_days = 30\n")
    result = cli("ignore", "1", *AS_OF)
    assert result.exit_code == 2 and "it was made with other settings" in result.stderr


def test_under_redaction_the_loop_names_nobody(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    listed(cli)
    monkeypatch.setenv("CI", "true")
    done = cli("done", "1", *AS_OF)
    assert done.exit_code == 0 and "Lena" not in done.stderr and "L.P. #" in done.stderr
    assert cli("snooze", "2", *AS_OF).exit_code == 0
    shown = cli("snoozed", *AS_OF).stdout
    from netaudit.privacy import tag

    assert (
        shown
        == tag("Ximena Øster", "https://www.linkedin.com/in/ximena-%C3%B8ster-31") + "\tsnoozed until 2026-12-20\n"
    )
    report = json.loads(cli("followups", *INPUTS, *AS_OF, "-f", "json").stdout)
    assert shown.split("\t")[0] not in [f["name"] for f in report["followups"]]  # snoozed: not listed


def test_a_bad_date_is_an_input_error(cli: Any) -> None:
    listed(cli)
    result = cli("done", "1", *AS_OF, "--date", "yesterday")
    assert result.exit_code == 2 and "--date 'yesterday' is not a date" in result.stderr
    assert "NAME|RANK" in cli("done", "--help").stdout
