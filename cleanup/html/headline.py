"""The headline of the article lines: moved to the title, with the kicker right above it.

The headline is the line equal to the page's title near the top, else an <h1> before any
prose. A kicker (the section or topic label over a headline: "Verkehr", "Politique") or a
breadcrumb line in the container, right above it and under no prose, goes with it.
"""

from __future__ import annotations

import re

from cleanup.model import Line, Removal

MIN_PROSE_LINE_CHARS = 80  # an h1 after a line this long is a section heading, not the headline
HEADLINE_REASON = "article headline (kept as title)"
KICKER_REASON = "kicker or breadcrumb above the headline"
MAX_KICKER_LINES = 2  # a kicker and a breadcrumb; more lines above the headline are something else
MAX_KICKER_WORDS = 6
MAX_KICKER_CHARS = 60
# A kicker is a label: no sentence punctuation at its end, no digits (a date line above the
# headline is read by the date rule, which keeps it as the page's date).
NOT_KICKER_RE = re.compile(r"[.!?:;,…]$|\d")


def _headline_index(lines: list[Line], title: str | None) -> int | None:
    """Index of the headline: the line equal to the title near the top, else an h1 before prose."""
    want = title.casefold() if title else None
    for i, line in enumerate(lines):
        if want and line.text.casefold() == want and (line.tag == "h1" or i < 3):
            return i
    for i, line in enumerate(lines):
        if line.tag == "h1":
            return i
        if len(line.text) >= MIN_PROSE_LINE_CHARS:
            return None
    return None


def drop_headline(lines: list[Line], title: str | None) -> tuple[list[Line], list[Removal]]:
    """Remove the headline (kept as HtmlPage.title) from the article lines."""
    i = _headline_index(lines, title)
    if i is None:
        return lines, []
    kickers = lines[:i] if is_kicker_run(lines[:i]) else []
    removed = [_removal(line, KICKER_REASON) for line in kickers]
    return lines[len(kickers) : i] + lines[i + 1 :], [*removed, _removal(lines[i], HEADLINE_REASON)]


def is_kicker_run(lines: list[Line]) -> bool:
    """True when ``lines``, all that stand above the headline in the container, are a kicker
    and a breadcrumb: at most two short labels.

    >>> is_kicker_run([Line(1, "Verkehr")]), is_kicker_run([Line(1, "Startseite › Region › Landkreis")])
    (True, True)
    >>> is_kicker_run([Line(1, "Der Gemeinderat hat entschieden.")]), is_kicker_run([Line(1, "12.03.2024")])
    (False, False)
    >>> is_kicker_run([])
    False
    """
    if not 0 < len(lines) <= MAX_KICKER_LINES:
        return False
    return all(
        len(line.text) <= MAX_KICKER_CHARS
        and len(line.text.split()) <= MAX_KICKER_WORDS
        and not NOT_KICKER_RE.search(line.text)
        for line in lines
    )


def _removal(line: Line, reason: str) -> Removal:
    return Removal("headline", reason, line.text, line.no, line.end or line.no, node=line.tag)
