"""Where the article ends before the site's list of other stories: a related heading, then teasers.

Teasers with a one-line summary each ("Joker killed at the box office.") read as prose, so the
run of prose goes on from the story into them. ``related_start`` finds the list's heading; the
article run stops there (``article_end.run_end``).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

from cleanup import lang
from cleanup.model import Line
from cleanup.text.blocks import is_prose, prose_weight, weight
from cleanup.text.related import heading_like, is_list_heading, is_pack_heading
from cleanup.text.sentence import SENTENCE_MARKS
from cleanup.text.site_blurb import more_of_site, site_names
from cleanup.text.units import as_units

# The site's list of other stories after the article: a related heading, then teasers: at least
# MIN_TEASER_HEADLINES units that are no prose (headlines, names, dates), and prose units of at
# most MAX_TEASER_CHARS only (one-line summaries; a story's own paragraphs run longer).
MIN_TEASER_HEADLINES = 2
MAX_TEASER_CHARS = 320
# ...and of fewer than MAX_TEASER_SENTENCES sentences: a summary is a sentence or two, a closing
# section's paragraph under its subheading ("Hoe nu verder?") says three things.
MAX_TEASER_SENTENCES = 3
SENTENCE_BREAK_RE = re.compile(rf"[{SENTENCE_MARKS}](?=[\s\"”’»)]*(?:\s[^\W\d_]|$))")
# A teaser that ends in its own link ("… diagnostics New research uses … Read now", "… Weiterlesen »"):
# a read-more phrase of two words or more at its very end, after a space or an ellipsis, no full stop.


@functools.lru_cache(maxsize=64)
def read_more_tail_re(rules_dirs: tuple[str, ...] = ()) -> re.Pattern[str]:
    """The read-more tail of a teaser, from the packs' read-more phrases (those in ``rules_dirs`` too)."""
    phrases = sorted(lang.words("read-more", None, rules_dirs), key=len, reverse=True)
    return re.compile(
        r"[\s…](?:" + "|".join(re.escape(w) for w in phrases if " " in w) + r")\s*[»›→>]?$", re.IGNORECASE
    )


READ_MORE_TAIL_CHARS = 48  # the tail is looked for in this many last characters
SENTENCE_ENDS = frozenset(SENTENCE_MARKS + '"”)')
# A related heading may already be gone with its headlines, or as a chrome phrase.
HEADING_DROPS = (None, "chrome-phrase", "related-list", "promo-line")


def related_start(lines: Sequence[Line], dropped_by: Sequence[str | None], start: int, stop: int) -> int | None:
    """Index in [start, stop) where the site's list of other stories starts, or None.

    Teasers with a one-line summary each ("Joker killed at the box office.")
    read as prose, so the run of prose goes on from the story into them. A
    related-stories heading ("Related coverage", "More from …", "Mehr zum
    Thema") after the story's first prose opens such a list when all that
    follows it in the run is teasers (``_teasers_only``) and the story above
    it holds at least as much prose as the list. A "Related" box inside a
    story, with the story's paragraphs after it, is not a list's start.
    """
    found = as_units(lines)
    texts, lows, headings, dirs = found.visible, found.lows, heading_like(found), found.rules_dirs
    first = next((i for i in range(start, stop) if dropped_by[i] is None and is_prose(texts[i])), None)
    if first is None:
        return None
    title = texts[0] if texts and site_names(texts[0]) else ""  # no site name in it: no "More {site}" to look for
    for i in range(first + 1, stop):
        if dropped_by[i] not in HEADING_DROPS or not _related_heading(texts[i], lows[i], i in headings, dirs, title):
            continue
        rest = [j for j in range(i + 1, stop) if dropped_by[j] is None]
        listed = sum(1 for j in range(i + 1, stop) if dropped_by[j] == "related-list")
        after = prose_weight(texts, rest)
        before = prose_weight(texts, (j for j in range(first, i) if dropped_by[j] is None))
        if after and _teasers_only([texts[j] for j in rest], dirs, listed) and before >= after:
            return i
    return None


@functools.lru_cache(maxsize=4096)
def ends_in_read_more(text: str, rules_dirs: tuple[str, ...] = ()) -> bool:
    """True for a teaser that ends in its own read-more link: whatever its length, it is no paragraph of a story.

    >>> ends_in_read_more("Pets benefit our mental health A review lists the many ways in which pets help. Read now")
    True
    >>> ends_in_read_more("The council said residents who want to read more can ask for the full report.")
    False
    """
    if text[-1:] in SENTENCE_ENDS:
        return False  # a link's label has no full stop: most units end like a sentence and are not searched
    return read_more_tail_re(rules_dirs).search(text[-READ_MORE_TAIL_CHARS:]) is not None


def _related_heading(
    text: str, low: str, english_like: bool, rules_dirs: tuple[str, ...] = (), title: str = ""
) -> bool:
    """A related-stories heading: the English patterns ("More from …"), a language pack's ("Você pode gostar"),
    or "More" and the site's name (``more_of_site``).

    ``low`` is the text lower-cased; ``english_like``: the unit passes ``heading_like``, the
    cheap test for the English patterns; ``rules_dirs``: a user's packs there extend the bundled ones;
    ``title``: the page's <title>, the dump's first unit (``site_blurb.site_names``).
    """
    return (
        (english_like and is_list_heading(text)) or is_pack_heading(text, low, rules_dirs) or more_of_site(text, title)
    )


def _teasers_only(texts: Sequence[str], rules_dirs: tuple[str, ...] = (), listed: int = 0) -> bool:
    """True when ``texts`` read as teasers: short prose, never two in a row, and MIN_TEASER_HEADLINES other units.

    A unit that ends in a read-more link (``ends_in_read_more``) is a teaser, not prose, however long;
    ``rules_dirs``: the language packs there add read-more phrases. ``listed``: headlines under the
    heading that ``related-list`` already took (it stops at the first teaser's summary, "Mehr zum
    Thema" / a headline / "Eltern warten ein Jahr auf einen Platz."); they count as headlines when
    one headline at least is left among ``texts``: a story's last paragraph under a "Related" box
    of two headlines is no teaser.

    >>> summary = "Joker killed at the box office, and the critics still argue why."
    >>> _teasers_only(["What made Joker so popular?", "Madeline Fry", summary, "Perdue: the agenda", "Sen. Perdue"])
    True
    >>> story = "The council will vote again in May, and the mayor said she expects the plan to pass."
    >>> _teasers_only(["Council votes", "Mayor speaks", story, story])
    False
    >>> _teasers_only([summary, "Perdue: the agenda"], listed=1), _teasers_only([story], listed=2)
    (True, False)
    """
    flags = [is_prose(t) and not ends_in_read_more(t, rules_dirs) for t in texts]
    if any(a and b for a, b in itertools.pairwise(flags)):
        return False  # two paragraphs in a row: the story goes on
    prose = [t for t, flag in zip(texts, flags, strict=True) if flag]
    headlines = len(texts) - len(prose)
    return (
        headlines > 0
        and headlines + listed >= MIN_TEASER_HEADLINES
        and all(
            weight(t) <= MAX_TEASER_CHARS and len(SENTENCE_BREAK_RE.findall(t)) < MAX_TEASER_SENTENCES for t in prose
        )
    )
