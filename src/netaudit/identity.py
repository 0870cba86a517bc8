"""Normalised keys for people (profile URL, e-mail, name) and the matcher that uses them."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

_SPACES = re.compile(r"\s+")


def url_key(url: str) -> str:
    """`linkedin.com/in/slug`, whatever scheme, `www.`, case, slash, query or encoding it had.

    Returns "" for an empty URL or one without a profile slug (`https://www.linkedin.com/in`).
    """
    text = url.strip()
    if not text:
        return ""
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = parts.netloc.lower().split("@")[-1].split(":")[0]
    host = host.removeprefix("www.")
    path = unquote(parts.path).strip().rstrip("/").lower()
    if host.endswith("linkedin.com"):
        host = "linkedin.com"
        segments = [s for s in path.split("/") if s]
        if len(segments) < 2:
            return ""
        path = "/" + "/".join(segments[:2])
    if not host or not path:
        return ""
    return host + path


def email_key(email: str) -> str:
    return email.strip().casefold()


def name_key(name: str) -> str:
    """Case-, accent- and spacing-insensitive form of a full name."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped).strip().casefold()


@dataclass(frozen=True, slots=True)
class Identity:
    """What a record tells about a person; any part may be empty."""

    name: str = ""
    url: str = ""
    email: str = ""

    def label(self) -> str:
        return self.name.strip() or self.url or self.email or "(unknown)"


UNMATCHED = -1


@dataclass
class Matcher:
    """Attributes identities to people: by URL, then e-mail, then an unambiguous name."""

    by_url: dict[str, int] = field(default_factory=dict)
    by_email: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)
    ambiguous_names: set[str] = field(default_factory=set)
    display: dict[str, str] = field(default_factory=dict)

    def add(self, index: int, name: str, url: str, email: str) -> None:
        if url:
            self.by_url.setdefault(url, index)
        if email:
            self.by_email.setdefault(email_key(email), index)
        key = name_key(name)
        if key:
            if key in self.by_name and self.by_name[key] != index:
                self.ambiguous_names.add(key)
            else:
                self.by_name[key] = index
                self.display[key] = name.strip()

    def match(self, identity: Identity) -> int:
        url = url_key(identity.url) if identity.url else ""
        if url and url in self.by_url:
            return self.by_url[url]
        if identity.email:
            found = self.by_email.get(email_key(identity.email))
            if found is not None:
                return found
        key = name_key(identity.name)
        if key and key not in self.ambiguous_names:
            return self.by_name.get(key, UNMATCHED)
        return UNMATCHED

    def is_ambiguous(self, identity: Identity) -> bool:
        return name_key(identity.name) in self.ambiguous_names

    def suggest(self, name: str) -> str | None:
        """The connection name closest to `name`, for a "did you mean"."""
        if "/" in name or "@" in name:
            return None
        close = difflib.get_close_matches(name_key(name), list(self.display), n=1, cutoff=0.75)
        return self.display[close[0]] if close else None


def most_common(counter: Counter[str], n: int) -> list[tuple[str, int]]:
    """Most frequent first, ties by text, so reports are deterministic."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
