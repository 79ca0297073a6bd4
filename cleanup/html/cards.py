"""Teaser cards inside the article container: a grid or list of links to the site's other stories.

A teaser card links to another page of the same site twice, or once around
both: by a picture and by a title (``<a href=/x><img></a> <a href=/x>Title</a>``),
with at most a one-line summary beside them. Three cards or more side by side
(siblings of one tag and class) are a "Most popular" box, a related-stories
grid or a "More from" strip, in any language: the markup says so, not the words.
A story's own gallery is not one (its captions are no link to the picture's
page), nor a list of shop offers (their links leave the site), nor a list of
stories longer than a teaser each. On the 342 dev pages, 287 groups were found,
none with more than 5 % of its text in the truth.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from cleanup.html.dom import drop, norm
from cleanup.html.removals import text_removal
from cleanup.model import Removal
from cleanup.text.phrases import is_bare_heading

RULE = "teaser-cards"
REASON = "teaser cards: links to other stories, each a picture and a title"
MIN_CARDS = 3  # cards side by side; two are a pair of pictures
CARD_SHARE = 0.8  # of the siblings of the cards' tag and class that are cards
MAX_CARD_CHARS = 300  # a title and a one-line summary; a story's item says more
MIN_CARD_CHARS = 10
MAX_HEADING_CHARS = 80  # the box's own heading ("Most popular") goes with it
# Cards holding this share of the article containers' text are the page itself, and stay: on a
# section front teasers are half the text or more (one dev page: 49 %), under an article a
# related grid is a small part (15 % and 26 % on the two dev pages where one leaked).
ARTICLE_SHARE = 1 / 3
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


@functools.lru_cache(maxsize=16384)
def site_host(url: str | None) -> str:
    """The host of ``url`` without one leading ``www.``; '' when there is none (remembered: a page's
    links repeat, and the teaser, lead and card passes ask of the same ones).

    >>> site_host("https://www.example.com/a/b"), site_host("/a/b"), site_host("http://[::1")
    ('example.com', '', '')
    """
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _internal(href: str, host: str) -> bool:
    """True for a link to a page of the site: relative, or to ``host`` (any subdomain of it)."""
    if href.startswith(("#", "javascript:", "mailto:")):
        return False
    other = site_host(href)
    return not other or (bool(host) and (other == host or other.endswith("." + host)))


def is_card(el: Any, host: str) -> bool:
    """True when ``el`` is one teaser: short, with an internal link that holds a picture and one
    (the same link, or another to the same page) that holds text.

    >>> card = '<li><a href="/b"><img src="b.jpg"/></a><a href="/b">Buckwheat diet</a> Ten days.</li>'
    >>> is_card(etree.fromstring(card), "example.com")
    True
    >>> offer = '<li><a href="https://shop.test/b"><img/></a><a href="https://shop.test/b">Kettle</a> A kettle.</li>'
    >>> is_card(etree.fromstring(offer), "example.com")
    False
    """
    text = norm(" ".join(el.itertext()))
    if not MIN_CARD_CHARS <= len(text) <= MAX_CARD_CHARS:
        return False
    pictures, titles = set(), set()
    for a in el.iter("a"):
        href = a.get("href")
        if not href or not _internal(href, host):
            continue
        if a.find(".//img") is not None:
            pictures.add(href)
        if norm(" ".join(a.itertext())):
            titles.add(href)
    return not pictures.isdisjoint(titles)


def card_groups(root: Any, host: str) -> list[list[Any]]:
    """The groups of teaser cards under ``root``, each in document order.

    Each internal link around a picture is followed up to the first element
    with siblings of its tag and class (at least ``MIN_CARDS``): that element is
    the candidate card, and the siblings of its kind form the group when
    ``CARD_SHARE`` of them are cards.
    """
    seen: set[tuple[Any, str, str | None]] = set()
    groups = []
    for img in root.iter("img"):
        link = next((a for a in img.iterancestors("a")), None)
        if link is None or not _internal(link.get("href") or "", host):
            continue
        for el in (link, *link.iterancestors()):
            if el is root:
                break
            parent = el.getparent()
            key = (parent, el.tag, el.get("class"))
            kin = [s for s in parent.iterchildren(el.tag) if s.get("class") == el.get("class")]
            if len(kin) < MIN_CARDS:
                continue
            if key not in seen:
                seen.add(key)
                cards = [s for s in kin if is_card(s, host)]
                if len(cards) >= MIN_CARDS and len(cards) >= CARD_SHARE * len(kin):
                    groups.append(cards)
            break
    return groups


def drop_teaser_cards(containers: Sequence[Any], url: str | None) -> list[Removal]:
    """Remove the teaser-card groups inside the article containers, with the heading right above each.

    Cards holding ``ARTICLE_SHARE`` of the containers' text, all groups together, are the
    page itself (a section front is a list of stories), and stay: text is never lost to
    this rule on a page made of teasers. Without the page's URL, its host is the one
    most of its links go to.
    """
    if not any(True for root in containers for _ in root.iter("img")):
        return []  # no picture, no card: most article containers end here
    host = site_host(url) or dominant_host(containers[0])
    groups = [cards for root in containers for cards in card_groups(root, host)]
    if not groups:
        return []
    total = sum(len(norm(" ".join(root.itertext()))) for root in containers)
    held = sum(len(norm(" ".join(c.itertext()))) for cards in groups for c in cards)
    if held >= ARTICLE_SHARE * total:
        return []
    removed = []
    for cards in groups:
        heading = _heading_above(cards)
        for el in ([heading] if heading is not None else []) + cards:
            if (record := text_removal(el, RULE, REASON)) is not None:
                removed.append(record)
            drop(el)
    return removed


def dominant_host(root: Any) -> str:
    """The host most absolute links of the page go to (the page's own site), or ''.

    >>> page = etree.fromstring('<div><a href="https://www.a.test/1">x</a><a href="http://a.test/2">y</a>'
    ...                         '<a href="https://b.test/">z</a></div>')
    >>> dominant_host(page)
    'a.test'
    """
    counts: dict[str, int] = {}
    for a in root.getroottree().iter("a"):
        host = site_host(a.get("href"))
        if host:
            counts[host] = counts.get(host, 0) + 1
    return max(sorted(counts), key=counts.__getitem__, default="")


def _heading_above(cards: list[Any]) -> Any:
    """The short heading just before the first card, or before an element holding nothing but the cards:
    a heading element, or a label element the packs call a related heading ("Guarda anche")."""
    prev = _previous(cards[0])
    parent = cards[0].getparent()
    if prev is None and parent is not None and all(c in cards for c in parent.iterchildren(etree.Element)):
        prev = _previous(parent)
    if prev is None:
        return None
    text = norm(" ".join(prev.itertext()))
    if prev.tag in HEADING_TAGS and len(text) <= MAX_HEADING_CHARS:
        return prev
    if len(prev) == 0 and len(text) <= MAX_HEADING_CHARS and is_bare_heading(text):
        return prev  # a label in a <div> or <span>: a related heading of the packs ("Guarda anche")
    return None


def _previous(el: Any) -> Any:
    """The element before ``el`` among its siblings (comments skipped), or None."""
    return next(el.itersiblings(etree.Element, preceding=True), None)
