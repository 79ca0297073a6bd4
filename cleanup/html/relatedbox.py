"""A related-stories box inside the story: a heading of the language packs over a teaser.

"Auch interessant", "Lesen Sie auch", "Te puede interesar" over one or two links to other
stories of the site, each with its picture and summary, in a small box between the story's
paragraphs. The packs' text rules take the heading and the link lines; the summary under a
link is a sentence and stayed. The box goes whole: the heading says what it is, the internal
link that it points away.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from lxml import etree

from cleanup import lang
from cleanup.html.cards import MAX_CARD_CHARS, _internal, dominant_host, site_host
from cleanup.html.dom import drop, norm
from cleanup.html.removals import removal_of
from cleanup.html.teasers import story_beside
from cleanup.model import Removal
from cleanup.text.phrases import is_bare_heading
from cleanup.text.related import heads_other_stories

RULE = "related"
REASON = "related-stories box: a heading of the packs over links to other stories"
BOX_TAGS = frozenset({"div", "aside", "section"})
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
YIELDED_TAGS = BOX_TAGS | HEADING_TAGS  # the elements ``_boxes`` gives
MIN_SUMMARY_CHARS = 10
ABOUT_RULE = "page-footer"
ABOUT_REASON = "the site's about or legal box beside the story, under a footer heading of the packs"
RUN_REASON = "related-stories heading of the packs and the teasers under it"
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
    text = norm(" ".join(el.itertext()))
    if len(text) > MAX_BOX_CHARS:
        return False
    return any(_internal(a.get("href") or "", host) and norm(" ".join(a.itertext())) for a in el.iter("a"))


def _first_label(el: Any) -> str | None:
    """The text of the box's first element child when it is a label (a heading, a bold line)."""
    first = next((c for c in el.iterchildren() if isinstance(c.tag, str)), None)
    if first is None or (el.text or "").strip():
        return None
    if first.tag not in LABEL_TAGS:
        return None
    return norm(" ".join(first.itertext())) or None


def is_about_box(el: Any, rules_dirs: tuple[str, ...] = ()) -> bool:
    """True for a box opening with a footer heading of the packs ("Über uns", "Chi siamo",
    "Impressum"): the site's about text under or beside the story, not the story. Taken out
    only beside a story of its own (``teasers.story_beside``): an about page keeps its text.

    >>> from lxml import etree
    >>> is_about_box(etree.fromstring("<div><h3>Über uns</h3><p>Wir sind ein Verein.</p></div>"))
    True
    >>> is_about_box(etree.fromstring("<div><h3>Der Verein</h3><p>Wir sind ein Verein.</p></div>"))
    False
    """
    label = _first_label(el)
    return label is not None and lang.classify(label, None, ("footer",), rules_dirs) is not None


def related_run(heading: Any, host: str, rules_dirs: tuple[str, ...] = ()) -> list[Any]:
    """The items under a related heading of the packs that only heads other stories ("Mehr zum
    Thema", the packs' ``story-list``), up to the next heading or the end of its parent: each
    short and opening with a link to another page of the site, its summary beside it. Empty
    when anything else (a paragraph of the story) stands among them.

    >>> from lxml import etree
    >>> item = "<div><a href='/a'>Neues Baugebiet</a><p>Die Grünen stimmten dagegen.</p></div>"
    >>> box = etree.fromstring(f"<div><h2>Mehr zum Thema</h2>{item}</div>")
    >>> len(related_run(box[0], "example.com"))
    1
    >>> story = etree.fromstring("<div><h2>Mehr zum Thema</h2><p>Der Kreistag berät <a href='/a'>im Mai</a>.</p></div>")
    >>> related_run(story[0], "example.com")  # a paragraph of the story, not opening with its link
    []
    """
    if not heads_other_stories(norm(" ".join(heading.itertext())), rules_dirs):
        return []
    items = []
    for el in heading.itersiblings():
        if not isinstance(el.tag, str):
            continue
        if el.tag in HEADING_TAGS:
            break
        if not _opens_with_link(el, host) or len(norm(" ".join(el.itertext()))) > MAX_CARD_CHARS:
            return []
        items.append(el)
    # Links alone are link-list's (a run of link-only lines and its heading), named so already.
    return items if any(_summary_beside(el) for el in items) else []


def _summary_beside(el: Any) -> bool:
    """True when ``el`` holds text besides its links (a teaser's summary)."""
    links = sum(len(norm(" ".join(a.itertext()))) for a in el.iter("a"))
    return len(norm(" ".join(el.itertext()))) > links + MIN_SUMMARY_CHARS


def _opens_with_link(el: Any, host: str) -> bool:
    """True when the first text of ``el`` is the text of an internal link."""
    link = next(el.iter("a"), None)
    if link is None or not _internal(link.get("href") or "", host):
        return False
    title = norm(" ".join(link.itertext()))
    return bool(title) and norm(" ".join(el.itertext())).startswith(title)


def drop_related_boxes(
    containers: Sequence[Any], url: str | None, marks: Collection[Any] = (), rules_dirs: tuple[str, ...] = ()
) -> list[Removal]:
    """Remove the related boxes inside the article containers (outermost first), but those the
    chrome marks remove anyway, under their own names."""
    host = site_host(url) or dominant_host(containers[0])
    removed = []
    for root in containers:
        # The root's characters before anything is dropped from it: read when a box is weighed
        # against them or just before the first drop, not on every page (a whole article's text).
        total = functools.cache(functools.partial(_chars, root))
        for el in _boxes(root, marks):
            if el.tag in HEADING_TAGS:
                run = related_run(el, host, rules_dirs)
                for item in [el, *run] if run else []:
                    total()
                    removed.append(removal_of(item, RULE, RUN_REASON))
                    drop(item)
            elif is_related_box(el, host, rules_dirs) and _chars(el) <= MAX_BOX_SHARE * total():
                removed.append(removal_of(el, RULE, REASON))
                drop(el)
            elif is_about_box(el, rules_dirs) and story_beside(root, [[el]], {}):
                total()
                removed.append(removal_of(el, ABOUT_RULE, ABOUT_REASON))
                drop(el)
    return removed


def _chars(el: Any) -> int:
    """The length of ``el``'s text, white space collapsed."""
    return len(norm(" ".join(el.itertext())))


def _boxes(root: Any, marks: Collection[Any]) -> Iterator[Any]:
    """The box elements under ``root`` in document order, but none inside chrome marks; the
    caller may drop the element it was given (its subtree is not visited then). One pass,
    linear in the tree's size: a page nested 100,000 deep (tests/test_bad_inputs.py) costs no
    walk up per element."""
    stack = list(root.iterchildren(etree.Element, reversed=True))
    while stack:
        el = stack.pop()
        if el in marks or el.getparent() is None:
            continue  # chrome the marks take, or dropped with a run above
        if el.tag in YIELDED_TAGS:
            yield el
            if el.getparent() is None:
                continue  # dropped by the caller
        stack.extend(el.iterchildren(etree.Element, reversed=True))  # elements only, in libxml2
