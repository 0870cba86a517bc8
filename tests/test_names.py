"""Resolving one name (`log`, `--snooze`, `--ignore`) and "did you mean": every bearer of a
shared or close name is offered, never just one, and answering takes well under a second at
LinkedIn's cap of 30,000 connections."""

from __future__ import annotations

import difflib
import json
import random
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from netaudit.commands import resolve
from netaudit.errors import InputError
from netaudit.identity import closest_key, name_key
from netaudit.ingest.read import read_network
from tests.helpers import CONNECTIONS_2023, EXAMPLES, csv_text, person

EXPORT = EXAMPLES / "linkedin-export"
AS_OF = ("--as-of", "2026-11-20")
LENAS = [f"https://www.linkedin.com/in/lena-pretend-{s}" for s in ("3e7", "3f8", "220")]


@pytest.mark.parametrize("command", ["snooze", "ignore", "log"])
def test_a_close_name_offers_every_bearer(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """issue 19: "Lena Pretnd" meant one of the three Lena Pretends, not Leilani Pretend."""
    monkeypatch.chdir(tmp_path)
    if command == "log":
        (tmp_path / "netaudit.toml").write_text(f'export = "{EXPORT}"\nlog = "log.csv"\n')
        result = cli("log", "Lena Pretnd", "-c", "call")
    else:
        result = cli("followups", EXPORT, *AS_OF, f"--{command}", "Lena Pretnd")
    assert result.exit_code == 2
    assert "did you mean one of the 3 connections named 'Lena Pretend'" in result.stderr
    assert all(url in result.stderr for url in LENAS)
    assert "Leilani" not in result.stderr
    assert "(Designer at Acme)" in result.stderr  # enough to tell them apart
    assert not (tmp_path / "log.csv").exists()


def test_a_shared_name_lists_every_bearer(cli: Any) -> None:
    result = cli("followups", EXPORT, *AS_OF, "--snooze", "lena  PRETEND")
    assert result.exit_code == 2
    assert "'lena  PRETEND' is the name of 3 connections" in result.stderr
    assert all(url in result.stderr for url in LENAS)
    assert cli("followups", EXPORT, *AS_OF, "--snooze", LENAS[1]).exit_code == 0


def test_a_unique_close_name_is_offered_alone(cli: Any) -> None:
    result = cli("followups", EXPORT, *AS_OF, "--snooze", "Leilani Pretnd")
    assert result.exit_code == 2 and "hint: did you mean 'Leilani Pretend'?" in result.stderr


def test_under_ci_the_candidates_are_tags(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    result = cli("followups", EXPORT, *AS_OF, "--snooze", "Lena Pretnd")
    assert result.exit_code == 2
    assert "linkedin.com" not in result.stderr and "'Lena Pretend'" not in result.stderr
    assert result.stderr.count("L.P. #") == 4  # the name, and its three bearers


def test_the_report_suggests_a_shared_close_name(cli: Any, tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("date,name,channel\n2026-11-01,Lena Pretnd,call\n2026-11-02,Leilani Pretnd,call\n")
    report = json.loads(cli("analyze", EXPORT, "-i", log, *AS_OF, "-f", "json").stdout)
    suggested = {u["name"]: u["did_you_mean"] for u in report["interactions"]["top_unmatched"]}
    assert (suggested["Lena Pretnd"], suggested["Leilani Pretnd"]) == ("Lena Pretend", "Leilani Pretend")


def _near(rng: random.Random, text: str, letters: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(0, 4)):
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.33:
            chars[i] = rng.choice(letters)
        elif op < 0.66 and len(chars) > 1:
            del chars[i]
        else:
            chars.insert(i, rng.choice(letters))
    return "".join(chars).strip() or "x"


def test_closest_is_what_difflib_would_say() -> None:
    """rapidfuzz only preselects; the suggestion is difflib's own, ties included."""
    rng = random.Random(14)
    letters = "abcdefgh éø"
    keys = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(3, 12))).strip() for _ in range(3000)} - {""})
    queries = [_near(rng, rng.choice(keys), letters) for _ in range(300)]
    for query in queries:
        expected = difflib.get_close_matches(name_key(query), keys, n=1, cutoff=0.75)
        assert closest_key(query, keys) == (expected[0] if expected else None), query
    assert closest_key("https://www.linkedin.com/in/abc", keys) is None and closest_key("a@b.c", keys) is None
    assert closest_key("abc", []) is None


@pytest.fixture(scope="module")
def at_the_cap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30,000 connections, 30 of them named Chidi Probe."""
    path = tmp_path_factory.mktemp("cap") / "Connections.csv"
    rows = [person(f"P{i:05d}", f"Q{i * 7919 % 30011:05d}", f"p{i}") for i in range(29_970)]
    rows += [person("Chidi", "Probe", f"chidi-{i}") for i in range(30)]
    path.write_text(csv_text(CONNECTIONS_2023, rows))
    return path


@pytest.mark.parametrize(("name", "bearers"), [("Chidi Probe", 30), ("Chidi Prob", 30)])
def test_resolving_a_name_at_the_cap_is_fast(at_the_cap: Path, name: str, bearers: int) -> None:
    people = read_network(at_the_cap).people
    started = time.perf_counter()
    with pytest.raises(InputError) as refused:
        resolve(people, name)
    took = time.perf_counter() - started
    assert took < 0.5, f"{took:.2f} s"  # 35 s before: a scalar name key per person
    text = refused.value.message + refused.value.hint
    assert f" {bearers} connections" in text and "; and 10 more" in text
    assert resolve(people, "https://www.linkedin.com/in/chidi-29") == 29_999


def test_snooze_at_the_cap_end_to_end(cli: Any, at_the_cap: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    shutil.copy(at_the_cap, folder / "Connections.csv")
    assert cli("analyze", folder, *AS_OF, "-f", "json").exit_code == 0  # fills the cache
    started = time.perf_counter()
    result = cli("followups", folder, *AS_OF, "--snooze", "Chidi Probe")
    took = time.perf_counter() - started
    assert result.exit_code == 2 and "is the name of 30 connections" in result.stderr
    assert took < 1.0, f"{took:.2f} s"


def test_every_nearly_as_close_name_is_offered_with_every_bearer(tmp_path: Path) -> None:
    """Two names one letter from what was typed: both, and each of their bearers, never one."""
    path = tmp_path / "Connections.csv"
    rows = [person("Ana", "Smith", "ana-1"), person("Ana", "Smith", "ana-2"), person("Ana", "Smyth", "ana-3")]
    rows += [person("Anastasia", "Smithers", "far")]
    path.write_text(csv_text(CONNECTIONS_2023, rows))
    with pytest.raises(InputError) as refused:
        resolve(read_network(path).people, "Ana Smth")
    hint = refused.value.hint
    assert "the 3 connections named 'Ana Smyth', 'Ana Smith'" in hint  # equally close: difflib's order
    assert all(f"https://www.linkedin.com/in/ana-{i}" in hint for i in (1, 2, 3)) and "far" not in hint
