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
  body container (vocab.toml ``[lead]``), kept with the article (lead.py);
- the headline: an <h1> reading as the page's title heads the article's column, not the
  sidebar beside it (``headline_column``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from lxml import etree

from cleanup.html.dom import body_of, common_ancestor, norm, text_key, text_of
from cleanup.html.scorer import MIN_BLOCK_CHARS, SIBLING_MIN_PROSE, Score, borderline
from cleanup.html.vocab import (
    CAMEL_RE,
    CONTENT_ANCHOR_RE,
    CONTENT_ITEMPROPS,
    CONTENT_TOKEN_RE,
    ChromeGroup,
)

SEPARATORS_RE = re.compile(r"[-_]+")
# An evidence container inside the scorer's borderline pick holding this share of its prose
# is taken instead of asking readability-lxml (scorer.UNSURE_SHARE: the same question).
INSIDE_SHARE = 0.5
# An evidence container apart from the scorer's pick is taken when it holds this share of the
# pick's prose: a sidebar, slider, testimonial or reference list outweighing a short article.
# A container the page declares (itemprop=articleBody, the JSON-LD articleBody) needs less
# than one only named like an article body.
APART_SHARE = 0.5
DECLARED_SHARE = 0.25
HINT_BLOCKS = ("p", "div", "li", "blockquote")
# The column under the headline beside readability-lxml's pick is taken when it holds this many
# paragraphs of MIN_BLOCK_CHARS: a story, not a hero block holding the headline and its lead.
HEADLINE_COLUMN_PARAGRAPHS = 2
MIN_HINT_KEY_CHARS = 40  # block text keys shorter than this are too common to locate a body by


def _parts(el: Any) -> list[str]:
    """The lower-cased class/id tokens of ``el``, camelCase split ("shareTools" -> "share-tools")."""
    return list(_tokens(el.get("id"), el.get("class")))


@functools.lru_cache(maxsize=8192)
def _tokens(id_: str | None, classes: str | None) -> tuple[str, ...]:
    names = f"{id_ or ''} {classes or ''}".split()
    return tuple(t if t.islower() else CAMEL_RE.sub(r"\1-\2", t).lower() for t in names)


def names_content(el: Any) -> bool:
    """True when ``el`` is named an article body: ``itemprop=articleBody`` or a content token.

    The pipeline reads the same verdict from the chrome marks' walk (``chrome.find_marks``,
    ``containers.find_evidence``); this is its definition for one element.

    >>> from lxml import etree
    >>> names_content(etree.fromstring('<div class="td-post-content tagdiv-type"/>'))
    True
    >>> names_content(etree.fromstring('<div class="article__body"/>'))
    True
    >>> names_content(etree.fromstring('<div class="site-content"/>'))
    False
    """
    return itemprop_content(el.get("itemprop")) or content_named(el.get("id"), el.get("class"))


def itemprop_content(itemprop: str | None) -> bool:
    """True when an ``itemprop`` value names an article body (``articleBody``)."""
    return bool(CONTENT_ITEMPROPS & set((itemprop or "").lower().split()))


def content_named(id_: str | None, classes: str | None) -> bool:
    """True when a class or id token names an article body (vocab.toml ``[content]``).

    Not remembered here: ``chrome._names_verdict`` remembers it per id/class pair with the
    chrome verdict.
    """
    if CONTENT_ANCHOR_RE.search(f"{id_ or ''} {classes or ''}".lower()) is None:
        return False
    return any(map(_content_token, _tokens(id_, classes)))


@functools.lru_cache(maxsize=16384)
def _content_token(token: str) -> bool:
    return CONTENT_TOKEN_RE.fullmatch(SEPARATORS_RE.sub("-", token)) is not None


def spare_named(marks: dict[Any, ChromeGroup], named: Sequence[Any]) -> dict[Any, ChromeGroup]:
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


def _apart(a: Any, b: Any) -> bool:
    """True when neither element holds the other."""
    return a is not b and a not in b.iterancestors() and b not in a.iterancestors()


def evidence_pick(narrow: Any, scores: dict[Any, Score], strong: Sequence[Any], declared: Sequence[Any]) -> Any:
    """An evidence container to take instead of the scorer's pick ``narrow``.

    Inside a borderline pick (one child holds 50-70 % of its prose), the one evidence
    container holding half its prose settles the question readability-lxml was asked. Apart from the
    scorer's whole subtree, one holding half as much prose wins: the scorer weighed text
    only, and a list of references or testimonials can outweigh a short article.
    """
    prose = scores[narrow].prose
    found = [e for e in strong if e in scores and scores[e].prose > 0]
    within = [e for e in found if narrow in e.iterancestors()]
    inside = [e for e in within if scores[e].prose >= INSIDE_SHARE * prose]
    if inside and borderline(narrow, scores):
        best = max(inside, key=lambda e: scores[e].prose)
        if not any(_apart(e, best) for e in within):  # a body in named chunks: not one container
            return best
    said = set(declared)
    share = {e: DECLARED_SHARE if e in said else APART_SHARE for e in found}
    apart = [e for e in found if _apart(e, narrow) and scores[e].prose >= share[e] * prose]
    return max(apart, key=lambda e: scores[e].prose, default=None)


def evidence_only(scores: dict[Any, Score], strong: Sequence[Any]) -> Any:
    """The evidence container (declared or named an article body) with the most prose, or None.

    For a page too short for the scorer to be sure (scorer.MIN_SCORER_WEIGHT): what the page
    names as its article body beats readability-lxml's guess, whose picks score well below
    the scorer's own.
    """
    found = [e for e in strong if e in scores and scores[e].prose > 0]
    return max(found, key=lambda e: scores[e].prose, default=None)


def evidence_siblings(el: Any, strong: Sequence[Any]) -> tuple[Any, ...]:
    """``el`` and its siblings that are evidence containers too or of its kind (tag and first
    class): a body split into chunks between ads repeats its wrapper; a teaser block does not."""
    parent, wanted = el.getparent(), set(strong)
    if parent is None:
        return (el,)
    kind = _kind(el)
    return tuple(c for c in parent.iterchildren(etree.Element) if c is el or c in wanted or _kind(c) == kind)


def _kind(el: Any) -> tuple[str, list[str]]:
    """An element's tag and first class, to tell repeated chunks of one body."""
    return el.tag, (el.get("class") or "").split()[:1]


def headline_column(narrow: Any, second: Any, scores: dict[Any, Score], title: str | None) -> Any:
    """The child of the scorer's borderline pick ``narrow`` that holds the page's headline (an <h1>
    reading as its ``title``) and prose beside it, when readability-lxml's pick ``second`` lies in
    another child; else None.

    A short story under its headline beside a longer box of the same layout (a Bootstrap
    "col-lg-8" and "col-lg-4" holding an association's "About us" card) left the scorer unsure, and
    readability-lxml took the box. An <h1> that is not the title (another story's) says nothing,
    nor does a headline alone in a header above the body (it holds no prose: SIBLING_MIN_PROSE),
    nor a hero column holding the headline and one long lead beside the body
    (HEADLINE_COLUMN_PARAGRAPHS).

    >>> story = "<p>Am Sonntag ist wieder Flohmarkt.</p><p>Anmeldung bis zum 10. April.</p>"
    >>> row = etree.fromstring(f"<div><div><h1>Flohmarkt</h1>{story}</div><div><p>box</p></div></div>")
    >>> story, box = row
    >>> scores = {story: Score(0, 0, 0, 392.0), box: Score(0, 0, 0, 627.0)}
    >>> headline_column(row, box[0], scores, "Flohmarkt") is story, headline_column(row, box[0], scores, "Other")
    (True, None)
    """
    want = title.casefold() if title else None
    headline = next((h for h in narrow.iter("h1") if want and norm(text_of(h)).casefold() == want), None)
    if headline is None:
        return None
    column, other = child_holding(narrow, headline), child_holding(narrow, second)
    if column is None or column is other or column not in scores:
        return None
    if scores[column].prose < SIBLING_MIN_PROSE:
        return None
    paragraphs = sum(1 for p in column.iter("p") if len(text_of(p).strip()) >= MIN_BLOCK_CHARS)
    return column if paragraphs >= HEADLINE_COLUMN_PARAGRAPHS else None


def child_holding(top: Any, el: Any) -> Any:
    """The child of ``top`` that is or holds ``el`` (None when ``el`` is ``top`` or lies outside it)."""
    while el is not None and el.getparent() is not top:
        el = el.getparent()
    return el
