"""What each text field of a report says about people: the marks `privacy.redacted` follows.

Every field of a report model that holds text carries one of these (a test walks every model
and fails on a text field without one), so a new field cannot be forgotten by redaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated


@dataclass(frozen=True)
class Name:
    """A person's name (or a list of names, or a setting that names people): shown as a tag.

    `by` is the field (or private attribute) that says who it is, a profile URL or a person key
    (for a list of names, a list beside it); None: the name itself. `when` is a bool property of
    the model: only when it is true is the field about people. `sort`: a list shown sorted by
    its tags (sorted by the names, it would tell something of them)."""

    by: str | None = None
    when: str | None = None
    sort: bool = False


@dataclass(frozen=True)
class Hidden:
    """Left out under redaction (a profile URL, whose export it is): shown as `shown` if set."""

    shown: str = ""


@dataclass(frozen=True)
class Quotes:
    """Text that may quote a cell of the user's data (a skip reason): every quoted part goes."""


@dataclass(frozen=True)
class Mentions:
    """A sentence that says the first name of the person named in field `name` of the model
    (who it is: the profile URL in field `by`)."""

    name: str = "name"
    by: str = "profile_url"


@dataclass(frozen=True)
class Public:
    """Text about no one: a metric, a reason, a path as the user typed it, a sentence of counts."""


Mark = Name | Hidden | Quotes | Mentions | Public
MARKS = (Name, Hidden, Quotes, Mentions, Public)
#: Text about no one.
Text = Annotated[str, Public()]


def first_name(name: str) -> str:
    """The first word, kept short: it goes into sentences (and `Mentions` fields say it)."""
    first = name.split()[0] if name.split() else name
    return first if len(first) <= 30 else first[:29] + "…"
