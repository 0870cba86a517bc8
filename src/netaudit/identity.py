"""Normalised keys for people (profile URL, e-mail, name) and the matcher that uses them."""

from __future__ import annotations

import codecs
import difflib
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

#: The usual shape of a profile URL; anything else takes the general path of `url_key`.
_PROFILE = r"^(?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9-]+\.)*linkedin\.com/in/([a-z0-9_.~!$&'()*+,;=:@-]+)(?:[/?#].*)?$"
_ENCODED = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9-]+\.)*linkedin\.com/in/([^/?#\s]+)(?:[/?#].*)?$")
_PROFILE_RE = re.compile(_PROFILE)
#: A key as `url_key` makes it: no scheme, no `www.`, a slug without `/ ? # %`, spaces or controls.
_KEY = (
    r"^linkedin\.com/in/[^/?#%\s\x00-\x1f\x7f-\x{a0}\x{1680}\x{2000}-\x{200a}"
    r"\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]+$"
)
#: The same with percent-encoded characters in the slug, as LinkedIn writes non-ASCII ones.
_PERCENT_PROFILE = _PROFILE.replace("@-]", "@%-]")


_PERCENT_RUN = re.compile(r"(?:%[0-9a-f]{2})+")


_LONE_PERCENT = re.compile(r"%(?![0-9a-f]{2})")


def _unquote(text: str) -> str:
    """Percent-decoding of lower-cased ASCII text, invalid UTF-8 replaced (like urllib's
    `unquote`); in C through `escape_decode` when every `%` starts an escape."""
    if text.isascii() and "\\" not in text and not _LONE_PERCENT.search(text):
        raw: bytes = codecs.escape_decode(text.replace("%", "\\x").encode("ascii"))[0]
        return raw.decode("utf-8", "replace")
    return _PERCENT_RUN.sub(lambda m: bytes.fromhex(m.group().replace("%", "")).decode("utf-8", "replace"), text)


def _unquote_many(slugs: list[str]) -> list[str | None]:
    """Keys of many percent-encoded slugs, decoded in one pass over their concatenation;
    None where the decoded slug is unusual (then `url_key` decides)."""
    out: list[str | None] = []
    decoded = _unquote("\n".join(slugs)).split("\n") if not any("%0a" in s for s in slugs) else None
    for i, slug in enumerate(slugs):
        plain = decoded[i] if decoded is not None else _unquote(slug)
        out.append("linkedin.com/in/" + plain.lower() if "/" not in plain and plain.strip() == plain else None)
    return out


@functools.lru_cache(maxsize=1 << 17)
def url_key(url: str) -> str:
    """`linkedin.com/in/slug`, whatever scheme, `www.`, case, slash, query or encoding it had.

    Returns "" for an empty URL or one without a profile slug (`https://www.linkedin.com/in`).
    """
    text = url.strip()
    if not text:
        return ""
    lower = text.lower()
    if fast := _PROFILE_RE.match(lower):
        return "linkedin.com/in/" + fast.group(1)
    if (encoded := _ENCODED.match(lower)) and "/" not in (slug := _unquote(encoded.group(1))) and slug.strip() == slug:
        return "linkedin.com/in/" + slug.lower()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unbalanced "[": not a URL we can use
        return ""
    host = parts.netloc.lower().split("@")[-1].split(":")[0]
    host = host.removeprefix("www.")
    path = unquote(parts.path).strip().rstrip("/").lower()
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "linkedin.com"
        segments = [s for s in path.split("/") if s]
        if len(segments) < 2:
            return ""
        path = "/" + "/".join(segments[:2])
    if not host or not path:
        return ""
    return host + path


#: (raw values, their keys), replaced whole: URLs recur across the files of one export. Two threads
#: may race to extend it; one addition is then lost from the memo, never from a result.
_KNOWN: dict[str, tuple[Any, Any]] = {}


def _memo() -> tuple[Any, Any]:
    import pyarrow as pa

    return _KNOWN.get("pair") or (pa.array([], pa.string()), pa.array([], pa.string()))


def url_keys(urls: Any) -> Any:
    """`url_key` of every value of a pyarrow string array, vectorised for the usual shape;
    each distinct URL is worked out once per process."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(urls, pa.ChunkedArray):
        urls = urls.combine_chunks()
    encoded = urls if pa.types.is_dictionary(urls.type) else pc.dictionary_encode(urls)
    values = encoded.dictionary
    known, keys = _memo()
    position = pc.index_in(values, value_set=known)
    missing = position.is_null()
    new = pc.filter(values, missing)
    if len(new):
        keys = pa.concat_arrays([keys, _compute_keys(new)])
        _KNOWN["pair"] = (pa.concat_arrays([known, new]), keys)
        # the new values sit, in order, after the ones known before
        appended = pa.array(np.arange(len(known), len(known) + len(new), dtype=np.int32))
        position = pc.replace_with_mask(position, missing, appended)
    return pc.take(pc.take(keys, position), encoded.indices)


def remember_url_keys(urls: Any, keys: Any) -> None:
    """Teach `url_keys` pairs already worked out (the people of a cached Connections.csv)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    known, known_keys = _memo()
    new = pc.invert(pc.is_in(urls, value_set=known))
    _KNOWN["pair"] = (
        pa.concat_arrays([known, pc.filter(urls, new)]),
        pa.concat_arrays([known_keys, pc.filter(keys, new)]),
    )


def _compute_keys(values: Any) -> Any:
    """Keys of distinct URLs: values that already are keys (as messages and the cache store
    them) as they are, the usual shape in pyarrow, percent-encoded slugs decoded in bulk, and
    only what is left through `url_key` one by one."""
    import numpy as np
    import pyarrow.compute as pc

    lower = pc.utf8_lower(pc.utf8_trim_whitespace(values))
    done = pc.and_(pc.equal(lower, values), pc.match_substring_regex(values, _KEY))
    todo = np.flatnonzero(~done.to_numpy(zero_copy_only=False))
    if not len(todo):
        return values
    return pc.replace_with_mask(values, pc.invert(done), _raw_keys(values.take(todo), lower.take(todo)))


def _raw_keys(values: Any, lower: Any) -> Any:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    usual = pc.match_substring_regex(lower, _PROFILE)
    keys = pc.if_else(usual, _slug_keys(lower), "")
    other = np.flatnonzero(pc.and_(pc.invert(usual), pc.not_equal(lower, "")).to_numpy(zero_copy_only=False))
    if not len(other):
        return keys
    rest = pa.array(other)
    rest_lower = lower.take(rest)
    encoded = pc.match_substring_regex(rest_lower, _PERCENT_PROFILE)
    slugs = pc.utf8_slice_codeunits(_slug_keys(pc.filter(rest_lower, encoded)), len("linkedin.com/in/")).to_pylist()
    decoded = iter(_unquote_many(slugs))
    out = keys.to_pylist()
    for i, raw, is_encoded in zip(other.tolist(), values.take(rest).to_pylist(), encoded.to_pylist(), strict=True):
        out[i] = (next(decoded) if is_encoded else None) or url_key(raw)
    return pa.array(out, pa.string())


def _slug_keys(lower: Any) -> Any:
    """`linkedin.com/in/<slug>` for lower-cased URLs already known to have the profile shape:
    the slug runs from the first `/in/` to the next `/`, `?` or `#` (plain splits, no regex capture)."""
    import pyarrow.compute as pc

    padded = pc.binary_join_element_wise(lower, "/in/", "")  # every value then has a part after /in/
    after = pc.list_element(pc.split_pattern(padded, "/in/", max_splits=1), 1)
    ended = pc.binary_join_element_wise(after, "/", "")
    slug = pc.list_element(pc.split_pattern_regex(ended, "[/?#]", max_splits=1), 0)
    return pc.binary_join_element_wise("linkedin.com/in/", slug, "")


def email_key(email: str) -> str:
    return email.strip().lower()


#: Whitespace, Unicode's included (RE2's \s is ASCII only, so the class is spelled out).
BLANKS = r"[\s\x{00a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]+"


def name_keys(names: Any) -> Any:
    """Case-, accent- and spacing-insensitive form of each full name (a pyarrow string array).

    The one definition of a name key: NFKD, combining marks dropped, runs of blanks made one
    space, trimmed, lower-cased. `name_key` is the same function on one name.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(names, pa.ChunkedArray):
        names = names.combine_chunks()
    text = pc.utf8_normalize(names, form="NFKD")
    text = pc.replace_substring_regex(text, pattern=r"\p{M}+", replacement="")
    text = pc.replace_substring_regex(text, pattern=BLANKS, replacement=" ")
    return pc.utf8_lower(pc.utf8_trim(text, characters=" "))


def name_key(name: str) -> str:
    import pyarrow as pa

    return str(name_keys(pa.array([name], pa.string()))[0].as_py())


@dataclass(frozen=True, slots=True)
class Identity:
    """What a record tells about a person; any part may be empty."""

    name: str = ""
    url: str = ""
    email: str = ""


UNMATCHED = -1


@dataclass
class Matcher:
    """Attributes identities to people: by URL, then e-mail, then an unambiguous name."""

    by_url: dict[str, int] = field(default_factory=dict)
    by_email: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)
    ambiguous_names: set[str] = field(default_factory=set)
    display: dict[str, str] = field(default_factory=dict)  # name key -> its first bearer's name
    keys: list[str] = field(default_factory=list)  # name key of each person, in order
    indices: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, people: Sequence[tuple[int, str, str, str]]) -> Matcher:
        """From (index, name, url key, e-mail) of each person; the first of a URL or e-mail wins,
        and a name two people share is ambiguous."""
        import pyarrow as pa

        keys = name_keys(pa.array([name for _, name, _, _ in people], pa.string())).to_pylist()
        counts = Counter(keys)
        shared = {k for k, n in counts.items() if n > 1 and k}
        matcher = cls(ambiguous_names=shared, keys=keys, indices=[i for i, _, _, _ in people])
        matcher.by_url = {url: i for i, _, url, _ in reversed(people) if url}
        matcher.by_email = {email_key(e): i for i, _, _, e in reversed(people) if e}
        for (index, name, _, _), key in zip(reversed(people), reversed(keys), strict=True):
            if key:
                matcher.display[key] = name.strip()
                if key not in shared:
                    matcher.by_name[key] = index
        return matcher

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
        """The connection name closest to `name`, for a "did you mean" (it may be shared)."""
        return closest(name, self.display)

    def bearers(self, name: str) -> list[int]:
        """Every person whose name is `name` (by name key), in order."""
        key = name_key(name)
        return [i for i, k in zip(self.indices, self.keys, strict=True) if k == key] if key else []


#: How close a name must be for a "did you mean": difflib's ratio, as `get_close_matches` uses it.
CLOSE = 0.75


def closest_key(name: str, keys: Sequence[str]) -> str | None:
    """The name key closest to `name`'s, if close enough; never for URLs or e-mails.

    The same answer as `difflib.get_close_matches(key, keys, n=1, cutoff=0.75)`, without its
    0.4 s over 30,000 names for each of the ten unmatched names a report shows: rapidfuzz's
    Indel similarity (C, all names at once) is never below difflib's ratio (a longest common
    subsequence is at least as long as difflib's matching blocks), so it keeps every key
    difflib could accept, and difflib then ranks those few exactly as it would have.
    """
    if "/" in name or "@" in name or not keys:
        return None
    from rapidfuzz import fuzz, process

    key = name_key(name)
    candidates = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=CLOSE * 100 - 1e-6, limit=None)
    ranked = []
    for candidate, _, _ in candidates:
        matcher = difflib.SequenceMatcher(None, candidate, key)  # as get_close_matches orders them
        if matcher.ratio() >= CLOSE:
            ranked.append((matcher.ratio(), candidate))
    return max(ranked)[1] if ranked else None


def closest(name: str, display: dict[str, str]) -> str | None:
    """The display name whose key is closest to `name`'s (see `closest_key`)."""
    found = closest_key(name, list(display))
    return display[found] if found is not None else None


def most_common(counter: Counter[str], n: int) -> list[tuple[str, int]]:
    """Most frequent first, ties by text, so reports are deterministic."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
