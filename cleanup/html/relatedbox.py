"""A related-stories box inside the story: a heading of the language packs over a teaser.

"Auch interessant", "Lesen Sie auch", "Te puede interesar" over one or two links to other
stories of the site, each with its picture and summary, in a small box between the story's
paragraphs. The packs' text rules take the heading and the link lines; the summary under a
link is a sentence and stayed. The box goes whole: the heading says what it is, the internal
link that it points away.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

from cleanup.html.cards import _internal, dominant_host, site_host
from cleanup.html.dom import drop, norm
from cleanup.html.marks import removal_of
from cleanup.model import Removal
from cleanup.text.phrases import is_bare_heading

RULE = "related"
REASON = "related-stories box: a heading of the packs over links to other stories"
BOX_TAGS = ("div", "aside", "section")
LABEL_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "span"})
MAX_BOX_CHARS = 400  # a heading and one or two teasers; a section of the story says more
MAX_BOX_SHARE = 1 / 3  # of the container's text: a box, not the page


def is_related_box(el: Any, host: str, rules_dirs: tuple[str, ...] = ()) -> bool:
    """True for a short box opening with a related heading of the packs and linking to another
    page of the site.

    >>> from lxml import etree
    >>> box = etree.fromstring("<div><h4>Auch interessant</h4><a href='/x'>Neues Baugebiet</a><p>Kurz.</p></div>")
    >>> is_related_box(box, "example.com")
    True
    >>> info = etree.fromstring("<div><h4>Mehr zum Thema</h4><p>Infoabend am Montag im Rathaus.</p></div>")
    >>> is_related_box(info, "example.com")  # no link away: the story's own note
    False
    """
    label = _first_label(el)  # first: the box's text is read only under a label
    if label is None or not is_bare_heading(label, rules_dirs):
        return False
    if len(norm(" ".join(el.itertext()))) > MAX_BOX_CHARS:
        return False
    return any(_internal(a.get("href") or "", host) and norm(" ".join(a.itertext())) for a in el.iter("a"))


def _first_label(el: Any) -> str | None:
    """The text of the box's first element child when it is a label (a heading, a bold line)."""
    first = next((c for c in el.iterchildren() if isinstance(c.tag, str)), None)
    if first is None or first.tag not in LABEL_TAGS or (el.text or "").strip():
        return None
    return norm(" ".join(first.itertext())) or None


def drop_related_boxes(
    containers: Sequence[Any], url: str | None, marks: Collection[Any] = (), rules_dirs: tuple[str, ...] = ()
) -> list[Removal]:
    """Remove the related boxes inside the article containers (outermost first), but those the
    chrome marks remove anyway, under their own names."""
    host = site_host(url) or dominant_host(containers[0])
    removed = []
    for root in containers:
        total = len(norm(" ".join(root.itertext())))
        for el in _boxes(root, marks):
            if is_related_box(el, host, rules_dirs) and len(norm(" ".join(el.itertext()))) <= MAX_BOX_SHARE * total:
                removed.append(removal_of(el, RULE, REASON))
                drop(el)
    return removed


def _boxes(root: Any, marks: Collection[Any]) -> Iterator[Any]:
    """The box elements under ``root`` in document order, but none inside chrome marks; the
    caller may drop the element it was given (its subtree is not visited then). One pass,
    linear in the tree's size: a page nested 100,000 deep (tests/test_bad_inputs.py) costs no
    walk up per element."""
    stack = [c for c in reversed(root) if isinstance(c.tag, str)]
    while stack:
        el = stack.pop()
        if el in marks:
            continue
        if el.tag in BOX_TAGS:
            yield el
            if el.getparent() is None:
                continue  # dropped by the caller
        stack.extend(c for c in reversed(el) if isinstance(c.tag, str))
