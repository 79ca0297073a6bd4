"""Teaser lists marked before the article container is chosen: a column or grid of other stories.

A teaser is a short item with an internal link holding its title, in or around a heading
(``<h3><a href=/x>Title</a></h3>`` or ``<a href=/x><h3>Title</h3></a>``), or around a picture
and a title (``cards.is_card``), and a summary beside it. Three or more side by side (siblings
of one tag and class) are a "Lo más leído" column, a related grid or a "Najnowsze wpisy" strip,
in any language. Marked as chrome, they weigh nothing for the scorer, so it takes the story
beside them rather than the layout box around both. They are marked only beside a story
(three paragraphs side by side outside them): a page made of teasers (a section front, a
blog index) is left to the other rules. A story's own list (a listicle's linked subheadings
between paragraphs) has no item holding both a title and a summary.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import Any

from lxml import etree

from cleanup.html.cards import MAX_CARD_CHARS, MIN_CARD_CHARS, _internal, is_card
from cleanup.html.dom import norm
from cleanup.html.vocab import ChromeGroup

RULE = "teaser-cards"
# Strong: marked only beside a story (``story_beside``), the teasers stay chrome even when they
# outweigh a short one (eight summaries beside a story of four sentences).
GROUP = ChromeGroup(RULE, "teaser list: linked headlines of other stories, each with a summary", strong=True)
MIN_ITEMS = 3
ITEM_SHARE = 0.8  # of the siblings of the items' tag and class that are teasers

# A teaser: a title and a summary of a sentence or two, with its source and time in a news
# stream (yahoo-3's items: 390-470 characters). Longer than a card (cards.MAX_CARD_CHARS) only
# outside a story's flow: items between its paragraphs are its own list (``in_story_flow``).
MAX_ITEM_CHARS = 500
HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")
MIN_STORY_PARAGRAPHS = 3  # paragraphs side by side outside the teasers: a story stands beside them
MIN_STORY_PARAGRAPH_CHARS = 80
FRAME_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})  # may stand beside the items in their box


def titled_link(el: Any, host: str) -> str | None:
    """The title of ``el``'s first internal link that is, holds or sits in a heading, or None.

    >>> item = etree.fromstring("<div><h3><a href='/x'>Feuerwehr bekommt Fahrzeug</a></h3><p>Es war alt.</p></div>")
    >>> titled_link(item, "example.com")
    'Feuerwehr bekommt Fahrzeug'
    >>> titled_link(etree.fromstring("<div><h3>Ohne Link</h3><p>Text.</p></div>"), "example.com") is None
    True
    """
    for heading in el.iter(*HEADING_TAGS):
        link = next(heading.iter("a"), None)
        if link is None:
            link = next((a for a in heading.iterancestors("a")), None)
            if link is not None and link is not el and el not in link.iterancestors():
                link = None
        if link is not None and _internal(link.get("href") or "", host):
            return norm(" ".join(heading.itertext())) or None
    return None


def is_teaser(el: Any, host: str) -> bool:
    """True for one teaser: short, a linked title and a summary beside it (or a picture card).

    >>> is_teaser(etree.fromstring("<div><h3><a href='/x'>Titel</a></h3><p>Eine Zusammenfassung.</p></div>"), "")
    True
    >>> is_teaser(etree.fromstring("<h3><a href='/x'>Ein Zwischentitel</a></h3>"), "")  # a title alone
    False
    """
    text = norm(" ".join(el.itertext()))
    if not MIN_CARD_CHARS <= len(text) <= MAX_ITEM_CHARS:
        return False
    title = titled_link(el, host)
    if title is not None and len(text) > len(title) + MIN_CARD_CHARS:
        return True
    return is_card(el, host)


def teaser_groups(root: Any, host: str, marks: Collection[Any] = ()) -> list[list[Any]]:
    """The groups of teasers under ``root``: from each heading or picture with an internal link
    in or around it, up to the first element
    with ``MIN_ITEMS`` siblings of its tag and class, ``ITEM_SHARE`` of them teasers.

    Each element is walked through once and each kind of siblings counted once: the walk is
    linear in the page (it runs on every page, most of whose links are in no group). A walk
    stops at an element already marked as chrome (``marks``): a group at or inside it is dropped
    by ``teaser_marks`` anyway, and one above it is found from its other headings and pictures."""
    kin_of: dict[tuple[Any, str, str | None], list[Any]] = {}
    walked: set[Any] = set()
    groups = []
    for anchor in root.iter(*HEADING_TAGS, "img"):  # a teaser holds one or the other
        if anchor.getparent() in walked or not _linked(anchor, host):
            continue  # (walked: its walk would stop at once; the href is parsed only otherwise)
        for el in anchor.iterancestors():
            parent = el.getparent()
            if el in walked or parent is None or el is root or el in marks:
                break
            walked.add(el)
            key = (parent, el.tag, el.get("class"))
            if key not in kin_of:
                kin_of[key] = [s for s in parent.iterchildren(el.tag) if s.get("class") == key[2]]
                kin = kin_of[key]
                items = _teasers_of(kin, host) if len(kin) >= MIN_ITEMS else None
                if items is not None:
                    groups.append(items)
            if len(kin_of[key]) >= MIN_ITEMS:
                break
    return groups


def _linked(el: Any, host: str) -> bool:
    """True when an internal link is in ``el`` or around it."""
    link = next(el.iter("a"), None)
    if link is None:
        link = next(el.iterancestors("a"), None)
    return link is not None and _internal(link.get("href") or "", host)


def _teasers_of(kin: list[Any], host: str) -> list[Any] | None:
    """The teasers among ``kin`` when ``ITEM_SHARE`` of them are, else None (given up at the
    first miss too many: a menu's items hold no heading or picture)."""
    misses = len(kin) - math.ceil(ITEM_SHARE * len(kin))
    items = []
    for el in kin:
        if next(el.iter(*HEADING_TAGS, "img"), None) is not None and is_teaser(el, host):
            items.append(el)
        else:
            misses -= 1
            if misses < 0:
                return None
    return items if len(items) >= MIN_ITEMS else None


def teaser_marks(root: Any, host: str, marks: dict[Any, ChromeGroup]) -> dict[Any, ChromeGroup]:
    """Weak marks for the teaser groups under ``root`` not already inside chrome: on the box
    holding nothing but a group and its headings, else on each teaser. None when no story
    stands beside them (``story_beside``): a page of teasers is what it shows."""
    groups = [
        items
        for items in teaser_groups(root, host, marks)
        if not any(a in marks for a in items[0].iterancestors())
        and not any(i in marks for i in items)
        and not (in_story_flow(items) and any(_chars(i) > MAX_CARD_CHARS for i in items))
    ]
    if not groups or not story_beside(root, groups, marks):
        return {}
    found: dict[Any, ChromeGroup] = {}
    for items in groups:
        box = _box_of(items)
        for el in [box] if box is not None else items:
            found[el] = GROUP
    return found


def in_story_flow(items: list[Any]) -> bool:
    """True when the box holding ``items`` stands among a story's paragraphs (a paragraph of
    prose beside it): a list of places, each with its picture and link, that the story tells of
    (fixtures/wordpress-ru-teaser-grid), not a column beside it.

    >>> box = etree.fromstring(f"<div><p>{'Satz. ' * 15}</p><ul><li>a</li></ul></div>")
    >>> in_story_flow(list(box[1])), in_story_flow(list(box))
    (True, False)
    """
    box = items[0].getparent()
    if box is None or box.getparent() is None:
        return False
    return any(
        s.tag == "p" and _chars(s) >= MIN_STORY_PARAGRAPH_CHARS
        for s in box.getparent().iterchildren(etree.Element)
        if s is not box
    )


def _chars(el: Any) -> int:
    return len(norm(" ".join(el.itertext())))


def story_beside(root: Any, groups: list[list[Any]], marks: dict[Any, ChromeGroup]) -> bool:
    """True when ``MIN_STORY_PARAGRAPHS`` paragraphs of prose side by side (one parent) stand
    outside the teasers and the chrome: the story the teasers are beside. A section front's
    single teasers hold one summary each.

    >>> story = "".join(f"<p>{'Satz. ' * 15}</p>" for _ in range(3))
    >>> page = etree.fromstring(f"<div><div>{story}</div><div><p>x</p></div></div>")
    >>> story_beside(page, [[page[1]]], {}), story_beside(page, [[page[0]]], {})
    (True, False)
    """
    apart = {el for items in groups for el in items} | set(marks)
    counts: dict[Any, int] = {}
    for p in root.iter("p"):
        if len(norm(" ".join(p.itertext()))) < MIN_STORY_PARAGRAPH_CHARS:
            continue
        if any(a in apart for a in (p, *p.iterancestors())):
            continue
        parent = p.getparent()
        counts[parent] = counts.get(parent, 0) + 1
        if counts[parent] >= MIN_STORY_PARAGRAPHS:
            return True
    return False


def _box_of(items: list[Any]) -> Any:
    """The parent of ``items`` when it holds nothing else but headings; else None."""
    parent, members = items[0].getparent(), set(items)
    others = [c for c in parent.iterchildren(etree.Element) if c not in members]
    return parent if all(c.tag in FRAME_TAGS for c in others) and parent.tag != "body" else None
