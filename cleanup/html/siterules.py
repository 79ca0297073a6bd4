"""Site rules that act outside the strip/body pair: raw-HTML replacements, metadata, native-ad clues.

These come from FiveFilters files (sites/ftr.py): ``find_string`` /
``replace_string`` edit the markup before it is parsed (lazy images,
``<noscript>``, AMP tags), ``title`` / ``author`` / ``date`` are XPaths or
XPath expressions read before anything is removed, and ``native_ad_clue``
flags a sponsored page without changing what is kept.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lxml import etree

from cleanup.html.dom import body_of, text_length
from cleanup.html.meta import Meta
from cleanup.html.xpath import NeededStrings, PageAttrs, SimpleTest, evaluate, first_string
from cleanup.text.units import re2_compile

if TYPE_CHECKING:
    from cleanup.sites.load import DomRule, Site

# A site body holding less than half, or more than 3 times, the text of the generic article is
# not the article (ftr-site-config on the dev pages: a video box at 0.1x, CNN's whole page at 9-19x).
SITE_BODY_BAND = (0.5, 3.0)
CLASS_OR_ID = etree.XPath("/descendant::*[@class or @id]")
# The site rules gated by the strings they need (RuleXPath.needs), and how many sites keep theirs.
NEEDING_KINDS = ("strip", "body", "title", "author", "date", "native_ad")
MAX_NEEDED_SITES = 1024
_NEEDED: dict[int, tuple[Site, NeededStrings]] = {}
# A replacement may not grow the page past this factor: "a" -> 1,000 copies of "a" would.
MAX_REPLACE_GROWTH = 4


def apply_replacements(markup: str, pairs: tuple[tuple[str, str], ...], utf8: bytes | None = None) -> str:
    """The markup with each (find, replace) pair applied in order, as FiveFilters does before parsing.

    A pair that would make the page more than MAX_REPLACE_GROWTH times larger is skipped.
    ``utf8``: the markup's UTF-8 (``Page.utf8``), where the find strings are looked for first:
    a bytes search runs at memchr speed, a str one over a non-ASCII page at a fraction of it
    (0.3 ms a find on a Readability page); most pages hold none, and come back as they are.

    >>> apply_replacements("<amp-img src=x></amp-img>", (("<amp-img", "<img"), ("</amp-img>", "")))
    '<img src=x>'
    """
    if utf8 is not None and not _finds_in(pairs)(utf8):
        return markup  # a str holds a string exactly when its UTF-8 holds the string's UTF-8
    limit = MAX_REPLACE_GROWTH * max(len(markup), 1)
    for find, repl in pairs:
        if not find or find not in markup:
            continue
        if len(repl) > len(find) and len(markup) + markup.count(find) * (len(repl) - len(find)) > limit:
            continue
        markup = markup.replace(find, repl)
    return markup


@functools.lru_cache(maxsize=256)
def _finds_in(pairs: tuple[tuple[str, str], ...]) -> Callable[[bytes], bool]:
    """A test of whether UTF-8 bytes hold one of the pairs' find strings, made once per site.

    One RE2 search for them all: on a 280 KB page it takes a third of the time of one bytes
    ``in`` (0.06 against 0.18 ms), and global.txt alone has two finds for every page. A find
    RE2 cannot take (a lone surrogate) sends the site to the ``in`` loop.
    """
    import re2

    finds = [find for find, _ in pairs if find]
    try:
        search = re2_compile("|".join(re2.escape(find) for find in finds)).search
        return lambda data: search(data) is not None
    except (re2.error, UnicodeEncodeError):  # a lone surrogate: checked one by one
        encoded = tuple(find.encode("utf-8", "surrogatepass") for find in finds)
        return lambda data: any(find in data for find in encoded)


class TokenIndex:
    """The class and id values of a page's elements, to find whole tokens without an XPath per rule.

    ``strip_id_or_class: related`` is the XPath ``//*[contains(concat(' ',
    normalize-space(@class), ' '), ' related ') or ...]``, which libxml2 runs
    at some microseconds per element: a site with 20 such rules spent 15 ms a
    rule on a large page. One walk, then a substring test per element, finds
    the same elements in document order.
    """

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.named: list[tuple[Any, str | None, str | None]] | None = None
        self.values: Joined | None = None  # "class\0id" of each element of ``named``
        self.by_attr: dict[str, tuple[list[Any], Joined]] = {}  # those with the attribute, and its values

    def _named(self) -> list[tuple[Any, str | None, str | None]]:
        """(element, class, id) of the elements with a class or an id, in document order (``class_or_id``)."""
        if self.named is None:
            self.named = class_or_id(self.doc)
        return self.named

    def find(self, token: str) -> list[Any]:
        """Elements whose class or id holds ``token`` (one or more whole, adjacent tokens).

        The raw values are read once a page; only those holding ``token`` at all are split into tokens.

        >>> page = etree.fromstring("<div><p class='share  box'/><p id='share'/><p class='sharebox'/></div>")
        >>> [(p.get("class"), p.get("id")) for p in TokenIndex(page).find("share box")]
        [('share  box', None)]
        >>> len(TokenIndex(page).find("share"))
        2
        """
        named = self._named()
        if self.values is None:
            self.values = Joined([f"{c or ''}\0{i or ''}" for _, c, i in named])
        padded, probe = f" {token} ", max(token.split(), key=len, default=token)  # "a b" may be "a  b" in the page
        values = self.values.values
        return [named[n][0] for n in self.values.holding(probe) if padded in _tokens(values[n])]

    def select(self, test: SimpleTest) -> list[Any]:
        """Elements an XPath of a simple form selects, in document order (the same nodes libxml2 finds).

        The attribute's values are read once a page: a site has several such rules.
        """
        held = self.by_attr.get(test.attr)
        if held is None:
            at = 1 if test.attr == "class" else 2  # a SimpleTest reads class or id
            pairs = [(named[0], value) for named in self._named() if (value := named[at]) is not None]
            held = self.by_attr[test.attr] = ([el for el, _ in pairs], Joined([value for _, value in pairs]))
        elements, values = held
        wanted, tag = test.value, test.tag
        if test.equal:
            found = [elements[n] for n, value in enumerate(values.values) if value == wanted]
        else:
            found = [elements[n] for n in values.holding(wanted)]
        return found if tag is None else [el for el in found if el.tag == tag]


class Joined:
    """A page's attribute values joined by newlines: those holding a string are found by ``str.find``
    over the whole text, not a test per value (a site has dozens of token rules, a page
    thousands of values)."""

    __slots__ = ("starts", "text", "values")

    def __init__(self, values: list[str]) -> None:
        self.values = values
        self.text = "\n".join(values)
        self.starts = list(itertools.accumulate((len(v) + 1 for v in values), initial=0))  # where each begins

    def holding(self, probe: str) -> list[int]:
        """Where the values holding ``probe`` are, in order: ``[n for n, v in enumerate(values) if probe in v]``."""
        if not probe or "\n" in probe:  # it could span two values
            return [n for n, value in enumerate(self.values) if probe in value]
        found, text, starts = [], self.text, self.starts
        at = text.find(probe)
        while at >= 0:
            n = bisect.bisect_right(starts, at) - 1
            found.append(n)
            at = text.find(probe, starts[n + 1])  # the next value on
        return found


def whole_tree(doc: Any) -> bool:
    """True when ``doc.iter()`` walks every element ``/descendant::*`` selects: ``doc`` is the root
    element and has no sibling at the top of the document (no second root)."""
    return isinstance(doc, etree._Element) and (doc.getparent(), doc.getprevious(), doc.getnext()) == (None,) * 3


def class_or_id(doc: Any) -> list[tuple[Any, str | None, str | None]]:
    """(element, class, id) of the elements ``/descendant::*[@class or @id]`` selects, in document order.

    Walked in Python when ``doc`` is the whole tree: lxml's iterator is faster than libxml2's XPath
    predicate (0.52 against 0.79 ms a Readability page, the values read).
    """
    if not whole_tree(doc):
        return [(el, el.get("class"), el.get("id")) for el in CLASS_OR_ID(doc)]
    return [
        (el, c, i)
        for el in doc.iter(etree.Element)
        if ((c := el.get("class")) is not None) | ((i := el.get("id")) is not None)  # | not or: both read
    ]


def _tokens(value: str) -> str:
    """``class\\0id`` as " c1 c2 \\0 id ": each attribute's tokens single-spaced, framed by spaces."""
    classes, _, ids = value.partition("\0")
    return f" {' '.join(classes.split())} \0 {' '.join(ids.split())} "


def read_site_page(
    doc: Any, site: Site | None, meta: Meta, metas: tuple[Any, ...] | None = None
) -> tuple[Meta, bool, PageAttrs | None]:
    """The metadata with the site's title/author/date rules, the native-ad flag, and the attribute values.

    ``metas``: the page's <meta> elements, read for its metadata already.
    """
    if site is None:
        return meta, False, None
    attrs = PageAttrs(doc, needed_strings(site), metas)
    return site_metadata(doc, site, meta, attrs), bool(site.native_ad and is_native_ad(doc, site, attrs)), attrs


def after_walk(attrs: PageAttrs | None, doc: Any, walked: list[Any]) -> None:
    """Give ``attrs`` the page's attribute values from ``walked``, the body's elements the chrome walk
    took (``find_marks``), and the few outside the body: no walk of the page of its own.

    Unless a rule needed them already (then they were read from the whole tree, invisible
    elements and all), or ``doc`` is not the whole tree (the values are read by the XPath).
    """
    if attrs is None or not whole_tree(doc):
        return
    body = body_of(doc)
    if body is doc:
        attrs.read_from(walked)
        return
    outside = [el for child in doc if child is not body for el in child.iter(etree.Element)]
    attrs.read_from([doc, *outside, *walked])


def needed_strings(site: Site) -> NeededStrings:
    """The strings the site's DOM rules need in a page's attribute values, made once per site object.

    Keyed by identity (the entry holds the site, so its id is not reused): a
    Site's hash would hash every rule, for every page.
    """
    held = _NEEDED.get(id(site))
    if held is None or held[0] is not site:
        if len(_NEEDED) >= MAX_NEEDED_SITES:
            _NEEDED.clear()
        rules = (r for kind in NEEDING_KINDS for r in getattr(site, kind))
        held = _NEEDED[id(site)] = (site, NeededStrings(s for r in rules for s in r.xpath.needs))
    return held[1]


