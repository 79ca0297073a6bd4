"""Small lxml helpers shared by the HTML modules: text, removal with tail, labels."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

# An element's text with its XML whitespace runs (space, tab, CR, LF) collapsed, made by libxml2.
_NORMALISED = etree.XPath("normalize-space(.)", smart_strings=False)
_WHITE_RUN_RE = re.compile(r"\s{2,}")  # \s is str.split()'s white space (str.isspace)


def text_of(el: Any) -> str:
    """All text inside ``el`` (lxml.html's text_content for plain etree elements)."""
    return "".join(el.itertext())


def text_length(el: Any) -> int:
    """``len(norm(text_of(el)))``, for a large element: a whole article, a site rule's body.

    libxml2 joins the text and collapses XML whitespace (XPath ``normalize-space()``): several
    times faster than ``itertext`` on a Wikipedia article's body, slower on a paragraph. Other
    white space (a no-break space, U+2003) is not printable: only a text holding some is
    normalised again, so the length is the same as ``norm``'s.

    >>> text_length(etree.fromstring("<div> The  pier <b>at\t dusk</b> </div>"))
    16
    >>> text_length(etree.fromstring("<div>Subscribe&#160;&#160;&#160; today</div>"))
    15
    """
    text = _NORMALISED(el)
    if text.isprintable():
        return len(text)
    text = text.strip()  # what norm() does, counted rather than made: the text may be a whole article
    return len(text) - sum(len(run) - 1 for run in _WHITE_RUN_RE.findall(text))


def drop(el: Any) -> None:
    """Remove ``el`` with its subtree but keep its tail text (lxml.html's drop_tree)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def norm(text: str | None) -> str:
    """Whitespace collapsed to single spaces."""
    return " ".join(text.split()) if text else ""


def short_text(el: Any, limit: int, read: int) -> str | None:
    """The text of ``el`` with its spaces folded (its pieces joined by spaces: blocks and <br> inside
    hold none), or None when it runs past ``limit`` characters; no more than ``read`` characters of
    pieces are read (a block holding a whole page is not joined whole to find that out).

    >>> line, long = etree.fromstring("<p><b>joe</b><i>says:</i></p>"), etree.fromstring("<p>abc</p>")
    >>> short_text(line, 20, 40), short_text(long, 2, 9)
    ('joe says:', None)
    """
    parts, size = [], 0
    for part in el.itertext():
        parts.append(part)
        size += len(part)
        if size > read:
            return None
    text = norm(" ".join(parts))
    return text if len(text) <= limit else None


def describe(el: Any) -> str:
    """Compact label such as ``div#related.box.wide`` (readability's debug.describe)."""
    label = el.tag if isinstance(el.tag, str) else "node"
    ids = (el.get("id") or "").split()
    classes = (el.get("class") or "").split()[:2]
    return label + "".join("#" + i for i in ids[:1]) + "".join("." + c for c in classes)


def first_text(el: Any, limit: int) -> Iterator[str]:
    """Text pieces of ``el`` until about ``limit`` characters."""
    seen = 0
    for piece in el.itertext():
        yield piece
        seen += len(piece)
        if seen > limit:
            return


TEXT_KEY_CHARS = 80  # blocks are matched on this many leading characters of their text


def text_key(el: Any) -> str:
    """The first 80 characters of an element's normalized text (read lazily)."""
    return norm("".join(first_text(el, 4 * TEXT_KEY_CHARS)))[:TEXT_KEY_CHARS]


def common_ancestor(a: Any, b: Any) -> Any:
    """Lowest element containing both ``a`` and ``b``."""
    above_a = {a, *a.iterancestors()}
    return next(el for el in (b, *b.iterancestors()) if el in above_a)


def body_of(doc: Any) -> Any:
    """The <body> element, or the document element when there is none."""
    body = doc.find("body")
    return body if body is not None else doc


def outermost(found: list[Any]) -> list[Any]:
    """Elements of ``found`` not inside another element of ``found`` (document order kept)."""
    inside = set(found)
    return [el for el in found if not any(a in inside for a in el.iterancestors())]
