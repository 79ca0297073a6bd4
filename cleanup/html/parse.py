"""The parse step of HTML mode: caps on what a page may hold, then a depth-safe lxml parse.

``parse_html`` refuses markup over MAX_ELEMENTS tags or with a tag over
MAX_ATTRIBUTES attributes (counted before libxml2 builds anything), puts content
after ``</html>`` into the body as browsers do, and re-parses flattened markup
when libxml2 hit its depth limit, so no text is dropped silently.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
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
# Elements a <head> may hold; from the first other one on, libxml2's head is the body (body_out_of_head).
HEAD_TAGS = frozenset({"title", "meta", "link", "script", "style", "base", "noscript", "template"})
# Caps on what one page may hold, counted before parsing. Real pages stay far below: the
# largest of the 342 dev-set HTML pages has 9,893 elements, and no tag has over 70 attributes.
# Past them libxml2 and readability take minutes and gigabytes (issue 15 item 11).
MAX_ELEMENTS = 500_000
MAX_ATTRIBUTES = 1_000
# </body> or </html> in any case. Spelled out without re.I: the literal "</" then lets
# Python's re skip to each end tag (same matches: no other character folds to these letters).
DOCUMENT_END_RE = re.compile(r"</(?:[bB][oO][dD][yY]|[hH][tT][mM][lL])\s*>")
START_TAG_RE = re.compile(r"<[a-zA-Z]")
START_TAG_BYTES_RE = re.compile(rb"<[a-zA-Z]")
# A tag this long before its next < or > may hold many attributes: those are counted.
LONG_TAG_RE = re.compile(r"<[a-zA-Z][^<>]{8000}")
QUOTED_RE = re.compile(r""""[^"]*"|'[^']*'""")
CODE_RE = re.compile(r"[;(){}\[\]]")
TAG_RE = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)[^>]*?(/?)>")
XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*>")
# Control characters lxml refuses in str input ("All strings must be XML compatible").
XML_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# XML_ILLEGAL_RE for RE2, and with it the start of every LONG_TAG_RE match: a start tag
# running 1,000 characters (RE2's most) without < or >.
ILLEGAL_SCAN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{fffe}\x{ffff}]"
# A character reference to one of those but NUL (libxml2 gives U+FFFD for that), or to DEL:
# "&#27;", "&#x1b" (no ";" needed). libxml2 puts the character in the text, where an ESC
# reaches the user's terminal. Text mode drops such characters as it reads
# (input.decode.CONTROL_RE); HTML mode drops their references before parsing.
CONTROL_REF_SCAN = (
    r"&#0*(?:[1-8]|1[124-9]|2[0-9]|3[01]|127)(?:[^0-9]|$)"
    r"|&#[xX]0*(?:[1-8bcefBCEF]|1[0-9a-fA-F]|7[fF])(?:[^0-9a-fA-F]|$)"
)
CONTROL_REF_RE = re.compile(
    r"&#(?:0*(?:[1-8]|1[124-9]|2[0-9]|3[01]|127)(?![0-9])|[xX]0*(?:[1-8bcefBCEF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F]));?"
)
PLAIN_SCAN = ILLEGAL_SCAN + "|" + CONTROL_REF_SCAN + r"|<[a-zA-Z][^<>]{1000}"
ILLEGAL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])  # and U+FFFE, U+FFFF
# The start of every LONG_TAG_BYTES_RE match, for RE2 (a page read_page has in UTF-8: ``_scan_utf8``).
LONG_SCAN = r"<[a-zA-Z][^<>]{1000}"
UTF8_SCAN = LONG_SCAN + "|" + CONTROL_REF_SCAN
# What str's \s matches (str.isspace), in UTF-8: DOCUMENT_END_RE and a blank page on the bytes.
# U+3000 is the last white space character (tests/test_parse_paths.py checks the whole range).
LAST_SPACE = 0x3000
_SPACE_BYTES = "|".join(
    re.escape(chr(c).encode("utf-8")).decode("latin-1") for c in range(LAST_SPACE + 1) if chr(c).isspace()
)
DOCUMENT_END_BYTES_RE = re.compile(rf"</(?:[bB][oO][dD][yY]|[hH][tT][mM][lL])(?:{_SPACE_BYTES})*>".encode("latin-1"))
BLANK_BYTES_RE = re.compile(f"(?:{_SPACE_BYTES})*".encode("latin-1"))
# LONG_TAG_RE in UTF-8: every match of that is one of this (8,000 characters are 8,000 bytes or more).
LONG_TAG_BYTES_RE = re.compile(rb"<[a-zA-Z][^<>]{8000}")
AMPERSAND = ord("&")


