"""Inputs reached more than once: one output per real file, whichever way it was reached.

``-o all.jsonl d2/ d2/a.html`` cleaned ``d2/a.html`` twice (two records of one
source, which ``--check`` then refused as a repeated source); nested directories
(``nest/a nest/a/b``) and a list naming a file twice (or once relative, once
absolute) did the same. Two steps keep it to one:

- ``uncovered``: before the layout is decided, a command-line input that the walk
  of another directory given takes anyway is dropped, so ``-o g/ ph/ ph/x.html``
  writes what ``-o g/ ph/`` writes, in the same place and order;
- ``first_time``: as inputs are read, a file whose real path (links resolved) was
  read already is passed over (a list, a link, the arguments and the list both).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cleanup.input import sniff

STDIN = "-"


def named_once(sources: Iterable[Path]) -> list[Path]:
    """``sources`` without a path named again (``b.html ./b.html``), in first-seen order."""
    seen: set[str] = set()
    once = []
    for src in sources:
        key = str(src) if str(src) == STDIN else os.path.abspath(src)
        if key not in seen:
            seen.add(key)
            once.append(src)
    return once


def first_time(sel: Any, real: str) -> bool:
    """True the first time the real path ``real`` is read under ``sel`` (always when it keeps no record)."""
    seen: set[str] | None = sel.seen
    if seen is None:
        return True
    if real in seen:
        return False
    seen.add(real)
    return True


def real_path(path: Path | str) -> str:
    """``path`` with its links resolved (as given when it cannot be: a NUL byte fails as an input of its own)."""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return str(path)


def uncovered(sources: list[Path], sel: Any) -> list[Path]:
    """``sources`` without those the walk of another directory among them takes anyway.

    A file the walk would leave out (excluded, no --include match, not shaped like a
    page) stays: naming it is what takes it.
    """
    dirs = [(src, real_path(src)) for src in sources if str(src) != STDIN and os.path.isdir(src)]
    if not dirs:
        return sources
    kept = []
    for src in sources:
        real = None if str(src) == STDIN else real_path(src)
        if real is None or not any(real != top and _walk_takes(real, top, sel) for _, top in dirs):
            kept.append(src)
    return kept


def _walk_takes(real: str, top: str, sel: Any) -> bool:
    """True when the walk of the directory ``top`` (a real path) reaches ``real`` and takes it."""
    if not real.startswith(top.rstrip(os.sep) + os.sep):
        return False
    parts = Path(os.path.relpath(real, top)).parts
    for depth, name in enumerate(parts):
        inner = "/".join(parts[: depth + 1])
        if _matches(name, sel.exclude) or _matches(inner, sel.exclude):
            return False
    if os.path.isdir(real):
        return True
    name = parts[-1]
    if included(name, "/".join(parts), sel):
        return True
    return sel.sniff_unlisted and not name.startswith(".") and sniff.walk_takes(Path(real))


def _matches(name: str, globs: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) for g in globs)


def included(name: str, inner: str, sel: Any) -> bool:
    """True when an --include glob matches a file's name or its path below the directory given.

    The default globs match whatever the case (``STORY.TXT``, ``PAGE.HTML.GZ``, as a
    Windows or DOS crawl names them, are taken as ``story.txt`` is); the user's own match as written.
    """
    if sel.sniff_unlisted:  # the default globs, all in lower case
        name, inner = name.lower(), inner.lower()
    return _matches(name, sel.include) or _matches(inner, sel.include)
