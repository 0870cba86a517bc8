"""E-mail end to end through the CLI: mail makes a relationship two-way, bulk mail changes
nothing, and no body ever reaches an output, the cache or the history."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers import ME, ME_URL, Msg, person, url
from tests.mail_helpers import BODY_MARKER, ME_EMAIL, message
from tests.mail_helpers import mbox as join

AS_OF = ("--as-of", "2026-11-20")
ADA = ("Ada Example", url("ada"))
BOB = ("Bob Example", url("bob"))


def _setup(export: Callable[..., Path], write: Callable[..., Path]) -> tuple[Path, Path]:
    folder = export(
        [
            person("Ada", "Example", "ada", email="ada@example.com"),
            person("Bob", "Example", "bob", email="bob@example.com"),
        ],
        [
            Msg.row("1-a", ME, [ADA], "2026-10-01 10:00:00 UTC"),
            Msg.row("1-b", ME, [BOB], "2026-10-01 10:00:00 UTC"),
        ],
    )
    mail = write(
        "All mail Including Spam and Trash.mbox",
        join(
            message("Ada Example <ada@example.com>", date="Mon, 05 Oct 2026 10:00:00 +0000", mid="a1@x"),
            message("Bob Example <bob@example.com>", date="Mon, 05 Oct 2026 10:00:00 +0000", extra="List-Id: <n.bob>"),
            message("Stranger <zed@elsewhere.org>", date="Mon, 05 Oct 2026 10:00:00 +0000"),
        ),
    )
    return folder, mail


def _json(cli: Callable[..., Any], *args: object) -> dict[str, Any]:
    result = cli("analyze", *args, *AS_OF, "-f", "json", "--people")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_mail_turns_one_way_out_into_two_way_and_a_newsletter_changes_nothing(
    cli: Callable[..., Any], export: Callable[..., Path], write: Callable[..., Path]
) -> None:
    folder, mail = _setup(export, write)
    before = _json(cli, folder, "--me", ME_URL)
    assert (before["relationships"]["two_way"], before["relationships"]["one_way_out"]) == (0, 2)
    after = _json(cli, folder, "-i", mail, "--me", ME_URL, "--me", ME_EMAIL)
    classes = {p["name"]: p["class"] for p in after["people"]}
    assert classes == {"Ada Example": "two_way", "Bob Example": "one_way_out"}
    source = next(s for s in after["sources"] if s["kind"] == "mail")
    assert (source["rows"], source["used"], source["ignored_reasons"]) == (3, 2, {"mailing_list_or_bulk": 1})
    assert [u["name"] for u in after["interactions"]["top_unmatched"]] == ["Stranger"]


def test_mail_without_your_address_exits_2_asking_for_me(
    cli: Callable[..., Any], export: Callable[..., Path], write: Callable[..., Path]
) -> None:
    folder, mail = _setup(export, write)
    result = cli("analyze", folder, "-i", mail, "--me", ME_URL, *AS_OF)
    assert result.exit_code == 2
    assert "error:" in result.stderr and "--me EMAIL" in result.stderr and "Traceback" not in result.stderr


def test_no_body_reaches_any_output_cache_or_history(
    cli: Callable[..., Any], export: Callable[..., Path], write: Callable[..., Path], tmp_path: Path
) -> None:
    folder, mail = _setup(export, write)
    args = (folder, "-i", mail, "--me", ME_URL, "--me", ME_EMAIL, *AS_OF)
    outputs = []
    for fmt in ("table", "json", "markdown", "html"):
        result = cli("analyze", *args, "-f", fmt, "--people")
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout + result.stderr)
    for command in ("followups", "check"):
        result = cli(command, *args)
        outputs.append(result.stdout + result.stderr)
    result = cli("followups", *args, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    outputs.append(result.stdout)
    assert "Ada Example" in outputs[1]  # the mail was read
    for text in outputs:
        assert BODY_MARKER not in text and "SUBJECT-MARKER" not in text
    state = tmp_path / "state"
    kept = [p for p in state.rglob("*") if p.is_file()]
    assert any("netaudit-cache-" in p.name for p in kept)
    for file in kept:
        data = file.read_bytes()
        assert BODY_MARKER.encode() not in data and b"SUBJECT-MARKER" not in data, file