def parse_html(markup: str, utf8: bytes | None = None) -> Any:
    """Parse with lxml, re-parsing flattened markup if libxml2 hit its depth limit.

    The usual page takes the fast path: RE2 finds no control character, and the few
    tags long enough to count their attributes (often a script) are located by RE2
    too; libxml2 then parses the UTF-8 bytes, twice as fast as a str, which it reads
    as UCS-4 (the same tree: checked on the dev pages).

    ``utf8``: ``markup``'s UTF-8 as ``read_page`` gives it (``Page.utf8``: it holds no control
    character but form feed). The page is then neither encoded nor scanned again for control
    characters: the document end tags are cut from the bytes (``_scan_utf8``).
    """
    # Content after </body> or </html> belongs to the body (as browsers read it): libxml2 put
    # an article there in a second root that nothing saw (issue 15 item 19).
    if declaration := XML_DECL_RE.match(markup):  # match: sub() would try every position
        markup = markup[declaration.end() :]
        utf8 = None
    if utf8 is not None and (fast := _scan_utf8(markup, utf8)) is not None:
        return fast
    cut = DOCUMENT_END_RE.sub("", markup)  # </body> holds no control character: same as after it
    scanned = _scan(cut)
    if scanned is None:
        return _parse_checked(markup)
    data, long_tags = scanned
    if cut.isspace() or not cut:  # not cut.strip(), without copying the page
        raise ExtractionError("empty document")
    check_size(cut, long_tags)
    return _parse_deep(data, cut)


def _scan_utf8(markup: str, utf8: bytes) -> Any:
    """``parse_html`` of a page whose UTF-8 ``read_page`` gave: the same checks, on the bytes, then the parse.

    ``DOCUMENT_END_BYTES_RE`` cuts from the bytes what ``DOCUMENT_END_RE`` cuts from the str, and
    only form feed and U+FFFE, U+FFFF are looked for (``read_page`` dropped the other control
    characters): the page is not encoded again, nor scanned for them. None sends it the str way:
    it holds one of them, or a reference to a control character (``CONTROL_REF_SCAN``). The caps
    are checked on the bytes too (``check_size_utf8``).
    """
    if b"\x0c" in utf8 or (not markup.isascii() and ("\ufffe" in markup or "\uffff" in markup)):
        return None
    cut = DOCUMENT_END_BYTES_RE.sub(b"", utf8)
    if BLANK_BYTES_RE.fullmatch(cut):
        raise ExtractionError("empty document")
    hits = [h.start() for h in _re2(UTF8_SCAN).finditer(cut)]
    if any(cut[at] == AMPERSAND for at in hits):
        return None  # a reference to a control character: the str way drops it
    check_size_utf8(cut, hits)
    return _parse_deep(cut, None)


