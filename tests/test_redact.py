"""Redaction: in every format, people become initials and a stable tag; totals do not change."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from netaudit.privacy import should_redact, tag
from tests.helpers import EXAMPLES

EXPORT, LOG = EXAMPLES / "linkedin-export", EXAMPLES / "interactions.csv"
RUN = (EXPORT, "-i", LOG, "--as-of", "2026-11-20")
URL = re.compile(r"linkedin\.com/in/[^\s\"',|)]+")


def test_tags_are_stable_and_hide_the_name() -> None:
    assert tag("Ada Example", "https://www.linkedin.com/in/ada") == tag("ADA  example", "http://linkedin.com/in/Ada/")
    assert tag("Ada Example", "https://www.linkedin.com/in/ada") != tag(
        "Ada Example", "https://www.linkedin.com/in/ada-2"
    )
    assert re.fullmatch(r"A\.E\. #[0-9a-f]{6}", tag("Ada Example"))
    assert should_redact("auto", ci=True, flag=None) and not should_redact("auto", ci=False, flag=None)
    assert not should_redact("always", ci=True, flag=False) and should_redact("never", ci=False, flag=True)


def real_names(cli: Any) -> set[str]:
    report = json.loads(cli("analyze", *RUN, "-f", "json", "--people", "--no-redact").stdout)
    return {p["name"] for p in report["people"]}


@pytest.mark.parametrize(
    "args",
    [("analyze", *RUN), ("analyze", *RUN, "-f", "json", "--people"), ("analyze", *RUN, "-f", "markdown"),
     ("analyze", *RUN, "-f", "html"), ("followups", *RUN, "--all", "--drafts"), ("followups", *RUN, "-f", "json", "--all"),
     ("followups", *RUN, "-f", "markdown"), ("followups", *RUN, "-f", "csv", "--all", "--drafts"),
     ("check", *RUN, "--min-two-way", "1", "-f", "json")],
)  # fmt: skip
def test_under_ci_no_name_or_profile_url_is_shown(
    cli: Any, monkeypatch: pytest.MonkeyPatch, args: tuple[Any, ...]
) -> None:
    names = real_names(cli)
    monkeypatch.setenv("CI", "true")
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    shown = [n for n in names if len(n) > 6 and n in result.stdout]
    assert shown == []
    assert not URL.search(result.stdout)
    assert args[0] == "check" or "#" in result.stdout  # check names nobody; the rest show tags


def test_totals_do_not_change_and_no_redact_wins(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = json.loads(cli("analyze", *RUN, "-f", "json").stdout)
    monkeypatch.setenv("CI", "1")
    hidden = json.loads(cli("analyze", *RUN, "-f", "json").stdout)
    assert hidden["redacted"] is True and plain["redacted"] is False
    for key in ("network", "relationships", "recency", "layers", "growth"):
        assert hidden[key] == plain[key]
    assert hidden["interactions"]["total"] == plain["interactions"]["total"]
    again = json.loads(cli("analyze", *RUN, "-f", "json").stdout)
    assert [f["name"] for f in again["followups"]] == [f["name"] for f in hidden["followups"]]  # stable
    forced = json.loads(cli("analyze", *RUN, "-f", "json", "--no-redact").stdout)
    assert forced["followups"] == plain["followups"]


SECRET = "Call Zoe about her divorce"


def test_a_skip_reason_never_prints_the_cell_under_redaction(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note typed into a date column is quoted by the skip reason: not under redaction."""
    log = tmp_path / "log.csv"
    log.write_text(f'date,name,channel\n"{SECRET}",Ada Imaginary,call\n2026-11-01,Ada Imaginary,call\n')
    people = tmp_path / "Connections.csv"
    people.write_text(
        (EXPORT / "Connections.csv")
        .read_text()
        .replace("\n", f'\n,,,,,,"{SECRET}"\nZed,Example,https://www.linkedin.com/in/zed-x,,,,"{SECRET}"\n', 5)
    )  # a hidden row and a person, each with a note for a date: skipped, and read with a warning
    plain = cli("analyze", people, "-i", log, "--as-of", "2026-11-20", "-f", "json", "--no-redact")
    assert SECRET in plain.stdout  # shown when not redacted
    monkeypatch.setenv("CI", "true")
    for fmt in ("json", "table", "markdown", "html"):
        result = cli("analyze", people, "-i", log, "--as-of", "2026-11-20", "-f", fmt)
        assert result.exit_code == 0, result.stderr
        assert SECRET not in result.stdout and "Zoe" not in result.stdout, fmt
        assert SECRET not in result.stderr and "warning:" in result.stderr
    strict = cli("analyze", people, "-i", log, "--as-of", "2026-11-20", "--strict")
    assert strict.exit_code == 2 and "Zoe" not in strict.stderr and "(redacted)" in strict.stderr


