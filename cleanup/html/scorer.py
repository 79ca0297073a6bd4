"""The article-container scorer: block weights summed per subtree in one iterative walk.

A block (paragraph, list item, text between <br>s) weighs its non-link characters when it
reads as prose, a small penalty when it is a short label and a negative share of its
length when it is mostly links. ``kept`` sums skip text under chrome marks (vocab.py). The
container is the subtree with the highest ``kept`` sum, narrowed to a child holding most of
its prose, plus prose siblings (readability's sibling step).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from lxml import etree

from cleanup.html.dom import body_of
from cleanup.html.vocab import BLOCK_TAGS, ChromeGroup

# Scorer weights (units: characters of text). Calibrated as a set on the ScrapingHub benchmark,
# each change checked on its even- and odd-indexed halves separately (bench/html_bench.py
# --half); do not tune one in isolation.
MAX_LINK_SHARE = 0.5  # link chars / all chars above which a block counts as navigation
LINK_PENALTY = 0.35  # weight per char of a link-heavy block (negative)
LIST_ITEM_FACTOR = 0.5  # prose in list items counts half: teaser lists are lists, stories are <p>
MIN_BLOCK_CHARS = 25  # non-link chars below which a block is a label, not prose
SHORT_BLOCK_WEIGHT = -3.0  # weight of one short label block
MIN_SCORER_WEIGHT = 250.0  # scorer weight below which we ask readability-lxml instead
RESCUE_SHARE = 0.5  # weak-chrome subtree holding this share of text is the article, not chrome
# ...unless it is a box (ChromeGroup.boxed: slider, player) and a chrome-free part holds this much
# prose: a story of its own (about 150 words) beside a slider that outweighs it.
OWN_ARTICLE_PROSE = 1000.0
DESCEND_SHARE = 0.7  # a child holding this share of the container's prose replaces it
# ...unless it is one paragraph or quote: a long one beside one-line paragraphs is part of the story
PARAGRAPH_TAGS = frozenset({"p", "blockquote"})
UNSURE_SHARE = 0.5  # ...a child holding 50-70% of it makes the scorer ask readability-lxml
SIBLING_PURITY = 0.8  # sibling's net weight / its prose weight: teaser lists fall below
SIBLING_SHARE = 0.2  # a sibling with this share of the container's weight joins it...
SIBLING_MIN_PROSE = 150.0  # ...or this much clean prose: about two sentences (readability uses 80)


class Score(NamedTuple):
    """Text weight of one subtree.

    ``raw`` sums all block weights, ``kept`` skips text under marked chrome, ``good``
    sums only the positive (prose) weights, i.e. roughly the subtree's paragraph text,
    and ``prose`` is the part of ``good`` outside marked chrome.
    """

    raw: float
    kept: float
    good: float
    prose: float


def block_weight(chars: int, link_chars: int) -> float:
    """Evidence that one block of text is prose: its non-link characters, or a penalty."""
    if chars <= 0:
        return 0.0
    if link_chars > MAX_LINK_SHARE * chars:
        return -LINK_PENALTY * chars
    if chars - link_chars < MIN_BLOCK_CHARS:
        return SHORT_BLOCK_WEIGHT
    return float(chars - link_chars)


# Block boundaries for scoring: table cells are not, so a data row is one block; <br> is.
SCORED_BLOCK_TAGS = (BLOCK_TAGS - {"td", "th"}) | {"br"}
COUNTED_TAGS = frozenset({"a", "li"})  # links and list items change how a segment weighs


def measure(root: Any, marks: dict[Any, ChromeGroup]) -> dict[Any, Score]:
    """Score of every element under ``root`` in one iterative post-order walk.

    Written for speed (doc/speed.md): it visits every element of the page. Sums are kept
    only for open elements that received weight (``sums``, by depth); the others (links,
    spans, menu items: most) share ``ZERO``. The additions happen in the same order as in a
    sum per element, so every ``Score`` is bit-identical to one (tests/test_shortcuts.py).
    """
    scores: dict[Any, Score] = {}
    sums: dict[int, list[float]] = {}  # depth -> [raw, kept, good, prose] of an open element holding weight
    depth = chars = links = marked = 0  # depth; the open text segment: chars, link chars, chars under a mark
    in_a = in_li = in_mark = 0  # open <a>, <li> and marked elements
    blocks, counted, new_score, zero = SCORED_BLOCK_TAGS, COUNTED_TAGS, _SCORE, ZERO
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if chars and tag in blocks:  # a block edge ends the segment, in the innermost open element
            _close_segment(sums, depth, chars, links, marked, in_li)
            chars = links = marked = 0
        if event == "start":
            depth += 1
            if tag in counted:
                in_a += tag == "a"
                in_li += tag == "li"
            in_mark += el in marks
            text = el.text
        else:
            own = sums.pop(depth, None)
            depth -= 1
            if own is None:
                scores[el] = zero
            else:
                scores[el] = new_score(Score, own)
                if (acc := sums.get(depth)) is None:
                    sums[depth] = own
                else:  # written out: an element holding weight ends about as often as a segment
                    acc[0], acc[1], acc[2], acc[3] = acc[0] + own[0], acc[1] + own[1], acc[2] + own[2], acc[3] + own[3]
            if tag in counted:
                in_a -= tag == "a"
                in_li -= tag == "li"
            in_mark -= el in marks
            text = el.tail
        if text:
            n = len(text.strip())
            chars += n
            if in_a:
                links += n
            if in_mark:
                marked += n
    return scores


def _close_segment(sums: dict[int, list[float]], depth: int, chars: int, links: int, marked: int, in_li: int) -> None:
    """Add one text segment's ``_segment_sums`` to the open element at ``depth`` (its list itself when
    it has none yet: 0.0 + x is x). Written out in one call per segment; its weight is never 0."""
    if links > MAX_LINK_SHARE * chars:
        w = -LINK_PENALTY * chars
    elif chars - links < MIN_BLOCK_CHARS:
        w = SHORT_BLOCK_WEIGHT
    else:
        w = float(chars - links) * LIST_ITEM_FACTOR if in_li else float(chars - links)
    good = w if w > 0.0 else 0.0
    kept, prose = ((w if w < 0.0 else 0.0), 0.0) if marked >= chars / 2 else (w, good)
    acc = sums.get(depth)
    if acc is None:
        sums[depth] = [w, kept, good, prose]
    else:
        acc[0], acc[1], acc[2], acc[3] = acc[0] + w, acc[1] + kept, acc[2] + good, acc[3] + prose


def _segment_sums(chars: int, links: int, marked: int, in_li: int) -> list[float]:
    """[raw, kept, good, prose] of one text segment: chrome's prose (half its characters under a
    mark) counts in neither kept nor prose. ``measure`` writes this out; tests/test_shortcuts.py
    checks it against this definition.

    >>> _segment_sums(100, 0, 0, 0), _segment_sums(100, 0, 60, 0), _segment_sums(10, 10, 0, 0)
    ([100.0, 100.0, 100.0, 100.0], [100.0, 0.0, 100.0, 0.0], [-3.5, -3.5, 0.0, 0.0])
    """
    w = _segment_weight(chars, links, in_li)
    chrome = marked >= chars / 2
    return [w, min(w, 0.0) if chrome else w, max(w, 0.0), 0.0 if chrome else max(w, 0.0)]


_SCORE = tuple.__new__  # Score(...) without the namedtuple's Python-level __new__
ZERO = Score(0.0, 0.0, 0.0, 0.0)  # the score of an element that closes no text segment


def _segment_weight(chars: int, links: int, in_li: int) -> float:
    """A text segment's block weight; prose in a list item counts LIST_ITEM_FACTOR of it."""
    w = block_weight(chars, links)
    return w * LIST_ITEM_FACTOR if w > 0 and in_li else w


