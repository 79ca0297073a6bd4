"""Read and validate language packs: the group table (groups.toml) and one TOML file per language.

A pack is data only: phrases per named group, plus keep-traps (prose that must stay) and drop
examples (lines that must be recognised). Everything is checked at load, and an error names the
file and the key, like the site files do.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..model import SiteRuleError
from ..sites.files import read_rule_bytes
from .matching import HEAD_MARKS, SEPARATOR_RE, first_word, normalise

BUNDLED_DIR = Path(__file__).parent
GROUPS_FILE = BUNDLED_DIR / "groups.toml"
SUFFIX = ".toml"
KINDS = frozenset({"line", "prefix", "opening", "contains", "lead", "word"})
# Kinds whose match says "this line is chrome"; the others are vocabulary for rules.
VERDICT_KINDS = frozenset({"line", "prefix", "opening", "contains"})
GROUP_KEYS = frozenset({"match", "max_chars", "slots", "about"})
TOP_KEYS = frozenset({"pack", "phrases", "keep", "drop"})
PACK_KEYS = frozenset({"code", "name"})
KEEP_KEYS = frozenset({"text", "why"})
DROP_KEYS = frozenset({"group", "text"})
PLACEHOLDERS = ("{n}", "{topic}")
CODE_RE = re.compile(r"[a-z]{2,3}")


class LangPackError(SiteRuleError):
    """A language pack or the group table is invalid: bad TOML, unknown group or key, bad type."""


@dataclass(frozen=True)
class Group:
    """One concept of chrome vocabulary and how its phrases are matched (see groups.toml)."""

    name: str
    match: str
    max_chars: int
    about: str
    slots: int = 0  # calendar groups: number of ordered entries (12 months, 7 weekdays)


@dataclass(frozen=True)
class Example:
    """A keep-trap (``group`` is None) or a drop example, with the file it came from."""

    text: str
    source: str
    group: str | None = None
    why: str = ""


@dataclass(frozen=True)
class Pack:
    """One language's phrases by group; calendar groups also keep their ordered entries."""

    code: str
    name: str
    phrases: MappingProxyType[str, tuple[str, ...]]
    calendar: MappingProxyType[str, tuple[tuple[str, ...], ...]]
    keep: tuple[Example, ...]
    drop: tuple[Example, ...]
    sources: tuple[str, ...]


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file, or a LangPackError naming it.

    Read as site files are (a FIFO or a link to /dev/zero is refused, not waited on or
    read forever), and parsed with the same guard against arrays nested thousands deep.
    """
    try:
        return tomllib.loads(read_rule_bytes(path).decode("utf-8"))
    except OSError as exc:  # its strerror: "Is a directory", not "[Errno 21] Is a directory: 3"
        raise LangPackError(f"{path.name}: cannot read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LangPackError(f"{path.name}: cannot read: {exc}") from exc
    except RecursionError:
        raise LangPackError(f"{path.name}: invalid TOML: arrays or tables nested too deeply") from None


def _check_keys(where: str, table: Any, allowed: frozenset[str]) -> dict[str, Any]:
    """``table`` as a dict whose keys are all allowed; an unknown key is reported with a hint."""
    if not isinstance(table, dict):
        raise LangPackError(f"{where}: must be a table")
    for key in table:
        if key not in allowed:
            close = difflib.get_close_matches(key, sorted(allowed), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise LangPackError(f"{where}: unknown key '{key}'{hint}")
    return table


def _string(where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LangPackError(f"{where}: must be a non-empty string, not {value!r}")
    return value.strip()


def load_groups(path: Path = GROUPS_FILE) -> MappingProxyType[str, Group]:
    """The group table: name -> Group, in file order.

    >>> load_groups()["read-more"].match
    'prefix'
    """
    groups = {}
    for name, table in read_toml(path).items():
        where = f"{path.name}: [{name}]"
        table = _check_keys(where, table, GROUP_KEYS)
        kind = table.get("match")
        if kind not in KINDS:
            raise LangPackError(f"{where}: 'match' must be one of {sorted(KINDS)}, not {kind!r}")
        numbers = {key: table.get(key, 0) for key in ("max_chars", "slots")}
        for key, value in numbers.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise LangPackError(f"{where}: '{key}' must be a whole number >= 0, not {value!r}")
        groups[name] = Group(
            name, kind, numbers["max_chars"], _string(f"{where} 'about'", table.get("about")), numbers["slots"]
        )
    return MappingProxyType(groups)


def _check_phrase(where: str, phrase: Any, group: Group) -> str:
    """A phrase with known placeholders only; {topic} only at the end of a line or prefix phrase."""
    phrase = _string(where, phrase)
    rest = phrase
    for placeholder in PLACEHOLDERS:
        rest = rest.replace(placeholder, "")
    if "{" in rest or "}" in rest:
        raise LangPackError(f"{where}: unknown placeholder in {phrase!r} (known: {', '.join(PLACEHOLDERS)})")
    norm = normalise(phrase).lstrip(HEAD_MARKS)
    if group.match == "word" and " " in norm:
        raise LangPackError(f"{where}: a word group holds single words, not {phrase!r}")
    if group.match != "word" and (not first_word(norm) or norm.startswith("{topic}")):
        raise LangPackError(f"{where}: a phrase starts with a word or {{n}}, not {phrase!r}")
    if group.match == "prefix" and SEPARATOR_RE.search(norm):
        raise LangPackError(f"{where}: a prefix phrase holds no separator (: | » - ...): {phrase!r}")
    if "{topic}" in phrase and (not phrase.endswith("{topic}") or group.match not in ("line", "prefix")):
        raise LangPackError(f"{where}: {{topic}} may only end a phrase of a line or prefix group: {phrase!r}")
    return phrase


def _calendar(where: str, value: Any, group: Group) -> tuple[tuple[str, ...], ...]:
    """Exactly ``group.slots`` ordered entries, each a phrase or a list of variants."""
    if not isinstance(value, list) or len(value) != group.slots:
        raise LangPackError(f"{where}: must be a list of {group.slots} entries (each a string or a list)")
    entries = []
    for k, entry in enumerate(value, 1):
        variants = entry if isinstance(entry, list) else [entry]
        if not variants:
            raise LangPackError(f"{where}: entry {k} is empty")
        entries.append(tuple(_check_phrase(f"{where} entry {k}", v, group) for v in variants))
    return tuple(entries)


def _phrases(where: str, table: Any, groups: MappingProxyType[str, Group]) -> tuple[dict, dict]:
    """Flat phrases per group and ordered calendar entries, checked against the group table."""
    table = _check_keys(where, table, frozenset(groups))
    phrases, calendar = {}, {}
    for name, value in table.items():
        group, key = groups[name], f"{where} '{name}'"
        if group.slots:
            calendar[name] = _calendar(key, value, group)
            phrases[name] = tuple(v for entry in calendar[name] for v in entry)
            continue
        if not isinstance(value, list) or not value:
            raise LangPackError(f"{key}: must be a non-empty list of strings")
        phrases[name] = tuple(_check_phrase(f"{key}[{k}]", v, group) for k, v in enumerate(value))
    return phrases, calendar


def _examples(path: Path, data: dict[str, Any], groups: MappingProxyType[str, Group]) -> tuple[tuple, tuple]:
    """The [[keep]] and [[drop]] tables of a pack file."""
    found: dict[str, list[Example]] = {"keep": [], "drop": []}
    for kind, keys in (("keep", KEEP_KEYS), ("drop", DROP_KEYS)):
        tables = data.get(kind, [])
        if not isinstance(tables, list):
            raise LangPackError(f"{path.name}: '{kind}' must be an array of tables ([[{kind}]])")
        for k, table in enumerate(tables, 1):
            where = f"{path.name}: [[{kind}]] {k}"
            table = _check_keys(where, table, keys)
            text = _string(f"{where} 'text'", table.get("text"))
            group = table.get("group")
            if kind == "drop" and group not in groups:
                raise LangPackError(f"{where}: 'group' must name a group, not {group!r}")
            found[kind].append(Example(text, path.name, group, str(table.get("why", ""))))
    return tuple(found["keep"]), tuple(found["drop"])


def load_pack(path: Path, groups: MappingProxyType[str, Group]) -> Pack:
    """One pack file, validated; its language code is the file name (``de.toml`` -> ``de``)."""
    data = _check_keys(path.name, read_toml(path), TOP_KEYS)
    head = _check_keys(f"{path.name}: [pack]", data.get("pack", {}), PACK_KEYS)
    code = path.stem
    if not CODE_RE.fullmatch(code) or head.get("code", code) != code:
        raise LangPackError(f"{path.name}: the file name must be the pack's language code, like 'de.toml'")
    name = _string(f"{path.name}: [pack] 'name'", head.get("name", code))
    phrases, calendar = _phrases(f"{path.name}: [phrases]", data.get("phrases", {}), groups)
    keep, drop = _examples(path, data, groups)
    return Pack(code, name, MappingProxyType(phrases), MappingProxyType(calendar), keep, drop, (path.name,))


def _union(first: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *more)))


def merge(base: Pack, extra: Pack) -> Pack:
    """``base`` extended by ``extra``: phrases, variants and examples added, the name replaced."""
    phrases = {g: _union(base.phrases.get(g, ()), extra.phrases.get(g, ())) for g in {**base.phrases, **extra.phrases}}
    calendar = dict(base.calendar)
    for group, entries in extra.calendar.items():
        old = calendar.get(group, ((),) * len(entries))
        calendar[group] = tuple(_union(a, b) for a, b in zip(old, entries, strict=True))
    name = extra.name if extra.name != extra.code else base.name
    return Pack(
        base.code,
        name,
        MappingProxyType(phrases),
        MappingProxyType(calendar),
        base.keep + extra.keep,
        base.drop + extra.drop,
        base.sources + extra.sources,
    )
