"""Normalised keys for people: profile URL, e-mail and name, each rule once, for whole columns.

Each rule is one function over a pyarrow string array; the scalar form (`url_key`, `email_key`,
`name_key`) is a one-element use of it, so the two can never disagree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: A `pyarrow.StringArray` (pyarrow has no type information: the name is for the reader).
StringArray: TypeAlias = Any

#: Any scheme, any subdomain, then LinkedIn's profile path (of a lower-cased URL).
_PROFILE_PATH = r"^(?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9-]+\.)*linkedin\.com/in/"
#: The usual shape of a profile URL, worked out in bulk; the slug (group 1) may be
#: percent-encoded, as LinkedIn writes non-ASCII ones.
PROFILE = _PROFILE_PATH + r"([a-z0-9_.~!$&'()*+,;=:@%-]+)(?:[/?#].*)?$"
#: A key as `url_keys` makes it: no scheme, no `www.`, a slug without `/ ? # %`, spaces or controls.
#: Such a value is its own key (messages and the cache store keys), so it is taken as it is.
KEY = (
    r"^linkedin\.com/in/[^/?#%\s\x00-\x1f\x7f-\x{a0}\x{1680}\x{2000}-\x{200a}"
    r"\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]+$"
)
#: Any other profile URL whose slug may be percent-encoded (Python's `re`, one URL at a time).
_ENCODED = re.compile(_PROFILE_PATH + r"([^/?#\s]+)(?:[/?#].*)?$")
_PREFIX = "linkedin.com/in/"


def url_keys(urls: StringArray) -> StringArray:
    """`linkedin.com/in/slug` for each URL, whatever scheme, `www.`, case, slash, query or
    encoding it had; "" for an empty URL or one without a profile slug (`…linkedin.com/in`).
    A URL of another site keeps its host and path (`example.org/ada`).

    Each distinct value is worked out once: keys as they are, the usual shape in bulk (a
    percent-encoded slug decoded in bulk too), and only the rest one by one (`_unusual_key`).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(urls, pa.ChunkedArray):
        urls = urls.combine_chunks()
    encoded = urls if pa.types.is_dictionary(urls.type) else pc.dictionary_encode(urls)
    return pc.take(_distinct_url_keys(encoded.dictionary), encoded.indices)


def _distinct_url_keys(values: StringArray) -> StringArray:
    import numpy as np
    import pyarrow.compute as pc

    lower = pc.utf8_lower(pc.utf8_trim_whitespace(values))
    is_key = pc.and_(pc.equal(lower, values), pc.match_substring_regex(values, KEY))
    todo = np.flatnonzero(~is_key.to_numpy(zero_copy_only=False))
    if not len(todo):
        return values
    return pc.replace_with_mask(values, pc.invert(is_key), _keys_of_urls(values.take(todo), lower.take(todo)))


