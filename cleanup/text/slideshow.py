"""A photo gallery's slides in a dump: "1/50 Title", a caption, a credit, "2/50 Title", ...

A site often puts a gallery of other news into or under a story ("Business news in pictures"), each
slide a counter and a title, then its caption. The captions read as prose, so the run of prose takes
fifty of them with the story. ``slideshow`` drops the slides, from the gallery's heading (at most
MAX_HEADING_UNITS short units right above the first counter, none ending like a sentence or in a
colon: "The newly selected five are:" announces the gallery in the story's words) to the last
slide's caption (at most as many units after its counter as a slide takes on average, of which one
paragraph at most: a last slide with no credit line leaves the story's next paragraph alone); the
story goes on after it where it does. Slides right under a kept paragraph,
with no heading between ("1/5 Paris" under a travel story's intro), are the story's own numbered
list, and stay.

The counters must count one gallery: the same total on each, at least MIN_SLIDES of them, from 1
upwards in order ("01/17 Terry: ..." and "01/09 ...", a guest book's dates, count nothing). A
gallery that is the story itself ("In pictures: ...", an intro and the slides) has little prose
before its first slide: MIN_STORY_CHARS of the story's prose must come before it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from cleanup.model import Line
from cleanup.text.blocks import ends_like_sentence, is_prose, prose_weight
from cleanup.text.registry import TEXT, Span, block_rule
from cleanup.text.units import as_units

# A slide's counter opens its unit: "1/50", "1 / 50", "1 of 50", "Bild 1 von 50" (a word before the
# number is read past): the number, a separator, the total.
SLIDE_RE = re.compile(
    r"(?:[^\W\d_]{1,15}\s{1,3})?(\d{1,3})\s*(?:/|of|von|de|di|sur|z|van|av|из)\s*(\d{1,3})(?=\s|$)", re.I
)
MIN_SLIDES = 3
MIN_STORY_CHARS = 800  # a gallery's own intro is a paragraph or two
MAX_HEADING_UNITS = 3  # "Business news in pictures" / "50 show all" / "Business news in pictures"
MAX_HEADING_CHARS = 60
REASON = "a photo gallery's slides: counters, titles and captions"
COUNTER_CHARS = 24  # SLIDE_RE's word (15 letters) and spaces (3), then the number (with its zeros) start in these


def _slides(texts: Sequence[str]) -> list[tuple[int, int, int]]:
    """(unit, number, total) of every unit that opens with a slide counter; none without a first slide.

    A first slide's counter holds a "1": most pages have no unit with one in its first COUNTER_CHARS
    characters that matches, and a substring test (C-level) rules most units out before the pattern.
    """
    match = SLIDE_RE.match
    if not any("1" in t[:COUNTER_CHARS] and (m := match(t)) and int(m[1]) == 1 for t in texts):
        return []
    matches = ((i, match(t)) for i, t in enumerate(texts))
    return [(i, int(m[1]), int(m[2])) for i, m in matches if m and 0 < int(m[1]) <= int(m[2])]


def _gallery(texts: Sequence[str], dropped_by: Sequence[str | None]) -> tuple[int, int] | None:
    """[first, end) of the first gallery's slides after MIN_STORY_CHARS of prose, or None."""
    slides = _slides(texts)
    for k, (first, number, total) in enumerate(slides):
        counted = [(i, n) for i, n, t in slides[k:] if t == total]
        if number != 1 or len(counted) < MIN_SLIDES or [n for _, n in counted[:MIN_SLIDES]] != [1, 2, 3]:
            continue
        if prose_weight(texts, (j for j in range(first) if dropped_by[j] is None)) < MIN_STORY_CHARS:
            return None  # the gallery is the story
        run = [i for pos, (i, n) in enumerate(counted, 1) if n == pos]  # the counters numbered as they come
        return first, _last_slide_end(texts, run)
    return None


def _last_slide_end(texts: Sequence[str], run: Sequence[int]) -> int:
    """End of the last slide, whose counter is ``run[-1]``: as many units as a slide takes on average, of
    which one paragraph at most, its caption, right under the counter (and only if the other slides' captions
    are paragraphs): a paragraph after it is the story's, when the last slide has no credit line."""
    last = run[-1]
    end = min(len(texts), last + round((last - run[0]) / (len(run) - 1)))
    prose_captions = any(is_prose(t) for a, b in itertools.pairwise(run) for t in texts[a + 1 : b])
    return next((j for j in range(last + 1, end) if is_prose(texts[j]) and (j > last + 1 or not prose_captions)), end)


@block_rule("slideshow", kinds=(TEXT,))
def slideshow(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> Iterator[Span]:
    """A photo gallery's slides, from its heading to the last caption (see the module).

    >>> story = ["The council met on Tuesday and voted to close the old bridge for repairs until May. " * 4]
    >>> slides = ["In pictures", "1/3 Closed", "Cars queue.", "2/3 Mayor", "She spoke.", "3/3 Work", "Men dig."]
    >>> page = [Line(i + 1, t) for i, t in enumerate(story * 3 + slides + story)]
    >>> list(slideshow(page, [None] * len(page)))
    [(3, 10, "a photo gallery's slides: counters, titles and captions")]
    >>> dates = ["01/17 Terry: are you coming back?", "01/09 Ann: lovely photos", "01/05 Bo: thanks"]
    >>> page = [Line(i + 1, t) for i, t in enumerate(story * 3 + dates)]
    >>> list(slideshow(page, [None] * len(page)))
    []
    """
    texts = as_units(lines).visible
    found = _gallery(texts, dropped_by)
    if found is None:
        return
    first, end = found
    head = first
    while (
        first - head < MAX_HEADING_UNITS
        and head > 0
        and dropped_by[head - 1] is None
        and len(texts[head - 1]) <= MAX_HEADING_CHARS
        and not ends_like_sentence(texts[head - 1])  # "The newly selected five are:" is the story's
    ):
        head -= 1
    if head == first and dropped_by[first - 1] is None and not SLIDE_RE.fullmatch(texts[first]):
        return  # titled, right under the story's own line, no heading: the story's numbered list ("1/5 Paris")
    yield head, end, REASON
