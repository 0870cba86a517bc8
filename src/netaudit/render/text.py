"""Text from data is only ever text: control, bidi and zero-width characters made visible."""

from __future__ import annotations

import re
import unicodedata

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
