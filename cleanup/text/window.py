"""The text-mode article finder as one stage: a quick first guess, then the rules on a window that grows.

Most lines of a full-page dump are menus. A cheap first guess (``coarse_window``)
picks the lines around the run of prose; the rules and the exact article finder
run on that window only, with the page's first line (its <title>) in front; the
window grows while the article reaches its edge. The lines outside it are page
chrome, reported as two removals.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from itertools import compress

from cleanup.model import Line, Removal
from cleanup.text.article import FOOTER_REASON, HEADER_REASON, NON_PROSE_COST, best_run
from cleanup.text.blocks import MIN_PROSE_CHARS, ends_like_sentence
from cleanup.text.engine import Verdicts
from cleanup.text.headline import title_repeats
from cleanup.text.lineblocks import wrapped_paragraph
from cleanup.text.patterns import COOKIE_RE, LEGAL_RE
from cleanup.text.prefilter import union
from cleanup.text.story_lists import ANCHOR_LOOKAHEAD
from cleanup.text.units import matching, units

# Prose that is chrome on every page of a site; the quick first guess takes it
# out of its run, in at most MAX_COARSE_ROUNDS rounds.
MAX_COARSE_ROUNDS = 3
PROSE_CHROME_RE = union((COOKIE_RE, LEGAL_RE))
# The quick first guess's window: lines kept next to it for the byline, the headline
# (within TITLE_WINDOW kept units of the story) or a list heading.
WINDOW_CONTEXT = 10
# The quick first guess reaches this many lines out for more prose, and is
# widened by as many again while the article comes within EDGE_UNITS of its edge.
WINDOW_MARGIN = 25
EDGE_UNITS = 3

# Runs the rules on some units: (units, how many leading units are page chrome) -> verdicts, headline index.
RunRules = Callable[[list[Line], int], tuple[Verdicts, int | None]]


def coarse_window(
    texts: Sequence[str], shown: Sequence[str], reach: int, valued: Sequence[str] | None = None
) -> tuple[int, int]:
    """Indexes [lo, hi) of ``texts`` (a page's lines) worth a close look: a quick first guess.

    ``shown`` are the same lines made visible (``visible_all``); ``valued`` the text each line is
    valued by, when not its own (a hard-wrapped paragraph's, ``block_texts``).

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
    values = [len(t) if len(t) >= min_prose and ends_like_sentence(t) else cost for t in (valued or texts)]
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


def find_article(
    stripped: list[str], shown: list[str], plain: bool, run: RunRules
) -> tuple[Verdicts, int | None, list[Removal]]:
    """The rules and the article finder on a dump's lines: verdicts, the headline index, removals outside.

    ``stripped`` are the page's lines trimmed, ``shown`` the same made visible
    (the same list when ``plain``: the page holds no invisible character).
    ``run`` applies the rules to a window's units. The window starts at the
    quick first guess and grows by WINDOW_MARGIN lines while the article comes
    within EDGE_UNITS of an edge; a short page is one window.
    """
    nonblank = list(compress(range(len(stripped)), stripped))
    lo, hi = coarse_bounds(stripped, shown, nonblank, plain)
    while True:
        v, title, outside = _run_window(stripped, nonblank, lo, hi, run, plain)
        # The window grows as for the generic rules alone: site rules drop lines, they move no edge.
        body = sorted({*v.kept(), *v.by_site} - {title})
        grow_lo = lo > 0 and body and v.lines[body[0]].no <= _line_no(nonblank, lo, EDGE_UNITS)
        grow_hi = hi < len(nonblank) and body and v.lines[body[-1]].last >= _line_no(nonblank, hi - EDGE_UNITS, 0)
        if not (grow_lo or grow_hi):
            return v, title, outside
        lo = max(0, lo - WINDOW_MARGIN) if grow_lo else lo
        hi = min(len(nonblank), hi + WINDOW_MARGIN) if grow_hi else hi


def coarse_bounds(stripped: list[str], shown: list[str], nonblank: list[int], plain: bool) -> tuple[int, int]:
    """The first window, as indexes into ``nonblank``: the whole page when it is short."""
    if len(nonblank) <= 2 * WINDOW_MARGIN:
        return 0, len(nonblank)
    texts = list(compress(stripped, stripped))
    shown_texts = texts if plain else list(compress(shown, stripped))
    return coarse_window(texts, shown_texts, WINDOW_MARGIN, block_texts(texts, nonblank))


def block_texts(texts: list[str], nonblank: list[int]) -> list[str] | None:
    """Each non-blank line's text, or its paragraph's when it is a line of a hard-wrapped one; None
    when no two lines touch (most dumps: a blank line between any two).

    A wrapped line (78 columns) seldom ends a sentence: valued alone, the article's lines were all
    menu, and the first guess took a footer's one line that did for the article.
    """
    if 1 not in map(operator.sub, nonblank[1:], nonblank):
        return None
    valued = list(texts)
    k = 0
    while k < len(texts):
        end = k + 1
        while end < len(texts) and nonblank[end] == nonblank[end - 1] + 1:
            end += 1
        if end - k > 1 and wrapped_paragraph(texts[k:end]):
            valued[k:end] = [" ".join(texts[k:end])] * (end - k)
        k = end
    return valued


def _line_no(nonblank: list[int], k: int, offset: int) -> int:
    """1-based input line of the non-blank line ``k + offset`` (clamped)."""
    return nonblank[max(0, min(len(nonblank) - 1, k + offset))] + 1


def _run_window(
    stripped: list[str], nonblank: list[int], lo: int, hi: int, run: RunRules, plain: bool
) -> tuple[Verdicts, int | None, list[Removal]]:
    """The rules on non-blank lines [lo, hi), with the <title> line in front; removals for the rest."""
    if lo == 0 and hi == len(nonblank):
        v, title = run(units(stripped, plain=plain), 0)
        return v, title, []
    first = nonblank[0]
    head = [] if lo == 0 else [Line(first + 1, stripped[first], "", first + 1)]
    v, title = run(head + units(stripped, nonblank[lo], nonblank[hi - 1] + 1, plain), len(head))
    outside = (_outside(stripped, nonblank[1:lo], HEADER_REASON), _outside(stripped, nonblank[hi:], FOOTER_REASON))
    return v, title, [r for r in outside if r]


def _outside(stripped: list[str], indexes: list[int], reason: str) -> Removal | None:
    """One page-chrome removal for the lines at ``indexes`` (outside the window)."""
    if not indexes:
        return None
    return Removal("page-chrome", reason, "\n".join([stripped[i] for i in indexes]), indexes[0] + 1, indexes[-1] + 1)
