"""Neighbour rules: decisions that need the units around a line (jusText's second pass)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet

from cleanup.model import Line
from cleanup.text import patterns as P
from cleanup.text.registry import Span, block_rule
from cleanup.text.sentence import ends_like_sentence, is_word_list
from cleanup.text.threads import thread_lines
from cleanup.text.units import as_units, visible

# A unit is *prose* when it reads like a sentence: long enough and ending like
# one, or long with inner punctuation. Counted in characters, with CJK
# characters weighted by CJK_WEIGHT because one carries about a word.
MIN_PROSE_CHARS = 60
MIN_LONG_PROSE_CHARS = 160  # past this, inner punctuation is enough
INNER_PUNCT_RE = re.compile(r"[.,;:!?，。、](?:\s|$)")
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
CJK_WEIGHT = 3
# A title next to an embed: short, no sentence ending, mostly Capitalised Words.
MAX_TITLE_CHARS = 120
# The headline repeats the page <title>: at least this share of its words are
# title words, and it holds at least this share of the title's words (the
# rest is the site name).
MIN_HEADLINE_WORDS = 3
MIN_TITLE_OVERLAP = 0.7
MIN_TITLE_COVER = 0.5
MAX_REPEATED_TITLE_CHARS = 300
MIN_TITLE_CASE_SHARE = 0.6  # of words of 4+ letters


def weight(text: str) -> int:
    """Length of ``text`` in characters, CJK characters counted CJK_WEIGHT times."""
    if text.isascii():
        return len(text)
    return _weight(text)


@functools.lru_cache(maxsize=8192)
def _weight(text: str) -> int:
    # Cached: counting CJK characters scans the text, and a unit is weighed by is_prose
    # and again by the article finder.
    return len(text) + (CJK_WEIGHT - 1) * len(CJK_RE.findall(text))


@functools.lru_cache(maxsize=8192)
def is_prose(text: str) -> bool:
    """True when ``text`` reads like a sentence rather than a link, label or headline.

    >>> is_prose("The two leaders appeared more aligned on how to move forward than expected.")
    True
    >>> is_prose("Senate report piles on new allegations of Boeing safety failures")
    False
    """
    n = weight(text)
    if n < MIN_PROSE_CHARS:
        return False
    if n >= MIN_LONG_PROSE_CHARS and is_word_list(text):
        return False
    if ends_like_sentence(text):
        return True
    return n >= MIN_LONG_PROSE_CHARS and len(INNER_PUNCT_RE.findall(text)) >= 2


# Chrome a story holds between its paragraphs, stepped over when reading what is next to a unit.
INLINE_STEPPED = frozenset({"image-caption", "embed-shortcode", "embed-title", "promo-line", "share-widget"})
BAR_WORDS = P.SOCIAL_TOKENS | P.SOCIAL_FILLER  # a share bar's buttons: "Like", "Print", "Copy link"


def inside_story(texts: Sequence[str], dropped_by: Sequence[str | None], i: int) -> bool:
    """True when unit ``i`` sits between two of the story's paragraphs: a kept paragraph right above
    it and right under it, inline chrome (a caption, a promo, share buttons: ``_stepped``) stepped over.

    A comment thread, a sign-up form or a notice starts with short units (a name, a date, a
    field, a sort button); a share bar's "34 Comments" inside a story has the story under it.

    >>> p = "The council met on Tuesday and voted to close the old bridge for repairs."
    >>> inside_story([p, "34 Comments", p], [None] * 3, 1), inside_story([p, "34 Comments", "Jo Roe", p], [None] * 4, 1)
    (True, False)
    """
    above = next((j for j in range(i - 1, -1, -1) if not _stepped(texts, dropped_by, j)), None)
    return (
        above is not None
        and dropped_by[above] is None
        and is_prose(texts[above])
        and paragraph_after(texts, dropped_by, i)
    )


def widget_in_story(lines: Sequence[Line], dropped_by: Sequence[str | None], i: int) -> bool:
    """True when unit ``i`` (a comment counter, a form's notice) is a widget between two of the story's
    paragraphs (``inside_story``) and no thread's own lines ("Reply", "joe says:") follow it: a thread
    whose comments carry no name opens with a comment under its counter, which reads as a paragraph."""
    texts = as_units(lines).visible
    return inside_story(texts, dropped_by, i) and thread_lines(lines, i + 1) < P.MIN_COMMENT_MARKERS


def paragraph_after(texts: Sequence[str], dropped_by: Sequence[str | None], i: int) -> bool:
    """True when the unit after ``i``, inline chrome stepped over, is a kept paragraph: the story goes on."""
    under = next((j for j in range(i + 1, len(texts)) if not _stepped(texts, dropped_by, j)), None)
    return under is not None and dropped_by[under] is None and is_prose(texts[under])


def _stepped(texts: Sequence[str], dropped_by: Sequence[str | None], j: int) -> bool:
    """True for unit ``j`` when it is inline chrome a rule dropped, or a share bar's button no rule took
    alone ("Like", "Print", "Save": social words too weak for ``share-widget`` on their own)."""
    if dropped_by[j] is not None:
        return dropped_by[j] in INLINE_STEPPED
    if len(texts[j]) > P.MAX_SHARE_CHARS:
        return False
    words = P.WORD_RE.findall(texts[j].lower())
    return bool(words) and all(w in BAR_WORDS for w in words)


def prose_weight(texts: Sequence[str], indices: Iterable[int]) -> int:
    """Weight of the prose among ``texts[i]`` for ``i`` in ``indices``: how much story a stretch holds.

    >>> prose_weight(["Menu", "The council met on Tuesday and voted to close the old bridge for repairs."], [0, 1])
    73
    """
    return sum(weight(texts[i]) for i in indices if is_prose(texts[i]))


LIST_HEADING_TAIL = " :»›>|-–—"  # stripped from a list heading's end ("Related:", "More »")


def is_list_heading(text: str) -> bool:
    """True for the heading of a link list ("Most Read", "Related:", "More »") on a visible text.

    >>> is_list_heading("Related:"), is_list_heading("Related work by the council")
    (True, False)
    """
    return P.LIST_HEADING_RE.fullmatch(text.rstrip(LIST_HEADING_TAIL)) is not None


def is_title_case(text: str) -> bool:
    """True when most words of four or more letters start with a capital.

    >>> is_title_case("Senate Report Piles On New Allegations"), is_title_case("The council voted on Tuesday")
    (True, False)
    """
    return title_case(P.WORD_RE.findall(text))


def title_case(words: Sequence[str]) -> bool:
    """True when most of ``words`` of four or more letters start with a capital (False when there are none)."""
    long_words = [w for w in words if len(w) >= 4]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= MIN_TITLE_CASE_SHARE


@functools.lru_cache(maxsize=16384)
def words_of(text: str) -> frozenset[str]:
    """Lower-cased words of ``text`` (cached: the article finder asks several times per unit)."""
    return frozenset(P.WORD_RE.findall(text.lower()))


def repeats_title(text: str, title: AbstractSet[str]) -> bool:
    """True when ``text`` is the page's headline: most of its words are the <title>'s.

    ``title`` holds the words of the page's first unit (dumps start with the
    HTML <title>, "Headline - Site Name").
    """
    if not title or weight(text) > MAX_REPEATED_TITLE_CHARS:
        return False
    words = words_of(text)
    if len(words) < MIN_HEADLINE_WORDS:
        return False
    shared = len(words & title)
    return shared / len(words) >= MIN_TITLE_OVERLAP and shared / len(title) >= MIN_TITLE_COVER


@block_rule("embed-title")
def embed_title(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> Iterator[Span]:
    """The title of a related video or story printed next to its embed shortcode.

    Only a short, Title-Case line without a sentence ending, directly before
    the embed, is dropped: a sentence or a lower-case subheading stays.
    """
    if "embed-shortcode" not in dropped_by:
        return  # most pages: no shortcode, nothing to look at
    for i in range(1, len(lines)):
        if dropped_by[i] != "embed-shortcode" or dropped_by[i - 1] is not None:
            continue
        text = visible(lines[i - 1].text)
        if len(text) <= MAX_TITLE_CHARS and not ends_like_sentence(text) and is_title_case(text):
            yield i - 1, i, "title of an embedded video or related story"


# A byline lead alone on its line ("By", "Por", "Autor:"), the name on the next: the packs' byline
# leads, less the words that are also common nouns on a line of their own ("Door", "Text", "Haber").
NOT_ALONE_LEADS = frozenset({"door", "text", "tekst", "haber", "di", "oprac."})
# The name: up to MAX_NAME_WORDS capitalised words, name particles and joins ("Ana de la Vega y Luis Pérez").
NAME_JOINS = frozenset(
    {"de", "da", "van", "von", "der", "del", "la", "le", "di", "bin", "al", "and", "&", "und", "et", "e", "y"}
)
MAX_NAME_WORDS = 8
MAX_NAME_CHARS = 60
DATE_RULE = "date-line"  # the line rule that drops a publication date
MIN_PERSON_WORDS, MAX_PERSON_WORDS = 2, 3  # "Katarzyna Nowak", "Jan de Vries"; not "Home Music Music News"
MAX_PROSE_ABOVE_NAME = 3  # the standfirst, and a cookie notice's paragraphs above the story
NAME_ARTICLES = frozenset(P.WORDS["site_name_articles"])  # "The Associated Press" is no person
MAX_PROSE_ABOVE_BYLINE = 1  # kept paragraphs above a two-line byline (a standfirst); past them, the story


def is_name(text: str) -> bool:
    """True for a line that is only a name or two: capitalised words, particles, joins; no digit, no sentence end.

    >>> is_name("César Salza"), is_name("Ana de la Vega y Luis Pérez"), is_name("the council met.")
    (True, True, False)
    """
    words = text.replace(",", " ").split()
    return (
        0 < len(words) <= MAX_NAME_WORDS
        and len(text) <= MAX_NAME_CHARS
        and words[0][0].isupper()
        and all((w[0].isupper() and not any(c.isdigit() for c in w)) or w in NAME_JOINS for w in words)
        and not ends_like_sentence(text)
    )


def _name_over_date(texts: Sequence[str], dropped_by: Sequence[str | None]) -> int | None:
    """Index of a person's name (two or three words, none twice, no article: not "The Associated Press") over the
    page's first date line, a paragraph (the standfirst) the nearest kept unit above it, at most
    MAX_PROSE_ABOVE_NAME paragraphs (a cookie notice's too) above it; or None."""
    i = next((k for k, rule in enumerate(dropped_by) if rule == DATE_RULE), 0) - 1
    words = texts[i].split() if i > 0 and dropped_by[i] is None else []
    if not MIN_PERSON_WORDS <= len(words) <= MAX_PERSON_WORDS or words[0].lower() in NAME_ARTICLES:
        return None
    if len(set(words)) < len(words) or not is_name(texts[i]):
        return None
    above = [j for j in range(i) if dropped_by[j] is None]
    if not above or not is_prose(texts[above[-1]]):
        return None
    return i if sum(1 for j in above if is_prose(texts[j])) <= MAX_PROSE_ABOVE_NAME else None


@functools.lru_cache(maxsize=64)
def _alone_leads(rules_dirs: tuple[str, ...] = ()) -> frozenset[str]:
    """The leads a line may hold alone, lower-cased, with and without a colon ("by", "autor:", "autor :").

    ``rules_dirs``: the language packs there extend the bundled ones.
    """
    from cleanup import lang

    leads = frozenset(lead.lower() for lead in lang.words("byline-lead", None, rules_dirs)) - NOT_ALONE_LEADS
    return leads | {lead + ":" for lead in leads} | {lead + " :" for lead in leads}


@block_rule("split-byline", metadata="byline")
def split_byline(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> Iterator[Span]:
    """A byline printed over two lines: the lead alone ("By", "Por", "Autor:"), the name under it.

    A dump of a page whose byline links the name puts the link on a line of its
    own; the byline rule reads a line at a time and sees neither half as a byline.
    The lead must be alone on its line, the next line the other rules kept a name
    (capitalised words), and the pair above the story: at most MAX_PROSE_ABOVE_BYLINE
    paragraphs (a standfirst) above it. Inside a story, "Author" over "Richard
    Powers" is the story's own text.

    A name with no lead right over the page's first date line, under the standfirst ("Katarzyna
    Nowak" / "14 maja 2024, 16:20"), is the byline too: the standfirst made the story's run start
    above it. With no paragraph right above it, a name-like line over the date is the headline
    ("Council Approves Plan").
    """
    units = as_units(lines)
    lows, texts = units.lows, units.visible
    named = _name_over_date(texts, dropped_by)
    if named is not None:
        yield named, named + 1, "author's name over the date line, under the standfirst"
    leads, prose = _alone_leads(units.rules_dirs), 0
    if leads.isdisjoint(lows):
        return  # most pages: no lead alone on a line (one set lookup per line, in C)
    for i in range(len(lines) - 1):
        if dropped_by[i] is not None or i == named:
            continue
        if lows[i] in leads:
            name = next((j for j in range(i + 1, len(lines)) if dropped_by[j] is None), None)
            if name is not None and lows[name] not in leads and is_name(texts[name]):
                yield i, name + 1, "author byline over two lines"
        elif is_prose(texts[i]):
            prose += 1
            if prose > MAX_PROSE_ABOVE_BYLINE:
                return
