"""Where the article ends before a news ticker: the site's latest headlines, each under a time stamp.

Many news sites put a ticker after the story ("Direct", "Newsticker", "Právě se
děje"): entries that each start with the time they were posted ("14:44 Headline",
"14:10" over a short item, "vor 5 Minuten"), newest first. Some entries are a
sentence or two, so the run of prose goes on from the story into them.
``ticker_start`` finds where the ticker starts; the article run stops there.

Two things keep a story's own time-stamped lines: the stamps must run newest
first (a programme or a timeline runs the other way: "09:00 Doors open",
"10:30 Keynote"), and a page whose <title> says it is a live blog or a ticker
("LIVE", "Liveticker", "EN DIRECT", "En vivo") is left alone: there the
time-stamped entries are the story.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

from cleanup.model import Line
from cleanup.text.blocks import is_prose, prose_weight
from cleanup.text.patterns import WORDS
from cleanup.text.sentence import CLOSERS
from cleanup.text.units import as_units

# A ticker: at least MIN_TICKER_STAMPS stamps, at most MAX_STAMP_GAP units apart, after a story
# that holds at least MIN_STORY_CHARS of prose of its own.
MIN_TICKER_STAMPS = 3
MAX_STAMP_GAP = 5
MIN_STORY_CHARS = 200
# Units a ticker's stamps may be read from: kept ones, and bare times the date-line rule dropped.
STAMP_DROPS = (None, "date-line")
# A clock time opening a unit ("14:44", "2:44 pm", "14h44", "14.44 Uhr"), then nothing or words:
# a time followed by a separator or a date ("2:44 PM - 12 Mar 2019") signs a quote or a post.
CLOCK_RE = re.compile(
    r"(?P<h>[01]?\d|2[0-3])(?::|h|\.(?=\d\d\s*uhr))(?P<m>[0-5]\d)(?>(?:\s*(?P<half>[ap])\.?m\.?)?)(?:\s*uhr)?"
    r"(?=$|\s+[^\W\d_])",
    re.IGNORECASE,
)
_MINUTE = "|".join(map(re.escape, WORDS["ticker_minute_words"]))
_HOUR = "|".join(map(re.escape, WORDS["ticker_hour_words"]))
# A whole unit that says how long ago ("5 minutes ago", "vor 2 Stunden", "il y a 5 min", "5 minuti fa").
RELATIVE_RE = re.compile(
    rf"(?P<lead>vor|il y a|hace|há|ha|před)?\s*(?P<n>\d{{1,3}})\s*(?:(?P<min>{_MINUTE})|(?P<hour>{_HOUR}))\.?"
    r"\s*(?P<tail>ago|fa|geleden|temu)?",
    re.IGNORECASE,
)
RELATIVE_LEADS = ("vor ", "il y a ", "hace ", "há ", "ha ", "před ")
LIVE_WORDS = frozenset(WORDS["live_words"])
TICKER_HEADINGS = frozenset(WORDS["ticker_heading_words"])
# The ticker's heading is one of the HEADING_REACH units above its first stamp, and this short.
HEADING_REACH = 3
MAX_HEADING_CHARS = 40
WORD_SPLIT_RE = re.compile(r"[^\w-]+")


@functools.lru_cache(maxsize=4096)
def stamp(text: str) -> tuple[str, int] | None:
    """The time stamp opening a ticker entry, as (kind, minutes), or None.

    ``kind`` is "clock" (minutes since midnight) or "ago" (minutes before now).

    >>> stamp("14:44 Accusations de viols : 14 militaires mis en cause"), stamp("vor 2 Stunden")
    (('clock', 884), ('ago', 120))
    >>> stamp("2:44 PM - 12 Mar 2019"), stamp("5 minutes"), stamp("14.10.2021")
    (None, None, None)
    """
    if not text[:1].isdigit() and not text.lower().startswith(RELATIVE_LEADS):
        return None
    clock = CLOCK_RE.match(text)
    if clock is not None:
        hour = int(clock["h"])
        if clock["half"]:
            hour = hour % 12 + (12 if clock["half"].lower() == "p" else 0)
        return "clock", hour * 60 + int(clock["m"])
    ago = RELATIVE_RE.fullmatch(text)
    if ago is None or not (ago["lead"] or ago["tail"]):
        return None  # "5 minutes" alone is a duration ("5 min read"), not a time stamp
    return "ago", int(ago["n"]) * (1 if ago["min"] else 60)


def _newer_first(a: tuple[str, int], b: tuple[str, int]) -> bool:
    """True when stamp ``b`` comes after ``a`` in a ticker: the same kind, and not newer."""
    if a[0] != b[0]:
        return False
    return b[1] <= a[1] if a[0] == "clock" else b[1] >= a[1]


@functools.lru_cache(maxsize=1024)
def is_live_page(title: str) -> bool:
    """True when the page <title> says the page is a live blog or a ticker: its stamps are the story.

    >>> is_live_page("LIVE: Election results as they come in"), is_live_page("Un troisième Français mort")
    (True, False)
    """
    return not LIVE_WORDS.isdisjoint(WORD_SPLIT_RE.split(title.lower()))


def ticker_start(lines: Sequence[Line], dropped_by: Sequence[str | None], start: int, stop: int) -> int | None:
    """Index in [start, stop) where a news ticker starts after the story, or None (see the module's docstring).

    The ticker may run on past ``stop`` (the run of prose took only its first
    entries): its stamps are read up to the reach of MIN_TICKER_STAMPS more.
    """
    units = as_units(lines)
    texts = units.visible
    if not texts or is_live_page(texts[0]):
        return None
    first = next((i for i in range(start, stop) if dropped_by[i] is None and is_prose(texts[i])), None)
    if first is None:
        return None
    reach = min(len(texts), stop + MIN_TICKER_STAMPS * MAX_STAMP_GAP)
    seen = [i for i in range(first + 1, reach) if dropped_by[i] in STAMP_DROPS]
    # Most units start with a letter: only those that start with a digit or a relative lead are looked at.
    lows = units.lows
    stamped = [
        (k, found)
        for k, i in enumerate(seen)
        if (texts[i][:1].isdigit() or lows[i].startswith(RELATIVE_LEADS)) and (found := stamp(texts[i])) is not None
    ]
    for n, (k, _) in enumerate(stamped):
        cut = seen[k]
        if n and cut - seen[stamped[n - 1][0]] <= MAX_STAMP_GAP:
            continue  # inside a run of stamps that starts above, turned down there: its entries are the story's
        if (
            cut < stop
            and _headed(texts, cut)
            and _ticker_from(stamped[n:])
            and _story_outweighs(texts, dropped_by, first, cut, stop, headlines=_of_headlines(texts, seen, stamped[n:]))
        ):
            return cut
    return None


def _headed(texts: Sequence[str], cut: int) -> bool:
    """True when a ticker heading ("Live", "Newsticker", "Latest") sits just above the stamp at ``cut``.

    A story's own timeline told newest first ("23:40 Police close the last road …",
    "22:15 Water reaches …") has no such heading, and stays.

    >>> _headed(["Story.", "Newsticker", "vor 5 Minuten"], 2), _headed(["Story.", "23:40 Police close the road"], 1)
    (True, False)
    """
    above = texts[max(0, cut - HEADING_REACH) : cut]
    return any(
        len(t) <= MAX_HEADING_CHARS and not TICKER_HEADINGS.isdisjoint(WORD_SPLIT_RE.split(t.lower())) for t in above
    )


def _ticker_from(stamped: Sequence[tuple[int, tuple[str, int]]]) -> bool:
    """True when the first MIN_TICKER_STAMPS of ``stamped`` (position, stamp) run as a ticker's: close, newest first."""
    if len(stamped) < MIN_TICKER_STAMPS:
        return False
    run = stamped[:MIN_TICKER_STAMPS]
    return all(b[0] - a[0] <= MAX_STAMP_GAP and _newer_first(a[1], b[1]) for a, b in itertools.pairwise(run))


