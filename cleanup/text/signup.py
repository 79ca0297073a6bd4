"""Where the article ends before a newsletter sign-up box: its heading, a pitch, the e-mail field.

A sign-up box under a story ("Iscriviti alla newsletter" / "Ogni mattina le notizie più importanti
direttamente nella tua casella di posta." / "La tua email" / "Iscriviti") has a heading a rule
drops, but its pitch reads as prose, so the run of prose goes on into it. A heading that a
language pack's ``newsletter`` phrase (or the English promo rule, with the word "newsletter")
dropped ends the article when all the prose the run holds after it is a short pitch: at most
MAX_PITCH_UNITS units of at most MAX_PITCH_CHARS, one of them speaking of a newsletter, an inbox
or subscribing (``signup_words``). A promo inside the story, with the story's paragraphs after it, is
no end: the story's last one or two paragraphs under a box say nothing of the sort.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from cleanup import lang
from cleanup.model import Line
from cleanup.text.blocks import is_prose, prose_weight, weight
from cleanup.text.patterns import WORDS
from cleanup.text.units import as_units

SIGNUP_DROPS = ("chrome-phrase", "promo-line")  # the rules that drop a sign-up heading
MAX_PITCH_UNITS = 2
MAX_PITCH_CHARS = 250
MIN_STORY_CHARS = 200  # prose of the story above the box, as text/about.py asks
NEWSLETTER_GROUPS = ("newsletter",)
SIGNUP_WORD_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, WORDS["signup_words"])) + ")", re.IGNORECASE)


def is_signup_heading(text: str, rule: str | None, rules_dirs: tuple[str, ...] = ()) -> bool:
    """True for a newsletter sign-up heading that ``rule`` dropped.

    >>> is_signup_heading("Iscriviti alla newsletter", "chrome-phrase"), is_signup_heading("Teilen", "chrome-phrase")
    (True, False)
    >>> is_signup_heading("Sign up for our newsletter", "promo-line"), is_signup_heading("Get the app", "promo-line")
    (True, False)
    """
    if rule == "promo-line":
        return "newsletter" in text.lower()
    return rule == "chrome-phrase" and lang.classify(text, None, NEWSLETTER_GROUPS, rules_dirs) is not None


def newsletter_start(lines: Sequence[Line], dropped_by: Sequence[str | None], start: int, stop: int) -> int | None:
    """Index in [start, stop) of a newsletter sign-up box's heading after the story (see the module), or None."""
    units = as_units(lines)
    texts = units.visible
    # The heading comes after the run's (MAX_PITCH_UNITS + 1)-th last paragraph: look from there on only.
    back = (i for i in range(stop - 1, start - 1, -1) if dropped_by[i] is None and is_prose(texts[i]))
    last = list(itertools.islice(back, MAX_PITCH_UNITS + 1))
    floor = last[-1] + 1 if len(last) > MAX_PITCH_UNITS else start
    for i in (i for i in range(floor, stop) if dropped_by[i] in SIGNUP_DROPS):
        pitch = [j for j in last if j > i]
        if not pitch or len(pitch) > MAX_PITCH_UNITS or any(weight(texts[j]) > MAX_PITCH_CHARS for j in pitch):
            continue
        if not any(SIGNUP_WORD_RE.search(texts[j]) for j in pitch):
            continue  # no pitch: the prose under the box is the story's last paragraphs, or a bio
        story = (j for j in range(start, i) if dropped_by[j] is None and is_prose(texts[j]))
        if prose_weight(texts, story) >= MIN_STORY_CHARS and is_signup_heading(
            texts[i], dropped_by[i], units.rules_dirs
        ):
            return i
    return None
