"""The lead (standfirst, subtitle, excerpt) above the article body container, kept with it.

What names a lead is data (vocab.toml ``[lead]``); ``find_lead`` looks for one in the blocks
right above the body, ``lead_inside`` in a chrome-named hero holding the headline.
"""

from __future__ import annotations

import functools
import itertools
from typing import Any

from lxml import etree

from cleanup.html.dom import norm, text_of
from cleanup.html.evidence import _parts, _token_parts, _tokens
from cleanup.html.vocab import (
    LEAD_HEADER_MARKS,
    LEAD_NOT_WORDS,
    LEAD_OWN_MARKS,
    LEAD_OWN_PREFIXES,
    LEAD_OWN_WORDS,
    LEAD_SKIP_INSIDE,
    LEAD_WORDS,
    ChromeGroup,
)

LEAD_MAX_LEVELS = 3  # the lead is looked for beside the body container and up to 2 wrappers up
LEAD_MIN_CHARS = 25  # shorter: a label ("Updated"), not a lead
LEAD_MAX_CHARS = 1000  # longer: a block of article text or a teaser list, not a lead
# A lead holding or being one of these is a headline block or a picture, not a standfirst.
LEAD_NOT_TAGS = ("h1", "img", "figure", "figcaption", "picture")
# A block named only by an ``own_words`` part ("teaser") is the article's lead when it stands in
# one of this many blocks right above the body (a date line may sit between): further up, or
# holding a link or a heading, it is a card of another story.
PLAIN_TEASER_SIBLINGS = 2
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PLAIN_TEASER_NOT_TAGS = ("a", "h1", "h2", "h3", "h4", "h5", "h6", "img", "figure", "picture")


def is_lead_name(tokens: list[str]) -> bool:
    """True when a part of a token, or two adjacent parts written together, names a lead,
    and no part names a date, byline or image. An ``own_words`` part ("teaser") names one
    only right after a part saying it is the entry's own ("entry-teaser").

    >>> [is_lead_name([t]) for t in ("td-post-sub-title", "cmp-text--intro", "teaser-text", "teaser")]
    [True, True, True, False]
    >>> [is_lead_name([t]) for t in ("entry-teaser", "post__teaser", "cmp-teaser", "teaser-card")]
    [True, True, False, False]
    >>> is_lead_name(["article-header--subhead-date"]), is_lead_name(["lead-asset__caption"])
    (False, False)
    """
    parts = _token_parts(tokens)
    if LEAD_NOT_WORDS.intersection(parts):
        return False
    pairs = list(itertools.pairwise(parts))
    if any(a in LEAD_OWN_PREFIXES and b in LEAD_OWN_WORDS for a, b in pairs):
        return True
    return any(p in LEAD_WORDS for p in parts) or any(a + b in LEAD_WORDS for a, b in pairs)


@functools.lru_cache(maxsize=4096)
def _names_lead(id_: str | None, classes: str | None) -> bool:
    """``is_lead_name`` of an element's id and class values, remembered per pair: the lead is
    looked for in every element of the blocks above the body, which repeat their names."""
    return (id_ is not None or classes is not None) and is_lead_name(list(_tokens(id_, classes)))


def _lead_candidate(el: Any, marks: dict[Any, ChromeGroup], plain: bool = False) -> bool:
    """True for a short prose block named as a lead (or, with ``plain``, a plain teaser),
    outside chrome that never holds one."""
    if el.tag in LEAD_NOT_TAGS:
        return False
    if not _names_lead(el.get("id"), el.get("class")) and not (plain and plain_teaser(el)):
        return False
    if next(el.iter(*LEAD_NOT_TAGS), None) is not None:
        return False
    if el in marks and marks[el].rule not in LEAD_OWN_MARKS:
        return False
    if any(LEAD_NOT_WORDS.intersection(_token_parts(_parts(d))) for d in el.iterdescendants(etree.Element)):
        return False  # a header row holding the byline and the date
    if any(marks[a].rule in LEAD_SKIP_INSIDE and not _header_mark(a, marks) for a in el.iterancestors() if a in marks):
        return False
    text = norm(text_of(el))
    links = sum(len(norm(text_of(a))) for a in el.iter("a"))
    return LEAD_MIN_CHARS <= len(text) <= LEAD_MAX_CHARS and links <= len(text) / 2


def _header_mark(el: Any, marks: dict[Any, ChromeGroup]) -> bool:
    """True when ``el`` is marked as a ``header_marks`` group and holds an <h1>: the article's
    own header named like chrome (a hero ``teaser``), not a teaser card, so its lead is the
    article's.

    >>> from cleanup.html.vocab import GROUP_BY_KEY
    >>> hero = etree.fromstring("<div class='teaser'><h1>Trains every half hour</h1><p/></div>")
    >>> card = etree.fromstring("<div class='teaser'><h3>Another story</h3><p/></div>")
    >>> related = GROUP_BY_KEY["related"]
    >>> _header_mark(hero, {hero: related}), _header_mark(card, {card: related})
    (True, False)
    """
    return el in marks and marks[el].rule in LEAD_HEADER_MARKS and next(el.iter("h1"), None) is not None


