"""Site-rule selectors: compile user XPath and CSS safely, evaluate them on a page.

lxml compiles almost anything and fails only when the expression runs: a
variable (``//div[$foo]``), an unknown or prefixed function (``foo:bar(.)``,
EXSLT ``re:test()``) or a 50,000-branch union (libxml2's recursion limit)
would load and then crash the first page. ``compile_xpath`` refuses these up
front, with a message naming the problem, so a rule file is checked when it is
loaded (issue 15 item 8). The only module outside ``html/`` that needs
selectors, ``sites/``, calls these functions rather than lxml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from lxml import etree

# XPath 1.0 core functions and node-type tests: the only calls a rule may make.
XPATH_FUNCTIONS = frozenset(
    {
        # node sets
        "last", "position", "count", "id", "local-name", "namespace-uri", "name",
        # strings
        "string", "concat", "starts-with", "contains", "substring-before", "substring-after",
        "substring", "string-length", "normalize-space", "translate",
        # booleans and numbers
        "boolean", "not", "true", "false", "lang", "number", "sum", "floor", "ceiling", "round",
        # node-type tests look like calls
        "node", "text", "comment", "processing-instruction",
        # operators a bracket may follow: "@a or(@b)"
        "and", "or", "div", "mod",
    }
)  # fmt: skip
# Real rules stay far below these (the longest of ftr-site-config's 8,552 XPaths is under 400
# characters, with at most a dozen branches); past them an expression is an attack or an accident.
MAX_SELECTOR_CHARS = 4000
MAX_BRANCHES = 200
MAX_NESTING = 32
# String literals, then names followed by '(' (a call), '$' (a variable), and brackets.
LITERAL_RE = re.compile(r"\"[^\"]*\"|'[^']*'")
CALL_RE = re.compile(r"([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*\(")
# A tiny page every expression is tried on once, to catch what the checks above miss.
PROBE_DOC = etree.fromstring(
    "<html><head><title>t</title></head><body><div id='a' class='b'><p>x</p></div></body></html>",
    etree.HTMLParser(),
)


# Attribute tests whose literal must appear in an attribute value for the XPath to match anything.
ATTRIBUTE_LITERAL_RE = re.compile(
    r"""(?:contains|starts-with)\(\s*@[\w:-]+\s*,\s*(?:"([^"]*)"|'([^']*)')|@[\w:-]+\s*=\s*(?:"([^"]*)"|'([^']*)')"""
)
# Any of these makes a test optional or negated: no literal is then required.
ALTERNATIVE_RE = re.compile(r"\||\bor\b|\bnot\s*\(|!=")
PLAIN_LITERAL_RE = re.compile(r"[^\s&<>\"'=]+")
# A site needing this many strings or fewer has them searched one by one; more, by one RE2 set.
FEW_STRINGS = 8


# "//name" is "/descendant-or-self::node()/child::name": libxml2 walks it several times slower
# than "/descendant::name", which selects the same nodes when no predicate counts positions.
SLASHES_RE = re.compile(r"//(?=[A-Za-z_*])(?![A-Za-z_-]+\s*::)")  # not before an axis: //parent::a
POSITIONAL_RE = re.compile(r"\d|position\s*\(|last\s*\(")


ATTRIBUTE_VALUES = etree.XPath("/descendant::*/@*", smart_strings=False)


class SelectorError(ValueError):
    """A selector that cannot be used; the message says why."""


def _check_xpath_text(expr: str) -> None:
    """Refuse what lxml would compile but not run: variables, foreign functions, huge unions.

    >>> _check_xpath_text("//div[contains(@class, 'x')]")
    >>> _check_xpath_text("//div[$foo]")
    Traceback (most recent call last):
    ...
    cleanup.html.xpath.SelectorError: uses a variable ($...); rules cannot define variables
    """
    if len(expr) > MAX_SELECTOR_CHARS:
        raise SelectorError(f"is {len(expr):,} characters long (at most {MAX_SELECTOR_CHARS:,})")
    code = LITERAL_RE.sub('""', expr)
    if "$" in code:
        raise SelectorError("uses a variable ($...); rules cannot define variables")
    for name in CALL_RE.findall(code):
        if ":" in name:
            raise SelectorError(f"calls {name}(), an extension function; only XPath 1.0 functions are allowed")
        if name not in XPATH_FUNCTIONS:
            raise SelectorError(f"calls {name}(), which is not an XPath 1.0 function")
    if code.count("|") + 1 > MAX_BRANCHES:
        raise SelectorError(f"has {code.count('|') + 1:,} branches (at most {MAX_BRANCHES})")
    depth = 0
    for char in code:
        depth += char in "[("
        depth -= char in "])"
        if depth > MAX_NESTING:
            raise SelectorError(f"nests brackets deeper than {MAX_NESTING} levels")


