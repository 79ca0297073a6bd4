"""Chrome marks from the vocabulary: which body elements look like site chrome, by tag, role,
hidden state, id or class (vocab.toml), found in one walk over the body.

The same walk collects the elements that can be evidence containers (a class, id or
itemprop, ``role=main``, ``<article>``, ``<main>``) for ``containers.find_evidence``, with
whether their names call them an article body: one remembered verdict per id/class pair
serves both (doc/speed.md). What is done with the marks (removal records, the spare and
rescue rules) lives in ``marks`` and ``scorer``.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from lxml import etree

from cleanup.html.dom import body_of
from cleanup.html.evidence import content_named
from cleanup.html.vocab import (
    BEM_ELEMENT_RE,
    BEM_ELEMENT_SKIPPED,
    BEM_MODIFIER_GROUPS,
    BEM_MODIFIER_RE,
    BUILDER_TOKENS,
    BUILDER_WIDGET_RE,
    CAMEL_RE,
    CHROME_TOKEN_RE,
    CHROME_WORD_RE,
    DISCLOSURE_HIDDEN_VALUES,
    DISCLOSURE_ROLES,
    DISCLOSURE_TOKENS,
    GROUP_BY_COMPONENT,
    GROUP_BY_KEY,
    GROUP_BY_ROLE,
    GROUP_BY_TAG,
    HIDDEN_STYLE_RE,
    KEEP_TOKEN_RE,
    NAMES_WORD_RE,
    PANEL_ROLES,
    RESPONSIVE_SHOW_RE,
    TOGGLE_TAGS,
    TOKEN_SPLIT_RE,
    UNIT_BLOCKS,
    ChromeGroup,
)


def _vocabulary_group(name: str) -> ChromeGroup | None:
    """The group whose vocabulary word, framed by layout words, makes up all of ``name``."""
    m = CHROME_TOKEN_RE.fullmatch(name)
    return GROUP_BY_KEY[m.lastgroup] if m and m.lastgroup else None


def _plain_token_group(plain: str) -> ChromeGroup | None:
    """The chrome group of one lower-cased token: whole token, a component, a BEM element.

    >>> _plain_token_group("gallery-article__share").rule
    'share-social'
    >>> _plain_token_group("gallery-article__intro") is None  # a component in the BEM block
    True
    >>> _plain_token_group("grid-layout--adrail") is None  # a modifier names a variant
    True
    >>> _plain_token_group("cmp-text--meta").rule  # ...and a metadata variant is metadata
    'article-meta'
    """
    group = _vocabulary_group(plain)
    if group is not None and group.rule in BEM_ELEMENT_SKIPPED and _unit_element(plain):
        group = None
    if group is None:
        parts = TOKEN_SPLIT_RE.split(plain.rpartition("__")[2])  # a BEM element names its own role
        group = next((GROUP_BY_COMPONENT[c] for c in parts if c in GROUP_BY_COMPONENT), None)
    if group is None and "__" in plain:
        group = next(
            (
                g
                for g in map(_vocabulary_group, BEM_ELEMENT_RE.findall(plain))
                if g and g.rule not in BEM_ELEMENT_SKIPPED
            ),
            None,
        )
    if group is None and "--" in plain:
        group = next(
            (g for g in map(_vocabulary_group, BEM_MODIFIER_RE.findall(plain)) if g and g.rule in BEM_MODIFIER_GROUPS),
            None,
        )
    return group


def _unit_element(plain: str) -> bool:
    """True for a BEM element of one unit of content ("live-post__header"): see ``UNIT_BLOCKS``.

    >>> _unit_element("live-post__header"), _unit_element("site-header__inner"), _unit_element("post-header")
    (True, False, False)
    """
    block, sep, _ = plain.rpartition("__")
    return bool(sep) and TOKEN_SPLIT_RE.split(block)[-1] in UNIT_BLOCKS


@functools.lru_cache(maxsize=16384)
def _token_verdict(token: str) -> ChromeGroup | None:
    """The chrome group of one class/id token as written (camelCase read as words).

    Remembered across pages: a site's pages, and CMSs across sites, repeat their
    class names, and the vocabulary regex costs microseconds a token. The caches
    of this module and evidence.py hold at most 58,000 entries, under 14 MB
    (measured at 62,000 entries: 14 MB; 28.5 MB at twice these sizes): memory
    stays flat over a long batch.
    """
    plain = token if token.islower() else CAMEL_RE.sub(r"\1-\2", token).lower()
    if CHROME_WORD_RE.search(plain) is None:
        return None  # no vocabulary word in it: the cheap answer for six tokens in ten
    return _plain_token_group(plain)


def _token_group(tokens: str) -> ChromeGroup | None:
    """The chrome group named by any whitespace token of a class/id value."""
    for token in tokens.split():
        group = _token_verdict(token)
        if group is not None:
            return group
    return None


# (kept as content, chrome group, named an article body) of an element's id and class values.
NamesVerdict = tuple[bool, ChromeGroup | None, bool]
NOTHING_NAMED: NamesVerdict = (False, None, False)


@functools.lru_cache(maxsize=8192)
def _names_verdict(ident: str | None, classes: str | None) -> NamesVerdict:
    """(kept as content, chrome group of the tokens, named an article body) for an element's id
    and class values; the last is ``evidence.content_named``, asked here so that one lookup
    serves both the marks and the evidence containers (``find_marks``).

    Remembered per pair: most elements with a class share it with others on the page. A value
    holding no ``NAMES_WORD_RE`` word (half of them) has the verdict "nothing" at once: one regex
    search instead of the content test, the keep test and one search per token.
    """
    names = f"{ident or ''} {classes or ''}"
    if names.isascii() and NAMES_WORD_RE.search(names.lower()) is None:
        return NOTHING_NAMED
    return names_verdict(ident, classes, names)


def names_verdict(ident: str | None, classes: str | None, names: str) -> NamesVerdict:
    """``_names_verdict`` without its shortcut (tests/test_names_shortcut.py); ``names`` is both values."""
    content = content_named(ident, classes)
    if KEEP_TOKEN_RE.search(names):
        return True, None, content
    group = _token_group(names) if names.strip() else None
    if group is ASIDE_GROUP and "ui-widget" in names and disclosed("", classes, ident):
        group = None  # jQuery UI's accordion panel: "ui-accordion-content ui-widget-content" is no sidebar
    if group is ASIDE_GROUP and not BUILDER_TOKENS.isdisjoint(tokens := names.lower().split()):
        group = builder_group(tokens)
    if group is HIDDEN_GROUP and classes and RESPONSIVE_SHOW_RE.search(classes):
        group = None  # "hidden md:block": shown on wider screens
    return False, group, content


def builder_group(tokens: list[str]) -> ChromeGroup | None:
    """The chrome group of a page builder's element (``BUILDER_TOKENS``), read without "widget".

    >>> builder_group(["elementor-widget", "elementor-widget-text-editor"]) is None
    True
    >>> builder_group(["elementor-widget", "elementor-widget-heading"]) is None
    True
    >>> builder_group(["elementor-widget", "elementor-widget-sidebar"]).rule
    'aside'
    >>> builder_group(["so-panel", "widget", "widget_recent_entries"]) is None
    True
    """
    return _token_group(" ".join(BUILDER_WIDGET_RE.sub("", t) for t in tokens))


# Tags whose whole content is the page's chrome, never the article's headline.
CHROME_ANCESTOR_TAGS = frozenset({"header", "nav", "footer", "aside"})


def in_chrome(el: Any) -> bool:
    """True when ``el`` sits in a page header, navigation, footer, aside or a box its class or id
    names as chrome (a cookie banner's "We value your privacy"): asked of an h1 before the marks exist."""
    return any(
        node.tag in CHROME_ANCESTOR_TAGS or _names_verdict(node.get("id"), node.get("class"))[1] is not None
        for node in el.iterancestors()
    )


@functools.lru_cache(maxsize=1024)
def _hiding_style(style: str) -> bool:
    return HIDDEN_STYLE_RE.search(style) is not None


# The attributes a chrome mark is read from; an element with none of them is marked by its tag only.
MARK_ATTRIBUTES = frozenset({"class", "id", "role", "hidden", "aria-hidden", "style"})
# ...and those of them that give a role or hidden state (``_state_group``); most named elements have none.
STATE_ATTRIBUTES = frozenset({"role", "hidden", "aria-hidden", "style"})
HIDDEN_GROUP = GROUP_BY_KEY["hidden"]
ASIDE_GROUP = GROUP_BY_KEY["aside"]
META_GROUP = GROUP_BY_KEY["article_meta"]
FORM_GROUP = GROUP_BY_KEY["form"]
TABLE_CELLS = frozenset({"td", "th"})
# A paragraph's text going on after an inline dateline or time: that many words at least.
SENTENCE_TAIL_WORDS = 4


def _inside_sentence(el: Any) -> bool:
    """True for an element whose paragraph's sentence goes on right after it: a dateline opening
    the lead ("<p><span class=dateline>CAIRO —</span> Gunmen opened fire ...") or a date in a
    sentence ("signed on <time class=date>May 3</time> by the mayor ..."). It is the paragraph's text.

    >>> doc = etree.fromstring("<p><span class='dateline'>CAIRO —</span> Gunmen opened fire on visitors.</p>")
    >>> _inside_sentence(doc[0]), _inside_sentence(etree.fromstring("<div><span>By Jo</span></div>")[0])
    (True, False)
    """
    tail = el.tail
    return bool(tail) and el.getparent().tag == "p" and len(tail.split()) >= SENTENCE_TAIL_WORDS


# What makes an element a candidate evidence container (containers.find_evidence): one of
# these tags, role=main, an itemprop, or an id or class naming an article body; the
# attributes are those that send an element to its names' verdict.
EVIDENCE_TAGS = frozenset({"article", "main"})
EVIDENCE_ATTRIBUTES = frozenset({"class", "id", "itemprop"})
NO_ATTRIBUTES: dict[str, str] = {}


def _state_group(attrs: dict[str, str], el: Any = None) -> ChromeGroup | None:
    """The chrome group an element's role or hidden state gives it (``role=navigation``, ``hidden``,
    ``aria-hidden=true``, a hiding style), else None.

    >>> _state_group({"role": " Navigation"}).rule, _state_group({"style": "display: none"}).rule
    ('nav-element', 'hidden')
    """
    role = (attrs.get("role") or "").strip().lower()
    group = GROUP_BY_ROLE.get(role) if role else None
    if group is None:
        style = attrs.get("style")
        hidden = attrs.get("hidden")
        if (
            (hidden is not None and hidden not in DISCLOSURE_HIDDEN_VALUES)
            or attrs.get("aria-hidden") == "true"
            or (style and _hiding_style(style))
        ) and not disclosed(role, attrs.get("class"), attrs.get("id")):
            group = HIDDEN_GROUP
    elif role == "tablist" and el is not None and _holds_panel(el):
        group = None  # an accordion with role=tablist around its panels (jQuery UI): content
    return group


NAME_SEPARATORS_RE = re.compile(r"[\s_]+")
NAV_TOKENS = GROUP_BY_KEY["nav_element"].tokens  # a menu folded away is no panel of content


def disclosed(role: str, classes: str | None, ident: str | None) -> bool:
    """True for content a click shows: a tab's panel, an accordion's answer ("ui-accordion-content").

    >>> disclosed("", "ui-accordion-content", None), disclosed("tabpanel", None, None), disclosed("", "menu", None)
    (True, True, False)
    >>> disclosed("", "collapse navbar-collapse", None)
    False
    """
    if role in DISCLOSURE_ROLES:
        return True
    names = "-" + NAME_SEPARATORS_RE.sub("-", f"{ident or ''} {classes or ''}".lower()) + "-"
    if not any(f"-{token}-" in names for token in DISCLOSURE_TOKENS):
        return False
    return not any(f"-{token}-" in names for token in NAV_TOKENS)  # "navbar-collapse": a folded menu


def toggles_panel(tag: str, attrs: dict[str, str]) -> bool:
    """True for a button named as a disclosure's part (``TOGGLE_TAGS``): the toggle of an accordion's
    panel holds its question, not a form's control.

    >>> toggles_panel("button", {"class": "accordion-button collapsed"}), toggles_panel("button", {"class": "btn"})
    (True, False)
    >>> toggles_panel("button", {"class": "navbar-toggler collapse"})  # a menu's toggle: navigation
    False
    """
    return tag in TOGGLE_TAGS and disclosed("", attrs.get("class"), attrs.get("id"))


def _holds_panel(el: Any) -> bool:
    """True when ``el`` holds a tab's panel or a paragraph: not a bare row of tab links."""
    return any(
        (node.get("role") or "").strip().lower() in PANEL_ROLES or node.tag == "p" for node in el.iterdescendants()
    )


# An element that can be an evidence container, its attributes, and whether its id or class
# names an article body (``evidence.content_named``).
Candidate = tuple[Any, dict[str, str], bool]


def _body_elements(doc: Any, walked: list[Any] | None) -> list[Any]:
    """The elements of the body in document order, added to ``walked`` when given (``find_marks``)."""
    elements = [] if walked is None else walked
    elements.extend(body_of(doc).iter(etree.Element))
    return elements


def find_marks(
    doc: Any, candidates: list[Candidate] | None = None, walked: list[Any] | None = None
) -> dict[Any, ChromeGroup]:
    """Every element of the body that looks like site chrome, with its group; and in
    ``candidates`` (when given) the elements that can be evidence containers (named an article
    body, with an itemprop, ``<article>``, ``<main>``, ``role=main``), in document order, the
    walk's root first when it is one.

    One walk in libxml2's order with one attribute read per element (``items``): cheaper
    than an XPath selecting the elements with a class, id, role ... or six ``get``s each.
    ``walked`` (when given) gets every element walked: while the caller holds them, lxml
    hands the next walks (the scorer's) these Python objects instead of building new ones.

    >>> doc = etree.fromstring("<html><body><nav class='pullquote'/><div class='share-bar'/><nav/></body></html>")
    >>> [(el.tag, group.rule) for el, group in find_marks(doc).items()]
    [('div', 'share-social'), ('nav', 'nav-element')]
    """
    marks = {}
    found: list[Candidate] = [] if candidates is None else candidates
    by_tag, verdict_of, unmarked = GROUP_BY_TAG, _names_verdict, MARK_ATTRIBUTES.isdisjoint
    unnamed, stateless = EVIDENCE_ATTRIBUTES.isdisjoint, STATE_ATTRIBUTES.isdisjoint
    # An element's group: none when its names say content (keep), else by tag, role or state, then names.
    for el in _body_elements(doc, walked):
        tag, items = el.tag, el.items()
        group = by_tag.get(tag)
        if items:
            attrs, content = dict(items), False
            if unnamed(attrs):  # no id, class nor itemprop
                if group is None and not unmarked(attrs):
                    group = _state_group(attrs, el)
            else:
                keep, by_names, content = verdict_of(attrs.get("id"), attrs.get("class"))
                if keep or (group is FORM_GROUP and toggles_panel(tag, attrs)):
                    group = None
                else:
                    if group is None and not stateless(attrs):
                        group = _state_group(attrs, el)
                    if group is None:
                        group = by_names
            if content or tag in EVIDENCE_TAGS or "itemprop" in attrs or attrs.get("role") == "main":
                found.append((el, attrs, content))
        elif tag in EVIDENCE_TAGS:
            found.append((el, NO_ATTRIBUTES, False))
        if group is not None and tag not in ("body", "html"):
            if group is META_GROUP and (tag in TABLE_CELLS or _inside_sentence(el)):
                continue  # a fixtures table's "date" column; "CAIRO —" opening the lead paragraph
            marks[el] = group
    return marks
