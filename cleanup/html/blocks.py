"""DOM blocks of one page by class/id path, for ``cleanup learn`` (``sites/learn_dom.py``).

The chrome of a site sits in the same containers on every page (``div#sidebar``,
``div[@class='share-tools']``); the learner needs, per page, which of those
paths hold which of the lines the generic extractor kept. Every element with a
usable id gives the path ``//tag[@id='x']``; an element with a class gives
``//tag[@class='c']`` and, for each ancestor with a usable id,
``//atag[@id='a']//tag[@class='c']``. Each path is an XPath a site file can
hold, and an element belongs to a path exactly when that XPath selects it, so
what the learner counts is what the rule will do. Only the summary of each path
is kept (which kept lines it holds, how much text), not the page.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from cleanup.html.dom import body_of, norm
from cleanup.html.extract import drop_invisible
from cleanup.html.parse import parse_html
from cleanup.model import CleanupError

# An id or class value with a run of digits this long names one page's item
# (post-48213, comment-7), not a container the site's pages share.
PAGE_NUMBER_RE = re.compile(r"\d{3}")
MAX_NAME_CHARS = 80  # longer id/class values are generated, not written by the site's designers
EXAMPLE_CHARS = 60
MAX_WORDS = 200
WORD_RE = re.compile(r"\w+")
SAMPLE_CHARS = 20 * MAX_WORDS  # the text read for a block's sample and words
# Kept lines up to this long are found by exact lookup; longer ones by their first this many characters.
PREFIX_CHARS = 64
QUOTES = frozenset("'\"")
# Lines and blocks are compared without whitespace and cell separators: itertext() joins
# blocks with no space between them, and a table row's line joins its cells with " | ".
SQUEEZE_RE = re.compile(r"[\s|]+")
PAGE_TAGS = frozenset({"html", "body"})  # every element is under them: a step through them selects nothing less
TAG_RE = re.compile(r"[a-z][a-z0-9]*")  # plain HTML tags (no prefix an XPath would read as a namespace)


@dataclass(frozen=True)
class BlockHit:
    """What one path selects on one page: the kept lines inside it, its characters, a sample."""

    covers: frozenset[int]  # indices of the page's kept lines the selected elements hold every copy of
    touches: frozenset[int]  # indices of the page's kept lines the selected elements hold a copy of
    chars: int  # visible characters of the selected elements (outermost only)
    example: str
    words: frozenset[str] = frozenset()  # its first MAX_WORDS words, lower-cased: is its text a template?
    # (example and words are read only when the block holds kept lines)


def usable(value: str | None) -> str | None:
    """An id or class value fit for a learned rule: short, no quotes, no page number; else None.

    >>> usable("  related-content  box ")
    'related-content box'
    >>> usable("post-48213") is None
    True
    """
    value = norm(value)
    if not value or len(value) > MAX_NAME_CHARS or QUOTES.intersection(value) or PAGE_NUMBER_RE.search(value):
        return None
    return value


def id_step(el: Any) -> str | None:
    """``tag[@id='x']`` for an element with a usable id (as written), else None."""
    value = el.get("id")
    if value is None or not isinstance(el.tag, str) or not TAG_RE.fullmatch(el.tag) or usable(value) != value:
        return None
    return f"{el.tag}[@id='{value}']"


def paths_of(el: Any, above: Sequence[str] | None = None) -> Iterator[str]:
    """Every learned-rule XPath that selects ``el`` (see the module docstring).

    ``above`` are the id steps of its ancestors (read from the tree when not given).

    >>> from lxml import etree
    >>> doc = etree.fromstring("<div id='side'><p><span class='tools'>x</span></p></div>")
    >>> list(paths_of(doc.find('.//span')))
    ["//span[@class='tools']", "//div[@id='side']//span[@class='tools']"]
    """
    own = id_step(el)
    if own is not None:
        yield "//" + own
        return
    cls = el.get("class")
    if cls is None or not TAG_RE.fullmatch(el.tag) or usable(cls) != cls:
        return  # @class='...' compares the raw value: only values without stray spaces
    step = f"{el.tag}[@class='{cls}']"
    yield "//" + step
    if above is None:
        above = [s for s in map(id_step, el.iterancestors()) if s is not None and s.split("[")[0] not in PAGE_TAGS]
    for anc in above:
        yield f"//{anc}//{step}"


def _paths(body: Any) -> dict[str, list[Any]]:
    """The elements under ``body`` by path, in document order (one walk, ancestors' id steps on a stack)."""
    groups: dict[str, list[Any]] = {}
    stack: list[str | None] = []
    for event, el in etree.iterwalk(body, events=("start", "end")):
        if event == "end":
            stack.pop()
            continue
        if el is not body and isinstance(el.tag, str):
            for path in paths_of(el, [s for s in reversed(stack) if s is not None]):
                groups.setdefault(path, []).append(el)
        stack.append(id_step(el) if el is not body else None)
    return groups


def block_hits(markup: str, kept: Sequence[str]) -> dict[str, BlockHit]:
    """Every path of the page with visible text, and which of the ``kept`` lines it holds.

    The page's text is laid out once (``_layout``); each element is a span of it, each
    copy of a kept line a span too (``copies``), so a path holds a copy when the copy
    lies inside one of its outermost elements. Linear in the page, plus the copies each
    path holds. A page that cannot be parsed gives no paths (the learner then counts it
    for the text rules only).
    """
    try:
        doc = parse_html(markup)
    except CleanupError:
        return {}
    drop_invisible(doc)
    body = body_of(doc)
    layout = _layout(body)
    found = copies(layout, [SQUEEZE_RE.sub("", t) for t in kept])
    starts = [c[0] for c in found]
    everywhere = Counter(i for _, _, i in found)
    hits = {}
    for path, els in _paths(body).items():
        top = _outermost(els, layout.spans)
        chars = sum(layout.spans[el][1] - layout.spans[el][0] for el in top)
        if chars:
            held = Counter(i for el in top for i in _inside(found, starts, layout.spans[el]))
            covers = frozenset(i for i, c in held.items() if c >= everywhere[i])
            touches = frozenset(held)
            # Only a block holding kept lines needs a sample and its words (most paths hold none).
            hits[path] = _hit(top, covers, touches, chars) if touches else BlockHit(covers, touches, chars, "")
    return hits


@dataclass(frozen=True)
class Layout:
    """A page's text without whitespace, each element's span of it, and where its text nodes start and end."""

    text: str
    spans: dict[Any, tuple[int, int]]
    starts: tuple[int, ...]  # ascending
    ends: frozenset[int]


def _layout(body: Any) -> Layout:
    """The text of ``body`` as ``text_of`` reads it, squeezed, with every element's span, in one walk."""
    pieces: list[str] = []
    spans: dict[Any, tuple[int, int]] = {}
    starts: list[int] = []
    ends: set[int] = set()
    size = 0
    todo: list[tuple[Any, bool]] = [(body, False)]
    while todo:
        el, closing = todo.pop()
        if isinstance(el.tag, str) and not closing:
            spans[el] = (size, size)
            todo.append((el, True))
            todo.extend((child, False) for child in reversed(el))
            text = el.text
        else:  # an element's end, or a comment or processing instruction: only its tail is text
            if closing:
                spans[el] = (spans[el][0], size)
            text = el.tail if el is not body else None
        piece = SQUEEZE_RE.sub("", text) if text else ""
        if piece:
            starts.append(size)
            pieces.append(piece)
            size += len(piece)
            ends.add(size)
    return Layout("".join(pieces), spans, tuple(starts), frozenset(ends))


def copies(layout: Layout, lines: Sequence[str]) -> list[tuple[int, int, int]]:
    """(start, end, line index) of every copy of the squeezed ``lines`` in the page's text, by start.

    A copy is a run of whole text nodes (``runs``). A line with no such copy (the HTML
    stage rewrote a node) is searched as plain text, as a last resort.

    >>> from lxml import etree
    >>> page = _layout(etree.fromstring("<div><p>Share</p><p>Shareholders <b>met</b></p><p>Share</p></div>"))
    >>> copies(page, ["Share", "Shareholdersmet", "holders"])
    [(0, 5, 0), (5, 20, 1), (10, 17, 2), (20, 25, 0)]
    """
    by_text: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line:
            by_text.setdefault(line, []).append(i)
    at = runs(layout, frozenset(by_text))
    out: list[tuple[int, int, int]] = []
    for line, indices in by_text.items():
        where = at.get(line) or list(_substrings(layout.text, line))
        out.extend((b, b + len(line), i) for b in where for i in indices)
    return sorted(out)


def runs(layout: Layout, lines: frozenset[str]) -> dict[str, list[int]]:
    """Where each of ``lines`` is a run of whole text nodes: starts by line.

    Lines of up to ``PREFIX_CHARS`` are looked up at each node start for each node
    end close enough; longer ones by their first ``PREFIX_CHARS``, then checked whole.
    """
    text, ends = layout.text, sorted(layout.ends)
    short = frozenset(t for t in lines if len(t) <= PREFIX_CHARS)
    reach = max(map(len, short), default=0)
    long_by_prefix: dict[str, list[str]] = {}
    for t in lines - short:
        long_by_prefix.setdefault(t[:PREFIX_CHARS], []).append(t)
    at: dict[str, list[int]] = {}
    for b in layout.starts:
        for e in ends[bisect_right(ends, b) : bisect_right(ends, b + reach)]:
            if text[b:e] in short:
                at.setdefault(text[b:e], []).append(b)
        for t in long_by_prefix.get(text[b : b + PREFIX_CHARS], ()) if long_by_prefix else ():
            if b + len(t) in layout.ends and text.startswith(t, b):
                at.setdefault(t, []).append(b)
    return at


def _substrings(text: str, line: str) -> Iterator[int]:
    """Starts of the non-overlapping copies of ``line`` in ``text`` (as ``str.count`` counts them)."""
    b = text.find(line)
    while b >= 0:
        yield b
        b = text.find(line, b + len(line))


def _outermost(els: list[Any], spans: dict[Any, tuple[int, int]]) -> list[Any]:
    """The elements of ``els`` (document order) not inside an earlier one.

    In document order an element starting before the last one kept ends is inside it
    (an empty element at its end may be taken for outermost: it adds no text).
    """
    top: list[Any] = []
    end = -1
    for el in els:
        lo, hi = spans[el]
        if lo >= end:
            top.append(el)
            end = hi
    return top


def _inside(found: list[tuple[int, int, int]], starts: list[int], span: tuple[int, int]) -> Iterator[int]:
    """The line indices of the copies within ``span`` (``found`` sorted, ``starts`` its starts)."""
    lo, hi = span
    for k in range(bisect_left(starts, lo), bisect_left(starts, hi)):
        if found[k][1] <= hi:
            yield found[k][2]


def _hit(top: list[Any], covers: frozenset[int], touches: frozenset[int], chars: int) -> BlockHit:
    """The summary of the elements one path selects (their first characters only: a container may be the page)."""
    plain = " ".join(norm(" ".join(_first(el, SAMPLE_CHARS))) for el in top[:3])  # a space between blocks
    words = frozenset(w.lower() for w in WORD_RE.findall(plain[:SAMPLE_CHARS])[:MAX_WORDS])
    return BlockHit(covers, touches, chars, plain[:EXAMPLE_CHARS], words)


def _first(el: Any, limit: int) -> Iterator[str]:
    """The text pieces of ``el`` until ``limit`` characters that are not whitespace (then its first
    ``limit`` characters with whitespace collapsed are all read)."""
    seen = 0
    for piece in el.itertext():
        yield piece
        seen += len(piece) - sum(map(piece.count, " \t\n\r\f\v"))
        if seen >= limit:
            return