# "//div[contains(@class, 'x')]" and "//*[@id='x']": 2,103 of ftr-site-config's 5,480 strip and
# body rules have one of these forms, answered from one walk of the page (siterules.TokenIndex).
SIMPLE_RE = re.compile(
    r"""^//([a-z][a-z0-9]*|\*)\[\s*(?:contains\(\s*@(class|id)\s*,\s*(?:'([^']+)'|"([^"]+)")\s*\)"""
    r"""|@(class|id)\s*=\s*(?:'([^']*)'|"([^"]*)"))\s*\]$"""
)


class SimpleTest(NamedTuple):
    """A rule of the form ``//TAG[contains(@ATTR, 'VALUE')]`` (``equal`` False) or ``//TAG[@ATTR='VALUE']``."""

    tag: str | None  # None for *
    attr: str
    value: str
    equal: bool


# "//meta[@property='og:title']/@content": 392 of ftr-site-config's title/author/date rules, answered
# from the page's <meta> elements (PageAttrs.metas) instead of a walk of the whole tree each.
META_RE = re.compile(r"""^//meta\[\s*@([\w-]+)\s*=\s*(?:'([^']*)'|"([^"]*)")\s*\]/@([\w-]+)$""")


class MetaTest(NamedTuple):
    """A rule of the form ``//meta[@ATTR='VALUE']/@OUT``: the OUT values of the matching <meta> elements."""

    attr: str
    value: str
    out: str

    def values(self, metas: Iterable[Any]) -> list[str]:
        """What the XPath gives on a page whose <meta> elements are ``metas``, in document order.

        >>> metas = etree.fromstring("<html><meta property='og:title' content='A'/><meta property='x'/></html>")
        >>> meta_test("//meta[@property='og:title']/@content").values(metas.iter("meta"))
        ['A']
        """
        attr, value, out = self
        return [found for el in metas if el.get(attr) == value and (found := el.get(out)) is not None]


def meta_test(expr: str) -> MetaTest | None:
    """The MetaTest an XPath is, or None.

    >>> meta_test('//meta[@name="author"]/@content')
    MetaTest(attr='name', value='author', out='content')
    >>> meta_test("//meta[@name='author'][1]/@content") is None
    True
    """
    m = META_RE.match(expr.strip())
    return None if m is None else MetaTest(m.group(1), m.group(2) or m.group(3) or "", m.group(4))


def simple_test(expr: str) -> SimpleTest | None:
    """The SimpleTest an XPath is, or None.

    >>> simple_test("//div[contains(@class, 'related')]")
    SimpleTest(tag='div', attr='class', value='related', equal=False)
    >>> simple_test("//div[contains(@class, 'a')]//p") is None
    True
    """
    m = SIMPLE_RE.match(expr.strip())
    if m is None:
        return None
    tag = None if m.group(1) == "*" else m.group(1)
    if m.group(2):
        return SimpleTest(tag, m.group(2), m.group(3) or m.group(4), False)
    return SimpleTest(tag, m.group(5), m.group(6) or m.group(7) or "", True)


class RuleXPath:
    """A compiled rule XPath and the strings the page's attribute values must hold for it to match.

    Most site rules match nothing on most pages; a substring test on the
    page's attribute values skips them without walking the tree (``needs``).
    """

    __slots__ = ("compiled", "meta", "needs", "simple")

    def __init__(
        self, compiled: Any, needs: tuple[str, ...], simple: SimpleTest | None = None, meta: MetaTest | None = None
    ) -> None:
        self.compiled, self.needs, self.simple, self.meta = compiled, needs, simple, meta

    def __call__(self, doc: Any) -> Any:
        return self.compiled(doc)

    def may_match(self, attrs: PageAttrs | None) -> bool:
        """False when the page's attribute values lack a string the XPath needs (so it matches nothing)."""
        return attrs is None or not self.needs or attrs.hold(self.needs)


