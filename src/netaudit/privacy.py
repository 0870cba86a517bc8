"""Redaction for logs others can read: people become initials plus a short stable tag.

The tag is a hash of the person's normalised profile URL (or name), so the same person gets the
same tag in every run and on every machine; profile URLs, e-mails and notes are left out.
Totals never change.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from netaudit.identity import person_keys, url_keys
from netaudit.personal import MARKS, Hidden, Mentions, Name, Public, Quotes, first_name

M = TypeVar("M", bound=BaseModel)

_WORDS = re.compile(r"\w", re.UNICODE)
#: A quoted value in a skip reason (as `repr` quotes a cell: `unreadable date 'Call Zoe'`).
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
REDACTED = "(redacted)"


def tag(name: str, profile_url: str = "") -> str:
    """`A.E. #3f9a1c`: initials of the name and 6 hex digits of a hash of who it is."""
    return tags([name], [profile_url])[0]


def tags(names: Sequence[str], profile_urls: Sequence[str]) -> list[str]:
    """`tag` of many people, their keys worked out in bulk (one key alone costs 0.1-0.4 ms)."""
    import pyarrow as pa

    keys = person_keys(names, url_keys(pa.array(profile_urls, pa.string())).to_pylist())
    return [_hashed(name, key) for name, key in zip(names, keys, strict=True)]


def _hashed(name: str, key: str) -> str:
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


def redacted(model: M) -> M:
    """A copy of any report model with every person in it as a tag, profile URLs and whose
    export it is left out, and quoted cells gone: the one pass redaction makes, driven by the
    marks on each field (`netaudit.personal`). Totals never change; `redacted` becomes true.
    A first walk only notes whom to tag, so that all the tags are worked out in bulk."""
    tagger = _Tagger()
    _redacted(model, tagger)
    tagger.work_out()
    return _redacted(model, tagger)


class _Tagger:
    """The tags a walk asks for: noted on the first walk, served on the second."""

    def __init__(self) -> None:
        self.asked: dict[tuple[str, str], str] = {}
        self.ready = False

    def __call__(self, name: str, who: str) -> str:
        """The tag of a name, of who it is by a profile URL or person key (a name key has no `/`)."""
        wanted = (name, who if "/" in who else "")
        if self.ready:
            return self.asked[wanted]
        self.asked[wanted] = name
        return name

    def work_out(self) -> None:
        wanted = list(self.asked)
        shown = tags([name for name, _ in wanted], [url for _, url in wanted])
        self.asked = dict(zip(wanted, shown, strict=True))
        self.ready = True


def _redacted(model: M, tag_of: _Tagger) -> M:
    updates: dict[str, Any] = {}
    for field, info in type(model).model_fields.items():
        value = getattr(model, field)
        mark = next((m for m in info.metadata if isinstance(m, MARKS)), None)
        if mark is None or isinstance(mark, Public):
            shown = _nested(value, tag_of)
        elif isinstance(mark, Name):
            shown = _names(model, value, mark, tag_of)
        elif isinstance(mark, Hidden):
            shown = mark.shown if value else value
        elif isinstance(mark, Quotes):
            shown = redact_reason(value)
        else:
            shown = _mentions(model, value, mark, tag_of)
        if shown is not value:
            updates[field] = shown
    if "redacted" in type(model).model_fields:
        updates["redacted"] = True
    return model.model_copy(update=updates)


def _nested(value: Any, tag_of: _Tagger) -> Any:
    """Models inside a field (one, a list, or a dict of them), each redacted; else the value."""
    if isinstance(value, BaseModel):
        return _redacted(value, tag_of)
    if isinstance(value, list) and any(isinstance(v, BaseModel) for v in value):
        return [_nested(v, tag_of) for v in value]
    if isinstance(value, dict) and any(isinstance(v, BaseModel) for v in value.values()):
        return {k: _nested(v, tag_of) for k, v in value.items()}
    return value


def _names(model: BaseModel, value: Any, mark: Name, tag_of: _Tagger) -> Any:
    if not value or (mark.when is not None and not getattr(model, mark.when)):
        return value
    who = value if mark.by is None else getattr(model, mark.by)
    if isinstance(value, list):
        keys = who if isinstance(who, list) and len(who) == len(value) else value
        shown = [tag_of(name, key) for name, key in zip(value, keys, strict=True)]
        return sorted(shown, key=str.casefold) if mark.sort else shown
    return tag_of(value, who)


def _mentions(model: BaseModel, value: str | None, mark: Mentions, tag_of: _Tagger) -> str | None:
    """The sentence with the person's first name, wherever it stands as a word, as their tag."""
    if not value:
        return value
    name = getattr(model, mark.name)
    first = first_name(name)
    if not first:
        return value
    url = getattr(model, mark.by, "") or ""
    return re.sub(rf"(?<!\w){re.escape(first)}(?!\w)", lambda _: tag_of(name, url or name), value)
