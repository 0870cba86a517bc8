"""Settings that fail validation, said in the user's words: the key, flag or variable as it was
written, where it came from (a flag, `file:line`, `$NETAUDIT_…`), what is accepted, and a "did
you mean" for a mistyped key or choice. Never pydantic's own wording or locations."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from netaudit.errors import ConfigError
from netaudit.settings import Settings

EXAMPLE = "examples/netaudit.toml shows every key"


@dataclass(frozen=True)
class Problem:
    line: str  # where, what was written, what is wrong
    hint: str  # what is accepted, or what was meant


@dataclass(frozen=True)
class Sources:
    """Where values came from: each key's origin, the config file (its text, and the table of
    netaudit's settings in it), and how the caller names the flags (`--window`)."""

    origins: Mapping[str, str]
    file: Path | None
    text: str
    table: str
    flags: Mapping[str, str]


def invalid(
    exc: ValidationError,
    origins: Mapping[str, str],
    file: Path | None,
    table: str = "",
    flags: Mapping[str, str] | None = None,
) -> ConfigError:
    """One ConfigError for every problem of a failed validation; one problem is one line.
    `flags` names the flag of a settings key as the caller's user writes it (default: the key)."""
    sources = Sources(origins, file, _text(file), table, flags or {})
    problems = [_problem(error, sources) for error in exc.errors()]
    if len(problems) == 1:
        return ConfigError(problems[0].line, problems[0].hint)
    where = {o for o in origins.values() if o not in ("default", "flag") and not o.startswith("$")}
    hint = f"fix {', '.join(sorted(where))}; {EXAMPLE}" if where else EXAMPLE
    return ConfigError(
        f"{len(problems)} settings are not valid:", hint, tuple(f"{p.line} ({p.hint})" for p in problems)
    )


def _problem(error: Any, sources: Sources) -> Problem:
    loc = [str(p) for p in error["loc"]]
    layer = loc[-1] == "[key]"
    parts = loc[:-2] if layer else loc
    key = ".".join(parts)
    origin = _origin(key, sources.origins)
    given = error.get("input")
    if layer:
        return _unknown_layer(key, loc[-2], origin, sources)
    if error["type"] == "extra_forbidden":
        return _unknown_key(key, origin, sources)
    return Problem(f"{_where(key, given, origin, sources)}: {_wrong(error)}", _accepted(key, given))


def _origin(key: str, origins: Mapping[str, str]) -> str:
    if key in origins:
        return origins[key]
    parts = key.split(".")
    for end in range(len(parts) - 1, 0, -1):
        if (parent := ".".join(parts[:end])) in origins:
            return origins[parent]
    return next((o for k, o in origins.items() if k.startswith(key + ".")), "default")


def _where(key: str, given: Any, origin: str, sources: Sources) -> str:
    """`--window 0`, `$NETAUDIT_MODEL__WINDOW_DAYS=0`, or `netaudit.toml:3: model.window_days = 0`."""
    value = _shown(given)
    if origin == "flag":
        parent, _, leaf = key.rpartition(".")
        if parent in sources.flags:  # a flag of KEY=VALUE pairs: --min-layer LAYER=N
            return f"{sources.flags[parent]} {leaf}={value}"
        flag = sources.flags.get(key, key)
        return f"{flag} {value}" if value else flag
    if origin.startswith("$"):
        return f"{origin}={value}" if value else origin
    file, text, table = sources.file, sources.text, sources.table
    line = _line_of(text, f"{table}{key}") if file is not None and origin == str(file) else None
    place = f"{origin}:{line}" if line else origin
    value = json.dumps(given) if isinstance(given, str) else value  # as TOML writes it
    return f"{place}: {key} = {value}" if value else f"{place}: {key}"


def _shown(given: Any) -> str:
    if given is None or isinstance(given, dict | list):
        return "=".join(map(str, next(iter(given.items())))) if isinstance(given, dict) and len(given) == 1 else ""
    return given if isinstance(given, str) else json.dumps(given)