class PageAttrs:
    """A page's attribute values, joined, and which of a site's needed strings they hold.

    Each rule used to search the joined values for its own strings: a site with
    80 rules read 60 KB 80 times a page (3 ms). The site's strings are now
    found in one pass, by one RE2 set compiled once a site (``NeededStrings``);
    a rule then asks a frozenset. The values are read when a rule first asks: most pages'
    first ask comes after the chrome walk, whose elements give them (``read_from``).
    """

    __slots__ = ("_text", "doc", "found", "meta_elements", "needed")

    def __init__(self, doc: Any, needed: NeededStrings, metas: tuple[Any, ...] | None = None) -> None:
        self._text: str | None = None
        self.needed = needed
        self.found: frozenset[str] | None = None
        self.doc, self.meta_elements = doc, metas

    @property
    def text(self) -> str:
        """The values of ``/descendant::*/@*`` joined by NUL, read at the first need."""
        if self._text is None:
            self._text = "\0".join(ATTRIBUTE_VALUES(self.doc))
        return self._text

    def read_from(self, elements: Iterable[Any]) -> None:
        """Read the values from ``elements``, every element of the page now, unless they were read already.

        A tree only loses elements and attributes after it is parsed, so values read earlier
        or later hold all those of the elements left: a rule is still skipped only when it cannot match.
        """
        if self._text is None:
            parts: list[str] = []
            extend = parts.extend
            for el in elements:
                extend(el.values())
            self._text = "\0".join(parts)

    def metas(self) -> tuple[Any, ...]:
        """The page's <meta> elements in document order (as read for its metadata, or read now)."""
        if self.meta_elements is None:
            self.meta_elements = tuple(self.doc.iter("meta"))
        return self.meta_elements

    def hold(self, strings: tuple[str, ...]) -> bool:
        """True when the values hold every one of ``strings`` (one not among the site's is searched for)."""
        if self.found is None:
            self.found = self.needed.found_in(self.text)
        for string in strings:  # a loop, not all(): this runs for every rule on every page
            if string not in self.found and (string in self.needed.strings or string not in self.text):
                return False
        return True


class NeededStrings:
    """The strings a site's rules need (``RuleXPath.needs``), found in a text in one pass.

    >>> sorted(NeededStrings(["share", "related", "x&y"]).found_in("a related b x&y"))
    ['related', 'x&y']
    >>> sorted(NeededStrings([f"ad-{n}" for n in range(20)] + ["a.b"]).found_in("ad-1 ad-12 axb"))
    ['ad-1', 'ad-12']
    >>> NeededStrings([f"ad-{n}" for n in range(20)]).found_in("nothing here")
    frozenset()
    """

    __slots__ = ("matcher", "strings")

    def __init__(self, strings: Iterable[str]) -> None:
        self.strings = frozenset(strings)
        self.matcher: Any = None

    def found_in(self, text: str) -> frozenset[str]:
        """The strings ``text`` holds. A few are searched one by one; more with the RE2 set, compiled at first use."""
        if len(self.strings) <= FEW_STRINGS:
            return frozenset(s for s in self.strings if s in text)
        if self.matcher is None:
            import re2

            ordered = sorted(self.strings)
            found = re2.Set.SearchSet()
            for string in ordered:
                found.Add(re2.escape(string))
            found.Compile()
            self.matcher = (found, ordered)
        found, ordered = self.matcher
        return frozenset(ordered[i] for i in found.Match(text) or ())  # None when none matches


def required_literals(expr: str) -> tuple[str, ...]:
    """Attribute values an XPath cannot match without, when every test of it must hold.

    >>> required_literals("//div[contains(@class, 'related')]//p[@id='x']")
    ('related', 'x')
    >>> required_literals("//div[contains(@class, 'a') or @id='b']")
    ()
    """
    code = LITERAL_RE.sub('""', expr)
    if ALTERNATIVE_RE.search(code):
        return ()
    found = ("".join(m) for m in ATTRIBUTE_LITERAL_RE.findall(expr))
    return tuple(s for s in found if PLAIN_LITERAL_RE.fullmatch(s))