def check_size_utf8(data: bytes, hits: list[int]) -> None:
    """``check_size`` of the str whose UTF-8 is ``data``, read on the bytes: ``hits`` are where
    ``LONG_SCAN`` matches.

    A tag is counted as on the str: LONG_TAG_RE matches at a tag when its first 8,000 characters
    after the name's first letter hold no "<" or ">", read from at most 4 bytes a character
    (the bytes are cut at a character's end: UTF-8 is decoded whole, a cut last one dropped);
    ``attribute_count`` reads the tag decoded, up to its ">" (an ASCII byte in UTF-8).
    """
    if len(data) > MAX_ELEMENTS and data.count(b"<") > MAX_ELEMENTS:  # the str's count, in fewer characters
        tags = START_TAG_BYTES_RE.subn(b"", data)[1]
        if tags > MAX_ELEMENTS:
            raise _too_many(tags)
    for start in hits:
        if LONG_TAG_BYTES_RE.match(data, start) is None:
            continue  # under 8,000 bytes: under 8,000 characters
        if LONG_TAG_RE.match(data[start : start + 2 + 4 * 8000].decode("utf-8", "ignore")) is None:
            continue
        end = data.find(b">", start)
        if attribute_count(data[start : end if end >= 0 else len(data)].decode("utf-8"), 0) > MAX_ATTRIBUTES:
            raise ExtractionError(TOO_MANY_ATTRIBUTES_MESSAGE)


def _parse_checked(markup: str) -> Any:
    """The slow path: control characters and references to them removed, long tags' attributes counted, a str parsed."""
    markup = DOCUMENT_END_RE.sub("", CONTROL_REF_RE.sub("", XML_ILLEGAL_RE.sub("", markup)))
    if not markup.strip():
        raise ExtractionError("empty document")
    check_size(markup)
    return _parse_deep(markup, markup)


def _parse_deep(data: str | bytes, markup: str | None) -> Any:
    """``data`` parsed (``markup`` is the same as a str, None: decode the bytes), flattened and parsed
    again if too deep."""
    doc, truncated = _parse(data)
    if truncated:
        text = markup if markup is not None else data.decode("utf-8") if isinstance(data, bytes) else data
        doc, truncated = _parse(flatten_deep_nesting(text))
    if truncated:
        raise ExtractionError(f"markup nested deeper than {PARSER_MAX_DEPTH} levels")
    body_out_of_head(doc)
    return doc


def body_out_of_head(doc: Any) -> None:
    """Move what libxml2 left in <head> but belongs to the body into the body, as browsers read it.

    A page without a <body> tag (HTML5 lets minifiers drop it) whose first element
    after <title> is one libxml2 does not know (<header>, <main>, <article>,
    <app-root>) had its whole document put inside <head>: the article came out
    empty. From the first element that cannot be in a head on, the head's elements
    go to the start of the body (made when there is none).

    >>> doc = etree.fromstring("<title>T</title><main><p>Story.</p></main>", etree.HTMLParser())
    >>> body_out_of_head(doc)
    >>> etree.tostring(doc)
    b'<html><head><title>T</title></head><body><main><p>Story.</p></main></body></html>'
    """
    head = doc.find("head")
    if head is None:
        return
    first = next((i for i, el in enumerate(head) if isinstance(el.tag, str) and el.tag not in HEAD_TAGS), None)
    if first is None:
        return
    moved = list(head)[first:]
    body = doc.find("body")
    if body is None:
        body = etree.Element("body")
        head.addnext(body)
    if body.text:  # the body's own first text comes after what moves in front of it
        moved[-1].tail = (moved[-1].tail or "") + body.text
        body.text = None
    for i, el in enumerate(moved):
        body.insert(i, el)


