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
import re
from collections.abc import Iterator, Sequence

from cleanup.model import Line
from cleanup.text.blocks import (
    CJK_WEIGHT,
    MIN_HEADLINE_WORDS,
    MIN_PROSE_CHARS,
    MIN_TITLE_CASE_SHARE,
    ends_like_sentence,
    is_prose,
    is_title_case,
    repeats_title,
    weight,
    words_of,
)
from cleanup.text.patterns import COOKIE_RE, LEGAL_RE, LIST_HEADING_RE, WORD_RE, union
from cleanup.text.registry import TEXT, Span, all_rules, block_rule
from cleanup.text.units import as_units, holding_in_order, matching, visible

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
# Prose that is chrome on every page of a site; the quick first guess takes it
# out of its run, in at most MAX_COARSE_ROUNDS rounds.
MAX_COARSE_ROUNDS = 3
PROSE_CHROME_RE = union((COOKIE_RE, LEGAL_RE))
# The headline that repeats the page <title> pulls the article run towards it,
# as this much prose would; the article starts within ANCHOR_LOOKAHEAD units.
HEADLINE_BONUS = 400
ANCHOR_LOOKAHEAD = 15
# The quick first guess's window: lines kept next to it for the byline, the headline
# (within TITLE_WINDOW kept units of the story) or a list heading.
WINDOW_CONTEXT = 10
MAX_TITLE_WORDS = 40
TITLE_FIRST_CHUNK = 16  # lines; the headline is usually near the top
TITLE_SEPARATOR_RE = re.compile(r"\s+[|\-–—»:]{1,2}\s+")
# A list announced by a colon at the article's end: at most this many items of this size.
MAX_ANNOUNCED_ITEMS = 80
MAX_ANNOUNCED_ITEM_CHARS = 200
# Tables in a dump: rows of at least MIN_ROW_NUMBERS numbers, MIN_TABLE_ROWS
# rows running; a row counts for 1/TABLE_ROW_DISCOUNT of its length.
# A number: a digit not after a word character or a dot, then digits and separators, not
# followed by a word character. Spelled digit first ("\d(?<![\w.]\d)" is "(?<![\w.])\d"):
# re then scans for digits instead of trying the look-behind at every character.
NUMBER_RE = re.compile(r"\d(?<![\w.]\d)[\d.,:]*(?![\w])")
DIGIT_RE = re.compile(r"\d")
MIN_ROW_NUMBERS = 3
MIN_TABLE_ROWS = 4
TABLE_ROW_DISCOUNT = 2
# A data list closing the story: rows with a digit or inner punctuation.
DATA_ROW_RE = re.compile(r"\d|\S[,:;(@–—]\s?\S")
MIN_DATA_ROWS = 3
# A data list the story ends in goes on past the run: rows (a digit and a word) with
# at most MAX_LIST_SUBHEADINGS other units in a row between them ("GIRLS SOCCER"),
# rows at least half of the units.
MAX_LIST_SUBHEADINGS = 2
# A data list under the headline: MIN_HEADLINE_LIST_ROWS rows starting within HEADLINE_LIST_GAP kept units.
MIN_HEADLINE_LIST_ROWS = 5
HEADLINE_LIST_GAP = 4
LIST_PROSE_GAP = 2  # prose this close after such a list goes on with it
ROW_WORD_RE = re.compile(r"[^\W\d_]{2}")
# Short sentences closing the story (too short for prose): at most this many,
# of at least this many words.
MAX_CLOSING_SENTENCES = 2
MIN_CLOSING_WORDS = 4
# Notes closing the story ("With Post wires", "* Dates may change"): at most this
# many units, each of at least MIN_NOTE_WORDS words and at most
# MAX_ANNOUNCED_ITEM_CHARS, or an attribution: a quote's or embedded post's
# signature ("— Jane Doe (@jdoe) May 2, 2019") or a bracketed credit line.
MAX_CLOSING_NOTES = 4
MIN_NOTE_WORDS = 3
ATTRIBUTION_PREFIXES = ("— ", "– ")
HEADER_REASON = "page header and navigation before the article"
FOOTER_REASON = "page footer and links after the article"
# The headline sits at most this many kept units above the first paragraph.
TITLE_WINDOW = 8
MAX_HEADLINE_CHARS = 250


def unit_value(text: str) -> int:
    """What a unit adds to a candidate article run.

    Prose is worth its length. Other units cost less when they look like a
    piece of a story (a sentence-case line of a few words, a list item that
    ends like a sentence) than when they look like a menu item or a headline.
    """
    if len(text) < MIN_SENTENCE_LIKE_CHARS and (text.isascii() or len(text) * CJK_WEIGHT < MIN_SENTENCE_LIKE_CHARS):
        return -NON_PROSE_COST  # fast path: most units of a dump are one or two menu words
    return _long_unit_value(text)