def fast_form(expr: str) -> str:
    """The expression with ``//`` as ``/descendant::`` when no predicate depends on position.

    >>> fast_form("//div[@id='a']//p")
    "/descendant::div[@id='a']/descendant::p"
    >>> fast_form("//img//parent::a")
    '/descendant::img//parent::a'
    >>> fast_form("(//div)[1]")
    '(//div)[1]'
    """
    code = LITERAL_RE.sub('""', expr)
    if POSITIONAL_RE.search(code):
        return expr
    parts = LITERAL_RE.split(expr)
    literals = LITERAL_RE.findall(expr)
    out = [SLASHES_RE.sub("/descendant::", p) + (literals[i] if i < len(literals) else "") for i, p in enumerate(parts)]
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def compile_xpath(expr: str, needs: tuple[str, ...] | None = None) -> RuleXPath:
    """A compiled XPath that is safe to run on any page; SelectorError otherwise.

    Remembered by expression: 45 % of ftr-site-config's 13,450 rule XPaths repeat one in
    another file ("//meta[@property='og:title']/@content"), and each host's file is read
    when a page of it comes. A RuleXPath is never changed after it is made.

    ``needs``: strings the page must hold for a match (by default read from the expression).

    >>> compile_xpath("substring-after(//p, 'By ')")(PROBE_DOC)
    ''
    >>> compile_xpath("//div[re:test(., 'a')]")
    Traceback (most recent call last):
    ...
    cleanup.html.xpath.SelectorError: calls re:test(), an extension function; only XPath 1.0 functions are allowed
    """
    if not isinstance(expr, str) or not expr.strip():
        raise SelectorError("is empty")
    _check_xpath_text(expr)
    try:
        compiled = etree.XPath(fast_form(expr), regexp=False, smart_strings=False)
        compiled(PROBE_DOC)
    except (etree.XPathError, ValueError) as exc:  # ValueError: a NUL or control character
        raise SelectorError(f"does not compile: {exc}") from None
    return RuleXPath(compiled, required_literals(expr) if needs is None else needs, simple_test(expr), meta_test(expr))


def css_to_xpath(css: str) -> str:
    """The XPath of a CSS selector list; SelectorError for one that is invalid or too large.

    >>> css_to_xpath("div.x")
    "descendant-or-self::div[@class and contains(concat(' ', normalize-space(@class), ' '), ' x ')]"
    """
    from lxml.cssselect import CSSSelector
    from lxml.cssselect import SelectorError as CssError

    if len(css) > MAX_SELECTOR_CHARS or css.count(",") + 1 > MAX_BRANCHES:
        raise SelectorError(f"is too large ({len(css):,} characters, {css.count(',') + 1:,} selectors)")
    try:
        return str(CSSSelector(css).path)
    except (CssError, RecursionError) as exc:
        raise SelectorError(str(exc) or type(exc).__name__) from None


def evaluate(xpath: Any, doc: Any, attrs: PageAttrs | None = None) -> Any:
    """Run a compiled rule XPath; an error at run time (a libxml2 limit) finds nothing.

    ``attrs``: the page's attribute values, to skip an XPath that needs a string they lack.
    """
    if attrs is not None and xpath.meta is not None:  # exact, and no values needed to skip it
        return xpath.meta.values(attrs.metas())
    if attrs is not None and not xpath.may_match(attrs):
        return []
    try:
        return xpath(doc)
    except etree.XPathError:
        return []


def first_string(xpath: Any, doc: Any, attrs: PageAttrs | None = None) -> str | None:
    """The text an XPath gives: a string result, or the first node's text or attribute value.

    FiveFilters ``title``/``author``/``date`` values may be node paths
    (``//meta[@property='og:title']/@content``) or expressions
    (``substring-after(//div[@class='by'], 'By ')``).
    """
    found = evaluate(xpath, doc, attrs)
    if isinstance(found, list):
        for item in found:
            text = item if isinstance(item, str) else "".join(item.itertext()) if hasattr(item, "itertext") else ""
            text = " ".join(str(text).split())
            if text:
                return text
        return None
    text = " ".join(str(found).split()) if isinstance(found, str) else ""
    return text or None


def elements(found: Any) -> list[Any]:
    """The element results of an XPath (strings and numbers dropped), in document order."""
    return [n for n in found if isinstance(n, etree._Element)] if isinstance(found, list) else []