def _scan(markup: str) -> tuple[bytes, list[int]] | None:
    """``markup`` as UTF-8 and where LONG_TAG_RE matches in it; None for the slow path.

    Python's ``re`` tries a character class at every position: XML_ILLEGAL_RE and
    LONG_TAG_RE took as long as lxml's parse. RE2 runs both in C in linear time, and
    only its long-tag hits are checked with LONG_TAG_RE (the few long enough in bytes, so
    the page is decoded to count characters only up to those). None when the markup holds
    a control character or a reference to one, or lone surrogates (not UTF-8).
    """
    try:
        data = markup.encode("utf-8")
    except UnicodeEncodeError:
        return None
    hits = list(_re2(PLAIN_SCAN).finditer(data))
    if any(
        hit.end() - hit.start() <= 3 or data[hit.start()] == AMPERSAND or _illegal(data[hit.start() : hit.end()])
        for hit in hits
    ):
        return None  # a control character or a reference to one: a hit of its own, or inside a long-tag hit
    starts, chars, at = [], 0, 0
    for hit in hits:  # a hit starts at "<": byte and character offsets stay aligned
        if LONG_TAG_BYTES_RE.match(data, hit.start()) is None:
            continue  # under 8,000 bytes: no LONG_TAG_RE match, and no decoding to count its offset
        chars += len(data[at : hit.start()].decode("utf-8"))
        at = hit.start()
        if LONG_TAG_RE.match(markup, chars):
            starts.append(chars)
    return data, starts


def _illegal(data: bytes) -> bool:
    """True when UTF-8 ``data`` holds a character XML_ILLEGAL_RE matches."""
    return len(data.translate(None, ILLEGAL_BYTES)) != len(data) or b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data


@functools.cache
def _re2(pattern: str) -> Any:
    from cleanup.text.units import re2_compile

    return re2_compile(pattern)


def check_size(markup: str, long_tags: Iterable[int] | None = None) -> None:
    """Refuse markup over MAX_ELEMENTS tags or with a tag over MAX_ATTRIBUTES attributes.

    Both are counted on the markup, before libxml2 builds anything: a page of 3 M
    ``<p>`` took 100 s and 3.8 GB, and one tag of 50,000 attributes 11 s in the parser.
    ``long_tags``: where LONG_TAG_RE matches, when the caller knows (else it is searched).

    >>> check_size("<p>" * 10)
    >>> check_size("<div " + "a=1 " * 3 * MAX_ATTRIBUTES + ">")
    Traceback (most recent call last):
    ...
    cleanup.model.ExtractionError: a tag with over 1,000 attributes (limit MAX_ATTRIBUTES): not a page
    """
    if len(markup) > MAX_ELEMENTS and markup.count("<") > MAX_ELEMENTS:
        tags = START_TAG_RE.subn("", markup)[1]
        if tags > MAX_ELEMENTS:
            raise _too_many(tags)
    starts = (m.start() for m in LONG_TAG_RE.finditer(markup)) if long_tags is None else long_tags
    for start in starts:
        if attribute_count(markup, start) > MAX_ATTRIBUTES:
            raise ExtractionError(TOO_MANY_ATTRIBUTES_MESSAGE)


def _too_many(tags: int) -> ExtractionError:
    return ExtractionError(f"{tags:,} elements, over the limit of {MAX_ELEMENTS:,} (MAX_ELEMENTS): not a page")


TOO_MANY_ATTRIBUTES_MESSAGE = f"a tag with over {MAX_ATTRIBUTES:,} attributes (limit MAX_ATTRIBUTES): not a page"


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


def _parse(markup: str | bytes) -> tuple[Any, bool]:
    """Document element and whether libxml2 reported a resource limit (silent truncation).

    MemoryError when libxml2 could not allocate (under --max-memory): the batch
    reports the limit, not a parse error.

    Plain ``lxml.etree`` elements, not ``lxml.html`` ones: the html element-class lookup
    runs Python code for every element touched and cost a tenth of our time. Bytes are
    UTF-8 (a ``<meta charset>`` in them is not obeyed).
    """
    encoding = "utf-8" if isinstance(markup, bytes) else None
    parser = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True, encoding=encoding)
    try:
        doc = etree.fromstring(markup, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        if any(e.type_name == "ERR_NO_MEMORY" for e in parser.error_log):  # libxml2 says "unknown error"
            raise MemoryError("libxml2 ran out of memory parsing the page") from None
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
