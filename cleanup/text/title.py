"""The headline of a text dump and the summary under it.

The headline is the nearest headline-like unit above the article's first paragraph
(``article.article_bounds``) that is no dateline, byline or captioned credit, counting
kept units only (a row of share buttons takes no room); a unit repeating the page's
<title> wins, further up too. The summary right under the headline stays with the story.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from cleanup.model import Line
from cleanup.text.article import article_bounds, starts_with_story, unit_values, value_tables
from cleanup.text.blocks import is_prose, repeats_title, words_of
from cleanup.text.headline import is_headline, metadata_like
from cleanup.text.units import as_units, visible

# The headline sits at most this many kept units above the first paragraph.
TITLE_WINDOW = 8
# A unit that repeats the <title> is the headline this many kept units further up: a row of
# buttons and menu items ("smaller", "Larger", "Print", "google plus") may sit under it.
TITLE_REACH = 40
# ... but not among the dump's first units: a site's tagline there may repeat a <title> that is
# the site's own ("Springfield News - Local news, sport and weather").
MIN_FAR_UNIT = 5
LINK_MARK_RE = re.compile(r"\[\d+\]|\[[^\]]+\]\(")  # lynx's reference number, a markdown link


def find_title(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> int | None:
    """Index of the headline: a kept headline-like unit just before the article.

    Preference goes to a unit that repeats most words of the page's first
    unit (dumps start with the HTML <title>, "Headline - Site Name"), within
    TITLE_WINDOW kept units or TITLE_REACH further up, then to the nearest
    headline-like unit above the first paragraph that is no dateline, byline,
    reading time or captioned credit (``headline.metadata_like``) nor a caption
    over its credit line. When that unit is a summary in sentences and the unit
    right above it a headline, the headline is the one above.
    """
    bounds = article_bounds(lines, dropped_by)
    if bounds is None:
        return None
    start = bounds[0]
    kept_above = (i for i in range(start, -1, -1) if dropped_by[i] is None)  # share buttons take no room
    window = sorted(itertools.islice(kept_above, TITLE_WINDOW + 1))
    texts = {i: visible(lines[i].text) for i in window}
    candidates = [
        i for i in window if is_headline(texts[i]) and (i < start or not is_prose(texts[i])) and not _linked(texts[i])
    ]
    page_title = words_of(visible(lines[0].text))
    repeating = {i for i in candidates if repeats_title(texts[i], page_title)}
    named = [i for i in candidates if i in repeating or not metadata_like(texts[i])]
    candidates = named or candidates  # not a dateline, unless it repeats the <title> (a breadcrumb's last step)
    repeating.discard(0)  # the <title> line itself
    if repeating.isdisjoint(candidates):
        far = _title_repeat_above(lines, dropped_by, window[0], page_title)
        if far is not None:  # menus and buttons between it and the story pushed it out of the window
            return far
    if not candidates:
        return None
    # A photo's caption sits over its credit line ("Foto: Kay Nietfeld / dpa"): the headline is above it.
    candidates = [i for i in candidates if dropped_by[i + 1 : i + 2] != ["image-caption"]] or candidates
    if candidates[0] == 0 and _opens_story(lines, dropped_by):
        return 0
    repeat = next((i for i in reversed(candidates) if i in repeating), None)
    if repeat is not None:
        return repeat
    nearest = candidates[-1]
    # A summary in sentences under the headline: the headline is the kept unit right above it.
    above = window[window.index(nearest) - 1] if window.index(nearest) > 0 else None
    if above in candidates[:-1] and is_prose(texts[nearest]) and not is_prose(texts[above]):
        return above
    return nearest


def find_standfirst(lines: Sequence[Line], dropped_by: Sequence[str | None], title: int) -> int | None:
    """Index of the summary right under the headline, above the first paragraph, or None.

    The next kept unit after the headline, when it reads as prose and is no dateline,
    byline or captioned credit (``headline.metadata_like``): "Los arrendamientos suben
    un 11% ... cae un 20% en un año" under its headline. Page-chrome leaves it.
    """
    bounds = article_bounds(lines, dropped_by)
    if bounds is None or title >= bounds[0]:
        return None
    after = next((i for i in range(title + 1, bounds[0]) if dropped_by[i] is None), None)
    if after is None:
        return None
    text = visible(lines[after].text)
    return after if is_prose(text) and not metadata_like(text) else None


def _linked(text: str) -> bool:
    """True for a line a dump marked as a link: lynx's "[12]Share [13]Comment (5)", markdown's "[Share](/s)"."""
    return text.startswith("[") and LINK_MARK_RE.match(text) is not None


def _title_repeat_above(
    lines: Sequence[Line], dropped_by: Sequence[str | None], top: int, page_title: AbstractSet[str]
) -> int | None:
    """The nearest kept headline above ``top`` (at most TITLE_REACH kept units up) that repeats the <title>."""
    above = (i for i in range(top - 1, MIN_FAR_UNIT - 1, -1) if dropped_by[i] is None)
    for i in itertools.islice(above, TITLE_REACH):
        text = visible(lines[i].text)
        if is_headline(text) and repeats_title(text, page_title):
            return i
    return None


def _opens_story(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> bool:
    """``starts_with_story`` asked by the headline finder: the first unit is the headline, not a row under it.

    The article finder anchored the run there; a score row or dateline
    between the headline and the prose must not be taken for the headline.
    """
    values = unit_values(lines, dropped_by)
    value_tables(lines, dropped_by, values)
    return starts_with_story(as_units(lines).visible, dropped_by, values, lines)
