"""Plain text in, units out: one Line per paragraph or per text line.

Scraped text comes in two layouts. Most dumps hold one block per line
(a paragraph is one long line; blank lines may or may not separate blocks).
Hard-wrapped text holds one paragraph per run of short lines separated by
blank lines. We detect which, and make one unit per block. The text of a unit
is never rewritten: only the ends of its lines are trimmed, and a wrapped
paragraph keeps its own line breaks.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import operator
import re
import statistics
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from cleanup.model import Line
from cleanup.text.lineblocks import MAX_WRAPPED_LINE, MIN_WRAPPED_LINE, SENTENCE_END_RE, sentence_runs
from cleanup.text.re2match import re2_search

# Characters that are invisible or space-like; a line of only these is blank.
SPACE_LIKE = " \t\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Hard-wrapped text: most lines of multi-line blocks are at most this long ...
# ... and at least this share of non-blank lines sit in multi-line blocks.
MIN_WRAPPED_SHARE = 0.6
# A multi-line block is "wrapped" when most of its non-final lines end mid-sentence.


SPECIAL_RE = re.compile("[" + SPACE_LIKE.strip(" ") + "\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# One translation table: invisible characters go, space-like ones become spaces.
VISIBLE_TABLE = {**{ord(c): " " for c in SPACE_LIKE}, **{ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}}


@functools.lru_cache(maxsize=4096)
def visible(text: str) -> str:
    """``text`` without invisible characters and with space-like ones as spaces.

    Cached: every rule asks for the visible text of the same units.
    """
    if text.isascii() or not SPECIAL_RE.search(text):
        return text.strip()
    return text.translate(VISIBLE_TABLE).strip()


SPECIAL_CHARS = SPACE_LIKE.strip(" ") + "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def has_invisible(text: str) -> bool:
    """True when ``visible`` would change a stripped line of ``text`` (invisible or odd space characters).

    One substring test per character is several times faster than SPECIAL_RE on a whole page.
    """
    return not text.isascii() and any(c in text for c in SPECIAL_CHARS)


def visible_all(texts: Sequence[str]) -> list[str]:
    """``visible`` of each of ``texts`` (stripped lines or units), checking the page once.

    Unless the texts hold an invisible character, a text's visible form is the
    text stripped (the same object when there is nothing to strip).
    """
    if has_invisible("".join(texts)):
        return [visible(t) for t in texts]
    return [t.strip() for t in texts]


# Joins texts for one search over all of them: read.py strips control characters
# from every page, so no text holds it (``joined_lower`` checks).
SEP = "\x00"


def joined_lower(texts: Sequence[str]) -> str | None:
    """``texts`` lower-cased and joined by SEP, or None when one of them holds SEP.

    Each text lower-cased on its own, then joined: ``lower()`` of an ASCII
    text (most lines, even on a page with curly quotes) takes a fast path that
    one non-ASCII character anywhere takes from the page joined first. The
    joined page is what the substring searches scan.
    """
    low = SEP.join(map(str.lower, texts))
    return low if low.count(SEP) == max(len(texts) - 1, 0) else None


def lowered(texts: Sequence[str]) -> list[str]:
    """Each of ``texts`` lower-cased: the ASCII ones by ``lower()``'s fast path (``joined_lower``).

    >>> lowered(["Share THIS", "The end."])
    ['share this', 'the end.']
    """
    return list(map(str.lower, texts))


def matching(texts: Sequence[str], pattern: re.Pattern) -> list[int]:
    """Indexes of ``texts`` in which ``pattern.search`` finds a match, in order.

    One RE2 scan over all the texts joined, where a ``search`` per text would
    cost a call per text, most of them long lines that hold no match; each
    text RE2 finds a match in is then checked with ``pattern`` itself, so the
    answer is exact as long as RE2 finds a superset. It does for literal
    phrases, ``\\b`` (RE2's ASCII boundary is found wherever Python's Unicode
    one is) and case folding; it does not for ``\\w``, ``\\d`` or ``\\s``
    (ASCII only in RE2), ``^``, ``$`` or lookaround: keep those out of
    ``pattern``. When a text holds SEP, each text is searched on its own.

    >>> matching(["We use cookies.", "The end.", "Cookie policy"], re.compile(r"cookie", re.I))
    [0, 2]
    >>> matching(["The end.", "LİCENSE AGREEMENT"], re.compile(r"license", re.I))  # RE2 reads İ as no i
    [1]
    """
    page = SEP.join(texts)
    if page.count(SEP) != max(len(texts) - 1, 0) or (not page.isascii() and any(c in page for c in DOTTED_I)):
        # A text holds SEP, or a dotted or dotless i, which ``re`` matches as "i" and RE2 does not.
        return [k for k, text in enumerate(texts) if pattern.search(text)]
    data, bsep, scanner = page.encode("utf-8", "surrogatepass"), SEP.encode(), _re2_of(pattern)
    found: list[int] = []
    part = at = pos = 0
    while (at_hit := re2_search(scanner, data, pos)[0]) != -1:
        part += data.count(bsep, at, at_hit)  # separators passed since the last hit
        at = at_hit
        if pattern.search(texts[part]):
            found.append(part)
        pos = data.find(bsep, at) + 1  # the next text; a hit may have run into it
        if pos == 0:
            break
    return found


# Characters Python's IGNORECASE matches as "i" and RE2's case folding does not.
DOTTED_I = ("ı", "İ")


def may_search(pattern: re.Pattern, text: str) -> bool:
    """False when ``pattern.search(text)`` surely finds nothing: RE2, in linear time, finds no match either.

    For a pattern ``matching`` can scan (literal phrases, ``\\b``, case
    folding; no ``\\w``, ``\\d``, ``\\s``, ``^``, ``$`` or lookaround), RE2
    finds a match wherever ``re`` does, except for a text holding a dotted or
    dotless i (``re`` matches them as "i", RE2 does not): those always may.
    ``re`` tries each branch of a long alternation at every position; a long
    text that holds no match costs it many times what it costs RE2.

    >>> may_search(re.compile(r"\\bnot intended to diagnose", re.I), "It is NOT intended to diagnose anything.")
    True
    >>> may_search(re.compile(r"\\bnot intended to diagnose", re.I), "The council met on Tuesday.")
    False
    """
    if not text.isascii() and any(c in text for c in DOTTED_I):
        return True
    return re2_search(_re2_of(pattern), text.encode("utf-8", "surrogatepass"))[0] != -1


def holding_any(texts: Sequence[str], keys: tuple[str, ...]) -> list[int]:
    """Indexes of ``texts`` that hold one of ``keys`` (non-empty literal strings, matched as they are), in order.

    One RE2 scan over all the texts joined finds them, and is exact for
    literals: no text is searched again (after a hit, the scan goes on at the
    next text). Texts holding SEP are searched one by one.

    >>> holding_any(["we use cookies.", "the end.", "cookie policy", "share"], ("cookie", "share"))
    [0, 2, 3]
    """
    page = SEP.join(texts)
    if page.count(SEP) != max(len(texts) - 1, 0):
        return [k for k, text in enumerate(texts) if any(key in text for key in keys)]
    data, bsep = page.encode("utf-8", "surrogatepass"), SEP.encode()
    scanner, found = _literals_re2(keys), []
    part = at = pos = 0
    while (at_hit := re2_search(scanner, data, pos)[0]) != -1:
        part += data.count(bsep, at, at_hit)  # separators passed since the last hit
        at = at_hit
        found.append(part)
        pos = data.find(bsep, at) + 1  # the next text (no key holds SEP)
        if pos == 0:
            break
    return found


@functools.lru_cache(maxsize=16)
def _literals_re2(keys: tuple[str, ...]) -> Any:
    return re2_compile("|".join(map(re.escape, keys)))


@functools.lru_cache(maxsize=16)
def _re2_of(pattern: re.Pattern) -> Any:
    return re2_compile(pattern.pattern, case_sensitive=not pattern.flags & re.IGNORECASE)


def re2_compile(pattern: str, case_sensitive: bool = True) -> Any:
    """``pattern`` compiled with RE2: linear time in the text, one pass over many texts.

    The one place the project compiles RE2 (our scans here, users' site-rule
    patterns in ``cleanup.sites``); raises ``re2.error`` for a pattern RE2
    refuses, without RE2 printing its own complaint to stderr.
    """
    import re2  # loaded on first use

    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = case_sensitive
    return re2.compile(pattern, options)


def _one_by_one(texts: Sequence[str], hints: Sequence[str]) -> Iterator[int]:
    return (k for k, t in enumerate(texts) if any(h in t.lower() for h in hints))


def holding_in_order(texts: Sequence[str], hints: Sequence[str], lows: Sequence[str] | None = None) -> Iterator[int]:
    """Indexes of ``texts`` whose lower-cased form holds one of ``hints``, in order.

    Lazily: the search goes no further than the caller reads. ``lows`` are
    the texts lower-cased, when the caller has them. Hints are lower-case,
    non-empty and hold no SEP.

    >>> list(holding_in_order(["Share this", "The end.", "3 COMMENTS"], ["comment", "share"]))
    [0, 2]
    """
    if lows is None:
        low = joined_lower(texts)
    else:
        low = SEP.join(lows)
        low = low if low.count(SEP) == max(len(lows) - 1, 0) else None
    return hits_in_order(low, hints, SEP) if low is not None else _one_by_one(texts, hints)


def hits_in_order(page: str, keys: Sequence[str], sep: str) -> Iterator[int]:
    """Indexes k of the parts of ``page`` (split at ``sep``) that hold one of ``keys``, in order, each once.

    Keys are non-empty and hold no ``sep``. A heap holds each key's next hit,
    so the page is searched no further than the caller reads; a part's index
    is the number of separators before the hit, counted as the hits come.
    """
    heap = [(at, key) for key in keys if (at := page.find(key)) != -1]
    heapq.heapify(heap)
    part, counted, last = 0, 0, -1
    while heap:
        at, key = heap[0]
        part += page.count(sep, counted, at)
        counted = at
        following = page.find(sep, at)  # the next part starts after it
        if following != -1 and (at := page.find(key, following)) != -1:
            heapq.heapreplace(heap, (at, key))
        else:
            heapq.heappop(heap)
        if part != last:
            last = part
            yield part


class Units(tuple[Line, ...]):
    """One page's units with what every rule asks about them, worked out once, when first asked.

    The engine hands this one object to every rule of a run, so the visible
    and lower-cased texts are made once per page instead of once per rule and
    unit, and the article finder's answer (asked by the headline finder and by
    the page-chrome rule with the same verdicts) is kept here, by verdicts.
    It is a tuple: rules index it as fast as a plain sequence of Lines.
    """

    plain: bool  # the texts are trimmed and hold no invisible character
    rules_dirs: tuple[str, ...]  # the run's rules directories: their language packs extend the bundled ones

    def __new__(cls, lines: Iterable[Line] = (), plain: bool = False, rules_dirs: tuple[str, ...] = ()) -> Units:
        made = super().__new__(cls, lines)
        made.plain = plain
        made.rules_dirs = rules_dirs
        made._visible = None
        made._lows = None
        made.bounds = {}
        made.features = {}
        return made

    _visible: list[str] | None
    _lows: list[str] | None
    bounds: dict[tuple[str | None, ...], Any]  # article bounds (and the cut that ended it) by verdicts
    features: dict[str, Any]  # what a rule module works out once per page, by name (``related.heading_like``)

    @property
    def visible(self) -> list[str]:
        """``visible(text)`` of each unit."""
        if self._visible is None:
            texts = [ln.text for ln in self]
            self._visible = texts if self.plain else visible_all(texts)
        return self._visible

    @property
    def lows(self) -> list[str]:
        """Each unit's visible text lower-cased (one ``lower()`` for all of them)."""
        if self._lows is None:
            self._lows = lowered(self.visible)
        return self._lows