def _best(scores: dict[Any, Score], key: str) -> Any:
    """Element with the highest score (the deeper one on ties: scores are in post-order)."""
    best, top = None, 0.0
    for el, score in scores.items():
        value = getattr(score, key)
        if value > top:
            best, top = el, value
    return best


def rescue_marks(
    doc: Any, marks: dict[Any, ChromeGroup], evidence: Sequence[Any] = ()
) -> tuple[dict, dict[Any, Score]]:
    """Unmark chrome that holds most of the page's prose: the mark names the article's wrapper.

    A weak mark goes when no chrome-free subtree holds half as much (nor, for a box, a story
    of its own: ``beside_a_story``); any mark goes when it
    is on or around an article container (``evidence``: ``<article>``, ``itemprop=
    articleBody`` ...) holding that share of the prose. Returns the marks and the scores.
    """
    body = body_of(doc)
    scores = measure(body, marks)
    floor = RESCUE_SHARE * scores[body].good if body in scores else 0.0
    best = _best(scores, "kept")
    found = scores[best].kept if best is not None else 0.0
    rescued = {
        el
        for el, group in marks.items()
        if not group.strong
        and el in scores
        and scores[el].good >= floor > 0
        and found < RESCUE_SHARE * scores[el].good
        and not beside_a_story(group, found)
    }
    for el in evidence:
        if el in scores and scores[el].good >= floor > 0:
            rescued.update(a for a in (el, *el.iterancestors()) if a in marks)
    if not rescued:
        return marks, scores
    marks = {el: group for el, group in marks.items() if el not in rescued}
    return marks, measure(body, marks)


