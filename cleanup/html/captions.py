"""Captions an editor gave no name: a short block in small type right under a picture.

Named captions (``<figcaption>``, ``wp-caption-text``) are found by ``marks._is_caption``;
this module finds the ones that carry only their type (Blogger centres a line of small
italics under the image).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

from lxml import etree  # noqa: F401 (doctests)

from cleanup.html.dom import norm, text_of

# Blocks that can be a caption with no name, and the type captions are set in: small type,
# or italics in a centred block. Italics alone are not enough: a work's title under its
# picture ("<em>Light a Wish</em>") or a line of a menu is article text.
UNNAMED_CAPTION_TAGS = ("div", "p", "center")
SMALL_TYPE_TAGS = ("small",)
ITALIC_TAGS = ("i", "em")
SMALL_TYPE_RE = re.compile(r"font-size\s*:\s*(?:x+-small|small|smaller)", re.I)
CENTRED_RE = re.compile(r"text-align\s*:\s*center", re.I)
MAX_UNNAMED_CAPTION_CHARS = 300  # longer: a paragraph in italics, not a caption


def unnamed_caption(el: Any) -> bool:
    """True for a short block right after a picture with no text, all set in small type or
    centred in italics: the caption of an editor that names nothing (Blogger's, under the image).

    >>> page = etree.fromstring(
    ...     "<div><div><a><img/></a></div><div><span style='font-size: x-small'><i>The hut. Photo: L. B.</i></span>"
    ...     "</div><p><i>Editor's note: this story was updated.</i></p></div>")
    >>> [unnamed_caption(el) for el in page]
    [False, True, False]
    >>> page = etree.fromstring("<div><p><img/></p><p style='text-align:center'><em>Light a Wish</em></p>"
    ...     "<p><img/></p><p><em>Parabolic Lightcloud</em></p></div>")
    >>> [unnamed_caption(el) for el in page]  # centred italics are a caption, plain italics are not
    [False, True, False, False]
    """
    if el.tag not in UNNAMED_CAPTION_TAGS:
        return False
    before = el.getprevious()
    if before is None or next(before.iter("img", "picture"), None) is None or norm(text_of(before)):
        return False
    chars = len(norm(text_of(el)))
    if not 0 < chars <= MAX_UNNAMED_CAPTION_CHARS:
        return False
    if _all_text_in(el, lambda a: a.tag in SMALL_TYPE_TAGS or SMALL_TYPE_RE.search(a.get("style") or "")):
        return True
    centred = el.tag == "center" or CENTRED_RE.search(el.get("style") or "") is not None
    return centred and _all_text_in(el, lambda a: a.tag in ITALIC_TAGS)


def _all_text_in(el: Any, styled: Callable[[Any], Any]) -> bool:
    """True when every piece of text under ``el`` sits in an element (``el`` included) that is ``styled``."""
    for node in el.xpath(".//text()"):
        if not node.strip():
            continue
        holder = node.getparent()
        start = holder.getparent() if node.is_tail else holder
        if start is None or start is el:
            chain: tuple[Any, ...] = (el,)
        else:
            chain = (*itertools.takewhile(lambda a: a is not el, (start, *start.iterancestors())), el)
        if not any(styled(a) for a in chain):
            return False
    return True
