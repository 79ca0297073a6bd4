"""Which site file serves a host: a TOML site file, else a FiveFilters file of a user directory.

Kept apart from load.py (TOML) and ftr.py (FiveFilters), which both define
what a Site is; this module only chooses between them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from cleanup.sites import load
from cleanup.sites.fresh import dropped_on_reload, edited, reload_rules
from cleanup.sites.load import BUNDLED_DIR, Site


def site_for_host(host: str, dirs: tuple[str, ...] = ()) -> Site | None:
    """The site serving ``host``, or None; read again when its file changed since it was read (a stat)."""
    return _fresh(lambda: _site_for_host(host, dirs), dirs)


def site_by_fingerprint(page: str, dirs: tuple[str, ...] = ()) -> Site | None:
    """The site one of whose fingerprints matches ``page`` (``load.site_by_fingerprint``); read again
    when its file changed since it was read."""
    return _fresh(lambda: load.site_by_fingerprint(page, dirs), dirs)


def _fresh(find: Callable[[], Site | None], dirs: tuple[str, ...]) -> Site | None:
    """``find()``, asked again after ``reload_rules`` when the file of the site it gave changed."""
    site = find()
    if changed(site, dirs):
        reload_rules()
        site = find()
    return site


def changed(site: Site | None, dirs: tuple[str, ...]) -> bool:
    """Whether a file ``site`` was read from changed since (a stat each): its own, and the
    ``global.txt`` a FiveFilters site has merged in. The bundled files do not change."""
    if site is None or site.path.parent == BUNDLED_DIR:
        return False
    paths = [site.path]
    if site.ftr and dirs:
        from cleanup.sites import ftr

        paths += [g for g in (ftr.ftr_index(dirs).get(ftr.GLOBAL),) if g is not None and g != site.path]
    return any([edited(path) for path in paths])  # a list: every stamp is read, as edited() notes them


@dropped_on_reload
@functools.lru_cache(maxsize=4096)
def _site_for_host(host: str, dirs: tuple[str, ...] = ()) -> Site | None:
    """The site serving ``host``, or None (cached per host and directories).

    A TOML site file wins (the user's own or learned rules are the most
    specific); else a FiveFilters file, parsed only when a page of its host comes.
    """
    site = load.site_for_host(host, dirs)
    if site is None and dirs:
        from cleanup.sites import ftr  # it compiles XPaths: lxml loads only when a rules dir is given

        site = ftr.ftr_site_for_host(host.lower(), dirs)
    return site


def global_site(dirs: tuple[str, ...]) -> Site | None:
    """FiveFilters' ``global.txt`` of the user directories: it serves HTML pages no site file serves.
    Read again when it changed since it was read."""
    if not dirs:
        return None
    from cleanup.sites import ftr

    return _fresh(lambda: ftr.global_site(dirs), dirs)