def beside_a_story(group: ChromeGroup, rest: float) -> bool:
    """True when a box (a ``boxed`` group: slider, player, chart) stands beside ``rest`` prose
    enough for a story of its own: it stays chrome even when it outweighs the story.

    >>> slider, wrapper = ChromeGroup("gallery", "", boxed=True), ChromeGroup("aside", "")
    >>> beside_a_story(slider, 3680.0), beside_a_story(slider, 21.0), beside_a_story(wrapper, 3680.0)
    (True, False, False)
    """
    return group.boxed and rest >= OWN_ARTICLE_PROSE


def scorer_container(scores: dict[Any, Score]) -> Any:
    """Our article container: the subtree with the most prose weight outside chrome, or the
    element around it when that is a data table (``data_table``)."""
    best = _confident(_best(scores, "kept"), scores)
    while best is not None and data_table(best) and best.getparent() is not None:
        best = best.getparent()
    return best


def descend(el: Any, scores: dict[Any, Score]) -> Any:
    """Narrow a container to the child holding nearly all of its prose, repeatedly; never into
    a data table (``data_table``): its rows are one block of the article around it; never into
    one paragraph or quote (``PARAGRAPH_TAGS``, or a ``text_block``: a paragraph in a <div>):
    the short paragraphs beside it are the story's,
    and so are those beside the box it stands in alone (``_above_paragraph``).

    >>> quote, line = "A long quote, " * 40, "A short paragraph of the story. " * 3
    >>> story = etree.fromstring(f"<div><p>{line}</p><div><div><p>{quote}</p></div></div><p>{line}</p></div>")
    >>> descend(story, measure(story, {})) is story  # the quote's box holds 74 % of the prose
    True
    """
    top = el
    while True:
        floor = DESCEND_SHARE * scores[el].prose
        child = next((c for c in el.iterchildren(etree.Element) if c in scores and scores[c].prose >= floor > 0), None)
        if child is None or data_table(child):
            return el
        if child.tag in PARAGRAPH_TAGS or text_block(child):
            return _above_paragraph(child, top, scores)
        el = child


def text_block(el: Any) -> bool:
    """True for a <div> that is one paragraph written without <p>: text of its own and only
    inline children ("<div>One paragraph.</div>" between others of its kind); no <br> (a cell of
    an old table layout, paragraphs split by <br><br>, is the story). Direct children only: a
    page nested 100,000 deep is walked down once.

    >>> text_block(etree.fromstring("<div>Die Kosten <b>steigen</b>.</div>"))
    True
    >>> nested, wrapper = etree.fromstring("<div>Text<div>more</div></div>"), etree.fromstring("<div><p>x</p></div>")
    >>> text_block(nested), text_block(wrapper), text_block(etree.fromstring("<div>One.<br/><br/>Two.</div>"))
    (False, False, False)
    """
    if el.tag != "div" or not (el.text or "").strip():
        return False
    return all(c.tag not in BLOCK_TAGS and c.tag != "br" for c in el if isinstance(c.tag, str))