def lead_inside(container: Any, marks: dict[Any, ChromeGroup]) -> Any:
    """The lead inside ``container`` held by a chrome-marked article header (an AEM hero
    ``cmp-teaser`` holding the h1 and its ``__description``), else None.

    The header is removed as chrome with the container's other marks; the caller takes the
    lead out of it first (``lift_out``). A teaser card of another story holds no h1.
    """
    headers = [el for el in container.iter(etree.Element) if el is not container and _header_mark(el, marks)]
    for header in headers:
        found = [c for c in header.iter(etree.Element) if c is not header and _lead_candidate(c, marks)]
        if found:
            return found[-1]
    return None


def lift_out(el: Any, container: Any, marks: dict[Any, ChromeGroup]) -> None:
    """Move ``el`` out of its outermost chrome-marked ancestor inside ``container``, right
    before it; its tail stays where it was."""
    inside = list(itertools.takewhile(lambda a: a is not container, el.iterancestors()))
    outer = [a for a in inside if a in marks][-1]
    tail, el.tail = el.tail, None
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent = el.getparent()
            parent.text = (parent.text or "") + tail
    outer.addprevious(el)


def find_lead(containers: tuple[Any, ...], marks: dict[Any, ChromeGroup]) -> Any:
    """The lead block right above the first body container, outside it; None if there is none.

    Looked for in the blocks before the container and before up to two of its wrappers,
    nearest first: a standfirst in the article header beside ``entry-content``. The chain of
    wrappers holding only the container counts as the container (``_outer_wrapper``).
    """
    el = _outer_wrapper(containers[0])
    for level in range(LEAD_MAX_LEVELS):
        if el.getparent() is None or el.tag == "body":
            return None
        for i, sibling in enumerate(el.itersiblings(etree.Element, preceding=True)):
            plain = level == 0 and i < PLAIN_TEASER_SIBLINGS
            found = [c for c in sibling.iter(etree.Element) if _lead_candidate(c, marks, plain)]
            if found:
                return found[-1]
        el = el.getparent()
    return None


def teaser_first_inside(container: Any, marks: dict[Any, ChromeGroup]) -> Any:
    """The plain teaser opening ``container`` (before any other text but a heading), marked as
    chrome by its name: the article's own lead, to keep. None when the body opens otherwise.

    >>> box = etree.fromstring("<div><h1>T</h1><p class='teaser'>Die Stadt baut eine neue Schule.</p><p>Text</p></div>")
    >>> from cleanup.html.vocab import GROUP_BY_KEY
    >>> teaser_first_inside(box, {box[1]: GROUP_BY_KEY["related"]}) is box[1]
    True
    >>> teaser_first_inside(box, {}) is None  # not marked: nothing to keep
    True
    """
    stack = [c for c in reversed(container) if isinstance(c.tag, str)]  # headings skipped whole,
    while stack:  # no walk up per element: linear on a page nested 100,000 deep
        el = stack.pop()
        if el.tag in HEADING_TAGS:
            continue
        if el in marks and plain_teaser(el) and _lead_candidate(el, marks, plain=True):
            return el
        if (el.text or "").strip():
            return None
        stack.extend(c for c in reversed(el) if isinstance(c.tag, str))
    return None


def plain_teaser(el: Any) -> bool:
    """True for a block named only "teaser" (an ``own_words`` part without an own prefix) that
    holds no link, heading or picture: the standfirst German and Dutch CMSs call the teaser,
    when it stands right above the body (``find_lead``). A teaser card links to its story.

    >>> plain_teaser(etree.fromstring("<div class='teaser'><p>Die Stadt baut.</p></div>"))
    True
    >>> plain_teaser(etree.fromstring("<div class='teaser'><a href='/x'><h3>Andere</h3></a></div>"))
    False
    >>> plain_teaser(etree.fromstring("<div class='teaser-date'>12.03.2024</div>"))
    False
    """
    parts = _token_parts(_parts(el))
    if not LEAD_OWN_WORDS.intersection(parts) or LEAD_NOT_WORDS.intersection(parts):
        return False
    return next(el.iter(*PLAIN_TEASER_NOT_TAGS), None) is None


def _outer_wrapper(el: Any) -> Any:
    """The outermost wrapper whose only element child leads down to ``el``: one place in the page.

    A wrapper chain (AEM's ``div.container > div.cmp-container > div.text > div.cmp-text``)
    adds no blocks beside the body, so it does not count as a level to look for the lead in.

    >>> doc = etree.fromstring("<body><p/><div id='w'><div><div id='c'/></div></div></body>")
    >>> _outer_wrapper(doc.find(".//*[@id='c']")).get("id")
    'w'
    >>> _outer_wrapper(doc.find("p")).tag  # has a sibling: no wrapper of its own
    'p'
    """
    while (parent := el.getparent()) is not None and parent.tag != "body" and _only_child(el):
        el = parent
    return el


def _only_child(el: Any) -> bool:
    """True when ``el`` has no element sibling."""
    return (
        next(el.itersiblings(etree.Element), None) is None
        and next(el.itersiblings(etree.Element, preceding=True), None) is None
    )
