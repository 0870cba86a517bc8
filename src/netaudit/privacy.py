"""Redaction for logs others can read: people become initials plus a short stable tag.

The tag is a hash of the person's normalised profile URL (or name), so the same person gets the
same tag in every run and on every machine; profile URLs, e-mails and notes are left out.
Totals never change.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

from netaudit.identity import name_keys, url_keys
from netaudit.report import AnalysisReport

_WORDS = re.compile(r"\w", re.UNICODE)
#: A quoted value in a skip reason (as `repr` quotes a cell: `unreadable date 'Call Zoe'`).
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
REDACTED = "(redacted)"


def tag(name: str, profile_url: str = "") -> str:
    """`A.E. #3f9a1c`: initials of the name and 6 hex digits of a hash of who it is."""
    return tags([name], [profile_url])[0]


def tags(names: Sequence[str], profile_urls: Sequence[str]) -> list[str]:
    """`tag` of many people, their keys worked out in bulk."""
    import pyarrow as pa

    by_url = url_keys(pa.array(profile_urls, pa.string())).to_pylist()
    by_name = name_keys(pa.array(names, pa.string())).to_pylist()
    return [_tag(name, url or "name:" + key) for name, url, key in zip(names, by_url, by_name, strict=True)]


def _tag(name: str, key: str) -> str:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:6]
    initials = "".join(m.group().upper() + "." for word in name.split()[:3] if (m := _WORDS.search(word)))
    return f"{initials or '?'} #{digest}"


def should_redact(choice: str, ci: bool, flag: bool | None) -> bool:
    """--redact / --no-redact win; then the setting: always, never, or auto (on under CI)."""
    if flag is not None:
        return flag
    return choice == "always" or (choice == "auto" and ci)


def redact_reason(reason: str) -> str:
    """A skip reason without the cell it quotes: a cell of a date column may be a note about
    someone (`unreadable date 'Call Zoe about her divorce'`). Every quoted part goes, the
    allowed values a message lists included: under redaction no quoted text is shown."""
    return _QUOTED.sub(REDACTED, reason)


def redact_settings(values: dict[str, Any]) -> dict[str, Any]:
    """`netaudit config` under CI: the names in `never_suggest` and `me` as tags."""

    def shown(who: str) -> str:
        return tag(who, who if "/" in who else "")

    out = dict(values)
    out["followups.never_suggest"] = [shown(who) for who in values.get("followups.never_suggest") or []]
    if values.get("me"):
        out["me"] = shown(values["me"])
    return out


def redact_report(report: AnalysisReport) -> None:
    """People in the parts of a report built before redaction: tags, no URLs."""
    report.owner = "(redacted)" if report.owner else None
    for dup in report.duplicates:
        dup.name, dup.profile_url = tag(dup.name, dup.profile_url), ""
    for stranger in report.interactions.top_unmatched:
        url = stranger.name if "/" in stranger.name else ""
        stranger.name = tag(stranger.name, url)
        stranger.did_you_mean = tag(stranger.did_you_mean) if stranger.did_you_mean else None
    rows = report.people or []
    for row, shown in zip(rows, tags([r.name for r in rows], [r.profile_url for r in rows]), strict=True):
        row.name, row.profile_url = shown, ""
    for source in report.sources:
        source.skips = [skip.model_copy(update={"reason": redact_reason(skip.reason)}) for skip in source.skips]
        source.warnings = [row.model_copy(update={"reason": redact_reason(row.reason)}) for row in source.warnings]
