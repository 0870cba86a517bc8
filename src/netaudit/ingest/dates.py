"""The date formats LinkedIn (and Excel re-saving its files) write, parsed without guessing."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import cache

#: LinkedIn opened on 5 May 2003: an earlier date in an export is a typo or a placeholder, and
#: taken at its word it would stretch the growth table over centuries.
LINKEDIN_FOUNDED = date(2003, 5, 5)
#: Month names of the languages LinkedIn's users re-save files in (en, de, fr, es, pt, it, nl);
#: a month is any unambiguous prefix of three letters or more (`Okt`, `sept.`, `févr.`), accents aside.
_NAMES = [
    "january february march april may june july august september october november december",
    "januar februar marz april mai juni juli august september oktober november dezember",
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "januari februari maart april mei juni juli augustus september oktober november december",
]
#: Abbreviations that are no prefix of their month's name.
_SHORT = {"mrz": 3, "mrt": 3}
_DMY_NAME = re.compile(r"^(\d{1,2})\.?[ -]([^\W\d_]{3,}\.?)[ -](\d{2}|\d{4})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?)?$")
_ISO = re.compile(r"^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?")
_ZONE = re.compile(r"(?:\s*(?:UTC|GMT|Z)|([+-])(\d{2}):?(\d{2}))$")


@cache
def month_number(word: str) -> int | None:
    """`Okt`, `mars`, `dic`, `févr.`, `September` -> the month; None when unknown or ambiguous."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", word.casefold().rstrip(".")) if c.isascii())
    if folded in _SHORT or len(folded) < 3:
        return _SHORT.get(folded)
    months = {i for names in _NAMES for i, name in enumerate(names.split(), 1) if name.startswith(folded)}
    return months.pop() if len(months) == 1 else None


def suspicious(day: date) -> bool:
    """A date before LinkedIn existed."""
    return day < LINKEDIN_FOUNDED


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if len(text) == 2 else value


def parse_date(text: str) -> date | None:
    """A calendar date from any export format (UTC where a zone is given); None if unreadable.

    `08 Feb 2026` (Connections since 2020), `05 Okt 2020`, `12 mars 2021` (localised), `7-Feb-22`
    (Excel), `1/8/18, 6:14 PM` (2018 and invitations), `2024-01-02 13:45:00 UTC` (messages), `2024/01/02 13:45:00 UTC`
    (endorsements), `2019-11-06T02:08:20`, ISO dates and datetimes with an offset.
    """
    value = text.strip()
    if not value:
        return None
    try:
        if m := _DMY_NAME.match(value):
            month = month_number(m.group(2))
            return date(_year(m.group(3)), month, int(m.group(1))) if month else None
        if m := _US.match(value):
            return date(_year(m.group(3)), int(m.group(1)), int(m.group(2)))
        if m := _ISO.match(value):
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return _to_utc(day, m, value[m.end() :])
    except (ValueError, OverflowError):  # OverflowError: 0001-01-01T00:30+01:00 is a day before year 1
        return None
    return None


def _to_utc(day: date, m: re.Match[str], rest: str) -> date | None:
    rest = rest.strip()
    if not rest:
        return day
    zone = _ZONE.fullmatch(rest) or _ZONE.fullmatch(" " + rest)
    if zone is None:
        return None
    if zone.group(1) is None or m.group(4) is None:
        return day
    sign = 1 if zone.group(1) == "+" else -1
    offset = timedelta(hours=int(zone.group(2)), minutes=int(zone.group(3)))
    moment = datetime(day.year, day.month, day.day, int(m.group(4)), int(m.group(5)))
    return (moment - sign * offset).date()