def coarse_window(texts: Sequence[str], shown: Sequence[str], reach: int) -> tuple[int, int]:
    """Indexes [lo, hi) of ``texts`` (a page's lines) worth a close look: a quick first guess.

    ``shown`` are the same lines made visible (``visible_all``).

    The same run of prose as ``article_bounds`` but with a cheap value per
    line (long and ending like a sentence, or not), cookie and legal notices
    taken out of the run, the headline that repeats the page <title> taken
    in. The exact article finder then runs on this window only: most lines of
    a full-page dump are menus.

    The window reaches out to the farthest quick-prose line within ``reach``
    lines of the run on either side (the exact finder prices short lines
    lower and may bridge a gap that long), then WINDOW_CONTEXT lines more
    for what sits next to an article: the headline, a byline, a list heading.
    Above a run with no headline found, ``reach`` lines are kept instead, for
    the headline finder to look at.
    """
    min_prose, cost = MIN_PROSE_CHARS, -NON_PROSE_COST
    values = [len(t) if len(t) >= min_prose and ends_like_sentence(t) else cost for t in texts]
    for _ in range(MAX_COARSE_ROUNDS):
        start, stop, total = best_run(values)
        chrome = prose_chrome([i for i in range(start, stop) if values[i] > 0], shown)
        if not chrome:
            break
        for i in chrome:
            values[i] = 0
    if total <= 0:
        return 0, len(texts)
    anchor = next(title_repeats(shown), None)
    if anchor is not None:
        start, stop = min(start, anchor), max(stop, anchor + ANCHOR_LOOKAHEAD)
    above = next((i for i in range(max(0, start - reach), start) if values[i] > 0), start)
    below = next((i + 1 for i in range(min(len(texts), stop + reach) - 1, stop - 1, -1) if values[i] > 0), stop)
    head = WINDOW_CONTEXT if anchor is not None else reach
    return max(0, above - head), min(len(texts), below + WINDOW_CONTEXT)


def prose_chrome(indexes: Sequence[int], texts: Sequence[str]) -> list[int]:
    """The ``indexes`` whose visible text is a cookie or legal notice.

    These lines are long and few hold one: one RE2 scan over all of them
    (``matching``) instead of one search per line.
    """
    return [indexes[k] for k in matching([texts[i] for i in indexes], PROSE_CHROME_RE)]


def title_repeats(
    texts: Sequence[str], dropped_by: Sequence[str | None] | None = None, lows: Sequence[str] | None = None
) -> Iterator[int]:
    """Indexes of the kept lines after the first that repeat it, the page <title>, in order.

    ``texts`` are visible texts (``visible_all``), ``lows`` the same lower-cased
    when the caller has them.

    Candidates are found with plain substring search for the title's longer
    words (one of them must be in a line that holds half the title's words),
    then checked with ``repeats_title`` one by one, as the caller asks for
    them. The page is lower-cased and searched a chunk at a time, the first
    TITLE_FIRST_CHUNK lines, then twice as many as before each time: a
    caller that wants the first repeat (usually near the top) stops early.
    """
    plan = _title_plan(texts[0]) if texts else None
    if plan is None:
        return
    title, head, keys = plan
    lo, size = 1, TITLE_FIRST_CHUNK
    while lo < len(texts):
        chunk = texts[lo : lo + size]
        for k in holding_in_order(chunk, keys, None if lows is None else lows[lo : lo + size]):
            i, text = lo + k, chunk[k]
            if (
                (dropped_by is None or dropped_by[i] is None)
                and len(text) <= MAX_HEADLINE_CHARS
                and (repeats_title(text, title) or (head and repeats_title(text, head)))
            ):
                yield i
        lo, size = lo + size, 2 * size


