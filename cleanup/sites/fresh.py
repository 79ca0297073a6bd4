"""Rule files that change while a process runs: the caches of what was read from them are dropped.

A rules directory is listed, and each site file parsed, once per process (``load.site_files``,
``load.load_site``, ``lookup.site_for_host``, the FiveFilters index and files): a batch must not
read them per page. A long-lived process (a service calling ``clean()``) still sees them change:
``check`` stats each rules directory once per page (a file added, removed or renamed over, as an
atomic write such as ``cleanup learn``'s does, changes the directory), and ``edited`` stats the
site file a page uses (a file edited in place); either drops every cache, as ``reload_rules``
does. Language packs (``DIR/lang/*.toml``) are read once per process; ``reload_rules`` leaves them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_CACHES: list[Any] = []  # the functools caches of rule files (``dropped_on_reload``)
_STAMPS: dict[str, tuple[int, int, int] | None] = {}  # path -> (mtime_ns, size, inode) when last seen


def dropped_on_reload(cached: F) -> F:
    """Register a ``functools`` cache of what rule files hold, to be cleared by ``reload_rules``."""
    _CACHES.append(cached)
    return cached


def reload_rules() -> None:
    """Forget every site rule file read so far: the next page lists the rules directories and reads
    its site file again. ``clean()`` does this by itself when a rules directory or the site file it
    uses changes on disk; call it after changes that keep a file's time and size."""
    for cached in _CACHES:
        cached.cache_clear()
    _STAMPS.clear()


def check(dirs: Iterable[str]) -> None:
    """Drop the caches when a rules directory changed since the last page (one stat per directory).

    The directories' new stamps are kept through the reload: forgotten, the next change would be
    taken for a first sight and missed (every other file added went unseen).
    """
    dirs = list(dirs)
    if any([_moved(d) for d in dirs]):  # a list: every directory's stamp is taken
        reload_rules()
        for d in dirs:
            _STAMPS[d] = _stamp(d)


def edited(path: os.PathLike[str] | str) -> bool:
    """Whether the rule file ``path`` changed since it was read (``remember``); one stat."""
    return _moved(os.fspath(path))


def remember(path: os.PathLike[str] | str) -> None:
    """Note the state of the rule file ``path`` as it is read."""
    _STAMPS[os.fspath(path)] = _stamp(os.fspath(path))


def _moved(path: str) -> bool:
    """Whether ``path`` changed since it was last seen; the first time it is seen it has not."""
    now = _stamp(path)
    before = _STAMPS.setdefault(path, now)
    _STAMPS[path] = now
    return before != now


def _stamp(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino
