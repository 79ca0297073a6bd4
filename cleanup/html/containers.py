"""The page's evidence containers, found in one pass: what evidence.py weighs.

Named containers (a class, id or itemprop naming an article body), declared ones (the
JSON-LD articleBody's container, ``itemprop=articleBody``) and structural ones
(``<article>``, ``<main>``, ``role=main``) were three XPath passes over the body, then
one; now the chrome marks' walk (``chrome.find_marks``) collects the elements that can be
any of them, and ``find_evidence`` sorts them (doc/speed.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cleanup.html.chrome import Candidate
from cleanup.html.dom import body_of
from cleanup.html.evidence import hint_container, itemprop_content

STRUCTURAL_TAGS = ("article", "main")


@dataclass(frozen=True)
class Evidence:
    """The page's evidence containers, each list in document order.

    ``declared``: the JSON-LD articleBody's container, then ``itemprop=articleBody``
    elements; ``named``: elements named as article bodies; ``structural``: ``<article>``,
    ``<main>``, ``role=main`` and ``itemprop`` elements named as article bodies.
    """

    declared: tuple[Any, ...]
    named: tuple[Any, ...]
    structural: tuple[Any, ...]

    @property
    def every(self) -> list[Any]:
        """All three lists, declared first: the containers that rescue a chrome mark."""
        return [*self.declared, *self.named, *self.structural]


NO_EVIDENCE = Evidence((), (), ())


def find_evidence(doc: Any, hint: str | None, candidates: list[Candidate]) -> Evidence:
    """The evidence containers of the body, from the ``candidates`` the chrome marks' walk
    collected (``chrome.find_marks``): elements whose id or class names an article body, with
    an itemprop, ``role=main``, ``<article>`` and ``<main>``, in document order, each with its
    attributes and whether its id or class names an article body.

    An element with an ``itemprop`` is structural only when named as an article body.
    """
    named, itemprops, structural = [], [], []
    root = body_of(doc)
    for el, attrs, named_content in candidates:
        if el is root:  # the body itself is no evidence container
            continue
        itemprop = attrs.get("itemprop")
        body_prop = itemprop is not None and itemprop_content(itemprop)
        content = body_prop or named_content  # evidence.names_content
        if content:
            named.append(el)
        if itemprop is not None:
            if body_prop:
                itemprops.append(el)
            if content:
                structural.append(el)
        elif el.tag in STRUCTURAL_TAGS or attrs.get("role") == "main":
            structural.append(el)
    located = hint_container(doc, hint)
    declared = (located, *itemprops) if located is not None else tuple(itemprops)
    return Evidence(declared, tuple(named), tuple(structural))
