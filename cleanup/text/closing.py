"""What a story's last short units read like: a closing sentence, a button after the story, the
site's own voice (``article_end.extend_closing_sentences`` and the finders that end a story)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from cleanup import lang
from cleanup.text.blocks import ends_like_sentence, is_prose, title_case
from cleanup.text.headline import metadata_like
from cleanup.text.patterns import WORD_RE, WORDS

MIN_CLOSING_WORDS = 4  # a closing sentence has at least this many words; a button fewer
MIN_LOWER_WORDS = 2  # lower-case words that make a full-stopped unit with capitalised nouns a sentence


def closing_sentence(text: str) -> bool:
    """A unit too short for prose that reads as a sentence: not Title Case, a few words, ending like one.

    A unit ending in a full stop with MIN_LOWER_WORDS lower-case words is a sentence even
    with most long words capitalised, as German capitalises every noun: headlines and menu
    items end in no full stop, and a score row has one lower-case word ("Jane Doe 7 saves.").

    >>> closing_sentence("Der Kanzler hat die Entscheidung verteidigt."), closing_sentence("Meet The New Team.")
    (True, False)
    """
    words = WORD_RE.findall(text)
    if is_prose(text) or not ends_like_sentence(text) or len(words) < MIN_CLOSING_WORDS:
        return False
    if not title_case(words):
        return True
    full_stop = text.rstrip('"”»)').endswith(".")
    lower = sum(w[0].islower() for w in words) >= MIN_LOWER_WORDS
    to_reader = not READER_VOICE.isdisjoint(w.lower() for w in words)  # "Delivered to your Inbox."
    return full_stop and lower and not to_reader and not _bio_line(text, words)


@functools.cache
def _roles() -> frozenset[str]:
    return frozenset(w.lower() for w in lang.words("byline-role"))


def _bio_line(text: str, words: Sequence[str]) -> bool:
    """True for an author's bio line: a name, "is a", a job of the packs' byline-role group.

    >>> bio = "Julius is an LA Entertainment Reporter for Fox News."
    >>> _bio_line(bio, bio.split()), _bio_line("Die Stadt hat der Redaktion zugesagt.", ["Redaktion"])
    (True, False)
    """
    return BIO_SHAPE_RE.match(text) is not None and not _roles().isdisjoint(w.lower() for w in words)


READER_VOICE = frozenset(WORDS["reader_voice"])
SITE_VOICE = frozenset(WORDS["site_voice"]) | READER_VOICE
QUOTED_RE = re.compile(r'"[^"]*"|“[^”]*”|„[^“”]*[“”]|«[^»]*»|‘[^’]*’')
# "Julius is an LA Entertainment Reporter …", "Anna Berg ist Redakteurin …": a name, then "is (a)".
BIO_SHAPE_RE = re.compile(r"(?:\S+\s+){1,3}(?:is|was|ist|war|est|es|è|é|jest)\s")


def in_site_voice(text: str) -> bool:
    """True when ``text`` holds, outside quotation marks, a word in which a site speaks of itself or to its
    reader ("our", "unsere", "your"), in lower case or opening the sentence ("US" is no "us").

    >>> in_site_voice("Check out our other stories today."), in_site_voice('"We will reopen," she said.')
    (True, False)
    """
    words = WORD_RE.findall(QUOTED_RE.sub(" ", text))
    return any(w.lower() in SITE_VOICE and (w.islower() or (k == 0 and w[1:].islower())) for k, w in enumerate(words))


def is_button(text: str) -> bool:
    """A menu item or button after the story ("Actions", "Next Chapter →"): a few words, no sentence.

    >>> is_button("Next Chapter →"), is_button("He left."), is_button("The work begins in May next year")
    (True, False, False)
    """
    return len(WORD_RE.findall(text)) < MIN_CLOSING_WORDS and not ends_like_sentence(text)


def ends_story(text: str) -> bool:
    """True for a unit after a story's closing sentences that ends it as page chrome does: a button
    (``is_button``), or a byline or date line (``headline.metadata_like``: "By Post editors | 10:58 AM
    ET, 09/16/2011"), which no rule may have dropped.

    >>> ends_story("Next Chapter →"), ends_story("By Post editors | 10:58 AM ET, 09/16/2011")
    (True, True)
    >>> ends_story("The work begins in May next year.")
    False
    """
    return is_button(text) or metadata_like(text)
