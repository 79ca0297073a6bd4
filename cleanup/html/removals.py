"""Removal records of DOM elements: the element's whole text, its first and last lines, its label."""

from __future__ import annotations

import operator
from typing import Any

from cleanup.html.dom import describe, norm
from cleanup.model import Removal

SOURCELINE = operator.attrgetter("sourceline")


def removal_of(el: Any, rule: str, reason: str) -> Removal:
    """A Removal record for an element about to be removed: all its text, nothing cut."""
    return record(el, rule, reason, norm(" ".join(el.itertext())))


def text_removal(el: Any, rule: str, reason: str) -> Removal | None:
    """``removal_of`` for an element that holds text, else None: an empty slot (an ad, an icon)
    removes no text to explain, and its lines and label are not read."""
    text = norm(" ".join(el.itertext()))
    return record(el, rule, reason, text) if text else None


def record(el: Any, rule: str, reason: str, text: str) -> Removal:
    """The Removal of ``el`` with ``text``; ``end`` is the line of the last element that starts
    inside it (lxml knows where start tags are, not end tags)."""
    return Removal(rule=rule, reason=reason, text=text, line=el.sourceline, end=_end_line(el), node=describe(el))


def _end_line(el: Any) -> int | None:
    r"""The line of the last element that starts inside ``el``: its last descendant's (start tags come
    in document order, so no element before it starts on a later line), when that one has a line and
    it is not before ``el``'s own (a moved element); else the largest line of any element in it.

    >>> from lxml import etree
    >>> box = etree.fromstring("<div>\n<p>one</p>\n<p>two <b>three</b></p>\n</div>")
    >>> _end_line(box), _end_line(box[0]), max(el.sourceline for el in box.iter())
    (3, 2, 3)
    """
    last = el
    while len(last):
        last = last[-1]
    line = last.sourceline
    if line is not None and (last is el or line >= (el.sourceline or 0)):
        return line
    return max(filter(None, map(SOURCELINE, el.iter())), default=None)  # lxml gives None, never 0
