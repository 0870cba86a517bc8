"""Text from data is only ever text: control, bidi and zero-width characters made visible."""

from __future__ import annotations

import re
import unicodedata

from netaudit.report_models import AnalysisReport, Changes, CheckResult, PersonRow

#: Characters that reorder, hide or join text: shown as escapes, never passed to a terminal.
#: Every format character of Unicode 15.1 (category Cf: soft hyphen, Arabic number signs, the
#: Mongolian vowel separator, zero-width space and joiners, bidi controls, word joiner and
#: invisible operators, BOM, interlinear annotation, tags), plus the line and paragraph
#: separators and the unassigned rest of U+2060-U+206F. Inclusive ranges; a test checks them
#: against the running Python's Unicode tables.
INVISIBLE_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x2028, 0x202E),
    (0x2060, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE007F),
)  # fmt: skip
_UNSAFE = re.compile(
    "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in INVISIBLE_RANGES) + r"\x00-\x1f\x7f-\x9f]"
)
_BREAKS = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\n\r\t":
        return " "
    return _code(char)


def _code(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def clean(value: str, limit: int = 0) -> str:
    """One line of visible text: unsafe characters escaped, long text cut with an ellipsis."""
    text = _UNSAFE.sub(_escape, value)
    if unicodedata.combining(text[:1] or " "):
        text = "\u25cc" + text  # a leading combining mark would stack on the border
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def one_line(value: str) -> str:
    """A line of stderr: like `clean`, with line breaks and tabs shown as `\\n`, `\\r`, `\\t`, so
    text from a file name or a cell can never start a line of its own."""
    return clean(re.sub("[\n\r\t]", lambda m: _BREAKS[m.group()], value))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


#: A profile URL that may become a link: LinkedIn's, and nothing a terminal, Markdown or HTML
#: would read as the end of the link (spaces, quotes, brackets, control characters).
_PROFILE = re.compile(r"https://([a-z0-9-]+\.)*linkedin\.com/[A-Za-z0-9\-._~%/!$&*+,;=:@?#]*")


def profile_link(url: str) -> str:
    """The URL, if it is a safe link to a LinkedIn profile; else "" (shown as plain text)."""
    return url if _PROFILE.fullmatch(url) else ""


def work(position: str, company: str) -> str:
    """`Staff Engineer at Acme`: what a person does, from Connections.csv, in one line."""
    position, company = clean(position.strip(), 60), clean(company.strip(), 60)
    return f"{position} at {company}" if position and company else position or company


def markdown(value: str, limit: int = 0) -> str:
    """Literal text inside a Markdown table cell or paragraph."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", clean(value, limit))


def summary_lines(report: AnalysisReport) -> list[str]:
    """The end of the report, and all of `--brief`, with `next_steps`: the verdict, what needs
    the user now, and the check. Plain text; each format escapes it its own way."""
    lines = [report.verdict, report.attention.sentence()]
    if report.check is not None:
        breached = len(report.check.breaches())
        lines.append(f"Check: BREACHED ({breached} of {len(report.check.checks)})." if breached else "Check: passed.")
    return lines


def next_steps(report: AnalysisReport) -> list[tuple[str, str]]:
    """What to run next, as (what it does, the command)."""
    steps = [(report.attention.why, report.attention.next)]
    if report.attention.interactions_read:
        steps.append(("every person", "netaudit analyze --people"))
    return [*steps, ("to share", "netaudit analyze -f html -o report.html")]


def agreement_lines(report: AnalysisReport) -> list[str]:
    """One sentence per label the user gave (`netaudit label`); none without labels."""
    return [] if report.agreement is None else [x.summary for x in report.agreement.labels]


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
