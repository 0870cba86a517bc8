"""Settings from defaults < config file < NETAUDIT_* environment < flags, and where each came from."""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from netaudit.errors import ConfigError
from netaudit.settings import Settings

ENV_PREFIX = "NETAUDIT_"
#: Environment variables that are not settings.
NOT_SETTINGS = {"NETAUDIT_HOME", "NETAUDIT_UPDATE_GOLDEN"}
PATH_KEYS = {"export", "log", "interactions"}
#: Settings whose environment value is taken as it is written, never as JSON.
TEXT_KEYS = {"export", "log", "me", "redact"}


@dataclass
class Loaded:
    settings: Settings
    origins: dict[str, str] = field(default_factory=dict)  # dotted key -> where it came from
    file: Path | None = None


def find_file(cwd: Path | None, explicit: Path | None) -> tuple[Path | None, dict[str, Any]]:
    """`--config FILE`, else netaudit.toml here, else [tool.netaudit] in pyproject.toml here
    (`cwd` None: no file but the explicit one, as for the Python API)."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"--config {explicit}: no such file", "check the path, or leave --config out")
        return explicit, _read_toml(explicit, None)
    if cwd is None:
        return None, {}
    for name, table in (("netaudit.toml", None), ("pyproject.toml", ("tool", "netaudit"))):
        path = cwd / name
        if _is_file(path):
            data = _read_toml(path, table)
            if data or table is None:
                return path, data
    return None, {}


def _is_file(path: Path) -> bool:
    """Whether a config file is here; a folder we may not look into is said so, not a crash."""
    try:
        return path.is_file()
    except OSError as exc:  # EACCES: is_file() only swallows "no such file"
        raise ConfigError(
            f"{path}: cannot look for a config file here ({exc.strerror})",
            "run netaudit from a folder you may read, or name the settings with --config FILE",
        ) from None


def _read_toml(path: Path, table: tuple[str, ...] | None) -> dict[str, Any]:
    try:
        # utf-8-sig: an editor on Windows may save the file with a BOM, which TOML does not allow
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"{path}: not valid TOML ({exc})", "fix the file; examples/netaudit.toml shows every key"
        ) from None
    except RecursionError:  # tomllib recurses once per level of nesting
        raise ConfigError(f"{path}: nested too deeply to be netaudit's settings", TOO_DEEP_HINT) from None
    _shallow(data, str(path))
    for key in table or ():
        data = data.get(key, {})
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.netaudit] must be a table", "see examples/netaudit.toml")
    for key in PATH_KEYS & data.keys():  # paths in a config file are relative to the file
        value = data[key]
        data[key] = [_relative(path, v) for v in value] if isinstance(value, list) else _relative(path, value)
    return data


#: Settings nest three levels deep ([model.tie_weights] recency); anything much deeper is no config.
MAX_DEPTH = 8
TOO_DEEP_HINT = "netaudit's settings nest at most 3 levels; examples/netaudit.toml shows every key"


def _shallow(value: Any, where: str) -> None:
    """Refuse deeply nested values before anything recurses into them (without recursing)."""
    level = [value]
    for _ in range(MAX_DEPTH):
        level = [v for x in level for v in (x.values() if isinstance(x, dict) else x if isinstance(x, list) else ())]
        if not level:
            return
    raise ConfigError(f"{where}: nested more than {MAX_DEPTH} levels deep", TOO_DEEP_HINT)


def _relative(config: Path, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        target = Path(value).expanduser()
    except RuntimeError:  # `~someone` where there is no such user
        user = value.split("/", 1)[0]
        raise ConfigError(
            f"{config}: {value!r}: there is no user {user[1:]!r} to find {user} for", "write the path in full"
        ) from None
    return str(target if target.is_absolute() else config.parent / target)


def from_env(env: Mapping[str, str]) -> dict[str, tuple[Any, str]]:
    """NETAUDIT_WINDOW… is not nested; sections use a double underscore: NETAUDIT_CHECK__MIN_TWO_WAY."""
    out: dict[str, tuple[Any, str]] = {}
    for name, raw in sorted(env.items()):
        if not name.startswith(ENV_PREFIX) or name in NOT_SETTINGS:
            continue
        key = ".".join(part.lower() for part in name[len(ENV_PREFIX) :].split("__"))
        value: Any = raw
        if key in TEXT_KEYS:  # NETAUDIT_EXPORT=2026 is a folder named 2026, not a number
            pass
        elif key == "interactions" and not raw.lstrip().startswith("["):
            value = [v for v in raw.split(os.pathsep) if v]
        else:
            try:
                value = json.loads(raw)
            except ValueError:
                pass
            except RecursionError:
                raise ConfigError(f"${name}: nested too deeply to be netaudit's settings", TOO_DEEP_HINT) from None
            _shallow(value, f"${name}")
        out[key] = (value, name)
    return out


def _set(tree: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, leaf = dotted.split(".")
    for part in parents:
        child = tree.setdefault(part, {})
        if not isinstance(child, dict):
            child = tree[part] = {}
        tree = child
    tree[leaf] = value


def leaves(tree: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in tree.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping) and value and key != "min_layer_members":
            out |= leaves(value, dotted + ".")
        else:
            out[dotted] = value
    return out


def load(
    cwd: Path | None,
    env: Mapping[str, str],
    flags: Mapping[str, Any],
    config: Path | None = None,
    flag_names: Mapping[str, str] | None = None,
) -> Loaded:
    """Merge every source, validate once, and say where each value came from (an invalid value
    is named as its flag in `flag_names`, by its key if it has none there)."""
    merged: dict[str, Any] = Settings().model_dump(mode="json")
    origins = dict.fromkeys(leaves(merged), "default")
    path, data = find_file(cwd, config)
    for key, value in leaves(data).items():
        _set(merged, key, value)
        origins[key] = str(path)
    for key, (value, name) in from_env(env).items():
        _set(merged, key, value)
        origins[key] = f"${name}"
    for key, value in flags.items():
        if value is not None:
            _set(merged, key, value)
            origins[key] = "flag"
    try:
        settings = Settings.model_validate(merged)
    except ValidationError as exc:
        from netaudit.settings_errors import invalid

        table = "tool.netaudit." if path is not None and config is None and path.name == "pyproject.toml" else ""
        raise invalid(exc, origins, path, table, flag_names) from None
    return Loaded(settings, origins, path)
