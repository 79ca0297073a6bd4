"""A page's lines against the chrome phrases, looked up together (``classify_page``).

``LineIndex.classify`` judges one line; a page has hundreds, and most of them
open with a word no phrase starts with and hold no "contains" phrase. Here one
scan of the page finds the lines that hold a "contains" key word, a line's
first word is read without normalising it wherever its raw head shows it, and
only the lines that may match go through ``classify``. The answers are those
of ``classify`` line by line (tests/test_shortcuts.py checks them against it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet

from cleanup.lang.matching import HEAD_CHARS, HEAD_MARKS, LineIndex, first_word, plain_first_word

# Phrases this long at most are told from a line's raw lower-cased head (``opens_no_phrase``),
# where it holds no digit and no white space but single spaces (normalise leaves such a head as it is).
OPENING_CHARS = HEAD_CHARS - 4
IRREGULAR_RE = re.compile(r"[0-9\t\n\x0b\x0c\r\x1c-\x1f]|  ")
SEP = "\x00"  # joins a page's lines for one search over all of them


# Finds the indexes of some texts that hold one of some literal keys, in order (``holding_any``'s contract).
Finder = Callable[[Sequence[str], tuple[str, ...]], Sequence[int]]


def classify_page(
    index: LineIndex, texts: Sequence[str], lows: Sequence[str], find: Finder | None = None
) -> list[tuple[str, str] | None]:
    """``index.classify`` of each of ``texts`` (one page's lines); ``lows`` are the same lower-cased.

    ``find`` looks for the "contains" key words in the lines (``holding_any`` when None;
    the text rules pass their RE2 scan, a third of its cost: this package uses the standard library only).

    >>> index = LineIndex.of([("ad-label", "line", 80, ["Anzeige"]), ("rights", "contains", 90, ["reserved"])])
    >>> texts = ["Anzeige", "Heute", "All rights reserved.", "(Foto: AP)"]
    >>> classify_page(index, texts, [t.lower() for t in texts])
    [('ad-label', 'Anzeige'), None, ('rights', 'reserved'), None]
    """
    may_hold = holding_anywhere(index, texts, lows, find or holding_any)
    by_word, cap, classify, seen = index.by_word, index.max_chars, index.classify, index.seen
    found: list[tuple[str, str] | None] = []
    for k, text in enumerate(texts):
        if text in seen:  # menus and footers repeat on every page of a site
            found.append(seen[text])
            continue
        if not text or len(text) > cap:
            found.append(None if text == text.strip() else classify(text))
            continue
        head = text[:HEAD_CHARS].split(" ", 1)[0]
        # An ASCII word of letters is its own plain_first_word, lower-cased: most lines open with one.
        plain = head.isascii() and head.isalpha() and len(head) < HEAD_CHARS
        word = head.lower() if plain else plain_first_word(text)
        if k in may_hold or text != text.strip():
            found.append(classify(text))
        elif word is None:  # "(Photo: …)", "^ Note", "© 2019": the raw head may still tell the first word
            raw = raw_first_word(text, lows[k])
            found.append(classify(text) if raw is None or raw in by_word else None)
        elif word in by_word:
            found.append(None if opens_no_phrase(index, text, lows[k], word) else classify(text))
        else:
            found.append(None)
    return found


def raw_first_word(text: str, low: str) -> str | None:
    """``first_word`` of ``text`` normalised as ``LineIndex._classify`` takes it, read from ``low``; None when unsure.

    ``text`` is trimmed and ``low`` is ``text.lower()``. Where the head of
    ``text`` is ASCII, single-spaced and digit-free, ``normalise`` leaves it
    lower-cased as it is, and the first word is read without normalising.

    >>> raw_first_word("(Photo: AP) The mayor", "(photo: ap) the mayor"), raw_first_word("12 Fotos", "12 fotos")
    ('photo', None)
    """
    head = low[:HEAD_CHARS]
    if not text[:HEAD_CHARS].isascii() or IRREGULAR_RE.search(head):
        return None
    head = head.lstrip(HEAD_MARKS)
    if len(text) > HEAD_CHARS and head.count(" ") < 2:
        return None  # _classify reads the whole text: its first word may run past the head
    return first_word(head)


def opens_no_phrase(index: LineIndex, text: str, low: str, word: str) -> bool:
    """True when ``text`` (trimmed, opening with the plain ``word``, holding no "contains" key) surely matches none.

    Decided on ``low`` (``text`` lower-cased) without normalising: when the
    first HEAD_CHARS characters are ASCII, single-spaced and hold no digit,
    the normalised text starts as ``low`` does, so a phrase of ``word`` no
    longer than OPENING_CHARS fits it only if ``low`` starts with it. A
    text that is not ASCII all through may hold a "contains" phrase that
    case folding shows (``_may_hold_anywhere`` reads ``lower()``), unless
    it is too long for one.
    """
    openings, longest = index.openings(word)
    head = low[:HEAD_CHARS]
    if longest > OPENING_CHARS or not text[:HEAD_CHARS].isascii() or IRREGULAR_RE.search(head):
        return False
    if not text.isascii() and len(text) <= index.anywhere_chars:
        return False
    return not head.startswith(openings)


def holding_anywhere(index: LineIndex, texts: Sequence[str], lows: Sequence[str], find: Finder) -> AbstractSet[int]:
    """Indexes k for which ``index._may_hold_anywhere(texts[k])`` holds, found by ``find`` in ``lows``."""
    if index.anywhere_re is None:
        return frozenset()
    short = [k for k, text in enumerate(texts) if len(text) <= index.anywhere_chars]
    if index.anywhere_keys is None:
        return frozenset(short)
    return {short[j] for j in find([lows[k] for k in short], index.anywhere_keys)}


def holding_any(texts: Sequence[str], keys: Iterable[str]) -> list[int]:
    """Sorted indexes of ``texts`` that hold one of ``keys`` (non-empty, without SEP) as a substring.

    One ``find`` per key and hit over the texts joined: the keys are rare
    words, so this costs a few scans in C, not a search per text.

    >>> holding_any(["all rights reserved", "home", "tous droits réservés"], ("reserved", "droits"))
    [0, 2]
    """
    page = SEP.join(texts)
    if page.count(SEP) != max(len(texts) - 1, 0):  # a text holds SEP: one by one
        return [k for k, text in enumerate(texts) if any(key in text for key in keys)]
    found = set()
    for key in keys:
        at = page.find(key)
        while at != -1:
            part = page.count(SEP, 0, at)
            found.add(part)
            after = page.find(SEP, at)
            at = -1 if after == -1 else page.find(key, after)
    return sorted(found)
