"""RE2's own match calls, without the ``re``-like wrapper of the ``re2`` module around them.

The module's ``search`` and ``fullmatch`` make a generator and a Match object per
call, about three times the cost of the match itself on a short text; the page
scans (``units.holding_any``, ``units.matching``) ask once per hit, and the date-line
rule once per candidate line. Where the binding is not there (another ``re2``
version), the module's own calls answer.
"""

from __future__ import annotations

import functools
from typing import Any


def re2_search(compiled: Any, data: bytes, pos: int = 0) -> tuple[int, int]:
    """(start, end) of the first match of RE2 ``compiled`` in ``data`` from ``pos`` on; (-1, -1) for none."""
    raw = getattr(compiled, "_regexp", None)
    anchors = _anchors()
    if raw is None or anchors is None:
        hit = compiled.search(data, pos)
        return (-1, -1) if hit is None else hit.span()
    return raw.Match(anchors[0], data, pos, len(data))[0]


def re2_fullmatch(compiled: Any, text: str) -> bool:
    """``compiled.fullmatch(text) is not None`` for RE2 ``compiled``."""
    raw = getattr(compiled, "_regexp", None)
    anchors = _anchors()
    if raw is None or anchors is None:
        return compiled.fullmatch(text) is not None
    data = text.encode("utf-8")  # as the module encodes a str
    return raw.Match(anchors[1], data, 0, len(data))[0][0] != -1


@functools.cache
def _anchors() -> tuple[Any, Any] | None:
    """The binding's (unanchored, anchored at both ends) constants, or None when this ``re2`` has none,
    or its binding answers a probe otherwise than this module expects (a later version may change it)."""
    import re2

    anchor = getattr(re2, "_Anchor", None)
    if anchor is None:
        return None
    try:
        raw = re2.compile("b+")._regexp
        found = raw.Match(anchor.UNANCHORED, b"abbc", 0, 4)[0], raw.Match(anchor.ANCHOR_BOTH, b"ab", 0, 2)[0]
    except Exception:  # any surprise from a private binding means: use the public calls
        return None
    return (anchor.UNANCHORED, anchor.ANCHOR_BOTH) if found == ((1, 3), (-1, -1)) else None
