"""Byline and date from the article's header: the short blocks right above the body container.

Many pages declare neither in meta tags nor JSON-LD, and show them in a line
above the body, outside the container the scorer picks ("Von Anna Schmidt |
12. März 2024", "15.04.2024 | Autor: Katarzyna Nowak", a Blogger date header).
The text rules know such lines in every pack language (``text.lines.byline``
and ``date_line``); this module hands them the header's short blocks, nearest
first, each whole and split at its separators. The pipeline normalises what
it finds as it does a byline or date line of the body (names only, ISO 8601).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from lxml import etree

from cleanup.html.dom import short_text
from cleanup.model import Line, Removal
from cleanup.text.lines import byline, date_line, dated_byline

# Blocks of at most this many characters can be a byline or date line (a paragraph is not).
MAX_HEADER_LINE_CHARS = 160
# How far up to look: the blocks before the container and before this many of its wrappers ...
HEADER_LEVELS = 3
# ... and at most this many blocks, nearest first.
MAX_HEADER_BLOCKS = 12
# Separators inside one header line: "Von Anna Schmidt | 12. März 2024".
PART_SPLIT_RE = re.compile(r"\s+[|•·–—]\s+|\s*\|\s*")
ARTICLE_META = "article-meta"  # the chrome group of byline and date blocks (vocab.toml)
# Chrome marks a header line may carry: a metadata block, the article's own header.
HEADER_GROUPS = frozenset({"article-meta", "page-header"})
# How deep and wide the blocks of one header sibling are looked at.
MAX_BLOCK_DEPTH = 4
MAX_CHILDREN = 20
# A sibling with this many subheadings is a list of teasers, not the article's header.
SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")
MIN_TEASER_HEADINGS = 2
BLOCK_TAGS = frozenset({"p", "div", "span", "time", "address", "h2", "h3", "h4", "h5", "h6", "li", "small", "abbr"})


def page_metadata(
    container: Any, marks: Mapping[Any, Any], removed: Iterable[Removal]
) -> tuple[str | None, str | None]:
    """(byline line, date line): the article's own metadata blocks taken out of the body (``removed``
    as ``article-meta``), else the header's (``header_metadata``); each None when there is none."""
    inside = metadata_lines(r.text for r in removed if r.rule == ARTICLE_META and len(r.text) <= MAX_HEADER_LINE_CHARS)
    if inside[0] is not None and inside[1] is not None:
        return inside
    above = header_metadata(container, marks)
    return inside[0] or above[0], inside[1] or above[1]


def header_metadata(container: Any, marks: Mapping[Any, Any]) -> tuple[str | None, str | None]:
    """(byline line, date line) found in the short blocks above ``container``, each None when none is.

    Blocks marked as chrome (``marks``: a related box, a sidebar, navigation) are passed over: a
    teaser's "By John Roe" is another story's byline.

    >>> doc = etree.fromstring("<article><h1>T</h1><p>Von Anna Schmidt | 12. März 2024</p><div id='b'/></article>")
    >>> header_metadata(doc.find(".//div"), {})
    ('Von Anna Schmidt', '12. März 2024')
    """
    return metadata_lines(_header_lines(container, marks))


def metadata_lines(texts: Iterable[str]) -> tuple[str | None, str | None]:
    """(byline line, date line): the first of ``texts``, each whole or split at its separators, that is one.

    >>> metadata_lines(["Share", "By Jane Doe · 4 min read"])
    ('By Jane Doe · 4 min read', None)
    """
    found_byline: str | None = None
    found_date: str | None = None
    for text in texts:
        for part in (text, *PART_SPLIT_RE.split(text)):
            line = Line(0, part.strip())
            if found_byline is None and line.text and byline(line):
                dated = dated_byline(line.text)  # "Von Anna Schmidt | 12. März 2024": names, then the date
                found_byline = line.text if dated is None else dated[0]
                found_date = found_date if dated is None else found_date or dated[1]
            elif found_date is None and line.text and date_line(line):
                found_date = line.text
        if found_byline is not None and found_date is not None:
            break
    return found_byline, found_date


def _header_lines(container: Any, marks: Mapping[Any, Any]) -> Iterator[str]:
    """Texts of the innermost short blocks before ``container`` and its wrappers, nearest first.

    The article's header ends at its headline: past the level that holds the h1, the blocks
    before belong to the page (a column of other stories' teasers), and are not looked at. A
    block holding two headings or more is a list of teasers; the h1 itself is the headline.
    """
    el, seen = container, 0
    for _ in range(HEADER_LEVELS):
        if el.getparent() is None or el.tag == "body":
            return
        headline = False
        for sibling in el.itersiblings(etree.Element, preceding=True):
            headline = headline or next(sibling.iter("h1"), None) is not None  # iter() holds the sibling too
            teasers = itertools.islice(sibling.iter(*SUBHEADINGS), MIN_TEASER_HEADINGS)  # stop at the second
            if _chrome(sibling, marks) or len(list(teasers)) == MIN_TEASER_HEADINGS:
                continue
            for block in reversed(list(_short_blocks(sibling, marks))):
                yield block
                seen += 1
                if seen >= MAX_HEADER_BLOCKS:
                    return
        if headline:
            return
        el = el.getparent()


def _short_blocks(el: Any, marks: Mapping[Any, Any], depth: int = 0) -> Iterator[str]:
    """The short texts of ``el``: itself when short, else its block children's, in document order.

    Bounded: at most MAX_BLOCK_DEPTH levels down and MAX_CHILDREN children a level, and a text is
    read only up to the length that makes it too long (a deep or wide tree costs no more).
    """
    if el.tag == "h1":
        return
    text = short_text(el, MAX_HEADER_LINE_CHARS, 2 * MAX_HEADER_LINE_CHARS)
    if text:
        yield text
        return
    if text is None and depth < MAX_BLOCK_DEPTH:
        for n, child in enumerate(el.iterchildren(etree.Element)):
            if n >= MAX_CHILDREN:
                return
            if child.tag in BLOCK_TAGS and not _chrome(child, marks):
                yield from _short_blocks(child, marks, depth + 1)


def _chrome(el: Any, marks: Mapping[Any, Any]) -> bool:
    """True for a block marked as chrome other than a metadata block or the article's header."""
    group = marks.get(el)
    return group is not None and group.rule not in HEADER_GROUPS