@functools.lru_cache(maxsize=256)
def _title_plan(first: str) -> tuple[frozenset[str], frozenset[str] | None, tuple[str, ...]] | None:
    """For a page's first line: its words, its headline part's words (``title_head``) and the words to search for.

    None when the line is no <title>: too long, a sentence, too few or too
    many words. Cached: the quick first guess and the article finder (once
    per window) ask for the same page.
    """
    if not first or weight(first) > MAX_HEADLINE_CHARS or is_prose(first):
        return None
    title = words_of(first)
    if not MIN_HEADLINE_WORDS <= len(title) <= MAX_TITLE_WORDS:
        return None
    head = title_head(first)
    # A line holding half the title's words holds one of any len//2 + 1 of them. Which
    # ones only changes the speed: long words are rarer and give fewer false hits (ties
    # by the word itself, so the choice never depends on set order).
    keys = sorted(title, key=lambda word: (-len(word), word))[: len(title) // 2 + 1]
    if head:  # and len//2 + 1 words of the headline part in all
        missing = len(head) // 2 + 1 - len(head.intersection(keys))
        if missing > 0:
            keys += sorted(head.difference(keys), key=lambda word: (-len(word), word))[:missing]
    return title, head, tuple(keys)


def title_head(title: str) -> frozenset[str] | None:
    """Words of the longest part of a <title> made of parts ("Headline | Site | Section"), or None.

    The headline on the page repeats that part only; when the site's parts
    outnumber it, the headline holds less than half of the whole title's words.
    """
    parts = TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 2:
        return None
    head = max((words_of(part) for part in parts), key=len)
    return head if len(head) >= MIN_HEADLINE_WORDS else None


def unit_values(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> list[int]:
    """``unit_value`` of every kept unit (0 for dropped ones), with its fast path inlined.

    This runs over every line of every dump, most of them short menu items:
    the fast path is spelled out here to spare a function call per line.
    """
    short, cost = MIN_SENTENCE_LIKE_CHARS, -NON_PROSE_COST
    return [
        0 if d else cost if len(t) < short and t.isascii() else unit_value(t)
        for t, d in zip(as_units(lines).visible, dropped_by, strict=True)
    ]


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
    units = as_units(lines)
    key = tuple(dropped_by)
    if key not in units.bounds:
        units.bounds[key] = _article_bounds(units, dropped_by)
    return units.bounds[key]


def _article_bounds(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> tuple[int, int] | None:
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
            return start, extend_end(lines, dropped_by, stop)
    elif listed is not None:  # no prose under the headline, a data list: that is the story
        return listed[0], extend_end(lines, dropped_by, prose_after_list(values, dropped_by, listed[1]))
    start, stop, total = best_run(values)
    if total < MIN_ARTICLE_WEIGHT:
        return None
    return start, extend_end(lines, dropped_by, stop)


def extend_end(lines: Sequence[Line], dropped_by: Sequence[str | None], stop: int) -> int:
    """The article's end past a list it announces, a data list that closes it, a short last sentence or notes."""
    extensions = (
        extend_announced_list,
        extend_data_list,
        extend_closing_sentences,
        extend_closing_notes,
        extend_last_table,
    )
    for extend in extensions:
        extended = extend(lines, dropped_by, stop)
        if extended > stop:
            return extended
    return stop


def extend_closing_sentences(lines: Sequence[Line], dropped_by: Sequence[str | None], stop: int) -> int:
    """Move ``stop`` past short sentences that end the story ("Work is due to begin in May.").

    They are too short to count as prose, so the run of prose stops before
    them. At most MAX_CLOSING_SENTENCES units that read as a sentence (not
    Title Case, ending like one) are taken, and only up to the end of the
    page or a unit that some rule already dropped: page chrome after a story
    is menus and links, not sentences. The sentences may also lead into a
    list they announce ("This game will help you!" / "The game has:" / items).
    """
    end = stop
    while end < len(lines) and end - stop < MAX_CLOSING_SENTENCES and dropped_by[end] is None:
        text = visible(lines[end].text)
        if (
            is_prose(text)
            or not ends_like_sentence(text)
            or is_title_case(text)
            or len(WORD_RE.findall(text)) < MIN_CLOSING_WORDS
        ):
            break
        end += 1
    ends_page = end == len(lines) or dropped_by[end] is not None
    if end > stop and not ends_page and _announces(visible(lines[end].text)):
        listed = extend_announced_list(lines, dropped_by, end)
        return listed if listed > end else stop
    return end if ends_page else stop


def extend_closing_notes(lines: Sequence[Line], dropped_by: Sequence[str | None], stop: int) -> int:
    """Move ``stop`` past a few short notes that close the story, up to the chrome after it.

    "With Post wires", "(Reporting by Jane Doe; Editing by Tom Roe)", a
    tweet's signature, footnotes ("* Dates may change"), "See more photos:":
    too short for prose, so the run of prose stops before them. At most
    MAX_CLOSING_NOTES units are taken, each an attribution or a few words
    that are mostly lower case after the first (menu items and headlines are
    Title Case), and only when a unit that some rule dropped (a share bar,
    tags, a related list, a copyright line) or the end of the page comes
    right after them. A byline or date line there marks another story's
    teaser (headline, byline): then the last note must end like a sentence
    or be an attribution.
    """
    texts = as_units(lines).visible
    end = stop
    while end < len(lines) and dropped_by[end] is None:
        if end - stop >= MAX_CLOSING_NOTES or not _is_note(texts[end]):
            return stop
        end += 1
    if end == stop:
        return stop
    if end < len(lines) and dropped_by[end] in _metadata_rules():
        last = texts[end - 1]
        if not ends_like_sentence(last) and not _is_attribution(last):
            return stop
    return end


def _is_attribution(text: str) -> bool:
    """A signature under a quote or an embedded post, or a credit line in brackets."""
    return text.startswith(ATTRIBUTION_PREFIXES) or (text.startswith("(") and text.endswith(")"))


def _is_note(text: str) -> bool:
    """True for a short unit that reads as text, not as a menu item, a label or a Title Case headline."""
    if _is_attribution(text):
        return True
    words = WORD_RE.findall(text)
    if len(words) < MIN_NOTE_WORDS or weight(text) > MAX_ANNOUNCED_ITEM_CHARS or is_list_heading(text):
        return False
    long_words = [w for w in words[1:] if len(w) >= 4]  # the first word is capitalised in any sentence
    return sum(w[0].isupper() for w in long_words) < MIN_TITLE_CASE_SHARE * len(long_words) or not long_words


@functools.cache
def _metadata_rules() -> frozenset[str]:
    """Names of the rules that drop bylines and dates (their text goes to Result metadata)."""
    return frozenset(r.name for r in all_rules() if r.metadata)


@functools.lru_cache(maxsize=16384)
def number_count(text: str) -> int:
    """How many numbers ``text`` holds (cached like the other unit features)."""
    return len(NUMBER_RE.findall(text)) if DIGIT_RE.search(text) else 0


def value_tables(lines: Sequence[Line], dropped_by: Sequence[str | None], values: list[int]) -> None:
    """Count runs of data rows (standings, results, schedules) as article text.

    A row holds MIN_ROW_NUMBERS numbers or more; MIN_TABLE_ROWS rows in a
    row make a table. Menus and headline lists are not made of numbers.
    """

    def is_row(i: int) -> bool:
        return dropped_by[i] is None and number_count(lines[i].text) >= MIN_ROW_NUMBERS

    # A table of MIN_TABLE_ROWS rows or more holds a unit at every MIN_TABLE_ROWS-th
    # index: only those are tested, and the runs are grown from the rows among them.
    end = 0  # units before this one are done; it is not a row (or past the last unit)
    for j in range(0, len(lines), MIN_TABLE_ROWS):
        if j < end or not is_row(j):
            continue
        start, end = j, j + 1
        while start > 0 and is_row(start - 1):
            start -= 1
        while end < len(lines) and is_row(end):
            end += 1
        if end - start >= MIN_TABLE_ROWS:
            for k in range(start, end):
                values[k] = weight(lines[k].text) // TABLE_ROW_DISCOUNT


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
    headline in capitals with CSS, and a text dump shows it so.
    """
    found = as_units(lines)
    texts, listed = found.visible, None
    for i in title_repeats(texts, dropped_by, found.lows):
        if _prose_weight(values, i + 1, i + 1 + ANCHOR_LOOKAHEAD) >= MIN_ARTICLE_WEIGHT:
            if (
                texts[i].isupper()
                and not texts[0].isupper()
                and _prose_weight(values, i - ANCHOR_LOOKAHEAD, i) >= MIN_ARTICLE_WEIGHT
            ):
                return None, None
            return i, None
        if listed is None:
            listed = data_list_under(lines, dropped_by, i)
    return None, listed


def _prose_weight(values: Sequence[int], start: int, stop: int) -> int:
    """Total value of the prose units in [start, stop) (clamped to the page)."""
    return sum(v for v in values[max(0, start) : stop] if v > 0)


def is_list_heading(text: str) -> bool:
    """True for a list heading ("Most Read", "Related:") once a trailing colon is trimmed."""
    return LIST_HEADING_RE.fullmatch(text.rstrip(" :")) is not None


def _announces(text: str) -> bool:
    return text.endswith(":") and not is_list_heading(text)


def extend_announced_list(lines: Sequence[Line], dropped_by: Sequence[str | None], stop: int) -> int:
    """Move ``stop`` past a list that the article announces with a colon.

    "The tour dates:" followed by thirty short date lines is the article's
    end, not chrome; the run of prose alone stops before the colon line or at
    it. The announcing line is the run's last unit or the unit right after it.
    """
    last = next((i for i in range(stop - 1, -1, -1) if dropped_by[i] is None), None)
    if last is None:
        return stop
    first_item = stop
    if not _announces(visible(lines[last].text)):
        if stop >= len(lines) or dropped_by[stop] is not None or not _announces(visible(lines[stop].text)):
            return stop
        first_item = stop + 1  # past the announcing line itself
    end = first_item
    while end < len(lines) and end - first_item < MAX_ANNOUNCED_ITEMS and dropped_by[end] is None:
        text = visible(lines[end].text)
        if weight(text) > MAX_ANNOUNCED_ITEM_CHARS or is_list_heading(text):
            break
        end += 1
    return end if end > first_item else stop


def extend_last_table(lines: Sequence[Line], dropped_by: Sequence[str | None], stop: int) -> int:
    """Move ``stop`` past the rest of a table or results list that the story ends in.

    When the run's last unit is a data row (MIN_ROW_NUMBERS numbers or
    more), the rows after it are the same list: rows with a digit and a
    word, short subheadings between them (at most MAX_LIST_SUBHEADINGS in a
    row: "GIRLS SOCCER", "Merritt Island d. Titusville"), rows at least half
    of the units. Taken only up to a unit that some rule dropped or the end
    of the page, and never across a list heading ("Most Read"): a sidebar of
    dated headlines after a story that ends in prose is not reached.
    """
    last = next((i for i in range(stop - 1, -1, -1) if dropped_by[i] is None), None)
    if last is None or number_count(lines[last].text) < MIN_ROW_NUMBERS:
        return stop
    texts = as_units(lines).visible
    end, rows, between = stop, 0, 0
    while end < len(lines) and dropped_by[end] is None:
        text = texts[end]
        if weight(text) > MAX_ANNOUNCED_ITEM_CHARS or is_list_heading(text):
            return stop
        if DIGIT_RE.search(text) and ROW_WORD_RE.search(text):
            rows, between = rows + 1, 0
        elif (between := between + 1) > MAX_LIST_SUBHEADINGS:
            return stop
        end += 1
    return end if rows >= MIN_DATA_ROWS and 2 * rows >= end - stop else stop


def extend_data_list(lines: Sequence[Line], dropped_by: Sequence[str | None], stop: int) -> int:
    """Move ``stop`` past a data list that closes the story: a short heading, then rows.

    "Qualified teams" / "England (Group A): 10th appearance" / ..., or tour
    dates, or a recipe's ingredients: rows with digits or inner punctuation,
    unlike the bare headlines of a related-stories list.
    """
    first = stop
    if first < len(lines) and dropped_by[first] is None and not DATA_ROW_RE.search(lines[first].text):
        heading = visible(lines[first].text)
        if weight(heading) > MAX_HEADLINE_CHARS or ends_like_sentence(heading) or LIST_HEADING_RE.fullmatch(heading):
            return stop
        first += 1
    end = first
    while end < len(lines) and end - first < MAX_ANNOUNCED_ITEMS and dropped_by[end] is None:
        text = visible(lines[end].text)
        if weight(text) > MAX_ANNOUNCED_ITEM_CHARS or not DATA_ROW_RE.search(text):
            break
        end += 1
    return end if end - first >= MIN_DATA_ROWS else stop


def is_headline(text: str) -> bool:
    """True for a unit that can be a headline: a few words, not a running sentence."""
    return weight(text) <= MAX_HEADLINE_CHARS and len(WORD_RE.findall(text)) >= MIN_HEADLINE_WORDS


def find_title(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> int | None:
    """Index of the headline: a kept headline-like unit just before the article.

    Preference goes to a unit that repeats most words of the page's first
    unit (dumps start with the HTML <title>, "Headline - Site Name"), then to
    the nearest headline-like unit above the first paragraph.
    """
    bounds = article_bounds(lines, dropped_by)
    if bounds is None:
        return None
    start = bounds[0]
    window = [i for i in range(max(0, start - TITLE_WINDOW), start + 1) if dropped_by[i] is None]
    candidates = [
        i for i in window if is_headline(visible(lines[i].text)) and (i < start or not is_prose(visible(lines[i].text)))
    ]
    if not candidates:
        return None
    page_title = words_of(visible(lines[0].text))
    for i in reversed(candidates):
        if i > 0 and repeats_title(visible(lines[i].text), page_title):
            return i
    return candidates[-1]


@block_rule("page-chrome", kinds=(TEXT,))
def page_chrome(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> Iterator[Span]:
    """Site menus, headers and footers around the article in a full-page text dump."""
    bounds = article_bounds(lines, dropped_by)
    if bounds is None:
        return
    start, stop = bounds
    if start > 0:
        yield 0, start, HEADER_REASON
    if stop < len(lines):
        yield stop, len(lines), FOOTER_REASON