def _keys_of_urls(values: StringArray, lower: StringArray) -> StringArray:
    """Keys of values that are not keys yet (`lower`: each trimmed and lower-cased)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    usual = pc.match_substring_regex(lower, PROFILE).to_numpy(zero_copy_only=False)
    keys = pc.if_else(pa.array(usual), _slug_keys(lower), "")
    encoded = np.flatnonzero(usual & pc.match_substring(keys, "%").to_numpy(zero_copy_only=False))
    if len(encoded):
        decoded = _percent_decoded(keys.take(pa.array(encoded)))
        # Python decides a slug that decodes to something unusual: a `/`, a blank, a capital
        plain = pc.and_(pc.match_substring_regex(decoded, KEY), pc.equal(pc.utf8_lower(decoded), decoded))
        usual[encoded] = plain.to_numpy(zero_copy_only=False)
        keys = pc.replace_with_mask(keys, pa.array(_mask(len(keys), encoded)), decoded)
    rest = np.flatnonzero(~usual)
    if not len(rest):
        return keys
    unusual = pa.array([_unusual_key(raw) for raw in values.take(pa.array(rest)).to_pylist()], pa.string())
    return pc.replace_with_mask(keys, pa.array(_mask(len(keys), rest)), unusual)


def _mask(size: int, rows: npt.NDArray[np.intp]) -> npt.NDArray[np.bool_]:
    import numpy as np

    out = np.zeros(size, bool)
    out[rows] = True
    return out


def _percent_decoded(texts: StringArray) -> StringArray:
    """urllib's `unquote` of each value, in bulk: each `%XX` within a value becomes its byte,
    and bytes that are no UTF-8 become U+FFFD as `unquote` makes them (then value by value)."""
    import numpy as np
    import pyarrow as pa

    hex_digit = np.full(256, -1, np.int16)  # the value of each byte as a hex digit, -1 for none
    for digits, first in ((b"0123456789", 0), (b"abcdef", 10), (b"ABCDEF", 10)):
        hex_digit[np.frombuffer(digits, np.uint8)] = np.arange(first, first + len(digits))
    texts = pa.concat_arrays([texts.fill_null("")])  # its own buffers, from offset 0
    offsets = np.frombuffer(texts.buffers()[1], np.int32)[: len(texts) + 1].astype(np.int64)
    data = np.frombuffer(texts.buffers()[2] or b"", np.uint8)[: offsets[-1]]
    percent = np.flatnonzero(data[:-2] == ord("%")) if len(data) > 2 else np.zeros(0, np.int64)
    high, low = hex_digit[data[percent + 1]], hex_digit[data[percent + 2]]
    ends = offsets[np.searchsorted(offsets, percent, side="right")]  # where each `%`'s value ends
    escape = percent[(high >= 0) & (low >= 0) & (percent + 2 < ends)]
    out = data.copy()
    out[escape] = (hex_digit[data[escape + 1]] * 16 + hex_digit[data[escape + 2]]).astype(np.uint8)
    kept = np.ones(len(data), bool)
    kept[escape + 1] = kept[escape + 2] = False
    before = np.concatenate([[0], np.cumsum(kept)])[offsets].astype(np.int32)
    raw = pa.Array.from_buffers(pa.binary(), len(texts), [None, pa.py_buffer(before), pa.py_buffer(out[kept])])
    try:
        return raw.cast(pa.string())
    except pa.ArrowInvalid:
        return pa.array([b.decode("utf-8", "replace") for b in raw.to_pylist()], pa.string())


def _slug_keys(lower: StringArray) -> StringArray:
    """`linkedin.com/in/<slug>` of lower-cased URLs of the usual shape (`PROFILE`): the slug
    runs from the first `/in/` to the next `/`, `?` or `#` (plain splits, faster than a capture).
    Values of other shapes give junk, which the caller does not keep."""
    import pyarrow.compute as pc

    padded = pc.binary_join_element_wise(lower, "/in/", "")  # every value then has a part after /in/
    after = pc.list_element(pc.split_pattern(padded, "/in/", max_splits=1), 1)
    ended = pc.binary_join_element_wise(after, "/", "")
    slug = pc.list_element(pc.split_pattern_regex(ended, "[/?#]", max_splits=1), 0)
    return pc.binary_join_element_wise(_PREFIX, slug, "")


def _unusual_key(url: str) -> str:
    """The key of one URL not of the usual shape: a percent-encoded slug decoded, else the URL
    taken apart (other hosts keep their path; a LinkedIn URL keeps its first two segments)."""
    text = url.strip()
    if not text:
        return ""
    lower = text.lower()
    if (encoded := _ENCODED.match(lower)) and "/" not in (slug := unquote(encoded.group(1))) and slug.strip() == slug:
        return _PREFIX + slug.lower()
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


def url_key(url: str) -> str:
    """`url_keys` of one URL."""
    return _one(url_keys, url)


def email_keys(emails: StringArray) -> StringArray:
    """Each e-mail address trimmed and lower-cased."""
    import pyarrow.compute as pc

    return pc.utf8_lower(pc.utf8_trim_whitespace(emails))


def email_key(email: str) -> str:
    return _one(email_keys, email)


#: Whitespace, Unicode's included (RE2's \s is ASCII only, so the class is spelled out).
BLANKS = r"[\s\x{00a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]+"


def name_keys(names: StringArray) -> StringArray:
    """Case-, accent- and spacing-insensitive form of each full name: NFKD, combining marks
    dropped, runs of blanks made one space, trimmed, lower-cased."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(names, pa.ChunkedArray):
        names = names.combine_chunks()
    text = pc.utf8_normalize(names, form="NFKD")
    text = pc.replace_substring_regex(text, pattern=r"\p{M}+", replacement="")
    text = pc.replace_substring_regex(text, pattern=BLANKS, replacement=" ")
    return pc.utf8_lower(pc.utf8_trim(text, characters=" "))