def _above_paragraph(paragraph: Any, top: Any, scores: dict[Any, Score]) -> Any:
    """The first element above ``paragraph`` (holding nearly all the prose it descended to), up to
    ``top``, that holds other prose: a paragraph in a box of its own (a long quote in "zitat-box" >
    "inner", a block editor's group) is one block of the story around the box. The paragraph's
    parent when none up to ``top`` holds more."""
    prose, anchor = scores[paragraph].prose, paragraph
    while anchor is not top and (parent := anchor.getparent()) is not None:
        anchor = parent
        if scores.get(anchor, ZERO).prose > prose:
            return anchor
    return paragraph.getparent()


# The parts of a table, and what in a cell makes the table page layout rather than data.
TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr")
DATA_TABLE_LAYOUT_SHARE = 0.1  # a data table may hold a few cells with a paragraph (a long note)
LAYOUT_CELL_XPATH = etree.XPath(
    "descendant::*[self::td or self::th][.//p or .//div or .//table or .//ul or .//ol or count(.//br) >= 4]"
)


def data_table(el: Any) -> bool:
    """True for a table (or a part of one) whose cells hold no blocks, or a few (one in ten):
    data rows, not layout.

    A list of films with a year and a description per row is the article's table, while a
    table whose cells hold paragraphs lays out an old page and its cell holds the article.

    >>> data_table(etree.fromstring("<table><tr><td>Groundhog Day</td><td>1993</td></tr></table>"))
    True
    >>> data_table(etree.fromstring("<table><tr><td><p>The story.</p><p>More.</p></td></tr></table>"))
    False
    """
    if el.tag not in TABLE_PARTS:
        return False
    cells = sum(1 for _ in el.iter("td", "th"))
    return cells > 0 and len(LAYOUT_CELL_XPATH(el)) <= cells * DATA_TABLE_LAYOUT_SHARE


def borderline(el: Any, scores: dict[Any, Score]) -> bool:
    """True when one child holds most but not enough of the prose to descend into it.

    The scorer cannot tell an article with a long aside from an article next to a teaser
    block; readability-lxml is asked then, and its pick is taken only inside ours.
    """
    floor = UNSURE_SHARE * scores[el].prose
    return any(c in scores and scores[c].prose >= floor > 0 for c in el.iterchildren(etree.Element))


def holds_most(inner: Any, outer: Any, scores: dict[Any, Score]) -> bool:
    """True when ``inner`` holds at least half (UNSURE_SHARE) of ``outer``'s prose: a narrower
    pick that keeps the article, not one paragraph of it.

    >>> scores = {"body": Score(0, 0, 0, 900.0), "story": Score(0, 0, 0, 600.0), "para": Score(0, 0, 0, 150.0)}
    >>> holds_most("story", "body", scores), holds_most("para", "body", scores)
    (True, False)
    """
    prose = scores[outer].prose if outer in scores else 0.0
    return inner in scores and scores[inner].prose >= UNSURE_SHARE * prose


def _confident(el: Any, scores: dict[Any, Score]) -> Any:
    """``el`` when its weight shows a real article, else None (readability decides)."""
    return el if el is not None and scores[el].raw >= MIN_SCORER_WEIGHT else None


def _wrapper_of(container: Any, top: Any, scores: dict[Any, Score]) -> Any:
    """Outermost ancestor below ``top`` adding no prose to the container (wrapper chain)."""
    anchor, parent = container, container.getparent()
    while (
        parent is not None
        and parent is not top
        and parent in scores
        and scores[parent].prose <= scores[container].prose
    ):
        anchor, parent = parent, parent.getparent()
    return anchor


def with_siblings(container: Any, top: Any, scores: dict[Any, Score]) -> tuple[Any, ...]:
    """The container plus clean prose siblings of it or of its wrappers below ``top``."""
    anchor = _wrapper_of(container, top, scores) if container is not top else container
    parent = anchor.getparent()
    if parent is None:
        return (container,)
    floor = min(SIBLING_SHARE * scores[container].kept, SIBLING_MIN_PROSE)
    kind = (anchor.tag, (anchor.get("class") or "").split()[:1])
    return tuple(
        container if el is anchor else el
        for el in parent.iterchildren(etree.Element)
        if el is anchor
        or (
            el in scores
            and scores[el].kept >= floor > 0
            and scores[el].kept >= SIBLING_PURITY * scores[el].good
            and (anchor is container or (el.tag, (el.get("class") or "").split()[:1]) == kind)
        )
    )