def _wrong(error: Any) -> str:
    kind = error["type"]
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "not a whole number"
    if kind in ("float_parsing", "float_type", "finite_number"):
        return "not a number"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return "out of range"
    if kind == "literal_error":
        return "not one of the choices"
    if kind in ("model_type", "dict_type"):
        return "must be a table of settings"
    if kind == "list_type":
        return "must be a list"
    return str(error["msg"]).lower()


def _accepted(key: str, given: Any) -> str:
    """What the setting takes: its range or its choices (from the Settings model itself)."""
    if key.startswith("check.min_layer_members."):
        return "give a whole number of members"
    field = _field(key)
    if field is None:
        return EXAMPLE
    choices = getattr(field.annotation, "__args__", ())
    if choices and all(isinstance(c, str) for c in choices):
        close = difflib.get_close_matches(str(given), choices, n=1)
        return (f"did you mean {close[0]}? " if close else "") + "choose from " + ", ".join(choices)
    if field.annotation not in (int, float, int | None, float | None):
        return f"write [{key}] as a table; {EXAMPLE}" if _field_is_model(field) else EXAMPLE
    low = next((getattr(m, a) for m in field.metadata for a in ("ge", "gt") if getattr(m, a, None) is not None), None)
    high = next((getattr(m, a) for m in field.metadata for a in ("le", "lt") if getattr(m, a, None) is not None), None)
    number = "a whole number" if field.annotation in (int, int | None) else "a number"
    if low is not None and high is not None:
        return f"give {number} from {low} to {high}"
    return f"give {number}"


def _field_is_model(field: Any) -> bool:
    return isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)


def _field(key: str) -> Any:
    model: type[BaseModel] = Settings
    *parents, leaf = key.split(".")
    for part in parents:
        inner = model.model_fields.get(part)
        if inner is None or not _field_is_model(inner):
            return None
        model = inner.annotation  # type: ignore[assignment]
    return model.model_fields.get(leaf)


def _known_keys() -> list[str]:
    from netaudit.config import leaves

    return sorted(leaves(Settings().model_dump(mode="json")))


def _unknown_key(key: str, origin: str, sources: Sources) -> Problem:
    if origin.startswith("$"):
        known = ["$NETAUDIT_" + k.upper().replace(".", "__") for k in _known_keys()]
        close = difflib.get_close_matches(origin, known, n=1)
        return Problem(f"{origin}: no such setting", f"did you mean {close[0]}?" if close else EXAMPLE)
    close = difflib.get_close_matches(key, _known_keys(), n=1, cutoff=0.5)
    return Problem(
        f"{_where(key, None, origin, sources)}: no such setting",
        f"did you mean {close[0]}?" if close else EXAMPLE,
    )


def _unknown_layer(key: str, layer: str, origin: str, sources: Sources) -> Problem:
    from netaudit.settings import LayerName

    layers = list(LayerName.__args__)  # type: ignore[attr-defined]
    close = difflib.get_close_matches(layer, layers, n=1)
    if origin == "flag":
        where = f"{sources.flags.get(key, key)} {layer}"
    elif origin.startswith("$"):
        where = origin
    else:
        text, table = sources.text, sources.table
        line = _line_of(text, f"{table}{key}.{layer}") or _line_of(text, f"{table}{key}")
        where = f"{origin}:{line}: {key}" if line else f"{origin}: {key}"
    mean = f"did you mean {close[0]}? " if close else ""
    return Problem(f"{where}: no Dunbar layer {layer!r}", f"{mean}the layers are {', '.join(layers)}")


def _text(file: Path | None) -> str:
    try:
        return file.read_text(encoding="utf-8-sig") if file is not None else ""
    except (OSError, UnicodeDecodeError):
        return ""


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _parts(dotted: str) -> list[str]:
    return [p.strip().strip("\"'") for p in re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", dotted)]


def _line_of(text: str, dotted: str) -> int | None:
    """The physical line (from 1) where a TOML file sets `dotted`, or None (tomllib keeps no lines)."""
    wanted = dotted.split(".")
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if header := _HEADER.match(line):
            table = _parts(header.group(1))
            if table == wanted:
                return number
        elif (key := _KEY.match(line)) and [*table, *_parts(key.group(1))] == wanted:
            return number
    return None
