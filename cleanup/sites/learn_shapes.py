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
from typing import Protocol, TypeVar

# A label: up to three words before a colon, then more text ("Next: ...", "Filed under: ...").
LABEL_RE = re.compile(r"(\w[\w'’]*(?: [\w'’]+){0,2}):\s+\S")
DIGITS_RE = re.compile(r"\d+")
MAX_SHAPE_CHARS = 120  # a longer line is prose: its numbers belong to its sentence
# Regex metacharacters escaped in a learned line (RE2 syntax; everything else stands for itself).
REGEX_SPECIAL = frozenset("\\.^$*+?()[]{}|")
# A drop_from cuts everything after its line, on pages it was not learned from too: its line must
# be one no article holds. A bare label ("Photo", "Loading...", "« PREVIOUS", "Next: <title>" as the
# shape '^Next:\s') can sit between two paragraphs of a story, so a line with fewer words than this
# in its fixed text (digits and the changing part of a shape left out) is learned as drop_line.
ANCHOR_WORDS = 3
WORD_RE = re.compile(r"[^\W\d_][\w'’]*")


def distinctive(regex: str) -> bool:
    r"""Whether a learned line regex may anchor a ``drop_from``: ``ANCHOR_WORDS`` words in its fixed text.

    >>> distinctive("^Photo$"), distinctive("^Next:\s"), distinctive("^Post Forum Badge$")
    (False, False, True)
    >>> distinctive("^Comments \(\d+\)$")
    False
    """
    fixed = re.sub(r"\\(.)", r"\1", re.sub(r"\\[ds]\+?", " ", regex))
    return len(WORD_RE.findall(fixed)) >= ANCHOR_WORDS


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


def shape_keys(text: str) -> tuple[str, ...]:
    r"""Every shape regex (as ``shape_of`` writes them, at any length) that matches ``text``.

    A label shape matches the lines with that label; a digit shape the lines with
    the same text around their runs of digits: so a line is found by its keys, not
    by running every shape over every line.

    >>> shape_keys("Next: 3 stories")
    ('^Next:\\s', '^Next: \\d+ stories$')
    >>> shape_keys("Read more")
    ()
    """
    label = LABEL_RE.match(text)
    keys = ["^" + escape(label.group(1)) + ":\\s"] if label else []
    if DIGITS_RE.search(text):
        keys.append("^" + DIGITS_RE.sub(r"\\d+", escape(text)) + "$")
    return tuple(keys)


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
    fresh: dict[str, str] = {}  # the first kept line of each shape not already an exact candidate
    for page in pages:
        for text in page.kept:
            found = shape_of(text) if text not in exact else None
            if found is not None:
                fresh.setdefault(found, text)
    for found in sorted(on):
        if len(on[found]) >= need and len(texts[found]) >= 2 and found in fresh:
            yield found, fresh[found], len(on[found])


# A kept line this long is the story's own (a paragraph): pages with the same such lines are one story.
STORY_LINE_CHARS = 80


class Kept(Protocol):
    """A page as ``distinct`` reads it: the lines the generic rules kept (``learn.PageLines``)."""

    @property
    def kept(self) -> tuple[str, ...]: ...


P = TypeVar("P", bound=Kept)


def distinct(pages: Sequence[P]) -> list[P]:
    """``pages`` with one page of each story: the first of those whose article lines are the same.

    A crawl holds a story under URL variants ("?utm_source=x", "?amp=1"); counted three
    times, its paragraphs recur on three pages and read as the site's chrome. Pages
    are the same story when the long lines the generic rules kept (its paragraphs) are
    the same; a page with no long kept line is keyed by all its kept lines.
    """
    seen: set[frozenset[str] | tuple[str, ...]] = set()
    found = []
    for page in pages:
        key: frozenset[str] | tuple[str, ...] = frozenset(t for t in page.kept if len(t) >= STORY_LINE_CHARS)
        key = key or page.kept
        if key not in seen:
            seen.add(key)
            found.append(page)
    return found
