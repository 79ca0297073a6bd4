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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from cleanup.html.dom import body_of, norm, outermost, text_of
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

    A page that cannot be parsed gives no paths (the learner then counts it for the text rules only).
    """
    try:
        doc = parse_html(markup)
    except CleanupError:
        return {}
    drop_invisible(doc)
    body = body_of(doc)
    groups = _paths(body)
    lines = [SQUEEZE_RE.sub("", t) for t in kept]
    texts: dict[Any, str] = {}
    everywhere = [_text(body, texts).count(line) if line else 0 for line in lines]
    hits = {}
    for path, found in groups.items():
        top = outermost(found) if len(found) > 1 else found
        text = "".join(_text(el, texts) for el in top)
        if text:
            copies = [text.count(line) if line else 0 for line in lines]
            covers = frozenset(i for i, c in enumerate(copies) if c and c >= everywhere[i])
            touches = frozenset(i for i, c in enumerate(copies) if c)
            # Only a block holding kept lines needs a sample and its words (most paths hold none).
            hits[path] = _hit(top, covers, touches, len(text)) if touches else BlockHit(covers, touches, len(text), "")
    return hits


def _hit(top: list[Any], covers: frozenset[int], touches: frozenset[int], chars: int) -> BlockHit:
    """The summary of the elements one path selects."""
    plain = " ".join(norm(" ".join(el.itertext())) for el in top[:3])  # a space between blocks, for the example
    words = frozenset(w.lower() for w in WORD_RE.findall(plain[: 20 * MAX_WORDS])[:MAX_WORDS])
    return BlockHit(covers, touches, chars, plain[:EXAMPLE_CHARS], words)


def _text(el: Any, memo: dict[Any, str]) -> str:
    """The text of ``el`` without whitespace or cell separators, read once per element."""
    if el not in memo:
        memo[el] = SQUEEZE_RE.sub("", text_of(el))
    return memo[el]