def test_redact_reason_drops_every_quoted_part() -> None:
    from netaudit.privacy import redact_reason

    assert redact_reason("unreadable date 'Call Zoe' in Connected On") == "unreadable date (redacted) in Connected On"
    assert redact_reason('unreadable date "Zoe\'s call"') == "unreadable date (redacted)"
    assert redact_reason("expected 7 fields, found 3") == "expected 7 fields, found 3"


def test_config_under_ci_does_not_print_never_suggest(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "netaudit.toml").write_text(
        'me = "Mo Owner"\n[followups]\nnever_suggest = ["Zoe Secretname", "https://www.linkedin.com/in/zoe-secret"]\n'
    )
    assert "Zoe Secretname" in cli("config").stdout
    monkeypatch.setenv("CI", "1")
    for fmt in ("table", "json", "markdown"):
        result = cli("config", "-f", fmt)
        assert result.exit_code == 0
        assert "Zoe" not in result.stdout and "zoe-secret" not in result.stdout and "Mo Owner" not in result.stdout
        assert "Z.S. #" in result.stdout
    shown = {s["key"]: s["value"] for s in json.loads(cli("config", "-f", "json").stdout)["settings"]}
    assert len(shown["followups.never_suggest"]) == 2 and shown["me"][0].startswith("M.O. #")


def test_log_under_ci_names_a_tag(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "netaudit.toml").write_text(f'export = "{EXPORT}"\nlog = "log.csv"\n')
    monkeypatch.setenv("CI", "true")
    result = cli("log", "Leilani Pretend", "-c", "call", "--date", "2026-11-01")
    assert result.exit_code == 0, result.stderr
    assert "Leilani" not in result.stderr and "logged call with L.P. #" in result.stderr


def test_tags_in_bulk_are_each_persons_tag() -> None:
    from netaudit.privacy import tag, tags

    names = ["Ada Example", "Bo Sample", "Bo Sample", ""]
    urls = ["https://www.linkedin.com/in/ada/", "", "linkedin.com/in/BO", ""]
    assert tags(names, urls) == [tag(n, u) for n, u in zip(names, urls, strict=True)]
    assert tags(names, urls)[1] == tag("bo  SAMPLE")  # by name key without a URL
    assert tags(names, urls)[0] == tag("Ada Example", "linkedin.com/in/ada")  # by profile key
    assert len(set(tags(names, urls))) == 4


def _unmarked_text(model: type[Any], seen: set[type[Any]] | None = None) -> list[str]:
    """Every field of `model` and the models in it that holds text and has no mark saying
    whom it is about (what `privacy.redacted` needs to find every person)."""
    import typing

    from pydantic import BaseModel

    from netaudit.personal import MARKS

    seen = set() if seen is None else seen
    if model in seen:
        return []
    seen.add(model)

    def types(annotation: Any) -> list[Any]:
        args = typing.get_args(annotation)
        return [annotation, *[t for a in args for t in types(a)]]

    out = []
    for name, info in model.model_fields.items():
        inner = types(info.annotation)
        marked = any(isinstance(m, MARKS) for m in info.metadata) or any(
            isinstance(m, MARKS) for t in inner for m in getattr(t, "__metadata__", ())
        )
        if not marked and any(t in (str, object, Any) for t in inner):
            out.append(f"{model.__name__}.{name}")
        for t in inner:
            if isinstance(t, type) and issubclass(t, BaseModel):
                out += _unmarked_text(t, seen)
    return out


