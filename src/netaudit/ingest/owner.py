"""Whose export it is: the participant in the most conversations, confirmed by Profile.csv's
name, told apart from a tied connection (nobody is their own connection), or named by `--me`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from netaudit.errors import InputError
from netaudit.identity import name_key, name_keys, url_key
from netaudit.ingest.coded import Coded, Mask
from netaudit.ingest.participants import Participants, Turnout
from netaudit.me import is_url

#: The code of no participant (an owner who sent nothing under a key of this file).
NO_CODE = -1


@dataclass(frozen=True)
class Owner:
    """The person who downloaded the export, as a participant key (URL key or name key)."""

    key: str
    how: str


@dataclass(frozen=True)
class Senders:
    """What tells the owner apart: who takes part, and the names rows are sent from and to."""

    who: Participants
    turnout: Turnout
    from_names: Coded  # FROM
    to_names: Coded  # TO


def find_owner(
    s: Senders, me: str | None, profile_name: str | None, by_url: bool, connections: Callable[[], frozenset[str]]
) -> tuple[Owner | None, int]:
    """The owner and their participant code (`NO_CODE` when they sent nothing under a key here);
    None when it cannot be told."""
    if me:
        return _named_owner(s, me, by_url)
    counts = s.turnout.per_participant.copy()
    counts[s.who.nobody] = 0
    # the three most frequent participants (ties by key): sort only those that can be in the top 3
    third = np.sort(counts)[-3:][0] if len(counts) >= 3 else 0
    contenders = np.flatnonzero(counts >= max(third, 1)).tolist()
    top: list[int] = sorted(contenders, key=lambda i: (-counts[i], _key(s, i)))[:3]
    if not top:
        return None, NO_CODE
    if profile_name:
        wanted = name_key(profile_name)
        for code in top:
            if wanted in _names_of(s, code):
                return Owner(_key(s, code), "Profile.csv and most conversations"), code
    tied = [i for i in contenders if counts[i] == counts[top[0]]]
    if len(tied) > 1:
        known = connections()
        strangers = [i for i in tied if _key(s, i) not in known]
        if len(strangers) == 1:
            return Owner(_key(s, strangers[0]), "most conversations, and not among the connections"), strangers[0]
        return None, NO_CODE
    return Owner(_key(s, top[0]), "most conversations"), top[0]


def _named_owner(s: Senders, me: str, by_url: bool) -> tuple[Owner, int]:
    import pyarrow as pa
    import pyarrow.compute as pc

    if not by_url or is_url(me):
        wanted = url_key(me) if by_url else name_key(me)
        at = pc.index_in(pa.array([wanted], pa.string()), value_set=s.who.keys)[0].as_py()
        return Owner(wanted, "--me"), NO_CODE if at is None else int(at)
    said = said_by(s.from_names, me)
    found = np.bincount(s.who.sender[said & (s.who.sender != s.who.nobody)], minlength=len(s.who.keys))
    if not found.any() and said.any():  # only rows without a SENDER PROFILE URL: matched by FROM
        return Owner(name_key(me), "--me, matched by FROM"), NO_CODE
    if not found.any():
        raise InputError(
            f"--me {me!r}: nobody of that name sent a message",
            "pass your profile URL instead, e.g. --me https://www.linkedin.com/in/your-name",
        )
    code = int(found.argmax())
    return Owner(_key(s, code), "--me"), code


def _key(s: Senders, code: int) -> str:
    """A participant's key as text: only a few are ever needed as Python strings."""
    return str(s.who.keys[code].as_py())


def said_by(names: Coded, me: str) -> Mask:
    """Rows whose FROM is the name `me` (as a name key)."""
    hit = name_keys(names.values).to_numpy(zero_copy_only=False) == name_key(me)
    return np.asarray(hit[names.codes], bool)


def _names_of(s: Senders, code: int) -> set[str]:
    """Display names seen for a participant: as a sender, or as the only recipient of a row."""
    import pyarrow as pa

    said = s.from_names.values.take(pa.array(np.unique(s.from_names.codes[s.who.sender == code])[:50])).to_pylist()
    recipients = s.who.recipients
    alone = recipients.row[(recipients.key == code)]
    alone = alone[recipients.listed[alone] == 1]
    said += s.to_names.values.take(pa.array(np.unique(s.to_names.codes[alone])[:50])).to_pylist()
    return set(name_keys(pa.array(said, pa.string())).to_pylist())
