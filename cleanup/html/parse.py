"""The parse step of HTML mode: caps on what a page may hold, then a depth-safe lxml parse.

``parse_html`` refuses markup over MAX_ELEMENTS tags or with a tag over
MAX_ATTRIBUTES attributes (counted before libxml2 builds anything), puts content
after ``</html>`` into the body as browsers do, and re-parses flattened markup
when libxml2 hit its depth limit, so no text is dropped silently.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from lxml import etree

from cleanup.html.vocab import BLOCK_TAGS
from cleanup.model import ExtractionError

# libxml2 stops building the tree at this depth even with huge_tree (XML_PARSE_HUGE) and
# silently drops everything after it; measured with lxml 6.1 / libxml2 2.14 (tests/test_html.py).
PARSER_MAX_DEPTH = 2048
# Tags nested deeper than this are unwrapped (text kept) before a re-parse; well under the limit
# above because implied end tags (<p>, <li>) make our tag count overestimate real depth.
FLATTEN_DEPTH = 1000
# Void elements have no end tag and do not add depth.
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
# Caps on what one page may hold, counted before parsing. Real pages stay far below: the
# largest of the 342 dev-set HTML pages has 9,893 elements, and no tag has over 70 attributes.
# Past them libxml2 and readability take minutes and gigabytes (issue 15 item 11).
MAX_ELEMENTS = 500_000
MAX_ATTRIBUTES = 1_000
DOCUMENT_END_RE = re.compile(r"</(?:body|html)\s*>", re.I)
START_TAG_RE = re.compile(r"<[a-zA-Z]")
# A tag this long before its next < or > may hold many attributes: those are counted.
LONG_TAG_RE = re.compile(r"<[a-zA-Z][^<>]{8000}")
QUOTED_RE = re.compile(r""""[^"]*"|'[^']*'""")
CODE_RE = re.compile(r"[;(){}\[\]]")
TAG_RE = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)[^>]*?(/?)>")
XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*>")
# Control characters lxml refuses in str input ("All strings must be XML compatible").
XML_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The same two searches for RE2, as prefilters: XML_ILLEGAL_RE, and a start tag
# running 1,000 characters (RE2's most) without < or >, which any LONG_TAG_RE match does.
ILLEGAL_SCAN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{fffe}\x{ffff}]"
LONG_TAG_SCAN = r"<[a-zA-Z][^<>]{1000}"


def parse_html(markup: str) -> Any:
    """Parse with lxml, re-parsing flattened markup if libxml2 hit its depth limit."""
    # Content after </body> or </html> belongs to the body (as browsers read it): libxml2 put
    # an article there in a second root that nothing saw (issue 15 item 19).
    markup = XML_DECL_RE.sub("", markup, count=1)
    if _may_hold(markup, ILLEGAL_SCAN):
        markup = XML_ILLEGAL_RE.sub("", markup)
    markup = DOCUMENT_END_RE.sub("", markup)
    if not markup.strip():
        raise ExtractionError("empty document")
    check_size(markup, long_tags=_may_hold(markup, LONG_TAG_SCAN))
    doc, truncated = _parse(markup)
    if truncated:
        doc, truncated = _parse(flatten_deep_nesting(markup))
    if truncated:
        raise ExtractionError(f"markup nested deeper than {PARSER_MAX_DEPTH} levels")
    return doc


def _may_hold(markup: str, scan: str) -> bool:
    """False when RE2's ``scan`` (a looser form of a slow Python pattern) finds nothing.

    Python's ``re`` tries a character class at every position: the two scans of
    every page took as long as lxml's parse. RE2 runs them in linear time in C. A
    string that is not valid UTF-8 (lone surrogates) may hold anything: True.
    """
    try:
        data = markup.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return _re2(scan).search(data) is not None


@functools.cache
def _re2(pattern: str) -> Any:
    from cleanup.text.units import re2_compile

    return re2_compile(pattern)


def check_size(markup: str, long_tags: bool = True) -> None:
    """Refuse markup over MAX_ELEMENTS tags or with a tag over MAX_ATTRIBUTES attributes.

    Both are counted on the markup, before libxml2 builds anything: a page of 3 M
    ``<p>`` took 100 s and 3.8 GB, and one tag of 50,000 attributes 11 s in the parser.
    ``long_tags=False`` says the markup holds no tag long enough to be counted.

    >>> check_size("<p>" * 10)
    >>> check_size("<div " + "a=1 " * 3 * MAX_ATTRIBUTES + ">")
    Traceback (most recent call last):
    ...
    cleanup.model.ExtractionError: a tag with over 1,000 attributes (limit MAX_ATTRIBUTES): not a page
    """
    if markup.count("<") > MAX_ELEMENTS:
        tags = START_TAG_RE.subn("", markup)[1]
        if tags > MAX_ELEMENTS:
            raise ExtractionError(f"{tags:,} elements, over the limit of {MAX_ELEMENTS:,} (MAX_ELEMENTS): not a page")
    for match in LONG_TAG_RE.finditer(markup) if long_tags else ():
        if attribute_count(markup, match.start()) > MAX_ATTRIBUTES:
            raise ExtractionError(f"a tag with over {MAX_ATTRIBUTES:,} attributes (limit MAX_ATTRIBUTES): not a page")


def attribute_count(markup: str, start: int) -> int:
    """About how many attributes the start tag at ``start`` has; 0 when it is no tag (script text).

    Quoted values are left out (an SVG path or a JSON value holds thousands of words);
    a span with code punctuation outside quotes is a comparison in a script, not a tag.

    >>> attribute_count('<div a=1 b="x y z" c>', 0), attribute_count("<n;i++){f(a, b)}>", 0)
    (3, 0)
    """
    end = markup.find(">", start)
    unquoted = QUOTED_RE.sub(" q ", markup[start : end if end >= 0 else len(markup)])
    if CODE_RE.search(unquoted):
        return 0
    return len(unquoted.replace("=", " = ").split()) - 1 - unquoted.count("=") * 2


def _parse(markup: str) -> tuple[Any, bool]:
    """Document element and whether libxml2 reported a resource limit (silent truncation).

    Plain ``lxml.etree`` elements, not ``lxml.html`` ones: the html element-class lookup
    runs Python code for every element touched and cost a tenth of our time.
    """
    parser = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        doc = etree.fromstring(markup, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractionError(f"cannot parse HTML: {exc}") from None
    if doc is None:
        raise ExtractionError("no HTML elements in the document")
    truncated = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return doc, truncated


def flatten_deep_nesting(markup: str) -> str:
    """Unwrap tags nested deeper than FLATTEN_DEPTH (their text stays), so nothing is dropped."""
    depth = 0

    def unwrap(m: re.Match[str]) -> str:
        nonlocal depth
        closing, name, selfclose = m.group(1), m.group(2).lower(), m.group(3)
        if name in VOID_TAGS or selfclose:
            return m.group(0)
        level = depth if closing else depth + 1
        depth = max(0, depth - 1) if closing else depth + 1
        if level <= FLATTEN_DEPTH:
            return m.group(0)
        return "<br>" if name in BLOCK_TAGS else ""

    return TAG_RE.sub(unwrap, markup)
