"""Who the user is: the names, LinkedIn profile URLs and e-mail addresses given with `--me` (or `me`
in the config, one value or a list). Calendars and mail know the user by e-mail address, LinkedIn's
messages by profile URL or name; each reader takes what it needs from one `Me`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from netaudit.identity import email_key


def is_url(value: str) -> bool:
    """A profile URL (or a path-like value), as opposed to a name or an e-mail address."""
    return "linkedin.com" in value.casefold() or "/" in value


def is_email(value: str) -> bool:
    return "@" in value and not is_url(value) and " " not in value.strip()


@dataclass(frozen=True)
class Me:
    """The user's own identities, each kind in the order given."""

    names: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()  # as `identity.email_key` normalises them

    @classmethod
    def of(cls, values: Iterable[str]) -> Me:
        names: list[str] = []
        urls: list[str] = []
        emails: list[str] = []
        for raw in values:
            value = raw.strip()
            if not value:
                continue
            if is_email(value):
                emails.append(email_key(value))
            elif is_url(value):
                urls.append(value)
            else:
                names.append(value)
        return cls(tuple(dict.fromkeys(names)), tuple(dict.fromkeys(urls)), tuple(dict.fromkeys(emails)))

    def __bool__(self) -> bool:
        return bool(self.names or self.urls or self.emails)

    @property
    def on_linkedin(self) -> str | None:
        """The one value LinkedIn's messages know the owner by: the first profile URL, else the
        first name (e-mail addresses never appear there)."""
        return next(iter(self.urls + self.names), None)
