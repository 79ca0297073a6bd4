"""Which site file serves a host: a TOML site file, else a FiveFilters file of a user directory.

Kept apart from load.py (TOML) and ftr.py (FiveFilters), which both define
what a Site is; this module only chooses between them.
"""

from __future__ import annotations

import functools

from cleanup.sites import load
from cleanup.sites.fresh import dropped_on_reload, edited, reload_rules
from cleanup.sites.load import BUNDLED_DIR, Site


def site_for_host(host: str, dirs: tuple[str, ...] = ()) -> Site | None:
    """The site serving ``host``, or None; read again when its file changed since it was read (a stat)."""
    site = _site_for_host(host, dirs)
    if site is not None and site.path.parent != BUNDLED_DIR and edited(site.path):
        reload_rules()
        site = _site_for_host(host, dirs)
    return site


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
    """FiveFilters' ``global.txt`` of the user directories: it serves HTML pages no site file serves."""
    if not dirs:
        return None
    from cleanup.sites import ftr

    return ftr.global_site(dirs)
