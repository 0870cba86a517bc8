"""JSON: stable key order, no wall-clock time, `schema_version` first-class."""

from __future__ import annotations

import json as _json
from typing import Any

from pydantic import BaseModel

from netaudit.render import Options
from netaudit.report_models import AnalysisReport, CheckReport, ConfigReport, FollowupReport, TrendReport


def dump(model: BaseModel) -> str:
    data = model.model_dump(mode="json", by_alias=True, exclude_none=False)
    return _json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def analysis(report: AnalysisReport, options: Options) -> str:
    data: dict[str, Any] = report.model_dump(mode="json", by_alias=True)
    if data.get("people") is None:
        data.pop("people", None)
    return _json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def followups(report: FollowupReport, options: Options) -> str:
    return dump(report)


def check(report: CheckReport, options: Options) -> str:
    return dump(report)


def trend(report: TrendReport, options: Options) -> str:
    return dump(report)


def config(report: ConfigReport, options: Options) -> str:
    return dump(report)
