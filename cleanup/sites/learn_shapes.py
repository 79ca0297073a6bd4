"""Line shapes for ``cleanup learn``: chrome lines that recur with a changing part.

Many chrome lines recur with a part that changes from page to page: "Next:
Today's front page: Wednesday, March 27, 2013", "Posted 5 April 2013 at 13:25",
"Comments (14)". Learned as exact lines they only match the pages learned from.
A line's *shape* is a regex for all its variants: its label ("Next:") followed
by anything, or, failing that, its text with every run of digits as ``\\d+``.
A shape found on enough pages with at least two different texts becomes a rule
like an exact line, with the same article-core checks (``sites/learn.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Protocol

# A label: up to three words before a colon, then more text ("Next: ...", "Filed under: ...").
LABEL_RE = re.compile(r"(\w[\w'’]*(?: [\w'’]+){0,2}):\s+\S")
DIGITS_RE = re.compile(r"\d+")
MAX_SHAPE_CHARS = 120  # a longer line is prose: its numbers belong to its sentence
# Regex metacharacters escaped in a learned line (RE2 syntax; everything else stands for itself).
REGEX_SPECIAL = frozenset("\\.^$*+?()[]{}|")


class Lines(Protocol):
    """What the shape finder reads of a page (``sites.learn.PageLines``)."""

    @property
    def kept(self) -> tuple[str, ...]: ...

    @property
    def removed(self) -> frozenset[str]: ...


def escape(text: str) -> str:
    r"""``text`` with regex metacharacters escaped.

    >>> escape("Price (USD): $5")
    'Price \\(USD\\): \\$5'
    """
    return "".join("\\" + c if c in REGEX_SPECIAL else c for c in text)


def shape_of(text: str) -> str | None:
    r"""The regex for the lines like ``text``, or None when it has no changing part.

    >>> shape_of("Next: Today's front page: Wednesday, March 27, 2013")
    '^Next:\\s'
    >>> shape_of("Comments (14)")
    '^Comments \\(\\d+\\)$'
    >>> shape_of("Read more") is None
    True
    """
    if len(text) > MAX_SHAPE_CHARS:
        return None
    label = LABEL_RE.match(text)
    if label:
        return "^" + escape(label.group(1)) + ":\\s"
    if DIGITS_RE.search(text):
        return "^" + DIGITS_RE.sub(r"\\d+", escape(text)) + "$"
    return None


def shapes(pages: Sequence[Lines], need: int, exact: frozenset[str]) -> Iterator[tuple[str, str, int]]:
    """(regex, example, pages) of every shape on ``need`` pages or more, in regex order.

    A shape counts when at least two different lines have it and one of the
    lines kept is not already an ``exact`` candidate (else the exact rules say it all).
    """
    on: dict[str, set[int]] = {}
    texts: dict[str, set[str]] = {}
    for k, page in enumerate(pages):
        for text in (*page.kept, *sorted(page.removed)):
            found = shape_of(text)
            if found is not None:
                on.setdefault(found, set()).add(k)
                texts.setdefault(found, set()).add(text)
    for found in sorted(on):
        if len(on[found]) < need or len(texts[found]) < 2:
            continue
        fresh = [t for page in pages for t in page.kept if t not in exact and shape_of(t) == found]
        if fresh:
            yield found, fresh[0], len(on[found])