def name_key(name: str) -> str:
    return _one(name_keys, name)


def person_keys(names: Sequence[str], profile_keys: Sequence[str]) -> list[str]:
    """The one key of each person across runs (history, snoozes, `never_suggest`, redaction
    tags): the profile key (as `url_keys` makes it), else `name:` and the name key."""
    import pyarrow as pa

    unnamed = [i for i, key in enumerate(profile_keys) if not key]
    by_name = name_keys(pa.array([names[i] for i in unnamed], pa.string())).to_pylist() if unnamed else []
    keys = list(profile_keys)
    for i, key in zip(unnamed, by_name, strict=True):
        keys[i] = "name:" + key
    return keys


def person_key(text: str) -> str:
    """`person_keys` of one name or profile URL as a user writes it (`never_suggest`, `--snooze`)."""
    return person_keys([text], [url_key(text) if "linkedin.com/" in text.casefold() else ""])[0]


def _one(rule: Callable[[StringArray], StringArray], value: str) -> str:
    import pyarrow as pa

    return str(rule(pa.array([value], pa.string()))[0].as_py())


def most_common(counter: Counter[str], n: int) -> list[tuple[str, int]]:
    """Most frequent first, ties by text, so reports are deterministic."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


#: How close a name must be for a "did you mean": difflib's ratio, as `get_close_matches` uses it.
CLOSE = 0.75


def closest_key(name: str, keys: Sequence[str]) -> str | None:
    """The name key closest to `name`'s, if close enough; never for URLs or e-mails."""
    close = close_keys(name, keys)
    return close[0] if close else None


def close_keys(name: str, keys: Sequence[str], within: float = 1.0) -> list[str]:
    """Every name key close enough to `name`'s and at most `within` less close than the closest,
    closest first (as difflib ranks them); none for URLs or e-mails. The first is
    `difflib.get_close_matches(key, keys, n=1, cutoff=0.75)`'s answer.

    Without difflib's 0.4 s over 30,000 names for each of the ten unmatched names a report
    shows: rapidfuzz's Indel similarity (C, all names at once) is never below difflib's ratio (a
    longest common subsequence is at least as long as difflib's matching blocks), so it keeps
    every key difflib could accept, and difflib then ranks those few exactly as it would have.
    """
    if "/" in name or "@" in name or not keys:
        return []
    import difflib

    from rapidfuzz import fuzz, process

    key = name_key(name)
    candidates = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=CLOSE * 100 - 1e-6, limit=None)
    ranked = []
    for candidate, _, _ in candidates:
        matcher = difflib.SequenceMatcher(None, candidate, key)  # as get_close_matches orders them
        if matcher.ratio() >= CLOSE:
            ranked.append((matcher.ratio(), candidate))
    ranked = sorted(set(ranked), reverse=True)  # difflib's order
    return [candidate for ratio, candidate in ranked if ratio >= ranked[0][0] - within]
