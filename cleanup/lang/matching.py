"""Match lines against phrases of groups, over a set of languages, by normalised lookup.

How each kind matches is documented in groups.toml; this module is its one implementation.
Line and phrase are normalised the same way (case-folded, one space for any run of spaces,
one apostrophe, "{n}" for a number, decoration trimmed), and the line's first word picks the
few phrases that can match it. No regex is compiled per phrase: building an index over all
packs takes milliseconds, and a line costs about the same whatever the number of languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import MappingProxyType

# Decoration a label may carry before and after its words: bullets, arrows, brackets,
# ellipses ("» Weiterlesen …", "[Anzeige]", "Read more >>"). Quotation marks are not
# decoration: a quoted phrase is prose quoting the chrome.
HEAD_MARKS = "»›>→▸▶►•·|*#+¿¡[(- "
TAIL_MARKS = ".:!?»›>→▸▶►|…])↓⬇\ufe0f "
# A label framed by these on both sides is the label ("- Publicidade -", "— Advertisement —"). A
# dash on one side only opens quoted speech in many languages ("— Wir verwenden Cookies, sagte er").
DASHES = "-–—"
TOPIC_TAIL_MARKS = ":»›>→▸▶►|])↓⬇\ufe0f "  # after a {topic}: no full stop, "More from him." is prose
# After a prefix phrase: a separator, then the rest of the line ("Lire aussi : Le titre").
SEPARATOR_RE = re.compile(r" ?(?:[:|»›>→▸▶►]|[-–—](?= )) ?\S")
# "12", "1.234", "3,5", "1.2k"; a space only groups thousands ("12 000"), so "4 27" is two numbers.
NUMBER_RE = re.compile(r"(?:[0-9]{1,3}(?: [0-9]{3})+|[0-9]+(?:[.,][0-9]+)*)(?: ?[km]\b)?")
DIGITS = frozenset("0123456789")
# A {topic}: a short name without sentence punctuation ("BBC Sport", "dem Ressort Politik").
TOPIC_RE = re.compile(r"[^\W\d_][^.!?;,:|\"“”„«»()\[\]]{0,58}")
WORD_END = frozenset("-‐_")  # a phrase followed by one of these, or a letter or digit, is part of a word
EDGE_PUNCT = ".,;:!?()[]{}\"'«»“”„‘…"
MAX_SEEN = 1 << 16  # LineIndex verdicts kept; the cache starts over when full
QUOTES = frozenset('"“”„«»‘')  # before a "contains" phrase: prose quoting it
COPYRIGHT_OPENINGS = ("©", "copyright ")  # ...unless the line opens as a copyright notice


# Turkish writes "İ"/"i" and "I"/"ı": "İ" case-folds to "i" and a combining dot, "I" to "i". Both
# folded to "i", and "ı" too, "İLGİLİ HABERLER" is "İlgili haberler" and "HAKLARI" is "hakları".
DOTTED_I = "i\u0307"
MIN_KEY_CHARS = 4  # a shorter ASCII word is inside too many lines to be a "contains" key word
HEAD_CHARS = 64  # characters of a line enough to find its first words (first_word)


def normalise(text: str) -> str:
    """``text`` as lines and phrases are compared: case-folded, spaces and apostrophes unified, numbers as {n}.

    >>> normalise("  12\\u00a0000 KOMMENTARE  "), normalise("L’article"), normalise("Bild 3/23")
    ('{n} kommentare', "l'article", 'bild {n}/{n}')
    >>> normalise("İLGİLİ HABERLER") == normalise("İlgili haberler"), normalise("HAKLARI") == normalise("hakları")
    (True, True)
    """
    text = (
        text.lower() if text.isascii() else text.casefold().replace("’", "'").replace(DOTTED_I, "i").replace("ı", "i")
    )
    text = " ".join(text.split())
    return text if DIGITS.isdisjoint(text) else NUMBER_RE.sub("{n}", text)


def first_word(text: str) -> str:
    """The first word of a normalised text, without the punctuation after it; the first two after a number.

    The index key: lines that start with a number are many (dates, scores), phrases that do are
    counters, told apart by their second word.

    >>> first_word("lire aussi : le titre"), first_word("{n} kommentare."), first_word("{n}/{n}")
    ('lire', '{n} kommentare', '{n}/{n}')
    """
    words = text.split(" ", 2)
    word = _trimmed(words[0])
    if word == "{n}" and len(words) > 1:
        word = word + " " + _trimmed(words[1])
    return word


def plain_first_word(text: str) -> str | None:
    """``first_word`` of ``text`` (stripped) normalised, when its first word is plain, else None.

    Most lines open with a plain word ("The council met …", "Über uns"): a
    letter, then no digit, space or control character up to the first space.
    Such a word is found without normalising the line: case-folded, it is its
    own normalised form, with no mark to trim before it.

    >>> plain_first_word("Read more: the story"), plain_first_word("Über uns"), plain_first_word("Hello, world")
    ('read', 'über', 'hello')
    >>> plain_first_word("» Weiterlesen"), plain_first_word("12 Kommentare"), plain_first_word("A4 paper")
    (None, None, None)
    """
    word = text[:HEAD_CHARS].split(" ", 1)[0]
    if len(word) >= HEAD_CHARS or not word[:1].isalpha() or not word.isprintable() or not DIGITS.isdisjoint(word):
        return None
    return _trimmed(
        word.lower() if word.isascii() else word.casefold().replace("’", "'").replace(DOTTED_I, "i").replace("ı", "i")
    )


def _trimmed(word: str) -> str:
    while word and not (word[-1].isalnum() or word[-1] in "}'-"):
        word = word[:-1]
    return word


@dataclass(frozen=True)
class Candidate:
    """One phrase of one group, normalised: ``norm`` for the text, ``topic`` when it ends with {topic}."""

    group: str
    kind: str
    max_chars: int
    phrase: str
    norm: str
    topic: bool
    rank: int = 0  # the group's place in the index: a lower rank wins

    @classmethod
    def of(cls, group: str, kind: str, max_chars: int, phrase: str, rank: int = 0) -> Candidate:
        norm = normalise(phrase).lstrip(HEAD_MARKS)
        topic = norm.endswith("{topic}")
        if topic:
            norm = norm[: -len("{topic}")]
        elif kind in ("line", "prefix"):
            norm = norm.rstrip(TAIL_MARKS)
        return cls(group, kind, max_chars, phrase, norm, topic, rank)

    def fits(self, text: str) -> bool:
        """True when the normalised, head-trimmed ``text`` is this phrase as the kind says."""
        norm = self.norm
        if self.kind == "contains":
            return self._inside(text)
        if self.topic:
            rest = text.rstrip(TOPIC_TAIL_MARKS)[len(norm) :]
            return text.startswith(norm) and TOPIC_RE.fullmatch(rest) is not None
        if self.kind in ("line", "prefix") and text.rstrip(TAIL_MARKS) == norm:
            return True
        if not text.startswith(norm):
            return False
        after = text[len(norm) : len(norm) + 1]
        if self.kind == "prefix":
            return SEPARATOR_RE.match(text, len(norm)) is not None
        if self.kind == "opening":
            return not after or not (after.isalnum() or after in WORD_END)
        if self.kind == "lead":
            return after in ("", " ", ":")
        return False

    def _inside(self, text: str) -> bool:
        """The phrase as whole words anywhere in ``text``, with no quotation mark before it, unless the
        line opens as a copyright notice ("© ООО «Пример». Все права защищены.": a company's name in
        quotation marks is no quote of the phrase).

        >>> rights = Candidate.of("rights", "contains", 240, "Все права защищены")
        >>> rights.fits(normalise("© ООО «Пример». Все права защищены."))
        True
        >>> rights.fits(normalise("Он сказал: «Все права защищены»."))
        False
        """
        start = text.find(self.norm)
        while start >= 0:
            end = start + len(self.norm)
            before, after = text[start - 1 : start], text[end : end + 1]
            if not (before.isalnum() or after.isalnum() or after in WORD_END):
                return text.startswith(COPYRIGHT_OPENINGS) or QUOTES.isdisjoint(text[:start])
            start = text.find(self.norm, start + 1)
        return False


@dataclass(frozen=True)
class LineIndex:
    """Groups' phrases by their first word: a line's first word picks the few that can match it.

    Earlier groups win a line that two groups match; within a group, longer phrases come first,
    so the longest one is reported ("Read more about this", not "Read more").
    """

    by_word: MappingProxyType[str, tuple[Candidate, ...]]
    max_chars: int  # the longest line any phrase here can match (0: no limit)
    anywhere: tuple[Candidate, ...] = ()  # "contains" phrases, by rank: tried on lines that hold one
    anywhere_re: re.Pattern[str] | None = None  # any of them, as a cheap first test
    anywhere_chars: int = 0  # the longest line a "contains" phrase can match
    # One ASCII word of each "contains" phrase, found in the lower-cased raw line whenever the
    # phrase is (None when a phrase has no such word: then every line is searched).
    anywhere_keys: tuple[str, ...] | None = None
    # Verdicts by line text: menus, footers and share bars repeat on every page of a site.
    _seen: dict[str, tuple[str, str] | None] = field(default_factory=dict, repr=False, compare=False)
    _openings: dict[str, tuple[tuple[str, ...], int]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, groups: Iterable[tuple[str, str, int, Iterable[str]]]) -> LineIndex:
        """The index of (group, kind, max_chars, phrases), "word" groups excepted."""
        by_word: dict[str, list[Candidate]] = {}
        anywhere: list[Candidate] = []
        caps = [0]
        for rank, (group, kind, max_chars, phrases) in enumerate(groups):
            if kind == "word":
                raise ValueError(f"'{group}' is a word group: use WordIndex")
            found = {Candidate.of(group, kind, max_chars, p, rank) for p in phrases}
            for candidate in sorted(found, key=lambda c: (-len(c.norm), c.norm)):
                if kind == "contains":
                    anywhere.append(candidate)
                else:
                    by_word.setdefault(first_word(candidate.norm), []).append(candidate)
            caps.append(max_chars or 10**9)
        pattern = re.compile("|".join(re.escape(c.norm) for c in anywhere)) if anywhere else None
        longest = max((c.max_chars or 10**9 for c in anywhere), default=0)
        words = MappingProxyType({w: tuple(c) for w, c in by_word.items()})
        return cls(words, max(caps), tuple(anywhere), pattern, longest, _keys(anywhere))

    def _may_hold_anywhere(self, text: str) -> bool:
        """False when ``text`` surely holds no "contains" phrase: too long, or none of their key words."""
        if self.anywhere_re is None or len(text) > self.anywhere_chars:
            return False
        if self.anywhere_keys is None:
            return True
        low = text.lower()
        return any(key in low for key in self.anywhere_keys)

    def classify(self, text: str) -> tuple[str, str] | None:
        """(group, phrase) of the first group whose phrase ``text`` is, or None.

        >>> index = LineIndex.of([("ad-label", "line", 80, ["Anzeige"]),
        ...                       ("read-more", "prefix", 160, ["Weiterlesen", "Mehr lesen"])])
        >>> index.classify("[Anzeige]"), index.classify("Weiterlesen: Der Text"), index.classify("Heute")
        (('ad-label', 'Anzeige'), ('read-more', 'Weiterlesen'), None)
        """
        if text in self._seen:
            return self._seen[text]
        if len(self._seen) >= MAX_SEEN:
            self._seen.clear()
        verdict = self._seen[text] = self._classify(text.strip())
        return verdict

    @property
    def seen(self) -> dict[str, tuple[str, str] | None]:
        """The verdicts ``classify`` remembers, by line text (read them; ``classify`` keeps them)."""
        return self._seen

    def openings(self, word: str) -> tuple[tuple[str, ...], int]:
        """The normalised phrases of the first word ``word`` (one in ``by_word``) and the longest one's length.

        Every phrase of the index fits only a normalised text that starts with it.
        Worked out per word when first asked (a page asks for a few words of the thousand).
        """
        found = self._openings.get(word)
        if found is None:
            norms = tuple(c.norm for c in self.by_word[word])
            found = self._openings[word] = (norms, max(map(len, norms)))
        return found

    def _classify(self, text: str) -> tuple[str, str] | None:
        if not text or len(text) > self.max_chars:
            return None
        if text[0] in DASHES and text[-1] in DASHES and len(text) > 2:
            text = text[1:-1].strip()  # a label framed by dashes ("– Anzeige –"); one dash opens a quote
        # Most lines start with a word no phrase starts with and hold no "contains" phrase: the
        # first words of the line decide that without normalising all of it.
        word = plain_first_word(text)
        if word is not None and word not in self.by_word and not self._may_hold_anywhere(text):
            return None
        head = normalise(text[:HEAD_CHARS]).lstrip(HEAD_MARKS)
        if len(text) > HEAD_CHARS and head.count(" ") < 2:
            head = normalise(text).lstrip(HEAD_MARKS)  # a first word longer than the head: look at it all
        candidates = self.by_word.get(first_word(head), ())
        if not candidates and not self._may_hold_anywhere(text):
            return None
        norm = head if len(text) <= HEAD_CHARS else normalise(text).lstrip(HEAD_MARKS)
        found = None
        for candidate in candidates:
            if (not candidate.max_chars or len(text) <= candidate.max_chars) and candidate.fits(norm):
                found = candidate
                break
        if self.anywhere_re is None or not self.anywhere_re.search(norm):
            return (found.group, found.phrase) if found else None
        for candidate in self.anywhere:
            if found is not None and candidate.rank >= found.rank:
                break
            if (not candidate.max_chars or len(text) <= candidate.max_chars) and candidate.fits(norm):
                found = candidate
                break
        return (found.group, found.phrase) if found else None


def _keys(candidates: Iterable[Candidate]) -> tuple[str, ...] | None:
    """The longest plain ASCII word of each phrase (lower-casing the raw line keeps it), or None.

    A phrase without one of MIN_KEY_CHARS letters or more, as written ("все права защищены",
    "her hakkı saklıdır": "her" is in "there" and "other"), gives the longest run of letters in a
    word that ``lower`` keeps as ``casefold`` does, and not "i" (normalise folds "ı" and "İ" to "i",
    ``lower`` does not): "защищены", "hakk". An ASCII key with an "i" misses a line that writes it
    "İ": such a line did not match before "İ" was folded either.
    """
    keys = []
    for candidate in candidates:
        written = candidate.phrase.lower()  # a word with a folded "ı" or "İ" ("saklidir") is not in it
        plain = [
            w
            for w in candidate.norm.split()
            if w.isascii() and w.isalpha() and len(w) >= MIN_KEY_CHARS and w in written
        ]
        if not plain:
            plain = [run for w in candidate.norm.split() for run in "".join(map(_kept, w)).split()]
        if not plain:
            return None
        keys.append(max(plain, key=len))
    return tuple(sorted(set(keys)))


def _kept(char: str) -> str:
    """``char`` when ``text.lower()`` holds it wherever ``normalise(text)`` does, else a space."""
    upper = char.upper()
    keeps = char.isalpha() and char != "i" and upper.lower() == char == upper.casefold()
    return char if keeps else " "


@dataclass(frozen=True)
class WordIndex:
    """A "word" group's phrases (single words, or hyphenated ones): found anywhere in a text."""

    group: str
    words: MappingProxyType[str, str]

    def find(self, text: str) -> str | None:
        """The first word of ``text`` that is one of the phrases (as written in the pack), or None.

        >>> WordIndex.of("months", ["März", "Mai"]).find("Am 12. MÄRZ 2024")
        'März'
        """
        for word in normalise(text).split(" "):
            found = self.words.get(word.strip(EDGE_PUNCT))
            if found:
                return found
        return None

    @classmethod
    def of(cls, group: str, phrases: Iterable[str]) -> WordIndex:
        words: dict[str, str] = {}
        for phrase in phrases:
            words.setdefault(normalise(phrase).strip(EDGE_PUNCT), phrase)
        return cls(group, MappingProxyType(words))


@dataclass(frozen=True)
class GroupMatcher:
    """One group's phrases over some languages; ``find`` says which phrase a line is, or None."""

    group: str
    kind: str
    max_chars: int
    index: LineIndex | WordIndex

    def find(self, text: str) -> str | None:
        """The phrase (as written in the pack) that ``text`` matches as this group's kind, or None.

        >>> compile_group("comment-count", "line", 40, ["{n} Kommentare"]).find("1.234 Kommentare")
        '{n} Kommentare'
        """
        if isinstance(self.index, WordIndex):
            return self.index.find(text)
        hit = self.index.classify(text)
        return hit[1] if hit else None


def compile_group(group: str, kind: str, max_chars: int, phrases: Iterable[str]) -> GroupMatcher:
    """The matcher of a group's phrases (it never matches when there are none)."""
    if kind == "word":
        return GroupMatcher(group, kind, max_chars, WordIndex.of(group, phrases))
    return GroupMatcher(group, kind, max_chars, LineIndex.of([(group, kind, max_chars, phrases)]))
