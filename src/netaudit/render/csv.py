"""CSV for a spreadsheet; a value that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import csv as _csv
import io

from netaudit.render import Options
from netaudit.report_models import FollowupReport

COLUMNS = [
    "rank",
    "name",
    "profile_url",
    "reason",
    "explanation",
    "action",
    "priority",
    "last_interaction",
    "days_since",
    "tie_strength",
    "draft",
    "company",
    "position",
    "wrote_on",
    "wrote_via",
    "preview",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def followups(report: FollowupReport, options: Options) -> str:
    buffer = io.StringIO()
    writer = _csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for f in report.followups:
        data = f.model_dump(mode="json")
        writer.writerow([neutralise(data[c]) for c in COLUMNS])
    return buffer.getvalue()
