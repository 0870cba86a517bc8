"""Text from data is only ever text: control, bidi and zero-width characters made visible."""

from __future__ import annotations

import re
import unicodedata

from netaudit.report import Changes, CheckResult, PersonRow

#: Characters that reorder, hide or join text: shown as escapes, never passed to a terminal.
_INVISIBLE = {
    0x061C,
    0x200B,
    0x200C,
    0x200D,
    0x200E,
    0x200F,
    0x2028,
    0x2029,
    0x2060,
    0x2061,
    0x2062,
    0x2063,
    0x2064,
    0xFEFF,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
}
_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_INVISIBLE)) + r"\x00-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\n\r\t":
        return " "
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(value: str, limit: int = 0) -> str:
    """One line of visible text: unsafe characters escaped, long text cut with an ellipsis."""
    text = _UNSAFE.sub(_escape, value)
    if unicodedata.combining(text[:1] or " "):
        text = "\u25cc" + text  # a leading combining mark would stack on the border
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def markdown(value: str, limit: int = 0) -> str:
    """Literal text inside a Markdown table cell or paragraph."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", clean(value, limit))


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None]) -> str:
    """One character a value, lowest to highest; a gap where a value is missing."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = (high - low) or 1
    return "".join(" " if v is None else SPARKS[round((v - low) / span * (len(SPARKS) - 1))] for v in values)


def number(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def check_lines(result: CheckResult) -> list[str]:
    """One sentence per threshold, breaches first."""
    lines = []
    for c in sorted(result.checks, key=lambda c: c.passed):
        word = "at most" if c.kind == "max" else "at least"
        state = "ok" if c.passed else "BREACHED"
        lines.append(f"{state}: {c.metric} is {number(c.actual)} (limit: {word} {number(c.limit)})")
    return lines


def change_lines(changes: Changes) -> list[str]:
    """What moved since the previous run, in plain sentences (names already redacted if asked)."""
    moved = [f"{m.metric} {number(m.before)} → {number(m.after)}" for m in changes.metrics if m.before != m.after]
    lines = [
        f"Since the run as of {changes.previous_as_of}: "
        + ("; ".join(moved) if moved else "no headline metric moved")
        + "."
    ]
    for label, names in (("became two-way", changes.became_two_way), ("fell dormant", changes.fell_dormant)):
        if names:
            lines.append(f"{label.capitalize()}: " + ", ".join(clean(n, 40) for n in names) + ".")
    if changes.new_connections:
        more = (
            f" and {changes.new_connections - len(changes.new_connection_names)} more"
            if changes.new_connections > len(changes.new_connection_names)
            else ""
        )
        lines.append(
            f"New connections since then: {changes.new_connections} ("
            + ", ".join(clean(n, 40) for n in changes.new_connection_names)
            + more
            + ")."
        )
    return lines


PEOPLE_HEADER = ["name", "class", "last", "days", "in", "out", "mutual", "touch days", "tie", "layer"]


def person_cells(p: PersonRow) -> list[str]:
    """One person's row in every format that lists people (the name is left to the format)."""
    days = "" if p.days_since is None else str(p.days_since)
    counts = [str(p.inbound), str(p.outbound), str(p.mutual), str(p.touch_days), str(p.tie_strength)]
    return [p.name, p.relationship.value, str(p.last_interaction or "never"), days, *counts, p.layer or ""]
