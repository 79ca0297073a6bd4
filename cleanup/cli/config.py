"""The config file: ``cleanup.toml``, or ``[tool.cleanup]`` in ``pyproject.toml``, found upward from the cwd.

As ruff and black do: the nearest directory that has either file wins
(``cleanup.toml`` first), and flags on the command line override it. The keys
are flags' defaults, so a project can pin its rules directories, disabled rules,
jobs, format and file globs once:

    [tool.cleanup]
    rules = ["site-rules"]          # relative to the file's directory
    disable = ["promo-line"]
    jobs = 2
    format = "json"
    include = ["*.html"]
    exclude = ["drafts"]
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

CONFIG_NAME = "cleanup.toml"
PYPROJECT = "pyproject.toml"
MAX_CONFIG_BYTES = 1_000_000  # a config file is a few lines; anything bigger is not one
# key in the file -> (click parameter name, the type its value must have)
KEYS: dict[str, tuple[str, type]] = {
    "rules": ("rules_dirs", list),
    "disable": ("disable", list),
    "jobs": ("jobs", int),
    "format": ("fmt", str),
    "include": ("include", list),
    "exclude": ("exclude", list),
}
# keys whose value must also be one of a few, checked here so the message names the file, not a flag
FORMATS = ("text", "json", "jsonl")


@dataclass(frozen=True)
class Config:
    """The config file found, and the flag defaults it gives (click's ``default_map``)."""

    path: Path
    defaults: dict[str, Any]


def find_config(start: Path) -> Config | None:
    """The nearest config file at or above ``start``; a usage error when it is not valid.

    The search stops at a project's root (a directory holding ``.git`` or ``.hg``), as black's
    does: a ``cleanup.toml`` above the checkout is not the project's.
    """
    for directory in (start, *start.parents):
        own = directory / CONFIG_NAME
        if own.is_file():
            data, owner, mode = _read_file(own)
            _check_owner(own, owner, mode)
            return Config(own, _defaults(own, data))
        project = directory / PYPROJECT
        if project.is_file():
            data, owner, mode = _read_file(project)
            tool = data.get("tool")  # anything but a table ("tool = 1") holds no [tool.cleanup]
            table = tool.get("cleanup") if isinstance(tool, dict) else None
            if table is not None:
                _check_owner(project, owner, mode)
                return Config(project, _defaults(project, table))
        if any((directory / marker).exists() for marker in PROJECT_ROOT_MARKERS):
            break
    return None


PROJECT_ROOT_MARKERS = (".git", ".hg")


def _check_owner(path: Path, owner: int, mode: int) -> None:
    """A usage error for a config file another user could have written: owned by someone else
    (not root), or writable by anyone (a ``cleanup.toml`` dropped in /tmp). ``owner`` and ``mode``
    come from the descriptor the file was read through: a file swapped in after a check is not read."""
    if owner not in (0, os.geteuid()) or mode & stat.S_IWOTH:
        who = "is owned by another user" if owner not in (0, os.geteuid()) else "is writable by other users"
        raise click.UsageError(f"config file {path}: {who}; not used (fix its owner or mode, or give --no-config)")


def _read_file(path: Path) -> tuple[dict[str, Any], int, int]:
    """The TOML of a config file, and the owner and mode of the file it was read from."""
    from cleanup.output.files import OutputError, read_regular

    try:
        found = read_regular(path, MAX_CONFIG_BYTES)
    except OutputError as exc:
        raise click.UsageError(f"config file {path}: {exc}") from None
    if found is None:
        return {}, os.geteuid(), 0
    if not found.complete:
        raise click.UsageError(f"config file {path}: larger than {MAX_CONFIG_BYTES:,} bytes")
    try:
        return tomllib.loads(found.data.decode("utf-8-sig")), found.owner, found.mode  # a BOM is no TOML error
    except RecursionError:  # "maximum recursion depth exceeded" said nothing of the file
        raise click.UsageError(f"config file {path}: invalid TOML: arrays or tables nested too deeply") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise click.UsageError(f"config file {path}: {exc}") from None


def _defaults(path: Path, table: Any) -> dict[str, Any]:
    """The table's keys as click parameter defaults; a usage error for an unknown key or a wrong type."""
    where = f"config file {path}" + (" [tool.cleanup]" if path.name == PYPROJECT else "")
    if not isinstance(table, dict):
        raise click.UsageError(f"{where}: not a table")
    defaults = {}
    for key, value in table.items():
        if key not in KEYS:
            raise click.UsageError(f"{where}: unknown key {key!r} (known: {', '.join(KEYS)})")
        name, kind = KEYS[key]
        if not isinstance(value, kind) or isinstance(value, bool) or (isinstance(value, list) and not _strings(value)):
            expected = "a list of strings" if kind is list else kind.__name__
            raise click.UsageError(f"{where}: {key} must be {expected}")
        _check_value(where, key, value)
        defaults[name] = [str(path.parent / v) for v in value] if isinstance(value, list) and key == "rules" else value
    return defaults


def _strings(value: list[Any]) -> bool:
    return all(isinstance(v, str) for v in value)


def _check_value(where: str, key: str, value: Any) -> None:
    """A value of the right type that click would refuse: say it is the file's, not a flag's."""
    if key == "format" and value not in FORMATS:
        raise click.UsageError(f"{where}: format must be one of {', '.join(FORMATS)}, not {value!r}")
    if key == "jobs" and value < 1:
        raise click.UsageError(f"{where}: jobs must be 1 or more, not {value}")


class RulesDir(click.Path):
    """``--rules DIR``, saying where a bad value came from when no flag gave it (CLEANUP_RULES, the
    config file): 'Invalid value for --rules' alone sent the user looking for a flag they never typed."""

    def __init__(self, exists: bool = False) -> None:
        super().__init__(file_okay=False, exists=exists, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        source = ctx.get_parameter_source(param.name) if ctx is not None and param and param.name else None
        origins = {ParameterSource.ENVIRONMENT: "CLEANUP_RULES", ParameterSource.DEFAULT_MAP: "the config file"}
        origin = origins.get(source) if source is not None else None
        try:
            if isinstance(value, str) and not value:  # the working directory's files taken as rules
                self.fail("an empty path (an unset shell variable?)", param, ctx)
            if origin is not None and not os.path.exists(value):  # not left to the run, which names no origin
                self.fail(f"Directory {click.format_filename(value)!r} does not exist.", param, ctx)
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            if origin is None:
                raise
            self.fail(f"{exc.message.rstrip('.')} (from {origin}).", param, ctx)
