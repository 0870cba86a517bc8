"""A JSON Lines log is streamed in blocks; whatever the block size, it reads exactly as reading
each line on its own with `LogEntry` would: the same interactions, the same skips, the same lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import netaudit.ingest.log as log
from netaudit.evidence import Evidence
from netaudit.ingest.log import LogEntry, read_log_jsonl
from netaudit.ingest.table import DataFile

LINES = [
    '{"date": "2026-11-01", "name": "Ada Example", "channel": "coffee"}',
    '{"date": "2026-11-02", "profile_url": "https://www.linkedin.com/in/bo", "channel": "email", "direction": "sent"}',
    "",  # a blank line
    '{"date": "2026-11-03", "name": "No Direction", "channel": "email"}',
    "not json at all",
    '["an", "array"]',
    '{"date": 20261104, "name": "A Number", "channel": "call"}',
    '{"date": "2026-11-05T23:30:00-02:00", "name": "Zoë Müller", "channel": "call", "note": "line\u2028separator"}',
    '{"date": "2026-11-06", "name": "Nested", "channel": "meal", "extra": {"deep": [1, 2]}}',
    '{"date": "2026-11-07", "name": null, "email": "cy@example.org", "channel": "video"}\r',
    '{"date": "2026-11-08", "name": "' + "Long " * 40 + '", "channel": "call"}',
    "   ",
    '{"date": "2026-13-01", "name": "Bad Month", "channel": "call"}',
    '{"date": "2026-11-10", "name": "First", "name": "Second", "channel": "call"}',  # json.loads: the last
    '{"date": "2026-11-09", "name": "Last Row", "channel": "COFFEE", "direction": " Both "}',
]


def reference(lines: list[str]) -> tuple[list[tuple[Any, ...]], list[tuple[int, str]]]:
    """Each line on its own, with LogEntry: what the log means."""
    evidence, skips = Evidence(), []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            skips.append((number, f"invalid JSON ({exc.msg})"))
            continue
        if not isinstance(data, dict):
            skips.append((number, "not a JSON object"))
            continue
        try:
            log._add(LogEntry.model_validate(data), evidence)
        except ValidationError as exc:
            skips.append((number, log._reason(exc)))
    return rows(evidence), skips


def rows(evidence: Evidence) -> list[tuple[Any, ...]]:
    return sorted(tuple(r.values()) for r in evidence.table().to_pylist())


def streamed(path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[int, str]], int]:
    """Interactions, the skips (all of them: MAX_LISTED_SKIPS is lifted) and the rows used."""
    evidence = Evidence()
    summary = read_log_jsonl(DataFile(str(path), path=path), evidence)
    assert summary.rows == summary.used + summary.skipped and summary.skipped == len(summary.skips)
    return rows(evidence), [(s.line, s.reason) for s in summary.skips], summary.used


@pytest.mark.parametrize("block", [16, 64, 300, 4 << 20])
@pytest.mark.parametrize("ending", ["\n", "\r\n"])
@pytest.mark.parametrize("final_newline", [True, False])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_every_block_size_reads_like_each_line_on_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int, ending: str, final_newline: bool, bom: bytes
) -> None:
    monkeypatch.setattr(log, "BLOCK", block)
    path = tmp_path / "log.jsonl"
    path.write_bytes(bom + (ending.join(LINES) + (ending if final_newline else "")).encode("utf-8"))
    expected, skips = reference(LINES)
    got, got_skips, used = streamed(path)
    assert got == expected and used == len(expected)
    assert got_skips == skips
    assert [n for n, _ in skips] == [4, 5, 6, 7, 13]


def test_plain_blocks_are_read_in_bulk_and_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many plain rows (the bulk path) with a few others among them (the line path)."""
    monkeypatch.setattr(log, "BLOCK", 4096)
    monkeypatch.setattr("netaudit.ledger.MAX_LISTED_SKIPS", 10**6)
    lines = []
    for i in range(3000):
        day = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
        lines.append(json.dumps({"date": day, "name": f"Person {i % 97}", "channel": ["call", "email"][i % 2],
                                 "direction": ["", "out", "in"][i % 3], "note": "é" * (i % 5)}))  # fmt: skip
        if i % 500 == 7:
            lines.append('{"date": "2026-01-01", "name": 5, "channel": "call"}')
    path = tmp_path / "log.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    calls = []
    real = log._parse_block
    monkeypatch.setattr(
        log, "_parse_block", lambda block, n: calls.append(real(block, n) is not None) or real(block, n)
    )
    expected, skips = reference(lines)
    got, got_skips, _ = streamed(path)
    assert got == expected and got_skips == skips
    assert any(calls) and not all(calls)  # both ways were taken


def test_an_empty_log_reads_as_nothing(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes(b"\xef\xbb\xbf\n\n")
    assert streamed(path) == ([], [], 0)
