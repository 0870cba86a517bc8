"""What a run is asked to read, and how: the pipeline's one input. Light to import (no numpy,
no pyarrow), so that the commands that only act on a listing (`done 3`) start fast."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from netaudit.me import Me
from netaudit.settings import Settings

__all__ = ["Request"]


@dataclass
class Request:
    path: Path
    interactions: list[Path] = field(default_factory=list)
    me: Me = field(default_factory=Me)
    as_of: date = field(default_factory=date.today)
    settings: Settings = field(default_factory=Settings)
    quiet: frozenset[str] = frozenset()  # person keys not to suggest (snoozed, ignored)
    labels: dict[str, str] = field(default_factory=dict)  # person key -> the user's label (`netaudit label`)
    cache_dir: Path | None = None  # where parsed messages are kept between runs (None: not kept)
    progress: Callable[[int, int], None] | None = None  # bytes of mail read, of how many (0: unknown)
