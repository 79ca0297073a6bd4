"""A comment thread's own lines in a dump: what tells a comments heading over a thread from a subheading."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from cleanup import lang
from cleanup.model import Line
from cleanup.text import patterns as P
from cleanup.text.units import as_units, visible

# The packs' groups whose phrases are a thread's own lines ("Responder", "Log in om te reageren").
COMMENT_GROUPS = ("comment-prompt", "comment-form", "comment-count")


def comment_markers(lines: Sequence[Line], start: int) -> int:
    """How many of the COMMENT_LOOKAHEAD units from ``start`` read like a comment thread's ("Reply", "joe says:"),
    in English or as a pack's comment phrase ("Odpowiedz", "Para comentar, inicie sessão")."""
    window = lines[start : start + P.COMMENT_LOOKAHEAD]
    dirs = as_units(lines).rules_dirs
    return sum(1 for ln in window if _comment_marker(visible(ln.text), dirs))


@functools.lru_cache(maxsize=4096)
def _comment_marker(text: str, rules_dirs: tuple[str, ...]) -> bool:
    """A thread's line: an English marker, or a phrase of a pack's comment groups."""
    if P.COMMENT_MARKER_RE.fullmatch(text):
        return True
    return lang.classify(text, None, COMMENT_GROUPS, rules_dirs) is not None