def usable_body(
    found: tuple[Any, ...], site: Site, generic: tuple[Any, ...], extractor: str, chars: int | None = None
) -> bool:
    """Whether a site body is used: the user's TOML rules always; a FiveFilters one when plausible_body
    (``chars``: the body's characters of text, when measured already).

    A FiveFilters body far smaller or larger than the article the generic path
    finds is a rotten rule (the site was redesigned).
    """
    return not site.ftr or extractor == "body" or plausible_body(found, generic, chars)


def plausible_body(found: tuple[Any, ...], generic: tuple[Any, ...], chars: int | None = None) -> bool:
    """True when a site body holds about as much text as the generic article (a share in SITE_BODY_BAND).

    FiveFilters body rules rot as sites change: on older pages a rule may
    match a video box beside the story, or the whole page; either way the
    generic extractor's article is the safer choice.
    """
    mine, theirs = _chars(found) if chars is None else chars, _chars(generic)  # a whole article: measured once
    low, high = SITE_BODY_BAND
    return theirs == 0 or low * theirs <= mine <= high * theirs


def _chars(elements: tuple[Any, ...]) -> int:
    """Characters of text under the elements, whitespace runs counted once."""
    return sum(map(text_length, elements))


def _first(rules: tuple[DomRule, ...], doc: Any, attrs: PageAttrs | None) -> str | None:
    """The first non-empty text one of the rules gives, in order."""
    for rule in rules:
        text = first_string(rule.xpath, doc, attrs)
        if text:
            return text
    return None


def site_metadata(doc: Any, site: Site, meta: Meta, attrs: PageAttrs | None = None) -> Meta:
    """Title, byline and date from the site's rules where they find something, else the page's own."""
    if not (site.title or site.author or site.date):
        return meta
    return dataclasses.replace(
        meta,
        title=_first(site.title, doc, attrs) or meta.title,
        byline=_first(site.author, doc, attrs) or meta.byline,
        date=_first(site.date, doc, attrs) or meta.date,
    )


def is_native_ad(doc: Any, site: Site, attrs: PageAttrs | None = None) -> bool:
    """True when a ``native_ad_clue`` of the site matches: a sponsored page (reported, not acted on)."""
    # A match is a node, a true test or a non-empty string.
    return any(evaluate(rule.xpath, doc, attrs) for rule in site.native_ad)
