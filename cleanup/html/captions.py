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

from cleanup.html.dom import norm

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
    if before is None or _has_text(before) or next(before.iter("img", "picture"), None) is None:
        return False
    if not 0 < _chars_up_to(el, MAX_UNNAMED_CAPTION_CHARS) <= MAX_UNNAMED_CAPTION_CHARS:
        return False
    if _all_text_in(el, lambda a: a.tag in SMALL_TYPE_TAGS or SMALL_TYPE_RE.search(a.get("style") or "")):
        return True
    centred = el.tag == "center" or CENTRED_RE.search(el.get("style") or "") is not None
    return centred and _all_text_in(el, lambda a: a.tag in ITALIC_TAGS)


def _has_text(el: Any) -> bool:
    """True when ``el`` holds any text that is not white space; stops at the first piece.

    Asked of the block before every div and p: most hold text, and reading all of a
    big block's text (or walking it for an image first) cost more than the rest of
    the caption search.
    """
    return any(piece.strip() for piece in el.itertext())


def _chars_up_to(el: Any, limit: int) -> int:
    """``len(norm(text_of(el)))`` when it is at most ``limit``, else some number above ``limit``.

    The text is read only until it holds more than ``limit`` characters that are not
    white space (a page container is not read through): normalising keeps all of
    those, so the whole text is longer than ``limit`` too.

    >>> _chars_up_to(etree.fromstring("<p> a  <b>b</b> </p>"), 10), _chars_up_to(etree.fromstring("<p>abc</p>"), 2) > 2
    (3, True)
    """
    pieces, solid = [], 0
    for piece in el.itertext():
        pieces.append(piece)
        solid += len("".join(piece.split()))
        if solid > limit:
            return solid
    return len(norm("".join(pieces)))


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
