"""Numbers and spans of time as a person writes them: `9.9`, `33x`, "1 year", never `33.33x` or
"1.0 years". One place, so every format and message says a number the same way."""

from __future__ import annotations


def ratio(value: float) -> str:
    """A ratio to read at a glance: one decimal below 10 (`9.9`, `2`), whole numbers above (`33`)."""
    if abs(value) >= 10:
        return f"{round(value):,}"
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def times(value: float) -> str:
    """How many times over: `10x`, `1.5x`."""
    return f"{ratio(value)}x"


def years(days: int) -> str:
    """A long span in years, to the half year: "1 year", "1.5 years", "3 years"."""
    halves = max(1, round(days / 365 * 2))
    value = halves / 2
    text = f"{value:g}"
    return "1 year" if value == 1 else f"{text} years"


def count(n: int, one: str, many: str | None = None) -> str:
    """`1 person`, `12 people`."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"