def as_units(lines: Sequence[Line]) -> Units:
    """``lines`` as a Units object: itself when it is one (what the engine passes), else a new one."""
    return lines if isinstance(lines, Units) else Units(lines)


def split_lines(text: str) -> list[str]:
    """Split on any newline convention (CRLF, CR, LF).

    U+2028 and U+2029 (line and paragraph separators) are spaces inside a line, as
    HTML mode reads them: as line breaks they put --explain's line numbers off those of
    ``grep -n`` and editors, and split a sentence in two ("Tues\u2028day").
    A replace scans the whole page even when there is nothing to replace:
    each is done only when its character is there.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and ("\u2028" in text or "\u2029" in text):
        text = text.replace("\u2028", " ").replace("\u2029", " ")
    return text.split("\n")


def _blocks(nonblank: list[int]) -> list[list[int]]:
    """Indexes of non-blank lines (in order) grouped into blank-line separated blocks."""
    blocks: list[list[int]] = []
    for i in nonblank:
        if blocks and blocks[-1][-1] == i - 1:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    return blocks


def is_wrapped(stripped: list[str], blocks: list[list[int]]) -> bool:
    """True when the text looks hard-wrapped (paragraphs spread over short lines)."""
    nonblank = sum(len(b) for b in blocks)
    multi = [b for b in blocks if len(b) > 1]
    in_multi = sum(len(b) for b in multi)
    if not nonblank or in_multi / nonblank < MIN_WRAPPED_SHARE:
        return False
    lengths = [len(stripped[i]) for b in multi for i in b]
    if not MIN_WRAPPED_LINE <= statistics.median(lengths) <= MAX_WRAPPED_LINE:
        return False
    # A wrapped paragraph's inner lines run to the wrap width: short ones are a menu's or a list's items.
    inner = [stripped[i] for b in multi for i in b[:-1] if len(stripped[i]) >= MIN_WRAPPED_LINE]
    open_ends = sum(not SENTENCE_END_RE.search(visible(t)) for t in inner)  # a soft hyphen ends no line
    return bool(inner) and open_ends / len(inner) > 0.5


def stripped_lines(text: str) -> list[str]:
    """The lines of ``text`` with their ends trimmed (index i is input line i + 1)."""
    return list(map(str.strip, split_lines(text)))


def units(stripped: list[str], start: int = 0, stop: int | None = None, plain: bool = False) -> list[Line]:
    """Units of ``stripped[start:stop]``, numbered by their line in the whole input.

    ``plain``: the lines hold no invisible character (a line is blank only when empty).
    """
    window = stripped[start:stop]
    if plain:
        nonblank = list(itertools.compress(range(len(window)), window))
    else:
        nonblank = [i for i, line in enumerate(window) if line and (line.isascii() or visible(line))]
    if 1 in map(operator.sub, nonblank[1:], nonblank):  # else no block has two lines (one C-level pass)
        blocks = _blocks(nonblank)
        if is_wrapped(window, blocks):
            return [Line(start + b[0] + 1, "\n".join(window[i] for i in b), "", start + b[-1] + 1) for b in blocks]
        runs = [run for b in blocks for run in sentence_runs(window, b)]
        if len(runs) < len(nonblank):
            return [Line(start + r[0] + 1, "\n".join(window[i] for i in r), "", start + r[-1] + 1) for r in runs]
    # One Line per non-blank line, built by tuple.__new__ from C: a NamedTuple's own
    # __new__ is a Python function, and this runs for every line in the window.
    nos = [start + i + 1 for i in nonblank]
    fields = zip(nos, [window[i] for i in nonblank], itertools.repeat(""), nos, itertools.repeat(0.0))
    return list(map(tuple.__new__, itertools.repeat(Line), fields))
