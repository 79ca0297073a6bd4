"""DOM -> Lines: the blocks under an article container as ``Line`` values in reading order.

Block tags start a new line; table rows used for data become one line with their cells
joined by " | ", while rows used for page layout are read as blocks; each line keeps
the share of its characters that sit in links.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from cleanup.html.dom import norm
from cleanup.html.vocab import BLOCK_TAGS, REPORTED_TAGS
from cleanup.model import Line, Removal
from cleanup.text.phrases import is_bare_heading

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


def _line(parts: list[str], chars: int, link_chars: int, no: int, tags: list[str]) -> Line | None:
    """The Line of one block's text ``parts`` (None when blank): ``chars`` of them not white space,
    ``link_chars`` of those in links, first source line ``no``, under the open block ``tags``."""
    raw = "".join(parts)
    text = raw.strip("\n\r ") if "pre" in tags else norm(raw)
    share = link_chars / chars if chars else 0.0
    return Line(no=no, text=text, tag=_line_tag(tags), link_share=round(share, 3)) if text else None


def _line_tag(tags: list[str]) -> str:
    """Line.tag for the open block tags: a <p> inside a list item or quote reports the item."""
    if not tags:
        return "p"
    if tags[-1] == "p" and len(tags) > 1 and tags[-2] in ITEM_TAGS:
        return tags[-2]
    return tags[-1]


def lines_of(root: Any) -> list[Line]:
    """Blocks under ``root`` as Lines in reading order; table rows as cells joined by ' | '.

    Written for speed (it reads every element of the article): the block being read is kept in
    local variables, and an element's source line is read only for a block's first piece.
    """
    layout, lines, tags, parts = _layout_rows(root), list[Line](), list[str](), list[str]()
    chars = link_chars = no = links = cells = 0  # the block: characters, link characters, line; open <a>s; cells

    def flush() -> None:  # called at a block edge with text read since the last one (most edges have none)
        nonlocal parts, chars, link_chars, no
        line = _line(parts, chars, link_chars, no, tags)
        if line is not None:
            lines.append(line)
        parts, chars, link_chars, no = [], 0, 0, 0

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag  # read once: lxml builds a new str at every read
        data_cell = tag in CELL_TAGS and el.getparent() not in layout
        is_block = (tag in BLOCK_TAGS and not data_cell) or tag == "br"
        reported = tag in REPORTED_TAGS and el not in layout
        if event == "start":
            if is_block and parts:
                flush()
            if reported:
                tags.append(tag)
            cells = 0 if tag == "tr" else cells
            if data_cell and cells:
                parts.append(" | ")
                chars += 1
                no = no or (el.sourceline or 0)
            cells += data_cell
            links += tag == "a"
            text = el.text
        else:
            links -= tag == "a"
            if is_block and parts:
                flush()
            if reported:
                tags.pop()
            text = el.tail
        if text:  # (most elements have no text or tail)
            parts.append(text)
            n = len(text.strip())
            chars += n
            link_chars += n if links > 0 else 0
            no = no or (el.sourceline or 0)
    if parts:
        flush()
    return lines


# Link runs: menus and lists of other stories inside the container (rule link-list).
LIST_HEADING_REASON = "heading of a removed link list"
SUBHEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
MAX_LINE_LINK_SHARE = 0.8  # link chars / all chars of a line above which it is a link, not prose
READ_ALSO_REASON = "related-stories label before a link to another story"
WORD_END_RE = re.compile(r"(?<=\S)(?=\s)")
MAX_LABEL_WORDS = 6  # a read-also label is a short heading ("Lesen Sie dazu auch")
READ_ALSO_MIN_LINK_SHARE = 0.5  # the link to the other story is at least as long as the label
PREFIX_SEPARATORS = (":", "|", "»", "›", ">", "→", "▶", "-", "–", "—")
LABEL_SLACK = 2  # characters: the label's length is read from the line's link share, rounded


def drop_link_lines(lines: list[Line], rules_dirs: tuple[str, ...] = ()) -> tuple[list[Line], list[Removal]]:
    """Remove runs of lines that are (almost) all link text: link lists, menus, 'Read more' runs,
    and the heading over such a run (``_list_heading``).

    A single linked line between prose lines stays: product names and linked subheads in
    round-up articles are article text.
    """
    linky = [line.link_share >= MAX_LINE_LINK_SHARE and line.tag != "pre" for line in lines]
    runs = [linky[i] and ((i > 0 and linky[i - 1]) or (i + 1 < len(lines) and linky[i + 1])) for i in range(len(lines))]
    kept, removed = [], []
    for i, line in enumerate(lines):
        end = line.end or line.no
        if runs[i]:
            removed.append(Removal("link-list", "run of link-only lines", line.text, line.no, end, node=line.tag))
        elif _list_heading(lines, runs, i, rules_dirs):
            removed.append(Removal("link-list", LIST_HEADING_REASON, line.text, line.no, end, node=line.tag))
        elif line.link_share >= READ_ALSO_MIN_LINK_SHARE and read_also_link(line, rules_dirs):
            removed.append(Removal("link-list", READ_ALSO_REASON, line.text, line.no, end, node=line.tag))
        else:
            kept.append(line)
    return kept, removed


def read_also_link(line: Line, rules_dirs: tuple[str, ...] = ()) -> bool:
    """True for a line that is a related-stories label of the language packs, then a link to the
    other story, with no separator between ("<b>LEGGI ANCHE</b> <a>Nuovo parcheggio …</a>"): the
    label is the line's text outside the link. With a separator, the packs' ``related`` prefix
    phrases find it in any markup ("Lesen Sie auch: …").

    >>> read_also_link(Line(1, "LEGGI ANCHE Nuovo parcheggio in stazione", link_share=0.725))
    True
    >>> read_also_link(Line(1, "Leggi anche il parere della Regione", link_share=0.6))  # label is prose
    False
    """
    label_chars = round(len(line.text) * (1 - line.link_share))
    ends = [m.start() for m in WORD_END_RE.finditer(line.text)][:MAX_LABEL_WORDS]
    return any(
        abs(end - label_chars) <= LABEL_SLACK
        and not line.text[:end].endswith(PREFIX_SEPARATORS)  # the packs' prefix rule names those
        and is_bare_heading(line.text[:end], rules_dirs)
        for end in ends
    )


def _list_heading(lines: list[Line], runs: list[bool], i: int, rules_dirs: tuple[str, ...] = ()) -> bool:
    """True for a heading whose section is only a run of link lines ("Weitere Ratgeber" over its list),
    or for a related-stories heading of the language packs right over such a run, whatever its tag
    and whatever follows the run (a "Mehr zum Thema" or "Te puede interesar" box inside the story:
    left behind, it read as a subheading over the story's next paragraph).

    The section runs to the next heading of the same level or higher, or to the end.
    """
    if i + 1 >= len(lines) or not runs[i + 1]:
        return False
    if is_bare_heading(lines[i].text, rules_dirs):
        return True
    if lines[i].tag not in SUBHEADING_TAGS:
        return False
    level = lines[i].tag
    for j in range(i + 1, len(lines)):
        if lines[j].tag in SUBHEADING_TAGS and lines[j].tag <= level:
            return True  # "h2" <= "h3": a heading as high or higher closes the section
        if not runs[j]:
            return False
    return True
