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
from collections import Counter
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

    >>> distinctive("^Photo$"), distinctive(r"^Next:\s"), distinctive("^Post Forum Badge$")
    (False, False, True)
    >>> distinctive(r"^Comments \(\d+\)$")
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


def shapes(
    pages: Sequence[Lines], need: int, exact: frozenset[str], story: Sequence[int]
) -> Iterator[tuple[str, str, int]]:
    """(regex, example, stories) of every shape on ``need`` stories or more (``story``: each page's), in regex order.

    A shape counts when at least two different lines have it and one of the
    lines kept is not already an ``exact`` candidate (else the exact rules say it all).
    """
    on: dict[str, set[int]] = {}
    texts: dict[str, set[str]] = {}
    for k, page in enumerate(pages):
        for text in (*page.kept, *sorted(page.removed)):
            found = shape_of(text)
            if found is not None:
                on.setdefault(found, set()).add(story[k])
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
    """A page as ``stories`` reads it: the lines the generic rules kept and removed, its kind (``learn.PageLines``)."""

    @property
    def kept(self) -> tuple[str, ...]: ...

    @property
    def removed(self) -> frozenset[str]: ...

    @property
    def kind(self) -> str: ...


P = TypeVar("P", bound=Kept)


def stories(pages: Sequence[P]) -> tuple[list[P], list[int]]:
    """``pages`` with one page of each story and kind, and the story number of each.

    A crawl holds a story under URL variants ("?utm_source=x", "?amp=1"); counted three
    times, its paragraphs recur on three pages and read as the site's chrome. Pages of a
    kind are the same story when their long kept lines (paragraphs), or failing those all
    their kept lines, are the same: the first is kept. An HTML page and the text dump of
    one story differ by a caption or a box: a page is the story of an earlier page of the
    other kind when at least half of its paragraphs found on few pages (``_own_long``)
    are that story's. Both are kept, each giving its own evidence (DOM blocks, a dump's
    footer), with one story number: their lines count once (``story_counts``), so the
    story's paragraphs stay its own.
    """
    number: dict[frozenset[str] | tuple[str, ...], int] = {}
    of_line: dict[str, int] = {}
    kinds: dict[int, set[str]] = {}
    found, story = [], []
    for page, mine in zip(pages, _own_long(pages), strict=True):
        key: frozenset[str] | tuple[str, ...] = frozenset(t for t in page.kept if len(t) >= STORY_LINE_CHARS)
        key = key or page.kept
        votes = Counter(s for s in (of_line.get(t) for t in mine) if s is not None and page.kind not in kinds[s])
        best = min(votes, key=lambda s: (-votes[s], s)) if votes else -1
        k = number.setdefault(key, best if best >= 0 and 2 * votes[best] >= len(mine) else len(kinds))
        for t in mine:
            of_line.setdefault(t, k)
        if page.kind not in kinds.setdefault(k, set()):
            kinds[k].add(page.kind)
            found.append(page)
            story.append(k)
    return found, story


def _own_long(pages: Sequence[Kept]) -> list[frozenset[str]]:
    """Each page's paragraphs for telling its story: its long kept lines found on two pages at most
    or on at most a quarter of the pages (a long chrome line, a comment policy, is on many)."""
    long = [frozenset(t for t in page.kept if len(t) >= STORY_LINE_CHARS) for page in pages]
    on = Counter(t for lines in long for t in lines)
    few = max(2, len(pages) // 4)
    return [frozenset(t for t in lines if on[t] <= few) for lines in long]


def story_counts(pages: Sequence[Kept], story: Sequence[int]) -> Counter[str]:
    """On how many stories each line is found, kept or removed on any of the story's pages."""
    lines: dict[int, set[str]] = {}
    for page, k in zip(pages, story, strict=True):
        lines.setdefault(k, set()).update(page.kept, page.removed)
    return Counter(t for found in lines.values() for t in found)
