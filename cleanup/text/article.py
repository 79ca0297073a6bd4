"""Find the article in a full-page text dump: the main run of prose.

A text dump of a whole page holds menus, headers and footers around the
story. Each unit gets a value: a prose unit is worth its length, any other
unit costs a fixed penalty, and units already dropped by other rules are
neutral. The article is the run of units with the largest total (the
maximum-subarray idea of Finn et al.'s Body Text Extraction, on lines instead
of tokens). Short units inside the run (subheadings, list items, one-line
paragraphs) stay; everything before and after it goes. The headline that
repeats the page <title> pulls the run towards it; when no prose follows it
but a data list does (a calendar, results), that list is the article.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Sequence

from cleanup.model import Line
from cleanup.text.about import past_notice
from cleanup.text.article_end import MIN_ROW_NUMBERS, RELATED_REASON, extend_end, number_count, run_end
from cleanup.text.blocks import (
    CJK_WEIGHT,
    ends_like_sentence,
    is_prose,
    is_title_case,
    weight,
    words_of,
)
from cleanup.text.headline import MAX_TITLE_WORDS, _title_plan, is_headline, title_head, title_repeats
from cleanup.text.registry import TEXT, Span, block_rule
from cleanup.text.story_lists import (
    ANCHOR_LOOKAHEAD,
    MIN_HEADLINE_LIST_ROWS,
    data_list_under,
    past_inner_lists,
    prose_after_list,
)
from cleanup.text.units import as_units

# Cost of a non-prose unit, in characters of prose: a nav menu of 20 items
# costs 20 * NON_PROSE_COST and separates two prose runs unless they are long.
NON_PROSE_COST = 40
# Cheaper non-prose: sentence-case units of MIN_SENTENCE_LIKE_CHARS or more
# (about 20 % of such units in the benchmark dumps are article text, against
# 3 % of short or Title-Case units).
MIN_SENTENCE_LIKE_CHARS = 30
PHRASE_COST = 25
SENTENCE_LIKE_COST = 15
# Pages with less prose than this are kept whole: we cannot tell the article
# from the chrome, and keeping everything loses nothing.
MIN_ARTICLE_WEIGHT = 200
# The headline that repeats the page <title> pulls the article run towards it,
# as this much prose would; the article starts within ANCHOR_LOOKAHEAD units (story_lists.py).
HEADLINE_BONUS = 400
MAX_DEK_UNITS = 4  # sentences between a story's headline and its first paragraph (a dek, a short lead)
# Tables in a dump: MIN_TABLE_ROWS rows running; a row counts for 1/TABLE_ROW_DISCOUNT of its length.
MIN_TABLE_ROWS = 4
TABLE_ROW_DISCOUNT = 2
# Dropped units that cost as non-prose ones (a two-line byline parts header and story as when kept); a
# related list costs two at most: the run stops short of a footer sentence, not of the story after a box.
COSTLY_DROPS = frozenset({"chrome-phrase", "split-byline", "related-list"})
HEADER_REASON = "page header and navigation before the article"
FOOTER_REASON = "page footer and links after the article"


def unit_value(text: str) -> int:
    """What a unit adds to a candidate article run.

    Prose is worth its length. Other units cost less when they look like a
    piece of a story (a sentence-case line of a few words, a list item that
    ends like a sentence) than when they look like a menu item or a headline.
    """
    if len(text) < MIN_SENTENCE_LIKE_CHARS and (text.isascii() or len(text) * CJK_WEIGHT < MIN_SENTENCE_LIKE_CHARS):
        return -NON_PROSE_COST  # fast path: most units of a dump are one or two menu words
    return _long_unit_value(text)


def unit_values(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> list[int]:
    """``unit_value`` of every kept unit (0 for dropped ones but COSTLY_DROPS), its fast path inlined:
    this runs over every line of every dump, most of them short menu items."""
    short, cost = MIN_SENTENCE_LIKE_CHARS, -NON_PROSE_COST
    values = [
        (cost if d in COSTLY_DROPS else 0) if d else cost if len(t) < short and t.isascii() else unit_value(t)
        for t, d in zip(as_units(lines).visible, dropped_by, strict=True)
    ]
    for i in range(2, len(values)) if "related-list" in dropped_by else ():  # a list costs two units at most
        values[i] = 0 if dropped_by[i] == dropped_by[i - 1] == dropped_by[i - 2] == "related-list" else values[i]
    return values


@functools.lru_cache(maxsize=8192)
def _long_unit_value(text: str) -> int:
    if is_prose(text):
        return weight(text)
    if weight(text) < MIN_SENTENCE_LIKE_CHARS or is_title_case(text):
        return -NON_PROSE_COST
    return -SENTENCE_LIKE_COST if ends_like_sentence(text) else -PHRASE_COST


def best_run(values: Sequence[int]) -> tuple[int, int, int]:
    """(start, stop, total) of the contiguous run with the largest total (Kadane)."""
    best, best_start, best_stop = 0, 0, 0
    total, start = 0, 0
    for i, v in enumerate(values):
        if total <= 0:
            total, start = 0, i
        total += v
        if total > best:
            best, best_start, best_stop = total, start, i + 1
    return best_start, best_stop, best


def article_bounds(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> tuple[int, int] | None:
    """(start, stop) unit indexes of the article, or None when no run of prose stands out.

    The headline finder and the page-chrome rule ask with the same verdicts:
    the answer is kept with the units' features, by verdicts.
    """
    found = _bounds_and_cut(lines, dropped_by)
    return None if found is None else found[:2]


def article_cut(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> tuple[int, str] | None:
    """(index, reason) of the bio, teaser list or ticker that ended the article (``run_end``), or None."""
    found = _bounds_and_cut(lines, dropped_by)
    return None if found is None or found[2] is None else found[2]


Bounds = tuple[int, int, tuple[int, str] | None]  # start, stop, the cut that ended the run (index, reason)


def _bounds_and_cut(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> Bounds | None:
    units = as_units(lines)
    key = tuple(dropped_by)
    if key not in units.bounds:
        units.bounds[key] = _article_bounds(units, dropped_by)
    return units.bounds[key]


def _article_bounds(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> Bounds | None:
    values = unit_values(lines, dropped_by)
    value_tables(lines, dropped_by, values)
    anchor, listed = repeated_title(lines, dropped_by, values)
    if anchor is not None:
        pulled = list(values)
        pulled[anchor] += HEADLINE_BONUS
        start, stop, total = best_run(pulled)
        if start <= anchor < stop and total - HEADLINE_BONUS >= MIN_ARTICLE_WEIGHT:
            # The bonus chose the run; the body starts at the first paragraph under the headline,
            # or at a data list between them.
            first = next((i for i in range(anchor + 1, stop) if values[i] > 0), start)
            room = first - anchor > MIN_HEADLINE_LIST_ROWS  # for a list between the headline and the prose
            listed = data_list_under(lines, dropped_by, anchor) if room else None
            start = listed[0] if listed is not None and listed[0] < first else first
            return start, *run_end(lines, dropped_by, start, past_inner_lists(lines, dropped_by, values, stop))
    elif listed is not None:  # no prose under the headline, a data list: that is the story
        return listed[0], extend_end(lines, dropped_by, prose_after_list(values, dropped_by, listed[1])), None
    start, stop, total = best_run(values)
    if total < MIN_ARTICLE_WEIGHT:
        return None
    start = past_notice(lines, dropped_by, start, stop)  # a consent manager's text above the story
    return start, *run_end(lines, dropped_by, start, past_inner_lists(lines, dropped_by, values, stop))


def value_tables(lines: Sequence[Line], dropped_by: Sequence[str | None], values: list[int]) -> None:
    """Count runs of data rows (standings, results, schedules) as article text.

    A row holds MIN_ROW_NUMBERS numbers or more; MIN_TABLE_ROWS rows in a
    row make a table. Menus and headline lists are not made of numbers.
    Dropped units between rows do not split a table: the output does not
    hold them, and cleaning it again must find the same table.
    """
    kept = [i for i, d in enumerate(dropped_by) if d is None]

    def is_row(k: int) -> bool:
        return number_count(lines[kept[k]].text) >= MIN_ROW_NUMBERS

    # A table of MIN_TABLE_ROWS rows or more holds a kept unit at every MIN_TABLE_ROWS-th
    # position: only those are tested, and the runs are grown from the rows among them.
    end = 0  # kept units before this one are done; it is not a row (or past the last one)
    for j in range(0, len(kept), MIN_TABLE_ROWS):
        if j < end or not is_row(j):
            continue
        start, end = j, j + 1
        while start > 0 and is_row(start - 1):
            start -= 1
        while end < len(kept) and is_row(end):
            end += 1
        if end - start >= MIN_TABLE_ROWS:
            for k in kept[start:end]:
                values[k] = weight(lines[k].text) // TABLE_ROW_DISCOUNT


def repeated_title(
    lines: Sequence[Line], dropped_by: Sequence[str | None], values: Sequence[int]
) -> tuple[int | None, tuple[int, int] | None]:
    """Index of the headline when the dump starts with the page <title> and repeats it; a data list under it.

    html-text style dumps start with the <title> ("Headline - Site"); the
    headline shows again right above the story. It is the first unit that
    repeats most of the title's words and has prose under it (later repeats
    are subheadings, comment headers or related links). When no repeat has
    prose under it, the second item is the ``data_list_under`` the first
    repeat that has one (else None).

    A repeat in capitals under a <title> that is not, with the story's
    prose right above it as well as under it ("MAKING SPICED PEAR JAM" under
    "Spiced Pear Jam Recipe"), is one of the story's subheadings. Then there
    is no headline to pull the run towards (None, None), and the plain run
    of prose decides. Capitals alone are not enough: a site may set its
    headline in capitals with CSS, and a text dump shows it so. A repeat in
    any case with two paragraphs right above it and one right under it
    ("Where do relations go from here?" under "Where do relations go after
    the vote?") is a subheading too: a headline has its byline or date under it.
    """
    found = as_units(lines)
    texts, listed = found.visible, None
    if starts_with_story(texts, dropped_by, values, lines):
        return 0, None
    for i in title_repeats(texts, dropped_by, found.lows):
        if _prose_weight(values, i + 1, i + 1 + ANCHOR_LOOKAHEAD) >= MIN_ARTICLE_WEIGHT:
            subheading = (texts[i].isupper() and not texts[0].isupper()) or _between_paragraphs(values, dropped_by, i)
            if subheading and _prose_weight(values, i - ANCHOR_LOOKAHEAD, i) >= MIN_ARTICLE_WEIGHT:
                return None, None
            return i, None
        if listed is None:
            listed = data_list_under(lines, dropped_by, i)
    return None, listed


def starts_with_story(
    texts: Sequence[str], dropped_by: Sequence[str | None], values: Sequence[int], lines: Sequence[Line] | None = None
) -> bool:
    """True when the first unit is a headline with the story right under it: prose, or a data list and then prose.

    A page that starts with its story (cleanup's own text output: headline, blank
    line, body) has no <title> line to repeat: its first unit is the headline. A
    first unit made of parts ("Headline - Site") is a page <title>, whatever follows.
    Without this, a later line that repeats some of its words ("Share this: <headline>")
    anchored the article, and cleaning the output again threw away the headline
    and the paragraphs above that line (found by tests/test_properties.py).

    The story may open with rows under its headline (a dateline and tags, a
    score table: ``data_list_under``, as the first pass takes them under a
    repeated headline), and then the headline may read like a sentence
    ("… Revealed at the Festival! To the Actual Scene!"): it is a headline
    because the rows, not prose, come under it (``lines`` are needed for that).

    >>> starts_with_story(["Bridge to close for repairs", "The council voted to close it."], [None, None], [-40, 200])
    True
    >>> starts_with_story(["Bridge to close", "Home", "The council voted."], [None] * 3, [-40, -40, 200])
    False
    """
    if len(texts) < 2 or dropped_by[0] is not None or title_head(texts[0]):
        return False
    after = next((i for i in range(1, len(texts)) if dropped_by[i] is None), None)
    if after is None:
        return False
    if _title_plan(texts[0]) is not None and (prose := _prose_under_dek(values, dropped_by, after)) is not None:
        return _prose_weight(values, prose, prose + ANCHOR_LOOKAHEAD) >= MIN_ARTICLE_WEIGHT
    if lines is None or not (_title_plan(texts[0]) is not None or _sentence_headline(texts[0])):
        return False
    listed = data_list_under(lines, dropped_by, 0)
    return listed is not None and _prose_weight(values, listed[1], listed[1] + ANCHOR_LOOKAHEAD) >= MIN_ARTICLE_WEIGHT


def _prose_under_dek(values: Sequence[int], dropped_by: Sequence[str | None], after: int) -> int | None:
    """The first prose unit from ``after`` on, past at most MAX_DEK_UNITS kept units that read as
    sentences (a dek: "A half century on, the band is still touring."), or None.

    A menu item or a title-case label (a unit that costs NON_PROSE_COST) is no dek: a dump's
    headline with "Home" under it is a <title> over the site's menu.

    >>> _prose_under_dek([-40, -15, -25, 300], [None] * 4, 1), _prose_under_dek([-40, -40, 300], [None] * 3, 1)
    (3, None)
    """
    kept = (i for i in range(after, len(values)) if dropped_by[i] is None)
    for i in itertools.islice(kept, MAX_DEK_UNITS + 1):
        if values[i] > 0:
            return i
        if values[i] <= -NON_PROSE_COST:
            return None
    return None


def _between_paragraphs(values: Sequence[int], dropped_by: Sequence[str | None], i: int) -> bool:
    """True when unit ``i`` sits inside the story: two paragraphs right above it, one right under it.

    A headline has its byline or date right under it (kept or dropped), and
    above it a byline, chrome, or teasers.
    """
    above = [j for j in range(i - 1, max(-1, i - 1 - ANCHOR_LOOKAHEAD), -1) if dropped_by[j] is None][:2]
    under = i + 1 < len(values) and dropped_by[i + 1] is None and values[i + 1] > 0
    return under and len(above) == 2 and all(values[j] > 0 for j in above)


def _sentence_headline(text: str) -> bool:
    """A headline that reads like a sentence: not too long, not too many words (``_title_plan`` refuses it)."""
    return is_headline(text) and len(words_of(text)) <= MAX_TITLE_WORDS


def _prose_weight(values: Sequence[int], start: int, stop: int) -> int:
    """Total value of the prose units in [start, stop) (clamped to the page)."""
    return sum(v for v in values[max(0, start) : stop] if v > 0)


@block_rule("page-chrome", kinds=(TEXT,))
def page_chrome(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> Iterator[Span]:
    """Site menus, headers and footers around the article in a full-page text dump."""
    bounds = article_bounds(lines, dropped_by)
    if bounds is None:
        return
    start, stop = bounds
    if start > 0:
        yield 0, start, HEADER_REASON
    cut = article_cut(lines, dropped_by)  # the footer from the bio, list or ticker on says so
    if cut is None or not stop <= cut[0] < len(lines):
        # A related list the run stopped at (its units cost once dropped: COSTLY_DROPS) starts the teasers.
        at = next((i for i in range(stop, len(lines)) if dropped_by[i] != "chrome-phrase"), len(lines))
        cut = (at, RELATED_REASON) if at < len(lines) and dropped_by[at] == "related-list" else (len(lines), "")
    if stop < cut[0]:
        yield stop, cut[0], FOOTER_REASON
    if cut[0] < len(lines):
        yield cut[0], len(lines), cut[1]
