"""DOM -> Lines: the blocks under an article container as ``Line`` values in reading order.

Block tags start a new line; table rows used for data become one line with their cells
joined by " | ", while rows used for page layout are read as blocks; each line keeps
the share of its characters that sit in links.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from cleanup.html.dom import norm
from cleanup.html.vocab import BLOCK_TAGS, REPORTED_TAGS
from cleanup.model import Line

# Descendants that make a table cell a layout box rather than a data cell.
CELL_BLOCK_TAGS = ("p", "div", "table", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "section", "article")


CELL_TAGS = frozenset({"td", "th"})

# Blocks whose inner paragraphs are reported with the block's tag (<li><p>..</p></li> is "li").
ITEM_TAGS = frozenset({"li", "blockquote", "dd", "dt"})


def _layout_rows(root: Any) -> set[Any]:
    """Table rows used for page layout (a cell holds paragraphs or tables), not data."""
    rows = set()
    for cell in root.iter("td", "th"):
        if any(el is not cell for el in cell.iter(*CELL_BLOCK_TAGS)):
            row = cell.getparent()
            rows.add(row if row is not None else cell)
    return rows


@dataclass
class _Buffer:
    """Text of the block being read, with its link characters and first source line."""

    parts: list[str]
    chars: int = 0
    link_chars: int = 0
    no: int = 0

    def add(self, text: str | None, in_link: bool, no: int | None) -> None:
        """Append one text piece."""
        if not text:
            return
        self.parts.append(text)
        n = len(text.strip())
        self.chars += n
        self.link_chars += n if in_link else 0
        self.no = self.no or (no or 0)

    def take(self, tag: str, keep_space: bool) -> Line | None:
        """The buffered text as a Line (None when blank); empties the buffer."""
        raw = "".join(self.parts)
        text = raw.strip("\n\r ") if keep_space else norm(raw)
        share = self.link_chars / self.chars if self.chars else 0.0
        line = Line(no=self.no, text=text, tag=tag, link_share=round(share, 3)) if text else None
        self.parts, self.chars, self.link_chars, self.no = [], 0, 0, 0
        return line


def _line_tag(tags: list[str]) -> str:
    """Line.tag for the open block tags: a <p> inside a list item or quote reports the item."""
    if not tags:
        return "p"
    if tags[-1] == "p" and len(tags) > 1 and tags[-2] in ITEM_TAGS:
        return tags[-2]
    return tags[-1]


def lines_of(root: Any) -> list[Line]:
    """Blocks under ``root`` as Lines in reading order; table rows as cells joined by ' | '."""
    layout, lines, tags = _layout_rows(root), list[Line](), list[str]()
    buf, links, cells = _Buffer([]), 0, 0

    def flush() -> None:
        line = buf.take(_line_tag(tags), "pre" in tags)
        if line is not None:
            lines.append(line)

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag  # read once: lxml builds a new str at every read
        data_cell = tag in CELL_TAGS and el.getparent() not in layout
        is_block = (tag in BLOCK_TAGS and not data_cell) or tag == "br"
        reported = tag in REPORTED_TAGS and el not in layout
        if event == "start":
            if is_block:
                flush()
            if reported:
                tags.append(tag)
            cells = 0 if tag == "tr" else cells
            if data_cell and cells:
                buf.add(" | ", False, el.sourceline)
            cells += data_cell
            links += tag == "a"
            buf.add(el.text, links > 0, el.sourceline)
            continue
        links -= tag == "a"
        if is_block:
            flush()
        if reported:
            tags.pop()
        buf.add(el.tail, links > 0, el.sourceline)
    flush()
    return lines
