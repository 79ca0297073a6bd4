"""Positive evidence for the article container: what an article looks like, not chrome.

The scorer (scorer.py) weighs text and the chrome marks (marks.py) know what site chrome
looks like; neither knows what an article container looks like. This module reads the
evidence pages give for it:

- names article body containers carry across CMSs (vocab.toml ``[content]``:
  ``entry-content``, ``td-post-content``, ``field--name-body``) and schema.org
  ``itemprop=articleBody``: such an element is never chrome itself;
- ``<article>``, ``<main>`` and ``role=main`` too: a chrome mark on a wrapper around one
  of them holding most of the page's prose is the page's layout, not chrome
  (``<div class="site_header">`` wrapping the whole page);
- the JSON-LD ``articleBody`` text, located in the page (``hint_container``);
- the lead (standfirst, excerpt, subheadline) in a block of its own right above the
  body container (vocab.toml ``[lead]``), kept with the article (``find_lead``).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from lxml import etree

from cleanup.html.dom import body_of, common_ancestor, norm, text_key, text_of
from cleanup.html.vocab import (
    CONTENT_ITEMPROPS,
    CONTENT_TOKEN_RE,
    LEAD_NOT_WORDS,
    LEAD_OWN_MARKS,
    LEAD_SKIP_INSIDE,
    LEAD_WORDS,
    ChromeGroup,
)

CAMEL_RE = re.compile(r"([a-z0-9])([A-Z])")
SEPARATORS_RE = re.compile(r"[-_]+")
STRUCTURAL_XPATH = etree.XPath("descendant::*[self::article or self::main or @role='main' or @itemprop]")
NAMED_XPATH = etree.XPath("descendant::*[@class or @id or @itemprop]")
LEAD_MAX_LEVELS = 3  # the lead is looked for beside the body container and up to 2 wrappers up
LEAD_MIN_CHARS = 25  # shorter: a label ("Updated"), not a lead
LEAD_MAX_CHARS = 1000  # longer: a block of article text or a teaser list, not a lead
# A lead holding or being one of these is a headline block or a picture, not a standfirst.
LEAD_NOT_TAGS = ("h1", "img", "figure", "figcaption", "picture")
HINT_BLOCKS = ("p", "div", "li", "blockquote")
MIN_HINT_KEY_CHARS = 40  # block text keys shorter than this are too common to locate a body by


def _parts(el: Any) -> list[str]:
    """The lower-cased class/id tokens of ``el``, camelCase split ("shareTools" -> "share-tools")."""
    names = f"{el.get('id') or ''} {el.get('class') or ''}".split()
    return [t if t.islower() else CAMEL_RE.sub(r"\1-\2", t).lower() for t in names]


def names_content(el: Any) -> bool:
    """True when ``el`` is named an article body: ``itemprop=articleBody`` or a content token.

    >>> from lxml import etree
    >>> names_content(etree.fromstring('<div class="td-post-content tagdiv-type"/>'))
    True
    >>> names_content(etree.fromstring('<div class="article__body"/>'))
    True
    >>> names_content(etree.fromstring('<div class="site-content"/>'))
    False
    """
    if CONTENT_ITEMPROPS & set((el.get("itemprop") or "").lower().split()):
        return True
    return any(CONTENT_TOKEN_RE.fullmatch(SEPARATORS_RE.sub("-", t)) for t in _parts(el))


def named_containers(doc: Any) -> list[Any]:
    """Elements of the body named as article body containers."""
    return [el for el in NAMED_XPATH(body_of(doc)) if names_content(el)]


def structural_containers(doc: Any) -> list[Any]:
    """``<article>``, ``<main>``, ``role=main`` and ``itemprop=articleBody`` elements of the body."""
    return [el for el in STRUCTURAL_XPATH(body_of(doc)) if el.get("itemprop") is None or names_content(el)]


def spare_named(marks: dict[Any, ChromeGroup], named: list[Any]) -> dict[Any, ChromeGroup]:
    """The marks without those on elements named as article bodies (``cmp-container`` with
    ``itemprop=articleBody``, Blogger's ``post-body entry-content``): a name saying "article
    body" outweighs a word that also names chrome."""
    spared = set(named)
    return {el: group for el, group in marks.items() if el not in spared}


def hint_container(doc: Any, hint: str | None) -> Any:
    """Lowest element holding the blocks whose text is part of the JSON-LD articleBody.

    One block found: its parent (the hint is often the first paragraph only).
    """
    if not hint:
        return None
    index = {}
    for el in body_of(doc).iter(*HINT_BLOCKS):
        key = text_key(el)
        if len(key) >= MIN_HINT_KEY_CHARS and key in hint:
            index[key] = el  # last wins: the innermost element with that text
    hits = list(index.values())
    if not hits:
        return None
    if len(hits) == 1:
        return hits[0].getparent()
    return common_ancestor(hits[0], hits[-1])


def _token_parts(tokens: list[str]) -> list[str]:
    """The "-"/"_"-separated parts of class/id tokens."""
    return [p for t in tokens for p in SEPARATORS_RE.split(t) if p]


def is_lead_name(tokens: list[str]) -> bool:
    """True when a part of a token, or two adjacent parts written together, names a lead,
    and no part names a date, byline or image.

    >>> [is_lead_name([t]) for t in ("td-post-sub-title", "cmp-text--intro", "teaser-text", "teaser")]
    [True, True, True, False]
    >>> is_lead_name(["article-header--subhead-date"]), is_lead_name(["lead-asset__caption"])
    (False, False)
    """
    parts = _token_parts(tokens)
    if LEAD_NOT_WORDS.intersection(parts):
        return False
    pairs = (a + b for a, b in itertools.pairwise(parts))
    return any(p in LEAD_WORDS for p in parts) or any(p in LEAD_WORDS for p in pairs)


def _lead_candidate(el: Any, marks: dict[Any, ChromeGroup]) -> bool:
    """True for a short prose block named as a lead, outside chrome that never holds one."""
    if el.tag in LEAD_NOT_TAGS or not is_lead_name(_parts(el)) or next(el.iter(*LEAD_NOT_TAGS), None) is not None:
        return False
    if el in marks and marks[el].rule not in LEAD_OWN_MARKS:
        return False
    if any(LEAD_NOT_WORDS.intersection(_token_parts(_parts(d))) for d in el.iterdescendants(etree.Element)):
        return False  # a header row holding the byline and the date
    if any(marks[a].rule in LEAD_SKIP_INSIDE for a in el.iterancestors() if a in marks):
        return False
    text = norm(text_of(el))
    links = sum(len(norm(text_of(a))) for a in el.iter("a"))
    return LEAD_MIN_CHARS <= len(text) <= LEAD_MAX_CHARS and links <= len(text) / 2


def find_lead(containers: tuple[Any, ...], marks: dict[Any, ChromeGroup]) -> Any:
    """The lead block right above the first body container, outside it; None if there is none.

    Looked for in the blocks before the container and before up to two of its wrappers,
    nearest first: a standfirst in the article header beside ``entry-content``.
    """
    el = containers[0]
    for _ in range(LEAD_MAX_LEVELS):
        if el.getparent() is None or el.tag == "body":
            return None
        for sibling in el.itersiblings(etree.Element, preceding=True):
            found = [c for c in sibling.iter(etree.Element) if _lead_candidate(c, marks)]
            if found:
                return found[-1]
        el = el.getparent()
    return None
