"""Neighbour rules: decisions that need the units around a line (jusText's second pass)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from ..model import Line
from ..text import visible
from . import Span, block_rule
from . import patterns as P

# A unit is *prose* when it reads like a sentence: long enough and ending like
# one, or long with inner punctuation. Counted in characters, with CJK
# characters weighted by CJK_WEIGHT because one carries about a word.
MIN_PROSE_CHARS = 60
MIN_LONG_PROSE_CHARS = 160  # past this, inner punctuation is enough
TERMINAL_RE = re.compile(r"[.!?…。！？:;][\"'”’»)\]]*$|[\"”»]$")
INNER_PUNCT_RE = re.compile(r"[.,;:!?，。、](?:\s|$)")
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
CJK_WEIGHT = 3
# A title next to an embed: short, no sentence ending, mostly Capitalised Words.
MAX_TITLE_CHARS = 120
MIN_TITLE_CASE_SHARE = 0.6  # of words of 4+ letters


def weight(text: str) -> int:
    """Length of ``text`` in characters, CJK characters counted CJK_WEIGHT times."""
    if text.isascii():
        return len(text)
    return len(text) + (CJK_WEIGHT - 1) * len(CJK_RE.findall(text))


@functools.lru_cache(maxsize=8192)
def is_prose(text: str) -> bool:
    """True when ``text`` reads like a sentence rather than a link, label or headline.

    >>> is_prose("The two leaders appeared more aligned on how to move forward than expected.")
    True
    >>> is_prose("Senate report piles on new allegations of Boeing safety failures")
    False
    """
    n = weight(text)
    if n < MIN_PROSE_CHARS:
        return False
    if TERMINAL_RE.search(text):
        return True
    return n >= MIN_LONG_PROSE_CHARS and len(INNER_PUNCT_RE.findall(text)) >= 2


def is_title_case(text: str) -> bool:
    """True when most words of four or more letters start with a capital."""
    words = [w for w in P.WORD_RE.findall(text) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= MIN_TITLE_CASE_SHARE


def _list_items(lines: Sequence[Line], dropped_by: Sequence[str | None], start: int) -> int:
    """Index just past the run of headline-like units starting at ``start``."""
    end = start
    while end < len(lines) and end - start < P.MAX_LIST_ITEMS:
        text = visible(lines[end].text)
        if dropped_by[end] is None and (len(text) > P.MAX_LIST_ITEM_CHARS or is_prose(text)):
            break
        if lines[end].tag.startswith("h") and lines[end].tag[1:].isdigit() and end > start:
            break  # the next section heading ends the list (HTML)
        end += 1
    return end


@block_rule("related-list")
def related_list(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> Iterator[Span]:
    """A 'Recent Stories' / 'Related' / 'Most Read' heading and the headlines under it.

    The heading alone is kept when no headline-like line follows it: a real
    subheading is followed by prose.
    """
    i = 0
    while i < len(lines):
        heading = visible(lines[i].text).rstrip(" :»›>|-–—")
        if dropped_by[i] is None and P.LIST_HEADING_RE.fullmatch(heading):
            end = _list_items(lines, dropped_by, i + 1)
            if end > i + 1:
                yield i, end, f"'{heading}' list ({end - i - 1} items)"
                i = end
                continue
        i += 1


@block_rule("embed-title")
def embed_title(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> Iterator[Span]:
    """The title of a related video or story printed next to its embed shortcode.

    Only a short, Title-Case line without a sentence ending, directly before
    the embed, is dropped: a sentence or a lower-case subheading stays.
    """
    for i in range(1, len(lines)):
        if dropped_by[i] != "embed-shortcode" or dropped_by[i - 1] is not None:
            continue
        text = visible(lines[i - 1].text)
        if len(text) <= MAX_TITLE_CHARS and not TERMINAL_RE.search(text) and is_title_case(text):
            yield i - 1, i, "title of an embedded video or related story"
