"""Compile the phrases of one group, over a set of languages, into one anchored regex.

How each kind matches is documented in groups.toml; the patterns here are its one
implementation. All matching is case-insensitive, on the trimmed text of one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Decoration a label may carry before and after its words: bullets, arrows, brackets,
# ellipses ("» Weiterlesen …", "[Anzeige]", "Read more >>"). Quotation marks are not
# decoration: a quoted phrase is prose quoting the chrome.
HEAD = r"[\s»›>→▸▶►•·|*#+¿¡\[(-]*"
TAIL = r"[\s.:!?»›>→▸▶►|…\])↓⬇]*"
TOPIC_TAIL = r"[\s:»›>→▸▶►|\])↓⬇]*"  # after a {topic}: no full stop, "More from him." is prose
# After a prefix phrase: a separator, then the rest of the line ("Lire aussi : Le titre").
SEPARATOR = r"\s*(?:[:|»›>→▸▶►]|[-–—](?=\s))\s*\S.*"
NUMBER = r"\d+(?:[.,\u00a0\u202f ]\d+)*(?:\s?[kKmM]\b)?"
TOPIC = r"[^\W\d_][^.!?;,:|\"“”„«»()\[\]]{0,58}?"
PIECE_RE = re.compile(r"(\{n\}|\{topic\}|\s+|['’])")
FLAGS = re.IGNORECASE | re.DOTALL


def phrase_pattern(phrase: str) -> str:
    """The regex for one phrase: spaces match any run of spaces, both apostrophes match, placeholders expand.

    >>> print(phrase_pattern("Don't miss"))
    Don['’]t\\s+miss
    """
    out = []
    for piece in PIECE_RE.split(phrase):
        if piece == "{n}":
            out.append(NUMBER)
        elif piece == "{topic}":
            out.append(TOPIC + f"(?={TOPIC_TAIL}\\Z)")
        elif piece.isspace():
            out.append(r"\s+")
        elif piece in ("'", "’"):
            out.append("['’]")
        elif piece:
            out.append(re.escape(piece))
    return "".join(out)


def group_pattern(kind: str, phrases: Iterable[str]) -> re.Pattern[str]:
    """One regex for a group's phrases; the phrase itself is the named group ``phrase``.

    Longer phrases come first, so the longest one is reported ("Read more from", not "Read more").

    >>> group_pattern("line", ["Anzeige", "Werbung"]).fullmatch("[Anzeige]").group("phrase")
    'Anzeige'
    """
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    if not ordered:
        raise ValueError("an empty group would match nothing")
    alt = "(?P<phrase>" + "|".join(phrase_pattern(p) for p in ordered) + ")"
    if kind == "line":
        return re.compile(f"{HEAD}{alt}{TAIL}", FLAGS)
    if kind == "prefix":
        return re.compile(f"{HEAD}{alt}(?:{TAIL}|{SEPARATOR})", FLAGS)
    if kind == "opening":
        return re.compile(f"{HEAD}{alt}(?![\\w\\-‐])", FLAGS)
    if kind == "lead":
        return re.compile(f"{HEAD}{alt}(?=[\\s:]|\\Z)", FLAGS)
    if kind == "word":
        return re.compile(f"(?<!\\w){alt}(?!\\w)", FLAGS)
    raise ValueError(f"unknown match kind {kind!r}")


@dataclass(frozen=True)
class GroupMatcher:
    """A group's phrases over some languages, compiled once; ``find`` says which phrase a line is.

    ``regex`` is None when none of the languages has phrases for the group: it never matches.
    """

    group: str
    kind: str
    max_chars: int
    regex: re.Pattern[str] | None

    def find(self, text: str) -> str | None:
        """The phrase ``text`` matches as this group's kind, or None.

        >>> GroupMatcher("ad-label", "line", 80, group_pattern("line", ["Anzeige"])).find("  Anzeige: ")
        'Anzeige'
        """
        text = text.strip()
        if self.regex is None or not text or (self.max_chars and len(text) > self.max_chars):
            return None
        if self.kind in ("line", "prefix"):
            found = self.regex.fullmatch(text)
        elif self.kind == "word":
            found = self.regex.search(text)
        else:
            found = self.regex.match(text)
        return found.group("phrase") if found else None
