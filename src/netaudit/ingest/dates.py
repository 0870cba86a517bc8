"""The date formats LinkedIn (and Excel re-saving its files) write, parsed without guessing."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_DMY_NAME = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{2}|\d{4})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?)?$")
_ISO = re.compile(r"^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?")
_ZONE = re.compile(r"(?:\s*(?:UTC|GMT|Z)|([+-])(\d{2}):?(\d{2}))$")


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if len(text) == 2 else value


def parse_date(text: str) -> date | None:
    """A calendar date from any export format (UTC where a zone is given); None if unreadable.

    `08 Feb 2026` (Connections since 2020), `7-Feb-22` (Excel), `1/8/18, 6:14 PM` (2018 and
    invitations), `2024-01-02 13:45:00 UTC` (messages), `2024/01/02 13:45:00 UTC`
    (endorsements), `2019-11-06T02:08:20`, ISO dates and datetimes with an offset.
    """
    value = text.strip()
    if not value:
        return None
    try:
        if m := _DMY_NAME.match(value):
            month = _MONTHS.get(m.group(2).casefold())
            return date(_year(m.group(3)), month, int(m.group(1))) if month else None
        if m := _US.match(value):
            return date(_year(m.group(3)), int(m.group(1)), int(m.group(2)))
        if m := _ISO.match(value):
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return _to_utc(day, m, value[m.end() :])
    except ValueError:
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
