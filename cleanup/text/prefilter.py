"""Cheap pre-checks read from the rules' own patterns: the literal prefixes a match must start with.

Most lines of a page start with words no rule pattern can start with; a
prefix table built from the pattern itself (CPython's own parser) rules them
out with one dict lookup, and cannot drift from the pattern.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

I = re.IGNORECASE


def union(patterns: tuple[re.Pattern, ...]) -> re.Pattern:
    """One pattern matching what any of ``patterns`` matches (each keeps its own case flag).

    One scan instead of one per pattern: the rules run on every line of every page.
    """
    if not patterns:
        raise ValueError("an empty union would match nothing")
    parts = [f"(?i:{p.pattern})" if p.flags & I else f"(?:{p.pattern})" for p in patterns]
    return re.compile("|".join(parts))


def _parsed(pattern: re.Pattern) -> list | None:
    """The top-level items of ``pattern`` as re's own parser reads it, or None.

    The parser is private: if it changes, there is simply no pre-check, never a wrong one.
    """
    from re import _parser  # type: ignore[attr-defined]

    try:
        return list(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:
        return None


def literal_prefixes(pattern: re.Pattern, limit: int = 512) -> tuple[str, ...] | None:
    """Strings one of which starts every text ``pattern`` matches at its start, or None.

    A prefix that another one starts is left out ("more", not "more from").

    Read from the pattern itself (CPython's own parser), so the pre-check
    made of them cannot drift from it: the literal characters each branch
    starts with, up to the first class, repeat or group with its own flags.
    Lower-cased for an IGNORECASE pattern: then they hold for ASCII texts,
    lower-cased (re's case folding reaches non-ASCII characters such as
    'ſ' for 's'). None when some match may start otherwise, or when there
    would be more than ``limit`` prefixes.

    >>> literal_prefixes(re.compile(r"(?:most|top) (?:read|viewed)|tags|most read today", re.I))
    ('most read', 'most viewed', 'tags', 'top read', 'top viewed')
    >>> literal_prefixes(re.compile(r"\\d+ comments")) is None
    True
    """
    items = _parsed(pattern)
    try:
        found = None if items is None else _prefixes(items, {("", True)}, limit)
    except Exception:  # an unexpected tree means no pre-check, never a wrong one
        return None
    if found is None or any(not prefix for prefix, _ in found):
        return None
    fold = str.lower if pattern.flags & I else str
    prefixes = sorted({fold(prefix) for prefix, _ in found})
    return tuple(p for k, p in enumerate(prefixes) if not any(p.startswith(q) for q in prefixes[:k]))


def literal_end(pattern: re.Pattern) -> str:
    """The character every text ``pattern`` fully matches ends with ("" when there is none to say).

    Read from the pattern (its last element, when that is one literal
    character that is not a letter, so case folding cannot reach it).

    >>> literal_end(re.compile(r".*\\(photo[^()]*\\)", re.I)), literal_end(re.compile(r"a|b\\)"))
    (')', '')
    """
    from re import _constants as C  # type: ignore[attr-defined]

    items = _parsed(pattern)
    if items and items[-1][0] is C.LITERAL and not chr(items[-1][1]).isalpha():
        return chr(items[-1][1])
    return ""


def prefix_table(prefixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``prefixes`` by their first character: a text's first character picks the few to try."""
    table: dict[str, tuple[str, ...]] = {}
    for prefix in prefixes:
        table[prefix[0]] = (*table.get(prefix[0], ()), prefix)
    return table


def _prefixes(items: list, start: set[tuple[str, bool]], limit: int) -> set[tuple[str, bool]] | None:
    """Walk a parsed sequence: (prefix, still open) pairs; an open prefix grows with each literal."""
    from re import _constants as C  # type: ignore[attr-defined]

    state = start
    for op, arg in items:
        heads, done = {p for p, is_open in state if is_open}, {(p, False) for p, is_open in state if not is_open}
        if not heads:
            break
        after: set[tuple[str, bool]] | None
        if op is C.LITERAL:
            after = done | {(p + chr(arg), True) for p in heads}
        elif op is C.IN and all(kind is C.LITERAL for kind, _ in arg):
            after = done | {(p + chr(c), True) for p in heads for _, c in arg}
        elif op is C.SUBPATTERN and not arg[1] and not arg[2]:  # a group without flags of its own
            after = _prefixes(list(arg[3]), state, limit)
        elif op is C.BRANCH:
            branches = [_prefixes(list(branch), {(p, True) for p in heads}, limit) for branch in arg[1]]
            after = None if any(b is None for b in branches) else done.union(*(b for b in branches if b))
        elif op is C.AT:
            continue  # \b, ^: zero width
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and arg[0] >= 1:  # the first pass is certain, then stop
            grown = _prefixes(list(arg[2]), state, limit)
            after = None if grown is None else {(p, False) for p, _ in grown}
        else:  # anything else ends every prefix here
            after = {(p, False) for p, _ in state}
        if after is None or len(after) > limit:
            return None
        state = after
    return state


def word_trie(words: Iterable[str]) -> str:
    """A regex matching exactly one of ``words``, as a trie: each character is tried once, not once a word.

    With a few hundred month names in every language, the date pattern runs twice
    as fast on RE2 with the names as a trie as with a flat alternation (and ``re``
    tries an alternation's branches one by one). Longer words come first where one
    word starts another, as in a longest-first alternation.

    >>> word_trie(["mar", "marzo", "mai"])
    'ma(?:i|r(?:zo)?)'
    >>> re.fullmatch(word_trie(["mar", "marzo", "mai"]), "marzo") is not None
    True
    """
    return _trie(char_trie(words))


def char_trie(words: Iterable[str]) -> dict[str, dict]:
    """The words as nested dicts, a character a level; ``""`` marks where a word ends."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie


def _trie(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: the longer ones are optional
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


@functools.cache
def substrings_re(words: frozenset[str]) -> re.Pattern[str]:
    """A pattern found in a text wherever one of ``words`` is a substring of it (literals, no flags).

    The words as a trie ("aut(?:hor|or)|c(?:o(?:lumnist|...)") rather than one branch per
    word: re tries the branches one by one at every position, and a trie tries each
    character once. Where a word ends, the longer words it starts are left out: a text
    holding one of them holds it too, and only whether there is a match is asked.

    >>> substrings_re(frozenset({"author", "autor", "editor", "edit"})).pattern
    '(?:aut(?:hor|or)|edit)'
    """
    trie = char_trie(words)
    return re.compile(_trie_any(trie) if trie else "(?!)")


def _trie_any(node: dict[str, dict]) -> str:
    """The pattern of a trie node: "" where a word ends (nothing more is needed), else its branches."""
    if "" in node:
        return ""
    branches = [re.escape(char) + _trie_any(child) for char, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
