"""Find the article in a full-page text dump: the main run of prose.

A text dump of a whole page holds menus, headers and footers around the
story. Each unit gets a value: a prose unit is worth its length, any other
unit costs a fixed penalty, and units already dropped by other rules are
neutral. The article is the run of units with the largest total (the
maximum-subarray idea of Finn et al.'s Body Text Extraction, on lines instead
of tokens). Short units inside the run (subheadings, list items, one-line
paragraphs) stay; everything before and after it goes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

from ..model import Line
from ..text import visible
from . import TEXT, Span, block_rule
from .blocks import is_prose, weight
from .patterns import WORD_RE

# Cost of a non-prose unit, in characters of prose: a nav menu of 20 items
# costs 20 * NON_PROSE_COST and separates two prose runs unless they are long.
NON_PROSE_COST = 40
# Pages with less prose than this are kept whole: we cannot tell the article
# from the chrome, and keeping everything loses nothing.
MIN_ARTICLE_WEIGHT = 200
HEADER_REASON = "page header and navigation before the article"
FOOTER_REASON = "page footer and links after the article"
# The headline sits at most this many kept units above the first paragraph.
TITLE_WINDOW = 8
MIN_HEADLINE_WORDS = 3
MAX_HEADLINE_CHARS = 250
# A unit sharing this share of its words with the page's first unit (the
# <title> in dumps) is the headline.
MIN_TITLE_OVERLAP = 0.7


@functools.lru_cache(maxsize=8192)
def unit_value(text: str) -> int:
    """What a unit adds to a candidate article run."""
    return weight(text) if is_prose(text) else -NON_PROSE_COST


def best_run(values: Sequence[int]) -> tuple[int, int, int]:
    """(start, stop, total) of the contiguous run with the largest total (Kadane)."""
    best, best_start, best_stop = 0, 0, 0
    total, start = 0, 0
    for i, v in enumerate(values):
        if total <= 0:
            total, start = 0, i
        total += v
        if total > best:
            best, best_start, best_stop = total, start, i + 1
    return best_start, best_stop, best


def article_bounds(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> tuple[int, int] | None:
    """(start, stop) unit indexes of the article, or None when no run of prose stands out."""
    values = [0 if d else unit_value(visible(ln.text)) for ln, d in zip(lines, dropped_by, strict=True)]
    start, stop, total = best_run(values)
    return (start, stop) if total >= MIN_ARTICLE_WEIGHT else None


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD_RE.findall(text)}


def is_headline(text: str) -> bool:
    """True for a unit that can be a headline: a few words, not a running sentence."""
    return len(WORD_RE.findall(text)) >= MIN_HEADLINE_WORDS and weight(text) <= MAX_HEADLINE_CHARS


def find_title(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> int | None:
    """Index of the headline: a kept headline-like unit just before the article.

    Preference goes to a unit that repeats most words of the page's first
    unit (dumps start with the HTML <title>, "Headline - Site Name"), then to
    the nearest headline-like unit above the first paragraph.
    """
    bounds = article_bounds(lines, dropped_by)
    if bounds is None:
        return None
    start = bounds[0]
    window = [i for i in range(max(0, start - TITLE_WINDOW), start + 1) if dropped_by[i] is None]
    candidates = [i for i in window if is_headline(visible(lines[i].text))
                  and (i < start or not is_prose(visible(lines[i].text)))]
    if not candidates:
        return None
    page_title = _words(visible(lines[0].text))
    for i in reversed(candidates):
        words = _words(visible(lines[i].text))
        if i > 0 and words and len(words & page_title) / len(words) >= MIN_TITLE_OVERLAP:
            return i
    return candidates[-1]


@block_rule("page-chrome", kinds=(TEXT,))
def page_chrome(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> Iterator[Span]:
    """Site menus, headers and footers around the article in a full-page text dump."""
    bounds = article_bounds(lines, dropped_by)
    if bounds is None:
        return
    start, stop = bounds
    if start > 0:
        yield 0, start, HEADER_REASON
    if stop < len(lines):
        yield stop, len(lines), FOOTER_REASON
