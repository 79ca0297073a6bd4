"""The readability-lxml adapter: the container of the text readability-lxml picks, the only place
that imports readability. ``extract.generic_choice`` asks it when our scorer is unsure or finds nothing."""

from __future__ import annotations

import logging
import re
from typing import Any

import lxml.html
from lxml import etree

from cleanup.html.dom import body_of, common_ancestor, text_key
from cleanup.html.scorer import MIN_BLOCK_CHARS

# Tags readability-lxml keeps or makes (it turns text-only divs into <p>) and we match on.
READABILITY_BLOCKS = ("p", "pre", "li", "td", "div", "blockquote", "dd")
# readability-lxml slows to seconds on pathological nesting; real pages stay far below this.
READABILITY_MAX_DEPTH = 256
# Attribute values this long hold no text; readability-lxml's cleaner unquotes
# every URL-ish value, which took 2 s on one with a 1 MB href (bench/soak.py seed 9803).
HUGE_ATTRIBUTE_RE = re.compile(r"""(\s[\w:.-]+)=(?:"[^"]{4000,}"|'[^']{4000,}')""")


def readability_container(doc: Any) -> Any:
    """Container of the text readability-lxml picks (the one adapter; slow, so used rarely).

    readability-lxml logs "error getting summary:" and a traceback when it gives up
    on a page; with no logging set up, Python printed that on stderr (even under
    ``-q``). Giving up is an answer here (the next extractor takes the page), and
    the library prints nothing: its logger keeps its records to itself.
    """
    from readability import Document

    quiet = logging.getLogger("readability")
    if not quiet.handlers:
        quiet.addHandler(logging.NullHandler())
        quiet.propagate = False

    if _deeper_than(doc, READABILITY_MAX_DEPTH):
        return None
    try:
        for el in (doc, body_of(doc)):  # readability drops [hidden] elements and asserts a parent
            el.attrib.pop("hidden", None)
            el.attrib.pop("style", None)
        markup = HUGE_ATTRIBUTE_RE.sub(r"\1", etree.tostring(doc, encoding="unicode", method="html"))
        summary = Document(markup).summary(html_partial=True)
        found = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception as exc:  # readability raises Unparseable and lxml errors of its own
        if isinstance(exc, MemoryError) or isinstance(exc.__context__, MemoryError):
            raise MemoryError("readability-lxml ran out of memory") from None  # the page is past --max-memory
        return None
    return _locate(doc, [text_key(el) for el in found.iter(*READABILITY_BLOCKS)])


def _deeper_than(doc: Any, limit: int) -> bool:
    """True when elements nest more than ``limit`` levels (iterative walk, stops early)."""
    depth = 0
    for event, _ in etree.iterwalk(doc, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > limit:
            return True
    return False


def _locate(doc: Any, wanted: list[str]) -> Any:
    """Lowest element of ``doc`` holding the first and last block texts found in ``wanted``."""
    index = {}
    for el in body_of(doc).iter(*READABILITY_BLOCKS):
        index[text_key(el)] = el  # last wins: the innermost element with that text
    hits = [index[t] for t in wanted if len(t) >= MIN_BLOCK_CHARS and t in index]
    return common_ancestor(hits[0], hits[-1]) if hits else None