def test_every_text_field_of_every_report_says_whom_it_is_about() -> None:
    """A new field holding a name cannot be forgotten by redaction: every text field of every
    report model (and of the models in them) carries a mark, and `redacted` follows the marks."""
    from netaudit.render.registry import Report

    reports = typing_args(Report)
    assert len(reports) == 5
    assert [field for report in reports for field in _unmarked_text(report)] == []


def typing_args(union: Any) -> tuple[Any, ...]:
    import typing

    return typing.get_args(union)


def test_an_unmarked_field_is_found_and_a_marked_one_redacted() -> None:
    from typing import Annotated

    from pydantic import BaseModel

    from netaudit.personal import Name, Text
    from netaudit.privacy import redacted

    class Forgotten(BaseModel):
        nickname: str
        also: list[str | None]
        count: int

    class Minded(BaseModel):
        nickname: Annotated[str, Name()]
        note: Text
        inner: list[Forgotten] = []

    assert _unmarked_text(Forgotten) == ["Forgotten.nickname", "Forgotten.also"]
    assert _unmarked_text(Minded) == ["Forgotten.nickname", "Forgotten.also"]  # found inside too
    shown = redacted(Minded(nickname="Zoe Secret", note="Zoe Secret"))
    assert shown.nickname == tag("Zoe Secret") and shown.note == "Zoe Secret"


def test_one_pass_redacts_every_kind_of_person_field() -> None:
    from datetime import date

    from netaudit.ledger import Skip, SourceKind, SourceSummary
    from netaudit.privacy import redacted
    from netaudit.report_models import Changes, ConfigReport, Followup, Reason, Setting, Unmatched

    ada = "https://www.linkedin.com/in/ada"
    followup = Followup(
        rank=1, name="Ada Lovelace", profile_url=ada, reason=Reason.FADING, action="Say hi",
        explanation="You and Ada were in touch; Adam is not Ada.", draft="Hi Ada, how are things?",
        priority=1.0, last_interaction=None, days_since=None, tie_strength=1,
    )  # fmt: skip
    shown = redacted(followup)
    ada_tag = tag("Ada Lovelace", ada)
    assert (shown.name, shown.profile_url) == (ada_tag, "")
    assert shown.explanation == f"You and {ada_tag} were in touch; Adam is not {ada_tag}."
    assert shown.draft == f"Hi {ada_tag}, how are things?" and shown.action == "Say hi"
    assert followup.name == "Ada Lovelace"  # a copy: the report itself is unchanged

    stranger = redacted(Unmatched(name=ada, interactions=2, did_you_mean="Ada Lovelace"))
    assert (stranger.name, stranger.did_you_mean) == (tag(ada, ada), tag("Ada Lovelace"))

    source = SourceSummary(kind=SourceKind.INTERACTION_LOG, path="log.csv", skips=[Skip(line=3, reason="bad 'Zoe'")])
    assert redacted(source).skips[0].reason == "bad (redacted)" and redacted(source).path == "log.csv"

    config = ConfigReport(
        file=None,
        settings=[
            Setting(key="me", value="Mo Owner", origin="default"),
            Setting(key="followups.never_suggest", value=["Zoe Secret", ada], origin="default"),
            Setting(key="export", value="Zoe Secret.zip", origin="default"),
        ],
    )
    me, never, export = redacted(config).settings
    assert me.value == tag("Mo Owner") and never.value == [tag("Zoe Secret"), tag(ada, ada)]
    assert export.value == "Zoe Secret.zip"  # a path, not a person

    changes = Changes(
        previous_as_of=date(2026, 1, 1), metrics=[], became_two_way=["Zed Last", "Amy First"],
        fell_dormant=[], new_connections=0, new_connection_names=[],
    )  # fmt: skip
    changes._became_two_way_keys = ["linkedin.com/in/zed", "name:amy first"]
    tags = [tag("Zed Last", "linkedin.com/in/zed"), tag("Amy First")]
    assert redacted(changes).became_two_way == sorted(tags, key=str.casefold)  # by tag: names tell nothing
