"""Data lists in a text dump's story: under its headline, and inside it with the story going on under them.

A list of rows (a results table, a calendar, releases and their dates) is
short lines, which the run of prose (``article.best_run``) counts as menu
items. These find where such a list belongs to the story; ``article_end``
finds one that closes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleanup.model import Line
from cleanup.text.article_end import (
    DATA_ROW_RE,
    MAX_ANNOUNCED_ITEM_CHARS,
    MAX_ANNOUNCED_ITEMS,
    MIN_DATA_ROWS,
    ROW_WORD_RE,
    extend_announced_list,
    extend_data_list,
    past_inline_chrome,
    table_heading,
)
from cleanup.text.blocks import ends_like_sentence, is_prose, weight
from cleanup.text.related import is_pack_heading
from cleanup.text.units import as_units, visible

ANCHOR_LOOKAHEAD = 15  # the story starts within this many units under its headline
# A data list under the headline: MIN_HEADLINE_LIST_ROWS rows starting within HEADLINE_LIST_GAP kept units.
MIN_HEADLINE_LIST_ROWS = 5
HEADLINE_LIST_GAP = 4
LIST_PROSE_GAP = 2  # prose this close after such a list goes on with it
MAX_INNER_LISTS = 8  # lists inside a story the run goes past (``past_inner_lists``)
MIN_STORY_AFTER = 200  # characters of prose under such a list for the story to go on there


def data_list_under(lines: Sequence[Line], dropped_by: Sequence[str | None], headline: int) -> tuple[int, int] | None:
    """(first, end) unit indexes of a data list right under ``headline``, or None.

    A results table, a calendar or a price list may be the whole story, or
    open it: MIN_HEADLINE_LIST_ROWS rows or more that start within
    HEADLINE_LIST_GAP kept units under the headline. A row is short, holds a
    word, and a digit or inner punctuation; bare numbers (a numbered list of
    other stories), menu words and running prose are not rows.
    """
    kept = [j for j in range(headline + 1, min(len(lines), headline + 1 + ANCHOR_LOOKAHEAD)) if dropped_by[j] is None]
    for first in kept[:HEADLINE_LIST_GAP]:
        end = first
        while end < len(lines) and end - first < MAX_ANNOUNCED_ITEMS and dropped_by[end] is None:
            text = visible(lines[end].text)
            if (
                weight(text) > MAX_ANNOUNCED_ITEM_CHARS
                or not DATA_ROW_RE.search(text)
                or not ROW_WORD_RE.search(text)
                or is_prose(text)
            ):
                break
            end += 1
        if end - first >= MIN_HEADLINE_LIST_ROWS:
            return first, end
    return None


def prose_after_list(values: Sequence[int], dropped_by: Sequence[str | None], end: int) -> int:
    """The end of the prose that goes on right after a list ending at ``end``, or ``end``.

    A list longer than ANCHOR_LOOKAHEAD pushes the story's prose out of the
    headline's reach; prose within LIST_PROSE_GAP kept units after the list
    is its continuation, and the best run from there (a running total that
    never drops below zero) is kept. Prose further away is the sidebar's.
    """
    kept = [i for i in range(end, min(len(values), end + ANCHOR_LOOKAHEAD)) if dropped_by[i] is None]
    prose = next((i for i in kept[:LIST_PROSE_GAP] if values[i] > 0), None)
    if prose is None:
        return end
    stop, total, best = end, 0, 0
    for i in range(prose, len(values)):
        total += values[i]
        if total < 0:
            break
        if total > best:
            best, stop = total, i + 1
    return stop


def past_inner_lists(lines: Sequence[Line], dropped_by: Sequence[str | None], values: Sequence[int], stop: int) -> int:
    """The run's end past data lists inside the story: lists with the story going on right under them.

    A list of rows (releases and their dates, results, ingredients) costs each
    row as a menu item does, and the run of prose stopped at it although the
    story goes on under it. Data lists (``data_lists_from``) with a paragraph
    under them (``_paragraph_under``), and MIN_STORY_AFTER characters of prose
    from there on (``prose_after_list``; under the next lists too), are the story's. A list with no
    paragraph under it is left to ``extend_end``, which takes it when it closes
    the story; a sidebar's one-sentence teaser under it is too short to go on with.
    """
    end, prose = stop, 0  # the end taken so far; prose under the lists since it
    for _ in range(MAX_INNER_LISTS):
        listed = data_lists_from(lines, dropped_by, stop)
        if listed == stop or not _paragraph_under(lines, dropped_by, values, listed):
            break
        stop = prose_after_list(values, dropped_by, listed)
        prose += sum(v for v in values[listed:stop] if v > 0)
        if prose >= MIN_STORY_AFTER:  # a short paragraph between two tables counts with what follows them
            end, prose = stop, 0
    return end


def _paragraph_under(lines: Sequence[Line], dropped_by: Sequence[str | None], values: Sequence[int], at: int) -> bool:
    """True when the first kept unit from ``at`` on is prose that ends like a sentence, or a subheading over one.

    A subheading is short, no sentence, and no related-stories heading in English or in a
    language pack ("Development statistics", not "Related stories" nor "Mehr zum Thema").
    """
    found = as_units(lines)
    kept = [i for i in range(at, min(len(lines), at + ANCHOR_LOOKAHEAD)) if dropped_by[i] is None][:2]
    para = next((i for i in kept if values[i] > 0), None)
    if para is None or not ends_like_sentence(found.visible[para]):
        return False
    head = kept[0]
    return head == para or (
        table_heading(lines[head].text) and not is_pack_heading(found.visible[head], found.lows[head], found.rules_dirs)
    )


def data_lists_from(lines: Sequence[Line], dropped_by: Sequence[str | None], at: int) -> int:
    """The end of the data lists (``extend_data_list``) and announced lists ("The rankings were as follows:",
    ``extend_announced_list``) one after the other from ``at``, or ``at``.

    A table may have a title over its column heading ("Most active developers" /
    "By changesets" / rows): a list is also looked for one unit further on, when
    the unit at its start is a short heading (``table_heading``). A list ends at
    a paragraph (prose that ends like a sentence), which ``extend_data_list`` may
    take for a row when it holds a comma.
    """
    texts, end = as_units(lines).visible, at
    while True:
        found = max(extend_data_list(lines, dropped_by, end), extend_announced_list(lines, dropped_by, end))
        if found == end and end + 1 < len(lines) and dropped_by[end] is None and table_heading(lines[end].text):
            below = extend_data_list(lines, dropped_by, end + 1)  # a title over the column heading
            found = below if below > end + 1 else end
        found = next((i for i in range(end, found) if is_prose(texts[i]) and ends_like_sentence(texts[i])), found)
        if found - end < MIN_DATA_ROWS:
            return end
        end = past_inline_chrome(dropped_by, found)  # an ad label inside a table
