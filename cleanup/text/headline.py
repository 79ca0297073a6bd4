"""The headline of a text dump: lines that repeat the page <title> (its first line).

html-text style dumps start with the page's <title> ("Headline - Site"); the
headline shows again right above the story. Finding the repeats cheaply
matters: the quick first guess and the article finder both ask.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from cleanup.text.blocks import MIN_HEADLINE_WORDS, is_prose, repeats_title, weight, words_of
from cleanup.text.credits import CAPTION_CREDIT_END_RE, CREDIT_TAIL_RE
from cleanup.text.patterns import PACK_BYLINE_LEADS, PACK_DATE_LEADS, TITLE_SEPARATOR_RE, WORD_RE, WORDS
from cleanup.text.units import holding_in_order

MAX_TITLE_WORDS = 40
TITLE_FIRST_CHUNK = 16  # lines; the headline is usually near the top
MAX_HEADLINE_CHARS = 250
# What a headline does not hold: a clock time, a numeric date ("Madrid - 04 jul 2024 - 05:40 CEST",
# "6. 7. 2024 9:15", "Giriş: 06.07.2024 - 10:45"), a reading time ("Temps de lecture 4 min.").
DATED_RE = re.compile(
    r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])|(?<!\d)\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}(?!\d)"
    r"|(?<!\d)\d{1,2}/\d{1,2}/(?:19|20)?\d{2}(?!\d)|(?<!\d)(?:19|20)\d{2}-\d{2}-\d{2}(?!\d)",
)
# Every match of DATED_RE holds a digit: a cheap test first (its branches open with look-behinds).
DIGIT_RE = re.compile(r"\d")
# A reading time ("Temps de lecture 4 min.", "Lesezeit: 3 Min."): a short line ending in it.
READING_TIME_RE = re.compile(r"(?<!\d)\d{1,3}\s?(?:min|mins|minutes?|minuten|minutos|minuti|minuter)\.?$", re.I)
MAX_READING_TIME_WORDS = 6
# The packs' byline and date-line leads, lower-cased and followed by a space ("par ", "a cura di ",
# "pubblicato ", "last updated "): a whole lead, not its first word ("First 100 days" is a headline).
BYLINE_LEADS = tuple(f"{lead.lower()} " for lead in PACK_BYLINE_LEADS)
DATE_LEADS = tuple(f"{lead.lower().rstrip(':')}{end}" for lead in PACK_DATE_LEADS for end in (" ", ":"))
# A byline's name: one to three capitalised words (a headline in Title Case runs longer).
MAX_NAME_WORDS = 3
NAME_PARTICLES = frozenset(WORDS["name_particles"])  # "Jan de Vries"
NAME_END_RE = re.compile(r"\s*[(,|]|\s[-–—]\s")
# A breadcrumb's steps ("Home > Tech > News", "首页 >> 教育资讯 >> 正文") are no headline either.
BREADCRUMB_RE = re.compile(r"\s(?:>>?|»|›|/|\|)\s")
MIN_BREADCRUMB_STEPS = 2


def title_repeats(
    texts: Sequence[str], dropped_by: Sequence[str | None] | None = None, lows: Sequence[str] | None = None
) -> Iterator[int]:
    """Indexes of the kept lines after the first that repeat it, the page <title>, in order.

    ``texts`` are visible texts (``visible_all``), ``lows`` the same lower-cased
    when the caller has them.

    Candidates are found with plain substring search for the title's longer
    words (one of them must be in a line that holds half the title's words),
    then checked with ``repeats_title`` one by one, as the caller asks for
    them. A photo caption ending in its credit ("... - Image: Jane Doe") is
    no repeat, however many of the title's words it holds. The page is
    lower-cased and searched a chunk at a time, the first TITLE_FIRST_CHUNK
    lines, then twice as many as before each time: a caller that wants the
    first repeat (usually near the top) stops early. Only the kept lines short
    enough for a headline are lower-cased and searched.
    """
    plan = _title_plan(texts[0]) if texts else None
    if plan is None:
        return
    title, head, keys = plan
    lo, size = 1, TITLE_FIRST_CHUNK
    while lo < len(texts):
        # Only a kept line of MAX_HEADLINE_CHARS or fewer is looked at: the others (most of a chunk's
        # characters, its paragraphs) are neither lower-cased nor searched.
        short = [
            i
            for i in range(lo, min(lo + size, len(texts)))
            if len(texts[i]) <= MAX_HEADLINE_CHARS and (dropped_by is None or dropped_by[i] is None)
        ]
        chunk = [texts[i] for i in short]
        for k in holding_in_order(chunk, keys, None if lows is None else [lows[i] for i in short]):
            text = chunk[k]
            if (repeats_title(text, title) or (head and repeats_title(text, head))) and not CREDIT_TAIL_RE.fullmatch(
                text
            ):
                yield short[k]
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


def is_headline(text: str) -> bool:
    """True for a unit that can be a headline: a few words, not a running sentence."""
    return weight(text) <= MAX_HEADLINE_CHARS and len(WORD_RE.findall(text)) >= MIN_HEADLINE_WORDS


def metadata_like(text: str) -> bool:
    """True for a short line above a story that is its metadata, not its headline.

    A dateline or time ("Madrid - 04 jul 2024 - 05:40 CEST"), a reading time, a
    photo caption ending in its credit ("... nel quartiere Borgo (ansa)"), a
    date line after its lead word ("Pubblicato da Giuseppina Russo il 3 luglio 2024"),
    a byline with a name after its lead word ("Par Laurence Girard (Chartres, envoyée
    spéciale)"). The text finder's headline is the nearest headline-like line above the
    story that is none of these (``title.find_title``).

    >>> metadata_like("Madrid - 04 jul 2024 - 05:40 CEST"), metadata_like("Door Sanne Vermeulen")
    (True, True)
    >>> metadata_like("Door hevige regen lopen kelders onder"), metadata_like("A Fantástica Loja dos Materiais")
    (False, False)
    >>> metadata_like("Di Maria scores twice as Argentina win"), metadata_like("First 100 days of the new mayor")
    (False, False)
    >>> metadata_like("Meet the new cabinet and its 12 ministers"), metadata_like("Temps de lecture 4 min.")
    (False, True)
    >>> metadata_like("Un cartel en Lavapiés, el pasado junio. CLAUDIO ÁLVAREZ"), metadata_like("Police raid (VIDEO)")
    (True, False)
    """
    if (DIGIT_RE.search(text) and DATED_RE.search(text)) or len(BREADCRUMB_RE.findall(text)) >= MIN_BREADCRUMB_STEPS:
        return True
    if CAPTION_CREDIT_END_RE.search(text):  # a photo's caption ending in its credit
        return True
    if READING_TIME_RE.search(text) and len(text.split()) <= MAX_READING_TIME_WORDS:
        return True
    low = text.lower()
    if low.startswith(DATE_LEADS) and any(c.isdigit() for c in text):
        return True
    if not low.startswith(BYLINE_LEADS):  # one C-level test before the lead is picked out
        return False
    lead = next(lead for lead in BYLINE_LEADS if low.startswith(lead))
    name = NAME_END_RE.split(text[len(lead) :], maxsplit=1)[0].split()  # "Laurence Girard (Chartres, ...)"
    return 0 < len(name) <= MAX_NAME_WORDS and all(w[:1].isupper() or w in NAME_PARTICLES for w in name)
