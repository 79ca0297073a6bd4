"""Where the article ends: what the run of prose leaves out at its end but belongs to the story.

The run of prose stops before units too short to count as prose: a list the
story announces, a data list or table it ends in, short closing sentences,
notes and credits. Each ``extend_*`` looks at the units right after the run
and moves its end past them, and only up to chrome a rule already dropped or
the end of the page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from cleanup.model import Line
from cleanup.text import lines as line_rules
from cleanup.text.about import about_start, notice_start, press_start, signed_bio_start
from cleanup.text.bio import bio_start
from cleanup.text.blocks import ends_like_sentence, is_prose, title_case, weight
from cleanup.text.closing import closing_sentence, ends_story, in_site_voice
from cleanup.text.headline import MAX_HEADLINE_CHARS
from cleanup.text.interview import extend_interview
from cleanup.text.patterns import WORD_RE
from cleanup.text.registry import rules_in
from cleanup.text.related import is_list_heading
from cleanup.text.signup import newsletter_start
from cleanup.text.site_blurb import site_blurb_start
from cleanup.text.teaser_list import related_start
from cleanup.text.ticker import ticker_start
from cleanup.text.units import as_units, visible

# A list announced by a colon at the article's end: at most this many items of this size.
MAX_ANNOUNCED_ITEMS = 80
MAX_ANNOUNCED_ITEM_CHARS = 200
# A data row holds at least MIN_ROW_NUMBERS numbers (text/article.py counts tables of them).
# A number: a digit not after a word character or a dot, then digits and separators, not
# followed by a word character. Spelled digit first ("\d(?<![\w.]\d)" is "(?<![\w.])\d"):
# re then scans for digits instead of trying the look-behind at every character.
NUMBER_RE = re.compile(r"\d(?<![\w.]\d)[\d.,:]*(?![\w])")
DIGIT_RE = re.compile(r"\d")
MIN_ROW_NUMBERS = 3
# A data list closing the story: rows with a digit or inner punctuation.
DATA_ROW_RE = re.compile(r"\d|\S[,:;(@–—]\s?\S")
MIN_DATA_ROWS = 3
# A data list the story ends in goes on past the run: rows (a digit and a word) with
# at most MAX_LIST_SUBHEADINGS other units in a row between them ("GIRLS SOCCER"),
# rows at least half of the units.
MAX_LIST_SUBHEADINGS = 2
ROW_WORD_RE = re.compile(r"[^\W\d_]{2}")
# Short sentences closing the story (too short for prose): at most this many,
# of at least this many words.
MAX_CLOSING_SENTENCES = 2
# Chrome that sits inside a story (a promo, an ad label, a caption): at most this many such units
# between the last paragraph and the closing sentences.
INLINE_CHROME = frozenset({"promo-line", "chrome-phrase", "image-caption", "embed-shortcode", "embed-title"})
MAX_INLINE_CHROME = 2
# Notes closing the story ("With Post wires", "* Dates may change"): at most this
# many units, each of at least MIN_NOTE_WORDS words and at most
# MAX_ANNOUNCED_ITEM_CHARS, or an attribution: a quote's or embedded post's
# signature ("— Jane Doe (@jdoe) May 2, 2019") or a bracketed credit line.
MAX_CLOSING_NOTES = 4
MIN_NOTE_WORDS = 3
ATTRIBUTION_PREFIXES = ("— ", "– ")

# What ends the article before the page's footer (run_end): each cut removes from its first unit
# on with its own reason, so --explain says a bio, a teaser list or a ticker went, and why.
BIO_REASON = "author bio or comment thread after the article, and the page after it"
RELATED_REASON = "other stories' teasers after the article, and the page after it"
TICKER_REASON = "news ticker after the article, and the page after it"
NOTICE_REASON = "privacy, cookie or legal notice after the article, and the page after it"
SIGNUP_REASON = "newsletter sign-up box after the article, and the page after it"
SITE_REASON = "the site's own blurb after the article, and the page after it"
PRESS_REASON = "press contact and the publisher's boilerplate after the release, and the page after it"


def extend_end(lines: Sequence[Line], dropped_by: Sequence[str | None], stop: int) -> int:
    """The article's end past an interview's last exchange, a list it announces, a data list that closes it,
    a short last sentence or notes."""
    extensions = (
        extend_interview,
        extend_announced_list,
        extend_data_list,
        extend_closing_sentences,
        extend_closing_notes,
        extend_last_table,
    )
    for extend in extensions:
        extended = extend(lines, dropped_by, stop)
        if extended > stop:
            # Closing sentences that stopped at a button may still have notes after them.
            return max(extended, extend_closing_notes(lines, dropped_by, extended))
    return stop


def extend_closing_sentences(lines: Sequence[Line], dropped_by: Sequence[str | None], stop: int) -> int:
    """Move ``stop`` past short sentences that end the story ("Work is due to begin in May.").

    They are too short to count as prose, so the run of prose stops before
    them. At most MAX_CLOSING_SENTENCES units that read as a sentence (not
    Title Case, ending like one) are taken, and only up to the end of the
    page, a unit that some rule already dropped, a button or a byline or date line (``closing.ends_story``):
    page chrome after a story is menus and links, not sentences. The sentences may also lead into a
    list they announce ("This game will help you!" / "The game has:" / items).
    """
    first = end = past_inline_chrome(dropped_by, stop)
    skipped = first > stop  # past a promo: one sentence, not in the site's voice, that ends the story
    most = 1 if skipped else MAX_CLOSING_SENTENCES
    while end < len(lines) and end - first < most and dropped_by[end] is None:
        text = visible(lines[end].text)
        if not closing_sentence(text) or (skipped and in_site_voice(text)):
            break
        end += 1
    if end == first:
        return stop
    ends_page = end == len(lines) or dropped_by[end] is not None or ends_story(visible(lines[end].text))
    if skipped and not ends_page:
        return stop
    if not ends_page and _announces(visible(lines[end].text)):
        listed = extend_announced_list(lines, dropped_by, end)
        return listed if listed > end else stop
    return end if ends_page else stop


def past_inline_chrome(dropped_by: Sequence[str | None], stop: int) -> int:
    """The first unit from ``stop`` on past at most MAX_INLINE_CHROME units that INLINE_CHROME rules dropped.

    A promo or an ad label between the last paragraph and a short closing sentence
    sits inside the story; the output, without it, ends in that sentence.
    """
    at = stop
    while at < len(dropped_by) and at - stop < MAX_INLINE_CHROME and dropped_by[at] in INLINE_CHROME:
        at += 1
    return at if at < len(dropped_by) and dropped_by[at] is None else stop


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
    return not title_case(words[1:])  # the first word is capitalised in any sentence


@functools.cache
def _metadata_rules() -> frozenset[str]:
    """Names of the rules that drop bylines and dates (their text goes to Result metadata)."""
    return frozenset(r.name for r in rules_in(line_rules) if r.metadata)


@functools.lru_cache(maxsize=16384)
def number_count(text: str) -> int:
    """How many numbers ``text`` holds (cached like the other unit features)."""
    return len(NUMBER_RE.findall(text)) if DIGIT_RE.search(text) else 0


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
        if not table_heading(lines[first].text):
            return stop
        first += 1
    end = first
    while end < len(lines) and end - first < MAX_ANNOUNCED_ITEMS and dropped_by[end] is None:
        text = visible(lines[end].text)
        if weight(text) > MAX_ANNOUNCED_ITEM_CHARS or not DATA_ROW_RE.search(text):
            break
        end += 1
    return end if end - first >= MIN_DATA_ROWS else stop


def table_heading(text: str) -> bool:
    """True for a short heading over a data list: no sentence, no related-stories heading."""
    heading = visible(text)
    return weight(heading) <= MAX_HEADLINE_CHARS and not ends_like_sentence(heading) and not is_list_heading(heading)


def end_before_cut(lines: Sequence[Line], dropped_by: Sequence[str | None], start: int, cut: int) -> int:
    """The run's end when an author bio or comment thread starts at ``cut``: its last prose unit, then ``extend_end``.

    The run of prose went on to the bio's or the thread's prose, over the
    chrome between them (share buttons, tags, a "Newsletter" promo); cut
    there, it would keep that chrome, which a page ending at ``cut`` leaves
    out. The run ends at its last prose unit or data row before ``cut``
    instead, and moves past the notes, closing sentences and lists after it
    as it would at the end of a page (the units from ``cut`` on are not
    looked at).

    >>> story = [Line(1, "Residents said they were not consulted, and some of them plan to appeal the decision."),
    ...          Line(2, "Buffer"), Line(3, "Pin"), Line(4, "Jane Doe is a reporter.")]
    >>> end_before_cut(story, [None] * 4, 0, 3)
    1
    >>> end_before_cut(story[:1] + [Line(2, "Work is due to begin in May next year.")] + story[3:], [None] * 3, 0, 2)
    2
    """
    texts = as_units(lines).visible
    last = next((i for i in range(cut - 1, start - 1, -1) if dropped_by[i] is None and _counts(texts[i])), None)
    if last is None:
        return cut
    return min(cut, extend_end(as_units(lines[:cut]), dropped_by[:cut], last + 1))


def _counts(text: str) -> bool:
    """True for a unit that the run of prose counts as article text: prose, or a data row."""
    return is_prose(text) or number_count(text) >= MIN_ROW_NUMBERS


def run_end(
    lines: Sequence[Line], dropped_by: Sequence[str | None], start: int, stop: int
) -> tuple[int, tuple[int, str] | None]:
    """Where the article run [start, stop) ends: ``extend_end``, but before a bio, comments, teasers or a ticker;
    and that cut (its first unit and reason), if any.

    Before such a cut the run ends as it would on a page that ends there
    (``end_before_cut``), so the story's output, cleaned again, ends the same.
    Teasers are looked for only up to the first other cut: a comment thread
    under them is no teaser, and read as one it kept the teasers in.
    """
    end = extend_end(lines, dropped_by, stop)
    found = [
        (bio_start(lines, dropped_by, start, end), BIO_REASON),
        (about_start(lines, dropped_by, start, end), BIO_REASON),
        (signed_bio_start(lines, dropped_by, start, end), BIO_REASON),
        (site_blurb_start(lines, dropped_by, start, end), SITE_REASON),
        (newsletter_start(lines, dropped_by, start, end), SIGNUP_REASON),
        (notice_start(lines, dropped_by, start, end), NOTICE_REASON),
        (press_start(lines, dropped_by, start, end), PRESS_REASON),
        (ticker_start(lines, dropped_by, start, end), TICKER_REASON),
    ]
    before = min((at for at, _ in found if at), default=end)
    found.append((related_start(lines, dropped_by, start, before), RELATED_REASON))
    cuts = [(at, reason) for at, reason in found if at]
    if not cuts:
        return end, None
    cut = min(cuts)
    return end_before_cut(lines, dropped_by, start, cut[0]), cut