def _of_headlines(texts: Sequence[str], seen: Sequence[int], stamped: Sequence[tuple[int, tuple[str, int]]]) -> bool:
    """True when most entries of the ticker are one line each: a clock time, then a headline, then the next stamp.

    A ticker of the site's latest headlines ("14:44 Accusations de viols : …",
    "14:32 Un artiste arrêté …") holds a few longer items too, and their prose
    may outweigh the story above it. A live blog's update has its text under
    its stamp ("14:00 Update", then a paragraph): no entry of that kind counts.

    >>> lines = ["14:44 Storm warning", "14:32 Bridge reopens", "14:10 Mayor to run", "13:54 Budget passes"]
    >>> _of_headlines(lines, [0, 1, 2, 3], [(k, ("clock", 884 - k)) for k in range(4)])
    True
    >>> updates = ["14:44 Update", "The storm reached the coast at noon.", "14:32 Update", "Roads closed."]
    >>> _of_headlines(updates, [0, 1, 2, 3], [(0, ("clock", 884)), (2, ("clock", 872))])
    False
    """
    positions = {k for k, _ in stamped}
    one_line = sum(
        1 for k, (kind, _) in stamped if kind == "clock" and k + 1 in positions and _headline(texts[seen[k]])
    )
    return one_line >= MIN_TICKER_STAMPS and 2 * one_line >= len(stamped)


def _headline(text: str) -> bool:
    """True when a stamped entry is a headline: words after the clock time, no full stop at the end.

    A live update on one line ends as a sentence does ("16:05 The coast guard said two boats were
    missing."); a headline does not, though it may end in a question or a quotation.

    >>> _headline("11:45 Les banlieusards en Thaïlande : Oui-Oui ou Racailleland ?")
    True
    >>> _headline("16:05 Two boats are missing.")
    False
    """
    found = CLOCK_RE.match(text)
    rest = text[found.end() :].strip().rstrip(CLOSERS) if found else ""
    return bool(rest) and not rest.endswith((".", "…"))


def _story_outweighs(
    texts: Sequence[str], dropped_by: Sequence[str | None], first: int, cut: int, stop: int, *, headlines: bool
) -> bool:
    """True when the story above ``cut`` holds MIN_STORY_CHARS of prose and at least as much as the run after it.

    As the bio and comment cuts: a live blog whose <title> does not say so (an
    intro, then long time-stamped updates, newest first) holds more prose after
    its first stamp than before it, and keeps its updates. A ticker made mostly
    of one-line headlines (``_of_headlines``) is no live blog: there the story
    only needs MIN_STORY_CHARS.
    """
    story = prose_weight(texts, (i for i in range(first, cut) if dropped_by[i] is None))
    if headlines:
        return story >= MIN_STORY_CHARS
    after = prose_weight(texts, (i for i in range(cut, stop) if dropped_by[i] is None))
    return story >= MIN_STORY_CHARS and story >= after
